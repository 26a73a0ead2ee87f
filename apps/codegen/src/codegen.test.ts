import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { runApp } from '@seq2seq/cli';
import { parseTldrPage, readTldrPages } from '@seq2seq/datasets';
import { corpusBleu } from '@seq2seq/metrics';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCommandPairs, splitTldr } from './data.js';
import { codegenApp } from './index.js';
import { cleanForBleu, commandMetrics } from './metrics.js';

const here = dirname(fileURLToPath(import.meta.url));
const PAGES = join(here, '../data/pages');
const dir = mkdtempSync(join(tmpdir(), 'codegen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runApp(codegenApp, argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err: err.join('\n') };
}

describe('codegen data', () => {
  it('pairs each "- description:" with the next `command`, keeping placeholders and dropping mnemonic brackets', () => {
    const page = parseTldrPage('# tar\n\n> Archiver.\n\n- [c]reate an archive and write it to a [f]ile:\n\n`tar cf {{path/to/target.tar}} {{path/to/file}}`\n\n- dangling description:\n', 'tar');
    expect(page.examples).toEqual([{ description: 'create an archive and write it to a file', command: 'tar cf {{path/to/target.tar}} {{path/to/file}}', page: 'tar' }]);
    expect(page.unpaired).toBe(1);
    const all = readTldrPages(PAGES);
    expect(all.pages).toBe(9);
    expect(all.examples.length).toBeGreaterThan(50);
  });

  it('splits by page, deterministically: no page on two sides', () => {
    const { examples } = readTldrPages(PAGES);
    const many = Array.from({ length: 40 }, (_, k) => examples.map((e) => ({ ...e, page: `${e.page}${k}` }))).flat();
    const a = splitTldr(many);
    const b = splitTldr([...many].reverse());
    const pages = (xs: { page: string }[]) => new Set(xs.map((x) => x.page));
    expect([...pages(a.valid)].sort()).toEqual([...pages(b.valid)].sort());
    for (const p of pages(a.valid)) expect(pages(a.train).has(p) || pages(a.test).has(p)).toBe(false);
    expect(a.train.length + a.valid.length + a.test.length).toBe(many.length);
    expect(pages(a.valid).size).toBe(Math.round(0.05 * pages(many).size));
  });

  it('reads TSV and JSONL pairs, skipping bad lines', () => {
    writeFileSync(join(dir, 'p.tsv'), 'list files\tls -l\n\nno tab\n\tls\n');
    expect(loadCommandPairs(join(dir, 'p.tsv'), () => {})).toEqual([{ source: 'list files', target: 'ls -l' }]);
    writeFileSync(join(dir, 'p.jsonl'), '{"nl": "list files", "cmd": "ls"}\n{bad\n');
    const log: string[] = [];
    expect(loadCommandPairs(join(dir, 'p.jsonl'), (l) => log.push(l))).toEqual([{ source: 'list files', target: 'ls' }]);
    expect(log.join()).toContain('"malformed":1');
  });
});

describe('codegen metrics', () => {
  it('follow DocPrompting: anonymised placeholders, command name, token F1, char BLEU of clean_for_bleu', () => {
    expect(cleanForBleu("sudo tar cf {{a.tar}} {{dir}} | grep 'x' {{a.tar}}")).toBe('tar cf $0 $1 grep x $0');
    const refs = ['tar cf {{path/to/target.tar}} {{path/to/file}}', 'ls -la {{path}}'];
    const hyps = ['tar cf {{out.tar}} {{file}}', 'cat {{path}}'];
    const m = commandMetrics(hyps, refs);
    expect(m.cmdAcc).toBe(50);
    expect(m.exactMatch).toBe(50); // placeholder names do not matter
    // Token F1 of the second pair: gold {ls, -la, VAR}, pred {cat, VAR}: p = 1/2, r = 1/3.
    const f1b = (2 * (1 / 2) * (1 / 3)) / (1 / 2 + 1 / 3);
    expect(m.tokenF1).toBeCloseTo((100 * (1 + f1b)) / 2, 1);
    expect(m.charBleu).toBeCloseTo(corpusBleu(hyps.map(cleanForBleu), [refs.map(cleanForBleu)], { tokenize: 'char' }).score, 2);
  });
});

describe('codegen CLI end to end', () => {
  it('trains on the bundled pages, evaluates them (last line = the metrics of the hypotheses) and predicts, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const out = join(dir, 'model');
    const t = await run(['train', '--pages', PAGES, '--out', out, '--vocab-size', '100', '--embedding-dim', '16', '--encoder-units', '16', '--decoder-units', '16', '--epochs', '2', '--batch-tokens', '600', '--backend', 'cpu']);
    expect(t.code).toBe(0);
    expect(t.err).toMatch(/split 'train' \(by page name, seed 17\)/);
    const hypFile = join(dir, 'hyps.txt');
    const e = await run(['eval', '--model', out, '--pages', PAGES, '--split', 'all', '--beam', '2', '--output-file', hypFile, '--backend', 'cpu']);
    expect(e.code).toBe(0);
    const json = JSON.parse(e.out.at(-1)!) as Record<string, number>;
    const refs = readTldrPages(PAGES).examples.map((x) => x.command);
    expect(json).toEqual({ ...commandMetrics(readFileSync(hypFile, 'utf8').split('\n').slice(0, refs.length), refs), n: refs.length });
    expect(Object.keys(json)).toEqual(['cmdAcc', 'exactMatch', 'tokenF1', 'charBleu', 'n']);
    const open = await run(['eval', '--model', out, '--pages', PAGES, '--split', 'all', '--beam', '2', '--docs', PAGES, '--docs-top', '2', '--docs-weight', '50', '--docs-trust', '1', '--output-file', hypFile, '--backend', 'cpu']);
    expect(open.code).toBe(0);
    expect(open.err).toContain(`docs: 9 commands from ${PAGES}`);
    expect(open.err).toMatch(/decode: ([\d,]+) \/ \1 \(100%\)/); // progress counts the forced searches and ends at the total
    // A weight this large makes a retrieved name win wherever the description retrieved one.
    const names = new Set(readTldrPages(PAGES).examples.map((x) => x.command.split(' ')[0]));
    const firstWords = readFileSync(hypFile, 'utf8').trim().split('\n').map((h) => h.split(' ')[0]);
    expect(firstWords.filter((w) => names.has(w)).length).toBeGreaterThan(refs.length / 2);
    const p = await run(['predict', '--model', out, '--beam', '1', '--backend', 'cpu', 'list files']);
    expect(p.out).toHaveLength(1);
    expect((await run(['eval', '--model', out, '--pages', PAGES, '--split', 'nope', '--backend', 'cpu'])).err).toContain('--split must be one of');
    expect(tf.memory().numTensors).toBe(before);
  });
});
