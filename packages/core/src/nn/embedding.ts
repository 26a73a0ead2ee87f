import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from '../params.js';

export function createEmbedding(store: ParamStore, name: string, vocabSize: number, dim: number): tf.Variable {
  return store.variable(name, [vocabSize, dim], { kind: 'uniform', scale: 0.1 });
}

/** ids [...] int32 -> [..., E] */
export function embed(table: tf.Tensor, ids: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const flat = ids.reshape([-1]);
    const rows = tf.gather(table, flat.cast('int32'));
    return rows.reshape([...ids.shape, table.shape[1] as number]);
  });
}
