// The translate app's command-line contract, end to end on a tiny corpus: train, eval (JSON last line), predict.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApp } from '@seq2seq/cli';
import { translateApp } from '@seq2seq/app-translate';
import { stdinLines } from '@seq2seq/text2text';
import { describe, expect, it } from 'vitest';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, ctx: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('translate CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'translate-cli-'));
  const words = ['red', 'blue', 'cat', 'dog', 'big', 'small'];
  const de: Record<string, string> = { red: 'rot', blue: 'blau', cat: 'katze', dog: 'hund', big: 'gross', small: 'klein' };
  const lines = ['source\ttarget'];
  for (const a of words) for (const b of words) lines.push(`${a} ${b}\t${de[a]} ${de[b]}`);
  lines.push('no tab on this line', '\tempty source');
  const train = join(dir, 'train.tsv');
  writeFileSync(train, `${lines.join('\n')}\n`);
  const out = join(dir, 'run');

  it('trains, evaluates with a JSON last line, predicts, and names bad files', async () => {
    const t = capture();
    const code = await runApp(translateApp, ['train', '--out', out, '--train', train, '--valid', train, '--tokenizer', 'word', '--embedding-dim', '8', '--encoder-units', '8', '--decoder-units', '16', '--epochs', '2', '--batch-tokens', '200', '--backend', 'cpu'], t.ctx);
    expect(code, t.err.join('\n')).toBe(0);
    expect(t.err.join('\n')).toMatch(/skipped 2 lines/);
    expect(existsSync(join(out, 'best', 'config.json'))).toBe(true);

    const e = capture();
    expect(await runApp(translateApp, ['eval', '--model', out, '--data', train, '--beam', '2', '--backend', 'cpu'], e.ctx)).toBe(0);
    const result = JSON.parse(e.out.at(-1)!);
    expect(Object.keys(result).sort()).toEqual(['bleu', 'chrf', 'n']);
    expect(result.n).toBe(36);

    const p = capture();
    expect(await runApp(translateApp, ['predict', '--model', out, '--nbest', '2', '--json', 'red cat', 'blue dog', '--backend', 'cpu'], p.ctx)).toBe(0);
    expect(p.out).toHaveLength(2);
    expect(JSON.parse(p.out[0]!).outputs).toHaveLength(2);

    // Blank inputs get blank outputs, so `predict < in > out` stays line-aligned.
    const blank = capture();
    expect(await runApp(translateApp, ['predict', '--model', out, 'red cat', '', '  ', 'blue dog', '--backend', 'cpu'], blank.ctx)).toBe(0);
    expect(blank.out).toHaveLength(4);
    const plain = capture();
    expect(await runApp(translateApp, ['predict', '--model', out, 'red cat', 'blue dog', '--backend', 'cpu'], plain.ctx)).toBe(0);
    expect(blank.out).toEqual([plain.out[0], '', '', plain.out[1]]);
    expect(stdinLines('a\n\nb\r\n')).toEqual(['a', '', 'b']);

    const bad = capture();
    expect(await runApp(translateApp, ['eval', '--model', out, '--data', join(dir, 'missing.tsv'), '--backend', 'cpu'], bad.ctx)).toBe(1);
    expect(bad.err.join('\n')).toMatch(/missing\.tsv/);
    const wrong = capture();
    expect(await runApp(translateApp, ['eval', '--model', dir, '--data', train, '--backend', 'cpu'], wrong.ctx)).toBe(1);
    expect(wrong.err.join('\n')).toMatch(/checkpoint/);
  }, 300_000);
});
