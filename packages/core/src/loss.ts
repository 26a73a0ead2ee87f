import * as tf from '@tensorflow/tfjs';
import { hasXentKernels, XENT_BACKWARD_KERNEL, XENT_FORWARD_KERNEL } from './nn/xent-kernels.js';

export interface CrossEntropyOptions {
  /** Label smoothing epsilon: target distribution is (1-eps) one-hot + eps uniform. Default 0. */
  labelSmoothing?: number;
}

/**
 * Masked token-level cross-entropy, averaged over real (mask = 1) target tokens.
 * logits [B, T, V], targets [B, T] int32, mask [B, T] (1 = real). Returns a scalar.
 *
 * Fused, with its own gradient: w_n (softmax_n - q_n), q_n = (1-eps) onehot(y_n) + eps/V, and
 * w_n = mask_n / (real tokens). Autodiff through logSoftmax, the one-hot product and the smoothing
 * mean kept about 20 [B, T, V] tensors alive per step (the largest in a text model: 3 GB of wasm
 * heap at B x T x V = 32M); this keeps one (the softmax) and takes fewer passes over them. On cpu
 * and wasm the forward and backward are single JS kernels (nn/xent-kernels.ts); other backends
 * use the ops below.
 */
export function maskedCrossEntropy(logits: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D, options: CrossEntropyOptions = {}): tf.Scalar {
  const eps = options.labelSmoothing ?? 0;
  const [b, t, v] = logits.shape;
  const n = b * t;
  return tf.tidy(() => {
    const idx = tf.cast(targets.reshape([n]), 'int32') as tf.Tensor1D;
    const m = tf.cast(mask.reshape([n]), 'float32');
    const weights = tf.div(m, tf.maximum(tf.sum(m), 1)) as tf.Tensor1D; // [N]
    const loss = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
      const { value, probs } = tf.tidy(() => {
        if (hasXentKernels()) {
          const [p, perToken] = tf.engine().runKernel(XENT_FORWARD_KERNEL, { logits: x, targets: idx, weights }, { eps }) as tf.Tensor[];
          return { value: tf.sum(perToken!), probs: p! };
        }
        const shifted = tf.sub(x, tf.max(x, 1, true)) as tf.Tensor2D; // [N, V]
        const exps = tf.exp(shifted);
        const sumExp = tf.sum(exps, 1, true); // [N, 1]
        const logZ = tf.log(sumExp).reshape([n]);
        const flatIndex = tf.add(tf.mul(tf.range(0, n, 1, 'int32'), tf.scalar(v, 'int32')), idx);
        const nll = tf.sub(logZ, tf.gather(shifted.reshape([n * v]), flatIndex)); // -log p(y)
        // -mean_v log p(v) = logZ - mean(shifted): the uniform part of the smoothed target.
        const perToken = eps > 0 ? tf.add(tf.mul(nll, 1 - eps), tf.mul(tf.sub(logZ, tf.mean(shifted, 1)), eps)) : nll;
        return { value: tf.sum(tf.mul(perToken, weights)), probs: tf.div(exps, sumExp) };
      });
      save([probs, idx, weights]);
      return {
        value,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [p, ids, w] = saved as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D];
          if (hasXentKernels()) return tf.engine().runKernel(XENT_BACKWARD_KERNEL, { probs: p, targets: ids, scale: tf.mul(w, dy) }, { eps }) as tf.Tensor;
          const scale = tf.mul(w, dy).reshape([n, 1]);
          // Plain 0/1 oneHot, then scaled: wasm's OneHot ignores on/off values and dtype.
          const target = tf.add(tf.mul(tf.cast(tf.oneHot(ids, v), 'float32'), 1 - eps), eps / v);
          return tf.mul(tf.sub(p, target), scale);
        },
      };
    }) as unknown as Parameters<typeof tf.customGrad>[0]);
    return loss(logits.reshape([n, v])) as tf.Scalar;
  });
}
