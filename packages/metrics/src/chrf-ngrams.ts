import { pySplit } from './tokenizers/whitespace.js';

/** n-gram -> count. */
export type Counts = Map<string, number>;

function count(grams: Iterable<string>): Counts {
  const out: Counts = new Map();
  for (const g of grams) out.set(g, (out.get(g) ?? 0) + 1);
  return out;
}

/** Character n-grams of orders 1..maxOrder over code points; whitespace is removed unless kept. */
export function charNgrams(line: string, maxOrder: number, includeWhitespace: boolean): Counts[] {
  const chars = Array.from(includeWhitespace ? line : pySplit(line).join(''));
  const out: Counts[] = [];
  for (let n = 1; n <= maxOrder; n++) {
    const grams: string[] = [];
    for (let i = 0; i + n <= chars.length; i++) grams.push(chars.slice(i, i + n).join(''));
    out.push(count(grams));
  }
  return out;
}

/** Word n-grams of one order, keyed by the space-joined words. */
export function wordNgrams(words: readonly string[], n: number): Counts {
  const grams: string[] = [];
  for (let i = 0; i + n <= words.length; i++) grams.push(words.slice(i, i + n).join(' '));
  return count(grams);
}

// Python's string.punctuation.
const PUNCTS = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

/**
 * chrF++ word splitting: one trailing (else one leading) ASCII punctuation character is split off
 * each word of two or more code points, so '(hi)' gives '(hi' and ')' as in sacreBLEU.
 */
export function splitPunctuation(sentence: string): string[] {
  const out: string[] = [];
  for (const w of pySplit(sentence)) {
    const cps = Array.from(w);
    if (cps.length === 1) out.push(w);
    else if (PUNCTS.has(cps[cps.length - 1]!)) out.push(cps.slice(0, -1).join(''), cps[cps.length - 1]!);
    else if (PUNCTS.has(cps[0]!)) out.push(cps[0]!, cps.slice(1).join(''));
    else out.push(w);
  }
  return out;
}

/** All n-gram counters of a sentence: character orders 1..charOrder, then word orders 1..wordOrder. */
export function allNgrams(sentence: string, charOrder: number, wordOrder: number, whitespace: boolean): Counts[] {
  const out = charNgrams(sentence, charOrder, whitespace);
  if (wordOrder > 0) {
    const words = splitPunctuation(sentence);
    for (let n = 1; n <= wordOrder; n++) out.push(wordNgrams(words, n));
  }
  return out;
}
