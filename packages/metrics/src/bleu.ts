import { formatSignature, MissingReferenceError, pyFixed, referencesPerSegment, sumOfLists } from './bleu-common.js';
import { type BleuScore, computeBleu, SMOOTH_DEFAULTS, type SmoothMethod } from './bleu-compute.js';
import { extractReferenceInfo, segmentStatistics } from './bleu-ngrams.js';
import { bleuTokenizer, type BleuTokenizerName } from './tokenizers/bleu-tokenizers.js';
import { pyRstrip } from './tokenizers/whitespace.js';

export type { BleuScore, SmoothMethod } from './bleu-compute.js';
export type { BleuTokenizerName } from './tokenizers/bleu-tokenizers.js';

/** Options of sacreBLEU's `BLEU(...)`, with its defaults. */
export interface BleuOptions {
  /** Tokenizer (default `13a`). */
  tokenize?: BleuTokenizerName;
  /** Lower-case hypotheses and references first (default false). */
  lowercase?: boolean;
  /** Smoothing (default `exp`). */
  smoothMethod?: SmoothMethod;
  /** Value for `floor` (default 0.1) and `add-k` (default 1); null/undefined = the method's default. */
  smoothValue?: number | null;
  /** Highest n-gram order (default 4). */
  maxNgramOrder?: number;
  /** Average only over orders with hypothesis n-grams (default false; true for sentenceBleu). */
  effectiveOrder?: boolean;
}

export interface BleuResult extends BleuScore {
  /** sacreBLEU's signature, e.g. `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0`. */
  signature: string;
  /** Per segment `[hyp_len, ref_len, correct_1..N, total_1..N]`; the corpus statistics are their column sums. */
  segmentStats: number[][];
}

function resolve(options: BleuOptions): Required<Omit<BleuOptions, 'smoothValue'>> & { smoothValue: number | null } {
  const smoothMethod = options.smoothMethod ?? 'exp';
  if (!Object.hasOwn(SMOOTH_DEFAULTS, smoothMethod)) {
    throw new Error(`unknown smooth method '${smoothMethod}'; known: ${Object.keys(SMOOTH_DEFAULTS).join(', ')}`);
  }
  const maxNgramOrder = options.maxNgramOrder ?? 4;
  if (!Number.isInteger(maxNgramOrder) || maxNgramOrder < 1) throw new Error(`maxNgramOrder must be a positive integer, got ${maxNgramOrder}`);
  return {
    tokenize: options.tokenize ?? '13a',
    lowercase: options.lowercase ?? false,
    smoothMethod,
    smoothValue: options.smoothValue ?? null,
    maxNgramOrder,
    effectiveOrder: options.effectiveOrder ?? false,
  };
}

function bleuSignature(numRefs: number, o: ReturnType<typeof resolve>): string {
  let smooth: string = o.smoothMethod;
  const def = SMOOTH_DEFAULTS[o.smoothMethod];
  if (def !== null) smooth += `[${pyFixed(o.smoothValue ?? def, 2)}]`;
  return formatSignature(numRefs, [
    ['case', o.lowercase ? 'lc' : 'mixed'],
    ['eff', o.effectiveOrder ? 'yes' : 'no'],
    ['tok', o.tokenize],
    ['smooth', smooth],
  ]);
}

/**
 * Corpus BLEU exactly as sacreBLEU 2.6.0 computes it. `refs[k][i]` is the k-th reference of
 * `hyps[i]`; null entries mean "no k-th reference" (a variable number of references).
 */
export function corpusBleu(hyps: readonly string[], refs: readonly (readonly (string | null)[])[], options: BleuOptions = {}): BleuResult {
  if (hyps.length === 0) throw new Error('corpusBleu: no hypotheses given');
  const o = resolve(options);
  const tokenize = bleuTokenizer(o.tokenize);
  const preprocess = (s: string): string => tokenize(pyRstrip(o.lowercase ? s.toLowerCase() : s));
  const { segments, numRefs } = referencesPerSegment(hyps.length, refs);
  const segmentStats = segments.map((segRefs, i) => {
    // sacreBLEU fails on `ngram in None` here.
    if (segRefs.length === 0) throw new MissingReferenceError(i, 'TypeError');
    const info = extractReferenceInfo(segRefs.map(preprocess), o.maxNgramOrder);
    return segmentStatistics(preprocess(hyps[i]!), info, o.maxNgramOrder);
  });
  const stats = sumOfLists(segmentStats);
  const n = o.maxNgramOrder;
  const score = computeBleu(stats.slice(2, 2 + n), stats.slice(2 + n), Math.trunc(stats[0]!), Math.trunc(stats[1]!), o);
  return { ...score, signature: bleuSignature(numRefs, o), segmentStats };
}

/**
 * Sentence BLEU (sacreBLEU `sentence_bleu`): defaults to exp smoothing with `effectiveOrder: true`.
 * `refs` are this hypothesis' references; nulls are dropped.
 */
export function sentenceBleu(hyp: string, refs: readonly (string | null)[], options: BleuOptions = {}): BleuResult {
  return corpusBleu([hyp], refs.map((r) => [r]), { ...options, effectiveOrder: options.effectiveOrder ?? true });
}
