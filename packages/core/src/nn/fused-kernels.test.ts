import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { expectNoLeaks } from '@seq2seq/testing';
import { initBackend } from '../backend/init.js';
import { ParamStore } from '../params.js';
import { attendFused, fusable, LSTM_CELL_KERNEL, lstmCellFused, setFusedMaxElements } from './fused-kernels.js';
import { lstmLayer } from './lstm-layer.js';
import { createLstm, lstmStep } from './lstm.js';

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] as number);

/** Runs f with the fused kernels off (the op path), then on, and returns both results' values. */
function bothPaths<T>(f: () => T): { ops: T; fused: T } {
  const old = setFusedMaxElements(0);
  try {
    const ops = f();
    setFusedMaxElements(1 << 20);
    return { ops, fused: f() };
  } finally {
    setFusedMaxElements(old);
  }
}

describe('fused inference kernels', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  for (const backend of ['cpu', 'wasm'] as const) {
    it(`${backend}: lstmStep and lstmLayer (masked, reversed) equal the op path`, async () => {
      await initBackend({ backend: 'wasm', threads: 1, log: () => {} });
      await tf.setBackend(backend);
      const store = ParamStore.create(4);
      const p = createLstm(store, 'l', 5, 6);
      const proj = tf.randomNormal([3, 4, 24], 0, 1, 'float32', 1) as tf.Tensor3D;
      const mask = tf.tensor2d([[1, 1, 1, 1], [1, 1, 0, 0], [0, 0, 0, 0]]);
      const init = { h: tf.randomNormal([3, 6], 0, 1, 'float32', 2) as tf.Tensor2D, c: tf.randomNormal([3, 6], 0, 1, 'float32', 3) as tf.Tensor2D };
      await expectNoLeaks(() => {
        tf.tidy(() => {
          const step = bothPaths(() => lstmStep(proj.slice([0, 0, 0], [3, 1, 24]).reshape([3, 24]) as tf.Tensor2D, init, p));
          expect(maxAbsDiff(step.ops.h, step.fused.h)).toBeLessThan(1e-5);
          expect(maxAbsDiff(step.ops.c, step.fused.c)).toBeLessThan(1e-5);
          for (const reverse of [false, true]) {
            const layer = bothPaths(() => lstmLayer(proj, p.recurrent as tf.Tensor2D, mask, reverse, init));
            expect(maxAbsDiff(layer.ops.outputs, layer.fused.outputs)).toBeLessThan(1e-5);
            expect(maxAbsDiff(layer.ops.h, layer.fused.h)).toBeLessThan(1e-5);
            expect(maxAbsDiff(layer.ops.c, layer.fused.c)).toBeLessThan(1e-5);
            // The all-padding row keeps its initial state and outputs zeros.
            expect(maxAbsDiff(layer.fused.h.slice([2, 0], [1, 6]), init.h.slice([2, 0], [1, 6]))).toBe(0);
          }
        });
      });
      tf.dispose([proj, mask, init.h, init.c]);
      store.dispose();
    });

    it(`${backend}: attendFused equals masked softmax attention`, async () => {
      await tf.setBackend(backend);
      await expectNoLeaks(() => {
        tf.tidy(() => {
          const q = tf.randomNormal([3, 4], 0, 1, 'float32', 5) as tf.Tensor2D;
          const keys = tf.randomNormal([3, 5, 4], 0, 2, 'float32', 6) as tf.Tensor3D;
          const values = tf.randomNormal([3, 5, 7], 0, 1, 'float32', 7) as tf.Tensor3D;
          const mask = tf.tensor2d([[1, 1, 1, 1, 1], [1, 1, 0, 1, 0], [0, 0, 0, 0, 0]]);
          const scores = tf.sum(tf.mul(keys, q.expandDims(1)), 2);
          const w = tf.mul(tf.softmax(tf.add(scores, tf.mul(tf.sub(mask, 1), 1e9))), mask);
          const ctx = tf.sum(tf.mul(values, w.expandDims(2)), 1);
          const r = attendFused(q, keys, values, mask);
          expect(maxAbsDiff(r.weights, w)).toBeLessThan(1e-5);
          expect(maxAbsDiff(r.context, ctx)).toBeLessThan(1e-5);
          expect(Array.from(r.weights.dataSync().slice(10))).toEqual([0, 0, 0, 0, 0]);
        });
      });
    });
  }

  it('is never used while a gradient is recorded (the kernels have none)', async () => {
    await tf.setBackend('cpu');
    const old = setFusedMaxElements(1 << 20);
    try {
      expect(fusable(LSTM_CELL_KERNEL, 10)).toBe(true);
      const seen: boolean[] = [];
      const x = tf.ones([2, 8]) as tf.Tensor2D;
      const g = tf.grad((z: tf.Tensor) => {
        seen.push(fusable(LSTM_CELL_KERNEL, 10));
        return tf.sum(lstmCellOps(z as tf.Tensor2D));
      })(x);
      expect(seen).toEqual([false]);
      expect(g.shape).toEqual([2, 8]);
      tf.dispose([x, g]);
      expect(fusable(LSTM_CELL_KERNEL, (1 << 20) + 1)).toBe(false);
    } finally {
      setFusedMaxElements(old);
    }
  });
});

/** h of a zero-state LSTM cell, by ops (only to have something differentiable in the test above). */
function lstmCellOps(z: tf.Tensor2D): tf.Tensor2D {
  const [i, , g, o] = tf.split(z, 4, 1);
  return tf.mul(tf.sigmoid(o!), tf.tanh(tf.mul(tf.sigmoid(i!), tf.tanh(g!)))) as tf.Tensor2D;
}

// lstmCellFused is exercised through lstmStep/lstmLayer above; this keeps its direct form covered.
it('lstmCellFused without a mask updates every row', () => {
  tf.tidy(() => {
    const z = tf.zeros([2, 8]) as tf.Tensor2D;
    const r = lstmCellFused(z, tf.ones([2, 2]) as tf.Tensor2D, tf.ones([2, 2]) as tf.Tensor2D);
    // c' = 0.5 * 1 + 0.5 * tanh(0) = 0.5; h' = 0.5 * tanh(0.5)
    expect(r.c.dataSync()[0]).toBeCloseTo(0.5, 6);
    expect(r.h.dataSync()[3]).toBeCloseTo(0.5 * Math.tanh(0.5), 6);
  });
});
