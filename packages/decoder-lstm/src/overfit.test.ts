import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Adam, maskedCrossEntropy } from '@seq2seq/core';
import { expectNoLeaks } from '@seq2seq/testing';
import { fakeEncoderOutput, makeDecoder } from './fixtures.test-helper.js';

const SOS = 1;
// One fixed 5-token sequence per batch row; the decoder must tell rows apart from the encoder output.
const TARGETS = [
  [3, 4, 5, 6, 2],
  [7, 7, 8, 9, 2],
  [10, 3, 10, 4, 2],
];

describe('overfitting a fixed batch', () => {
  it.each(['general', 'none'] as const)('%s: learns a fixed sequence per row', async (attention) => {
    const { decoder, store } = makeDecoder({ attention, embeddingDim: 8, units: 16, inputDim: 6, dropout: 0 }, 21);
    const enc = fakeEncoderOutput([4, 2, 3], 4, 13);
    const targetIn = tf.tensor2d(TARGETS.map((t) => [SOS, ...t.slice(0, -1)]), undefined, 'int32');
    const targetOut = tf.tensor2d(TARGETS, undefined, 'int32');
    const mask = tf.onesLike(targetOut).toFloat() as tf.Tensor2D;
    const adam = new Adam(store);
    const vars = store.trainable();
    const losses: number[] = [];
    await expectNoLeaks(() => {
      for (let i = 0; i < 120; i++) {
        const { value, grads } = tf.variableGrads(() => {
          const { logits } = decoder.forward(targetIn, decoder.prepare(enc), { training: true, seed: i });
          return maskedCrossEntropy(logits, targetOut, mask);
        }, vars.map(([, v]) => v));
        adam.apply(new Map(vars.map(([name, v]) => [name, grads[v.name]!])), 0.03);
        losses.push(value.dataSync()[0]!);
        tf.dispose([value, grads]);
        if (losses[losses.length - 1]! < 0.02) break;
      }
    });
    expect(losses[0]).toBeGreaterThan(1.5);
    expect(losses[losses.length - 1]).toBeLessThan(0.02);
    // Greedy decoding from <sos> reproduces every row.
    await expectNoLeaks(() => {
      const out = tf.tidy(() => {
        const memory = decoder.prepare(enc);
        let state = decoder.initState(memory);
        let prev = tf.fill([3], SOS, 'int32') as tf.Tensor1D;
        const toks: tf.Tensor1D[] = [];
        for (let t = 0; t < 5; t++) {
          const r = decoder.step(prev, state, memory);
          state = r.state;
          prev = tf.argMax(r.logProbs, 1).toInt() as tf.Tensor1D;
          toks.push(prev);
        }
        return tf.stack(toks, 1);
      });
      expect(out.arraySync()).toEqual(TARGETS);
      out.dispose();
    });
    adam.dispose();
    tf.dispose([enc, targetIn, targetOut, mask]);
    store.dispose();
  });
});
