import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend/index.js';
import { CASES } from './cases.js';

/** `node --import tsx packages/core/bench/profile.ts [case]`: kernel time by op type for one training step and one greedy sentence. */
async function byKernel(label: string, f: () => Promise<void>): Promise<void> {
  const t0 = performance.now();
  const info = await tf.profile(async () => {
    await f();
    return [];
  });
  const wall = performance.now() - t0;
  const agg = new Map<string, { ms: number; n: number }>();
  for (const k of info.kernels) {
    const a = agg.get(k.name) ?? { ms: 0, n: 0 };
    a.ms += k.kernelTimeMs as number;
    a.n++;
    agg.set(k.name, a);
  }
  const rows = [...agg.entries()].sort((x, y) => y[1].ms - x[1].ms);
  const total = rows.reduce((s, [, a]) => s + a.ms, 0);
  console.log(`${label}: wall ${wall.toFixed(1)} ms (profiled), kernels ${total.toFixed(1)} ms, ${info.kernels.length} kernel calls`);
  for (const [name, a] of rows.slice(0, 14)) console.log(`  ${name.padEnd(22)} ${a.ms.toFixed(1).padStart(8)} ms  ${String(a.n).padStart(6)} calls`);
}

await initBackend();
const m = await CASES[process.argv[2] ?? 'reference']!();
await m.trainStep();
await byKernel('train step', () => m.trainStep());
// Warm the JIT first: the JS kernels run far slower on their first calls.
for (let i = 0; i < 30; i++) await m.greedy(1, 20);
await byKernel('greedy 1x20, 10 runs', async () => {
  for (let i = 0; i < 10; i++) await m.greedy(1, 20);
});
for (let i = 0; i < 3; i++) await m.greedy(64, 20);
await byKernel('greedy 64x20, 3 runs', async () => {
  for (let i = 0; i < 3; i++) await m.greedy(64, 20);
});
let t0 = performance.now();
await m.greedy(1, 20);
console.log('greedy 1x20 unprofiled', (performance.now() - t0).toFixed(1), 'ms');
t0 = performance.now();
await m.trainStep();
console.log('train step unprofiled', (performance.now() - t0).toFixed(1), 'ms');
m.dispose();
process.exit(0);
