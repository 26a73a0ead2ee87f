import { formatSignature, MissingReferenceError, pyFixed, referencesPerSegment, sumOfLists } from './bleu-common.js';
import { translationEditRate } from './ter-rate.js';
import { type TercomOptions, tokenizeTercom } from './tokenizers/tokenizer-ter.js';
import { pyRstrip, pySplit } from './tokenizers/whitespace.js';

/** Options of sacreBLEU's `TER(...)`; all default to false (so TER is case-insensitive by default). */
export type TerOptions = TercomOptions;

export interface TerResult {
  /** 100 * edits / reference length (100 if the references are empty but there are edits). */
  score: number;
  /** Total of each segment's fewest edits over its references. */
  numEdits: number;
  /** Sum of each segment's average reference length. */
  refLength: number;
  /** e.g. `TER = 30.42`. */
  formatted: string;
  /** e.g. `nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.6.0`. */
  signature: string;
  /** Per segment `[best_num_edits, average_ref_length]`. */
  segmentStats: number[][];
}

/**
 * Corpus TER exactly as sacreBLEU 2.6.0 (Tercom-style shifts, beam edit distance). `refs[k][i]` is
 * the k-th reference of `hyps[i]` (null = none).
 */
export function corpusTer(hyps: readonly string[], refs: readonly (readonly (string | null)[])[], options: TerOptions = {}): TerResult {
  if (hyps.length === 0) throw new Error('corpusTer: no hypotheses given');
  const o: Required<TerOptions> = {
    normalized: options.normalized ?? false,
    noPunct: options.noPunct ?? false,
    asianSupport: options.asianSupport ?? false,
    caseSensitive: options.caseSensitive ?? false,
  };
  const preprocess = (s: string): string => tokenizeTercom(pyRstrip(s), o);
  // sacreBLEU preprocesses references twice (in _cache_references and again in
  // _extract_reference_info); it matters e.g. for "HMM's." with normalized + noPunct.
  const hypWordsOf = (s: string): string[] => pySplit(preprocess(s));
  const refWordsOf = (s: string): string[] => pySplit(preprocess(preprocess(s)));
  const { segments, numRefs } = referencesPerSegment(hyps.length, refs);
  const segmentStats = segments.map((segRefs, i) => {
    // sacreBLEU divides the summed reference length by the number of references.
    if (segRefs.length === 0) throw new MissingReferenceError(i, 'ZeroDivisionError');
    const hypWords = hypWordsOf(hyps[i]!);
    let refLengths = 0;
    let best = 1e16;
    for (const ref of segRefs) {
      const { edits, refLength } = translationEditRate(hypWords, refWordsOf(ref));
      refLengths += refLength;
      if (edits < best) best = edits;
    }
    return [best, refLengths / segRefs.length];
  });
  const [totalEdits, sumRefLengths] = sumOfLists(segmentStats) as [number, number];
  let rate: number;
  if (sumRefLengths > 0) rate = totalEdits / sumRefLengths;
  else rate = totalEdits > 0 ? 1.0 : 0.0;
  const score = 100 * rate;
  const signature = formatSignature(numRefs, [
    ['case', o.caseSensitive ? 'mixed' : 'lc'],
    ['tok', 'tercom'],
    ['norm', o.normalized],
    ['punct', !o.noPunct],
    ['asian', o.asianSupport],
  ]);
  return { score, numEdits: Math.trunc(totalEdits), refLength: sumRefLengths, formatted: `TER = ${pyFixed(score, 2)}`, signature, segmentStats };
}

/** Sentence TER: `refs` are this hypothesis' references (nulls dropped). */
export function sentenceTer(hyp: string, refs: readonly (string | null)[], options: TerOptions = {}): TerResult {
  return corpusTer([hyp], refs.map((r) => [r]), options);
}
