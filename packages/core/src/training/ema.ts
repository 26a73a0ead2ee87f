import * as tf from '@tensorflow/tfjs';
import { ParamStore } from '../params.js';

export interface EmaOptions {
  /**
   * Decay per update, e.g. 0.999 (averages over roughly the last 1/(1-decay) updates). Early on the
   * decay is min(decay, (1+t)/(10+t)), so the average does not remember the random initialisation.
   */
  decay: number;
}

/** Tensor names of the shadow weights inside a checkpoint's optimizer group. */
export const EMA_PREFIX = 'ema/';

/**
 * An exponential moving average of a store's trainable variables (Polyak averaging; OpenNMT's
 * `average_decay`, Marian's exponential smoothing). Validation and `best/` use the averaged weights,
 * which are smoother than the last update's: late in training the validation metric of the raw
 * weights jumps by a point or more between checks, and the average removes most of that noise.
 */
export class WeightAverage {
  readonly decay: number;
  private readonly shadows = ParamStore.create();
  private readonly vars: [string, tf.Variable][];
  private swapped = false;

  constructor(store: ParamStore, options: EmaOptions) {
    if (!(options.decay > 0 && options.decay < 1)) throw new Error(`ema decay must be in (0, 1), got ${options.decay}`);
    this.decay = options.decay;
    this.vars = store.trainable();
    for (const [name, v] of this.vars) this.shadows.variable(`${EMA_PREFIX}${name}`, v.shape, { kind: 'zeros' }, false).assign(v);
  }

  /** Moves the average towards the current weights; `step` is the number of updates done. */
  update(step: number): void {
    const d = Math.min(this.decay, (1 + step) / (10 + step));
    tf.tidy(() => {
      for (const [name, v] of this.vars) {
        const s = this.shadows.get(`${EMA_PREFIX}${name}`);
        s.assign(tf.sub(s, tf.mul(tf.sub(s, v), 1 - d)));
      }
    });
  }

  /** Restarts the average at the current weights. */
  reset(): void {
    for (const [name, v] of this.vars) this.shadows.get(`${EMA_PREFIX}${name}`).assign(v);
  }

  /** Runs `fn` with the averaged weights in the model, then puts the training weights back. */
  async withAveraged<T>(fn: () => Promise<T>): Promise<T> {
    if (this.swapped) return fn();
    this.swap();
    try {
      return await fn();
    } finally {
      this.swap();
    }
  }

  /** The shadow tensors by checkpoint name (`ema/<variable>`); they stay owned here. */
  tensors(): Map<string, tf.Tensor> {
    return new Map<string, tf.Tensor>(this.shadows.entries());
  }

  /** Restores shadows saved by `tensors()`; names and shapes must match exactly. */
  load(tensors: Map<string, tf.Tensor>): void {
    const mine = new Map(this.shadows.entries());
    const missing = [...mine.keys()].filter((k) => !tensors.has(k));
    const extra = [...tensors.keys()].filter((k) => !mine.has(k));
    if (missing.length || extra.length) {
      throw new Error(`weight average in checkpoint does not match the model (missing: ${missing.join(', ') || '-'}; extra: ${extra.join(', ') || '-'})`);
    }
    for (const [name, s] of mine) {
      const t = tensors.get(name)!;
      if (t.shape.join(',') !== s.shape.join(',')) throw new Error(`weight average '${name}': shape [${t.shape}] vs model [${s.shape}]`);
      s.assign(t);
    }
  }

  dispose(): void {
    this.shadows.dispose();
  }

  private swap(): void {
    for (const [name, v] of this.vars) {
      const s = this.shadows.get(`${EMA_PREFIX}${name}`);
      const tmp = v.clone();
      v.assign(s);
      s.assign(tmp);
      tmp.dispose();
    }
    this.swapped = !this.swapped;
  }
}
