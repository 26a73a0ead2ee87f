import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from '../params.js';
import { createGru, gruInputProjection, gruStep, type GruParams } from './gru.js';
import { createLstm, lstmInputProjection, lstmStep, type LstmParams } from './lstm.js';

export type CellType = 'lstm' | 'gru';

export type RnnParams = { cell: 'lstm'; p: LstmParams } | { cell: 'gru'; p: GruParams };

export function createRnn(store: ParamStore, name: string, cell: CellType, inDim: number, units: number): RnnParams {
  return cell === 'lstm' ? { cell, p: createLstm(store, name, inDim, units) } : { cell, p: createGru(store, name, inDim, units) };
}

export interface RnnResult {
  /** [B, T, H]; zero at padded positions */
  outputs: tf.Tensor3D;
  /** [B, H] state after the last real position (first, when reversed) */
  h: tf.Tensor2D;
  /** [B, H] LSTM cell state (zeros for GRU) */
  c: tf.Tensor2D;
}

/**
 * Runs one recurrent layer over x [B, T, In] with mask [B, T]. Padded steps leave the state
 * unchanged, so padding never changes real positions' states nor the final state, in either
 * direction (right padding: the reversed pass starts from zeros at each row's last real token).
 */
export function runRnn(x: tf.Tensor3D, mask: tf.Tensor2D, rnn: RnnParams, options: { reverse?: boolean } = {}): RnnResult {
  return tf.tidy(() => {
    const [b, t] = x.shape;
    const units = rnn.p.units;
    const proj = rnn.cell === 'lstm' ? lstmInputProjection(x, rnn.p) : gruInputProjection(x, rnn.p);
    const projSteps = tf.unstack(proj, 1) as tf.Tensor2D[];
    const maskSteps = tf.unstack(tf.cast(mask, 'float32').expandDims(2), 1) as tf.Tensor2D[];
    let h = tf.zeros([b, units]) as tf.Tensor2D;
    let c = tf.zeros([b, units]) as tf.Tensor2D;
    const outs: tf.Tensor2D[] = new Array(t);
    for (let k = 0; k < t; k++) {
      const i = options.reverse ? t - 1 - k : k;
      const m = maskSteps[i]!;
      if (rnn.cell === 'lstm') {
        const next = lstmStep(projSteps[i]!, { h, c }, rnn.p);
        h = tf.add(h, tf.mul(m, tf.sub(next.h, h))) as tf.Tensor2D;
        c = tf.add(c, tf.mul(m, tf.sub(next.c, c))) as tf.Tensor2D;
      } else {
        const nh = gruStep(projSteps[i]!, h, rnn.p);
        h = tf.add(h, tf.mul(m, tf.sub(nh, h))) as tf.Tensor2D;
      }
      outs[i] = tf.mul(h, m) as tf.Tensor2D;
    }
    return { outputs: tf.stack(outs, 1) as tf.Tensor3D, h, c };
  });
}
