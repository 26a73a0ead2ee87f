import { describe, expect, it } from 'vitest';
import { extractFeatures } from './features.js';
import { vtlpWarp, warpFilterBank } from './vtlp.js';

const tone = (n: number, f: number, rate: number) => Float32Array.from({ length: n }, (_, i) => 0.3 * Math.sin((2 * Math.PI * f * i) / rate));
const logmel = { kind: 'logmel' as const, sampleRate: 8000, melBands: 23, deltaOrder: 0 as const, normalize: 'none' as const };

/** Mean log-mel energy per band over the frames. */
function meanBands(x: Float32Array, vtlp?: number): number[] {
  const m = extractFeatures(x, 8000, logmel, vtlp === undefined ? {} : { vtlp });
  return Array.from({ length: m.dim }, (_, b) => {
    let s = 0;
    for (let f = 0; f < m.frames; f++) s += m.data[f * m.dim + b]!;
    return s / m.frames;
  });
}
const argmax = (xs: number[]) => xs.indexOf(Math.max(...xs));

describe('vtlp', () => {
  it('warps linearly below the boundary, keeps 0 and Nyquist, and is continuous and increasing', () => {
    for (const alpha of [0.9, 1, 1.1]) {
      expect(vtlpWarp(0, alpha, 4000)).toBe(0);
      expect(vtlpWarp(4000, alpha, 4000)).toBeCloseTo(4000, 9);
      expect(vtlpWarp(1000, alpha, 4000)).toBeCloseTo(1000 * alpha, 9);
      let prev = -1;
      for (let f = 0; f <= 4000; f += 10) {
        const w = vtlpWarp(f, alpha, 4000);
        expect(w).toBeGreaterThan(prev);
        if (prev >= 0) expect(w - prev).toBeLessThan(10 * 1.6);
        prev = w;
      }
    }
  });

  it('alpha 1 leaves the filter bank and the features unchanged', () => {
    const bank = [[0, 0.5, 1, 0.5, 0], [0, 0, 0, 1, 0.25]];
    expect(warpFilterBank(bank, 1, 8000, 8)).toEqual(bank);
    const x = tone(4000, 700, 8000);
    expect(meanBands(x, 1)).toEqual(meanBands(x));
  });

  it('a tone warped by alpha looks like a tone at alpha times its frequency', () => {
    // Spectral centroid in band units (energy-weighted mean band): moves by the warp.
    const centroid = (v: number[]) => {
      const e = v.map((x) => Math.exp(x - Math.max(...v)));
      return e.reduce((s, w, b) => s + w * b, 0) / e.reduce((s, w) => s + w, 0);
    };
    for (const [f0, alpha] of [[1000, 1.1], [1500, 0.9], [600, 1.12]] as const) {
      const warped = centroid(meanBands(tone(4000, f0, 8000), alpha));
      const moved = centroid(meanBands(tone(4000, f0 * alpha, 8000)));
      const plain = centroid(meanBands(tone(4000, f0, 8000)));
      expect(Math.sign(warped - plain)).toBe(Math.sign(alpha - 1));
      expect(Math.abs(warped - moved)).toBeLessThan(0.35 * Math.abs(plain - moved));
    }
  });
});
