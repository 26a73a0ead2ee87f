import { type BatchSource, bucketBatches, type TrainBatch } from '@seq2seq/core';
import { copyIdMap, targetBatch, textBatch, type TextBatch } from '@seq2seq/text';
import type { Fields } from './fields.js';

/** A tokenised example: source ids (no specials) and target ids (no specials). */
export interface IdPair {
  source: number[];
  target: number[];
}

/** What encoding one side of the pairs met. */
export interface SideCounts {
  tokens: number;
  unknown: number;
  truncated: number;
}

/**
 * Pairs -> id pairs, truncated to the limits; pairs whose source encodes to nothing are dropped.
 * Counts are kept per side here, not read from the fields, because a shared vocabulary is one
 * field (and one stats object) for both sides.
 */
export function encodePairs(pairs: readonly { source: string; target: string }[], fields: Fields, limits: { maxSourceLength: number; maxTargetLength: number }): { examples: IdPair[]; dropped: number; counts: { source: SideCounts; target: SideCounts } } {
  const examples: IdPair[] = [];
  const counts = { source: { tokens: 0, unknown: 0, truncated: 0 }, target: { tokens: 0, unknown: 0, truncated: 0 } };
  let dropped = 0;
  for (const p of pairs) {
    const source = truncate(idsCounted(fields.source, p.source, counts.source), limits.maxSourceLength, counts.source);
    if (source.length === 0) {
      dropped++;
      continue;
    }
    const target = truncate(idsCounted(fields.target, p.target, counts.target), limits.maxTargetLength - 1, counts.target);
    examples.push({ source, target });
  }
  return { examples, dropped, counts };
}

/** The field's ids for one text (as TextField.ids), counted in `c` instead of the field's stats. */
function idsCounted(field: Fields['source'], text: string, c: SideCounts): number[] {
  return field.vocab.encode(field.tokenizer.encode(text), c);
}

function truncate(ids: number[], room: number, c: SideCounts): number[] {
  if (ids.length <= room) return ids;
  c.truncated++;
  return ids.slice(0, room);
}

/**
 * Source id -> target id of the same piece, or -1 (cached per field pair): text2text batches carry
 * these `copyIds` so a decoder with a copy mechanism can copy; other decoders ignore them.
 */
export function copyMapOf(fields: Fields): Int32Array {
  return copyIdMap(fields.source.vocab, fields.target.vocab);
}

/** How big a batch may be: padded tokens, and optionally the output layer's size. */
export interface BatchLimits {
  /** Padded tokens: count x the longest of source and target+1. */
  batchTokens: number;
  /**
   * Largest count x (longest target + 1) x target vocabulary: the [B, T, V] tensors of the output
   * layer, loss and copy mechanism, which dominate memory for large vocabularies. 0 = no limit.
   */
  batchLogits?: number;
  /** Target vocabulary size V (needed with batchLogits). */
  targetVocab?: number;
}

/**
 * One epoch of length-bucketed batches (built lazily), in an order fixed by the seed. With
 * `copyMap` (see `copyMapOf`) the batches carry copyIds.
 */
export function epochBatches(examples: readonly IdPair[], limits: BatchLimits, seed: number, copyMap?: ArrayLike<number>): BatchSource<TextBatch>[] {
  const { batchTokens, batchLogits = 0, targetVocab = 0 } = limits;
  const groups = bucketBatches(examples, {
    batchSize: batchTokens,
    unit: 'tokens',
    lengthOf: (e) => Math.max(e.source.length, e.target.length + 1),
    seed,
    poolSize: 100 * Math.max(1, Math.floor(batchTokens / 20)),
    ...(batchLogits > 0 && targetVocab > 0 ? { secondary: { lengthOf: (e: IdPair) => e.target.length + 1, maxTokens: Math.max(1, Math.floor(batchLogits / targetVocab)) } } : {}),
  });
  return groups.map((g) => () => makeBatch(g, copyMap));
}

/** A training batch; with `copyMap` (see `copyMapOf`; a copy model needs it) the input carries copyIds. */
export function makeBatch(group: readonly IdPair[], copyMap?: ArrayLike<number>): TrainBatch<TextBatch> {
  const input = textBatch(group.map((e) => e.source), copyMap ? { copyMap } : {});
  const target = targetBatch(group.map((e) => e.target));
  return {
    input,
    target,
    numTargetTokens: group.reduce((n, e) => n + e.target.length + 1, 0),
    dispose() {
      input.ids.dispose();
      input.mask.dispose();
      input.copyIds?.dispose();
      target.targetIn.dispose();
      target.targetOut.dispose();
      target.targetMask.dispose();
    },
  };
}
