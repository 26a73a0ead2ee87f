import { mulberry32, shuffleInPlace } from '@seq2seq/core';

/**
 * A fixed, seeded split by a key (e.g. the source sentence or a page name), so that every example
 * sharing a key lands on the same side: no leakage of a duplicated source into validation.
 */
export function splitByKey<T>(items: T[], keyOf: (x: T) => string, fractions: { valid: number; test?: number }, seed = 17): { train: T[]; valid: T[]; test: T[] } {
  const keys = [...new Set(items.map(keyOf))].sort();
  shuffleInPlace(keys, mulberry32(seed));
  const nValid = Math.round(keys.length * fractions.valid);
  const nTest = Math.round(keys.length * (fractions.test ?? 0));
  const side = new Map<string, 'train' | 'valid' | 'test'>();
  keys.forEach((k, i) => side.set(k, i < nValid ? 'valid' : i < nValid + nTest ? 'test' : 'train'));
  const out = { train: [] as T[], valid: [] as T[], test: [] as T[] };
  for (const x of items) out[side.get(keyOf(x))!].push(x);
  return out;
}
