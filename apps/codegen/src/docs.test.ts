import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { buildFields, createTextModel, generate, textModelDefaults } from '@seq2seq/text2text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWithDocs, nameLogProb, openBookScore, startsWithName } from './docs-decode.js';
import { CommandDocs, loadCommandDocs, stemmedTerms, withExamples } from './docs.js';

const here = dirname(fileURLToPath(import.meta.url));
const PAGES = join(here, '../data/pages');
const dir = mkdtempSync(join(tmpdir(), 'codegen-docs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('command docs', () => {
  it('reads tldr page headers and TSV, and retrieves by description', () => {
    const pages = loadCommandDocs(PAGES);
    expect(pages.docs.length).toBe(9);
    expect(pages.docs.every((d) => d.name !== '' && !d.summary.includes('More information'))).toBe(true);
    writeFileSync(join(dir, 'docs.tsv'), 'caffeinate\tPrevent the system from sleeping.\nsay\tConvert text to audible speech.\n\n');
    const tsv = loadCommandDocs(join(dir, 'docs.tsv'));
    expect(tsv.retrieve('stop the mac from sleeping for an hour', 2)).toEqual([{ name: 'caffeinate', score: expect.any(Number) }]);
    expect(tsv.retrieve('speak some text', 2)[0]!.name).toBe('say');
    writeFileSync(join(dir, 'bad.tsv'), 'no tab here\n');
    expect(() => loadCommandDocs(join(dir, 'bad.tsv'))).toThrow(/bad.tsv:1: expected 'name<TAB>summary'/);
    expect(() => loadCommandDocs(join(dir, 'missing'))).toThrow(/does not exist/);
    expect(() => new CommandDocs([])).toThrow(/no documents/);
  });

  it('matches words through their Porter stems', () => {
    expect(stemmedTerms('Compressing FILES, compressed archives')).toEqual(['compress', 'file', 'compress', 'archiv']);
    const docs = new CommandDocs([
      { name: 'gzip', summary: 'Compress files.' },
      { name: 'ls', summary: 'List directory contents.' },
    ]);
    expect(docs.retrieve('compressing a file', 2).map((h) => h.name)).toEqual(['gzip']);
    expect(docs.retrieve('listing what a directory contains', 1)[0]!.name).toBe('ls');
  });

  it('adds example descriptions to the doc of the longest name their command starts with', () => {
    const docs = [
      { name: 'git', summary: 'Distributed version control.' },
      { name: 'git commit', summary: 'Record changes.' },
    ];
    const merged = withExamples(docs, [
      { source: 'save my staged work with a message', target: 'git commit -m {{message}}' },
      { source: 'show the history', target: 'sudo git log' },
      { source: 'list files in long format', target: 'ls -l' },
      { source: '   ', target: 'ls' },
    ]);
    expect(merged).toEqual([
      { name: 'git', summary: 'Distributed version control. show the history' },
      { name: 'git commit', summary: 'Record changes. save my staged work with a message' },
      { name: 'ls', summary: 'list files in long format' },
    ]);
    const index = new CommandDocs(merged);
    expect(index.retrieve('save staged work', 1)[0]!.name).toBe('git commit');
    expect(new CommandDocs(docs).retrieve('save staged work', 1)).toEqual([]);
  });

  it('matches names as whole leading words', () => {
    expect(startsWithName('git commit -m x', 'git commit')).toBe(true);
    expect(startsWithName('sudo git commit', 'git')).toBe(true);
    expect(startsWithName('gitk --all', 'git')).toBe(false);
    expect(startsWithName('ls', 'ls')).toBe(true);
  });
});

describe('openBookScore', () => {
  const lp = Math.pow((5 + 4) / 6, 0.6); // GNMT penalty of 3 tokens + <eos>
  const h = { text: 'ab x', tokens: [5, 6, 7], tokenLogProbs: [-3, -2, -0.5, -0.1], logProb: -5.6, score: -5.6 / lp, sourcePieces: [], targetPieces: [] };
  const hits = [{ name: 'ab', score: 0.5 }, { name: 'ab x', score: 0.2 }, { name: 'zz', score: 0.9 }];
  const ids = (n: string) => (n === 'ab' ? [5, 6] : [9]);

  it('adds weight x the best matching name similarity and forgives a share of that name log-prob', () => {
    expect(openBookScore(h, hits, ids, { alpha: 0.6, weight: 4, nameDiscount: 0 })).toBeCloseTo(h.score + 2, 10);
    expect(openBookScore(h, hits, ids, { alpha: 0.6, weight: 4, nameDiscount: 0.5 })).toBeCloseTo(h.score + 2 + 2.5 / lp, 10);
    // No retrieved name matches: the score is the model's.
    expect(openBookScore({ ...h, text: 'cd x' }, hits, ids, { alpha: 0.6, weight: 4, nameDiscount: 1 })).toBe(h.score);
    // The text starts with the name but in other pieces: nothing to forgive.
    expect(openBookScore({ ...h, tokens: [8, 6, 7] }, hits, ids, { alpha: 0.6, weight: 4, nameDiscount: 1 })).toBeCloseTo(h.score + 2, 10);
  });
});

