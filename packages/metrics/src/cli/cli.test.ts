import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runApp } from '@seq2seq/cli';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusBleu } from '../bleu.js';
import { metricsApp } from './commands.js';
import { splitLines } from './io.js';

const dir = mkdtempSync(path.join(tmpdir(), 'metrics-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const hyp = file('hyp.txt', 'The cat is on the mat.\nA dog runs in a park.\n');
const ref = file('ref.txt', 'The cat sat on the mat.\nA dog runs in the park.\n');
const ref3 = file('ref3.txt', 'one\ntwo\nthree\n');

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runApp(metricsApp, argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err: err.join('\n') };
}

describe('metrics CLI', () => {
  it('prints corpus BLEU as JSON with sacreBLEU field names', async () => {
    const { code, out } = await run(['bleu', '--ref', ref, '--input', hyp]);
    expect(code).toBe(0);
    const json = JSON.parse(out[0]!) as Record<string, unknown>;
    const api = corpusBleu(splitLines('The cat is on the mat.\nA dog runs in a park.\n'), [splitLines('The cat sat on the mat.\nA dog runs in the park.\n')]);
    expect(json).toMatchObject({ name: 'BLEU', score: api.score, sys_len: api.sysLen, ref_len: api.refLen, formatted: api.formatted, signature: api.signature });
  });

  it('prints one line per segment with --sentence, and chrF / TER results', async () => {
    expect((await run(['bleu', '--ref', ref, '--input', hyp, '--sentence'])).out).toHaveLength(2);
    const chrf = JSON.parse((await run(['chrf', '--ref', ref, '--input', hyp, '--word-order', '2'])).out[0]!) as { name: string };
    expect(chrf.name).toBe('chrF2++');
    const ter = JSON.parse((await run(['ter', '--ref', ref, '--input', hyp, '--case-sensitive'])).out[0]!) as { signature: string };
    expect(ter.signature).toContain('case:mixed');
  });

  it('fails clearly on mismatched line counts, missing files and bad values', async () => {
    const mismatch = await run(['bleu', '--ref', ref3, '--input', hyp]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.err).toContain("2 hypotheses but reference file '" + ref3 + "' has 3 lines");
    const missing = await run(['bleu', '--ref', path.join(dir, 'nope.txt'), '--input', hyp]);
    expect(missing.err).toContain('no such file');
    expect((await run(['bleu', '--ref', ref, '--input', hyp, '--tokenize', 'zh'])).err).toContain('--tokenize must be one of');
  });

  it('has help for the app and every command', async () => {
    expect((await run(['--help'])).out.join('\n')).toMatch(/bleu[\s\S]*chrf[\s\S]*ter/);
    for (const c of metricsApp.commands) expect((await run([c.name, '--help'])).out.join('\n')).toContain(`usage: metrics ${c.name}`);
  });

  it('turns a metric undefined for its inputs into a clear error (every reference empty)', async () => {
    const empty = file('empty-refs.txt', '\n\n');
    const { code, err } = await run(['cider', '--ref', empty, '--input', hyp]);
    expect(code).toBe(1);
    expect(err).toMatch(/metrics cider: error: cider is undefined for these inputs: max\(\) arg is an empty sequence .*check that the --ref files are not empty/);
  });
});
