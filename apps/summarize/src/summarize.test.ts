import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { runApp } from '@seq2seq/cli';
import { rougeScore } from '@seq2seq/metrics';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSummaries } from './data.js';
import { summarizeApp } from './index.js';
import { rougeMetrics } from './metrics.js';

const here = dirname(fileURLToPath(import.meta.url));
const SCITLDR = join(here, '../data/sample.scitldr.jsonl');
const AESLC = join(here, '../data/sample.aeslc.tsv');
const dir = mkdtempSync(join(tmpdir(), 'summarize-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runApp(summarizeApp, argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err: err.join('\n') };
}
const tiny = ['--vocab-size', '150', '--embedding-dim', '16', '--encoder-units', '16', '--decoder-units', '16', '--epochs', '2', '--batch-tokens', '800', '--max-source-length', '60', '--validate-size', '4', '--backend', 'cpu'];

describe('summarize data', () => {
  it('reads SciTLDR JSONL (sentences joined, all references) and TSV, skipping bad rows with counts', () => {
    const sci = loadSummaries(SCITLDR, 'eval', () => {});
    expect(sci).toHaveLength(12);
    const first = JSON.parse(readFileSync(SCITLDR, 'utf8').split('\n')[0]!) as { source: string[]; target: string[] };
    expect(sci[0]!.source).toBe(first.source.join(' '));
    expect(sci[0]!.targets).toEqual(first.target);
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"source": ["a b."], "target": ["c"]}\n\n{not json\n{"source": "x"}\n{"source": "", "target": "y"}\n[1]\n');
    const log: string[] = [];
    expect(loadSummaries(bad, 'eval', (l) => log.push(l))).toEqual([{ source: 'a b.', targets: ['c'] }]);
    expect(log.join()).toMatch(/skipped 4 examples.*"malformed":1.*"notObject":1.*"missingField":1.*"emptySource":1/);
    const tsv = join(dir, 'bad.tsv');
    writeFileSync(tsv, 'document\tsummary\nan email body\ta subject\nno tab here\n\t\nbody only\t\n');
    expect(loadSummaries(tsv, 'train', () => {})).toEqual([{ source: 'an email body', targets: ['a subject'] }]);
    writeFileSync(join(dir, 'garbage.jsonl'), 'hello\nworld\n');
    expect(() => loadSummaries(join(dir, 'garbage.jsonl'), 'eval', () => {})).toThrow(/is not JSON Lines \(line 1/);
  });

  it('ROUGE: 0-100 means of rouge-score F with stemming, best reference per type', () => {
    const refs = [['the cats are sitting', 'dogs run fast'], ['a b c']];
    const hyps = ['the cat sits', 'a b d'];
    const m = rougeMetrics(hyps, refs);
    const r1 = (t: string, h: string) => rougeScore(t, h, { types: ['rouge1'], useStemmer: true }).rouge1!.fmeasure;
    const expected = (Math.max(r1(refs[0]![0]!, hyps[0]!), r1(refs[0]![1]!, hyps[0]!)) + r1('a b c', 'a b d')) / 2;
    expect(m.rouge1).toBeCloseTo(100 * expected, 2);
    expect(r1('the cats are sitting', 'the cat sits')).toBeGreaterThan(r1('the cats are sitting', 'the cat'));
    expect(rougeMetrics(['x y'], [['x y']])).toEqual({ rouge1: 100, rouge2: 100, rougeL: 100, rougeLsum: 100 });
  });
});

describe('summarize CLI end to end', () => {
  it('trains on the bundled samples, evaluates (JSON last line matches the hypotheses) and predicts, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const out = join(dir, 'model');
    const t = await run(['train', '--train', SCITLDR, '--train', AESLC, '--valid', AESLC, '--out', out, ...tiny]);
    expect(t.err).not.toMatch(/error/);
    expect(t.code).toBe(0);
    const hypFile = join(dir, 'hyps.txt');
    const e = await run(['eval', '--model', out, '--data', SCITLDR, '--beam', '2', '--output-file', hypFile, '--backend', 'cpu']);
    expect(e.code).toBe(0);
    const json = JSON.parse(e.out.at(-1)!) as Record<string, number>;
    expect(Object.keys(json)).toEqual(['rouge1', 'rouge2', 'rougeL', 'rougeLsum', 'n']);
    expect(json.n).toBe(12);
    const hyps = readFileSync(hypFile, 'utf8').split('\n').slice(0, 12);
    expect(json).toEqual({ ...rougeMetrics(hyps, loadSummaries(SCITLDR, 'eval', () => {}).map((x) => x.targets)), n: 12 });
    const p = await run(['predict', '--model', out, '--beam', '1', '--backend', 'cpu', 'first document .', 'second one']);
    expect(p.code).toBe(0);
    expect(p.out).toHaveLength(2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fails clearly without data or with a missing file', async () => {
    expect((await run(['train', '--out', join(dir, 'x')])).code).toBe(2);
    const missing = await run(['eval', '--model', join(dir, 'model'), '--data', join(dir, 'nope.tsv'), '--backend', 'cpu']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot read/);
  });
});
