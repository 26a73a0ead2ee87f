import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCheckpoint } from '../checkpoint/load.js';
import { bucketBatches } from './batches.js';
import { copyPairs, makeBatch, seenDecodeOptions, tinyModel, type Pair, type TinyBatch } from './tiny-model.test-helper.js';
import { train } from './train.js';
import type { BatchSource, EpochContext } from './types.js';

const data = copyPairs(64, 11);
const epochBatches = (ctx: EpochContext): BatchSource<TinyBatch>[] =>
  bucketBatches(data, { batchSize: 8, lengthOf: (p: Pair) => p.src.length, seed: ctx.seed }).map((g) => () => makeBatch(g));

/** Mean loss (no label smoothing) over all data. */
function evalLoss(model: ReturnType<typeof tinyModel>): number {
  const b = makeBatch(data);
  const l = model.loss(b.input, b.target);
  const v = l.dataSync()[0]!;
  l.dispose();
  b.dispose();
  return v;
}

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'train-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('train', () => {
  it('learns the toy task, keeps the tensor count flat and writes log and checkpoints', async () => {
    const model = tinyModel(2);
    const start = tf.memory().numTensors;
    const counts: number[] = [];
    const lines: string[] = [];
    const loss0 = evalLoss(model);
    const result = await train(model, {
      outDir: out,
      trainBatches: epochBatches,
      maxEpochs: 10,
      learningRate: 0.05,
      warmupSteps: 5,
      logEvery: 8,
      validate: async () => ({ metric: evalLoss(model), higherIsBetter: false }),
      progress: { isTTY: false, write: (s) => void lines.push(s) },
      onStep: () => void counts.push(tf.memory().numTensors),
    });
    const loss1 = evalLoss(model);
    expect(result).toMatchObject({ step: 80, epoch: 10, stopReason: 'max-epochs', skippedBatches: 0 });
    expect(loss1).toBeLessThan(loss0 * 0.7);
    // No tensors pile up across steps, and none remain after training.
    expect(new Set(counts).size).toBe(1);
    expect(tf.memory().numTensors).toBe(start);

    expect((await readdir(out)).sort()).toEqual(['best', 'last', 'train.jsonl']);
    const records = (await readFile(join(out, 'train.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(records.filter((r) => r.type === 'train').map((r) => r.step)).toEqual([8, 16, 24, 32, 40, 48, 56, 64, 72, 80]);
    expect(records.filter((r) => r.type === 'validation')).toHaveLength(10);
    const train1 = records.find((r) => r.type === 'train');
    expect(train1.tokensPerSec).toBeGreaterThan(0);
    expect(train1.loss).toBeGreaterThan(0);
    expect(records.at(-1)).toMatchObject({ type: 'end', step: 80, reason: 'max-epochs' });
    // Non-TTY progress: whole lines, no carriage returns, with loss, tokens/s and ETA.
    expect(lines.join('')).not.toContain('\r');
    expect(lines.some((l) => /^step 8 ep 1 \| loss \d+\.\d+ \| [\d.]+k? tok\/s \| lr .* \| ETA \d+/.test(l))).toBe(true);

    const last = await loadCheckpoint(join(out, 'last'));
    expect(last.config.training).toMatchObject({ step: 80, epoch: 10, batchInEpoch: 0 });
    expect(last.optimizerState?.spec.config.step).toBe(80);
    tf.dispose([...last.weights.values(), ...last.optimizerState!.tensors.values()]);
    model.store.dispose();
  });

  it('stops early when the metric stops improving and keeps the best checkpoint', async () => {
    const model = tinyModel(2);
    const metrics = [0.2, 0.5, 0.4, 0.45, 0.3, 0.9];
    let calls = 0;
    const result = await train(model, {
      outDir: out,
      trainBatches: epochBatches,
      maxEpochs: 50,
      validateEvery: 3,
      patience: 3,
      progress: false,
      validate: async () => ({ metric: metrics[calls++]!, higherIsBetter: true }),
    });
    expect(result).toMatchObject({ stopReason: 'early-stopping', bestMetric: 0.5, bestStep: 6, step: 15 });
    expect(calls).toBe(5);
    const best = await loadCheckpoint(join(out, 'best'), { optimizer: false });
    expect(best.config.training).toMatchObject({ step: 6, bestMetric: 0.5 });
    tf.dispose([...best.weights.values()]);
    // A finished run is not continued by resume.
    const again = await train(model, { outDir: out, trainBatches: epochBatches, maxEpochs: 50, resume: true, progress: false });
    expect(again).toMatchObject({ stopReason: 'already-finished', step: 15 });
    model.store.dispose();
  });

  it('skips batches with a NaN loss, counts them and keeps training', async () => {
    const model = tinyModel(2);
    const start = tf.memory().numTensors;
    const skipped: boolean[] = [];
    const result = await train(model, {
      outDir: out,
      maxSteps: 6,
      progress: false,
      trainBatches: (ctx) =>
        epochBatches(ctx).map((make, i) => () => {
          const b = (make as () => ReturnType<typeof makeBatch>)();
          if (i % 3 !== 1) return b;
          const bad = tf.fill(b.target.targetMask.shape, NaN) as tf.Tensor2D;
          b.target.targetMask.dispose();
          b.target.targetMask = bad;
          return { ...b, dispose: () => (b.dispose(), bad.dispose()) };
        }),
      onStep: (s) => void skipped.push(s.skipped),
    });
    expect(result).toMatchObject({ step: 6, skippedBatches: 3 });
    expect(skipped).toEqual([false, true, false, false, true, false, false, true, false]);
    expect(tf.memory().numTensors).toBe(start);
    const w = model.store.get('decoder/output/kernel');
    expect(tf.tidy(() => tf.all(tf.isFinite(w)).dataSync()[0])).toBe(1);
    model.store.dispose();
  });

  it('passes a rising sampling probability and a per-step seed to the decoder', async () => {
    const model = tinyModel(2);
    seenDecodeOptions.length = 0;
    await train(model, { outDir: out, trainBatches: epochBatches, maxSteps: 5, progress: false, scheduledSampling: { maxProbability: 0.5, rampSteps: 4 } });
    const opts = seenDecodeOptions as { samplingProbability?: number; seed?: number; training?: boolean }[];
    expect(opts.map((o) => o.samplingProbability)).toEqual([0, 0.125, 0.25, 0.375, 0.5]);
    expect(opts.every((o) => o.training === true)).toBe(true);
    expect(new Set(opts.map((o) => o.seed)).size).toBe(5);
    model.store.dispose();
  });
});
