import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { ParamStore } from '../params.js';
import { Adam } from './adam.js';
import { clipByGlobalNorm } from './clip.js';

it('matches tf.train.adam step for step', () => {
  const before = tf.memory().numTensors;
  const store = ParamStore.create(3);
  const w = store.variable('w', [3, 2], { kind: 'uniform', scale: 1 });
  const init = w.clone();
  const ref = tf.variable(init, true, 'adam_ref');
  init.dispose();
  const x = tf.tensor2d([[1, 2, 3], [0.5, -1, 2]]);
  const f = (v: tf.Tensor) => tf.sum(tf.square(tf.sub(tf.matMul(x, v as tf.Tensor2D), 1))) as tf.Scalar;
  const ours = new Adam(store, { beta1: 0.8, beta2: 0.99, epsilon: 1e-7 });
  const theirs = tf.train.adam(0.05, 0.8, 0.99, 1e-7);
  for (let i = 0; i < 5; i++) {
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => f(w), [w]);
      ours.apply(new Map([['w', grads[w.name]!]]), 0.05);
    });
    tf.tidy(() => void theirs.minimize(() => f(ref), false, [ref]));
  }
  const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(w, ref))).dataSync()[0]!);
  expect(diff).toBeLessThan(1e-6);
  expect(ours.step).toBe(5);
  theirs.dispose();
  tf.dispose([ref, x]);
  ours.dispose();
  store.dispose();
  expect(tf.memory().numTensors).toBe(before);
});

it('clips by global norm and leaves small gradients alone', () => {
  tf.tidy(() => {
    const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor1d([0, 4]) };
    const big = clipByGlobalNorm(grads, 1);
    expect(big.norm.dataSync()[0]).toBeCloseTo(5, 6);
    expect(Array.from(big.grads.a!.dataSync())).toEqual([expect.closeTo(0.6, 6), 0]);
    expect(Array.from(big.grads.b!.dataSync())).toEqual([0, expect.closeTo(0.8, 6)]);
    const small = clipByGlobalNorm(grads, 10);
    expect(Array.from(small.grads.b!.dataSync())).toEqual([0, 4]);
  });
});
