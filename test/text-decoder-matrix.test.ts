// The encoder x decoder matrix through Seq2Seq: every text encoder variant with every attention type.
import * as tf from '@tensorflow/tfjs';
import { buildModel, type Seq2Seq } from '@seq2seq/core';
import '@seq2seq/decoder-lstm';
import { textBatch, type TextBatch } from '@seq2seq/text';
import { expectNoLeaks } from '@seq2seq/testing';
import { describe, expect, it } from 'vitest';

const encoders = [
  { cell: 'lstm', bidirectional: true, layers: 1 },
  { cell: 'gru', bidirectional: false, layers: 2 },
] as const;
const attentions = ['none', 'dot', 'general', 'additive'] as const;

function model(enc: (typeof encoders)[number], attention: (typeof attentions)[number], inputFeeding: boolean): Seq2Seq<TextBatch> {
  const width = enc.bidirectional ? 16 : 8;
  return buildModel<TextBatch>({
    encoder: { kind: 'text-rnn', config: { vocabSize: 11, embeddingDim: 6, units: 8, layers: enc.layers, cell: enc.cell, bidirectional: enc.bidirectional, dropout: 0 } },
    decoder: { kind: 'lstm', config: { vocabSize: 9, inputDim: width, embeddingDim: 5, units: width, attention, inputFeeding, dropout: 0 } },
  }, { seed: 3 });
}

describe('text encoder x lstm decoder', () => {
  for (const enc of encoders) {
    for (const attention of attentions) {
      for (const inputFeeding of [false, true]) {
        it(`${enc.cell} bi=${enc.bidirectional} x ${attention} feed=${inputFeeding}: forward equals the step loop, no leaks`, async () => {
          const m = model(enc, attention, inputFeeding);
          const src = textBatch([[4, 5, 6, 7], [8, 9]]);
          const targetIn = tf.tensor2d([[1, 3, 4], [1, 5, 0]], [2, 3], 'int32');
          await expectNoLeaks(() => {
            tf.tidy(() => {
              const enc2 = m.encode(src);
              expect(enc2.states.shape).toEqual([2, 4, m.encoder.outputDim]);
              expect(Array.from(enc2.mask.dataSync())).toEqual([1, 1, 1, 1, 1, 1, 0, 0]);
              const memory = m.decoder.prepare(enc2);
              const { logits } = m.decoder.forward(targetIn, memory);
              expect(logits.shape).toEqual([2, 3, 9]);
              let state = m.decoder.initState(memory);
              const cols = tf.unstack(targetIn, 1) as tf.Tensor1D[];
              cols.forEach((tok, t) => {
                const r = m.decoder.step(tok, state, memory);
                state = r.state;
                const expected = tf.logSoftmax(logits.slice([0, t, 0], [2, 1, 9]).reshape([2, 9]));
                expect(tf.max(tf.abs(tf.sub(r.logProbs, expected))).dataSync()[0]).toBeLessThan(1e-5);
                if (attention !== 'none') {
                  // padded source positions get no attention
                  expect(r.attention!.arraySync()[1]!.slice(2)).toEqual([0, 0]);
                }
              });
            });
          });
          tf.dispose([src, targetIn]);
          m.store.dispose();
        });
      }
    }
  }
});
