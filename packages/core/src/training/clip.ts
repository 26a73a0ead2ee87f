import * as tf from '@tensorflow/tfjs';

/**
 * Scales all gradients by min(1, maxNorm / globalNorm), where globalNorm is the L2 norm of all of
 * them together. maxNorm <= 0 disables clipping (the norm is still returned, for logging).
 * Returns new tensors; call inside tf.tidy.
 */
export function clipByGlobalNorm(grads: Record<string, tf.Tensor>, maxNorm: number): { grads: Record<string, tf.Tensor>; norm: tf.Scalar } {
  const list = Object.values(grads);
  const norm = (list.length ? tf.sqrt(tf.addN(list.map((g) => tf.sum(tf.square(g))))) : tf.scalar(0)) as tf.Scalar;
  if (maxNorm <= 0) return { grads, norm };
  const scale = tf.div(maxNorm, tf.maximum(norm, maxNorm));
  const out: Record<string, tf.Tensor> = {};
  for (const [k, g] of Object.entries(grads)) out[k] = tf.mul(g, scale);
  return { grads: out, norm };
}
