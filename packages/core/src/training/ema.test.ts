import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadCheckpoint } from '../checkpoint/load.js';
import { ParamStore } from '../params.js';
import type { Seq2Seq } from '../seq2seq.js';
import { WeightAverage } from './ema.js';
import { copyTaskOptions, maxWeightDiff, tinyModel, type TinyBatch } from './tiny-model.test-helper.js';
import { train } from './train.js';
import type { TrainOptions } from './types.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ema-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

it('tracks the closed-form average, swaps it in for a callback and back, and does not leak', async () => {
  const before = tf.memory().numTensors;
  const store = ParamStore.create();
  const w = store.variable('w', [2], { kind: 'zeros' });
  const ema = new WeightAverage(store, { decay: 0.5 });
  let expected = [0, 0];
  for (let step = 1; step <= 20; step++) {
    const value = [step, -2 * step];
    tf.tidy(() => w.assign(tf.tensor1d(value)));
    ema.update(step);
    const d = Math.min(0.5, (1 + step) / (10 + step));
    expected = expected.map((e, i) => d * e + (1 - d) * value[i]!);
  }
  const seen = await ema.withAveraged(async () => Array.from(w.dataSync()));
  expect(seen[0]).toBeCloseTo(expected[0]!, 4);
  expect(seen[1]).toBeCloseTo(expected[1]!, 4);
  expect(Array.from(w.dataSync())).toEqual([20, -40]);
  // The callback failing still restores the training weights.
  await expect(ema.withAveraged(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
  expect(Array.from(w.dataSync())).toEqual([20, -40]);
  expect(() => new WeightAverage(store, { decay: 1 })).toThrow('ema decay');
  ema.dispose();
  store.dispose();
  expect(tf.memory().numTensors).toBe(before);
});

const fingerprint = (ts: tf.Tensor[]): number => tf.tidy(() => tf.addN(ts.map((t) => tf.sum(tf.square(t)))).dataSync()[0]!);

/** The shared copy-task run with a weight average; `seen` gets a fingerprint of the weights each validation sees. */
function options(model: Seq2Seq<TinyBatch>, outDir: string, seen: number[]): TrainOptions<TinyBatch> {
  const onValidate = () => seen.push(fingerprint(model.store.trainable().map(([, v]) => v)));
  return { ...copyTaskOptions(model, outDir, onValidate), ema: { decay: 0.9 } };
}

it('validates and saves best/ with the averaged weights, and resumes the average exactly', async () => {
  const before = tf.memory().numTensors;
  const seenA: number[] = [];
  const reference = tinyModel(2);
  const result = await train(reference, options(reference, join(root, 'a'), seenA));
  expect(result.step).toBe(24);
  const raw = fingerprint(reference.store.trainable().map(([, v]) => v));
  // Validation at the final step saw the average, which differs from the raw weights.
  expect(Math.abs(seenA.at(-1)! - raw)).toBeGreaterThan(1e-5);
  const last = await loadCheckpoint(join(root, 'a', 'last'));
  expect([...last.optimizerState!.tensors.keys()].some((k) => k.startsWith('ema/'))).toBe(true);
  expect(last.optimizerState!.spec.config.emaDecay).toBe(0.9);
  const best = await loadCheckpoint(join(root, 'a', 'best'));
  const names = reference.store.trainable().map(([n]) => n);
  const bestStep = result.bestStep!;
  expect(fingerprint(names.map((n) => best.weights.get(n)!))).toBeCloseTo(seenA[bestStep / 4 - 1]!, 4);
  for (const c of [last, best]) {
    tf.dispose([...c.weights.values(), ...(c.optimizerState?.tensors.values() ?? [])]);
  }

  // Killed at step 13, resumed from the step-10 checkpoint: same average, same validations.
  const seenB: number[] = [];
  const killed = tinyModel(2);
  const crash = train(killed, { ...options(killed, join(root, 'b'), seenB), onStep: (s) => { if (s.step === 13) throw new Error('killed'); } });
  await expect(crash).rejects.toThrow('killed');
  killed.store.dispose();
  const resumedModel = tinyModel(77);
  const resumed = await train(resumedModel, { ...options(resumedModel, join(root, 'b'), seenB), resume: true });
  expect(resumed).toEqual(result);
  expect(maxWeightDiff(resumedModel, reference)).toBe(0);
  expect(seenB.slice(-3)).toEqual(seenA.slice(-3));

  reference.store.dispose();
  resumedModel.store.dispose();
  expect(tf.memory().numTensors).toBe(before);
});
