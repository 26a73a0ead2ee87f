/**
 * Tokens that would complete an n-gram already present in `history` (n = size). The caller never
 * blocks <eos>. O(len) per call, which is fine for output lengths in the hundreds.
 */
export function bannedTokens(history: readonly number[], size: number): number[] {
  if (size <= 0 || history.length < size - 1) return [];
  if (size === 1) return [...new Set(history)];
  const start = history.length - (size - 1);
  const banned: number[] = [];
  for (let p = 0; p + size - 1 < history.length; p++) {
    let match = true;
    for (let q = 0; q < size - 1; q++) {
      if (history[p + q] !== history[start + q]) {
        match = false;
        break;
      }
    }
    if (match) banned.push(history[p + size - 1] as number);
  }
  return banned;
}
