import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runApp, type AppSpec } from '@seq2seq/cli';
import { describe, expect, it } from 'vitest';
import { cerCommand } from './cer.js';
import { ciderCommand } from './cider.js';
import { cocoBleuCommand } from './coco-bleu.js';
import { nltkBleuCommand } from './nltk-bleu.js';
import { rougeCommand } from './rouge.js';
import { werCommand } from './wer.js';

const app: AppSpec = {
  name: 'metrics',
  description: 'test',
  commands: [werCommand, cerCommand, rougeCommand, ciderCommand, cocoBleuCommand, nltkBleuCommand],
};

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runApp(app, argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

const dir = mkdtempSync(path.join(tmpdir(), 'metrics-cli-'));
const file = (name: string, lines: string[]): string => {
  const p = path.join(dir, name);
  writeFileSync(p, lines.map((l) => `${l}\n`).join(''));
  return p;
};
const hyp = file('hyp.txt', ['the cat sat down', 'a dog runs']);
const ref = file('ref.txt', ['the cat sat', 'a dog runs']);

describe('metrics subcommands (wer, cer, rouge, cider, coco-bleu, nltk-bleu)', () => {
  it('prints one JSON object with the score and n', async () => {
    const wer = await run(['wer', '--input', hyp, '--ref', ref]);
    expect(wer.code).toBe(0);
    const w = JSON.parse(wer.out[0]!);
    expect(w).toMatchObject({ insertions: 1, n: 2 });
    expect(w.wer).toBeCloseTo(100 / 6, 12);
    for (const cmd of ['cer', 'rouge', 'cider', 'coco-bleu', 'nltk-bleu']) {
      const r = await run([cmd, '--input', hyp, '--ref', ref, '--ref', ref]);
      expect(r.code, `${cmd}: ${r.err.join('\n')}`).toBe(0);
      expect(JSON.parse(r.out[0]!).n).toBe(2);
    }
    const rouge = JSON.parse((await run(['rouge', '--input', hyp, '--ref', ref, '--types', 'rouge1', '--stem'])).out[0]!);
    expect(rouge.rouge1_recall).toBe(100);
  });

  it('prints one object per line with --sentence', async () => {
    const r = await run(['wer', '--input', hyp, '--ref', ref, '--sentence']);
    const w = r.out.map((l) => JSON.parse(l).wer);
    expect(w).toHaveLength(2);
    expect(w[0]).toBeCloseTo(100 / 3, 12);
    expect(w[1]).toBe(0);
  });

  it('rejects mismatched line counts and bad options with exit code 2', async () => {
    const short = file('short.txt', ['only one']);
    expect((await run(['wer', '--input', hyp, '--ref', short])).code).toBe(2);
    expect((await run(['nltk-bleu', '--input', hyp, '--ref', ref, '--smoothing', 'method9'])).code).toBe(2);
  });
});
