import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAeslcEmail, readAeslc } from './aeslc.js';
import { readChatterbot } from './chatterbot.js';
import { contextOf, dialoguePairs, dropSeenDialogues, readDailyDialog } from './dailydialog.js';
import { readJsonl, readJsonlExamples } from './jsonl.js';
import { readTar } from './tar.js';
import { cleanTldrDescription, parseTldrDoc, parseTldrPage, readTldrDocs, readTldrPages } from './tldr.js';

const dir = mkdtempSync(join(tmpdir(), 'readers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('JSONL', () => {
  it('skips blank, malformed and non-object lines with counts; gzip too; all-bad is an error', () => {
    const p = file('a.jsonl.gz', gzipSync('{"source": ["s1.", "s2."], "target": ["t1", "", "t2"]}\n\n{bad\n[1]\n{"source": "x", "target": 3}\n'));
    expect(readJsonl(p).skipped).toMatchObject({ malformed: 1, notObject: 1 });
    const { examples, skipped } = readJsonlExamples(p);
    expect(examples).toEqual([{ source: 's1. s2.', targets: ['t1', 't2'], line: 1 }]);
    expect(skipped.missingField).toBe(1);
    expect(() => readJsonl(file('b.jsonl', 'a\tb\n'))).toThrow(/not JSON Lines \(line 1: /);
  });
});

describe('tar and AESLC', () => {
  it('reads regular files of a tar.gz, including long names', () => {
    const src = join(dir, 'tree');
    const long = `${'x'.repeat(120)}.subject`;
    mkdirSync(join(src, 'enron', 'dev'), { recursive: true });
    writeFileSync(join(src, 'enron', 'dev', 'a.subject'), 'Body line one.\nLine  two.\n\n@subject\nHello there\n\n@ann0\nhi\n\n@ann1\nhello\n');
    writeFileSync(join(src, 'enron', 'dev', long), 'Only body\n\n@subject\nS\n');
    writeFileSync(join(src, 'enron', 'dev', 'empty.subject'), '\n@subject\nNo body\n');
    const tgz = join(dir, 'dev.tar.gz');
    execFileSync('tar', ['czf', tgz, '-C', src, 'enron']);
    const entries = readTar(tgz);
    expect(entries.map((e) => e.name).sort()).toEqual([`enron/dev/${long}`, 'enron/dev/a.subject', 'enron/dev/empty.subject'].sort());
    const { emails, skipped } = readAeslc([tgz]);
    expect(skipped).toEqual({ emptyBody: 1, noSubject: 0 });
    expect(emails.find((e) => e.name.endsWith('a.subject'))).toMatchObject({ body: 'Body line one. Line two.', subject: 'Hello there', annotations: ['hi', 'hello'] });
  });

  it('parses an email without annotations', () => {
    expect(parseAeslcEmail('Hi,\tall\n\n@subject\nLunch\n')).toEqual({ name: '', body: 'Hi, all', subject: 'Lunch', annotations: [] });
  });
});

describe('DailyDialog', () => {
  it('splits on __eou__, skips empty and one-turn lines, builds context pairs, drops seen dialogues', () => {
    const p = file('d.txt', 'Hi . __eou__ Hello ! __eou__ How are you ? __eou__\n\nAlone . __eou__\nA __eou__ B __eou__\n');
    const { dialogues, skipped } = readDailyDialog(p);
    expect(dialogues).toEqual([['Hi .', 'Hello !', 'How are you ?'], ['A', 'B']]);
    expect(skipped).toEqual({ empty: 1, oneTurn: 1 });
    expect(dialoguePairs(dialogues, { contextTurns: 1 })).toEqual([
      { source: 'Hi .', target: 'Hello !' },
      { source: 'Hello !', target: 'How are you ?' },
      { source: 'A', target: 'B' },
    ]);
    expect(contextOf(['one two', 'three four'], ' | ', 4)).toBe('two | three four');
    expect(dropSeenDialogues(dialogues, [['A', 'B']])).toEqual({ kept: [dialogues[0]], dropped: 1 });
  });
});

describe('chatterbot', () => {
  it('reads conversations from a YAML file (block scalars too) and reports bad files', () => {
    const p = file('c.yml', 'categories:\n- x\nconversations:\n- - Hi\n  - |\n    Hello\n    there\n- - lonely\n- - 1\n  - 2\n');
    expect(readChatterbot(p)).toEqual({ conversations: [['Hi', 'Hello there'], ['1', '2']], skipped: 1, files: 1 });
    expect(() => readChatterbot(file('bad.yml', 'conversations: [\n'))).toThrow(/not valid YAML/);
    expect(() => readChatterbot(file('none.yml', 'categories: []\n'))).toThrow(/no 'conversations' list/);
  });
});

describe('tldr', () => {
  it('cleans mnemonic brackets but not placeholders; reads folders recursively', () => {
    expect(cleanTldrDescription('E[x]tract a g[z]ipped [f]ile:')).toBe('Extract a gzipped file');
    const page = '# ls\n\n> List.\n\n- List [a]ll files:\n\n`ls -a {{path/to/dir}}`\n\n- Long format:\n\n`ls -l`\n';
    expect(parseTldrPage(page, 'ls').examples.map((e) => e.command)).toEqual(['ls -a {{path/to/dir}}', 'ls -l']);
    mkdirSync(join(dir, 'pages', 'common'), { recursive: true });
    writeFileSync(join(dir, 'pages', 'common', 'ls.md'), page);
    writeFileSync(join(dir, 'pages', 'notes.txt'), 'ignored');
    expect(readTldrPages(join(dir, 'pages'))).toMatchObject({ pages: 1, unpaired: 0 });
    expect(() => readTldrPages(join(dir, 'nope'))).toThrow(/does not exist/);
  });

  it('reads command docs from page headers, one per name, without the link line', () => {
    const page = '# git commit\r\n\n> Commit files.\n> More information: <https://git-scm.com>.\n\n- Commit:\n\n`git commit`\n';
    expect(parseTldrDoc(page)).toEqual({ name: 'git commit', summary: 'Commit files.' });
    expect(parseTldrDoc('> no title\n')).toBeUndefined();
    mkdirSync(join(dir, 'docs', 'common'), { recursive: true });
    mkdirSync(join(dir, 'docs', 'osx'), { recursive: true });
    writeFileSync(join(dir, 'docs', 'common', 'date.md'), '# date\n\n> Show the date.\n');
    writeFileSync(join(dir, 'docs', 'osx', 'date.md'), '# date\n\n> Show the date.\n> BSD version.\n');
    writeFileSync(join(dir, 'docs', 'osx', 'say.md'), '# say\n\n> Speak text.\n');
    writeFileSync(join(dir, 'docs', 'osx', 'bad.md'), 'no header\n');
    expect(readTldrDocs(join(dir, 'docs'))).toEqual([
      { name: 'date', summary: 'Show the date. BSD version.' },
      { name: 'say', summary: 'Speak text.' },
    ]);
    expect(() => readTldrDocs(join(dir, 'none'))).toThrow(/does not exist/);
  });
});
