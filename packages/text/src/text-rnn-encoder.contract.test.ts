import * as tf from '@tensorflow/tfjs';
import { type Encoder, encoders, type JsonObject, ParamStore } from '@seq2seq/core';
import { expectNoLeaks } from '@seq2seq/testing';
import { describe, expect, it } from 'vitest';
import { type TextBatch, textBatch } from './batch.js';
import { TextRnnEncoder } from './text-rnn-encoder.js';
import './index.js';

// The encoder contract (DESIGN.md §3) checked on the registered 'text-rnn' kind.
const configs: JsonObject[] = [
  { vocabSize: 10, embeddingDim: 4, units: 3 },
  { vocabSize: 10, embeddingDim: 4, units: 3, cell: 'gru', bidirectional: false, layers: 3, residual: true },
];

describe.each(configs)('text-rnn contract %o', (config) => {
  const build = (seed: number) => encoders.get('text-rnn')(config, ParamStore.create(seed).scope('encoder')) as Encoder<TextBatch>;

  it('returns states [B, S, D], the input mask, summary [B, D], without leaking', async () => {
    const enc = build(1);
    expect(enc.kind).toBe('text-rnn');
    await expectNoLeaks(() => {
      const batch = textBatch([[4, 5, 6, 7], [8, 9], [4]]);
      const out = enc.encode(batch);
      expect(out.states.shape).toEqual([3, 4, enc.outputDim]);
      expect(out.summary.shape).toEqual([3, enc.outputDim]);
      expect(out.mask.dtype).toBe('float32');
      expect(out.mask.arraySync()).toEqual(batch.mask.arraySync());
      tf.dispose(out);
      // The caller's mask survives disposing the output (the encoder hands back its own copy).
      expect(batch.mask.isDisposed).toBe(false);
      tf.dispose(batch);
    });
  });

  it('rebuilds from config() through the registry with identical outputs for the same seed', async () => {
    const a = build(2);
    const json = JSON.parse(JSON.stringify(a.config())) as JsonObject;
    const b = encoders.get('text-rnn')(json, ParamStore.create(2).scope('encoder')) as Encoder<TextBatch>;
    expect(b.config()).toEqual(a.config());
    expect(b.outputDim).toBe(a.outputDim);
    await expectNoLeaks(() => {
      const batch = textBatch([[4, 5, 6], [7, 8]]);
      const x = a.encode(batch);
      const y = b.encode(batch);
      expect(tf.tidy(() => tf.max(tf.abs(tf.sub(x.states, y.states))).dataSync()[0])).toBe(0);
      tf.dispose([batch, x, y]);
    });
  });

  it('is deterministic in inference and seeded in training', async () => {
    const enc = build(3);
    await expectNoLeaks(() => {
      const batch = textBatch([[4, 5, 6], [7, 8]]);
      const diff = (p: tf.Tensor, q: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(p, q))).dataSync()[0]!);
      const [i1, i2] = [enc.encode(batch), enc.encode(batch)];
      const [t1, t2] = [enc.encode(batch, { training: true, seed: 5 } as object), enc.encode(batch, { training: true, seed: 5 } as object)];
      expect(diff(i1.states, i2.states)).toBe(0);
      expect(diff(t1.states, t2.states)).toBe(0);
      expect(diff(t1.states, i1.states)).toBeGreaterThan(0);
      tf.dispose([batch, i1, i2, t1, t2]);
    });
  });
});

describe('text-rnn config', () => {
  it('fills documented defaults and outputDim = 2 * units when bidirectional', () => {
    const store = ParamStore.create(1);
    const enc = new TextRnnEncoder({ vocabSize: 7 }, store);
    expect(enc.config()).toEqual({ vocabSize: 7, embeddingDim: 256, units: 256, layers: 1, cell: 'lstm', bidirectional: true, dropout: 0.2, residual: false });
    expect(enc.outputDim).toBe(512);
    expect(store.entries().map(([k]) => k)).toEqual([
      'embedding',
      ...['layer0_fw', 'layer0_bw'].flatMap((l) => [`${l}/kernel`, `${l}/recurrent`, `${l}/bias`]),
    ]);
    store.dispose();
  });

  it('names the bad field', () => {
    const store = ParamStore.create(1);
    expect(() => encoders.get('text-rnn')({ vocabSize: 7, cell: 'rnn' }, store)).toThrow(/'cell' must be one of lstm, gru/);
    expect(() => encoders.get('text-rnn')({ units: 3 }, store)).toThrow(/'vocabSize' must be a number/);
    expect(() => encoders.get('text-rnn')({ vocabSize: 7, dropout: 1 }, store)).toThrow(/'dropout' must be in \[0, 1\)/);
    store.dispose();
  });
});
