import * as tf from '@tensorflow/tfjs';
import { dense, deriveSeed, dropout, embed, lstmInputProjection, lstmLayer, lstmStep } from '@seq2seq/core';
import { attend } from './attention.js';
import type { DecoderParams } from './params.js';
import type { LstmDecoderMemory, LstmDecoderState } from './state.js';

/** Dropout settings of one call; `seed` (from DecodeOptions) makes its masks reproducible. */
export interface RunOptions {
  training: boolean;
  rate: number;
  seed: number | undefined;
}

// Dropout sites, so every site and step draws an independent mask from one call seed.
const SITE_EMBEDDING = 1;
const SITE_OUTPUT = 2;
const SITE_SAMPLING = 3;
const SITE_LAYER = 16;

export function seedAt(run: RunOptions, site: 'embedding' | 'output' | 'sampling' | number, t: number): number | undefined {
  if (run.seed === undefined) return undefined;
  const s = site === 'embedding' ? SITE_EMBEDDING : site === 'output' ? SITE_OUTPUT : site === 'sampling' ? SITE_SAMPLING : SITE_LAYER + site;
  return deriveSeed(run.seed, t, s);
}

const drop = (x: tf.Tensor, run: RunOptions, site: 'embedding' | 'output' | number, t: number) =>
  dropout(x, run.rate, run.training, seedAt(run, site, t));

/** prevTokens [B] -> embedded inputs [B, E] (after dropout); the copy gate reads them too. */
export function stepEmbedding(prev: tf.Tensor1D, p: DecoderParams, run: RunOptions, t: number): tf.Tensor2D {
  return tf.tidy(() => drop(embed(p.embedding, prev), run, 'embedding', t) as tf.Tensor2D);
}

/** Embedded inputs [B, E] -> layer 0's input projection [B, 4H] (embedding and summary parts). */
export function stepInput(e: tf.Tensor2D, p: DecoderParams, memory: LstmDecoderMemory): tf.Tensor2D {
  return tf.tidy(() => {
    const x = lstmInputProjection(e.expandDims(1) as tf.Tensor3D, p.layers[0]!).squeeze([1]) as tf.Tensor2D;
    return memory.summaryInput ? tf.add(x, memory.summaryInput) : x;
  });
}

/** targetIn [B, T] -> embedded inputs [B, T, E] (after dropout). */
export function sequenceEmbedding(targetIn: tf.Tensor2D, p: DecoderParams, run: RunOptions): tf.Tensor3D {
  return tf.tidy(() => drop(embed(p.embedding, targetIn), run, 'embedding', 0) as tf.Tensor3D);
}

/** Embedded inputs [B, T, E] -> layer 0's input projections of all steps [B, T, 4H] in one matMul. */
export function sequenceInput(e: tf.Tensor3D, p: DecoderParams, memory: LstmDecoderMemory): tf.Tensor3D {
  return tf.tidy(() => {
    const x = lstmInputProjection(e, p.layers[0]!);
    return memory.summaryInput ? tf.add(x, memory.summaryInput.expandDims(1)) : x;
  });
}

/**
 * One step of the stack from layer 0's input projection x0 [B, 4H] (without the fed-back part):
 * returns the attentional vector a [B, H], attention weights [B, S], context [B, D], the top
 * layer's h [B, H] (the last two for the copy gate) and the next state.
 */
export function cellStep(
  x0: tf.Tensor2D, state: LstmDecoderState, memory: LstmDecoderMemory, p: DecoderParams, run: RunOptions, t: number,
): CellStepResult {
  return tf.tidy(() => {
    let x = state.feed && p.feedKernel ? (tf.add(x0, tf.matMul(state.feed, p.feedKernel as tf.Tensor2D)) as tf.Tensor2D) : x0;
    const h: tf.Tensor2D[] = [];
    const c: tf.Tensor2D[] = [];
    p.layers.forEach((layer, l) => {
      if (l > 0) x = lstmInputProjection(drop(h[l - 1]!, run, l, t).expandDims(1) as tf.Tensor3D, layer).squeeze([1]);
      const next = lstmStep(x, { h: state.h[l]!, c: state.c[l]! }, layer);
      h.push(next.h);
      c.push(next.c);
    });
    const top = h[h.length - 1]!;
    const att = attentional(top.expandDims(1) as tf.Tensor3D, memory, p);
    const a = att.a.squeeze([1]) as tf.Tensor2D;
    const nextState: LstmDecoderState = { h, c };
    if (p.feedKernel) nextState.feed = a;
    const out: CellStepResult = { a, top: tf.clone(top), state: nextState };
    if (att.weights && att.context) {
      out.weights = att.weights.squeeze([1]) as tf.Tensor2D;
      out.context = att.context.squeeze([1]) as tf.Tensor2D;
    }
    return out;
  });
}

/** a, top [B, H]; weights [B, S] and context [B, D] with attention only. */
export type CellStepResult = { a: tf.Tensor2D; top: tf.Tensor2D; weights?: tf.Tensor2D; context?: tf.Tensor2D; state: LstmDecoderState };

/**
 * Runs the whole stack over all steps when nothing is fed back: proj0 [B, T, 4H] -> top h [B, T, H].
 * Each layer is core's lstmLayer, one custom-gradient op with a hand-written backward pass.
 */
export function runStack(proj0: tf.Tensor3D, state: LstmDecoderState, p: DecoderParams, run: RunOptions): tf.Tensor3D {
  return tf.tidy(() => {
    const [b, t] = proj0.shape;
    // Teacher-forced targets are not masked here: padded target steps are dropped by the loss.
    const all = tf.ones([b, t]) as tf.Tensor2D;
    let outputs = proj0; // replaced by layer 0's outputs before it is read
    p.layers.forEach((layer, l) => {
      const proj = l === 0 ? proj0 : lstmInputProjection(drop(outputs, run, l, 0) as tf.Tensor3D, layer);
      outputs = lstmLayer(proj, layer.recurrent as tf.Tensor2D, all, false, { h: state.h[l]!, c: state.c[l]! }).outputs;
    });
    return outputs;
  });
}

/** Top-layer outputs [B, T, H] -> attentional vectors tanh(W_c [c; h]) [B, T, H], weights [B, T, S], context [B, T, D]. */
export function attentional(top: tf.Tensor3D, memory: LstmDecoderMemory, p: DecoderParams): { a: tf.Tensor3D; weights?: tf.Tensor3D; context?: tf.Tensor3D } {
  if (p.attention.type === 'none' || !p.combine) return { a: top };
  const combine = p.combine;
  const attention = p.attention;
  return tf.tidy(() => {
    const { weights, context } = attend(top, memory, attention);
    const a = tf.tanh(dense(tf.concat([context, top], 2), combine)) as tf.Tensor3D;
    return { a, weights, context };
  });
}

/** Attentional vectors [..., H] -> logits [..., V] (one matMul over all leading positions). */
export function outputLogits(a: tf.Tensor, p: DecoderParams, run: RunOptions, t: number): tf.Tensor {
  return tf.tidy(() => {
    let x = drop(a, run, 'output', t);
    if (p.output) return dense(x, p.output);
    if (p.tiedProjection) x = dense(x, p.tiedProjection);
    const e = p.embedding.shape[1] as number;
    const v = p.embedding.shape[0] as number;
    const flat = tf.matMul(x.reshape([-1, e]) as tf.Tensor2D, p.embedding as tf.Tensor2D, false, true);
    return tf.add(flat, p.outputBias!).reshape([...x.shape.slice(0, -1), v]);
  });
}
