import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createDense, dense } from '../nn/dense.js';
import { createEmbedding, embed } from '../nn/embedding.js';
import { createRnn, runRnn } from '../nn/rnn.js';
import { maskedCrossEntropy } from '../loss.js';
import { ParamStore } from '../params.js';
import { initBackend } from './init.js';

describe('wasm training', () => {
  it('runs 1,000 steps of a tiny masked LSTM/GRU model without leaking tensors, and learns', async () => {
    const info = await initBackend({ backend: 'wasm', threads: 1, log: () => {} });
    expect(info.backend).toBe('wasm');
    await tf.setBackend('wasm');
    const store = ParamStore.create(3);
    const emb = createEmbedding(store, 'emb', 12, 8);
    const lstm = createRnn(store, 'lstm', 'lstm', 8, 8);
    const gru = createRnn(store, 'gru', 'gru', 8, 8);
    const out = createDense(store, 'out', 16, 12);
    const opt = tf.train.adam(0.02);
    const ids = tf.tensor2d([[1, 2, 3, 4], [5, 6, 7, 0]], [2, 4], 'int32');
    const mask = tf.tensor2d([[1, 1, 1, 1], [1, 1, 1, 0]]);
    const vars = store.trainable().map(([, v]) => v);
    const loss = () =>
      tf.tidy(() => {
        const x = embed(emb, ids) as tf.Tensor3D;
        const a = runRnn(x, mask, lstm, { reverse: true });
        const g = runRnn(x, mask, gru);
        return maskedCrossEntropy(dense(tf.concat([a.outputs, g.outputs], 2), out) as tf.Tensor3D, ids, mask);
      });
    opt.minimize(loss, false, vars); // creates Adam's slots
    const before = tf.memory().numTensors;
    let first = 0;
    let last = 0;
    for (let i = 0; i < 1000; i++) {
      const c = opt.minimize(loss, true, vars)!;
      if (i === 0) first = c.dataSync()[0]!;
      if (i === 999) last = c.dataSync()[0]!;
      c.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(last).toBeLessThan(first * 0.2);
    tf.dispose([ids, mask]);
    opt.dispose();
    store.dispose();
    await tf.setBackend('cpu');
  });

  it('initBackend is idempotent', async () => {
    const a = await initBackend({ backend: 'cpu' });
    const b = await initBackend();
    expect(b).toBe(a);
  });
});
