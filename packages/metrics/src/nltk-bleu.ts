/**
 * BLEU as NLTK 3.8's `nltk.translate.bleu_score` computes it (`corpus_bleu`, `sentence_bleu`,
 * `auto_reweigh=False`), float for float: without smoothing a zero-match order gets precision
 * `sys.float_info.min`; with no unigram match the result is exactly 0; closest reference length
 * with ties to the shorter. Inputs are token lists (NLTK does no tokenization).
 */
import { pyFsum } from './nltk-bleu-fsum.js';

/** A modified precision kept as numerator/denominator, like NLTK's unnormalised `Fraction`. */
export interface NltkPrecision {
  readonly numerator: number;
  readonly denominator: number;
}

/** Maps the fractions `p_n` to the numbers whose logs enter the geometric mean. */
export type NltkSmoothingFunction = (pn: readonly NltkPrecision[]) => number[];

export interface NltkBleuOptions {
  /** Weights of orders 1..N. Default `[0.25, 0.25, 0.25, 0.25]`. */
  readonly weights?: readonly number[];
  /** `'none'` (NLTK's method0, the default), `'method1'` (ε added to zero numerators) or a function. */
  readonly smoothing?: 'none' | 'method1' | NltkSmoothingFunction;
  /** ε of method1. Default 0.1. */
  readonly epsilon?: number;
}

/** `sys.float_info.min`, the smallest normal double. */
const FLOAT_MIN = 2.2250738585072014e-308;

/** NLTK `SmoothingFunction().method0`. */
export const nltkSmoothingMethod0: NltkSmoothingFunction = (pn) => pn.map((p) => (p.numerator !== 0 ? p.numerator / p.denominator : FLOAT_MIN));

/** NLTK `SmoothingFunction(epsilon).method1`. */
export function nltkSmoothingMethod1(epsilon = 0.1): NltkSmoothingFunction {
  return (pn) => pn.map((p) => (p.numerator === 0 ? (p.numerator + epsilon) / p.denominator : p.numerator / p.denominator));
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  // JSON of the n-gram keeps tokens containing any character apart.
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = JSON.stringify(tokens.slice(i, i + n));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** NLTK `modified_precision(references, hypothesis, n)`. */
export function nltkModifiedPrecision(references: readonly (readonly string[])[], hypothesis: readonly string[], n: number): NltkPrecision {
  const counts = ngramCounts(hypothesis, n);
  const refCounts = references.map((r) => ngramCounts(r, n));
  let numerator = 0;
  let total = 0;
  for (const [g, c] of counts) {
    if (references.length === 0) throw new Error(`KeyError: no references to clip ${g}`);
    numerator += Math.min(c, Math.max(...refCounts.map((rc) => rc.get(g) ?? 0)));
    total += c;
  }
  return { numerator, denominator: Math.max(1, total) };
}

/** NLTK `closest_ref_length`: closest reference length, the shorter one on ties. */
export function nltkClosestRefLength(references: readonly (readonly string[])[], hypLen: number): number {
  if (references.length === 0) throw new Error('ValueError: min() arg is an empty sequence (no references)');
  let best = references[0]!.length;
  for (const r of references) {
    const d = Math.abs(r.length - hypLen);
    const bd = Math.abs(best - hypLen);
    if (d < bd || (d === bd && r.length < best)) best = r.length;
  }
  return best;
}

/** NLTK `brevity_penalty(closest_ref_len, hyp_len)`. */
export function nltkBrevityPenalty(closestRefLen: number, hypLen: number): number {
  if (hypLen > closestRefLen) return 1;
  if (hypLen === 0) return 0;
  return Math.exp(1 - closestRefLen / hypLen);
}

/**
 * NLTK `corpus_bleu(list_of_references, hypotheses, weights, smoothing_function)`, a fraction in
 * [0, 1]. `listOfReferences[i]` holds the token lists of the references of `hypotheses[i]`.
 */
export function nltkCorpusBleu(
  listOfReferences: readonly (readonly (readonly string[])[])[],
  hypotheses: readonly (readonly string[])[],
  options: NltkBleuOptions = {},
): number {
  const weights = options.weights ?? [0.25, 0.25, 0.25, 0.25];
  if (listOfReferences.length !== hypotheses.length) {
    throw new Error('The number of hypotheses and their reference(s) should be the same');
  }
  const num = new Array<number>(weights.length).fill(0);
  const den = new Array<number>(weights.length).fill(0);
  let hypLengths = 0;
  let refLengths = 0;
  hypotheses.forEach((hyp, s) => {
    const refs = listOfReferences[s]!;
    for (let i = 1; i <= weights.length; i++) {
      const p = nltkModifiedPrecision(refs, hyp, i);
      num[i - 1]! += p.numerator;
      den[i - 1]! += p.denominator;
    }
    hypLengths += hyp.length;
    refLengths += nltkClosestRefLength(refs, hyp.length);
  });
  const bp = nltkBrevityPenalty(refLengths, hypLengths);
  if (num[0] === 0) return 0;
  const smoothing = options.smoothing ?? 'none';
  const smooth =
    smoothing === 'none' ? nltkSmoothingMethod0 : smoothing === 'method1' ? nltkSmoothingMethod1(options.epsilon ?? 0.1) : smoothing;
  const pn = smooth(weights.map((_, i) => ({ numerator: num[i]!, denominator: den[i]! })));
  const terms: number[] = [];
  weights.forEach((w, i) => {
    const p = pn[i]!;
    if (p > 0) terms.push(w * Math.log(p));
  });
  return bp * Math.exp(pyFsum(terms));
}

/** NLTK `sentence_bleu(references, hypothesis, ...)` = `corpus_bleu([references], [hypothesis], ...)`. */
export function nltkSentenceBleu(
  references: readonly (readonly string[])[],
  hypothesis: readonly string[],
  options: NltkBleuOptions = {},
): number {
  return nltkCorpusBleu([references], [hypothesis], options);
}
