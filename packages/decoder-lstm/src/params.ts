import type * as tf from '@tensorflow/tfjs';
import { createDense, createEmbedding, createLstm, type DenseParams, type LstmParams, type ParamStore } from '@seq2seq/core';
import { createAttention, type AttentionParams } from './attention.js';
import type { ResolvedLstmDecoderConfig } from './config.js';

/** Every weight of the decoder; optional parts exist only when the config uses them. */
export interface DecoderParams {
  /** [V, E] */
  embedding: tf.Variable;
  /** Layer 0 reads the embedding (kernel [E, 4H]); layer l > 0 reads layer l-1's h. */
  layers: LstmParams[];
  /**
   * [H, 4H] layer 0's kernel for the fed-back attentional vector. A separate variable rather than
   * rows of one [E + H, 4H] kernel, so the embedding part projects all steps at once.
   */
  feedKernel?: tf.Variable;
  /** [D, 4H] layer 0's kernel for the summary fed at every step */
  summaryKernel?: tf.Variable;
  /** summary [D] -> initial (h, c) of every layer, [2 * layers * H] */
  bridge?: DenseParams;
  attention: AttentionParams;
  /** [c; h] [D + H] -> attentional vector [H] */
  combine?: DenseParams;
  /** Untied output layer [H, V] + [V] */
  output?: DenseParams;
  /** Tied output: attentional vector [H] -> [E] when H != E */
  tiedProjection?: DenseParams;
  /** Tied output bias [V] */
  outputBias?: tf.Variable;
  /** Copy gate: [context; top h; input embedding] [D + H + E] -> logit of p_gen [1] (copy only) */
  copyGate?: DenseParams;
}

/** Whether the previous attentional vector is fed back (only meaningful with attention). */
export const feedsAttention = (c: ResolvedLstmDecoderConfig): boolean => c.inputFeeding && c.attention !== 'none';

export function createDecoderParams(store: ParamStore, c: ResolvedLstmDecoderConfig): DecoderParams {
  const h = c.units;
  const p: DecoderParams = {
    embedding: createEmbedding(store, 'embedding', c.vocabSize, c.embeddingDim),
    layers: Array.from({ length: c.layers }, (_, l) => createLstm(store, `lstm${l}`, l === 0 ? c.embeddingDim : h, h)),
    attention: createAttention(store, c.attention, c.inputDim, h),
  };
  if (feedsAttention(c)) p.feedKernel = store.variable('lstm0/feed_kernel', [h, 4 * h], { kind: 'glorot' });
  if (c.feedSummary) p.summaryKernel = store.variable('lstm0/summary_kernel', [c.inputDim, 4 * h], { kind: 'glorot' });
  if (c.bridge === 'dense') p.bridge = createDense(store, 'bridge', c.inputDim, 2 * c.layers * h);
  // Luong's W_c has no bias: h~ = tanh(W_c [c; h]).
  if (c.attention !== 'none') p.combine = createDense(store, 'combine', c.inputDim + h, h, false);
  if (c.copy) p.copyGate = createDense(store, 'copy_gate', c.inputDim + h + c.embeddingDim, 1);
  if (c.tieEmbeddings) {
    if (h !== c.embeddingDim) p.tiedProjection = createDense(store, 'output_projection', h, c.embeddingDim, false);
    p.outputBias = store.variable('output/bias', [c.vocabSize], { kind: 'zeros' });
  } else {
    p.output = createDense(store, 'output', h, c.vocabSize);
  }
  return p;
}
