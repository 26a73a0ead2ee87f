import * as tf from '@tensorflow/tfjs';
import type { Decoder, EncoderOutput, ForwardResult, StepResult } from '@seq2seq/core';

/**
 * A next-token distribution: either a full probability vector [V], or a sparse record
 * {token: probability} whose unlisted tokens share the remaining mass equally (0 if none is left).
 */
export type Distribution = Readonly<Record<number, number>> | readonly number[];

export interface ScriptedDecoderOptions {
  vocabSize: number;
  /**
   * One table per sentence: the output prefix so far (tokens joined by ' ', '' at the first step,
   * <sos> excluded) maps to the next-token distribution.
   */
  tables?: ReadonlyArray<Readonly<Record<string, Distribution>>>;
  /** Distribution where a table has no entry. Default: all mass on `eosId`. */
  fallback?: (sentence: number, prefix: readonly number[]) => Distribution;
  /** Used only by the default fallback. Default 2. */
  eosId?: number;
}

export type ScriptedMemory = {
  /** [B] int32 sentence number (index into `tables`) */
  sentence: tf.Tensor1D;
};

export type ScriptedState = {
  /** [B, t] int32 tokens fed so far, <sos> first */
  fed: tf.Tensor2D;
};

/**
 * A Decoder whose log-probabilities are scripted per output prefix, so search results can be worked
 * out by hand. Attention [B, V] is one-hot at the token fed this step (S = vocabSize), which lets tests
 * check that attention rows follow their hypothesis. Counts its calls for early-stop tests.
 */
export class ScriptedDecoder implements Decoder<ScriptedState, ScriptedMemory> {
  readonly kind = 'scripted';
  readonly inputDim = 1;
  readonly vocabSize: number;
  /** Number of `step` calls and the total of their batch sizes. */
  stepCalls = 0;
  rowsStepped = 0;
  private readonly options: ScriptedDecoderOptions;

  constructor(options: ScriptedDecoderOptions) {
    this.options = options;
    this.vocabSize = options.vocabSize;
  }

  /** Memory for the given sentence numbers. */
  memory(sentences: readonly number[]): ScriptedMemory {
    return { sentence: tf.tensor1d(sentences as number[], 'int32') };
  }

  prepare(enc: EncoderOutput): ScriptedMemory {
    return { sentence: tf.range(0, enc.states.shape[0], 1, 'int32') as tf.Tensor1D };
  }

  initState(memory: ScriptedMemory): ScriptedState {
    return { fed: tf.zeros([memory.sentence.shape[0], 0], 'int32') };
  }

  step(prevTokens: tf.Tensor1D, state: ScriptedState, memory: ScriptedMemory): StepResult<ScriptedState> {
    const b = prevTokens.shape[0];
    if (state.fed.shape[0] !== b || memory.sentence.shape[0] !== b) {
      throw new Error(`scripted decoder: batch mismatch tokens ${b}, state ${state.fed.shape[0]}, memory ${memory.sentence.shape[0]}`);
    }
    this.stepCalls++;
    this.rowsStepped += b;
    return tf.tidy(() => {
      const fed = tf.concat([state.fed, tf.reshape(tf.cast(prevTokens, 'int32'), [b, 1])], 1) as tf.Tensor2D;
      const rows = fed.arraySync();
      const sentences = memory.sentence.arraySync();
      const v = this.vocabSize;
      const lp = new Float32Array(b * v);
      rows.forEach((row, i) => {
        const probs = this.probabilities(sentences[i] as number, row.slice(1));
        for (let j = 0; j < v; j++) lp[i * v + j] = Math.log(probs[j] as number);
      });
      const logProbs = tf.tensor2d(lp, [b, v]);
      const attention = tf.oneHot(tf.cast(prevTokens, 'int32'), v).toFloat() as tf.Tensor2D;
      return { logProbs, state: { fed }, attention };
    });
  }

  reorderState(state: ScriptedState, index: tf.Tensor1D): ScriptedState {
    return { fed: tf.gather(state.fed, index) };
  }

  reorderMemory(memory: ScriptedMemory, index: tf.Tensor1D): ScriptedMemory {
    return { sentence: tf.gather(memory.sentence, index) };
  }

  forward(targetIn: tf.Tensor2D, memory: ScriptedMemory): ForwardResult {
    return tf.tidy(() => {
      let state = this.initState(memory);
      const logits: tf.Tensor2D[] = [];
      const attention: tf.Tensor2D[] = [];
      for (const tokens of tf.unstack(targetIn, 1) as tf.Tensor1D[]) {
        const out = this.step(tokens, state, memory);
        state = out.state;
        logits.push(out.logProbs);
        if (out.attention) attention.push(out.attention);
      }
      return { logits: tf.stack(logits, 1) as tf.Tensor3D, attention: tf.stack(attention, 1) as tf.Tensor3D };
    });
  }

  config(): { vocabSize: number } {
    return { vocabSize: this.vocabSize };
  }

  /** The scripted probability vector [V] after `prefix` for `sentence`. */
  probabilities(sentence: number, prefix: readonly number[]): number[] {
    const entry = this.options.tables?.[sentence]?.[prefix.join(' ')];
    const dist = entry ?? this.options.fallback?.(sentence, prefix) ?? { [this.options.eosId ?? 2]: 1 };
    return toVector(dist, this.vocabSize);
  }
}

function toVector(dist: Distribution, v: number): number[] {
  if (Array.isArray(dist)) {
    if (dist.length !== v) throw new Error(`distribution has ${dist.length} entries, vocabulary ${v}`);
    return [...(dist as readonly number[])];
  }
  const listed = Object.entries(dist).map(([k, p]) => [Number(k), p] as const);
  const mass = listed.reduce((s, [, p]) => s + p, 0);
  if (mass > 1 + 1e-9) throw new Error(`distribution sums to ${mass} > 1`);
  const rest = v - listed.length;
  // Treat rounding noise (0.7 + 0.2 + 0.1 != 1) as no mass left, so unlisted tokens stay impossible.
  const left = 1 - mass < 1e-9 ? 0 : 1 - mass;
  const share = rest > 0 ? left / rest : 0;
  const out = new Array<number>(v).fill(share);
  for (const [k, p] of listed) out[k] = p;
  return out;
}
