import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend/index.js';
import { matmulCeiling } from './ceiling.js';
import { CASES } from './cases.js';
import { startPytorch, type PyTorchRunner } from './pytorch.js';

/**
 * `npm run bench [case...]`: one JSON line per case. Env: SEQ2SEQ_BACKEND, SEQ2SEQ_THREADS,
 * SEQ2SEQ_NATIVE=0 (no OpenBLAS addon), BENCH_STEPS (training steps timed, default 8),
 * BENCH_REPEATS (medians over, default 3), BENCH_PYTORCH=0 (skip the PyTorch side), BENCH_PYTHON.
 * The `reference` case runs the same model in PyTorch (reference_torch.py) in the same invocation,
 * alternating with this one, when a Python with torch is found; nothing is installed.
 */
const STEPS = Number(process.env.BENCH_STEPS) || 8;
const REPEATS = Number(process.env.BENCH_REPEATS) || 3;

async function timeIt(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** `torch` (the reference case only): the PyTorch side, measured alternately with this one. */
async function runCase(name: string, torch?: PyTorchRunner): Promise<Record<string, unknown>> {
  const make = CASES[name];
  if (!make) throw new Error(`unknown bench case '${name}'; known: ${Object.keys(CASES).join(', ')}`);
  const m = await make();
  const tensors0 = tf.memory().numTensors;
  await m.trainStep(); // warm-up (kernel setup, Adam slots)
  const train: number[] = [];
  const torchTrain: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const s = await timeIt(async () => {
      for (let i = 0; i < STEPS; i++) await m.trainStep();
    });
    train.push((STEPS * m.tokensPerStep) / s);
    if (torch) torchTrain.push(await torch.train(STEPS));
  }
  const trainTokensPerSec = median(train);
  await m.greedy(64, 20);
  const greedy: number[] = [];
  const torchGreedy: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    greedy.push((await m.greedy(64, 20)) / (await timeIt(() => m.greedy(64, 20))));
    if (torch) torchGreedy.push(await torch.greedy(64, 20));
  }
  const lat: number[] = [];
  await m.greedy(1, 20);
  for (let r = 0; r < 5 * REPEATS; r++) lat.push(await timeIt(() => m.greedy(1, 20)));
  await m.beam(8, 5, 20);
  const beam: number[] = [];
  for (let r = 0; r < REPEATS; r++) beam.push(64 / (await timeIt(() => m.beam(64, 5, 20))));
  const leaked = tf.memory().numTensors - tensors0;
  m.dispose();
  return {
    trainTokensPerSec: Math.round(trainTokensPerSec),
    greedyTokensPerSec: Math.round(median(greedy)),
    beam5SentencesPerSec: +median(beam).toFixed(1),
    latencyMs: +(median(lat) * 1000).toFixed(2),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    gflops: +((trainTokensPerSec / m.tokensPerStep) * m.flopsPerStep / 1e9).toFixed(1),
    tensorsAfter: leaked,
    ...(torch
      ? {
          pytorchTrainTokensPerSec: Math.round(median(torchTrain)),
          trainRatioToPytorch: +(trainTokensPerSec / median(torchTrain)).toFixed(2),
          pytorchGreedyTokensPerSec: Math.round(median(torchGreedy)),
          greedyRatioToPytorch: +(median(greedy) / median(torchGreedy)).toFixed(2),
          pytorch: torch.info,
        }
      : {}),
  };
}

const info = await initBackend();
const backend = info.native ? `${info.backend}+native` : info.backend;
const names = process.argv.slice(2).length ? process.argv.slice(2) : [...Object.keys(CASES), 'matmul-ceiling'];
let torch: PyTorchRunner | undefined;
if (names.includes('reference') && process.env.BENCH_PYTORCH !== '0') {
  const started = await startPytorch(info.threads);
  if ('missing' in started) console.error(`[bench] ${started.missing}: the reference line has no PyTorch fields`);
  else torch = started;
}
for (const name of names) {
  const r = name === 'matmul-ceiling' ? await matmulCeiling() : await runCase(name, name === 'reference' ? torch : undefined);
  console.log(JSON.stringify({ case: name, backend, threads: info.threads, ...r }));
}
torch?.close();
process.exit(0);
