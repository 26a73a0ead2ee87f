/**
 * ROUGE as Google's rouge-score 0.1.2 computes it: rouge1..rouge9 (n-gram overlap), rougeL
 * (LCS over the whole text) and rougeLsum (summary-level union LCS over "\n"-separated sentences,
 * with ROUGE-1.5.5's guard against double counting). Scores are fractions in [0, 1].
 */
import { lcsTable, unionLcs } from './rouge-lcs.js';
import { rougeTokenize } from './rouge-tokenize.js';

export interface RougeScore {
  readonly precision: number;
  readonly recall: number;
  readonly fmeasure: number;
}

export interface RougeOptions {
  /** Default `['rouge1', 'rouge2', 'rougeL']`. Valid: `rouge1`..`rouge9`, `rougeL`, `rougeLsum`. */
  readonly types?: readonly string[];
  /** Porter-stem tokens longer than 3 characters (NLTK 3.8). Default false. */
  readonly useStemmer?: boolean;
}

const ZERO: RougeScore = { precision: 0, recall: 0, fmeasure: 0 };

/** `scoring.fmeasure`. */
export function rougeFmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  // "\u0000" cannot occur in a token, so joined keys are unambiguous.
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function scoreNgrams(target: readonly string[], prediction: readonly string[], n: number): RougeScore {
  const t = ngramCounts(target, n);
  const p = ngramCounts(prediction, n);
  let overlap = 0;
  for (const [g, c] of t) overlap += Math.min(c, p.get(g) ?? 0);
  const sum = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
  const precision = overlap / Math.max(sum(p), 1);
  const recall = overlap / Math.max(sum(t), 1);
  return { precision, recall, fmeasure: rougeFmeasure(precision, recall) };
}

function scoreLcs(target: readonly string[], prediction: readonly string[]): RougeScore {
  if (target.length === 0 || prediction.length === 0) return ZERO;
  const lcs = lcsTable(target, prediction)[target.length * (prediction.length + 1) + prediction.length]!;
  const precision = lcs / prediction.length;
  const recall = lcs / target.length;
  return { precision, recall, fmeasure: rougeFmeasure(precision, recall) };
}

function countTokens(sentences: readonly (readonly string[])[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of sentences) for (const t of s) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** `_summary_level_lcs(ref_sent, can_sent)`. */
function summaryLevelLcs(refSents: readonly string[][], canSents: readonly string[][]): RougeScore {
  if (refSents.length === 0 || canSents.length === 0) return ZERO;
  const m = refSents.reduce((a, s) => a + s.length, 0);
  const n = canSents.reduce((a, s) => a + s.length, 0);
  if (n === 0 || m === 0) return ZERO;
  const cntR = countTokens(refSents);
  const cntC = countTokens(canSents);
  let hits = 0;
  for (const r of refSents) {
    for (const t of unionLcs(r, canSents)) {
      const c = cntC.get(t) ?? 0;
      const rr = cntR.get(t) ?? 0;
      if (c > 0 && rr > 0) {
        hits++;
        cntC.set(t, c - 1);
        cntR.set(t, rr - 1);
      }
    }
  }
  const recall = hits / m;
  const precision = hits / n;
  return { precision, recall, fmeasure: rougeFmeasure(precision, recall) };
}

/** rouge-score `RougeScorer(types, use_stemmer).score(target, prediction)`; the target comes first. */
export function rougeScore(target: string, prediction: string, options: RougeOptions = {}): Record<string, RougeScore> {
  const types = options.types ?? ['rouge1', 'rouge2', 'rougeL'];
  const stem = options.useStemmer ?? false;
  const targetTokens = rougeTokenize(target, stem);
  const predictionTokens = rougeTokenize(prediction, stem);
  const result: Record<string, RougeScore> = {};
  for (const type of types) {
    if (type === 'rougeL') result[type] = scoreLcs(targetTokens, predictionTokens);
    else if (type === 'rougeLsum') {
      const sents = (text: string): string[][] => text.split('\n').filter((s) => s.length > 0).map((s) => rougeTokenize(s, stem));
      result[type] = summaryLevelLcs(sents(target), sents(prediction));
    } else if (/^rouge[0-9]$/.test(type)) {
      const n = Number(type.slice(5));
      if (n <= 0) throw new Error(`rougen requires positive n: ${type}`);
      result[type] = scoreNgrams(targetTokens, predictionTokens, n);
    } else throw new Error(`Invalid rouge type: ${type}; known: rouge1..rouge9, rougeL, rougeLsum`);
  }
  return result;
}

/**
 * rouge-score `score_multi(targets, prediction)`: for each type separately, the target with the
 * highest F-measure (first one on ties, like `np.argmax`).
 */
export function rougeScoreMulti(targets: readonly string[], prediction: string, options: RougeOptions = {}): Record<string, RougeScore> {
  if (targets.length === 0) throw new Error('rougeScoreMulti needs at least one target');
  const types = options.types ?? ['rouge1', 'rouge2', 'rougeL'];
  const all = targets.map((t) => rougeScore(t, prediction, options));
  const best: Record<string, RougeScore> = {};
  for (const type of types) {
    let arg = 0;
    all.forEach((s, i) => {
      if (s[type]!.fmeasure > all[arg]![type]!.fmeasure) arg = i;
    });
    best[type] = all[arg]![type]!;
  }
  return best;
}
