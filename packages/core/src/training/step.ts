import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../random.js';
import type { Seq2Seq } from '../seq2seq.js';
import type { Adam } from './adam.js';
import { clipByGlobalNorm } from './clip.js';
import type { TrainBatch, TrainDecodeOptions } from './types.js';

export interface StepOutcome {
  loss: number;
  gradNorm: number;
  /** False when loss or gradient norm was not finite: no update was made. */
  applied: boolean;
}

/**
 * One optimisation step: loss and gradients of all trainable variables, global-norm clipping, then
 * an Adam update unless anything is non-finite. All intermediate tensors are freed before returning.
 */
export async function trainStep<Batch>(
  model: Seq2Seq<Batch>,
  adam: Adam,
  batch: TrainBatch<Batch>,
  options: { learningRate: number; clipNorm: number; decode: TrainDecodeOptions },
): Promise<StepOutcome> {
  const vars = model.store.trainable();
  const out = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => model.loss(batch.input, batch.target, options.decode), vars.map(([, v]) => v));
    // variableGrads keys by tf.Variable.name; the store's names are what Adam and checkpoints use.
    const named: Record<string, tf.Tensor> = {};
    for (const [name, v] of vars) {
      const g = grads[v.name];
      if (g) named[name] = g;
    }
    const clipped = clipByGlobalNorm(named, options.clipNorm);
    return { loss: value, norm: clipped.norm, grads: clipped.grads };
  });
  try {
    const [loss, gradNorm] = await Promise.all([out.loss.data(), out.norm.data()]);
    const l = loss[0] as number;
    const n = gradNorm[0] as number;
    const applied = Number.isFinite(l) && Number.isFinite(n);
    if (applied) adam.apply(new Map(Object.entries(out.grads)), options.learningRate);
    return { loss: l, gradNorm: n, applied };
  } finally {
    tf.dispose(out);
  }
}

/** A seed derived from (base, index, salt): independent streams for epochs and steps. */
export function deriveSeed(base: number, index: number, salt: number): number {
  const rand = mulberry32((base ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca6b)) >>> 0);
  rand();
  return Math.floor(rand() * 2 ** 31);
}
