import * as tf from '@tensorflow/tfjs';
import { dense, type DenseParams, type EncoderOutput } from '@seq2seq/core';

/** Floor added to every probability before the log, so tokens with no mass get a finite score. */
const EPS = 1e-9;

/**
 * sourceTokens [B, S] int32 (target-vocabulary ids, -1 = not in it) -> one-hot [B, S, V] float32.
 * Built once per encoder output in `prepare`; -1 rows are all zero (oneHot of an out-of-range id),
 * so those positions scatter nothing.
 */
export function copyOneHot(enc: EncoderOutput, vocabSize: number): tf.Tensor3D {
  const ids = enc.sourceTokens;
  if (!ids) {
    throw new Error('lstm decoder: copy is on but the encoder output has no sourceTokens (source ids in the target vocabulary); use an encoder/batch that provides them or turn copy off');
  }
  return tf.tidy(() => {
    // Clamp before oneHot and zero afterwards, so no backend has to agree on out-of-range ids.
    const valid = tf.cast(tf.greaterEqual(ids, 0), 'float32').expandDims(2);
    return tf.mul(tf.oneHot(tf.maximum(ids, tf.scalar(0, 'int32')) as tf.Tensor2D, vocabSize).toFloat(), valid) as tf.Tensor3D;
  });
}

/** What the copy gate reads at each step, plus the attention weights it copies with. */
export type CopyInputs = {
  /** [B, T, S] attention weights */
  weights: tf.Tensor3D;
  /** [B, T, D] attention context */
  context: tf.Tensor3D;
  /** [B, T, H] top LSTM layer's output */
  top: tf.Tensor3D;
  /** [B, T, E] embedded decoder inputs */
  embedded: tf.Tensor3D;
};

/**
 * Pointer-generator output (See et al. 2017): p_gen = sigmoid(w·[context; h; embedding] + b),
 * P = p_gen · softmax(logits) + (1 - p_gen) · (attention weights scattered onto the source ids).
 * Attention mass on positions without a target id (-1) is dropped and P renormalised, so the
 * result is a proper distribution. Returns log(P + eps) - log(sum(P + eps)) [B, T, V]: normalised
 * log-probabilities, which logSoftmax (the loss, search) returns unchanged.
 */
export function copyLogProbs(logits: tf.Tensor3D, x: CopyInputs, oneHot: tf.Tensor3D, gate: DenseParams): tf.Tensor3D {
  return tf.tidy(() => {
    const pGen = tf.sigmoid(dense(tf.concat([x.context, x.top, x.embedded], 2), gate)); // [B, T, 1]
    const generated = tf.mul(pGen, tf.softmax(logits));
    // The scatter as one batched matMul: [B, T, S] x [B, S, V].
    const copied = tf.mul(tf.sub(1, pGen), tf.matMul(x.weights, oneHot));
    const p = tf.add(tf.add(generated, copied), EPS);
    return tf.sub(tf.log(p), tf.log(tf.sum(p, 2, true))) as tf.Tensor3D;
  });
}
