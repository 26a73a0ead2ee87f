import { readLines } from './lines.js';

/** One source/target example; `line` is 1-based in the file it came from. */
export interface Pair {
  source: string;
  target: string;
  line: number;
}

/** Why examples were left out while loading; apps log these counts. */
export interface SkipCounts {
  emptySource: number;
  emptyTarget: number;
  missingColumn: number;
}

export interface LoadedPairs {
  pairs: Pair[];
  skipped: SkipCounts;
  /** The first few skipped lines as 'FILE:LINE: why', for messages. */
  firstSkipped: string[];
}

/** How many skipped lines are named in `firstSkipped`. */
const NAMED_SKIPS = 5;

export interface TsvOptions {
  /** 0-based column of the source. Default 0. */
  sourceColumn?: number;
  /** 0-based column of the target. Default 1. */
  targetColumn?: number;
  /** Skip the first line. Default: auto (skipped when it reads `source<TAB>target` or similar). */
  header?: boolean | 'auto';
}

const HEADER_WORDS = new Set(['source', 'src', 'target', 'tgt', 'input', 'output', 'document', 'summary', 'text', 'en', 'de', 'fr', 'cs']);

/**
 * Reads a TSV of pairs: `source<TAB>target[<TAB>anything]`. This also covers the Tatoeba/ManyThings
 * format (`English<TAB>Other<TAB>attribution`). Lines with a missing column or an empty side are
 * skipped and counted, never fatal.
 */
export function readTsvPairs(path: string, options: TsvOptions = {}): LoadedPairs {
  const sc = options.sourceColumn ?? 0;
  const tc = options.targetColumn ?? 1;
  const lines = readLines(path);
  const skipped: SkipCounts = { emptySource: 0, emptyTarget: 0, missingColumn: 0 };
  const firstSkipped: string[] = [];
  const skip = (reason: keyof SkipCounts, line: number, why: string) => {
    skipped[reason]++;
    if (firstSkipped.length < NAMED_SKIPS) firstSkipped.push(`${path}:${line}: ${why}`);
  };
  const pairs: Pair[] = [];
  let start = 0;
  const first = lines[0]?.split('\t') ?? [];
  const header = options.header ?? 'auto';
  if (header === true || (header === 'auto' && first.length >= 2 && first.every((c) => HEADER_WORDS.has(c.trim().toLowerCase())))) start = 1;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const cols = line.split('\t');
    const source = cols[sc];
    const target = cols[tc];
    if (source === undefined || target === undefined) skip('missingColumn', i + 1, `no column ${Math.max(sc, tc) + 1} (${cols.length} tab-separated column${cols.length === 1 ? '' : 's'})`);
    else if (source.trim() === '') skip('emptySource', i + 1, 'empty source');
    else if (target.trim() === '') skip('emptyTarget', i + 1, 'empty target');
    else pairs.push({ source: source.trim(), target: target.trim(), line: i + 1 });
  }
  return { pairs, skipped, firstSkipped };
}

/** Reads line-aligned source and target files (plain or .gz). Different line counts are an error. */
export function readAlignedPairs(sourcePath: string, targetPath: string): LoadedPairs {
  const src = readLines(sourcePath);
  const tgt = readLines(targetPath);
  if (src.length !== tgt.length) {
    throw new Error(`'${sourcePath}' has ${src.length} lines but '${targetPath}' has ${tgt.length}; line-aligned files must match`);
  }
  const skipped: SkipCounts = { emptySource: 0, emptyTarget: 0, missingColumn: 0 };
  const firstSkipped: string[] = [];
  const pairs: Pair[] = [];
  src.forEach((s, i) => {
    const t = tgt[i]!;
    const why = s.trim() === '' ? 'emptySource' : t.trim() === '' ? 'emptyTarget' : undefined;
    if (!why) {
      pairs.push({ source: s.trim(), target: t.trim(), line: i + 1 });
      return;
    }
    skipped[why]++;
    if (firstSkipped.length < NAMED_SKIPS) firstSkipped.push(why === 'emptySource' ? `${sourcePath}:${i + 1}: empty source` : `${targetPath}:${i + 1}: empty target`);
  });
  return { pairs, skipped, firstSkipped };
}

export function totalSkipped(s: SkipCounts): number {
  return s.emptySource + s.emptyTarget + s.missingColumn;
}
