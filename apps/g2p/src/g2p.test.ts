import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { runApp } from '@seq2seq/cli';
import { afterAll, describe, expect, it } from 'vitest';
import { cmudictEntries, cmudictSplit, groupEntries, readPronunciations, spell } from './data.js';
import { g2pApp } from './index.js';
import { g2pMetrics } from './metrics.js';

const here = dirname(fileURLToPath(import.meta.url));
const SAMPLE = join(here, '../data/sample.dict');
const dir = mkdtempSync(join(tmpdir(), 'g2p-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runApp(g2pApp, argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err: err.join('\n') };
}

describe('g2p data', () => {
  it('groups variants by headword, strips stress unless asked, drops non-words', () => {
    const records: [string, string][] = [['TOMATO', 'T AH0 M EY1 T OW2'], ['TOMATO(1)', 'T AH0 M AA1 T OW2'], ['A42128', 'EY1 F'], ['READ', 'R EH1 D'], ['READ(1)', 'R EH0 D']];
    expect(groupEntries(records, { stress: false })).toEqual({ entries: [{ word: 'tomato', prons: ['T AH M EY T OW', 'T AH M AA T OW'] }, { word: 'read', prons: ['R EH D'] }], dropped: 1 });
    expect(groupEntries(records, { stress: true }).entries[1]!.prons).toEqual(['R EH1 D', 'R EH0 D']);
    expect(spell("O'Brien")).toBe("o ' b r i e n");
  });

  it('reads CMUdict text and TSV files, counting lines without phonemes', () => {
    const sample = readPronunciations(SAMPLE, { stress: false });
    expect(sample.entries.find((e) => e.word === 'either')!.prons).toEqual(['IY DH ER', 'AY DH ER']);
    expect(sample.skipped).toBe(0);
    writeFileSync(join(dir, 'p.tsv'), 'word\tphonemes\ncat\tK AE T\n\ndog\t\n;;; comment\nnotab\n');
    expect(readPronunciations(join(dir, 'p.tsv'), { stress: false })).toEqual({ entries: [{ word: 'cat', prons: ['K AE T'] }], skipped: 2 });
  });

  it('splits CMUdict 90/5/5 by headword, fixed and without overlap', () => {
    const all = cmudictEntries({ stress: false }).entries;
    expect(all.length).toBeGreaterThan(120000);
    const [train, valid, test] = (['train', 'valid', 'test'] as const).map((s) => cmudictSplit(s, { stress: false }));
    expect(train!.length + valid!.length + test!.length).toBe(all.length);
    expect(test!.length).toBe(Math.round(0.05 * all.length));
    const trainWords = new Set(train!.map((e) => e.word));
    expect([...valid!, ...test!].some((e) => trainWords.has(e.word))).toBe(false);
    expect(cmudictSplit('test', { stress: false }).slice(0, 20)).toEqual(test!.slice(0, 20));
  });
});

describe('g2p metrics', () => {
  it('WER counts words wrong against every reference; PER uses the closest reference', () => {
    const refs = [['T AH M EY T OW', 'T AH M AA T OW'], ['K AE T'], ['D AO G']];
    const hyps = ['T AH M AA T OW', 'K AE', 'D AO G Z'];
    // word 1 right (second reference); word 2 one deletion; word 3 one insertion; 12 reference phonemes.
    expect(g2pMetrics(hyps, refs)).toEqual({ wer: 66.67, per: Math.round((2 / 12) * 10000) / 100 });
    expect(g2pMetrics(['K AE T'], [['K AE T']])).toEqual({ wer: 0, per: 0 });
  });
});

describe('g2p CLI end to end', () => {
  it('trains on a sample file, evaluates it (JSON matches the hypotheses) and predicts words, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const out = join(dir, 'model');
    const t = await run(['train', '--train', SAMPLE, '--valid', SAMPLE, '--out', out, '--embedding-dim', '16', '--encoder-units', '16', '--decoder-units', '16', '--epochs', '3', '--batch-tokens', '400', '--backend', 'cpu']);
    expect(t.code).toBe(0);
    const hypFile = join(dir, 'hyps.txt');
    const e = await run(['eval', '--model', out, '--data', SAMPLE, '--beam', '2', '--output-file', hypFile, '--backend', 'cpu']);
    expect(e.code).toBe(0);
    const json = JSON.parse(e.out.at(-1)!) as Record<string, number>;
    const entries = readPronunciations(SAMPLE, { stress: false }).entries;
    const hyps = readFileSync(hypFile, 'utf8').split('\n').slice(0, entries.length);
    expect(json).toEqual({ ...g2pMetrics(hyps, entries.map((x) => x.prons)), n: entries.length });
    // An ensemble of the model with itself is the same distribution: the same scores.
    const twice = await run(['eval', '--model', `${out},${out}`, '--data', SAMPLE, '--beam', '2', '--backend', 'cpu']);
    expect(twice.code, twice.err).toBe(0);
    expect(JSON.parse(twice.out.at(-1)!)).toEqual(json);
    const p = await run(['predict', '--model', out, '--beam', '1', '--backend', 'cpu', 'Cat', 'zoom']);
    expect(p.code).toBe(0);
    expect(p.out).toHaveLength(2);
    expect((await run(['predict', '--model', out, '--backend', 'cpu', '!!'])).err).toContain('has no letters');
    expect(tf.memory().numTensors).toBe(before);
  });
});
