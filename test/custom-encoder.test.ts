// The README's "plug in your own encoder" example, verified: registry, Seq2Seq, loss, search, save/load.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { encoderOutput, encoders, type Encoder, loadModel, ParamStore, saveModel, Seq2Seq } from '@seq2seq/core';
import { LstmDecoder } from '@seq2seq/decoder-lstm';
import { greedy } from '@seq2seq/search';
import { describe, expect, it } from 'vitest';

type MyBatch = { x: tf.Tensor3D /** [B, S, F] */; mask: tf.Tensor2D /** [B, S] */ };

class MyEncoder implements Encoder<MyBatch> {
  readonly kind = 'my-encoder';
  readonly outputDim = 64;
  private readonly w: tf.Variable;
  constructor(private readonly features: number, store: ParamStore) {
    this.w = store.variable('proj', [features, 64], { kind: 'glorot' });
  }
  encode(batch: MyBatch) {
    return tf.tidy(() => {
      const [b, s] = batch.mask.shape;
      const states = tf.tanh(tf.matMul(batch.x.reshape([b * s, this.features]), this.w)).reshape([b, s, 64]) as tf.Tensor3D;
      return encoderOutput({ states, mask: batch.mask.clone() });
    });
  }
  config() {
    return { features: this.features };
  }
}

describe('a user-defined encoder with the LSTM decoder', () => {
  it('trains a step, decodes, and reloads through the registry', async () => {
    if (!encoders.has('my-encoder')) encoders.register('my-encoder', (c, store) => new MyEncoder(Number(c.features), store));
    const store = ParamStore.create(1);
    const model = new Seq2Seq<MyBatch>({
      encoder: new MyEncoder(20, store.scope('encoder')),
      decoder: new LstmDecoder({ vocabSize: 30, inputDim: 64, attention: 'additive', units: 32, embeddingDim: 16 }, store.scope('decoder')),
      store,
    });
    const before = tf.memory().numTensors;
    const batch: MyBatch = { x: tf.randomNormal([2, 5, 20], 0, 1, 'float32', 3) as tf.Tensor3D, mask: tf.tensor2d([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]]) };
    const target = { targetIn: tf.tensor2d([[1, 5, 6], [1, 7, 0]], [2, 3], 'int32'), targetOut: tf.tensor2d([[5, 6, 2], [7, 2, 0]], [2, 3], 'int32'), targetMask: tf.tensor2d([[1, 1, 1], [1, 1, 0]]) };
    const vars = store.trainable().map(([, v]) => v);
    const { value, grads } = tf.variableGrads(() => model.loss(batch, target, { training: true }), vars);
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    expect(Object.keys(grads).length).toBe(vars.length);
    tf.dispose([value, ...Object.values(grads)]);
    const memory = tf.tidy(() => model.decoder.prepare(model.encode(batch)));
    const hyps = await greedy(model.decoder, memory, { maxLength: 4 });
    expect(hyps).toHaveLength(2);
    tf.dispose(memory);
    const dir = join(mkdtempSync(join(tmpdir(), 'custom-')), 'm');
    await saveModel(dir, model);
    const { model: back } = await loadModel<MyBatch>(dir);
    const a = model.logits(batch, target.targetIn);
    const b = back.logits(batch, target.targetIn);
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0])).toBeLessThanOrEqual(1e-6);
    tf.dispose([a, b]);
    back.store.dispose();
    tf.dispose([batch, target]);
    expect(tf.memory().numTensors).toBe(before);
    store.dispose();
  });
});
