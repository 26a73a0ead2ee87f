import type * as tf from '@tensorflow/tfjs';
import type { Decoder, Seq2Seq } from '@seq2seq/core';
import { decodeInBatches } from '@seq2seq/pipeline';
import { beamSearch, type Hypothesis, sample } from '@seq2seq/search';
import { textBatch, type TextBatch } from '@seq2seq/text';
import { copyMapOf } from './batches.js';
import type { Fields } from './fields.js';

export interface GenerateOptions {
  /** Beam size; 1 = greedy. Default 5. */
  beam?: number;
  /** Hypotheses per input, best first (<= beam). Default 1. */
  nBest?: number;
  /** GNMT length penalty alpha. Default 0.6. */
  lengthPenalty?: number;
  /** Output length limit as a multiple of the source length (plus 10 tokens). Default 2. */
  maxLengthRatio?: number;
  /** Absolute output length limit. Default 200. */
  maxLength?: number;
  /** Block repeated n-grams of this size (0 = off). Default 0. */
  noRepeatNgramSize?: number;
  /** Sentences decoded together. Default 64 (greedy) or 16 (beam). */
  batchSize?: number;
  /** Sample instead of searching, with this temperature (0 = off). Default 0. */
  temperature?: number;
  topK?: number;
  topP?: number;
  seed?: number;
  /** Keep attention rows for each output token. Default false. */
  returnAttention?: boolean;
  /** Source tokens kept (longer inputs are truncated). Default: the model's maxSourceLength. */
  maxSourceLength?: number;
  /**
   * Constrained decoding: the target ids allowed after `history` for input number `input` (its
   * index in `inputs`), <eos> included where it may end; undefined = any token.
   */
  allowedTokens?: (history: readonly number[], input: number) => readonly number[] | undefined;
  /** Awaited after each decoding step (see SearchOptions.betweenSteps); a server yields to the event loop here. */
  betweenSteps?: () => Promise<void>;
  /** Called after each batch with the number of inputs done. */
  onProgress?: (done: number, total: number) => void;
  /** Called for each input longer than maxSourceLength (it is cut to it), so callers can say so. */
  onTruncated?: (input: number, tokens: number) => void;
}

export interface Generated extends Hypothesis {
  text: string;
  /** Source pieces (for attention plots). */
  sourcePieces: string[];
  /** Output pieces. */
  targetPieces: string[];
}

/**
 * Decodes many inputs: sorts them by length so batches pad little, decodes batch by batch and
 * returns the n-best lists in the input order. Inputs that tokenise to nothing give an empty output.
 * Several models (same fields) decode as an ensemble: their next-token probabilities are averaged.
 */
export async function generate(model: Seq2Seq<TextBatch> | readonly Seq2Seq<TextBatch>[], fields: Fields, inputs: readonly string[], o: GenerateOptions = {}): Promise<Generated[][]> {
  const beam = o.beam ?? 5;
  const batchSize = o.batchSize ?? (beam > 1 ? 16 : 64);
  const maxSrc = o.maxSourceLength ?? 100;
  const ids = inputs.map((t, i) => {
    const all = fields.source.ids(t);
    if (all.length > maxSrc) o.onTruncated?.(i, all.length);
    return all.length > maxSrc ? all.slice(0, maxSrc) : all;
  });
  const copyMap = copyMapOf(fields);
  const empty: Generated = { tokens: [], score: 0, logProb: 0, tokenLogProbs: [], text: '', sourcePieces: [], targetPieces: [] };
  const hyps = await decodeInBatches<TextBatch>({
    count: inputs.length,
    batchSize,
    lengthOf: (i) => ids[i]!.length,
    skip: (i) => ids[i]!.length === 0,
    models: Array.isArray(model) ? (model as readonly Seq2Seq<TextBatch>[]) : [model as Seq2Seq<TextBatch>],
    // copyIds for a copying decoder (others ignore them).
    batchesOf: (idx) => [textBatch(idx.map((i) => ids[i]!), { copyMap })],
    search: (decoder, memory, idx) => search(decoder, memory, idx.map((i) => ids[i]!.length), idx, beam, o),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  return hyps.map((list, i) => {
    if (!list) return [empty];
    const srcPieces = ids[i]!.map((id) => fields.source.vocab.pieces[id] ?? '<unk>');
    return list.map((h) => ({ ...h, text: fields.target.decode(h.tokens), sourcePieces: srcPieces, targetPieces: h.tokens.map((t) => fields.target.vocab.pieces[t] ?? '<unk>') }));
  });
}

/** Beam search or sampling over one batch; `inputIndex[k]` is the input of row k. */
function search(decoder: Decoder, memory: tf.TensorContainer, sourceLengths: number[], inputIndex: readonly number[], beam: number, o: GenerateOptions): Promise<Hypothesis[][]> {
  const common = {
    sourceLengths,
    maxLengthRatio: o.maxLengthRatio ?? 2,
    maxLengthOffset: 10,
    maxLength: o.maxLength ?? 200,
    noRepeatNgramSize: o.noRepeatNgramSize ?? 0,
    returnAttention: o.returnAttention ?? false,
    ...(o.betweenSteps ? { betweenSteps: o.betweenSteps } : {}),
    ...(o.allowedTokens ? { allowedTokens: (history: readonly number[], sentence: number) => o.allowedTokens!(history, inputIndex[sentence]!) } : {}),
  };
  if (o.temperature && o.temperature > 0) {
    return sample(decoder, memory, { ...common, temperature: o.temperature, topK: o.topK ?? 0, topP: o.topP ?? 1, seed: o.seed ?? 0, numSamples: o.nBest ?? 1 });
  }
  return beamSearch(decoder, memory, { ...common, beamSize: beam, nBest: Math.min(o.nBest ?? 1, beam), lengthPenalty: o.lengthPenalty ?? 0.6, earlyStopping: 'heuristic' });
}
