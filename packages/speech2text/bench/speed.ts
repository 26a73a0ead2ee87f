// Rough timing of generation, features and one training step (not a test).
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@seq2seq/core';
import { fsddUtterances, featurizeGenerated } from '../src/data.js';
import { speechModelDefaults } from '../src/options.js';
import { createSpeechModel } from '../src/model.js';
import { speechEpochBatches } from '../src/batches.js';
import { buildTargetField } from '../src/fields.js';

await initBackend({ backend: (process.env.SEQ2SEQ_BACKEND as 'cpu' | undefined) ?? 'wasm', log: console.error });
console.error('backend ready');
const dir = process.argv[2] ?? '../../../shared/data/fsdd';
let t = Date.now();
const utts = await fsddUtterances({ dir, speakers: ['george', 'jackson'], count: 100, seed: 1, speeds: [0.9, 1, 1.1] });
const secs = utts.reduce((n, u) => n + u.samples.length / u.sampleRate, 0);
console.error(`generate 100: ${Date.now() - t} ms, ${secs.toFixed(1)} s audio; example '${utts[0]!.text}'`);
t = Date.now();
const data = featurizeGenerated(utts, speechModelDefaults.features);
console.error(`features: ${Date.now() - t} ms (${((Date.now() - t) / secs).toFixed(1)} ms per s)`);
const field = buildTargetField(data.map((d) => d.text), 'word');
const model = createSpeechModel(field.vocab.size, speechModelDefaults, 1);
console.error(`params ${model.store.numParams()}`);
const ex = data.map((d) => ({ features: d.features, target: field.ids(d.text), words: d.text.split(' ').length }));
const batches = speechEpochBatches(ex, { seed: 1, epoch: 0 }, { batchFrames: 8000, padToMultiple: 4, specAugment: { blockDim: 13 } });
const opt = tf.train.adam(0.001);
for (let i = 0; i < 3; i++) {
  const b = (batches[i] as () => ReturnType<Extract<(typeof batches)[number], () => unknown>>)();
  t = Date.now();
  const loss = opt.minimize(() => model.loss(b.input, b.target, { training: true }) as tf.Scalar, true);
  console.error(`step ${i}: batch ${b.input.features.shape} loss ${loss?.dataSync()[0]?.toFixed(3)} ${Date.now() - t} ms`);
  loss?.dispose();
  b.dispose();
}
process.exit(0); // the wasm backend's worker threads would keep Node alive
