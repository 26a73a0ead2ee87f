import { PairHeap } from './pair-heap.js';

export interface BpeLearnOptions {
  /** Target number of distinct pieces: base characters + merges (specials not counted). */
  vocabSize: number;
  /** Stop merging when the best pair occurs fewer times than this. Default 2. */
  minPairFrequency?: number;
  /** Called every 100 merges and at the end with (merges so far, merges wanted): a progress line for large corpora. */
  onMerge?: (done: number, total: number) => void;
}

export interface BpeModel {
  /** Base symbols (code points seen in training), sorted by code point. */
  alphabet: string[];
  /** Merges in the order learned (rank = index). */
  merges: [string, string][];
}


/**
 * Learns BPE merges from word counts (pre-tokenised units like '▁Hello') with the incremental
 * algorithm: pair counts and pair -> words indices are updated only for the words a merge touches,
 * and a lazy max-heap finds the best pair. Ties go to the pair with the smaller (left, right) symbol
 * ids: base symbols are numbered in code-point order, merged symbols after them in creation order.
 */
export function learnBpe(wordCounts: ReadonlyMap<string, number>, options: BpeLearnOptions): BpeModel {
  const minPair = options.minPairFrequency ?? 2;
  const units = [...wordCounts.keys()].sort();
  const chars = new Set<string>();
  for (const u of units) for (const ch of u) chars.add(ch);
  const alphabet = [...chars].sort((x, y) => x.codePointAt(0)! - y.codePointAt(0)!);
  const symbols = [...alphabet];
  const idOf = new Map(alphabet.map((s, i) => [s, i]));
  const want = Math.max(0, options.vocabSize - alphabet.length);
  // Pair key = left * shift + right. The smallest power of two that fits every symbol id keeps keys
  // small integers (V8 hashes those much faster than doubles) for vocabularies up to 32k.
  const shift = 2 ** Math.ceil(Math.log2(alphabet.length + want + 1));
  if (shift * shift > Number.MAX_SAFE_INTEGER) throw new Error(`vocabSize ${options.vocabSize} is too large`);
  const words = units.map((u) => Array.from(u, (ch) => idOf.get(ch)!));
  const freq = units.map((u) => wordCounts.get(u)!);

  const pairCount = new Map<number, number>();
  const pairWords = new Map<number, Set<number>>();
  const addPairs = (w: number, sign: 1 | -1, changed?: Set<number>): void => {
    const word = words[w]!;
    const f = sign * freq[w]!;
    for (let i = 0; i + 1 < word.length; i++) {
      const key = word[i]! * shift + word[i + 1]!;
      pairCount.set(key, (pairCount.get(key) ?? 0) + f);
      changed?.add(key);
      if (sign === 1) {
        let set = pairWords.get(key);
        if (!set) pairWords.set(key, (set = new Set()));
        set.add(w);
      }
    }
  };
  for (let w = 0; w < words.length; w++) addPairs(w, 1);
  const heap = new PairHeap();
  for (const [key, count] of pairCount) heap.push(count, key);

  const merges: [string, string][] = [];
  while (merges.length < want) {
    const top = heap.pop();
    if (!top) break;
    if (pairCount.get(top.key) !== top.count) continue; // stale entry
    if (top.count < minPair) break;
    const a = Math.floor(top.key / shift);
    const b = top.key % shift;
    const c = symbols.length;
    symbols.push(symbols[a]! + symbols[b]!);
    merges.push([symbols[a]!, symbols[b]!]);
    if (merges.length % 100 === 0) options.onMerge?.(merges.length, want);
    const changed = new Set<number>();
    for (const w of [...(pairWords.get(top.key) ?? [])]) {
      const merged = mergeWord(words[w]!, a, b, c);
      if (merged.length === words[w]!.length) continue; // stale index entry
      addPairs(w, -1, changed);
      words[w] = merged;
      addPairs(w, 1, changed);
    }
    pairWords.delete(top.key);
    for (const key of changed) {
      const count = pairCount.get(key)!;
      if (count > 0) heap.push(count, key);
      else {
        pairCount.delete(key);
        pairWords.delete(key);
      }
    }
  }
  options.onMerge?.(merges.length, want);
  return { alphabet, merges };
}

/** Replaces every non-overlapping (a, b), left to right, by c. */
function mergeWord(word: number[], a: number, b: number, c: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < word.length; i++) {
    if (i + 1 < word.length && word[i] === a && word[i + 1] === b) {
      out.push(c);
      i++;
    } else out.push(word[i]!);
  }
  return out;
}
