import type * as tf from '@tensorflow/tfjs';
import type { Decoder } from '@seq2seq/core';
import { beamSearch } from './beam.js';
import type { Hypothesis, SearchOptions } from './options.js';

/**
 * Greedy decoding: beam search with one beam and no length penalty (the same code path), so
 * score = logProb. Returns one hypothesis per input sentence.
 */
export async function greedy<S extends tf.TensorContainer, M extends tf.TensorContainer>(
  decoder: Decoder<S, M>,
  memory: M,
  options: SearchOptions = {},
): Promise<Hypothesis[]> {
  const out = await beamSearch(decoder, memory, { ...options, beamSize: 1, nBest: 1, lengthPenalty: 0, earlyStopping: 'exact' });
  return out.map((hs, i) => {
    const h = hs[0];
    if (!h) throw new Error(`greedy: sentence ${i} produced no hypothesis (every token blocked?)`);
    return h;
  });
}
