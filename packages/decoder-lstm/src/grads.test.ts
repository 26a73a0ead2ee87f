import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { maskedCrossEntropy } from '@seq2seq/core';
import { expectNoLeaks } from '@seq2seq/testing';
import type { LstmDecoderConfig } from './config.js';
import { fakeEncoderOutput, makeDecoder, randomTokens } from './fixtures.test-helper.js';

const configs: Partial<LstmDecoderConfig>[] = [
  { attention: 'general', inputFeeding: true, layers: 2, feedSummary: true },
  { attention: 'additive', inputFeeding: false, layers: 2 },
  { attention: 'dot', inputFeeding: true, tieEmbeddings: true },
  { attention: 'general', inputFeeding: false, tieEmbeddings: true, embeddingDim: 6 },
  { attention: 'none', layers: 2, feedSummary: true, tieEmbeddings: true },
  // Copy: the gate (copy_gate/*) must get gradient through both mixtures.
  { attention: 'general', inputFeeding: true, copy: true },
  { attention: 'additive', inputFeeding: false, layers: 2, copy: true },
];

describe('gradients', () => {
  it.each(configs)('reach every trainable variable: %o', async (overrides) => {
    const { decoder, store } = makeDecoder({ ...overrides, dropout: 0.1 });
    const enc = fakeEncoderOutput([4, 3], 4);
    const targetIn = randomTokens(2, 5, 1);
    const targetOut = randomTokens(2, 5, 2);
    const mask = tf.tensor2d([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]]);
    const vars = store.trainable();
    expect(vars.length).toBeGreaterThan(5);
    await expectNoLeaks(() => {
      const { value, grads } = tf.variableGrads(() => {
        const memory = decoder.prepare(enc);
        const { logits } = decoder.forward(targetIn, memory, { training: true, seed: 3 });
        return maskedCrossEntropy(logits, targetOut, mask);
      }, vars.map(([, v]) => v));
      for (const [name, v] of vars) {
        const g = grads[v.name];
        expect(g, name).toBeDefined();
        const norm = tf.tidy(() => tf.norm(g!).dataSync()[0]!);
        expect(norm, name).toBeGreaterThan(0);
      }
      tf.dispose([value, grads]);
    });
    tf.dispose([enc, targetIn, targetOut, mask]);
    store.dispose();
  });

  it('flow through scheduled sampling too', async () => {
    const { decoder, store } = makeDecoder({ attention: 'general', layers: 1 });
    const enc = fakeEncoderOutput([3, 3], 3);
    const targetIn = randomTokens(2, 4, 5);
    const targetOut = randomTokens(2, 4, 6);
    const mask = tf.ones([2, 4]) as tf.Tensor2D;
    const vars = store.trainable();
    await expectNoLeaks(() => {
      const { value, grads } = tf.variableGrads(() => {
        const { logits } = decoder.forward(targetIn, decoder.prepare(enc), { training: true, samplingProbability: 0.5, seed: 9 });
        return maskedCrossEntropy(logits, targetOut, mask);
      }, vars.map(([, v]) => v));
      expect(Number.isFinite(value.dataSync()[0]!)).toBe(true);
      for (const [name, v] of vars) expect(grads[v.name], name).toBeDefined();
      tf.dispose([value, grads]);
    });
    tf.dispose([enc, targetIn, targetOut, mask]);
    store.dispose();
  });
});
