// Times teacher-forced forward() against a loop of step() (and forward+backward) on the current
// backend. Usage: npx tsx packages/decoder-lstm/bench/forward.ts [B T S H V]
import * as tf from '@tensorflow/tfjs';
import { encoderOutput, maskedCrossEntropy, ParamStore } from '@seq2seq/core';
import { LstmDecoder, type AttentionType } from '../src/index.js';

const [B = 32, T = 20, S = 20, H = 128, V = 1000] = process.argv.slice(2).map(Number);
await tf.setBackend(process.env.BACKEND ?? 'cpu');

function time(fn: () => void, reps = 3): number {
  fn();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return (performance.now() - t0) / reps;
}

const enc = encoderOutput({ states: tf.randomNormal([B, S, H]) as tf.Tensor3D });
const targetIn = tf.randomUniform([B, T], 0, V, 'int32') as tf.Tensor2D;
const mask = tf.ones([B, T]) as tf.Tensor2D;
console.log(`backend ${tf.getBackend()} B=${B} T=${T} S=${S} H=${H} V=${V}`);
for (const attention of ['general', 'additive'] as AttentionType[]) {
  for (const inputFeeding of [false, true]) {
    const store = ParamStore.create(1);
    const d = new LstmDecoder({ vocabSize: V, inputDim: H, units: H, embeddingDim: H, attention, inputFeeding, dropout: 0 }, store);
    const memory = d.prepare(enc);
    const fwd = time(() => tf.tidy(() => void d.forward(targetIn, memory).logits.dataSync()));
    const loop = time(() => tf.tidy(() => {
      let s = d.initState(memory);
      let last: tf.Tensor = tf.scalar(0);
      for (const prev of tf.unstack(targetIn, 1) as tf.Tensor1D[]) ({ state: s, logProbs: last } = d.step(prev, s, memory));
      last.dataSync();
    }));
    const vars = store.trainable().map(([, v]) => v);
    const train = time(() => tf.tidy(() => void tf.variableGrads(() => maskedCrossEntropy(d.forward(targetIn, d.prepare(enc)).logits, targetIn, mask), vars).value.dataSync()), 2);
    console.log(`${attention.padEnd(8)} feed=${inputFeeding ? 1 : 0}  forward ${fwd.toFixed(0)} ms  step-loop ${loop.toFixed(0)} ms  forward+grad ${train.toFixed(0)} ms`);
    tf.dispose(memory);
    store.dispose();
  }
}
