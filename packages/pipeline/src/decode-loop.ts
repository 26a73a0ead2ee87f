import * as tf from '@tensorflow/tfjs';
import type { Decoder } from '@seq2seq/core';
import { decoderFor, type EncoderDecoder, type Hypothesis } from '@seq2seq/search';

export interface DecodeLoopOptions<Batch> {
  /** Inputs to decode, by index 0..count-1. */
  count: number;
  /** Inputs decoded together. */
  batchSize: number;
  /**
   * Sort key: inputs are decoded shortest first so a batch pads little, and the results come back in
   * input order. Omit to keep the input order (the sort is stable).
   */
  lengthOf?: (input: number) => number;
  /** Inputs not decoded at all (e.g. empty after tokenising); their result is undefined. */
  skip?: (input: number) => boolean;
  /** Ensemble members; several decode as one (their next-token probabilities are averaged). */
  models: readonly EncoderDecoder<Batch>[];
  /**
   * The batch of these inputs, or several views of it (e.g. speech under several warps): every
   * (model, view) pair is then an ensemble member. Disposed after the batch.
   */
  batchesOf: (inputs: readonly number[]) => Batch[];
  /** The search over one batch (beam search, sampling, constraints); `inputs` says which rows are which. */
  search: (decoder: Decoder, memory: tf.TensorContainer, inputs: readonly number[]) => Promise<Hypothesis[][]>;
  /** Called after each batch with the number of decoded inputs done and their total. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * The decode loop every pipeline shares: order the inputs, cut them into batches, encode each batch
 * once per ensemble member, run the search and put the n-best lists back in input order, disposing
 * every batch and memory on the way (also when the search throws). What is in a batch and which
 * search runs is the modality's.
 */
export async function decodeInBatches<Batch>(o: DecodeLoopOptions<Batch>): Promise<(Hypothesis[] | undefined)[]> {
  const order = Array.from({ length: o.count }, (_, i) => i).filter((i) => !o.skip?.(i));
  if (o.lengthOf) order.sort((a, b) => o.lengthOf!(a) - o.lengthOf!(b));
  const out: (Hypothesis[] | undefined)[] = new Array(o.count).fill(undefined);
  for (let start = 0; start < order.length; start += o.batchSize) {
    const idx = order.slice(start, start + o.batchSize);
    const batches = o.batchesOf(idx);
    try {
      const { decoder, memory } = decoderFor(o.models.flatMap((model) => batches.map((batch) => ({ model, batch }))));
      try {
        const hyps = await o.search(decoder, memory, idx);
        idx.forEach((i, k) => (out[i] = hyps[k]!));
      } finally {
        tf.dispose(memory);
      }
    } finally {
      tf.dispose(batches as unknown as tf.TensorContainer);
    }
    o.onProgress?.(Math.min(start + o.batchSize, order.length), order.length);
  }
  return out;
}
