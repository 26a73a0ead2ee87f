/**
 * Bag-of-tokens precision/recall/F1 as the DocPrompting tldr benchmark computes it for shell
 * commands (`dataset_helper/tldr/gen_metric.py`: `token_prf`, `measure_bag_of_word`), including its
 * 1e-10 terms in the denominators. Scores are fractions in [0, 1].
 */
import { commandBagOfWords } from './token-f1-command.js';
import { pySplit } from './wer-transforms.js';

export interface TokenPrf {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface TokenPrfOptions {
  /** With an empty gold list: 1 if the prediction is empty too, else 0 (DocPrompting's `match_blank`). Default false. */
  readonly matchBlank?: boolean;
}

function counts(tokens: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of tokens) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** `token_prf(tok_gold, tok_pred, match_blank)` on token lists. */
export function tokenPrf(gold: readonly string[], pred: readonly string[], options: TokenPrfOptions = {}): TokenPrf {
  if (options.matchBlank && gold.length === 0) {
    const v = pred.length === 0 ? 1 : 0;
    return { precision: v, recall: v, f1: v };
  }
  const g = counts(gold);
  const p = counts(pred);
  let hit = 0;
  for (const [t, c] of g) hit += Math.min(c, p.get(t) ?? 0);
  const precision = hit / (pred.length + 1e-10);
  const recall = hit / (gold.length + 1e-10);
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall + 1e-10) };
}

export interface TokenF1Options {
  /** Tokenizer applied to both strings. Default: Python `str.split()`. */
  readonly tokenize?: (s: string) => string[];
}

/** Token F1 of one prediction against one gold string (whitespace tokens unless `tokenize` is given). */
export function tokenF1(gold: string, pred: string, options: TokenF1Options = {}): TokenPrf {
  const tok = options.tokenize ?? pySplit;
  return tokenPrf(tok(gold), tok(pred));
}

/** `measure_bag_of_word(gold, pred)` for shell commands: whole-command and argument-only scores. */
export interface CommandTokenMetrics extends TokenPrf {
  /** 1 if the first tokens (the command names) agree. */
  readonly cmdAcc: number;
  /** Scores over tokens after the command name, with `matchBlank`. */
  readonly noCmd: TokenPrf;
}

export function commandTokenMetrics(gold: string, pred: string): CommandTokenMetrics {
  const g = commandBagOfWords(gold);
  const p = commandBagOfWords(pred);
  const whole = tokenPrf(g, p);
  const cmdAcc = (g[0] ?? 'NONE_GOLD') === (p[0] ?? 'NONE_PRED') ? 1 : 0;
  return { ...whole, cmdAcc, noCmd: tokenPrf(g.slice(1), p.slice(1), { matchBlank: true }) };
}

/** Mean token F1 over pairs (`np.mean` of the per-pair F1 in DocPrompting), with command normalisation. */
export function corpusCommandTokenF1(golds: readonly string[], preds: readonly string[]): number {
  if (golds.length !== preds.length) throw new Error(`corpusCommandTokenF1: ${golds.length} golds for ${preds.length} predictions`);
  if (golds.length === 0) return 0;
  return golds.reduce((acc, g, i) => acc + commandTokenMetrics(g, preds[i]!).f1, 0) / golds.length;
}
