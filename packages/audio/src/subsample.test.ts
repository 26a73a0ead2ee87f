import * as tf from '@tensorflow/tfjs';
import { expectNoLeaks } from '@seq2seq/testing';
import { describe, expect, it } from 'vitest';
import { prepareAudioBatch } from './batch.js';
import { halveMask, pairFrames, subsampledLength } from './subsample.js';

const mat = (frames: number, dim: number, base = 0) => ({ data: Float32Array.from({ length: frames * dim }, (_, i) => base + i + 1), frames, dim });

describe('prepareAudioBatch', () => {
  it('right-pads features with zeros and builds the mask', async () => {
    await expectNoLeaks(() => {
      const b = prepareAudioBatch([mat(3, 2), mat(1, 2, 100)], { padToMultiple: 4 });
      expect(b.features.shape).toEqual([2, 4, 2]);
      expect(b.features.arraySync()).toEqual([[[1, 2], [3, 4], [5, 6], [0, 0]], [[101, 102], [0, 0], [0, 0], [0, 0]]]);
      expect(b.mask.arraySync()).toEqual([[1, 1, 1, 0], [1, 0, 0, 0]]);
      tf.dispose(b);
    });
    expect(() => prepareAudioBatch([mat(3, 2), mat(3, 3)])).toThrow(/item 1 has 3 frames x 3 dims/);
    expect(() => prepareAudioBatch([])).toThrow(/empty batch/);
  });
});

describe('subsampling', () => {
  it('halveMask keeps ceil(len/2) real frames; twice gives ceil(len/4)', async () => {
    await expectNoLeaks(() => {
      const lengths = [1, 2, 3, 4, 5, 6, 7, 8, 9, 13];
      const F = 13;
      const mask = tf.tensor2d(lengths.map((l) => Array.from({ length: F }, (_, t) => (t < l ? 1 : 0))));
      const once = halveMask(mask);
      const twice = halveMask(once);
      expect(once.shape).toEqual([lengths.length, 7]);
      expect(twice.shape).toEqual([lengths.length, 4]);
      expect(tf.tidy(() => tf.sum(twice, 1).arraySync())).toEqual(lengths.map((l) => Math.ceil(l / 4)));
      expect(tf.tidy(() => tf.sum(once, 1).arraySync())).toEqual(lengths.map((l) => Math.ceil(l / 2)));
      tf.dispose([mask, once, twice]);
    });
    expect([1, 4, 5, 8, 9, 100].map((l) => subsampledLength(l, 4))).toEqual([1, 1, 2, 2, 3, 25]);
    expect(subsampledLength(17, 8)).toBe(3);
  });

  it('pairFrames concatenates frames 2i and 2i+1 and zero-pads an odd length', async () => {
    await expectNoLeaks(() => {
      const x = tf.tensor3d([[[1], [2], [3]]]);
      const y = pairFrames(x);
      expect(y.arraySync()).toEqual([[[1, 2], [3, 0]]]);
      tf.dispose([x, y]);
    });
  });
});
