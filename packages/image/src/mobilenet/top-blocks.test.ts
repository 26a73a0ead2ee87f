import * as tf from '@tensorflow/tfjs';
import { initBackend, ParamStore } from '@seq2seq/core';
import { describe, expect, it } from 'vitest';
import { blockSpec, frozenNode, TopBlocks } from './top-blocks.js';

/** Output and gradients of every variable of 2 top blocks on one backend (seeded, so equal across backends). */
function run(backend: 'cpu' | 'wasm'): Promise<number[][]> {
  return tf.setBackend(backend).then(() => {
    const before = tf.memory().numTensors;
    const store = ParamStore.create(3);
    const top = new TopBlocks(store, 0.25, 2);
    const vars = store.trainable().map(([, v]) => v);
    const x = tf.randomUniform([2, 14, 14, 128], 0, 6, 'float32', 4) as tf.Tensor4D;
    const w = tf.randomNormal([2, 7, 7, 256], 0, 1, 'float32', 5);
    const y = top.apply(x);
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(top.apply(x), w)) as tf.Scalar, vars);
    const out = [Array.from(y.dataSync()), ...vars.map((v) => Array.from(grads[v.name]!.dataSync()))];
    tf.dispose([x, w, y, value, grads]);
    store.dispose();
    expect(tf.memory().numTensors).toBe(before);
    return out;
  });
}

describe('TopBlocks', () => {
  it('knows the MobileNet v1 block shapes and the frozen node below the top k', () => {
    expect(blockSpec(13, 0.25)).toEqual({ index: 13, inChannels: 256, outChannels: 256, stride: 1, inSide: 7 });
    expect(blockSpec(12, 0.25)).toEqual({ index: 12, inChannels: 128, outChannels: 256, stride: 2, inSide: 14 });
    expect(blockSpec(7, 1)).toEqual({ index: 7, inChannels: 512, outChannels: 512, stride: 1, inSide: 14 });
    expect(blockSpec(6, 0.5)).toEqual({ index: 6, inChannels: 128, outChannels: 256, stride: 2, inSide: 28 });
    expect(blockSpec(1, 1)).toEqual({ index: 1, inChannels: 32, outChannels: 64, stride: 1, inSide: 112 });
    expect(frozenNode(0)).toBe('module_apply_default/MobilenetV1/MobilenetV1/Conv2d_13_pointwise/Relu6');
    expect(frozenNode(7)).toBe('module_apply_default/MobilenetV1/MobilenetV1/Conv2d_6_pointwise/Relu6');
  });

  // The training backend is wasm, which lacks depthwise-conv gradient kernels: the blocks must not need them.
  it('runs forward and backward on wasm with the values and gradients of cpu', async () => {
    const c = await run('cpu');
    await initBackend({ backend: 'wasm', threads: 1, log: () => {} });
    const w = await run('wasm');
    await tf.setBackend('cpu');
    expect(w.length).toBe(11);
    w.forEach((wi, i) => {
      const ci = c[i]!;
      const scale = Math.max(1e-3, ...ci.map(Math.abs));
      const err = Math.max(0, ...wi.map((v, j) => Math.abs(v - ci[j]!)));
      expect(err / scale, `output ${i}`).toBeLessThan(1e-4);
    });
  });
});
