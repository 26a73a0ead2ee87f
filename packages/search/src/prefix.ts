/**
 * A forced prefix for `SearchOptions.allowedTokens`: the output must start with `prefix`; the
 * token right after it must be one of `next` (e.g. word-start pieces, so a forced word is not
 * continued into a longer one; include <eos> to let it end there); after that any token. A
 * hypothesis that has left the prefix (a caller forced another token) may only end.
 */
export function prefixConstraint(prefix: readonly number[], eosId: number, next?: readonly number[]): (history: readonly number[]) => readonly number[] | undefined {
  if (prefix.includes(eosId)) throw new Error(`prefix constraint: the prefix contains the <eos> id ${eosId}`);
  const eosOnly = [eosId];
  return (history) => {
    const n = Math.min(history.length, prefix.length);
    for (let i = 0; i < n; i++) if (history[i] !== prefix[i]) return eosOnly;
    if (history.length < prefix.length) return [prefix[history.length]!];
    return history.length === prefix.length ? next : undefined;
  };
}
