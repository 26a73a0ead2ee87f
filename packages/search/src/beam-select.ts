import { lengthPenalty } from './length-penalty.js';

/** A hypothesis in progress (host side); `live` false marks a padding beam. */
export interface Beam {
  tokens: number[];
  logProb: number;
  /** each token's log-probability (sums to logProb) */
  steps: number[];
  /** one row per output step so far, when attention is collected */
  attention: Float32Array[] | null;
  live: boolean;
}

export interface Finished {
  tokens: number[];
  logProb: number;
  /** per token, then the final <eos> */
  steps: number[];
  score: number;
  attention: Float32Array[] | null;
}

export interface SelectArgs {
  /** [C] candidate totals of this sentence, best first, and their flat indices beam * V + token */
  values: ArrayLike<number>;
  indices: ArrayLike<number>;
  beams: readonly Beam[];
  vocabSize: number;
  eosId: number;
  /** output tokens generated before this step */
  step: number;
  maxLength: number;
  alpha: number;
  nBest: number;
  earlyStopping: 'exact' | 'heuristic';
  /** best-first finished hypotheses of the sentence, at most nBest; updated in place */
  finished: Finished[];
  /** attention row of this step for a beam, or null when not collected */
  attentionOf: (beam: number) => Float32Array | null;
}

export interface Selected {
  parent: number;
  token: number;
  beam: Beam;
}

/**
 * One beam step for one sentence: walk the top 2K candidates; an <eos> among the top K finishes its
 * hypothesis, other tokens continue until K beams live. The sentence is done at its max length, when
 * no beam can continue, or when its nBest-th finished score cannot be beaten (see earlyStopping).
 */
export function selectBeams(a: SelectArgs): { next: Selected[]; done: boolean } {
  const k = a.beams.length;
  const next: Selected[] = [];
  for (let r = 0; r < a.values.length && next.length < k; r++) {
    const total = a.values[r] as number;
    if (!Number.isFinite(total)) break; // sorted: the rest are blocked too
    const flat = a.indices[r] as number;
    const parent = Math.floor(flat / a.vocabSize);
    const token = flat - parent * a.vocabSize;
    const from = a.beams[parent] as Beam;
    const row = a.attentionOf(parent);
    const attention = from.attention && row ? [...from.attention, row] : null;
    const steps = [...from.steps, total - from.logProb];
    if (token === a.eosId) {
      if (r < k) addFinished(a, { tokens: from.tokens, logProb: total, steps, score: total / lengthPenalty(from.tokens.length + 1, a.alpha), attention });
      continue;
    }
    next.push({ parent, token, beam: { tokens: [...from.tokens, token], logProb: total, steps, attention, live: true } });
  }
  return { next, done: isDone(a, next) };
}

function addFinished(a: SelectArgs, h: Finished): void {
  const f = a.finished;
  let i = f.length;
  while (i > 0 && (f[i - 1] as Finished).score < h.score) i--;
  if (i >= a.nBest) return;
  f.splice(i, 0, h);
  if (f.length > a.nBest) f.pop();
}

function isDone(a: SelectArgs, next: readonly Selected[]): boolean {
  const best = next[0];
  if (a.step >= a.maxLength || !best) return true;
  const worst = a.finished[a.nBest - 1];
  if (!worst) return false;
  const raw = best.beam.logProb;
  // A live beam's log-prob only falls; with alpha > 0 its score is highest at the longest length.
  const longest = a.earlyStopping === 'exact' && raw < 0 ? a.maxLength + 1 : a.step + 2;
  return worst.score >= raw / lengthPenalty(longest, a.alpha);
}
