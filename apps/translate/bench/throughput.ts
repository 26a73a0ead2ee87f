// Training and decoding throughput of a translate checkpoint (default: the shipped models/translate) on
// one backend, as one JSON line on stdout. tools/gpu-check.sh runs it once per backend.
//
//   node --import tsx apps/translate/bench/throughput.ts --backend webgpu [--model models/translate]
//     [--sentences 256] [--beam 5] [--train-steps 20] [--train-batches 4] [--batch-tokens 4000]
//
// --backend: node | wasm | cpu | webgpu (initBackend), or node-gpu (@tensorflow/tfjs-node-gpu, when
// installed; not a dependency of the toolkit). Decoding: the first --sentences sources of the bundled
// Multi30k sample (apps/translate/data), greedy and beam, sentences/s and output tokens/s, each timed
// on its second identical run (the first compiles the shapes' kernels: WebGPU shaders, XLA).
// Training: --train-batches batches of the bundled training pairs, each trained on once to warm up,
// then --train-steps Adam updates cycling over them: target tokens/s (trainStep reads the loss
// back, so every update has finished when it is timed).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { Adam, type BackendName, initBackend, trainStep } from '@seq2seq/core';
import { readTsvPairs } from '@seq2seq/datasets';
import { encodePairs, epochBatches, generate, loadTextModel } from '@seq2seq/text2text';

const { values: a } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    model: { type: 'string' },
    sentences: { type: 'string', default: '256' },
    beam: { type: 'string', default: '5' },
    'train-steps': { type: 'string', default: '20' },
    'train-batches': { type: 'string', default: '4' },
    'batch-tokens': { type: 'string', default: '4000' },
  },
});
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const modelDir = resolve(a.model ?? `${root}/models/translate`);
const n = Number(a.sentences);
const beam = Number(a.beam);
const trainSteps = Number(a['train-steps']);
const log = (l: string) => process.stderr.write(`${l}\n`);

let label: string = a.backend!;
if (a.backend === 'node-gpu') {
  const pkg = '@tensorflow/tfjs-node-gpu';
  await import(pkg);
  if (!(await tf.setBackend('tensorflow'))) throw new Error('tfjs-node-gpu: the tensorflow backend did not initialise');
} else {
  let line = '';
  await initBackend({ backend: a.backend as BackendName, log: (l) => ((line = l), log(l)) });
  const adapter = / adapter (.*)$/.exec(line)?.[1];
  if (adapter) label = `${a.backend} (${adapter})`;
}

const seconds = async (f: () => Promise<unknown>) => {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
};

const { model, fields, options } = await loadTextModel(modelDir, 'translate');
const valid = readTsvPairs(`${root}/apps/translate/data/demo.valid.tsv`).pairs;
const trainPairs = readTsvPairs(`${root}/apps/translate/data/demo.train.tsv`).pairs;
const sources = Array.from({ length: n }, (_, i) => (i < valid.length ? valid[i]! : trainPairs[i - valid.length]!).source);

const decode: Record<string, { sentencesPerS: number; tokensPerS: number; seconds: number }> = {};
for (const k of [1, beam]) {
  await generate(model, fields, sources, { beam: k }); // warm-up: shaders / kernels
  let tokens = 0;
  const s = await seconds(async () => {
    const out = await generate(model, fields, sources, { beam: k });
    tokens = out.reduce((t, h) => t + h[0]!.tokens.length, 0);
  });
  decode[k === 1 ? 'greedy' : `beam${k}`] = { sentencesPerS: n / s, tokensPerS: tokens / s, seconds: s };
  log(`${label}: ${k === 1 ? 'greedy' : `beam ${k}`}: ${n} sentences in ${s.toFixed(1)} s`);
}

const { examples } = encodePairs(trainPairs, fields, options);
const distinct = Math.max(1, Number(a['train-batches']));
const batches = epochBatches(examples, { batchTokens: Number(a['batch-tokens']) }, 1)
  .slice(0, distinct)
  .map((src) => (typeof src === 'function' ? src() : src));
const adam = new Adam(model.store);
const update = (i: number) => trainStep(model, adam, batches[i % batches.length]!, { learningRate: 1e-4, clipNorm: 5, decode: { training: true, seed: i } });
for (let i = 0; i < batches.length; i++) await update(i);
let trainTokens = 0;
let trainSeconds = 0;
for (let i = 0; i < trainSteps; i++) {
  trainSeconds += await seconds(() => update(i));
  trainTokens += batches[i % batches.length]!.numTargetTokens;
}
for (const b of batches) b.dispose();
log(`${label}: training: ${trainSteps} updates in ${trainSeconds.toFixed(1)} s`);
adam.dispose();
model.store.dispose();

console.log(
  JSON.stringify({
    backend: label,
    model: modelDir,
    decode,
    train: { updates: trainSteps, distinctBatches: batches.length, batchTokens: Number(a['batch-tokens']), targetTokensPerS: trainTokens / trainSeconds, msPerUpdate: (1000 * trainSeconds) / trainSteps },
  }),
);
process.exit(0);
