// How a shipped model is made and used: train a tiny translator, pack it (float16 and uint8),
// decode with the packed copy, and run the demo on it with an updates budget.
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApp } from '@seq2seq/cli';
import { translateApp } from '@seq2seq/app-translate';
import { seq2seqApp } from '@seq2seq/app-seq2seq';
import { describe, expect, it } from 'vitest';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, ctx: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('pack, shipped-model lookup and the demo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pack-demo-'));
  const train = join(dir, 'train.tsv');
  const words = ['a', 'dog', 'runs', 'on', 'the', 'beach', 'two', 'children', 'play'];
  const lines = ['source\ttarget'];
  for (const a of words) for (const b of words) lines.push(`${a} ${b}\t${b} ${a}`);
  writeFileSync(train, `${lines.join('\n')}\n`);
  const run = join(dir, 'run');
  const cpu = ['--backend', 'cpu'];

  it('packs a checkpoint to float16 and uint8, keeps the card, and the packed model decodes like the original', async () => {
    const t = capture();
    expect(await runApp(translateApp, ['train', '--out', run, '--train', train, '--valid', train, '--tokenizer', 'word', '--embedding-dim', '8', '--encoder-units', '8', '--decoder-units', '16', '--epochs', '3', ...cpu], t.ctx), t.err.join('\n')).toBe(0);
    const models = join(dir, 'models');
    const target = join(models, 'translate');
    const p = capture();
    expect(await runApp(seq2seqApp, ['pack', '--model', run, '--out', target, '--dtype', 'float16'], p.ctx), p.err.join('\n')).toBe(0);
    const full = statSync(join(run, 'best', 'weights.bin')).size;
    expect(statSync(join(target, 'weights.bin')).size).toBe(full / 2);
    expect(JSON.parse(readFileSync(join(target, 'config.json'), 'utf8')).optimizer).toBeNull();

    // A card: pack refreshes its sizes; `models` lists it; predict without --model uses it.
    writeFileSync(join(target, 'card.json'), JSON.stringify({ app: 'translate', summary: 'tiny test translator', dataLicence: 'test', weightsDtype: 'x', parameters: 0, files: {}, metrics: [{ dataset: 'toy', split: 'train', metric: 'BLEU', value: 1, decoding: 'greedy' }] }));
    expect(await runApp(seq2seqApp, ['pack', '--model', run, '--out', target, '--dtype', 'uint8'], capture().ctx)).toBe(0);
    const card = JSON.parse(readFileSync(join(target, 'card.json'), 'utf8'));
    expect(card.weightsDtype).toBe('uint8');
    expect(card.files['weights.bin']).toBe(full / 4);
    expect(card.parameters).toBeGreaterThan(100);
    expect(await runApp(seq2seqApp, ['pack', '--model', run, '--out', target, '--dtype', 'float16'], capture().ctx)).toBe(0);

    process.env.SEQ2SEQ_MODELS = models;
    try {
      const m = capture();
      expect(await runApp(seq2seqApp, ['models'], m.ctx)).toBe(0);
      expect(m.out.join('\n')).toMatch(/translate .*tiny test translator[\s\S]*float16[\s\S]*BLEU 1 on toy train \(greedy\)/);
      const shipped = capture();
      expect(await runApp(translateApp, ['predict', 'a dog', 'two children', ...cpu], shipped.ctx), shipped.err.join('\n')).toBe(0);
      expect(shipped.err.join('\n')).toMatch(/model: shipped .*translate \(tiny test translator; BLEU 1 on toy train/);
      const original = capture();
      expect(await runApp(translateApp, ['predict', '--model', run, 'a dog', 'two children', ...cpu], original.ctx)).toBe(0);
      expect(shipped.out).toEqual(original.out);

      // The demo: shipped model, attention picture, a budget of 3 updates, BLEU before and after.
      const demoOut = join(dir, 'demo');
      const d = capture();
      expect(await runApp(translateApp, ['demo', '--updates', '3', '--out', demoOut, ...cpu], d.ctx), d.err.join('\n')).toBe(0);
      const text = d.out.join('\n');
      expect(text).toMatch(/1\. The shipped translator[\s\S]*A dog runs on the beach\.\n\s+-> /);
      expect(text).toMatch(/3 updates done; greedy BLEU on the bundled demo\.valid\.tsv \(200 pairs\): \d+\.\d\d before, \d+\.\d\d after/);
      expect(text).toMatch(/npx translate predict --model .*demo/);
      expect(existsSync(join(demoOut, 'attention.png'))).toBe(true);
      expect(existsSync(join(demoOut, 'best', 'config.json'))).toBe(true);

      // A damaged shipped model is named, with how to restore it.
      writeFileSync(join(target, 'weights.bin'), 'x');
      const bad = capture();
      expect(await runApp(translateApp, ['predict', 'a dog', ...cpu], bad.ctx)).toBe(1);
      expect(bad.err.join('\n')).toMatch(/shipped model 'translate' is damaged: .*weights\.bin has 1 bytes, its card says \d+; restore it with `git checkout -- /);
    } finally {
      delete process.env.SEQ2SEQ_MODELS;
    }
  }, 300_000);
});
