import * as tf from '@tensorflow/tfjs';

/** Inverted dropout; identity when not training or rate is 0. */
export function dropout(x: tf.Tensor, rate: number, training: boolean, seed?: number): tf.Tensor {
  if (!training || rate <= 0) return x;
  return tf.dropout(x, rate, undefined, seed);
}
