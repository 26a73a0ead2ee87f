// Test-only fixtures: a seeded fake EncoderOutput and small decoders. Not exported from the package.
import * as tf from '@tensorflow/tfjs';
import { encoderOutput, ParamStore, type EncoderOutput } from '@seq2seq/core';
import { ATTENTION_TYPES as ALL_ATTENTION_TYPES, type AttentionType, type LstmDecoderConfig } from './config.js';
import { LstmDecoder } from './decoder.js';
import type { LstmDecoderMemory } from './state.js';

export const V = 11;
export const D = 6;

/**
 * Encoder output [B, S, D] with right padding: row i has lengths[i] real positions. Its
 * sourceTokens [B, S] are seeded ids in [-1, V) at real positions (some -1: not in the target
 * vocabulary) and -1 at padding, unless given.
 */
export function fakeEncoderOutput(lengths: number[], s: number, seed = 3, d = D, sourceTokens?: number[][]): EncoderOutput {
  return tf.tidy(() => {
    const states = tf.randomNormal([lengths.length, s, d], 0, 1, 'float32', seed) as tf.Tensor3D;
    const mask = tf.tensor2d(lengths.map((n) => Array.from({ length: s }, (_, j) => (j < n ? 1 : 0))));
    const summary = tf.randomNormal([lengths.length, d], 0, 1, 'float32', seed + 1) as tf.Tensor2D;
    const ids = sourceTokens ?? lengths.map((n, i) => Array.from({ length: s }, (_, j) => (j < n ? ((seed * 7 + i * 5 + j * 3) % (V + 1)) - 1 : -1)));
    return encoderOutput({ states, mask, summary, sourceTokens: tf.tensor2d(ids, [lengths.length, s], 'int32') });
  });
}

/** A decoder in a fresh store (its variables are created outside the leak checks; store.dispose() frees them). */
export function makeDecoder(overrides: Partial<LstmDecoderConfig> = {}, seed = 5): { decoder: LstmDecoder; store: ParamStore } {
  const store = ParamStore.create(seed);
  const decoder = new LstmDecoder({ vocabSize: V, inputDim: D, embeddingDim: 5, units: 6, dropout: 0, ...overrides }, store.scope('decoder'));
  return { decoder, store };
}

// The decoder's own list, as a mutable array for it.each.
export const ATTENTION_TYPES: AttentionType[] = [...ALL_ATTENTION_TYPES];

/** targetIn [B, T] int32, seeded, tokens in [0, V). */
export function randomTokens(b: number, t: number, seed: number): tf.Tensor2D {
  return tf.tidy(() => tf.randomUniform([b, t], 0, V, 'int32', seed) as tf.Tensor2D);
}

export function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] as number);
}

/** [B, T, V] log-probs of a step loop fed its own argmax after the first gold token (scheduled sampling at probability 1). */
export function greedyStepLoop(decoder: LstmDecoder, targetIn: tf.Tensor2D, memory: LstmDecoderMemory): tf.Tensor3D {
  return tf.tidy(() => {
    let state = decoder.initState(memory);
    let prev = tf.unstack(targetIn, 1)[0] as tf.Tensor1D;
    const lps: tf.Tensor2D[] = [];
    for (let t = 0; t < targetIn.shape[1]; t++) {
      const r = decoder.step(prev, state, memory);
      state = r.state;
      lps.push(r.logProbs);
      prev = tf.argMax(r.logProbs, 1).toInt() as tf.Tensor1D;
    }
    return tf.stack(lps, 1) as tf.Tensor3D;
  });
}
