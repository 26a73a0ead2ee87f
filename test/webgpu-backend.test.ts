// The webgpu backend (Dawn from the optional `webgpu` package; on a machine without a GPU, Mesa's
// lavapipe) against the cpu backend on a tiny translator of the shipped architecture (bi-LSTM encoder,
// general attention, dense bridge): a few training steps and greedy and beam decoding agree to 1e-3.
// Kept small: lavapipe runs every kernel on the CPU. Skipped, with the reason, where webgpu is missing.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { Adam, buildModel, type Seq2Seq, startWebGpu, type TrainBatch, trainStep } from '@seq2seq/core';
import '@seq2seq/decoder-lstm';
import { beamSearch, decoderFor, greedy, type Hypothesis } from '@seq2seq/search';
import { targetBatch, type TextBatch, textBatch } from '@seq2seq/text';
import { describe, expect, it } from 'vitest';

/** Why webgpu cannot run here (one line), or undefined when it can. Leaves the cpu backend current. */
async function probe(): Promise<string | undefined> {
  try {
    await startWebGpu();
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    await tf.setBackend('cpu');
  }
}
const missing = await probe();

const VOCAB = 12;
const model = () =>
  buildModel<TextBatch>(
    {
      encoder: { kind: 'text-rnn', config: { vocabSize: VOCAB, embeddingDim: 6, units: 8, layers: 1, cell: 'lstm', bidirectional: true, dropout: 0 } },
      decoder: { kind: 'lstm', config: { vocabSize: VOCAB, inputDim: 16, embeddingDim: 6, units: 16, attention: 'general', inputFeeding: false, bridge: 'dense', dropout: 0 } },
    },
    { seed: 5 },
  );

// Rows of unequal length, so padding and masking are exercised in both directions of the encoder.
const sources = [[4, 5, 6, 7, 8], [9, 10], [11, 4, 5]];
const targets = [[8, 7, 6, 5, 4], [10, 9], [5, 4, 11]];
const STEPS = 3;

function batch(): TrainBatch<TextBatch> {
  const input = textBatch(sources);
  const target = targetBatch(targets);
  return { input, target, numTargetTokens: 13, dispose: () => tf.dispose([input, target]) };
}

interface Run {
  losses: number[];
  weights: Map<string, Float32Array>;
  greedy: Hypothesis[];
  beam: Hypothesis[][];
  leaked: number;
}

async function runOn(backend: 'cpu' | 'webgpu'): Promise<Run> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const m: Seq2Seq<TextBatch> = model();
  const adam = new Adam(m.store);
  const losses: number[] = [];
  for (let s = 0; s < STEPS; s++) {
    const b = batch();
    losses.push((await trainStep(m, adam, b, { learningRate: 0.05, clipNorm: 5, decode: { training: true, seed: s } })).loss);
    b.dispose();
  }
  const weights = new Map<string, Float32Array>();
  for (const [name, v] of m.store.trainable()) weights.set(name, (await v.data()) as Float32Array);
  const src = textBatch(sources);
  const { decoder, memory } = decoderFor([{ model: m, batch: src }]);
  const common = { maxLength: 8, sourceLengths: sources.map((s) => s.length) };
  const g = await greedy(decoder, memory, common);
  const beam = await beamSearch(decoder, memory, { ...common, beamSize: 3, nBest: 2, lengthPenalty: 0.6 });
  tf.dispose([memory, src]);
  adam.dispose();
  m.store.dispose();
  const leaked = tf.memory().numTensors - before;
  await tf.setBackend('cpu');
  return { losses, weights, greedy: g, beam, leaked };
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
};

describe.skipIf(missing !== undefined)(`webgpu backend matches cpu: training steps, greedy and beam decoding${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it(`${STEPS} Adam steps give the same losses and weights (1e-3), and greedy / beam decoding the same tokens and scores, with no leaked tensors`, async () => {
    const cpu = await runOn('cpu');
    const gpu = await runOn('webgpu');
    expect(cpu.leaked).toBe(0);
    expect(gpu.leaked).toBe(0);
    // Training moved the model (else equal weights would prove nothing) ...
    expect(cpu.losses[STEPS - 1]).toBeLessThan(cpu.losses[0]!);
    // ... identically on both backends.
    expect(maxDiff(gpu.losses, cpu.losses)).toBeLessThan(1e-3);
    expect([...gpu.weights.keys()]).toEqual([...cpu.weights.keys()]);
    for (const [name, w] of cpu.weights) expect(maxDiff(gpu.weights.get(name)!, w), name).toBeLessThan(1e-3);
    expect(gpu.greedy.map((h) => h.tokens)).toEqual(cpu.greedy.map((h) => h.tokens));
    expect(maxDiff(gpu.greedy.map((h) => h.score), cpu.greedy.map((h) => h.score))).toBeLessThan(1e-3);
    expect(gpu.beam.map((n) => n.map((h) => h.tokens))).toEqual(cpu.beam.map((n) => n.map((h) => h.tokens)));
    expect(maxDiff(gpu.beam.flat().map((h) => h.score), cpu.beam.flat().map((h) => h.score))).toBeLessThan(1e-3);
  });
});

describe('--backend webgpu where it cannot run', () => {
  it('fails with one line saying what to install, not a stack trace', () => {
    const bin = join(dirname(fileURLToPath(import.meta.url)), '../apps/translate/bin/translate.js');
    // No Vulkan driver for Dawn (or, where the optional packages are absent, no packages at all).
    const r = spawnSync(process.execPath, [bin, 'predict', '--backend', 'webgpu', 'a dog'], { encoding: 'utf8', env: { ...process.env, VK_ICD_FILENAMES: '/nonexistent.json', VK_DRIVER_FILES: '/nonexistent.json' } });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const ours = r.stderr.split('\n').filter((l) => l.startsWith('translate predict:'));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatch(/^translate predict: error: webgpu: .*(apt-get install libvulkan1 mesa-vulkan-drivers|npm install webgpu@)/);
    expect(r.stderr).not.toMatch(/^\s+at .*\.ts:\d+/m);
  });
});
