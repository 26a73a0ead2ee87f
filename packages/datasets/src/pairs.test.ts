import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readAlignedPairs, readLines, readTsvPairs } from './index.js';
import { splitByKey } from './split.js';

const dir = mkdtempSync(join(tmpdir(), 'datasets-'));
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('readLines', () => {
  it('reads gzip by magic bytes, strips BOM and CR, keeps U+2028 inside a line', () => {
    const p = file('a.txt.gz', gzipSync(Buffer.from('\ufeffone\r\ntwo\u2028half\n')));
    expect(readLines(p)).toEqual(['one', 'two\u2028half']);
  });
  it('names the file when it is missing', () => {
    expect(() => readLines(join(dir, 'nope.txt'))).toThrow(/nope\.txt/);
  });
});

describe('readTsvPairs', () => {
  it('reads Tatoeba format, skips header and counts bad lines', () => {
    const p = file('p.tsv', 'source\ttarget\nHi.\tHallo.\tCC-BY 2.0 (France) Attribution: tatoeba.org\nno tab here\n\tempty src\nx\t \n');
    const { pairs, skipped } = readTsvPairs(p);
    expect(pairs).toEqual([{ source: 'Hi.', target: 'Hallo.', line: 2 }]);
    expect(skipped).toEqual({ emptySource: 1, emptyTarget: 1, missingColumn: 1 });
  });
  it('names the file and line of each skipped line, and refuses a file that is not UTF-8', () => {
    const p = file('q.tsv', 'a\tb\nno tab here\n\tempty src\n');
    expect(readTsvPairs(p).firstSkipped).toEqual([`${p}:2: no column 2 (1 tab-separated column)`, `${p}:3: empty source`]);
    const latin1 = file('l.tsv', Buffer.from([0x61, 0x09, 0x62, 0x0a, 0xe9, 0x09, 0x62, 0x0a]));
    expect(() => readTsvPairs(latin1)).toThrow(/'.*l\.tsv' line 2 is not valid UTF-8/);
  });
});

describe('readAlignedPairs', () => {
  it('pairs lines and rejects mismatched counts', () => {
    const s = file('s.txt', 'a\nb\n');
    const t = file('t.txt', 'A\nB\n');
    expect(readAlignedPairs(s, t).pairs.map((x) => x.target)).toEqual(['A', 'B']);
    const t2 = file('t2.txt', 'A\n');
    expect(() => readAlignedPairs(s, t2)).toThrow(/2 lines.*1/);
  });
});

describe('splitByKey', () => {
  it('keeps all items of a key on one side and is deterministic', () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ k: `k${i % 50}`, i }));
    const a = splitByKey(items, (x) => x.k, { valid: 0.1, test: 0.1 });
    const b = splitByKey(items, (x) => x.k, { valid: 0.1, test: 0.1 });
    expect(a.valid.map((x) => x.i)).toEqual(b.valid.map((x) => x.i));
    const validKeys = new Set(a.valid.map((x) => x.k));
    expect(a.train.some((x) => validKeys.has(x.k))).toBe(false);
    expect(validKeys.size).toBe(5);
  });
});
