import * as tf from '@tensorflow/tfjs';
import { ParamStore } from '@seq2seq/core';
import { expectNoLeaks } from '@seq2seq/testing';
import { describe, expect, it } from 'vitest';
import { textBatch } from './batch.js';
import { TextRnnEncoder } from './text-rnn-encoder.js';

const variants = [
  { cell: 'lstm', bidirectional: false },
  { cell: 'lstm', bidirectional: true },
  { cell: 'gru', bidirectional: false },
  { cell: 'gru', bidirectional: true },
] as const;

const make = (v: (typeof variants)[number], seed = 3) =>
  new TextRnnEncoder({ vocabSize: 12, embeddingDim: 6, units: 5, layers: 2, residual: true, dropout: 0.3, ...v }, ParamStore.create(seed).scope('encoder'));

describe.each(variants)('TextRnnEncoder %o', (v) => {
  it('padding never changes real positions, padded positions are zero, summary unchanged', async () => {
    const enc = make(v);
    const short = [4, 7, 9];
    await expectNoLeaks(() => {
      const both = textBatch([[5, 6, 8, 10, 11, 4], short]);
      const alone = textBatch([short]);
      const a = enc.encode(both);
      const b = enc.encode(alone);
      const states = a.states.arraySync();
      const single = b.states.arraySync()[0]!;
      for (let s = 0; s < 6; s++) {
        for (let d = 0; d < enc.outputDim; d++) {
          if (s < 3) expect(states[1]![s]![d]).toBeCloseTo(single[s]![d]!, 5);
          else expect(Math.abs(states[1]![s]![d]!)).toBe(0);
        }
      }
      const sum = a.summary.arraySync()[1]!;
      b.summary.arraySync()[0]!.forEach((x, d) => expect(sum[d]).toBeCloseTo(x, 5));
      // Guard against a vacuous pass: the padded sentence really differs from the long one.
      expect(Math.abs(sum[0]! - a.summary.arraySync()[0]![0]!)).toBeGreaterThan(1e-6);
      tf.dispose([both, alone, a, b]);
    });
  });

  it('summary is the final forward h (last real token) and, when bidirectional, the backward h at position 0', async () => {
    // Without residual connections the last layer's states are exactly the RNN outputs.
    const enc = new TextRnnEncoder({ vocabSize: 12, embeddingDim: 6, units: 5, layers: 2, ...v }, ParamStore.create(4));
    await expectNoLeaks(() => {
      const batch = textBatch([[5, 6, 8], [4, 7]]);
      const out = enc.encode(batch);
      const states = out.states.arraySync();
      const summary = out.summary.arraySync();
      [2, 1].forEach((last, r) => {
        for (let d = 0; d < 5; d++) {
          expect(summary[r]![d]).toBeCloseTo(states[r]![last]![d]!, 6);
          if (v.bidirectional) expect(summary[r]![5 + d]).toBeCloseTo(states[r]![0]![5 + d]!, 6);
        }
      });
      tf.dispose([batch, out]);
    });
  });

  it('sends gradients to every variable (training, with dropout)', async () => {
    const store = ParamStore.create(5);
    const enc = new TextRnnEncoder({ vocabSize: 12, embeddingDim: 6, units: 5, layers: 2, residual: true, dropout: 0.3, ...v }, store.scope('encoder'));
    await expectNoLeaks(() => {
      const batch = textBatch([[5, 6, 8, 1], [4, 7]]);
      const vars = store.trainable().map(([, x]) => x);
      const { value, grads } = tf.variableGrads(() => {
        const out = enc.encode(batch, { training: true, seed: 9 });
        return tf.add(tf.sum(tf.square(out.states)), tf.sum(out.summary)) as tf.Scalar;
      }, vars);
      expect(Object.keys(grads).length).toBe(vars.length);
      for (const g of Object.values(grads)) expect(tf.tidy(() => tf.sum(tf.abs(g)).dataSync()[0]!)).toBeGreaterThan(0);
      tf.dispose([batch, value, grads]);
    });
    store.dispose();
  });
});
