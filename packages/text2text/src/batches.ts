import { type BatchSource, bucketBatches, type TrainBatch } from '@seq2seq/core';
import { targetBatch, textBatch, type TextBatch } from '@seq2seq/text';
import type { Fields } from './fields.js';

/** A tokenised example: source ids (no specials) and target ids (no specials). */
export interface IdPair {
  source: number[];
  target: number[];
}

/** Tokenises pairs once; sources that tokenise to nothing are dropped and counted. */
export function encodePairs(pairs: readonly { source: string; target: string }[], fields: Fields, limits: { maxSourceLength: number; maxTargetLength: number }): { examples: IdPair[]; dropped: number } {
  const examples: IdPair[] = [];
  let dropped = 0;
  for (const p of pairs) {
    const source = truncate(fields.source.ids(p.source), limits.maxSourceLength, fields.source.stats);
    if (source.length === 0) {
      dropped++;
      continue;
    }
    const target = truncate(fields.target.ids(p.target), limits.maxTargetLength - 1, fields.target.stats);
    examples.push({ source, target });
  }
  return { examples, dropped };
}

function truncate(ids: number[], room: number, stats: { truncated: number }): number[] {
  if (ids.length <= room) return ids;
  stats.truncated++;
  return ids.slice(0, room);
}

/** One epoch of length-bucketed batches (built lazily), in an order fixed by the seed. */
export function epochBatches(examples: readonly IdPair[], batchTokens: number, seed: number): BatchSource<TextBatch>[] {
  const groups = bucketBatches(examples, {
    batchSize: batchTokens,
    unit: 'tokens',
    lengthOf: (e) => Math.max(e.source.length, e.target.length + 1),
    seed,
    poolSize: 100 * Math.max(1, Math.floor(batchTokens / 20)),
  });
  return groups.map((g) => () => makeBatch(g));
}

export function makeBatch(group: readonly IdPair[]): TrainBatch<TextBatch> {
  const input = textBatch(group.map((e) => e.source));
  const target = targetBatch(group.map((e) => e.target));
  return {
    input,
    target,
    numTargetTokens: group.reduce((n, e) => n + e.target.length + 1, 0),
    dispose() {
      input.ids.dispose();
      input.mask.dispose();
      target.targetIn.dispose();
      target.targetOut.dispose();
      target.targetMask.dispose();
    },
  };
}
