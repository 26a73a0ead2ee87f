import { mulberry32, shuffleInPlace } from '../random.js';

export interface BucketOptions<T> {
  /** Examples per batch, or padded tokens per batch (count x longest) when unit is 'tokens'. */
  batchSize: number;
  /** Default 'examples'. */
  unit?: 'examples' | 'tokens';
  /** Length used for grouping and for the token budget (e.g. max of source and target length). */
  lengthOf: (example: T) => number;
  /** Shuffle seed (examples before bucketing, then the batch order). Undefined: no shuffling. */
  seed?: number;
  /**
   * Examples sorted by length together. Default: all of them (tightest padding); a smaller pool
   * mixes lengths more across batches.
   */
  poolSize?: number;
  /**
   * A second padded-token budget that a batch must also respect: count x the longest `lengthOf`
   * <= `maxTokens`. Text models use it to bound count x target length, which times the vocabulary
   * is the output layer's [B, T, V] memory.
   */
  secondary?: { lengthOf: (example: T) => number; maxTokens: number };
}

/**
 * Groups examples into batches of similar length, so padding is small. Deterministic for a given
 * seed, which is what lets the trainer resume at the same position in the data order. An example
 * longer than the token budget gets a batch of its own.
 */
export function bucketBatches<T>(examples: readonly T[], options: BucketOptions<T>): T[][] {
  const { batchSize, lengthOf } = options;
  if (!(batchSize >= 1)) throw new Error(`batchSize must be >= 1, got ${batchSize}`);
  const rand = options.seed === undefined ? undefined : mulberry32(options.seed);
  const second = options.secondary;
  const items = examples.map((x) => ({ x, len: lengthOf(x), len2: second ? second.lengthOf(x) : 0 }));
  if (rand) shuffleInPlace(items, rand);
  const pool = Math.max(1, options.poolSize ?? items.length);
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += pool) {
    // Array.prototype.sort is stable, so ties keep the (shuffled) order.
    const sorted = items.slice(start, start + pool).sort((a, b) => a.len - b.len);
    let current: T[] = [];
    let longest = 0;
    let longest2 = 0;
    for (const { x, len, len2 } of sorted) {
      const fits =
        (options.unit === 'tokens' ? (current.length + 1) * Math.max(longest, len) <= batchSize : current.length < batchSize) &&
        (!second || (current.length + 1) * Math.max(longest2, len2) <= second.maxTokens);
      if (!fits && current.length > 0) {
        batches.push(current);
        current = [];
        longest = 0;
        longest2 = 0;
      }
      current.push(x);
      longest = Math.max(longest, len);
      longest2 = Math.max(longest2, len2);
    }
    if (current.length > 0) batches.push(current);
  }
  return rand ? shuffleInPlace(batches, rand) : batches;
}
