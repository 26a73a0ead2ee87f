import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { encoderOutput } from '@seq2seq/core';
import { expectNoLeaks } from '@seq2seq/testing';
import { maskedSoftmax } from './attention.js';
import { ATTENTION_TYPES, fakeEncoderOutput, makeDecoder, maxAbsDiff, randomTokens } from './fixtures.test-helper.js';

describe('maskedSoftmax', () => {
  it('gives padded positions exactly zero and sums to one over real ones', async () => {
    const scores = tf.tensor3d([[[5, -2, 40, 1]], [[0, 0, 0, 0]]]);
    const mask = tf.tensor2d([[1, 1, 0, 0], [0, 0, 0, 0]]);
    await expectNoLeaks(() => {
      const w = maskedSoftmax(scores, mask);
      const [row0, row1] = w.arraySync().map((r) => r[0]!);
      expect(row0![2]).toBe(0);
      expect(row0![3]).toBe(0);
      expect(row0![0]! + row0![1]!).toBeCloseTo(1, 6);
      expect(row0![0]).toBeCloseTo(1 / (1 + Math.exp(-7)), 6);
      // No real position at all: all zeros rather than uniform attention over padding.
      expect(row1).toEqual([0, 0, 0, 0]);
      w.dispose();
    });
    tf.dispose([scores, mask]);
  });
});

describe('decoder attention and padding', () => {
  it.each(ATTENTION_TYPES.filter((a) => a !== 'none'))('%s: zero weight on padding, padded states change nothing', async (attention) => {
    for (const inputFeeding of [true, false]) {
      const { decoder, store } = makeDecoder({ attention, inputFeeding, layers: 2 });
      const enc = fakeEncoderOutput([5, 2, 3], 5);
      // Same real positions and summary; padded positions replaced by large different values.
      const noisy = tf.tidy(() => {
        const noise = tf.mul(tf.randomNormal(enc.states.shape, 0, 100, 'float32', 77), tf.sub(1, enc.mask.expandDims(2)));
        return encoderOutput({ states: tf.add(enc.states, noise), mask: tf.clone(enc.mask), summary: tf.clone(enc.summary) });
      });
      const targetIn = randomTokens(3, 4, 8);
      await expectNoLeaks(() => {
        const m1 = decoder.prepare(enc);
        const m2 = decoder.prepare(noisy);
        const a = decoder.forward(targetIn, m1);
        const b = decoder.forward(targetIn, m2);
        expect(maxAbsDiff(enc.states, noisy.states)).toBeGreaterThan(10);
        expect(maxAbsDiff(a.logits, b.logits)).toBeLessThan(1e-6);
        const weights = a.attention!.arraySync();
        const mask = enc.mask.arraySync();
        weights.forEach((row, i) =>
          row.forEach((w) => {
            w.forEach((x, j) => {
              if (mask[i]![j] === 0) expect(x).toBe(0);
            });
            expect(w.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
          }),
        );
        tf.dispose([m1, m2, a, b]);
      });
      tf.dispose([enc, noisy, targetIn]);
      store.dispose();
    }
  });
});
