/**
 * BLEU-1..n as pycocoevalcap's `Bleu(4).compute_score(gts, res)` computes it (BleuScorer with
 * option 'closest'), quirks included: ratios are `(correct + 1e-15) / (guess + 1e-9)`, so a perfect
 * match gives 0.99999999977…, and the brevity penalty applies when `(testlen+1e-15)/(reflen+1e-9) < 1`.
 * Inputs are split on Python whitespace only.
 */
import { pySplit } from './wer-transforms.js';

export interface CocoBleuOptions {
  /** Maximum n-gram order. Default 4. */
  readonly n?: number;
}

export interface CocoBleuResult {
  /** Corpus BLEU-1..n (cumulative), fractions in [0, 1]. */
  readonly bleu: number[];
  /** `perSentence[k][i]`: BLEU-(k+1) of image i. */
  readonly perSentence: number[][];
  /** Summed hypothesis lengths. */
  readonly testlen: number;
  /** Summed closest reference lengths (ties go to the shorter). */
  readonly reflen: number;
}

const TINY = 1e-15;
const SMALL = 1e-9;

function ngramCounts(words: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let k = 1; k <= n; k++) {
    for (let i = 0; i + k <= words.length; i++) {
      const key = words.slice(i, i + k).join(' ');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/** Closest reference length, shorter on ties (`min((abs(l - testlen), l))`). */
export function cocoClosestRefLength(refLens: readonly number[], testlen: number): number {
  if (refLens.length === 0) throw new Error('ValueError: min() arg is an empty sequence (no references)');
  let best = refLens[0]!;
  for (const l of refLens) {
    const d = Math.abs(l - testlen);
    const bd = Math.abs(best - testlen);
    if (d < bd || (d === bd && l < best)) best = l;
  }
  return best;
}

/** COCO BLEU over images: `gts[i]` are the references of image i, `res[i]` its hypothesis. */
export function cocoBleu(gts: readonly (readonly string[])[], res: readonly string[], options: CocoBleuOptions = {}): CocoBleuResult {
  const n = options.n ?? 4;
  if (gts.length !== res.length) throw new Error(`cocoBleu: ${gts.length} reference sets for ${res.length} hypotheses`);
  const perSentence: number[][] = Array.from({ length: n }, () => []);
  const totalGuess = new Array<number>(n).fill(0);
  const totalCorrect = new Array<number>(n).fill(0);
  let testlenSum = 0;
  let reflenSum = 0;

  res.forEach((hyp, i) => {
    const refs = gts[i]!;
    if (refs.length === 0) throw new Error(`cocoBleu: image ${i} has no references`);
    const maxcounts = new Map<string, number>();
    const refLens: number[] = [];
    for (const ref of refs) {
      const words = pySplit(ref);
      refLens.push(words.length);
      for (const [g, c] of ngramCounts(words, n)) maxcounts.set(g, Math.max(maxcounts.get(g) ?? 0, c));
    }
    const words = pySplit(hyp);
    const testlen = words.length;
    const guess = Array.from({ length: n }, (_, k) => Math.max(0, testlen - k));
    const correct = new Array<number>(n).fill(0);
    for (const [g, c] of ngramCounts(words, n)) {
      const order = g.split(' ').length;
      correct[order - 1]! += Math.min(maxcounts.get(g) ?? 0, c);
    }
    const reflen = cocoClosestRefLength(refLens, testlen);
    testlenSum += testlen;
    reflenSum += reflen;
    let bleu = 1;
    for (let k = 0; k < n; k++) {
      totalGuess[k]! += guess[k]!;
      totalCorrect[k]! += correct[k]!;
      bleu *= (correct[k]! + TINY) / (guess[k]! + SMALL);
      perSentence[k]!.push(Math.pow(bleu, 1 / (k + 1)));
    }
    const ratio = (testlen + TINY) / (reflen + SMALL);
    if (ratio < 1) for (let k = 0; k < n; k++) perSentence[k]![i]! *= Math.exp(1 - 1 / ratio);
  });

  const bleus: number[] = [];
  let bleu = 1;
  for (let k = 0; k < n; k++) {
    bleu *= (totalCorrect[k]! + TINY) / (totalGuess[k]! + SMALL);
    bleus.push(Math.pow(bleu, 1 / (k + 1)));
  }
  const ratio = (testlenSum + TINY) / (reflenSum + SMALL);
  if (ratio < 1) for (let k = 0; k < n; k++) bleus[k]! *= Math.exp(1 - 1 / ratio);
  return { bleu: bleus, perSentence, testlen: testlenSum, reflen: reflenSum };
}
