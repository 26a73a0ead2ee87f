import * as tf from '@tensorflow/tfjs';
import { lstmLayer } from '../src/nn/lstm-layer.js';
import { ATTEND_KERNEL, attendFused, fusable, createDense, lstmInputProjection, createEmbedding, createRnn, dense, embed, lstmStep, maskedCrossEntropy, ParamStore, runRnn, type DenseParams, type LstmParams, type RnnParams } from '../src/index.js';
import type { BenchModel } from './case.js';

/** The reference model: LSTM encoder-decoder with Luong (general) attention, no input feeding. */
export interface ReferenceConfig {
  vocab: number;
  emb: number;
  hidden: number;
  batch: number;
  srcLen: number;
  tgtLen: number;
}

export const REFERENCE: ReferenceConfig = { vocab: 1000, emb: 128, hidden: 256, batch: 64, srcLen: 20, tgtLen: 20 };

type Memory = {
  /** [B, S, H] */ states: tf.Tensor3D;
  /** [B, S, H] states·Wa (Luong general score, projected once per sentence) */ keys: tf.Tensor3D;
  /** [B, S] 0 real, -1e9 padding */ bias: tf.Tensor2D;
  /** [B, S] 1 real, 0 padding */ mask: tf.Tensor2D;
};

export function buildReference(cfg: ReferenceConfig = REFERENCE, seed = 7): BenchModel {
  const { vocab: V, emb: E, hidden: H, batch: B, srcLen: S, tgtLen: T } = cfg;
  const store = ParamStore.create(seed);
  const srcEmb = createEmbedding(store, 'src_emb', V, E);
  const tgtEmb = createEmbedding(store, 'tgt_emb', V, E);
  const enc: RnnParams = createRnn(store, 'enc', 'lstm', E, H);
  const dec = createRnn(store, 'dec', 'lstm', E, H) as { cell: 'lstm'; p: LstmParams };
  const wa = createDense(store, 'attn_wa', H, H, false);
  const wc = createDense(store, 'attn_wc', 2 * H, H, false);
  const out = createDense(store, 'out', H, V);
  const opt = tf.train.adam(1e-3);
  const vars = store.trainable().map(([, v]) => v);

  let rng = seed;
  const ids = (b: number, n: number) => {
    const a = new Int32Array(b * n);
    for (let i = 0; i < a.length; i++) a[i] = 3 + ((rng = (rng * 1103515245 + 12345) >>> 0) % (V - 3));
    return tf.tensor2d(a, [b, n], 'int32');
  };
  const src = ids(B, S);
  const tgtIn = ids(B, T);
  const tgtOut = ids(B, T);
  const srcMask = tf.ones([B, S]) as tf.Tensor2D;
  const tgtMask = tf.ones([B, T]) as tf.Tensor2D;

  const encode = (s: tf.Tensor2D, m: tf.Tensor2D) =>
    tf.tidy(() => {
      const r = runRnn(embed(srcEmb, s) as tf.Tensor3D, m, enc);
      const keys = dense(r.outputs, wa) as tf.Tensor3D;
      const bias = tf.mul(tf.sub(1, m), -1e9) as tf.Tensor2D;
      return { mem: { states: r.outputs, keys, bias, mask: tf.cast(m, 'float32') } as Memory, h: r.h, c: r.c };
    });

  const lossFn = () =>
    tf.tidy(() => {
      const e = encode(src, srcMask);
      // Decoder LSTM over the whole target (no input feeding), attention batched over all steps.
      const d = lstmLayer(lstmInputProjection(embed(tgtEmb, tgtIn) as tf.Tensor3D, dec.p), dec.p.recurrent as tf.Tensor2D, tgtMask, false, { h: e.h, c: e.c }).outputs;
      const scores = tf.add(tf.matMul(d, e.mem.keys, false, true), e.mem.bias.expandDims(1));
      const ctx = tf.matMul(tf.softmax(scores), e.mem.states);
      const att = tf.tanh(dense(tf.concat([ctx, d], 2), wc));
      const logits = dense(att, out) as tf.Tensor3D;
      return maskedCrossEntropy(logits, tgtOut, tgtMask);
    });

  // Inference caches the decoder's input projection per vocabulary entry: one gather per step.
  let table: tf.Tensor2D | undefined;
  const xTable = () => (table ??= tf.keep(tf.tidy(() => tf.add(tf.matMul(tgtEmb, dec.p.kernel), dec.p.bias) as tf.Tensor2D)));

  /** One decoder step for inference: prev [N] int32 -> logits [N, V]. */
  const step = (prev: tf.Tensor1D, st: { h: tf.Tensor2D; c: tf.Tensor2D }, mem: Memory) =>
    tf.tidy(() => {
      const next = lstmStep(tf.gather(xTable(), prev), st, dec.p);
      const [n, s, h] = mem.keys.shape;
      // The decoder's path: one fused kernel for small batches (latency), batched ops otherwise.
      const ctx = fusable(ATTEND_KERNEL, n * s * 2 * h)
        ? attendFused(next.h, mem.keys, mem.states, mem.mask).context
        : tf.sum(tf.mul(mem.states, tf.softmax(tf.add(tf.sum(tf.mul(mem.keys, next.h.expandDims(1)), 2), mem.bias)).expandDims(2)), 1);
      const att = tf.tanh(dense(tf.concat([ctx, next.h], 1), wc));
      return { logits: dense(att, out) as tf.Tensor2D, h: next.h, c: next.c };
    });

  const flopsFwd = 2 * B * S * E * 4 * H + 2 * B * S * H * 4 * H + 2 * B * T * E * 4 * H + 2 * B * T * H * 4 * H + 2 * B * S * H * H + 4 * B * T * S * H + 2 * B * T * 2 * H * H + 2 * B * T * H * V;

  return {
    name: 'reference',
    tokensPerStep: B * T,
    flopsPerStep: 3 * flopsFwd,
    async trainStep() {
      table?.dispose();
      table = undefined;
      const cost = opt.minimize(lossFn, true, vars);
      await cost!.data();
      cost!.dispose();
    },
    async greedy(batch: number, steps: number) {
      const s = batch === B ? src : tf.slice(src, [0, 0], [batch, S]);
      const m = batch === B ? srcMask : tf.slice(srcMask, [0, 0], [batch, S]);
      const e = encode(s as tf.Tensor2D, m as tf.Tensor2D);
      let st = { h: e.h, c: e.c };
      let prev = tf.fill([batch], 1, 'int32') as tf.Tensor1D;
      const toks: tf.Tensor1D[] = [];
      for (let i = 0; i < steps; i++) {
        const r = step(prev, st, e.mem);
        const nextTok = tf.argMax(r.logits, 1) as tf.Tensor1D;
        r.logits.dispose();
        tf.dispose(st);
        st = { h: r.h, c: r.c };
        toks.push(nextTok);
        prev = nextTok;
      }
      // [steps * batch], step-major: one concat (tf.stack would add a reshape per step).
      const all = tf.concat(toks);
      await all.data();
      tf.dispose([all, toks, st, e.mem]);
      if (s !== src) tf.dispose([s, m]);
      return batch * steps;
    },
    async beam(batch: number, k: number, steps: number) {
      const { beamSearch } = await import('./beam.js');
      const s = tf.slice(src, [0, 0], [batch, S]) as tf.Tensor2D;
      const m = tf.slice(srcMask, [0, 0], [batch, S]) as tf.Tensor2D;
      const e = encode(s, m);
      await beamSearch({ batch, k, steps, vocab: V, mem: e.mem, h: e.h, c: e.c, step });
      tf.dispose([e.mem, e.h, e.c, s, m]);
      return batch;
    },
    dispose() {
      table?.dispose();
      store.dispose();
      opt.dispose();
      tf.dispose([src, tgtIn, tgtOut, srcMask, tgtMask]);
    },
  };
}

export type { DenseParams };
