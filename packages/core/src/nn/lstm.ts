import * as tf from '@tensorflow/tfjs';
import { fusable, LSTM_CELL_KERNEL, lstmCellFused } from './fused-kernels.js';
import type { ParamStore } from '../params.js';
import { tanhViaSigmoid } from './lstm-layer.js';

/** Gate order in the fused kernels: input, forget, cell candidate, output. */
export interface LstmParams {
  /** [In, 4H] */
  kernel: tf.Variable;
  /** [H, 4H] */
  recurrent: tf.Variable;
  /** [4H], forget-gate part initialised to 1 */
  bias: tf.Variable;
  units: number;
}

export function createLstm(store: ParamStore, name: string, inDim: number, units: number): LstmParams {
  const s = store.scope(name);
  const kernel = s.variable('kernel', [inDim, 4 * units], { kind: 'glorot' });
  const recurrent = s.variable('recurrent', [units, 4 * units], { kind: 'glorot' });
  const bias = s.variable('bias', [4 * units], { kind: 'zeros' });
  // Forget-gate bias 1 (Jozefowicz et al. 2015): remembers by default early in training.
  const init = tf.tidy(() => tf.concat([tf.zeros([units]), tf.ones([units]), tf.zeros([2 * units])]));
  bias.assign(init);
  init.dispose();
  return { kernel, recurrent, bias, units };
}

export type LstmState = {
  /** [B, H] */
  h: tf.Tensor2D;
  /** [B, H] */
  c: tf.Tensor2D;
};

/**
 * One LSTM step with one fused gate matMul. `xProj` [B, 4H] is the input projection x·W + b, which
 * callers compute for a whole sequence at once (one big matMul instead of T small ones).
 */
export function lstmStep(xProj: tf.Tensor2D, state: LstmState, p: LstmParams): LstmState {
  return tf.tidy(() => {
    // Decoding (no tape, small batch): one fused kernel (with the add) instead of ~15 dispatches.
    if (fusable(LSTM_CELL_KERNEL, state.h.size)) return lstmCellFused(tf.matMul(state.h, p.recurrent as tf.Tensor2D), state.h, state.c, { x: xProj });
    const z = tf.add(xProj, tf.matMul(state.h, p.recurrent as tf.Tensor2D)) as tf.Tensor2D;
    const [zi, zf, zg, zo] = tf.split(z, 4, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    // tanh as 2·sigmoid(2x) − 1: the wasm backend's tanh is a slow scalar loop.
    const c = tf.add(tf.mul(tf.sigmoid(zf), state.c), tf.mul(tf.sigmoid(zi), tanhViaSigmoid(zg))) as tf.Tensor2D;
    const h = tf.mul(tf.sigmoid(zo), tanhViaSigmoid(c)) as tf.Tensor2D;
    return { h, c };
  });
}

/** x [B, T, In] -> [B, T, 4H]: input projections of all steps in one matMul. */
export function lstmInputProjection(x: tf.Tensor3D, p: LstmParams): tf.Tensor3D {
  return tf.tidy(() => {
    const [b, t, d] = x.shape;
    return tf.add(tf.matMul(x.reshape([b * t, d]), p.kernel as tf.Tensor2D), p.bias).reshape([b, t, 4 * p.units]) as tf.Tensor3D;
  });
}
