import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend/index.js';
import { matmulCeiling } from './ceiling.js';
import { CASES } from './cases.js';

/**
 * `npm run bench [case...]`: one JSON line per case. Env: SEQ2SEQ_BACKEND, SEQ2SEQ_THREADS,
 * BENCH_STEPS (training steps timed, default 8), BENCH_REPEATS (medians over, default 3).
 */
const STEPS = Number(process.env.BENCH_STEPS) || 8;
const REPEATS = Number(process.env.BENCH_REPEATS) || 3;

async function timeIt(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function runCase(name: string): Promise<Record<string, unknown>> {
  const make = CASES[name];
  if (!make) throw new Error(`unknown bench case '${name}'; known: ${Object.keys(CASES).join(', ')}`);
  const m = await make();
  const tensors0 = tf.memory().numTensors;
  await m.trainStep(); // warm-up (kernel setup, Adam slots)
  const train: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const s = await timeIt(async () => {
      for (let i = 0; i < STEPS; i++) await m.trainStep();
    });
    train.push((STEPS * m.tokensPerStep) / s);
  }
  const trainTokensPerSec = median(train);
  await m.greedy(64, 20);
  const greedy: number[] = [];
  for (let r = 0; r < REPEATS; r++) greedy.push((await m.greedy(64, 20)) / (await timeIt(() => m.greedy(64, 20))));
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
  };
}

const info = await initBackend();
const names = process.argv.slice(2).length ? process.argv.slice(2) : [...Object.keys(CASES), 'matmul-ceiling'];
for (const name of names) {
  const r = name === 'matmul-ceiling' ? await matmulCeiling() : await runCase(name);
  console.log(JSON.stringify({ case: name, backend: info.backend, threads: info.threads, ...r }));
}
process.exit(0);
