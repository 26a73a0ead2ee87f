import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { initBackend } from './init.js';

/** Values of `f` and gradients w.r.t. `xs`, all as plain arrays, on one backend. */
export async function valueAndGrads(backend: 'cpu' | 'wasm', xs: number[][][], shapes: number[][], f: (...t: tf.Tensor[]) => tf.Tensor): Promise<number[][]> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const out = tf.tidy(() => {
    const inputs = xs.map((x, i) => tf.tensor(x.flat(), shapes[i]));
    const y = f(...inputs);
    // A fixed random-looking cotangent so every output element's gradient matters.
    const w = tf.sin(tf.range(0, y.size).reshape(y.shape));
    const grads = tf.grads((...a: tf.Tensor[]) => tf.sum(tf.mul(f(...a), w)))(inputs);
    return [y, ...grads];
  });
  const vals = out.map((t) => Array.from(t.dataSync()));
  tf.dispose(out);
  expect(tf.memory().numTensors).toBe(before);
  return vals;
}

/** Relative error by the largest magnitude: max|a - b| <= tol * max(|b|, 1e-3). */
export function expectClose(a: number[][], b: number[][], tol = 1e-4): void {
  expect(a.length).toBe(b.length);
  a.forEach((ai, i) => {
    const bi = b[i]!;
    expect(ai.length).toBe(bi.length);
    const scale = Math.max(1e-3, ...bi.map(Math.abs));
    const err = Math.max(0, ...ai.map((v, j) => Math.abs(v - bi[j]!)));
    expect(err / scale, `output ${i}`).toBeLessThanOrEqual(tol);
  });
}

/** Runs `f` on wasm (fast paths, 1 thread) and cpu and compares values and gradients. */
export async function compareWasmCpu(xs: number[][][], shapes: number[][], f: (...t: tf.Tensor[]) => tf.Tensor, tol = 1e-4): Promise<void> {
  await initBackend({ backend: 'wasm', threads: 1, log: () => {} });
  const w = await valueAndGrads('wasm', xs, shapes, f);
  const c = await valueAndGrads('cpu', xs, shapes, f);
  expectClose(w, c, tol);
}

/** Seeded values in [-1, 1) as a [rows][cols] array with the given total size. */
export function rand(size: number, seed: number): number[][] {
  let s = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(s / 2 ** 31 - 1);
  }
  return [out];
}
