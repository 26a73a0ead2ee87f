/** Exact match: the fraction of predictions equal to their reference after a normalisation. */
import { cleanAnonymizeCommand } from './token-f1-command.js';
import { pyStrip } from './wer-transforms.js';

export type ExactMatchNormalize = 'none' | 'strip' | 'command' | ((s: string) => string);

export interface ExactMatchOptions {
  /**
   * `'strip'` (default): Python `str.strip()` on both sides; `'none'`: compare as is; `'command'`:
   * DocPrompting's `template_matching` (cleaned, anonymised shell commands); or a function.
   */
  readonly normalize?: ExactMatchNormalize;
}

function normalizer(n: ExactMatchNormalize): (s: string) => string {
  if (typeof n === 'function') return n;
  if (n === 'none') return (s) => s;
  if (n === 'command') return cleanAnonymizeCommand;
  return pyStrip;
}

/** 1 if `pred` matches `ref` after normalisation, else 0. */
export function exactMatchOne(ref: string, pred: string, options: ExactMatchOptions = {}): number {
  const f = normalizer(options.normalize ?? 'strip');
  return f(ref) === f(pred) ? 1 : 0;
}

/** Fraction in [0, 1] of pairs that match exactly (0 for no pairs). */
export function exactMatch(refs: readonly string[], preds: readonly string[], options: ExactMatchOptions = {}): number {
  if (refs.length !== preds.length) throw new Error(`exactMatch: ${refs.length} references for ${preds.length} predictions`);
  if (refs.length === 0) return 0;
  return refs.reduce((acc, r, i) => acc + exactMatchOne(r, preds[i]!, options), 0) / refs.length;
}
