import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from '../params.js';
import { createGru, gruInputProjection, gruStep, type GruParams } from './gru.js';
import { createLstm, lstmInputProjection, type LstmParams } from './lstm.js';
import { valuesIfSync } from './host-read.js';
import { lstmLayer } from './lstm-layer.js';

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
    if (rnn.cell === 'lstm') {
      // One custom-gradient op for the whole layer (see lstm-layer.ts).
      return lstmLayer(lstmInputProjection(x, rnn.p), rnn.p.recurrent as tf.Tensor2D, mask, options.reverse ?? false);
    }
    const [b, t] = x.shape;
    const units = rnn.p.units;
    const proj = gruInputProjection(x, rnn.p);
    const projSteps = tf.unstack(tf.transpose(proj, [1, 0, 2])) as tf.Tensor2D[];
    const maskVals = valuesIfSync(mask);
    let h = tf.zeros([b, units]) as tf.Tensor2D;
    const outs: tf.Tensor2D[] = new Array(t);
    let anyPad = false;
    for (let k = 0; k < t; k++) {
      const i = options.reverse ? t - 1 - k : k;
      const nh = gruStep(projSteps[i]!, h, rnn.p);
      let full = maskVals !== undefined;
      for (let r = 0; full && r < b; r++) if (maskVals![r * t + i] !== 1) full = false;
      if (full) h = nh;
      else {
        anyPad = true;
        const m = tf.slice(mask, [0, i], [b, 1]).cast('float32');
        h = tf.add(h, tf.mul(m, tf.sub(nh, h))) as tf.Tensor2D;
      }
      outs[i] = h;
    }
    let outputs = tf.stack(outs, 1) as tf.Tensor3D;
    if (anyPad) outputs = tf.mul(outputs, tf.cast(mask, 'float32').expandDims(2)) as tf.Tensor3D;
    return { outputs, h, c: tf.zeros([b, units]) as tf.Tensor2D };
  });
}
