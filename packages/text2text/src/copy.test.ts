import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { type JsonObject, saveModel } from '@seq2seq/core';
import { afterAll, describe, expect, it } from 'vitest';
import { copyMapOf, encodePairs, makeBatch } from './batches.js';
import { modelOptionSpecs, readModelOptions } from './commands/model-options.js';
import { buildFields, fieldsToJSON } from './fields.js';
import { generate } from './generate.js';
import { loadTextModel } from './load.js';
import { createTextModel } from './model.js';
import { textModelDefaults, textTrainDefaults } from './options.js';
import { trainTextModel } from './train.js';

const opts = { ...textModelDefaults, tokenizer: 'word' as const, vocabSize: 0, embeddingDim: 8, encoderUnits: 8, decoderUnits: 8, dropout: 0, copy: true };
const dir = mkdtempSync(join(tmpdir(), 't2t-copy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--copy', () => {
  it('is a train flag (default false) that sets the decoder option', () => {
    expect(modelOptionSpecs(textModelDefaults, textTrainDefaults).copy).toMatchObject({ type: 'boolean', default: false });
    expect(readModelOptions({}, textModelDefaults, textTrainDefaults).model.copy).toBe(false);
    expect(readModelOptions({ copy: true }, textModelDefaults, textTrainDefaults).model.copy).toBe(true);
    const f = buildFields(['a b'], ['b c'], opts);
    const m = createTextModel(f, { ...opts, attention: 'dot', encoderUnits: 4 }, 1);
    expect(m.decoder.config().copy).toBe(true);
    m.store.dispose();
    expect(() => createTextModel(f, { ...opts, attention: 'none' }, 1)).toThrow(/copy needs attention/);
  });

  it('batches carry the source ids mapped into the target vocabulary (separate vocabularies), and free them', () => {
    const f = buildFields(['paris is big', 'rome'], ['big paris', 'city'], opts);
    const { examples } = encodePairs([{ source: 'paris is big', target: 'big paris' }, { source: 'rome', target: 'city' }], f, opts);
    const before = tf.memory().numTensors;
    const b = makeBatch(examples, copyMapOf(f));
    const t = (w: string) => f.target.vocab.id(`▁${w}`);
    expect(b.input.copyIds!.arraySync()).toEqual([[t('paris'), -1, t('big')], [-1, -1, -1]]);
    b.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(copyMapOf(f)).toBe(copyMapOf(f));
  });

  it('a copy model round-trips through a checkpoint exactly, and generate decodes with it without leaking', async () => {
    const f = buildFields(['a b c', 'b c d'], ['c b', 'd'], opts);
    const model = createTextModel(f, opts, 5);
    const out = join(dir, 'saved');
    await saveModel(out, model, { task: { app: 'test', fields: fieldsToJSON(f), options: opts as unknown as JsonObject } });
    const loaded = await loadTextModel(out, 'test');
    expect(loaded.options.copy).toBe(true);
    expect(loaded.config.decoder.config.copy).toBe(true);
    const before = tf.memory().numTensors;
    const { examples } = encodePairs([{ source: 'a b c', target: 'c b' }, { source: 'd', target: 'd' }], f, opts);
    const batch = makeBatch(examples, copyMapOf(f));
    const diff = tf.tidy(() => {
      const a = model.logits(batch.input, batch.target.targetIn);
      const b = loaded.model.logits(batch.input, batch.target.targetIn);
      return tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;
    });
    expect(diff).toBeLessThanOrEqual(1e-6);
    batch.dispose();
    const [x, y] = [await generate(model, f, ['a b c', 'd'], { beam: 2, maxLength: 4 }), await generate(loaded.model, loaded.fields, ['a b c', 'd'], { beam: 2, maxLength: 4 })];
    expect(y.map((n) => n[0]!.tokens)).toEqual(x.map((n) => n[0]!.tokens));
    expect(tf.memory().numTensors).toBe(before);
    model.store.dispose();
    loaded.model.store.dispose();
  });

  it('trainTextModel trains a copy model and stores the option in its checkpoint', async () => {
    const pairs = ['a b', 'b c', 'c d', 'd a', 'a c', 'b d'].map((s) => ({ source: s, target: s }));
    const out = join(dir, 'trained');
    const result = await trainTextModel({
      outDir: out,
      train: pairs,
      valid: pairs.slice(0, 2),
      model: opts,
      training: { ...textTrainDefaults, epochs: 2, batchTokens: 12, validateSize: 2 },
      metric: { name: 'exact', higherIsBetter: true, compute: (h, r) => h.filter((x, i) => x === r[i]).length },
      task: { app: 'test' },
      log: () => {},
    });
    expect(result.step).toBeGreaterThan(0);
    const loaded = await loadTextModel(join(out, 'last'), 'test');
    expect(loaded.options.copy).toBe(true);
    // Written once: the decoder's options live in its config, no longer also in task.options.
    expect(loaded.config.decoder.config.copy).toBe(true);
    expect(loaded.config.task.options).not.toHaveProperty('copy');
    expect(loaded.config.task.options).not.toHaveProperty('attention');
    expect(loaded.config.task.options).toHaveProperty('encoderUnits');
    expect(loaded.model.store.entries().some(([name]) => name.includes('copy_gate'))).toBe(true);
    loaded.model.store.dispose();
  });
});
