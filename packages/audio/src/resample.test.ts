import { describe, expect, it } from 'vitest';
import { resample } from './resample.js';

const tone = (n: number, f: number, rate: number) => Float32Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * f * i) / rate));

/** Amplitude of frequency f in x (single-bin DFT over the middle, away from edge effects). */
function amplitudeAt(x: Float32Array, f: number, rate: number): number {
  const a = Math.floor(x.length / 4);
  const b = Math.floor((3 * x.length) / 4);
  let re = 0;
  let im = 0;
  for (let i = a; i < b; i++) {
    re += x[i]! * Math.cos((2 * Math.PI * f * i) / rate);
    im -= x[i]! * Math.sin((2 * Math.PI * f * i) / rate);
  }
  return (2 * Math.hypot(re, im)) / (b - a);
}

/** Strongest frequency on a 10 Hz grid up to Nyquist. */
function peakFrequency(x: Float32Array, rate: number): number {
  let best = 0;
  let bestA = -1;
  for (let f = 10; f < rate / 2; f += 10) {
    const a = amplitudeAt(x, f, rate);
    if (a > bestA) [best, bestA] = [f, a];
  }
  return best;
}

describe('resample', () => {
  for (const [from, to, f] of [[8000, 16000, 440], [16000, 8000, 1000], [44100, 16000, 3000], [22050, 16000, 700], [16000, 11025, 2000]] as const) {
    it(`${from} -> ${to} Hz keeps a ${f} Hz tone at ${f} Hz and its amplitude`, () => {
      const y = resample(tone(from / 2, f, from), from, to);
      expect(y.length).toBe(Math.ceil(to / 2));
      expect(peakFrequency(y, to)).toBe(f);
      expect(amplitudeAt(y, f, to)).toBeCloseTo(1, 2);
      // Sample-by-sample against the ideal band-limited tone, away from the edges.
      for (let i = 100; i < y.length - 100; i += 7) expect(Math.abs(y[i]! - Math.sin((2 * Math.PI * f * i) / to))).toBeLessThan(2e-3);
    });
  }

  it('low-passes before downsampling: a tone above the new Nyquist does not alias', () => {
    // 6 kHz at 16 kHz would alias to 2 kHz at 8 kHz without the filter.
    const y = resample(tone(8000, 6000, 16000), 16000, 8000);
    expect(amplitudeAt(y, 2000, 8000)).toBeLessThan(1e-3);
  });

  it('is the identity (a copy) for equal rates and rejects bad rates', () => {
    const x = tone(10, 100, 8000);
    const y = resample(x, 8000, 8000);
    expect(y).toEqual(x);
    expect(y).not.toBe(x);
    expect(() => resample(x, 0, 8000)).toThrow(/rates must be positive/);
  });
});
