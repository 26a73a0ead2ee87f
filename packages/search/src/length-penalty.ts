/** GNMT length penalty lp(len) = ((5 + len) / 6)^alpha; alpha 0 gives 1 (raw log-probs). */
export function lengthPenalty(length: number, alpha: number): number {
  return alpha === 0 ? 1 : Math.pow((5 + length) / 6, alpha);
}
