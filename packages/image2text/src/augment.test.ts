import * as tf from '@tensorflow/tfjs';
import { expectNoLeaks } from '@seq2seq/testing';
import { describe, expect, it } from 'vitest';
import { augmentPixels } from './augment.js';

/** [2, 16, 16, 3]: a dark square in the middle of a white image. */
function squares(): tf.Tensor4D {
  return tf.tidy(() => {
    const rows = Array.from({ length: 16 }, (_, y) => Array.from({ length: 16 }, (_, x) => (x >= 5 && x < 11 && y >= 5 && y < 11 ? [0.1, 0.2, 0.8] : [1, 1, 1])));
    return tf.stack([tf.tensor3d(rows), tf.tensor3d(rows)]) as tf.Tensor4D;
  });
}

describe('augmentPixels', () => {
  it('keeps shape and range, repeats with a seed, differs across seeds and rows, leaks nothing', async () => {
    const x = squares();
    await expectNoLeaks(() => tf.tidy(() => {
      const a = augmentPixels(x, 1);
      const b = augmentPixels(x, 1);
      const c = augmentPixels(x, 2);
      expect(a.shape).toEqual([2, 16, 16, 3]);
      expect(tf.min(a).dataSync()[0]).toBeGreaterThanOrEqual(0);
      expect(tf.max(a).dataSync()[0]).toBeLessThanOrEqual(1);
      expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBe(0);
      expect(tf.max(tf.abs(tf.sub(a, c))).dataSync()[0]).toBeGreaterThan(0.05);
      const [r0, r1] = tf.unstack(a);
      expect(tf.max(tf.abs(tf.sub(r0!, r1!))).dataSync()[0]).toBeGreaterThan(0.05);
    }));
    x.dispose();
  });

  it('with every perturbation off returns the image unchanged; a pure shift moves the square and fills white', async () => {
    const x = squares();
    const off = { scale: [1, 1], shift: 0, rotateDegrees: 0, brightness: 0, contrast: [1, 1], saturation: [1, 1], grayscale: 0, outline: 0 } as const;
    await expectNoLeaks(() => tf.tidy(() => {
      const same = augmentPixels(x, 5, off);
      expect(tf.max(tf.abs(tf.sub(same, x))).dataSync()[0]).toBeLessThan(1e-5);
      const moved = augmentPixels(x, 5, { ...off, shift: 0.25 });
      // the square's pixel count is kept up to interpolation at its border; the image is no longer equal
      expect(tf.max(tf.abs(tf.sub(moved, x))).dataSync()[0]).toBeGreaterThan(0.5);
      const dark = (t: tf.Tensor) => tf.sum(tf.less(tf.mean(t, 3), 0.5)).dataSync()[0]!;
      expect(Math.abs(dark(moved) - dark(x))).toBeLessThanOrEqual(2 * 12);
    }));
    x.dispose();
  });

  it('grayscale with probability 1 makes the channels equal', async () => {
    const x = squares();
    await expectNoLeaks(() => tf.tidy(() => {
      const g = augmentPixels(x, 9, { grayscale: 1, brightness: 0 });
      const [r, gg, b] = tf.split(g, 3, 3);
      expect(tf.max(tf.abs(tf.sub(r!, b!))).dataSync()[0]).toBeLessThan(1e-5);
      expect(tf.max(tf.abs(tf.sub(r!, gg!))).dataSync()[0]).toBeLessThan(1e-5);
    }));
    x.dispose();
  });
});
