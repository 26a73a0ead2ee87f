import { describe, expect, it } from 'vitest';
import { addDeltas } from './deltas.js';
import { featureDim } from './feature-config.js';
import { extractFeatures } from './features.js';
import { normalizeUtterance } from './normalize.js';

const tone = (n: number, f: number, rate: number, amp = 0.3) => Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * f * i) / rate));

/**
 * Reference front end written out from the textbook recipe, independent of meyda and of our
 * frames.ts: 25 ms (or frameMs) / 10 ms frames, DC removal, pre-emphasis, symmetric Hamming, naive DFT,
 * |X|^2, triangular mel filters (mel = 1125 ln(1 + f/700), edges at FFT bins floor((N+1) f / sr)),
 * ln(1 + E), DCT-II (scale 2).
 */
function reference(x: Float32Array, rate: number, melBands: number, nMfcc: number, frameMs = 25): { logmel: number[][]; mfcc: number[][] } {
  const L = Math.round((rate * frameMs) / 1000);
  const H = Math.round(rate * 0.01);
  let N = 1;
  while (N < L) N *= 2;
  const frames = x.length <= L ? 1 : 1 + Math.floor((x.length - L) / H);
  const mel = (f: number) => 1125 * Math.log(1 + f / 700);
  const hz = (m: number) => 700 * (Math.exp(m / 1125) - 1);
  const edges = Array.from({ length: melBands + 2 }, (_, i) => Math.floor(((N + 1) * hz((i * mel(rate / 2)) / (melBands + 1))) / rate));
  const logmel: number[][] = [];
  const mfcc: number[][] = [];
  for (let t = 0; t < frames; t++) {
    const s = Array.from({ length: L }, (_, i) => x[t * H + i] ?? 0);
    const mean = s.reduce((a, b) => a + b, 0) / L;
    const d = s.map((v) => v - mean);
    const e = d.map((v, i) => (v - 0.97 * (i > 0 ? d[i - 1]! : v)) * 32768 * (0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (L - 1))));
    const power = Array.from({ length: N / 2 }, (_, k) => {
      let re = 0;
      let im = 0;
      for (let i = 0; i < L; i++) {
        re += e[i]! * Math.cos((2 * Math.PI * k * i) / N);
        im -= e[i]! * Math.sin((2 * Math.PI * k * i) / N);
      }
      return re * re + im * im;
    });
    const bands = Array.from({ length: melBands }, (_, m) => {
      const [lo, mid, hi] = [edges[m]!, edges[m + 1]!, edges[m + 2]!];
      let sum = 0;
      for (let k = lo; k < hi && k < N / 2; k++) sum += power[k]! * (k < mid ? (k - lo) / (mid - lo) : (hi - k) / (hi - mid));
      return Math.log(1 + sum);
    });
    logmel.push(bands);
    mfcc.push(Array.from({ length: nMfcc }, (_, k) => 2 * bands.reduce((a, v, n) => a + v * Math.cos((Math.PI / melBands) * (n + 0.5) * k), 0)));
  }
  return { logmel, mfcc };
}

function rows(m: { data: Float32Array; frames: number; dim: number }): number[][] {
  return Array.from({ length: m.frames }, (_, t) => Array.from(m.data.subarray(t * m.dim, (t + 1) * m.dim)));
}

