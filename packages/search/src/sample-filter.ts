import * as tf from '@tensorflow/tfjs';

export interface FilterOptions {
  temperature: number;
  topK: number;
  topP: number;
}

/**
 * Sampling distribution [N, V] from log-probabilities [N, V]: temperature, then top-k, then top-p on
 * the renormalised result. Filtered tokens get probability exactly 0. Call inside tidy.
 */
export function samplingProbs(logProbs: tf.Tensor2D, o: FilterOptions): tf.Tensor2D {
  const [n, v] = logProbs.shape;
  // Temperature 0 is argmax: the single most likely token (ties kept).
  const k = o.temperature === 0 ? 1 : o.topK;
  let logits = o.temperature === 0 || o.temperature === 1 ? logProbs : tf.div(logProbs, o.temperature);
  if (k > 0 && k < v) {
    const kth = tf.slice(tf.topk(logits, k).values, [0, k - 1], [n, 1]);
    logits = tf.where(tf.less(logits, kth), -Infinity, logits);
  }
  let probs = tf.softmax(logits);
  if (o.topP < 1) {
    const sorted = tf.topk(probs, v).values; // [N, V] descending
    const before = tf.cumsum(sorted, 1, true); // mass strictly above each sorted entry
    // The nucleus is every entry whose preceding mass is still below p; its smallest member is the cut.
    const cut = tf.min(tf.where(tf.less(before, o.topP), sorted, Infinity), 1, true);
    probs = tf.where(tf.less(probs, cut), 0, probs);
  }
  return probs as tf.Tensor2D;
}

/**
 * Inverse-CDF draw [N] int32 from probs [N, V] with one uniform u in (0, 1] per row, so only N
 * random numbers cross to the device and zero-probability tokens can never be drawn.
 */
export function drawTokens(probs: tf.Tensor2D, u: readonly number[]): tf.Tensor1D {
  const [n, v] = probs.shape;
  const cdf = tf.cumsum(probs, 1);
  const target = tf.mul(tf.tensor2d(u as number[], [n, 1]), tf.slice(cdf, [0, v - 1], [n, 1]));
  const below = tf.sum(tf.cast(tf.less(cdf, target), 'int32'), 1);
  return tf.minimum(below, tf.scalar(v - 1, 'int32')) as tf.Tensor1D;
}
