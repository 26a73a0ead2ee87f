import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from '@seq2seq/core';

/** Frames after subsampling `frames` by `factor` (a power of 2): ceil halving, log2(factor) times = ceil(frames / factor). */
export function subsampledLength(frames: number, factor: number): number {
  let n = frames;
  for (let f = factor; f > 1; f /= 2) n = Math.ceil(n / 2);
  return n;
}

/** Appends a zero frame when F is odd. x [B, F, D] -> [B, 2*ceil(F/2), D] */
function padEven(x: tf.Tensor3D): tf.Tensor3D {
  return x.shape[1] % 2 === 0 ? x : tf.pad(x, [[0, 0], [0, 1], [0, 0]]);
}

/**
 * Halves a mask: output frame i covers source frames 2i and 2i+1 and is real if either is. With
 * right padding that gives ceil(len / 2) real frames. mask [B, F] -> [B, ceil(F/2)]
 */
export function halveMask(mask: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const m = padEven(mask.expandDims(2) as tf.Tensor3D);
    return tf.max(m.reshape([m.shape[0], m.shape[1] / 2, 2]), 2) as tf.Tensor2D;
  });
}

/** Pyramid step (LAS): concatenates frames 2i and 2i+1. x [B, F, D] -> [B, ceil(F/2), 2D] */
export function pairFrames(x: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => {
    const p = padEven(x);
    const [b, f, d] = p.shape;
    return p.reshape([b, f / 2, 2 * d]);
  });
}

export interface ConvParams {
  /** [3, In, Out] */
  kernel: tf.Variable;
  /** [Out] */
  bias: tf.Variable;
}

export function createConv(store: ParamStore, name: string, inDim: number, outDim: number): ConvParams {
  const s = store.scope(name);
  return { kernel: s.variable('kernel', [3, inDim, outDim], { kind: 'glorot' }), bias: s.variable('bias', [outDim], { kind: 'zeros' }) };
}

/**
 * Stride-2 convolution over time, kernel 3 centred on frame 2i (frames 2i-1, 2i, 2i+1), ReLU.
 * Padding is explicit (one zero frame each side) rather than 'same', whose left padding depends on
 * the parity of F and would shift real frames when a batch is padded. Inputs at padded frames and
 * outputs at padded frames are zeroed, so batch padding reads exactly like the zero edge.
 * x [B, F, In], mask [B, F] -> {x [B, ceil(F/2), Out], mask [B, ceil(F/2)]}
 */
export function convHalve(x: tf.Tensor3D, mask: tf.Tensor2D, p: ConvParams): { x: tf.Tensor3D; mask: tf.Tensor2D } {
  return tf.tidy(() => {
    const xin = tf.mul(x, mask.expandDims(2)) as tf.Tensor3D;
    const padded = tf.pad(xin, [[0, 0], [1, 1], [0, 0]]);
    const y = tf.relu(tf.add(tf.conv1d(padded, p.kernel as tf.Tensor3D, 2, 'valid'), p.bias)) as tf.Tensor3D;
    const m = halveMask(mask);
    return { x: tf.mul(y, m.expandDims(2)) as tf.Tensor3D, mask: m };
  });
}