describe('nameLogProb', () => {
  const pieces = ['<pad>', '<sos>', '<eos>', '<unk>', '▁sudo', '▁gi', 't', '▁commit', '▁-m'];
  const h = (tokens: number[], tokenLogProbs: number[]) => ({ text: '', tokens, tokenLogProbs, logProb: 0, score: 0, sourcePieces: [], targetPieces: [] });

  it("sums the first word's pieces, skipping a leading sudo; -Infinity for an empty output", () => {
    expect(nameLogProb(h([5, 6, 7, 8], [-0.5, -0.25, -3, -1, -0.1]), pieces)).toBeCloseTo(-0.75, 10);
    expect(nameLogProb(h([4, 5, 6, 7], [-2, -0.5, -0.25, -3, -0.1]), pieces)).toBeCloseTo(-0.75, 10);
    expect(nameLogProb(h([], [-0.1]), pieces)).toBe(-Infinity);
  });
});

describe('generateWithDocs', () => {
  const opts = { ...textModelDefaults, tokenizer: 'word' as const, vocabSize: 0, embeddingDim: 8, encoderUnits: 8, decoderUnits: 8, dropout: 0, maxSourceLength: 8, maxTargetLength: 8 };
  const fields = buildFields(['list files', 'make a sound', 'show the date'], ['ls -l', 'say hello', 'date', 'beep'], opts);
  const docs = new CommandDocs([
    { name: 'say', summary: 'Make a sound from text.' },
    { name: 'date', summary: 'Show the date.' },
  ]);

  it('with a large weight, names the retrieved command, then lets the model go on; keeps empty inputs empty; no leaks', async () => {
    const model = createTextModel(fields, opts, 3);
    const before = tf.memory().numTensors;
    const gen = generateWithDocs(docs, { top: 2, weight: 100, trust: 1 });
    const out = await gen(model, fields, ['make a sound', '', 'show the date'], { beam: 2, nBest: 3, maxLength: 4 });
    expect(out[0]![0]!.text.split(' ')[0]).toBe('say');
    expect(out[2]![0]!.text.split(' ')[0]).toBe('date');
    expect(out[1]).toEqual([expect.objectContaining({ text: '', tokens: [] })]);
    for (const list of out) {
      expect(new Set(list.map((h) => h.text)).size).toBe(list.length);
      for (let i = 1; i < list.length; i++) expect(list[i]!.score).toBeLessThanOrEqual(list[i - 1]!.score);
    }
    expect(tf.memory().numTensors).toBe(before);
    model.store.dispose();
  });

  it('keeps the model output where it is sure of the name (trust), looking nothing up', async () => {
    const model = createTextModel(fields, opts, 3);
    const o = { beam: 2, nBest: 2, maxLength: 4 };
    const plain = await generate(model, fields, ['make a sound'], o);
    const sure = await generateWithDocs(docs, { top: 2, weight: 100, trust: -1000 })(model, fields, ['make a sound'], o);
    expect(sure[0]!.map((x) => [x.text, x.score])).toEqual(plain[0]!.map((x) => [x.text, x.score]));
    model.store.dispose();
  });

  it('with weight 0 adds candidates but never beats the plain search by the bonus', async () => {
    const model = createTextModel(fields, opts, 3);
    const plain = await generate(model, fields, ['make a sound'], { beam: 2, maxLength: 4 });
    const open = await generateWithDocs(docs, { top: 2, weight: 0, trust: 1 })(model, fields, ['make a sound'], { beam: 2, maxLength: 4 });
    expect(open[0]![0]!.score).toBeGreaterThanOrEqual(plain[0]![0]!.score);
    expect(open[0]![0]!.score).toBeLessThanOrEqual(0);
    model.store.dispose();
  });
});
