// A trained-from-init text model survives save/load exactly, and a mismatched checkpoint is refused.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadModel, restoreInto, saveModel, loadCheckpoint } from '@seq2seq/core';
import { buildFields, createTextModel, textModelDefaults } from '@seq2seq/text2text';
import { textBatch, type TextBatch } from '@seq2seq/text';
import { describe, expect, it } from 'vitest';

const opts = { ...textModelDefaults, tokenizer: 'word' as const, vocabSize: 0, embeddingDim: 8, encoderUnits: 8, decoderUnits: 8, dropout: 0 };

describe('save and load', () => {
  it('round-trips a text model exactly and refuses a checkpoint with another vocabulary', async () => {
    const fields = buildFields(['a b c', 'b c d'], ['x y', 'y z'], opts);
    const model = createTextModel(fields, opts, 5);
    const dir = join(mkdtempSync(join(tmpdir(), 'ckpt-')), 'm');
    await saveModel(dir, model, { task: { app: 'test' } });
    const { model: back } = await loadModel<TextBatch>(dir);
    const src = textBatch([[4, 5, 6]]);
    const tin = tf.tensor2d([[1, 4, 5]], [1, 3], 'int32');
    const a = model.logits(src, tin);
    const b = back.logits(src, tin);
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0])).toBeLessThanOrEqual(1e-6);
    tf.dispose([a, b, src, tin]);

    const otherFields = buildFields(['a b c e f g', 'b c d'], ['x y', 'y z'], opts);
    const other = createTextModel(otherFields, opts, 5);
    const { weights } = await loadCheckpoint(dir, { optimizer: false });
    expect(() => restoreInto(other.store, weights, 'test')).toThrow(/shape/);
    weights.forEach((t) => t.dispose());

    const cfg = join(dir, 'config.json');
    writeFileSync(cfg, readFileSync(cfg, 'utf8').slice(0, 40));
    await expect(loadModel(dir)).rejects.toThrow(/corrupt checkpoint/);
    [model, back, other].forEach((m) => m.store.dispose());
  });
});
