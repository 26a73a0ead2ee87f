import { type AudioBatch, type FeatureMatrix, prepareAudioBatch, subsampledLength } from '@seq2seq/audio';
import type { Seq2Seq } from '@seq2seq/core';
import { decodeInBatches } from '@seq2seq/pipeline';
import { beamSearch, type Hypothesis } from '@seq2seq/search';
import type { TextField } from '@seq2seq/text';

export interface TranscribeOptions {
  /** Beam size; 1 = greedy. Default 5. */
  beam?: number;
  /** Hypotheses per input, best first (<= beam). Default 1. */
  nBest?: number;
  /** GNMT length penalty alpha. Default 0.6. */
  lengthPenalty?: number;
  /** Most output tokens. Default 100. */
  maxLength?: number;
  /** Also at most ratio x encoder frames + 5 tokens (a word or character takes >= 1 frame of 40 ms). Default 1. */
  maxLengthRatio?: number;
  /** Utterances decoded together. Default 32 (greedy) or 8 (beam). */
  batchSize?: number;
  /** Keep attention rows (output steps x encoder frames). Default false. */
  returnAttention?: boolean;
  /** The encoder's time reduction (for padding and output length limits). */
  factor: number;
  onProgress?: (done: number, total: number) => void;
}

export interface Transcript extends Hypothesis {
  text: string;
  pieces: string[];
}

/**
 * Decodes utterances sorted by length (little padding) and returns n-best lists in input order.
 * Several models (same vocabulary and front end) decode as an ensemble: their next-token
 * probabilities are averaged at every step.
 */
export function transcribeFeatures(model: Seq2Seq<AudioBatch> | readonly Seq2Seq<AudioBatch>[], target: TextField, feats: readonly FeatureMatrix[], o: TranscribeOptions): Promise<Transcript[][]> {
  return transcribeViews(model, target, [feats], o);
}

/**
 * Like transcribeFeatures, with several views of each utterance (e.g. its features under several
 * VTLP warps: test-time augmentation). Every (model, view) pair is an ensemble member. All views
 * must have the same utterances in the same order, each with the same number of frames.
 */
export async function transcribeViews(model: Seq2Seq<AudioBatch> | readonly Seq2Seq<AudioBatch>[], target: TextField, views: readonly (readonly FeatureMatrix[])[], o: TranscribeOptions): Promise<Transcript[][]> {
  const feats = views[0];
  if (!feats) throw new Error('transcribeViews: no view');
  for (const v of views) {
    if (v.length !== feats.length || v.some((f, i) => f.frames !== feats[i]!.frames)) throw new Error('transcribeViews: views must hold the same utterances with the same frame counts');
  }
  const models = Array.isArray(model) ? (model as readonly Seq2Seq<AudioBatch>[]) : [model as Seq2Seq<AudioBatch>];
  const beam = o.beam ?? 5;
  const batchSize = o.batchSize ?? (beam > 1 ? 8 : 32);
  const hyps = await decodeInBatches<AudioBatch>({
    count: feats.length,
    batchSize,
    lengthOf: (i) => feats[i]!.frames,
    models,
    // One batch per view: every (model, view) pair is an ensemble member.
    batchesOf: (idx) => views.map((v) => prepareAudioBatch(idx.map((i) => v[i]!), { padToMultiple: o.factor })),
    search: (decoder, memory, idx) =>
      beamSearch(decoder, memory, {
        sourceLengths: idx.map((i) => subsampledLength(feats[i]!.frames, o.factor)),
        maxLength: o.maxLength ?? 100,
        maxLengthRatio: o.maxLengthRatio ?? 1,
        maxLengthOffset: 5,
        returnAttention: o.returnAttention ?? false,
        beamSize: beam,
        nBest: Math.min(o.nBest ?? 1, beam),
        lengthPenalty: o.lengthPenalty ?? 0.6,
        earlyStopping: 'heuristic',
      }),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  return hyps.map((list) => (list ?? []).map((h) => ({ ...h, text: target.decode(h.tokens), pieces: h.tokens.map((t) => target.vocab.pieces[t] ?? '<unk>') })));
}
