import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTIVATION, loadNative } from './index.js';

const saved = process.env.SEQ2SEQ_NATIVE;
afterEach(() => {
  if (saved === undefined) delete process.env.SEQ2SEQ_NATIVE;
  else process.env.SEQ2SEQ_NATIVE = saved;
});

describe('loadNative never throws', () => {
  it('reports a missing addon, a broken file and SEQ2SEQ_NATIVE=0 in one line', () => {
    delete process.env.SEQ2SEQ_NATIVE;
    const missing = loadNative(path.join(os.tmpdir(), 'no-such-dir', 'x.node'));
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.reason).toMatch(/not built/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seq2seq-native-'));
    const broken = path.join(dir, 'broken.node');
    fs.writeFileSync(broken, 'not a shared object');
    const r = loadNative(broken);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toMatch(/failed to load/);
      expect(r.reason).not.toContain('\n');
    }
    fs.rmSync(dir, { recursive: true, force: true });
    process.env.SEQ2SEQ_NATIVE = '0';
    const off = loadNative();
    expect(off.ok).toBe(false);
    if (!off.ok) expect(off.reason).toMatch(/SEQ2SEQ_NATIVE=0/);
  });
});

/** Row-major reference: C = act(op(A)·op(B) + bias). */
function reference(a: Float32Array, b: Float32Array, ta: boolean, tb: boolean, m: number, n: number, k: number, bias?: Float32Array, act = (x: number) => x): number[] {
  const out: number[] = [];
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = bias ? bias[j]! : 0;
      for (let p = 0; p < k; p++) s += a[ta ? p * m + i : i * k + p]! * b[tb ? j * k + p : p * n + j]!;
      out.push(act(s));
    }
  return out;
}

const seeded = (n: number, seed: number) => {
  let s = seed;
  return Float32Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 31) - 1);
};

const loaded = process.env.SEQ2SEQ_NATIVE === '0' ? ({ ok: false } as const) : loadNative();

describe.skipIf(!loaded.ok)('the built addon', () => {
  const blas = loaded.ok ? loaded.blas : undefined;

  it('multiplies in place on a SharedArrayBuffer heap: transposes, batch strides (0 broadcasts), bias, activations', () => {
    const [m, n, k] = [5, 7, 3];
    const heap = new Float32Array(new SharedArrayBuffer(4 * 1024));
    const a = seeded(2 * m * k, 1);
    const b = seeded(k * n, 2);
    const bias = seeded(n, 3);
    heap.set(a, 10);
    heap.set(b, 100);
    heap.set(bias, 200);
    for (const [ta, tb] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
      // batch 2 over A, B broadcast (stride 0), C at 300.
      blas!.gemm(heap, 2, ta, tb, m, n, k, 10, m * k, 100, 0, 300, m * n, 200, ACTIVATION.relu, 0);
      for (let i = 0; i < 2; i++) {
        const want = reference(a.subarray(i * m * k), b, ta === 1, tb === 1, m, n, k, bias, (x) => Math.max(0, x));
        const got = Array.from(heap.subarray(300 + i * m * n, 300 + (i + 1) * m * n));
        got.forEach((g, j) => expect(g).toBeCloseTo(want[j]!, 5));
      }
    }
    blas!.gemm(heap, 1, 0, 0, m, n, k, 10, 0, 100, 0, 300, 0, -1, ACTIVATION.elu, 0);
    const want = reference(a, b, false, false, m, n, k, undefined, (x) => (x >= 0 ? x : Math.expm1(x)));
    Array.from(heap.subarray(300, 300 + m * n)).forEach((g, j) => expect(g).toBeCloseTo(want[j]!, 5));
  });

  it('refuses ranges outside the heap and bad arguments (a TypeError, nothing written)', () => {
    const heap = new Float32Array(64);
    expect(() => blas!.gemm(heap, 1, 0, 0, 4, 4, 4, 0, 0, 16, 0, 50, 0, -1, 0, 0)).toThrow(/outside the heap/);
    expect(() => blas!.gemm(heap, 2, 0, 0, 2, 2, 2, 0, 4, 8, 4, 60, 4, -1, 0, 0)).toThrow(/outside the heap/);
    expect(() => blas!.gemm(heap, 1, 0, 0, 2, 2, 2, -1, 0, 8, 0, 16, 0, -1, 0, 0)).toThrow(/outside the heap/);
    expect(() => blas!.gemm(heap, 1, 0, 0, 2, 2, 2, 0, 0, 8, 0, 16, 0, 63, 0, 0)).toThrow(/outside the heap/);
    expect(() => blas!.gemm(heap, 1, 0, 0, 2, 2, 2, 0, 0, 8, 0, 16, 0, -1, 9, 0)).toThrow(/bad gemm sizes/);
    expect(() => blas!.gemm(new Float64Array(8) as unknown as Float32Array, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 2, 0, -1, 0, 0)).toThrow(/Float32Array/);
    expect(() => blas!.gemm(heap, 1, 0, 0, 1.5, 1, 1, 0, 0, 1, 0, 2, 0, -1, 0, 0)).toThrow(/integer/);
    expect(Array.from(heap)).toEqual(new Array(64).fill(0));
  });

  it('reports its BLAS and thread policy', () => {
    blas!.setThreads(2, 1e6);
    const info = blas!.info();
    expect(info.maxThreads).toBe(2);
    expect(info.minFlopsThreaded).toBe(1e6);
    expect(typeof info.blas).toBe('string');
    blas!.setThreads(1);
  });
});
