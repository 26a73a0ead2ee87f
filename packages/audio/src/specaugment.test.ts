import { describe, expect, it } from 'vitest';
import { specAugment } from './specaugment.js';

const matrix = (frames: number, dim: number) => ({ data: Float32Array.from({ length: frames * dim }, (_, i) => 1 + (i % 7)), frames, dim });

describe('specAugment', () => {
  it('is seeded: same seed, same masks; another seed, other masks; input untouched', () => {
    const m = matrix(100, 12);
    const a = specAugment(m, { seed: 3 });
    expect(specAugment(m, { seed: 3 }).data).toEqual(a.data);
    expect(specAugment(m, { seed: 4 }).data).not.toEqual(a.data);
    expect(m.data.every((v) => v !== 0)).toBe(true);
  });

  it('masks whole channel bands and whole frame spans within the width limits', () => {
    const frames = 100;
    const dim = 12;
    for (let seed = 0; seed < 20; seed++) {
      const out = specAugment(matrix(frames, dim), { seed, freqMasks: 1, maxFreqWidth: 4, timeMasks: 1, maxTimeWidth: 30, maxTimeFraction: 0.1 });
      const zero = (t: number, j: number) => out.data[t * dim + j] === 0;
      const fullFrames = [...Array(frames).keys()].filter((t) => [...Array(dim).keys()].every((j) => zero(t, j)));
      const fullChannels = [...Array(dim).keys()].filter((j) => [...Array(frames).keys()].every((t) => zero(t, j)));
      expect(fullFrames.length).toBeLessThanOrEqual(10); // maxTimeFraction 0.1 of 100 frames
      expect(fullChannels.length).toBeLessThanOrEqual(4);
      // Every zero is explained by a masked frame or a masked channel, and both are contiguous.
      for (let t = 0; t < frames; t++) for (let j = 0; j < dim; j++) if (zero(t, j)) expect(fullFrames.includes(t) || fullChannels.includes(j)).toBe(true);
      for (const list of [fullFrames, fullChannels]) if (list.length) expect(list[list.length - 1]! - list[0]!).toBe(list.length - 1);
    }
  });

  it('applies frequency masks alike to each static/delta block', () => {
    const out = specAugment(matrix(40, 9), { seed: 1, freqMasks: 1, maxFreqWidth: 3, timeMasks: 0, blockDim: 3 });
    for (let t = 0; t < 40; t++) for (let j = 0; j < 3; j++) {
      const z = out.data[t * 9 + j] === 0;
      expect(out.data[t * 9 + j + 3] === 0).toBe(z);
      expect(out.data[t * 9 + j + 6] === 0).toBe(z);
    }
    expect(() => specAugment(matrix(4, 9), { seed: 1, blockDim: 4 })).toThrow(/does not divide/);
  });
});
