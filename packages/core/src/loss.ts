import * as tf from '@tensorflow/tfjs';

export interface CrossEntropyOptions {
  /** Label smoothing epsilon: target distribution is (1-eps) one-hot + eps uniform. Default 0. */
  labelSmoothing?: number;
}

/**
 * Masked token-level cross-entropy, averaged over real (mask = 1) target tokens.
 * logits [B, T, V], targets [B, T] int32, mask [B, T] (1 = real). Returns a scalar.
 */
export function maskedCrossEntropy(logits: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D, options: CrossEntropyOptions = {}): tf.Scalar {
  const eps = options.labelSmoothing ?? 0;
  return tf.tidy(() => {
    const v = logits.shape[2];
    const flat = logits.reshape([-1, v]) as tf.Tensor2D;
    const logp = tf.logSoftmax(flat);
    const idx = targets.reshape([-1]).cast('int32');
    // Pick log p(target) with a one-hot product rather than gatherND: cheap and differentiable everywhere.
    const onehot = tf.oneHot(idx, v).cast('float32');
    const nll = tf.neg(tf.sum(tf.mul(logp, onehot), 1));
    let perTok = nll;
    if (eps > 0) {
      const smooth = tf.neg(tf.mean(logp, 1));
      perTok = tf.add(tf.mul(nll, 1 - eps), tf.mul(smooth, eps));
    }
    const m = mask.reshape([-1]).cast('float32');
    return tf.div(tf.sum(tf.mul(perTok, m)), tf.maximum(tf.sum(m), 1)) as tf.Scalar;
  });
}
