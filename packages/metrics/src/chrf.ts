import { formatSignature, MissingReferenceError, pyFixed, referencesPerSegment, sumOfLists } from './bleu-common.js';
import { allNgrams } from './chrf-ngrams.js';
import { chrfFScore, matchStatistics } from './chrf-score.js';

/** Options of sacreBLEU's `CHRF(...)`, with its defaults. */
export interface ChrfOptions {
  /** Character n-gram order (default 6). */
  charOrder?: number;
  /** Word n-gram order (default 0; 2 = chrF++). */
  wordOrder?: number;
  /** Recall weight (default 2). */
  beta?: number;
  /** Lower-case first (default false). */
  lowercase?: boolean;
  /** Keep whitespace inside character n-grams (default false). */
  whitespace?: boolean;
  /** chrF++.py-style epsilon smoothing instead of averaging over effective orders (default false). */
  epsSmoothing?: boolean;
}

export interface ChrfResult {
  /** 0-100. */
  score: number;
  charOrder: number;
  wordOrder: number;
  beta: number;
  /** e.g. `chrF2 = 70.14`, `chrF2++ = 71.00`. */
  formatted: string;
  /** e.g. `nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0`. */
  signature: string;
  /** Summed `[hyp, ref, match]` per order: character orders first, then word orders. */
  stats: number[];
  /** Each segment's statistics (against its best reference). */
  segmentStats: number[][];
}

/**
 * Corpus chrF / chrF++ exactly as sacreBLEU 2.6.0. `refs[k][i]` is the k-th reference of `hyps[i]`
 * (null = none); each segment uses its reference with the best sentence-level F (first wins ties).
 */
export function corpusChrf(hyps: readonly string[], refs: readonly (readonly (string | null)[])[], options: ChrfOptions = {}): ChrfResult {
  if (hyps.length === 0) throw new Error('corpusChrf: no hypotheses given');
  const charOrder = options.charOrder ?? 6;
  const wordOrder = options.wordOrder ?? 0;
  const beta = options.beta ?? 2;
  const lowercase = options.lowercase ?? false;
  const whitespace = options.whitespace ?? false;
  const epsSmoothing = options.epsSmoothing ?? false;
  const order = charOrder + wordOrder;
  const prep = (s: string): string => (lowercase ? s.toLowerCase() : s);
  const { segments, numRefs } = referencesPerSegment(hyps.length, refs);

  const segmentStats = segments.map((segRefs, i) => {
    // sacreBLEU's sum_of_lists indexes the empty statistics of such a segment.
    if (segRefs.length === 0) throw new MissingReferenceError(i, 'IndexError');
    const hypNgrams = allNgrams(prep(hyps[i]!), charOrder, wordOrder, whitespace);
    let best: number[] = [];
    let bestF = -1.0;
    for (const ref of segRefs) {
      const refNgrams = allNgrams(prep(ref), charOrder, wordOrder, whitespace);
      const stats = hypNgrams.flatMap((h, n) => matchStatistics(h, refNgrams[n]!));
      const f = chrfFScore(stats, order, beta, epsSmoothing);
      if (f > bestF) {
        bestF = f;
        best = stats;
      }
    }
    return best;
  });
  const stats = sumOfLists(segmentStats);
  const score = chrfFScore(stats, order, beta, epsSmoothing);
  const name = `chrF${beta}${'+'.repeat(wordOrder)}`;
  const signature = formatSignature(numRefs, [
    ['case', lowercase ? 'lc' : 'mixed'],
    ['eff', epsSmoothing ? 'no' : 'yes'],
    ['nc', charOrder],
    ['nw', wordOrder],
    ['space', whitespace ? 'yes' : 'no'],
  ]);
  return { score, charOrder, wordOrder, beta, formatted: `${name} = ${pyFixed(score, 2)}`, signature, stats, segmentStats };
}

/** Sentence chrF: `refs` are this hypothesis' references (nulls dropped). */
export function sentenceChrf(hyp: string, refs: readonly (string | null)[], options: ChrfOptions = {}): ChrfResult {
  return corpusChrf([hyp], refs.map((r) => [r]), options);
}
