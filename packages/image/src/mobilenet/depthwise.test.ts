import * as tf from '@tensorflow/tfjs';
import { expectNoLeaks } from '@seq2seq/testing';
import { describe, expect, it } from 'vitest';
import { depthwiseConv3x3 } from './depthwise.js';

const maxDiff = (a: tf.Tensor, b: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);

// Odd sides for stride 1 (the slices must not assume even grids); even ones for stride 2.
const cases: { stride: 1 | 2; shape: [number, number, number, number] }[] = [
  { stride: 1, shape: [2, 5, 7, 3] },
  { stride: 1, shape: [1, 7, 7, 4] },
  { stride: 2, shape: [2, 6, 8, 3] },
  { stride: 2, shape: [1, 14, 14, 2] },
];

describe('depthwiseConv3x3 (Pad/Slice/Mul/AddN)', () => {
  for (const { stride, shape } of cases) {
    it(`equals tf.depthwiseConv2d 'same', stride ${stride}, x [${shape}]: values and gradients`, async () => {
      const x = tf.randomNormal(shape, 0, 1, 'float32', 11) as tf.Tensor4D;
      const f = tf.randomNormal([3, 3, shape[3], 1], 0, 1, 'float32', 12) as tf.Tensor4D;
      const [b, h, w, c] = shape;
      // A fixed random cotangent, so every output position weighs differently in the gradient.
      const dy = tf.randomNormal([b, h / stride, w / stride, c], 0, 1, 'float32', 13);
      await expectNoLeaks(() => {
        const ours = depthwiseConv3x3(x, f, stride);
        const ref = tf.depthwiseConv2d(x, f, stride, 'same');
        expect(ours.shape).toEqual(ref.shape);
        expect(maxDiff(ours, ref)).toBeLessThan(1e-5);
        expect(tf.tidy(() => tf.max(tf.abs(ref)).dataSync()[0]!)).toBeGreaterThan(0.1);
        const loss = (conv: (a: tf.Tensor4D, k: tf.Tensor4D) => tf.Tensor4D) => (a: tf.Tensor, k: tf.Tensor) => tf.sum(tf.mul(conv(a as tf.Tensor4D, k as tf.Tensor4D), dy));
        const [gx, gf] = tf.grads(loss((a, k) => depthwiseConv3x3(a, k, stride)))([x, f]);
        const [rx, rf] = tf.grads(loss((a, k) => tf.depthwiseConv2d(a, k, stride, 'same')))([x, f]);
        expect(maxDiff(gx!, rx!)).toBeLessThan(1e-4);
        expect(maxDiff(gf!, rf!)).toBeLessThan(1e-4);
        expect(tf.tidy(() => tf.max(tf.abs(rf!)).dataSync()[0]!)).toBeGreaterThan(0.1);
        tf.dispose([ours, ref, gx, gf, rx, rf]);
      });
      tf.dispose([x, f, dy]);
    });
  }

  it('rejects a wrong filter and an odd grid at stride 2', () => {
    const x = tf.zeros([1, 5, 5, 2]) as tf.Tensor4D;
    const f = tf.zeros([3, 3, 3, 1]) as tf.Tensor4D;
    const g = tf.zeros([3, 3, 2, 1]) as tf.Tensor4D;
    expect(() => depthwiseConv3x3(x, f, 1)).toThrow(/filter must be \[3, 3, 2, 1\]/);
    expect(() => depthwiseConv3x3(x, g, 2)).toThrow(/even grid, got 5x5/);
    tf.dispose([x, f, g]);
  });
});
