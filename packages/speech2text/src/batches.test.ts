import * as tf from '@tensorflow/tfjs';
import type { FeatureMatrix } from '@seq2seq/audio';
import { expectNoLeaks } from '@seq2seq/testing';
import { describe, expect, it } from 'vitest';
import { curriculumExamples, speechEpochBatches } from './batches.js';

const feats = (frames: number, v: number, dim = 6): FeatureMatrix => ({ data: new Float32Array(frames * dim).fill(v), frames, dim });
/** Real frames per row of a batch mask. */
const lengths = (mask: tf.Tensor2D): number[] => tf.tidy(() => Array.from(mask.sum(1).dataSync()));

describe('speech batches', () => {
  const examples = [30, 7, 12, 25, 9, 40, 18].map((f, i) => ({ features: feats(f, i + 1), target: Array.from({ length: (i % 3) + 1 }, (_, k) => 4 + k), words: (i % 3) + 1 }));

  it('keeps the frame budget, pads to the factor, covers every example once, same order for a seed', async () => {
    await expectNoLeaks(() => {
      const make = (seed: number) => speechEpochBatches(examples, { seed, epoch: 0 }, { batchFrames: 60, padToMultiple: 4 }).map((b) => (typeof b === 'function' ? b() : b));
      const a = make(3);
      const seen: number[] = [];
      for (const b of a) {
        const [B, F, C] = b.input.features.shape;
        expect(C).toBe(6);
        expect(F % 4).toBe(0);
        const lens = lengths(b.input.mask);
        expect(B * Math.max(...lens)).toBeLessThanOrEqual(Math.max(60, Math.max(...lens)));
        seen.push(...lens);
        expect(b.target.targetIn.shape[0]).toBe(B);
      }
      expect(seen.sort((x, y) => x - y)).toEqual([7, 9, 12, 18, 25, 30, 40]);
      const b = make(3);
      expect(b.map((x) => lengths(x.input.mask))).toEqual(a.map((x) => lengths(x.input.mask)));
      [...a, ...b].forEach((x) => x.dispose());
    });
  });

  it('SpecAugment masks training features (differently per epoch seed)', async () => {
    await expectNoLeaks(() => {
      const long = [{ features: feats(100, 1, 26), target: [4], words: 1 }];
      const zeros = (seed: number) => {
        const b = speechEpochBatches(long, { seed, epoch: 0 }, { batchFrames: 1000, padToMultiple: 1, specAugment: { blockDim: 13 } }).map((x) => (typeof x === 'function' ? x() : x))[0]!;
        const d = b.input.features.dataSync();
        b.dispose();
        return Array.from(d).map((v, i) => (v === 0 ? i : -1)).filter((i) => i >= 0);
      };
      const z1 = zeros(1);
      expect(z1.length).toBeGreaterThan(0);
      expect(z1.length).toBeLessThan(2600);
      expect(zeros(2)).not.toEqual(z1);
    });
  });

  it('curriculum: the first epochs train only on short targets, then on everything', async () => {
    const c = { epochs: 2, maxWords: 1 };
    expect(curriculumExamples(examples, 0, c).map((e) => e.words)).toEqual([1, 1, 1]);
    expect(curriculumExamples(examples, 2, c)).toBe(examples);
    expect(curriculumExamples(examples, 0, { epochs: 2, maxWords: 0 })).toBe(examples); // none short: all
    await expectNoLeaks(() => {
      const frames = (epoch: number) =>
        speechEpochBatches(examples, { seed: 1, epoch }, { batchFrames: 60, padToMultiple: 1, curriculum: c })
          .map((x) => (typeof x === 'function' ? x() : x))
          .flatMap((b) => {
            const l = lengths(b.input.mask);
            b.dispose();
            return l;
          })
          .sort((x, y) => x - y);
      expect(frames(1)).toEqual([18, 25, 30]); // examples 0, 3, 6 have one word
      expect(frames(2)).toEqual([7, 9, 12, 18, 25, 30, 40]);
    });
  });
});
