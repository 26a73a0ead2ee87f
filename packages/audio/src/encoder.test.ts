import * as tf from '@tensorflow/tfjs';
import { encoders, ParamStore, type EncoderOutput } from '@seq2seq/core';
import { expectNoLeaks } from '@seq2seq/testing';
import { describe, expect, it } from 'vitest';
import { prepareAudioBatch } from './batch.js';
import { AudioRnnEncoder } from './encoder.js';
import type { FeatureMatrix } from './features.js';
import './index.js';

const C = 5;
const utterance = (frames: number, seed: number): FeatureMatrix => ({
  data: Float32Array.from({ length: frames * C }, (_, i) => Math.sin(seed * 13.7 + i * 0.61)),
  frames,
  dim: C,
});
const close = (a: number[] | number[][], b: number[] | number[][]) => expect(tf.util.flatten(a as number[]).map((v, i) => Math.abs(v - (tf.util.flatten(b as number[])[i] ?? NaN)) < 1e-5).every(Boolean)).toBe(true);

const variants = [
  { subsampling: 'conv' as const, factor: 4, layers: 1 },
  { subsampling: 'pyramid' as const, factor: 4, layers: 1 },
  { subsampling: 'pyramid' as const, factor: 2, layers: 0 },
  { subsampling: 'conv' as const, factor: 1, layers: 2, cell: 'gru' as const },
];

describe('AudioRnnEncoder', () => {
  for (const v of variants) {
    const name = `${v.subsampling} x${v.factor}, ${v.layers} top layer(s)${v.cell ? `, ${v.cell}` : ''}`;

    it(`${name}: shapes, subsampled mask, summary; padding does not change real outputs; no leaks`, async () => {
      const store = ParamStore.create(7);
      const enc = new AudioRnnEncoder({ inputDim: C, units: 4, convChannels: 6, ...v }, store);
      expect(enc.outputDim).toBe(8);
      const lengths = [13, 6, 1];
      const items = lengths.map((l, i) => utterance(l, i));
      await expectNoLeaks(() => {
        const batch = prepareAudioBatch(items);
        const out = enc.encode(batch);
        const S = Math.ceil(13 / v.factor);
        expect(out.states.shape).toEqual([3, S, 8]);
        expect(out.summary.shape).toEqual([3, 8]);
        expect(tf.tidy(() => tf.sum(out.mask, 1).arraySync())).toEqual(lengths.map((l) => Math.ceil(l / v.factor)));
        const states = out.states.arraySync();
        const mask = out.mask.arraySync();
        const summary = out.summary.arraySync();
        // Each utterance alone (no padding) gives the same real states and the same summary.
        items.forEach((item, b) => {
          const single = prepareAudioBatch([item]);
          const alone = enc.encode(single);
          const n = Math.ceil(item.frames / v.factor);
          close(alone.states.arraySync()[0]!, states[b]!.slice(0, n));
          close(alone.summary.arraySync()[0]!, summary[b]!);
          // Padded positions are zero in the batch.
          for (let s = n; s < S; s++) expect(mask[b]![s]).toBe(0);
          for (let s = n; s < S; s++) expect(states[b]![s]!.every((z) => z === 0)).toBe(true);
          tf.dispose([single, alone]);
        });
        // Summary = [forward final; backward final]: the backward half equals the backward output at frame 0.
        for (let b = 0; b < 3; b++) close(summary[b]!.slice(4), states[b]![0]!.slice(4));
        tf.dispose([batch, out]);
      });
      store.dispose();
    });
  }

  it('registers as audio-rnn, rebuilds from config() JSON, validates config', () => {
    const store = ParamStore.create(1);
    const enc = encoders.get('audio-rnn')({ inputDim: C, units: 3, layers: 1 }, store.scope('encoder')) as AudioRnnEncoder;
    expect(enc).toBeInstanceOf(AudioRnnEncoder);
    const json = JSON.parse(JSON.stringify(enc.config()));
    expect(json).toEqual({ inputDim: C, units: 3, layers: 1, cell: 'lstm', subsampling: 'conv', factor: 4, convChannels: 64, dropout: 0 });
    const store2 = ParamStore.create(1);
    const again = encoders.get('audio-rnn')(json, store2.scope('encoder'));
    expect(again.outputDim).toBe(6);
    expect(store2.entries().map(([k, t]) => [k, t.shape])).toEqual(store.entries().map(([k, t]) => [k, t.shape]));
    expect(store.entries().map(([k]) => k)).toContain('encoder/conv1/kernel');
    expect(() => new AudioRnnEncoder({ inputDim: C, factor: 3 }, store)).toThrow(/factor must be a power of two/);
    expect(() => new AudioRnnEncoder({ inputDim: C, layers: 0 }, store)).toThrow(/layers must be an integer >= 1/);
    expect(() => new AudioRnnEncoder({ units: 3 }, store)).toThrow(/inputDim must be a positive integer/);
    store.dispose();
    store2.dispose();
  });

  it('rejects a batch of the wrong width, and dropout only acts when training', async () => {
    const store = ParamStore.create(2);
    const enc = new AudioRnnEncoder({ inputDim: C, units: 4, layers: 2, dropout: 0.5 }, store);
    await expectNoLeaks(() => {
      const wrong = prepareAudioBatch([{ data: new Float32Array(12), frames: 4, dim: 3 }]);
      expect(() => enc.encode(wrong)).toThrow(/features must be \[B, F, 5\], got \[1,4,3\]/);
      const batch = prepareAudioBatch([utterance(16, 1)]);
      const outs: EncoderOutput[] = [enc.encode(batch), enc.encode(batch), enc.encode(batch, { training: true })];
      const [a, b, t] = outs.map((o) => o.states.arraySync());
      expect(a).toEqual(b);
      expect(t).not.toEqual(a);
      tf.dispose([wrong, batch, ...outs]);
    });
    store.dispose();
  });
});
