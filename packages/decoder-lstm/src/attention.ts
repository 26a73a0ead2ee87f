import * as tf from '@tensorflow/tfjs';
import { ATTEND_KERNEL, attendFused, createDense, dense, fusable, type DenseParams, type ParamStore } from '@seq2seq/core';
import type { AttentionType } from './config.js';

/** Luong dot/general and Bahdanau additive attention; 'none' has no parameters. */
export type AttentionParams =
  | { type: 'none' }
  | { type: 'dot' }
  /** score = h · (W_a s); W_a [D, H] without bias, as in Luong et al. 2015 */
  | { type: 'general'; key: DenseParams }
  /** score = v · tanh(U s + b + W h); U [D, A], W [H, A], v [A, 1], A = H */
  | { type: 'additive'; key: DenseParams; query: DenseParams; v: tf.Variable };

export function createAttention(store: ParamStore, type: AttentionType, inputDim: number, units: number): AttentionParams {
  const s = store.scope('attention');
  switch (type) {
    case 'none':
    case 'dot':
      return { type };
    case 'general':
      return { type, key: createDense(s, 'key', inputDim, units, false) };
    case 'additive':
      return {
        type,
        key: createDense(s, 'key', inputDim, units),
        query: createDense(s, 'query', units, units, false),
        v: s.variable('v', [units, 1], { kind: 'glorot' }),
      };
  }
}

/** Per-sentence keys, computed once in `prepare`: [B, S, H] (general) or [B, S, A] (additive). */
export function attentionKeys(states: tf.Tensor3D, p: AttentionParams): tf.Tensor3D | undefined {
  return p.type === 'general' || p.type === 'additive' ? (dense(states, p.key) as tf.Tensor3D) : undefined;
}

export type AttentionInputs = {
  /** [B, S, D] */
  states: tf.Tensor3D;
  /** [B, S] 1 = real */
  mask: tf.Tensor2D;
  /** [B, S, K] from attentionKeys (absent for dot) */
  keys?: tf.Tensor3D;
};

/**
 * Attention for T queries at once: query [B, T, H] -> weights [B, T, S], context [B, T, D].
 * A single step is T = 1, so step and forward share this code.
 */
export function attend(query: tf.Tensor3D, mem: AttentionInputs, p: AttentionParams): { weights: tf.Tensor3D; context: tf.Tensor3D } {
  return tf.tidy(() => {
    const [b, t] = query.shape;
    const keys = p.type === 'general' ? mem.keys : p.type === 'dot' ? mem.states : undefined;
    // One decoding step (no tape, small batch): a single fused kernel instead of ~10 dispatches.
    if (t === 1 && keys && mem.mask.dtype === 'float32' && fusable(ATTEND_KERNEL, b * keys.shape[1] * (keys.shape[2] + mem.states.shape[2]))) {
      const r = attendFused(query.reshape([b, -1]) as tf.Tensor2D, keys, mem.states, mem.mask);
      return { weights: r.weights.expandDims(1) as tf.Tensor3D, context: r.context.expandDims(1) as tf.Tensor3D };
    }
    const scores = attentionScores(query, mem, p);
    const weights = maskedSoftmax(scores, mem.mask);
    const context = tf.matMul(weights, mem.states) as tf.Tensor3D;
    return { weights, context };
  });
}

/** [B, T, S] unnormalised scores */
function attentionScores(query: tf.Tensor3D, mem: AttentionInputs, p: AttentionParams): tf.Tensor3D {
  switch (p.type) {
    case 'none':
      throw new Error('attention scores requested with attention none');
    case 'dot':
      return tf.matMul(query, mem.states, false, true);
    case 'general':
      return tf.matMul(query, requireKeys(mem), false, true);
    case 'additive': {
      const [b, t] = query.shape;
      const keys = requireKeys(mem);
      const s = keys.shape[1];
      const a = keys.shape[2];
      const q = dense(query, p.query) as tf.Tensor3D; // [B, T, A]
      // [B, T, 1, A] + [B, 1, S, A]: all T steps in one broadcast, one matMul with v.
      const hidden = tf.tanh(tf.add(q.expandDims(2), keys.expandDims(1)));
      return tf.matMul(hidden.reshape([b * t * s, a]), p.v as tf.Tensor2D).reshape([b, t, s]);
    }
  }
}

function requireKeys(mem: AttentionInputs): tf.Tensor3D {
  if (!mem.keys) throw new Error('attention keys missing from decoder memory (was it built by prepare()?)');
  return mem.keys;
}

/**
 * Softmax over the last axis of scores [B, T, S] where mask [B, S] is 1. Padded positions get
 * exactly 0 (a -1e9 offset underflows exp to 0, and the product with the mask makes rows with no
 * real position all zero instead of uniform over padding).
 */
export function maskedSoftmax(scores: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => {
    const m = mask.expandDims(1); // [B, 1, S]
    const offset = tf.mul(tf.sub(m, 1), 1e9);
    return tf.mul(tf.softmax(tf.add(scores, offset)), m) as tf.Tensor3D;
  });
}
