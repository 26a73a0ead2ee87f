import * as tf from '@tensorflow/tfjs';
import type { OptimizerSpec } from '../checkpoint/format.js';
import { restoreInto } from '../checkpoint/restore.js';
import { ParamStore } from '../params.js';

export interface AdamOptions {
  /** Default 0.9. */
  beta1?: number;
  /** Default 0.999. */
  beta2?: number;
  /** Default 1e-8. */
  epsilon?: number;
}

/**
 * Adam over a ParamStore's trainable variables. Its own implementation (not tf.train.adam) so the
 * moments are named like the variables (`m/encoder/...`, `v/encoder/...`) and can be saved and
 * restored exactly with the checkpoint.
 */
export class Adam {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Updates applied (Adam's t). */
  step = 0;
  /** Holds the moments as variables named `m/<name>` and `v/<name>`. */
  private readonly moments = ParamStore.create();
  private readonly vars: [string, tf.Variable][];

  constructor(store: ParamStore, options: AdamOptions = {}) {
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    this.vars = store.trainable();
    // Created up front, so the tensor count is the same from the first step on.
    for (const [name, v] of this.vars) {
      this.moments.variable(`m/${name}`, v.shape, { kind: 'zeros' }, false);
      this.moments.variable(`v/${name}`, v.shape, { kind: 'zeros' }, false);
    }
  }

  /** One update with gradients by variable name (missing ones are left alone). */
  apply(grads: Map<string, tf.Tensor>, learningRate: number): void {
    this.step++;
    const b1 = this.beta1;
    const b2 = this.beta2;
    const c1 = 1 - b1 ** this.step;
    const c2 = 1 - b2 ** this.step;
    tf.tidy(() => {
      for (const [name, v] of this.vars) {
        const g = grads.get(name);
        if (!g) continue;
        const m = this.moments.get(`m/${name}`);
        const s = this.moments.get(`v/${name}`);
        m.assign(tf.add(tf.mul(m, b1), tf.mul(g, 1 - b1)));
        s.assign(tf.add(tf.mul(s, b2), tf.mul(tf.square(g), 1 - b2)));
        const update = tf.div(tf.div(m, c1), tf.add(tf.sqrt(tf.div(s, c2)), this.epsilon));
        v.assign(tf.sub(v, tf.mul(update, learningRate)));
      }
    });
  }

  /** Hyper-parameters and moments, in the shape saveCheckpoint takes (the tensors stay owned here). */
  state(): { spec: OptimizerSpec; tensors: Map<string, tf.Tensor> } {
    return {
      spec: { kind: 'adam', config: { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, step: this.step } },
      tensors: new Map<string, tf.Tensor>(this.moments.entries()),
    };
  }

  /** Restores what `state()` saved; every moment's name and shape must match the variables. */
  load(state: { spec: OptimizerSpec; tensors: Map<string, tf.Tensor> }): void {
    const { kind, config } = state.spec;
    if (kind !== 'adam') throw new Error(`optimizer state is '${kind}', expected 'adam'`);
    if (!Number.isInteger(config.step)) throw new Error('adam state has no integer step');
    restoreInto(this.moments, state.tensors, 'optimizer state');
    this.step = config.step as number;
  }

  dispose(): void {
    this.moments.dispose();
  }
}
