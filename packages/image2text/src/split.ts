/** FNV-1a 32-bit hash of a string (stable across runs and machines). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Whether `key` falls in the held-out fraction. A fixed function of the key and the seed, so the
 * same names are held out by every run, by `train` and `eval` alike, whatever else is in the data.
 */
export function isHeldOut(key: string, fraction: number, seed = 0): boolean {
  if (fraction <= 0) return false;
  return fnv1a(`${seed}\u0000${key}`) / 2 ** 32 < fraction;
}
