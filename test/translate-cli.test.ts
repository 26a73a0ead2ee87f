// The translate app's command-line contract, end to end on a tiny corpus: train, eval (JSON last line), predict.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
    // The two broken lines are skipped and counted: done, with skipped inputs (exit 3).
    expect(await runApp(translateApp, ['eval', '--model', out, '--data', train, '--beam', '2', '--backend', 'cpu'], e.ctx)).toBe(3);
    const result = JSON.parse(e.out.at(-1)!);
    expect(Object.keys(result).sort()).toEqual(['bleu', 'chrf', 'n', 'skipped']);
    expect(result.n).toBe(36);
    expect(result.skipped).toBe(2);

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

  it('--init-from starts a new run from a trained model, and refuses one of another app', async () => {
    const args = ['--train', train, '--valid', train, '--epochs', '1', '--lr', '0', '--backend', 'cpu'];
    const first = JSON.parse(readFileSync(join(out, 'best', 'config.json'), 'utf8')).training.bestMetric as number;
    const init = capture();
    // With a learning rate of 0 the weights stay the initial ones: the run validates the source model.
    expect(await runApp(translateApp, ['train', '--out', join(dir, 'init'), '--init-from', out, ...args], init.ctx), init.err.join('\n')).toBe(0);
    expect(init.err.join('\n')).toMatch(/init from .*run\/best: its weights, vocabularies and model options/);
    expect(JSON.parse(init.out.at(-1)!).bestMetric).toBeCloseTo(first, 10);
    const scratch = capture();
    expect(await runApp(translateApp, ['train', '--out', join(dir, 'scratch'), '--tokenizer', 'word', '--embedding-dim', '8', '--encoder-units', '8', '--decoder-units', '16', ...args], scratch.ctx)).toBe(0);
    const weightsOf = (d: string) => readFileSync(join(d, 'best', 'weights.bin'));
    expect(weightsOf(join(dir, 'init')).equals(weightsOf(out))).toBe(true);
    expect(weightsOf(join(dir, 'scratch')).equals(weightsOf(out))).toBe(false);

    cpSync(join(out, 'best'), join(dir, 'other'), { recursive: true });
    const cfg = JSON.parse(readFileSync(join(dir, 'other', 'config.json'), 'utf8'));
    cfg.task.app = 'summarize';
    writeFileSync(join(dir, 'other', 'config.json'), JSON.stringify(cfg));
    const wrong = capture();
    expect(await runApp(translateApp, ['train', '--out', join(dir, 'init2'), '--init-from', join(dir, 'other'), ...args], wrong.ctx)).toBe(1);
    expect(wrong.err.join('\n')).toMatch(/--init-from '.*other' is a 'summarize' model, not a 'translate' one/);
    const both = capture();
    expect(await runApp(translateApp, ['train', '--out', join(dir, 'init'), '--init-from', out, '--resume', ...args], both.ctx)).toBe(1);
    expect(both.err.join('\n')).toMatch(/give one of them/);
  }, 300_000);
});
