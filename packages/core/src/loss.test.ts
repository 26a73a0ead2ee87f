import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks } from '@seq2seq/testing';
import { initBackend } from './backend/init.js';
import { maskedCrossEntropy } from './loss.js';
import { setXentKernels } from './nn/xent-kernels.js';

/** The textbook composition, differentiated by autodiff: what the fused loss must equal. */
function reference(logits: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D, eps: number): tf.Scalar {
  return tf.tidy(() => {
    const v = logits.shape[2];
    const logp = tf.logSoftmax(logits.reshape([-1, v]) as tf.Tensor2D);
    const q = tf.add(tf.mul(tf.oneHot(targets.reshape([-1]) as tf.Tensor1D, v).toFloat(), 1 - eps), eps / v);
    const perTok = tf.neg(tf.sum(tf.mul(logp, q), 1));
    const m = mask.reshape([-1]);
    return tf.div(tf.sum(tf.mul(perTok, m)), tf.maximum(tf.sum(m), 1)) as tf.Scalar;
  });
}

const maxRelDiff = (a: tf.Tensor, b: tf.Tensor) =>
  tf.tidy(() => tf.max(tf.div(tf.abs(tf.sub(a, b)), tf.add(tf.abs(b), 1e-3))).dataSync()[0] as number);

describe('maskedCrossEntropy', () => {
  const logits = tf.randomNormal([3, 4, 7], 0, 3, 'float32', 11) as tf.Tensor3D;
  const targets = tf.tensor2d([[1, 6, 0, 2], [3, 3, 5, 0], [4, 1, 1, 6]], [3, 4], 'int32');
  const mask = tf.tensor2d([[1, 1, 1, 0], [1, 1, 0, 0], [1, 1, 1, 1]]);

  it('equals the autodiff composition in value and gradient, with and without label smoothing', async () => {
    await initBackend({ backend: 'wasm', threads: 1, log: () => {} });
    const cases = (['cpu', 'wasm'] as const).flatMap((backend) => [0, 0.1].flatMap((eps) => [true, false].map((kernels) => ({ backend, eps, kernels }))));
    for (const { backend, eps, kernels } of cases) {
      await tf.setBackend(backend);
      setXentKernels(kernels);
      await expectNoLeaks(() => {
        tf.tidy(() => {
          const fused = tf.valueAndGrad((x: tf.Tensor) => maskedCrossEntropy(x as tf.Tensor3D, targets, mask, { labelSmoothing: eps }))(logits);
          const ref = tf.valueAndGrad((x: tf.Tensor) => reference(x as tf.Tensor3D, targets, mask, eps))(logits);
          expect(fused.value.dataSync()[0]).toBeCloseTo(ref.value.dataSync()[0]!, 5);
          expect(maxRelDiff(fused.grad, ref.grad)).toBeLessThan(1e-4);
          // Masked positions get no gradient.
          expect(tf.abs(fused.grad.slice([0, 3, 0], [1, 1, 7])).max().dataSync()[0]).toBe(0);
        });
      });
    }
    setXentKernels(true);
    await tf.setBackend('cpu');
  });

  it('is the mean negative log-likelihood of the real tokens; an all-padding batch gives 0', () => {
    tf.tidy(() => {
      const uniform = tf.zeros([1, 2, 4]) as tf.Tensor3D;
      const t = tf.tensor2d([[0, 3]], [1, 2], 'int32');
      expect(maskedCrossEntropy(uniform, t, tf.tensor2d([[1, 1]])).dataSync()[0]).toBeCloseTo(Math.log(4), 6);
      expect(maskedCrossEntropy(uniform, t, tf.tensor2d([[0, 0]])).dataSync()[0]).toBe(0);
      const g = tf.grad((x: tf.Tensor) => maskedCrossEntropy(x as tf.Tensor3D, t, tf.tensor2d([[0, 0]])))(uniform);
      expect(tf.abs(g).max().dataSync()[0]).toBe(0);
    });
  });
});
