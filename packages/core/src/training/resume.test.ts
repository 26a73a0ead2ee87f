import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { copyTaskOptions, maxWeightDiff, tinyModel, type TinyBatch } from './tiny-model.test-helper.js';
import { train } from './train.js';
import type { Seq2Seq } from '../seq2seq.js';

const options = (model: Seq2Seq<TinyBatch>, outDir: string) => copyTaskOptions(model, outDir);

const logRecords = async (dir: string) =>
  (await readFile(join(dir, 'train.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((l) => {
      const { time, elapsedMinutes, tokensPerSec, ...rest } = JSON.parse(l);
      return rest;
    });

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'resume-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

it('a run killed mid-epoch and resumed ends with exactly the weights of an uninterrupted run', async () => {
  const before = tf.memory().numTensors;
  const reference = tinyModel(2);
  const refResult = await train(reference, options(reference, join(root, 'a')));
  expect(refResult.step).toBe(24);

  // Same run, killed at step 13 (epoch 2, batch 5); its last checkpoint is from step 10.
  const killed = tinyModel(2);
  const opts = options(killed, join(root, 'b'));
  const crash = train(killed, { ...opts, onStep: (s) => { if (s.step === 13) throw new Error('killed'); } });
  await expect(crash).rejects.toThrow('killed');
  expect(maxWeightDiff(killed, reference)).toBeGreaterThan(1e-3);
  killed.store.dispose();

  // A new process would build a fresh model (here even with different initial weights) and resume.
  const resumedModel = tinyModel(77);
  const resumed = await train(resumedModel, { ...options(resumedModel, join(root, 'b')), resume: true });
  expect(resumed).toEqual(refResult);
  expect(maxWeightDiff(resumedModel, reference)).toBe(0);
  // The log is the same too: records the killed run wrote after its checkpoint were dropped.
  expect(await logRecords(join(root, 'b'))).toEqual(await logRecords(join(root, 'a')));

  reference.store.dispose();
  resumedModel.store.dispose();
  expect(tf.memory().numTensors).toBe(before);
});

it('resume without a checkpoint is an error; a larger budget continues a finished budgeted run', async () => {
  const a = tinyModel(2);
  await expect(train(a, { ...options(a, join(root, 'a')), resume: true, maxEpochs: 2 })).rejects.toThrow(/nothing to resume in .*holds no training run/);
  const full = await train(a, { ...options(a, join(root, 'a')), maxEpochs: 2 });
  const b = tinyModel(2);
  const first = await train(b, { ...options(b, join(root, 'b')), maxSteps: 7, maxEpochs: 2 });
  expect(first).toMatchObject({ step: 7, stopReason: 'max-steps' });
  const c = tinyModel(3);
  const rest = await train(c, { ...options(c, join(root, 'b')), resume: true, maxEpochs: 2 });
  expect(rest).toMatchObject({ step: 16, stopReason: 'max-epochs' });
  expect(maxWeightDiff(c, a)).toBe(0);
  expect(full.step).toBe(16);
  for (const m of [a, b, c]) m.store.dispose();
});
