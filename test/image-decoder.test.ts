// The image encoder x decoder matrix through Seq2Seq: both image encoders with every attention type.
// ConvEncoder runs on pixels; MobileNetEncoder on cached-feature batches (no weights needed), and on
// real pixels when the shared MobileNet weights are present.
import * as tf from '@tensorflow/tfjs';
import { buildModel, type ComponentSpec, type Seq2Seq } from '@seq2seq/core';
import '@seq2seq/decoder-lstm';
import '@seq2seq/image';
import type { ImageBatch } from '@seq2seq/image';
import { expectNoLeaks } from '@seq2seq/testing';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const haveMobileNet = existsSync(new URL('../../shared/models/mobilenet-v1-0.25-224/graph/model.json', import.meta.url));
const attentions = ['none', 'dot', 'general', 'additive'] as const;
const V = 9;

const encoders = [
  { name: 'conv', width: 8, grid: 16, spec: { kind: 'conv', config: { channels: [4, 8], kernelSize: 3, inputSize: 16 } } as ComponentSpec, batch: (): ImageBatch => ({ pixels: tf.randomUniform([2, 16, 16, 3], 0, 1, 'float32', 5) as tf.Tensor4D }) },
  { name: 'mobilenet (features)', width: 256, grid: 49, spec: { kind: 'mobilenet', config: { version: 1, alpha: 0.25, fineTuneBlocks: 0 } } as ComponentSpec, batch: (): ImageBatch => ({ features: tf.randomUniform([2, 49, 256], 0, 6, 'float32', 6) as tf.Tensor3D }) },
] as const;

function model(enc: (typeof encoders)[number], attention: (typeof attentions)[number], inputFeeding: boolean): Seq2Seq<ImageBatch> {
  return buildModel<ImageBatch>({
    encoder: enc.spec,
    // dot attention needs units == encoder width
    decoder: { kind: 'lstm', config: { vocabSize: V, inputDim: enc.width, embeddingDim: 5, units: attention === 'dot' ? enc.width : 12, attention, inputFeeding, dropout: 0 } },
  }, { seed: 3 });
}

/** Checks shapes and that a teacher-forced forward equals the step loop; returns nothing, leaks nothing. */
function checkForwardEqualsSteps(m: Seq2Seq<ImageBatch>, batch: ImageBatch, grid: number, attends: boolean): void {
  const targetIn = tf.tensor2d([[1, 3, 4], [1, 5, 0]], [2, 3], 'int32');
  tf.tidy(() => {
    const enc = m.encode(batch);
    expect(enc.states.shape).toEqual([2, grid, m.encoder.outputDim]);
    expect(enc.summary.shape).toEqual([2, m.encoder.outputDim]);
    expect(Array.from(enc.mask.dataSync()).every((x) => x === 1)).toBe(true);
    const memory = m.decoder.prepare(enc);
    const { logits, attention } = m.decoder.forward(targetIn, memory);
    expect(logits.shape).toEqual([2, 3, V]);
    if (attends) expect(attention!.shape).toEqual([2, 3, grid]);
    let state = m.decoder.initState(memory);
    (tf.unstack(targetIn, 1) as tf.Tensor1D[]).forEach((tok, t) => {
      const r = m.decoder.step(tok, state, memory);
      state = r.state;
      const expected = tf.logSoftmax(logits.slice([0, t, 0], [2, 1, V]).reshape([2, V]));
      expect(tf.max(tf.abs(tf.sub(r.logProbs, expected))).dataSync()[0]).toBeLessThan(1e-4);
      if (attends) {
        expect(r.attention!.shape).toEqual([2, grid]);
        for (const row of r.attention!.arraySync()) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      } else expect(r.attention).toBeUndefined();
    });
  });
  targetIn.dispose();
}

describe('image encoder x lstm decoder', () => {
  for (const enc of encoders) {
    for (const attention of attentions) {
      for (const inputFeeding of attention === 'none' ? [false] : [false, true]) {
        it(`${enc.name} x ${attention} feed=${inputFeeding}: shapes, forward equals the step loop, no leaks`, async () => {
          const m = model(enc, attention, inputFeeding);
          const batch = enc.batch();
          await expectNoLeaks(() => checkForwardEqualsSteps(m, batch, enc.grid, attention !== 'none'));
          tf.dispose(batch);
          m.store.dispose();
        });
      }
    }
  }

  it.skipIf(!haveMobileNet)('mobilenet on pixels x general attention: shapes, forward equals the step loop, no leaks', async () => {
    const m = model(encoders[1], 'general', true);
    await m.encoder.load?.();
    const pixels = tf.randomUniform([2, 224, 224, 3], 0, 1, 'float32', 7) as tf.Tensor4D;
    await expectNoLeaks(() => checkForwardEqualsSteps(m, { pixels }, 49, true));
    pixels.dispose();
    m.store.dispose();
  });
});
