import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Adam } from '../training/adam.js';
import { makeBatch, maxWeightDiff, tinyModel, copyPairs, type TinyBatch } from '../training/tiny-model.test-helper.js';
import { buildModel, loadModel } from './build.js';
import { loadCheckpoint } from './load.js';
import { restoreInto } from './restore.js';
import { saveModel } from './save.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ckpt-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('checkpoint round trip', () => {
  it('restores every weight exactly and gives the same outputs', async () => {
    const before = tf.memory().numTensors;
    const a = tinyModel(3);
    await saveModel(join(dir, 'ck'), a, { task: { vocab: ['<pad>', '<s>', '</s>', 'a'] } });
    const { model: b, config } = await loadModel<TinyBatch>(join(dir, 'ck'));
    expect(config.task).toEqual({ vocab: ['<pad>', '<s>', '</s>', 'a'] });
    expect(config.encoder).toEqual({ kind: 'tiny-mean', config: { vocabSize: 12, dim: 8 } });
    expect(b.store.entries().map(([k]) => k)).toEqual(a.store.entries().map(([k]) => k));
    expect(maxWeightDiff(a, b)).toBeLessThanOrEqual(1e-6);
    // A differently seeded fresh model really differs, so the comparison above can fail.
    const c = tinyModel(99);
    expect(maxWeightDiff(a, c)).toBeGreaterThan(1e-3);
    const batch = makeBatch(copyPairs(3, 1));
    const la = a.loss(batch.input, batch.target);
    const lb = b.loss(batch.input, batch.target);
    expect(Math.abs(la.dataSync()[0]! - lb.dataSync()[0]!)).toBeLessThanOrEqual(1e-6);
    tf.dispose([la, lb]);
    batch.dispose();
    for (const m of [a, b, c]) m.store.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('writes the tf.io weights manifest format and saves optimizer moments', async () => {
    const before = tf.memory().numTensors;
    const a = tinyModel(3);
    const adam = new Adam(a.store);
    const batch = makeBatch(copyPairs(4, 2));
    const { grads, value } = tf.variableGrads(() => a.loss(batch.input, batch.target), a.store.trainable().map(([, v]) => v));
    const byName = new Map(a.store.trainable().map(([k, v]) => [k, grads[v.name]!] as [string, tf.Tensor]));
    adam.apply(byName, 0.01);
    tf.dispose([grads, value]);
    batch.dispose();
    await saveModel(join(dir, 'ck'), a, { optimizer: adam.state() });
    expect((await readdir(join(dir, 'ck'))).sort()).toEqual(['config.json', 'optimizer.bin', 'optimizer.json', 'weights.bin', 'weights.json']);
    const manifest = JSON.parse(await readFile(join(dir, 'ck', 'weights.json'), 'utf8'));
    expect(manifest[0].paths).toEqual(['weights.bin']);
    expect(manifest[0].weights[0]).toEqual({ name: 'encoder/embedding', shape: [12, 8], dtype: 'float32' });

    const loaded = await loadCheckpoint(join(dir, 'ck'));
    expect(loaded.optimizerState?.spec).toEqual({ kind: 'adam', config: { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, step: 1 } });
    const b = buildModel<TinyBatch>(loaded.config, { seed: 5 });
    restoreInto(b.store, loaded.weights);
    const adam2 = new Adam(b.store);
    adam2.load(loaded.optimizerState!);
    expect(adam2.step).toBe(1);
    const m1 = adam.state().tensors;
    let maxDiff = 0;
    for (const [k, t] of adam2.state().tensors) maxDiff = Math.max(maxDiff, tf.tidy(() => tf.max(tf.abs(tf.sub(t, m1.get(k)!))).dataSync()[0]!));
    expect(maxDiff).toBe(0);
    expect(tf.tidy(() => tf.max(tf.abs(m1.get('m/decoder/output/kernel')!)).dataSync()[0]!)).toBeGreaterThan(0);
    tf.dispose([...loaded.weights.values(), ...loaded.optimizerState!.tensors.values()]);
    adam.dispose();
    adam2.dispose();
    a.store.dispose();
    b.store.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
