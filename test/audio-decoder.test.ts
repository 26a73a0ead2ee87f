// The audio encoder x LSTM decoder matrix through Seq2Seq: subsampling variants x attention types.
import * as tf from '@tensorflow/tfjs';
import { type AudioBatch, prepareAudioBatch, subsampledLength } from '@seq2seq/audio';
import { buildModel, type Seq2Seq } from '@seq2seq/core';
import '@seq2seq/decoder-lstm';
import { expectNoLeaks } from '@seq2seq/testing';
import { describe, expect, it } from 'vitest';

const encoders = [
  { subsampling: 'conv', factor: 4, layers: 1, cell: 'lstm' },
  { subsampling: 'pyramid', factor: 2, layers: 0, cell: 'gru' },
] as const;
const attentions = ['none', 'dot', 'general', 'additive'] as const;
const C = 5;
const V = 9;

function model(enc: (typeof encoders)[number], attention: (typeof attentions)[number], inputFeeding: boolean): Seq2Seq<AudioBatch> {
  return buildModel<AudioBatch>({
    encoder: { kind: 'audio-rnn', config: { inputDim: C, units: 6, layers: enc.layers, cell: enc.cell, subsampling: enc.subsampling, factor: enc.factor, convChannels: 4, dropout: 0 } },
    decoder: { kind: 'lstm', config: { vocabSize: V, inputDim: 12, embeddingDim: 5, units: 12, attention, inputFeeding, dropout: 0 } },
  }, { seed: 5 });
}

/** Two utterances of 13 and 6 frames with seeded values. */
function batch(factor: number): AudioBatch {
  const rand = (n: number, s: number) => new Float32Array(n).map((_, i) => Math.sin(i * 0.7 + s));
  return prepareAudioBatch([{ data: rand(13 * C, 1), frames: 13, dim: C }, { data: rand(6 * C, 2), frames: 6, dim: C }], { padToMultiple: factor });
}

describe('audio encoder x lstm decoder', () => {
  for (const enc of encoders) {
    for (const attention of attentions) {
      for (const inputFeeding of [false, true]) {
        it(`${enc.subsampling}/${enc.factor} ${enc.cell} x ${attention} feed=${inputFeeding}: shapes, forward equals the step loop, no leaks`, async () => {
          const m = model(enc, attention, inputFeeding);
          const src = batch(enc.factor);
          const targetIn = tf.tensor2d([[1, 3, 4, 5], [1, 6, 0, 0]], [2, 4], 'int32');
          const S = Math.ceil(src.features.shape[1] / enc.factor);
          const lens = [subsampledLength(13, enc.factor), subsampledLength(6, enc.factor)];
          await expectNoLeaks(() => {
            tf.tidy(() => {
              const out = m.encode(src);
              expect(out.states.shape).toEqual([2, S, m.encoder.outputDim]);
              expect(out.summary.shape).toEqual([2, m.encoder.outputDim]);
              expect(Array.from(out.mask.sum(1).dataSync())).toEqual(lens);
              const memory = m.decoder.prepare(out);
              const { logits } = m.decoder.forward(targetIn, memory);
              expect(logits.shape).toEqual([2, 4, V]);
              let state = m.decoder.initState(memory);
              (tf.unstack(targetIn, 1) as tf.Tensor1D[]).forEach((tok, t) => {
                const r = m.decoder.step(tok, state, memory);
                state = r.state;
                const expected = tf.logSoftmax(logits.slice([0, t, 0], [2, 1, V]).reshape([2, V]));
                expect(tf.max(tf.abs(tf.sub(r.logProbs, expected))).dataSync()[0]).toBeLessThan(1e-5);
                if (attention !== 'none') {
                  const row = r.attention!.arraySync()[1]!;
                  expect(row.slice(lens[1]).every((w) => w === 0)).toBe(true); // padded frames get no attention
                  expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
                }
              });
            });
          });
          const targetMask = tf.tensor2d([[1, 1, 1, 1], [1, 1, 0, 0]]);
          await expectNoLeaks(() => {
            const loss = m.loss(src, { targetIn, targetOut: targetIn, targetMask });
            expect(Number.isFinite(loss.dataSync()[0])).toBe(true);
            tf.dispose(loss);
          });
          tf.dispose([src.features, src.mask, targetIn, targetMask]);
          m.store.dispose();
        });
      }
    }
  }
});