describe('extractFeatures (meyda)', () => {
  // Two tones plus a little deterministic noise, so every band has energy.
  const rate = 8000;
  const x = Float32Array.from({ length: 1200 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 440 * i) / rate) + 0.1 * Math.sin((2 * Math.PI * 1800 * i) / rate) + 0.01 * Math.sin(i * i * 0.37));
  const ref = reference(x, rate, 23, 13);

  it('log-mel energies equal an independent DFT-based computation', () => {
    const got = rows(extractFeatures(x, rate, { kind: 'logmel', sampleRate: rate, melBands: 23, deltaOrder: 0, normalize: 'none' }));
    expect(got.length).toBe(ref.logmel.length);
    expect(got.length).toBe(13);
    got.forEach((r, t) => r.forEach((v, j) => expect(v).toBeCloseTo(ref.logmel[t]![j]!, 3)));
  });

  it('MFCCs equal an independent DFT + DCT computation', () => {
    const got = rows(extractFeatures(x, rate, { kind: 'mfcc', sampleRate: rate, melBands: 23, numCoefficients: 13, deltaOrder: 0, normalize: 'none' }));
    got.forEach((r, t) => r.forEach((v, j) => expect(Math.abs(v - ref.mfcc[t]![j]!)).toBeLessThan(2e-3 * Math.max(1, Math.abs(ref.mfcc[t]![j]!)))));
  });

  it("a pure tone's log-mel energy peaks in the mel band containing its frequency", () => {
    const sr = 16000;
    const bands = 40;
    const N = 512; // FFT size for a 400-sample window
    const mel = (f: number) => 1125 * Math.log(1 + f / 700);
    const edgeHz = (i: number) => 700 * (Math.exp((i * mel(sr / 2)) / (bands + 1) / 1125) - 1);
    const centreBin = (m: number) => Math.floor(((N + 1) * edgeHz(m + 1)) / sr);
    for (const f of [250, 1000, 2500, 6000]) {
      const m = extractFeatures(tone(4000, f, sr), sr, { kind: 'logmel', melBands: bands, deltaOrder: 0, normalize: 'none' });
      const r = rows(m)[10]!;
      const peak = r.indexOf(Math.max(...r));
      // The band's triangle spans edges peak .. peak+2 and contains f ...
      expect(edgeHz(peak)).toBeLessThan(f);
      expect(edgeHz(peak + 2)).toBeGreaterThan(f);
      // ... and, of the two bands whose triangles overlap at f, it is the one whose centre FFT bin is nearest f's bin.
      const bin = (f * N) / sr;
      const nearest = [...Array(bands).keys()].reduce((a, b) => (Math.abs(centreBin(b) - bin) < Math.abs(centreBin(a) - bin) ? b : a));
      expect(peak).toBe(nearest);
    }
  });

  it('resamples to the configured rate first: a tone at 8 kHz and at 16 kHz gives the same log-mel peak', () => {
    const a = rows(extractFeatures(tone(4000, 1000, 8000), 8000, { kind: 'logmel', deltaOrder: 0, normalize: 'none' }))[10]!;
    const b = rows(extractFeatures(tone(8000, 1000, 16000), 16000, { kind: 'logmel', deltaOrder: 0, normalize: 'none' }))[10]!;
    expect(a.indexOf(Math.max(...a))).toBe(b.indexOf(Math.max(...b)));
  });

  it('rebuilds meyda\'s filter bank when only the sample rate changes (meyda 5.6.3 would not)', () => {
    // Both configs use a 512-point FFT and 40 bands, so only the rate differs.
    const cfg = { kind: 'logmel' as const, melBands: 40, deltaOrder: 0 as const, normalize: 'none' as const };
    extractFeatures(tone(4000, 1000, 16000), 16000, { ...cfg, sampleRate: 16000, frameMs: 32 });
    const x8 = tone(2000, 1000, 8000);
    const got = rows(extractFeatures(x8, 8000, { ...cfg, sampleRate: 8000, frameMs: 64 }));
    const ref = reference(x8, 8000, 40, 1, 64).logmel;
    got.forEach((r, t) => r.forEach((v, j) => expect(v).toBeCloseTo(ref[t]![j]!, 3)));
  });

  it('frames at 25 ms / 10 ms, appends deltas and normalises per utterance', () => {
    const m = extractFeatures(tone(16000, 440, 16000), 16000);
    expect(m.frames).toBe(1 + Math.floor((16000 - 400) / 160)); // 98
    expect(m.dim).toBe(39);
    expect(featureDim({ kind: 'logmel', melBands: 80, deltaOrder: 1 } as Parameters<typeof featureDim>[0])).toBe(160);
    expect(extractFeatures(new Float32Array(100), 16000).frames).toBe(1); // shorter than a window
    expect(() => extractFeatures(x, rate, { numCoefficients: 41 })).toThrow(/numCoefficients must be an integer in 1\.\.min\(40/);
  });
});

describe('deltas and normalisation', () => {
  it('delta of a linear ramp is its slope (inside), delta-delta is 0 there', () => {
    const frames = 10;
    const c = Float32Array.from({ length: frames }, (_, t) => 3 * t + 1);
    const d = addDeltas(c, frames, 1, 2, 2);
    for (let t = 2; t < frames - 2; t++) {
      expect(d[t * 3 + 1]).toBeCloseTo(3, 5);
    }
    expect(d[5 * 3 + 2]).toBeCloseTo(0, 5);
    expect(d[0 * 3 + 1]).toBeCloseTo((1 * 3 + 2 * 6) / 10, 5); // edge: frames clamped (c[-1] = c[-2] = c[0])
  });

  it('CMVN gives zero mean, unit variance per channel; a constant channel stays finite', () => {
    const frames = 50;
    const data = Float32Array.from({ length: frames * 2 }, (_, i) => (i % 2 === 0 ? Math.sin(i) * 5 + 7 : 4));
    normalizeUtterance(data, frames, 2);
    const col = (j: number) => Array.from({ length: frames }, (_, t) => data[t * 2 + j]!);
    const mean = col(0).reduce((a, b) => a + b) / frames;
    const v = col(0).reduce((a, b) => a + (b - mean) ** 2, 0) / frames;
    expect(mean).toBeCloseTo(0, 5);
    expect(v).toBeCloseTo(1, 4);
    expect(col(1).every((z) => z === 0)).toBe(true);
  });
});
