import { pySplit } from './tokenizers/whitespace.js';

/** Word n-gram counts per order: `counts[n-1]` maps the space-joined n-gram to its count. */
export type NgramCounts = Map<string, number>[];

/** sacreBLEU's `extract_all_word_ngrams(line, 1, maxOrder)`: n-grams of the whitespace-split tokens. */
export function extractWordNgrams(line: string, maxOrder: number): { ngrams: NgramCounts; length: number } {
  const tokens = pySplit(line);
  const ngrams: NgramCounts = [];
  for (let n = 1; n <= maxOrder; n++) {
    const counts = new Map<string, number>();
    for (let i = 0; i + n <= tokens.length; i++) {
      // Tokens hold no whitespace, so a space-joined key identifies the tuple.
      const key = tokens.slice(i, i + n).join(' ');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    ngrams.push(counts);
  }
  return { ngrams, length: tokens.length };
}

/** Reference side of one segment: n-gram counts maxed over references, and each reference's length. */
export interface BleuReferenceInfo {
  ngrams: NgramCounts;
  lengths: number[];
}

export function extractReferenceInfo(refs: readonly string[], maxOrder: number): BleuReferenceInfo {
  const merged: NgramCounts = Array.from({ length: maxOrder }, () => new Map<string, number>());
  const lengths: number[] = [];
  for (const ref of refs) {
    const { ngrams, length } = extractWordNgrams(ref, maxOrder);
    lengths.push(length);
    ngrams.forEach((counts, n) => {
      const into = merged[n]!;
      for (const [key, c] of counts) into.set(key, Math.max(into.get(key) ?? 0, c));
    });
  }
  return { ngrams: merged, lengths };
}

/** The reference length closest to the hypothesis length; ties go to the shorter reference. */
export function closestRefLength(hypLength: number, refLengths: readonly number[]): number {
  let closestDiff = -1;
  let closestLen = -1;
  for (const refLen of refLengths) {
    const diff = Math.abs(hypLength - refLen);
    if (closestDiff === -1 || diff < closestDiff) {
      closestDiff = diff;
      closestLen = refLen;
    } else if (diff === closestDiff && refLen < closestLen) closestLen = refLen;
  }
  return closestLen;
}

/** One segment's statistics: `[hyp_len, ref_len, correct_1..N, total_1..N]`. */
export function segmentStatistics(hypothesis: string, ref: BleuReferenceInfo, maxOrder: number): number[] {
  const { ngrams, length } = extractWordNgrams(hypothesis, maxOrder);
  const correct = new Array<number>(maxOrder).fill(0);
  const total = new Array<number>(maxOrder).fill(0);
  ngrams.forEach((counts, n) => {
    const refCounts = ref.ngrams[n]!;
    for (const [key, c] of counts) {
      total[n] = total[n]! + c;
      const r = refCounts.get(key);
      if (r !== undefined) correct[n] = correct[n]! + Math.min(c, r);
    }
  });
  return [length, closestRefLength(length, ref.lengths), ...correct, ...total];
}
