import * as tf from '@tensorflow/tfjs';
import { initBackend, nativeBlas, setNativeEnabled } from '../src/backend/index.js';
import { buildReference } from './reference-model.js';

/**
 * `node --import tsx packages/core/bench/native.ts`: the wasm kernels against the native addon's
 * (with 1 and with N OpenBLAS threads) in one process, alternating, medians: matMul GFLOP/s at the
 * reference model's shapes, reference training and greedy batch-64 tokens/s. Env: BENCH_ROUNDS
 * (default 3), BENCH_STEPS (training steps per measurement, default 3), SEQ2SEQ_THREADS.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3;
const STEPS = Number(process.env.BENCH_STEPS) || 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const info = await initBackend();
const blas = nativeBlas();
if (!blas) {
  console.log(JSON.stringify({ error: 'native addon not loaded (see the [seq2seq] line above)' }));
  process.exit(0);
}
const threads = info.threads;
const variants: [string, () => void][] = [
  ['wasm', () => setNativeEnabled(false)],
  ['native-1', () => (setNativeEnabled(true), blas.setThreads(1))],
];
if (threads > 1) variants.push([`native-${threads}`, () => (setNativeEnabled(true), blas.setThreads(threads, 4e6))]);

// [M, K, N] of the reference model's products (bench/ceiling.ts).
const SHAPES: [string, number, number, number][] = [
  ['input proj 1280x128x1024', 1280, 128, 1024],
  ['recurrent 64x256x1024', 64, 256, 1024],
  ['attn keys 1280x256x256', 1280, 256, 256],
  ['combine 1280x512x256', 1280, 512, 256],
  ['output 1280x256x1000', 1280, 256, 1000],
  ['decode out 64x256x1000', 64, 256, 1000],
];

async function gflops(m: number, k: number, n: number): Promise<number> {
  const a = tf.randomNormal([m, k]) as tf.Tensor2D;
  const b = tf.randomNormal([k, n]) as tf.Tensor2D;
  const reps = Math.max(3, Math.round(1e8 / (2 * m * k * n)));
  tf.matMul(a, b).dispose();
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) tf.matMul(a, b).dispose();
  await tf.matMul(a, b).data();
  const s = (performance.now() - t0) / 1000 / (reps + 1);
  tf.dispose([a, b]);
  return (2 * m * k * n) / s / 1e9;
}

const model = buildReference();
await model.trainStep();
await model.greedy(64, 20);
const results = new Map<string, Map<string, number[]>>();
const put = (v: string, key: string, x: number) => {
  const m = results.get(v) ?? new Map<string, number[]>();
  m.set(key, [...(m.get(key) ?? []), x]);
  results.set(v, m);
};
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, use] of r % 2 ? [...variants].reverse() : variants) {
    use();
    for (const [label, m, k, n] of SHAPES) put(name, label, await gflops(m, k, n));
    await model.trainStep();
    let t0 = performance.now();
    for (let i = 0; i < STEPS; i++) await model.trainStep();
    put(name, 'trainTokensPerSec', (STEPS * model.tokensPerStep) / ((performance.now() - t0) / 1000));
    await model.greedy(64, 20);
    t0 = performance.now();
    const toks = await model.greedy(64, 20);
    put(name, 'greedy64TokensPerSec', toks / ((performance.now() - t0) / 1000));
  }
}
const base = results.get('wasm')!;
for (const [name] of variants) {
  const m = results.get(name)!;
  const row: Record<string, number> = {};
  for (const [key, xs] of m) row[key] = +median(xs).toFixed(key.includes('Tokens') ? 0 : 1);
  const ratio = median(m.get('trainTokensPerSec')!) / median(base.get('trainTokensPerSec')!);
  console.log(JSON.stringify({ variant: name, wasmThreads: threads, rounds: ROUNDS, ...row, trainVsWasm: +ratio.toFixed(2) }));
}
model.dispose();
process.exit(0);
