import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from './random.js';

export type Initializer =
  | { kind: 'zeros' }
  | { kind: 'ones' }
  | { kind: 'constant'; value: number }
  | { kind: 'uniform'; scale: number }
  /** Glorot/Xavier uniform over the last two dims (fanIn = shape[0], fanOut = shape[last]). */
  | { kind: 'glorot' }
  | { kind: 'orthogonal' };

/**
 * The shapes a model being rebuilt from a checkpoint may have: every variable must be one of them
 * with exactly that shape, checked before it is allocated, so an edited config.json (a vocabulary
 * of 5,000,000) fails at once instead of allocating gigabytes first. `where` names the checkpoint.
 */
export interface ShapeGuard {
  shapes: ReadonlyMap<string, readonly number[]>;
  where: string;
}

/**
 * A named store of variables shared by a whole model. Encoders and decoders get a scoped view
 * (`store.scope('encoder')`) so names are hierarchical (`encoder/lstm0/kernel`) and a checkpoint is
 * just the map name -> tensor. Initialisation is seeded so runs are reproducible.
 */
export class ParamStore {
  private constructor(
    private readonly vars: Map<string, tf.Variable>,
    private readonly trainableNames: Set<string>,
    private readonly prefix: string,
    private readonly rng: { next: () => number },
    private readonly guard?: ShapeGuard,
  ) {}

  static create(seed = 1234, guard?: ShapeGuard): ParamStore {
    return new ParamStore(new Map(), new Set(), '', { next: mulberry32(seed) }, guard);
  }

  scope(name: string): ParamStore {
    return new ParamStore(this.vars, this.trainableNames, `${this.prefix}${name}/`, this.rng, this.guard);
  }

  /** Creates the variable `name` in this scope; throws if it already exists. */
  variable(name: string, shape: number[], init: Initializer, trainable = true): tf.Variable {
    const full = this.prefix + name;
    if (this.vars.has(full)) throw new Error(`variable '${full}' already exists`);
    if (this.guard) checkGuard(this.guard, full, shape);
    const value = tf.tidy(() => initialise(shape, init, this.rng.next()));
    const v = tf.variable(value, trainable, `${full}_${uniqueSuffix()}`);
    value.dispose();
    this.vars.set(full, v);
    if (trainable) this.trainableNames.add(full);
    return v;
  }

  get(name: string): tf.Variable {
    const v = this.vars.get(this.prefix + name);
    if (!v) throw new Error(`no variable '${this.prefix + name}'`);
    return v;
  }

  /** All variables under this scope, keyed by full name, in creation order. */
  entries(): [string, tf.Variable][] {
    return [...this.vars.entries()].filter(([k]) => k.startsWith(this.prefix));
  }

  trainable(): [string, tf.Variable][] {
    return this.entries().filter(([k]) => this.trainableNames.has(k));
  }

  setTrainable(name: string, trainable: boolean): void {
    const full = this.prefix + name;
    const v = this.vars.get(full);
    if (!v) throw new Error(`no variable '${full}'`);
    v.trainable = trainable;
    if (trainable) this.trainableNames.add(full);
    else this.trainableNames.delete(full);
  }

  numParams(): number {
    return this.entries().reduce((n, [, v]) => n + v.size, 0);
  }

  dispose(): void {
    for (const [k, v] of this.entries()) {
      v.dispose();
      this.vars.delete(k);
      this.trainableNames.delete(k);
    }
  }
}

function checkGuard(g: ShapeGuard, name: string, shape: readonly number[]): void {
  const want = g.shapes.get(name);
  if (!want) throw new Error(`${g.where}: the model built from config.json has a variable '${name}' that weights.json does not have (config.json does not match the weights)`);
  if (want.length !== shape.length || want.some((d, i) => d !== shape[i])) {
    throw new Error(`${g.where}: variable '${name}' would be [${shape}] by config.json but weights.json stores [${want}]; refusing to allocate a model that does not match its weights`);
  }
}

let counter = 0;
function uniqueSuffix(): number {
  return counter++;
}

function initialise(shape: number[], init: Initializer, seed: number): tf.Tensor {
  const s = Math.floor(seed * 2 ** 31);
  switch (init.kind) {
    case 'zeros':
      return tf.zeros(shape);
    case 'ones':
      return tf.ones(shape);
    case 'constant':
      return tf.fill(shape, init.value);
    case 'uniform':
      return tf.randomUniform(shape, -init.scale, init.scale, 'float32', s);
    case 'glorot': {
      const fanIn = shape.length > 1 ? shape.slice(0, -1).reduce((a, b) => a * b, 1) : shape[0] ?? 1;
      const fanOut = shape[shape.length - 1] ?? 1;
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      return tf.randomUniform(shape, -limit, limit, 'float32', s);
    }
    case 'orthogonal': {
      if (shape.length !== 2) throw new Error('orthogonal init needs a 2-D shape');
      const [r, c] = shape as [number, number];
      const n = Math.max(r, c);
      const a = tf.randomNormal([n, Math.min(r, c)], 0, 1, 'float32', s);
      const q = tf.linalg.qr(a)[0] as tf.Tensor2D; // [max(r,c), min(r,c)]
      return r >= c ? q : q.transpose();
    }
  }
}
