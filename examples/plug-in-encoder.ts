// The README's "plug in your own encoder" example, runnable: `node --import tsx examples/plug-in-encoder.ts`.
// A toy encoder (a tanh projection of feature vectors) and the library's LSTM decoder learn to copy a
// short sequence in a few hundred tiny steps, then decode greedily and print what they wrote.
import * as tf from '@tensorflow/tfjs';
import { runMain } from '@seq2seq/cli';
import { encoderOutput, encoders, type Encoder, initBackend, ParamStore, Seq2Seq } from '@seq2seq/core';
import { LstmDecoder } from '@seq2seq/decoder-lstm';
import { greedy } from '@seq2seq/search';

type MyBatch = { x: tf.Tensor3D /** [B, S, F] */; mask: tf.Tensor2D /** [B, S] */ };

class MyEncoder implements Encoder<MyBatch> {
  readonly kind = 'my-encoder';
  readonly outputDim = 64;
  private readonly w: tf.Variable;
  constructor(
    private readonly features: number,
    store: ParamStore,
  ) {
    this.w = store.variable('proj', [features, 64], { kind: 'glorot' });
  }
  encode(batch: MyBatch) {
    return tf.tidy(() => {
      const [b, s] = batch.mask.shape;
      const states = tf.tanh(tf.matMul(batch.x.reshape([b * s, this.features]), this.w)).reshape([b, s, 64]) as tf.Tensor3D;
      return encoderOutput({ states, mask: batch.mask.clone() }); // summary: masked mean
    });
  }
  config() {
    return { features: this.features };
  }
}
encoders.register('my-encoder', (c, store) => new MyEncoder(Number(c.features), store));

// Token ids: 0 pad, 1 <sos>, 2 <eos>, 3..9 "words"; each input step is the one-hot of a word.
const SEQS = [[3, 4, 5], [6, 7, 8], [9, 3, 6], [5, 5, 4]];
const F = 10;

function batchOf(seqs: number[][]): { batch: MyBatch; targetIn: tf.Tensor2D; targetOut: tf.Tensor2D; targetMask: tf.Tensor2D } {
  const x = tf.tensor3d(seqs.map((s) => s.map((t) => Array.from({ length: F }, (_, k) => (k === t ? 1 : 0)))));
  return {
    batch: { x, mask: tf.ones([seqs.length, 3]) as tf.Tensor2D },
    targetIn: tf.tensor2d(seqs.map((s) => [1, ...s]), undefined, 'int32'),
    targetOut: tf.tensor2d(seqs.map((s) => [...s, 2]), undefined, 'int32'),
    targetMask: tf.ones([seqs.length, 4]) as tf.Tensor2D,
  };
}

await runMain(async () => {
  // The fastest backend that loads (wasm with worker threads when tfjs-node is absent): those
  // threads are why an entry point must end through runMain, or Node would never exit.
  await initBackend();
  const store = ParamStore.create(1);
  const model = new Seq2Seq<MyBatch>({
    encoder: new MyEncoder(F, store.scope('encoder')),
    decoder: new LstmDecoder({ vocabSize: 10, inputDim: 64, attention: 'additive', units: 64, embeddingDim: 16 }, store.scope('decoder')),
    store,
  });
  const data = batchOf(SEQS);
  const optimizer = tf.train.adam(0.02);
  const vars = store.trainable().map(([, v]) => v);
  const steps = Number(process.env.EXAMPLE_STEPS ?? 150);
  for (let step = 1; step <= steps; step++) {
    const loss = optimizer.minimize(() => model.loss(data.batch, data, { training: true }) as tf.Scalar, true, vars)!;
    if (step === 1 || step % 50 === 0 || step === steps) console.log(`step ${step}: loss ${(await loss.data())[0]!.toFixed(3)}`);
    loss.dispose();
  }
  const memory = tf.tidy(() => model.decoder.prepare(model.encode(data.batch)));
  const hyps = await greedy(model.decoder, memory, { maxLength: 5 });
  tf.dispose(memory);
  SEQS.forEach((s, i) => console.log(`input ${s.join(' ')} -> decoded ${hyps[i]!.tokens.join(' ')}`));
  store.dispose();
  return 0;
});
