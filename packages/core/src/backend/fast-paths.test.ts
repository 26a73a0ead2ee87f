import * as tf from '@tensorflow/tfjs';
import { describe, it, expect } from 'vitest';
import { compareWasmCpu, rand } from './compare.test-helper.js';

describe('wasm fast paths match cpu (values and gradients)', () => {
  it('matMul with every transpose combination, 2-D and batched', async () => {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      const sa = ta ? [5, 3] : [3, 5];
      const sb = tb ? [4, 5] : [5, 4];
      await compareWasmCpu([rand(15, 1), rand(20, 2)], [sa, sb], (a, b) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, ta, tb));
      await compareWasmCpu([rand(30, 3), rand(40, 4)], [[2, ...sa], [2, ...sb]], (a, b) => tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D, ta, tb));
    }
  });

  it('fused matMul with transposes (bias, relu)', async () => {
    await compareWasmCpu([rand(15, 5), rand(20, 6), rand(4, 7)], [[5, 3], [4, 5], [4]], (a, b, bias) =>
      tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, transposeA: true, transposeB: true, bias, activation: 'relu' }),
    );
  });

  it('gather gradient (UnsortedSegmentSum) with repeated ids', async () => {
    const ids = tf.tensor1d([0, 3, 3, 1, 0, 4], 'int32');
    await compareWasmCpu([rand(20, 8)], [[5, 4]], (table) => tf.gather(table, ids));
    await compareWasmCpu([rand(20, 9)], [[20]], (x) => tf.unsortedSegmentSum(x, tf.tensor1d([...Array(20).keys()].map((i) => i % 3), 'int32'), 3));
    ids.dispose();
  });

  it('conv2d gradients (Conv2DBackpropFilter / Input), stride 2 and same padding; relu (Step)', async () => {
    await compareWasmCpu([rand(2 * 7 * 7 * 3, 10), rand(3 * 3 * 3 * 4, 11)], [[2, 7, 7, 3], [3, 3, 3, 4]], (x, w) =>
      tf.relu(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'same')),
    );
    await compareWasmCpu([rand(1 * 6 * 5 * 2, 12), rand(2 * 2 * 2 * 3, 13)], [[1, 6, 5, 2], [2, 2, 2, 3]], (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid'));
  });

  it('gather on every axis, with a 2-D index and int32 data; out-of-range ids are an error', async () => {
    const ids = tf.tensor2d([[2, 0], [1, 2]], [2, 2], 'int32');
    for (const axis of [0, 1, 2]) await compareWasmCpu([rand(60, 40 + axis)], [[3, 4, 5]], (x) => tf.gather(x, ids, axis));
    await tf.setBackend('wasm');
    const ints = tf.tensor2d([[1, 2], [3, 4], [5, 6]], [3, 2], 'int32');
    const g = tf.gather(ints, tf.tensor1d([2, 2, 0], 'int32'));
    expect(g.dtype).toBe('int32');
    expect(Array.from(g.dataSync())).toEqual([5, 6, 5, 6, 1, 2]);
    const before = tf.memory().numTensors;
    const bad = tf.tensor1d([3], 'int32');
    expect(() => tf.gather(ints, bad)).toThrow(/index 3 is not in \[0, 2\]/);
    bad.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([ids, ints, g]);
    await tf.setBackend('cpu');
  });

  it('slice, split and unstack on every axis', async () => {
    const shape = [3, 4, 5];
    await compareWasmCpu([rand(60, 14)], [shape], (x) => tf.slice(x, [1, 1, 2], [2, 2, 3]));
    for (const axis of [0, 1, 2]) {
      await compareWasmCpu([rand(60, 15 + axis)], [shape], (x) => tf.concat(tf.split(x, [1, shape[axis]! - 1], axis).map((p, i) => tf.mul(p, i + 1)), axis));
      await compareWasmCpu([rand(60, 20 + axis)], [shape], (x) => tf.stack(tf.unstack(x, axis).map((p, i) => tf.mul(p, i + 1)), axis));
    }
  });

  it('tile on every axis and several at once (its gradient sums the copies); bool, int32 and where() broadcasts', async () => {
    await compareWasmCpu([rand(24, 31)], [[2, 3, 4]], (x) => tf.tile(x, [3, 1, 2]));
    await compareWasmCpu([rand(24, 32)], [[2, 3, 4]], (x) => tf.tile(x, [1, 2, 1]));
    await compareWasmCpu([rand(6, 33)], [[6]], (x) => tf.tile(x, [4]));
    await compareWasmCpu([rand(12, 34)], [[3, 4]], (x) => tf.where(tf.tensor2d([[1, 0, 0, 1]], [1, 4], 'bool'), -5, x));
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const b = tf.tile(tf.tensor2d([[true, false]], [1, 2], 'bool'), [2, 2]);
      expect(b.dtype).toBe('bool');
      expect(Array.from(b.dataSync())).toEqual([1, 0, 1, 0, 1, 0, 1, 0]);
      expect(Array.from(tf.tile(tf.tensor2d([[1], [2]], [2, 1], 'int32'), [2, 3]).dataSync())).toEqual([1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2]);
      expect(tf.tile(tf.zeros([0, 3]), [2, 2]).shape).toEqual([0, 6]);
    });
    expect(tf.memory().numTensors).toBe(before);
    await tf.setBackend('cpu');
  });

  it('a softmax / log-softmax / tanh / sigmoid chain', async () => {
    await compareWasmCpu([rand(24, 30)], [[4, 6]], (x) => tf.add(tf.logSoftmax(tf.tanh(x)), tf.softmax(tf.sigmoid(x))));
  });

  it('leaves the cpu backend usable', async () => {
    await tf.setBackend('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });
});
