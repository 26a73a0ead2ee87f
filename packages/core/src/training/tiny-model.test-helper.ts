// Test-only: a tiny encoder/decoder pair built from core's nn primitives, registered as
// 'tiny-mean' / 'tiny-lstm', plus a toy copy task. Not exported from the package.
import * as tf from '@tensorflow/tfjs';
import { type Decoder, type DecodeOptions, type Encoder, type EncoderOutput, encoderOutput } from '../contract.js';
import type { JsonObject } from '../json.js';
import { createDense, dense } from '../nn/dense.js';
import { createEmbedding, embed } from '../nn/embedding.js';
import { lstmStep, type LstmParams, type LstmState } from '../nn/lstm.js';
import type { ParamStore } from '../params.js';
import { mulberry32 } from '../random.js';
import { decoders, encoders } from '../registries.js';
import type { Seq2Seq } from '../seq2seq.js';
import { buildModel } from '../checkpoint/build.js';
import { bucketBatches } from './batches.js';
import type { TrainBatch, TrainOptions } from './types.js';

/** ids [B, S] int32, mask [B, S] */
export type TinyBatch = { ids: tf.Tensor2D; mask: tf.Tensor2D };

function tinyEncoder(config: JsonObject, store: ParamStore): Encoder<TinyBatch> {
  const dim = config.dim as number;
  const table = createEmbedding(store, 'embedding', config.vocabSize as number, dim);
  return {
    kind: 'tiny-mean',
    outputDim: dim,
    encode: (b) => tf.tidy(() => encoderOutput({ states: embed(table, b.ids) as tf.Tensor3D, mask: tf.clone(b.mask) })),
    config: () => config,
  };
}

/** Records the options of the last forward(), so tests can see what the trainer passed. */
export const seenDecodeOptions: DecodeOptions[] = [];

function tinyDecoder(config: JsonObject, store: ParamStore): Decoder<LstmState, EncoderOutput> {
  const dim = config.dim as number;
  const vocabSize = config.vocabSize as number;
  const table = createEmbedding(store, 'embedding', vocabSize, dim);
  // Built by hand rather than with createLstm, whose forget-bias initialisation leaks one tensor.
  const ls = store.scope('lstm');
  const lstm: LstmParams = {
    kernel: ls.variable('kernel', [dim, 4 * dim], { kind: 'glorot' }),
    recurrent: ls.variable('recurrent', [dim, 4 * dim], { kind: 'glorot' }),
    bias: ls.variable('bias', [4 * dim], { kind: 'zeros' }),
    units: dim,
  };
  const out = createDense(store, 'output', dim, vocabSize);
  const stepLogits = (prev: tf.Tensor1D, s: LstmState) =>
    tf.tidy(() => {
      const x = embed(table, prev) as tf.Tensor2D;
      const next = lstmStep(tf.add(tf.matMul(x, lstm.kernel), lstm.bias) as tf.Tensor2D, s, lstm);
      return { logits: dense(next.h, out) as tf.Tensor2D, state: next };
    });
  return {
    kind: 'tiny-lstm',
    inputDim: dim,
    vocabSize,
    prepare: (enc) => enc,
    initState: (enc) => ({ h: tf.clone(enc.summary), c: tf.zerosLike(enc.summary) }),
    step: (prev, s) =>
      tf.tidy(() => {
        const r = stepLogits(prev, s);
        return { logProbs: tf.logSoftmax(r.logits), state: r.state };
      }),
    reorderState: (s, i) => ({ h: tf.gather(s.h, i), c: tf.gather(s.c, i) }),
    reorderMemory: (m, i) => ({ states: tf.gather(m.states, i), mask: tf.gather(m.mask, i), summary: tf.gather(m.summary, i) }),
    forward: (targetIn, enc, options = {}) => {
      seenDecodeOptions.push(options);
      return tf.tidy(() => {
        let s: LstmState = { h: enc.summary, c: tf.zerosLike(enc.summary) };
        const logits: tf.Tensor2D[] = [];
        for (const prev of tf.unstack(targetIn, 1) as tf.Tensor1D[]) {
          const r = stepLogits(prev, s);
          logits.push(r.logits);
          s = r.state;
        }
        return { logits: tf.stack(logits, 1) as tf.Tensor3D };
      });
    },
    config: () => config,
  };
}

