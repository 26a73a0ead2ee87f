import type { Counts } from './chrf-ngrams.js';

/** `[hyp_count, ref_count, match_count]` for one order; the hypothesis count is 0 when the reference has none. */
export function matchStatistics(hyp: Counts, ref: Counts): [number, number, number] {
  let match = 0;
  let hypCount = 0;
  for (const [g, c] of hyp) {
    hypCount += c;
    const r = ref.get(g);
    if (r !== undefined) match += Math.min(c, r);
  }
  let refCount = 0;
  for (const c of ref.values()) refCount += c;
  return [ref.size > 0 ? hypCount : 0, refCount, match];
}

/** Port of `CHRF._compute_f_score` on flattened `[hyp, ref, match] x order` statistics; 0-100. */
export function chrfFScore(stats: readonly number[], order: number, beta: number, epsSmoothing: boolean): number {
  const eps = 1e-16;
  let score = 0.0;
  let effectiveOrder = 0;
  const factor = beta ** 2;
  let avgPrec = 0.0;
  let avgRec = 0.0;
  for (let i = 0; i < order; i++) {
    const nHyp = stats[3 * i]!;
    const nRef = stats[3 * i + 1]!;
    const nMatch = stats[3 * i + 2]!;
    const prec = nHyp > 0 ? nMatch / nHyp : eps;
    const rec = nRef > 0 ? nMatch / nRef : eps;
    const denom = factor * prec + rec;
    score += denom > 0 ? ((1 + factor) * prec * rec) / denom : eps;
    if (nHyp > 0 && nRef > 0) {
      avgPrec += prec;
      avgRec += rec;
      effectiveOrder += 1;
    }
  }
  if (epsSmoothing) return (100 * score) / order;
  if (effectiveOrder === 0) avgPrec = avgRec = 0.0;
  else {
    avgPrec /= effectiveOrder;
    avgRec /= effectiveOrder;
  }
  if (avgPrec + avgRec) {
    let f = (1 + factor) * avgPrec * avgRec;
    f /= factor * avgPrec + avgRec;
    return 100 * f;
  }
  return 0.0;
}
