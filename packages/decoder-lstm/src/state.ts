import * as tf from '@tensorflow/tfjs';
import { dense, type EncoderOutput } from '@seq2seq/core';
import { attentionKeys } from './attention.js';
import type { ResolvedLstmDecoderConfig } from './config.js';
import { copyIds } from './copy.js';
import { feedsAttention, type DecoderParams } from './params.js';

/** The decoder's per-step state; search keeps it opaque and only asks to reorder it. */
export type LstmDecoderState = {
  /** per layer [B, H] */
  h: tf.Tensor2D[];
  /** per layer [B, H] */
  c: tf.Tensor2D[];
  /** [B, H] previous attentional vector (input feeding only) */
  feed?: tf.Tensor2D;
};

/** What `prepare` derives once per encoder output. All tensors are owned by the memory. */
export type LstmDecoderMemory = {
  /** [B, S, D] */
  states: tf.Tensor3D;
  /** [B, S] float32, 1 = real */
  mask: tf.Tensor2D;
  /** [B, D] */
  summary: tf.Tensor2D;
  /** [B, S, H] attention keys: W_a·s (general) or U·s + b (additive) */
  keys?: tf.Tensor3D;
  /** [B, 4H] summary·W_s, added to layer 0's input projection at every step (feedSummary) */
  summaryInput?: tf.Tensor2D;
  /** [B, S] int32 source tokens' target-vocabulary ids, V where it has none (copy only) */
  copyIds?: tf.Tensor2D;
};

export function prepareMemory(enc: EncoderOutput, p: DecoderParams): LstmDecoderMemory {
  return tf.tidy(() => {
    // Clones share data but give the memory its own handles, so disposing it never frees enc.
    const memory: LstmDecoderMemory = {
      states: tf.clone(enc.states),
      mask: enc.mask.dtype === 'float32' ? tf.clone(enc.mask) : (tf.cast(enc.mask, 'float32') as tf.Tensor2D),
      summary: tf.clone(enc.summary),
    };
    const keys = attentionKeys(enc.states, p.attention);
    if (keys) memory.keys = keys;
    if (p.summaryKernel) memory.summaryInput = tf.matMul(enc.summary, p.summaryKernel as tf.Tensor2D) as tf.Tensor2D;
    if (p.copyGate) memory.copyIds = copyIds(enc, p.embedding.shape[0] as number);
    return memory;
  });
}

export function initialState(memory: LstmDecoderMemory, p: DecoderParams, c: ResolvedLstmDecoderConfig): LstmDecoderState {
  return tf.tidy(() => {
    const b = memory.summary.shape[0];
    const zeros = () => tf.zeros([b, c.units]) as tf.Tensor2D;
    let h: tf.Tensor2D[];
    let cell: tf.Tensor2D[];
    if (p.bridge) {
      const parts = tf.split(tf.tanh(dense(memory.summary, p.bridge)), 2 * c.layers, 1) as tf.Tensor2D[];
      h = parts.filter((_, i) => i % 2 === 0);
      cell = parts.filter((_, i) => i % 2 === 1);
    } else {
      h = Array.from({ length: c.layers }, zeros);
      cell = Array.from({ length: c.layers }, zeros);
    }
    const state: LstmDecoderState = { h, c: cell };
    if (feedsAttention(c)) state.feed = zeros();
    return state;
  });
}

export function gatherState(state: LstmDecoderState, index: tf.Tensor1D): LstmDecoderState {
  return tf.tidy(() => {
    const out: LstmDecoderState = {
      h: state.h.map((x) => tf.gather(x, index)),
      c: state.c.map((x) => tf.gather(x, index)),
    };
    if (state.feed) out.feed = tf.gather(state.feed, index);
    return out;
  });
}

export function gatherMemory(memory: LstmDecoderMemory, index: tf.Tensor1D): LstmDecoderMemory {
  return tf.tidy(() => {
    const out: LstmDecoderMemory = {
      states: tf.gather(memory.states, index),
      mask: tf.gather(memory.mask, index),
      summary: tf.gather(memory.summary, index),
    };
    if (memory.keys) out.keys = tf.gather(memory.keys, index);
    if (memory.summaryInput) out.summaryInput = tf.gather(memory.summaryInput, index);
    if (memory.copyIds) out.copyIds = tf.gather(memory.copyIds, index);
    return out;
  });
}
