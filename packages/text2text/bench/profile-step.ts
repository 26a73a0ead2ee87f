// `node --import tsx packages/text2text/bench/profile-step.ts [--input-feeding]`: kernel time of one
// training step of the translate default model on a real Multi30k batch.
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@seq2seq/core';
import { readAlignedPairs } from '@seq2seq/datasets';
import { buildFields, createTextModel, encodePairs, makeBatch, textModelDefaults } from '../src/index.js';

await initBackend();
const dir = process.env.MULTI30K ?? '../shared/data/multi30k';
const { pairs } = readAlignedPairs(`${dir}/train.en.gz`, `${dir}/train.de.gz`);
const sub = pairs.slice(0, 3000);
const o = { ...textModelDefaults, vocabSize: Number(process.env.VOCAB ?? 4000), inputFeeding: process.argv.includes('--input-feeding') };
const fields = buildFields(sub.map((p) => p.source), sub.map((p) => p.target), o);
const { examples } = encodePairs(sub, fields, o);
const n = Number(process.env.BATCH ?? 200);
const group = examples.filter((e) => e.source.length >= 12 && e.source.length <= 14).slice(0, n);
const batch = makeBatch(group);
const model = createTextModel(fields, o, 1);
const vars = model.store.trainable().map(([, v]) => v);
const step = () => tf.tidy(() => {
  const { value, grads } = tf.variableGrads(() => model.loss(batch.input, batch.target, { training: true, seed: 1 }), vars);
  value.dataSync();
  Object.values(grads).forEach((g) => g.dataSync());
});
step();
let t0 = performance.now();
step();
const ms = performance.now() - t0;
console.log(`batch ${group.length} sentences, ${batch.numTargetTokens} target tokens, V=${fields.target.vocab.size}: step ${ms.toFixed(0)} ms = ${(batch.numTargetTokens / ms * 1000).toFixed(0)} tok/s`);
const info = await tf.profile(() => { step(); return []; });
const agg = new Map<string, { ms: number; n: number }>();
for (const k of info.kernels) {
  const a = agg.get(k.name) ?? { ms: 0, n: 0 };
  a.ms += k.kernelTimeMs as number;
  a.n++;
  agg.set(k.name, a);
}
const rows = [...agg.entries()].sort((x, y) => y[1].ms - x[1].ms);
console.log(`kernels ${rows.reduce((s, [, a]) => s + a.ms, 0).toFixed(0)} ms in ${info.kernels.length} calls`);
for (const [name, a] of rows.slice(0, 16)) console.log(`  ${name.padEnd(24)} ${a.ms.toFixed(1).padStart(8)} ms ${String(a.n).padStart(6)} calls`);
const mm = info.kernels.filter((k) => k.name === 'BatchMatMul').sort((a, b) => (b.kernelTimeMs as number) - (a.kernelTimeMs as number));
for (const k of mm.slice(0, 12)) console.log(`  BatchMatMul ${(k.kernelTimeMs as number).toFixed(1)} ms ${JSON.stringify(k.inputShapes)}`);
process.exit(0);
