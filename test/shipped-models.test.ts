// Every shipped model (models/<app>): its card matches its files, its MODEL.md states the card's
// numbers, it loads, and it answers a few inputs sensibly through the app's own CLI with no --model.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type AppSpec, runApp } from '@seq2seq/cli';
import { loadCheckpoint, manifestWeightsDtype } from '@seq2seq/core';
import { listShippedModels, MODEL_FILES, type ShippedModel } from '@seq2seq/models';
import { codegenApp } from '@seq2seq/app-codegen';
import { g2pApp } from '@seq2seq/app-g2p';
import { summarizeApp } from '@seq2seq/app-summarize';
import { transcribeApp } from '@seq2seq/app-transcribe';
import { translateApp } from '@seq2seq/app-translate';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, ctx: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

const MB = 1e6;
const shipped = listShippedModels();

/** Content checks: what a user would call a sensible answer, per app. */
const checks: Record<string, { app: AppSpec; run(m: ShippedModel): Promise<void> }> = {
  translate: {
    app: translateApp,
    async run() {
      const c = capture();
      expect(await runApp(translateApp, ['predict', 'A dog runs on the beach.', 'Two children are playing football.', 'A woman is reading a book.'], c.ctx), c.err.join('\n')).toBe(0);
      expect(c.err.join('\n')).toMatch(/model: shipped .*translate/);
      expect(c.out[0]).toMatch(/Hund/);
      expect(c.out[1]).toMatch(/Kinder/);
      expect(c.out[2]).toMatch(/Frau/);
      expect(c.out[2]).toMatch(/Buch/);
    },
  },
  summarize: {
    app: summarizeApp,
    async run() {
      const abstract =
        'We propose a simple method for training neural machine translation models on small data. ' +
        'Our method augments the training data by back-translating monolingual text with a model trained in the reverse direction. ' +
        'Experiments on three language pairs show improvements of up to 4 BLEU points over strong baselines.';
      const c = capture();
      expect(await runApp(summarizeApp, ['predict', abstract], c.ctx), c.err.join('\n')).toBe(0);
      const words = c.out[0]!.toLowerCase().split(/\W+/).filter((w) => w.length > 3);
      expect(words.length).toBeGreaterThanOrEqual(3);
      expect(words.length).toBeLessThan(60);
      // A summary of this abstract talks about its topic.
      expect(words.some((w) => ['translation', 'data', 'training', 'back', 'monolingual', 'method', 'neural'].some((k) => w.startsWith(k)))).toBe(true);
    },
  },
  g2p: {
    app: g2pApp,
    async run() {
      const c = capture();
      expect(await runApp(g2pApp, ['predict', 'cat', 'phone', 'computer'], c.ctx), c.err.join('\n')).toBe(0);
      expect(c.err.join('\n')).toMatch(/model: shipped .*g2p/);
      // CMUdict's own pronunciations (stress stripped) of three common words.
      expect(c.out.map((l) => l.split('\t').at(-1))).toEqual(['K AE T', 'F OW N', 'K AH M P Y UW T ER']);
    },
  },
  codegen: {
    app: codegenApp,
    async run() {
      const c = capture();
      expect(await runApp(codegenApp, ['predict', 'show the current git status', 'copy a file to another directory'], c.ctx), c.err.join('\n')).toBe(0);
      expect(c.err.join('\n')).toMatch(/model: shipped .*codegen/);
      expect(c.out[0]).toMatch(/^git status\b/);
      expect(c.out[1]).toMatch(/^cp\b/);
    },
  },
  transcribe: {
    app: transcribeApp,
    async run(m) {
      const manifest = join(m.dir, 'samples', 'manifest.tsv');
      const rows = readFileSync(manifest, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t') as [string, string]);
      const c = capture();
      const files = rows.map(([p]) => join(m.dir, 'samples', p));
      expect(await runApp(transcribeApp, ['predict', ...files], c.ctx), c.err.join('\n')).toBe(0);
      // Word error rate on the held-out voice is ~11%: all but at most one of the sample strings right.
      const right = rows.filter(([, text], i) => c.out[i]!.split('\t')[1] === text).length;
      expect(right).toBeGreaterThanOrEqual(rows.length - 1);
    },
  },
};

describe('shipped models', () => {
  it('are all there, within the size budget (20 MB each, 80 MB in all)', () => {
    expect(shipped.map((m) => m.app)).toContain('translate');
    let total = 0;
    for (const m of shipped) {
      const bytes = Object.values(m.card.files).reduce((a, b) => a + b, 0);
      expect(bytes, m.app).toBeLessThanOrEqual(20 * MB);
      total += bytes;
    }
    expect(total).toBeLessThanOrEqual(80 * MB);
  });

  for (const m of shipped) {
    describe(m.app, () => {
      it('has a card that matches its files, a MODEL.md with its numbers and a recipe', async () => {
        for (const f of MODEL_FILES) expect(m.card.files[f], f).toBe(readFileSync(join(m.dir, f)).byteLength);
        const card = readFileSync(join(m.dir, 'MODEL.md'), 'utf8');
        for (const metric of m.card.metrics) expect(card, `${metric.metric} ${metric.split}`).toContain(String(metric.value));
        expect(m.card.metrics.some((x) => /test|dev|held-out/i.test(x.split))).toBe(true);
        expect(readdirSync(m.dir).some((f) => f.startsWith('recipe'))).toBe(true);
        const before = tf.memory().numTensors;
        const { config, weights } = await loadCheckpoint(m.dir, { optimizer: false });
        expect(config.task.app).toBe(m.app);
        expect(config.optimizer).toBeNull();
        expect([...weights.values()].reduce((n, t) => n + t.size, 0)).toBe(m.card.parameters);
        expect(manifestWeightsDtype(JSON.parse(readFileSync(join(m.dir, 'weights.json'), 'utf8')))).toBe(m.card.weightsDtype);
        weights.forEach((t) => t.dispose());
        expect(tf.memory().numTensors).toBe(before);
      });

      const check = checks[m.app];
      it.skipIf(!check)('answers sensibly with no --model', async () => {
        await check!.run(m);
      }, 300_000);
    });
  }

  it('every app with a model has a content check', () => {
    expect(shipped.filter((m) => !checks[m.app]).map((m) => m.app)).toEqual([]);
    expect(existsSync(join(shipped[0]!.dir, '..'))).toBe(true);
  });
});