export function registerTinyModel(): void {
  if (!encoders.has('tiny-mean')) encoders.register('tiny-mean', tinyEncoder);
  if (!decoders.has('tiny-lstm')) decoders.register('tiny-lstm', tinyDecoder);
}

export const tinyConfig = (vocabSize = 12, dim = 8) => ({
  encoder: { kind: 'tiny-mean', config: { vocabSize, dim } },
  decoder: { kind: 'tiny-lstm', config: { vocabSize, dim } },
});

export function tinyModel(seed = 7, vocabSize = 12, dim = 8): Seq2Seq<TinyBatch> {
  registerTinyModel();
  return buildModel<TinyBatch>(tinyConfig(vocabSize, dim), { seed });
}

export type Pair = { src: number[]; tgt: number[] };
export const SOS = 1;
export const EOS = 2;

/** Copy task: target = source; tokens 3..vocab-1, lengths 2..5. */
export function copyPairs(n: number, seed: number, vocabSize = 12): Pair[] {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const len = 2 + Math.floor(rand() * 4);
    const src = Array.from({ length: len }, () => 3 + Math.floor(rand() * (vocabSize - 3)));
    return { src, tgt: [...src] };
  });
}

/** Pads a group of pairs into a TrainBatch (right padding with 0). */
export function makeBatch(pairs: Pair[]): TrainBatch<TinyBatch> {
  const s = Math.max(...pairs.map((p) => p.src.length));
  const t = Math.max(...pairs.map((p) => p.tgt.length)) + 1;
  const pad = (xs: number[], n: number) => [...xs, ...new Array<number>(n - xs.length).fill(0)];
  const ids = tf.tensor2d(pairs.map((p) => pad(p.src, s)), undefined, 'int32');
  const mask = tf.tensor2d(pairs.map((p) => pad(p.src.map(() => 1), s)));
  const targetIn = tf.tensor2d(pairs.map((p) => pad([SOS, ...p.tgt], t)), undefined, 'int32');
  const targetOut = tf.tensor2d(pairs.map((p) => pad([...p.tgt, EOS], t)), undefined, 'int32');
  const targetMask = tf.tensor2d(pairs.map((p) => pad([...p.tgt, EOS].map(() => 1), t)));
  const all = [ids, mask, targetIn, targetOut, targetMask];
  return {
    input: { ids, mask },
    target: { targetIn, targetOut, targetMask },
    numTargetTokens: pairs.reduce((n, p) => n + p.tgt.length + 1, 0),
    dispose: () => tf.dispose(all),
  };
}

/** Max |a - b| over all variables of two models with the same names. */
export function maxWeightDiff(a: Seq2Seq<TinyBatch>, b: Seq2Seq<TinyBatch>): number {
  const bv = new Map(b.store.entries());
  let max = 0;
  for (const [name, v] of a.store.entries()) {
    const w = bv.get(name);
    if (!w) throw new Error(`no ${name}`);
    max = Math.max(max, tf.tidy(() => tf.max(tf.abs(tf.sub(v, w))).dataSync()[0] as number));
  }
  return max;
}

/**
 * The resumable copy-task run the training tests share: 64 pairs, batches of 8 (24 updates in 3
 * epochs), `last/` every 5 updates, validation (teacher-forced loss on 16 pairs) every 4.
 * `onValidate` runs first in each validation (e.g. to look at the weights it sees).
 */
export function copyTaskOptions(model: Seq2Seq<TinyBatch>, outDir: string, onValidate?: () => void): TrainOptions<TinyBatch> {
  const data = copyPairs(64, 5);
  return {
    outDir,
    trainBatches: (ctx) => bucketBatches(data, { batchSize: 8, lengthOf: (p: Pair) => p.src.length, seed: ctx.seed }).map((g) => () => makeBatch(g)),
    maxEpochs: 3,
    learningRate: 0.03,
    warmupSteps: 3,
    decay: { kind: 'inverse-sqrt' },
    saveEvery: 5,
    validateEvery: 4,
    logEvery: 2,
    seed: 42,
    progress: false,
    validate: async () => {
      onValidate?.();
      const b = makeBatch(data.slice(0, 16));
      const l = model.loss(b.input, b.target);
      const metric = l.dataSync()[0]!;
      l.dispose();
      b.dispose();
      return { metric, higherIsBetter: false };
    },
  };
}
