import * as tf from '@tensorflow/tfjs';
import { dense, type DenseParams, type EncoderOutput } from '@seq2seq/core';

/** Floor added to every probability before the log, so tokens with no mass get a finite score. */
const EPS = 1e-9;

/**
 * sourceTokens [B, S] int32 (target-vocabulary ids, -1 = not in it) -> copy ids [B, S] int32 with
 * -1 mapped to V, a spare column that `scatterToVocab` drops. Built once per encoder output in
 * `prepare`. A [B, S] table instead of a [B, S, V] one-hot: the one-hot took O(B·S·V) memory
 * (hundreds of MB per batch for 400-piece documents and an 8k vocabulary, enough to exhaust the
 * wasm heap) and every beam reorder gathered all of it.
 */
export function copyIds(enc: EncoderOutput, vocabSize: number): tf.Tensor2D {
  const ids = enc.sourceTokens;
  if (!ids) {
    throw new Error('lstm decoder: copy is on but the encoder output has no sourceTokens (source ids in the target vocabulary); use an encoder/batch that provides them or turn copy off');
  }
  return tf.tidy(() => {
    const i = tf.cast(ids, 'int32');
    return tf.where(tf.logicalAnd(tf.greaterEqual(i, 0), tf.less(i, vocabSize)), i, tf.fill(i.shape, vocabSize, 'int32')) as tf.Tensor2D;
  });
}

/**
 * Scatters attention weights onto the target vocabulary: out[b, t, v] = sum of weights[b, t, s]
 * over the positions s with ids[b, s] = v. One segment sum over the B·S source positions
 * (O(B·S·T) work; its gradient is a gather), where a matMul with a one-hot would cost O(B·T·S·V).
 * weights [B, T, S], ids [B, S] from `copyIds` -> [B, T, V].
 */
export function scatterToVocab(weights: tf.Tensor3D, ids: tf.Tensor2D, vocabSize: number): tf.Tensor3D {
  return tf.tidy(() => {
    const [b, t, s] = weights.shape;
    const width = vocabSize + 1;
    const rows = tf.reshape(tf.transpose(weights, [0, 2, 1]), [b * s, t]); // [B·S, T]
    const offsets = tf.mul(tf.range(0, b, 1, 'int32'), tf.scalar(width, 'int32')).expandDims(1); // [B, 1]
    const segments = tf.reshape(tf.add(ids, offsets), [b * s]) as tf.Tensor1D;
    const summed = tf.reshape(tf.unsortedSegmentSum(rows, segments, b * width), [b, width, t]);
    return tf.transpose(tf.slice(summed, [0, 0, 0], [b, vocabSize, t]), [0, 2, 1]) as tf.Tensor3D;
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
export function copyLogProbs(logits: tf.Tensor3D, x: CopyInputs, ids: tf.Tensor2D, gate: DenseParams): tf.Tensor3D {
  return tf.tidy(() => {
    const pGen = tf.sigmoid(dense(tf.concat([x.context, x.top, x.embedded], 2), gate)); // [B, T, 1]
    const generated = tf.mul(pGen, tf.softmax(logits));
    const copied = tf.mul(tf.sub(1, pGen), scatterToVocab(x.weights, ids, logits.shape[2]));
    const p = tf.add(tf.add(generated, copied), EPS);
    return tf.sub(tf.log(p), tf.log(tf.sum(p, 2, true))) as tf.Tensor3D;
  });
}
