import * as tf from '@tensorflow/tfjs';
import { maskedCrossEntropy, type Seq2Seq } from '@seq2seq/core';
import type { TextBatch } from '@seq2seq/text';
import { copyMapOf, encodePairs, type Fields, makeBatch } from '@seq2seq/text2text';

/**
 * Teacher-forced perplexity: exp of the mean token cross-entropy (no label smoothing) of the
 * references, <eos> included. Targets longer than `maxTargetLength` are truncated, as in training.
 */
export async function perplexity(
  model: Seq2Seq<TextBatch>,
  fields: Fields,
  pairs: readonly { source: string; target: string }[],
  limits: { maxSourceLength: number; maxTargetLength: number },
  batchSize = 64,
): Promise<{ perplexity: number; tokens: number; dropped: number }> {
  const { examples, dropped } = encodePairs(pairs, fields, limits);
  const sorted = [...examples].sort((a, b) => a.source.length - b.source.length);
  let nll = 0;
  let tokens = 0;
  for (let i = 0; i < sorted.length; i += batchSize) {
    const batch = makeBatch(sorted.slice(i, i + batchSize), copyMapOf(fields));
    try {
      const sum = tf.tidy(() => {
        const logits = model.logits(batch.input, batch.target.targetIn);
        return maskedCrossEntropy(logits, batch.target.targetOut, batch.target.targetMask).mul(batch.numTargetTokens);
      });
      nll += (await sum.data())[0]!;
      sum.dispose();
      tokens += batch.numTargetTokens;
    } finally {
      batch.dispose();
    }
  }
  return { perplexity: tokens === 0 ? NaN : Math.exp(nll / tokens), tokens, dropped };
}
