import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '@seq2seq/core';

/** How strongly each image of a batch is perturbed (each draws its own values uniformly in the ranges). */
export interface AugmentOptions {
  /** Zoom factor range (1 = none). Default [0.8, 1.1]. */
  scale?: readonly [number, number];
  /** Largest shift as a fraction of the side. Default 0.08. */
  shift?: number;
  /** Largest rotation in degrees. Default 8. */
  rotateDegrees?: number;
  /** Largest brightness offset (values are in [0, 1]). Default 0.1. */
  brightness?: number;
  /** Contrast factor range. Default [0.7, 1.3]. */
  contrast?: readonly [number, number];
  /** Saturation factor range. Default [0.6, 1.3]. */
  saturation?: readonly [number, number];
  /** Probability of a grayscale image. Default 0.1 (kept low: colour names, e.g. skin tones and "red heart", depend on it). */
  grayscale?: number;
  /** Probability of thinning, and of thickening, dark outlines by one pixel (a 3x3 max/min filter). Default 0.2 each. */
  outline?: number;
}

/**
 * A randomly perturbed copy of pixels [B, H, W, 3] in [0, 1] (white = 1): rotation, zoom and shift
 * (uncovered area filled white), outline thinning/thickening, brightness, contrast, saturation,
 * grayscale. The same seed gives the same perturbations. These imitate what differs between
 * artists drawing the same emoji, so a captioner sees more than one style of each name.
 */
export function augmentPixels(pixels: tf.Tensor4D, seed: number, o: AugmentOptions = {}): tf.Tensor4D {
  const [b, h, w] = pixels.shape;
  const rand = mulberry32(seed);
  const u = (lo: number, hi: number) => lo + (hi - lo) * rand();
  const [s0, s1] = o.scale ?? [0.8, 1.1];
  const shift = o.shift ?? 0.08;
  const rot = ((o.rotateDegrees ?? 8) * Math.PI) / 180;
  const geo: number[] = [];
  const colour: number[][] = [[], [], [], []];
  const outline: number[] = [];
  for (let i = 0; i < b; i++) {
    // Output -> input mapping of tf.image.transform: rotate and zoom about the centre, then shift.
    const s = u(s0, s1);
    const t = u(-rot, rot);
    const [cos, sin] = [Math.cos(t) / s, Math.sin(t) / s];
    const [cx, cy, dx, dy] = [(w - 1) / 2, (h - 1) / 2, u(-shift, shift) * w, u(-shift, shift) * h];
    geo.push(cos, sin, cx - cos * cx - sin * cy - dx, -sin, cos, cy + sin * cx - cos * cy - dy, 0, 0);
    colour[0]!.push(u(-(o.brightness ?? 0.1), o.brightness ?? 0.1));
    colour[1]!.push(u(...(o.contrast ?? [0.7, 1.3])));
    colour[2]!.push(rand() < (o.grayscale ?? 0.1) ? 0 : u(...(o.saturation ?? [0.6, 1.3])));
    const r = rand();
    const p = o.outline ?? 0.2;
    outline.push(r < p ? 1 : r < 2 * p ? -1 : 0);
  }
  return tf.tidy(() => {
    // One transform call per image: tfjs's cpu Transform kernel gets batched inputs wrong (rows
    // after the first come out blank), so the batch is never passed whole.
    const rows = tf.split(pixels, b, 0).map((img, i) => tf.image.transform(img as tf.Tensor4D, tf.tensor2d(geo.slice(8 * i, 8 * i + 8), [1, 8]), 'bilinear', 'constant', 1));
    let x = (b === 1 ? rows[0]! : tf.concat(rows, 0)) as tf.Tensor4D;
    const pick = (v: number) => tf.tensor4d(outline.map((k) => (k === v ? 1 : 0)), [b, 1, 1, 1]);
    const thin = tf.maxPool(x, 3, 1, 'same');
    const thick = tf.neg(tf.maxPool(tf.neg(x), 3, 1, 'same'));
    const keep = tf.sub(1, tf.add(pick(1), pick(-1)));
    x = tf.addN([tf.mul(x, keep), tf.mul(thin, pick(1)), tf.mul(thick, pick(-1))]) as tf.Tensor4D;
    const col = (k: number) => tf.tensor4d(colour[k]!, [b, 1, 1, 1]);
    const gray = tf.mean(x, 3, true);
    x = tf.add(gray, tf.mul(tf.sub(x, gray), col(2)));
    const mean = tf.mean(x, [1, 2, 3], true);
    x = tf.add(tf.mul(tf.sub(x, mean), col(1)), mean);
    return tf.clipByValue(tf.add(x, col(0)), 0, 1) as tf.Tensor4D;
  });
}
