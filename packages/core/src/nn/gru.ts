import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from '../params.js';
import { tanhViaSigmoid } from './lstm-layer.js';

/** Gate order: update z, reset r, candidate n (PyTorch/cuDNN formulation, reset after matMul). */
export interface GruParams {
  /** [In, 3H] */
  kernel: tf.Variable;
  /** [H, 3H] */
  recurrent: tf.Variable;
  /** [3H] input bias */
  bias: tf.Variable;
  /** [3H] recurrent bias */
  recurrentBias: tf.Variable;
  units: number;
}

export function createGru(store: ParamStore, name: string, inDim: number, units: number): GruParams {
  const s = store.scope(name);
  return {
    kernel: s.variable('kernel', [inDim, 3 * units], { kind: 'glorot' }),
    recurrent: s.variable('recurrent', [units, 3 * units], { kind: 'glorot' }),
    bias: s.variable('bias', [3 * units], { kind: 'zeros' }),
    recurrentBias: s.variable('recurrent_bias', [3 * units], { kind: 'zeros' }),
    units,
  };
}

/** One GRU step; `xProj` [B, 3H] = x·W + b precomputed for the sequence. h [B, H]. */
export function gruStep(xProj: tf.Tensor2D, h: tf.Tensor2D, p: GruParams): tf.Tensor2D {
  return tf.tidy(() => {
    const hProj = tf.add(tf.matMul(h, p.recurrent as tf.Tensor2D), p.recurrentBias) as tf.Tensor2D;
    const [xz, xr, xn] = tf.split(xProj, 3, 1);
    const [hz, hr, hn] = tf.split(hProj, 3, 1);
    const z = tf.sigmoid(tf.add(xz!, hz!));
    const r = tf.sigmoid(tf.add(xr!, hr!));
    const n = tanhViaSigmoid(tf.add(xn!, tf.mul(r, hn!)));
    // h' = (1 - z) * n + z * h
    return tf.add(n, tf.mul(z, tf.sub(h, n))) as tf.Tensor2D;
  });
}

/** x [B, T, In] -> [B, T, 3H] */
export function gruInputProjection(x: tf.Tensor3D, p: GruParams): tf.Tensor3D {
  return tf.tidy(() => {
    const [b, t, d] = x.shape;
    return tf.add(tf.matMul(x.reshape([b * t, d]), p.kernel as tf.Tensor2D), p.bias).reshape([b, t, 3 * p.units]) as tf.Tensor3D;
  });
}
