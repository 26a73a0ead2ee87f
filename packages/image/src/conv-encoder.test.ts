import * as tf from '@tensorflow/tfjs';
import { encoders, ParamStore } from '@seq2seq/core';
import { expectNoLeaks } from '@seq2seq/testing';
import { describe, expect, it } from 'vitest';
import { ConvEncoder } from './conv-encoder.js';
import './index.js';

/** The first value of a tensor computed in its own tidy scope. */
const num = (f: () => tf.Tensor): number => tf.tidy(() => f().dataSync()[0]!);
const pixels = (b: number, size: number, seed = 7): tf.Tensor4D => tf.randomUniform([b, size, size, 3], 0, 1, 'float32', seed);

describe('ConvEncoder', () => {
  it('meets the encoder contract: shapes, all-ones mask, summary = mean of the grid, no leaks', async () => {
    const store = ParamStore.create(1);
    const enc = new ConvEncoder({ channels: [4, 8, 6] }, store.scope('encoder'));
    expect(enc.outputDim).toBe(6);
    const x = pixels(2, 16);
    await expectNoLeaks(async () => {
      const out = enc.encode({ pixels: x });
      expect(out.states.shape).toEqual([2, 4, 6]); // 16 -> 8 -> 4 -> 2: a 2x2 grid
      expect(out.mask.shape).toEqual([2, 4]);
      expect(out.summary.shape).toEqual([2, 6]);
      expect(await out.mask.data()).toEqual(new Float32Array(8).fill(1));
      expect(num(() => tf.max(tf.abs(tf.sub(out.states.mean(1), out.summary))))).toBeLessThan(1e-6);
      // relu features are non-negative and not all zero
      expect(num(() => out.states.min())).toBeGreaterThanOrEqual(0);
      expect(num(() => out.states.max())).toBeGreaterThan(0);
      tf.dispose(out);
    });
    expect(store.entries().map(([k]) => k)).toEqual([
      'encoder/conv0/kernel', 'encoder/conv0/bias', 'encoder/conv1/kernel', 'encoder/conv1/bias', 'encoder/conv2/kernel', 'encoder/conv2/bias',
    ]);
    x.dispose();
    store.dispose();
  });

  it('rebuilds from config() through the registry with the same outputs for the same seed', async () => {
    const a = ParamStore.create(5);
    const enc = new ConvEncoder({ channels: [3, 5], kernelSize: 5, inputSize: 32 }, a);
    expect(enc.config()).toEqual({ channels: [3, 5], kernelSize: 5, inputSize: 32 });
    const b = ParamStore.create(5);
    const again = encoders.get('conv')(JSON.parse(JSON.stringify(enc.config())), b) as ConvEncoder;
    expect(again.kind).toBe('conv');
    expect(again.frontEnd).toEqual({ height: 32, width: 32, normalization: 'zero-one' });
    const x = pixels(1, 8);
    await expectNoLeaks(() => {
      const [o1, o2] = [enc.encode({ pixels: x }), again.encode({ pixels: x })];
      expect(o1.states.arraySync()).toEqual(o2.states.arraySync());
      tf.dispose([o1, o2]);
    });
    tf.dispose(x);
    a.dispose();
    b.dispose();
  });

  it('gradients reach every variable', async () => {
    const store = ParamStore.create(3);
    const enc = new ConvEncoder({ channels: [4, 4, 4] }, store);
    const x = pixels(2, 8, 11);
    await expectNoLeaks(() => {
      const { grads, value } = tf.variableGrads(() => {
        const out = enc.encode({ pixels: x }, { training: true });
        // Use both states and summary, as a decoder with attention would.
        return tf.add(tf.sum(tf.square(out.states)), tf.sum(out.summary)) as tf.Scalar;
      });
      const names = store.trainable().map(([, v]) => v.name);
      expect(Object.keys(grads).sort()).toEqual([...names].sort());
      for (const n of names) expect(num(() => tf.sum(tf.abs(grads[n]!)))).toBeGreaterThan(0);
      tf.dispose([grads, value]);
    });
    x.dispose();
    store.dispose();
  });

  it('rejects bad configs and cached features', () => {
    const store = ParamStore.create();
    expect(() => new ConvEncoder({ channels: [] }, store)).toThrow(/positive integers/);
    const enc = new ConvEncoder({}, store);
    expect(enc.outputDim).toBe(64);
    const f = tf.zeros([1, 4, 64]) as tf.Tensor3D;
    expect(() => enc.encode({ features: f })).toThrow(/takes pixels/);
    f.dispose();
    store.dispose();
  });
});
