import * as tf from '@tensorflow/tfjs';
import type { JsonObject } from './json.js';
import type { ParamStore } from './params.js';

/**
 * What every encoder hands to every decoder: one named, batch-major record with an explicit mask.
 * Never a tuple, so image and audio encoders fit the same slot as text encoders.
 * Build it with `encoderOutput()`, which checks shapes and fills in mask and summary.
 */
// A `type`, not an `interface`, so it is a tf.TensorContainer (tf.tidy can return it). The same
// goes for decoder State and Memory types.
export type EncoderOutput = {
  /** [B, S, D] what attention reads */
  readonly states: tf.Tensor3D;
  /** [B, S] 1 = real position, 0 = padding (all ones for images) */
  readonly mask: tf.Tensor2D;
  /** [B, D] fixed-length context vector (final RNN state, pooled features, ...) */
  readonly summary: tf.Tensor2D;
  /**
   * [B, S] int32, optional: for each source position the id of the same piece in the *target*
   * vocabulary, or -1 where the target vocabulary lacks it (and at padding). Lets a decoder copy
   * source tokens (pointer-generator); encoders whose inputs are not tokens leave it out.
   */
  readonly sourceTokens?: tf.Tensor2D;
};

export interface EncodeOptions {
  /** Enables dropout and other training-only behaviour. Default false. */
  training?: boolean;
  /** Seed for this call's dropout, so a resumed run repeats it exactly. */
  seed?: number;
}

/**
 * An encoder turns a prepared batch (token ids, pixels, audio features: see each front end) into an
 * EncoderOutput. Raw-input preparation is a separate front-end step.
 */
export interface Encoder<Batch> {
  /** Registry key, stored in checkpoints. */
  readonly kind: string;
  /** D of EncoderOutput.states and .summary */
  readonly outputDim: number;
  encode(batch: Batch, options?: EncodeOptions): EncoderOutput;
  /** Loads external assets (e.g. pretrained weights); `loadModel` awaits it. Optional. */
  load?(): Promise<unknown>;
  /** JSON config that, with the encoder registry, rebuilds this encoder. */
  config(): JsonObject;
}

export type StepResult<State extends tf.TensorContainer> = {
  /** [B, V] log-probabilities of the next token */
  logProbs: tf.Tensor2D;
  state: State;
  /** [B, S] attention weights over the source, if the decoder attends */
  attention?: tf.Tensor2D;
};

export type ForwardResult = {
  /** [B, T, V] unnormalised scores for each teacher-forced step */
  logits: tf.Tensor3D;
  /** [B, T, S] attention weights, if the decoder attends */
  attention?: tf.Tensor3D;
};

export interface DecodeOptions {
  training?: boolean;
  /** Scheduled sampling: probability of feeding the model's own previous prediction instead of the gold token (training only). Default 0. */
  samplingProbability?: number;
  /** Seed for this call's randomness (dropout, scheduled sampling), so a resumed run repeats it exactly. */
  seed?: number;
}

/**
 * A decoder over any EncoderOutput. State is explicit, immutable and a TensorContainer, so search
 * can keep it across `tf.tidy` scopes and dispose it, and never looks inside it: it only asks the
 * decoder to reorder it.
 *
 * `Memory` is what the decoder derives once per encoder output (e.g. attention keys projected once
 * per sentence instead of once per step); it defaults to the EncoderOutput itself.
 */
export interface Decoder<State extends tf.TensorContainer = tf.TensorContainer, Memory extends tf.TensorContainer = tf.TensorContainer> {
  readonly kind: string;
  /** D this decoder expects from the encoder */
  readonly inputDim: number;
  /** V */
  readonly vocabSize: number;
  /** Per-encoder-output precomputation (must be a pure function of enc and the weights). */
  prepare(enc: EncoderOutput): Memory;
  initState(memory: Memory): State;
  /** prevTokens [B] int32 */
  step(prevTokens: tf.Tensor1D, state: State, memory: Memory, options?: DecodeOptions): StepResult<State>;
  /** Gathers the batch rows of `state` at `index` ([B'] int32), e.g. to follow beams. */
  reorderState(state: State, index: tf.Tensor1D): State;
  /** Gathers the batch rows of memory (used to expand a batch to beams). */
  reorderMemory(memory: Memory, index: tf.Tensor1D): Memory;
  /** Teacher-forced pass over targetIn [B, T] int32; equals a loop of `step` (tested). */
  forward(targetIn: tf.Tensor2D, memory: Memory, options?: DecodeOptions): ForwardResult;
  config(): JsonObject;
}

/** Factory signatures held in the registries; `store` is already scoped for the component. */
export type EncoderFactory = (config: JsonObject, store: ParamStore) => Encoder<unknown>;
export type DecoderFactory = (config: JsonObject, store: ParamStore) => Decoder;

/**
 * The one helper that builds an EncoderOutput. Checks the shapes, makes a mask of ones when there is
 * none, and computes the summary as a masked mean of the states when the encoder has nothing better.
 * The returned tensors are new or the given ones; nothing is disposed.
 */
export function encoderOutput(parts: { states: tf.Tensor3D; mask?: tf.Tensor2D; summary?: tf.Tensor2D; sourceTokens?: tf.Tensor2D }): EncoderOutput {
  const { states } = parts;
  if (states.rank !== 3) throw new Error(`encoder states must be [B, S, D], got shape [${states.shape}]`);
  const [b, s, d] = states.shape;
  const { sourceTokens } = parts;
  if (sourceTokens && (sourceTokens.rank !== 2 || sourceTokens.shape[0] !== b || sourceTokens.shape[1] !== s || sourceTokens.dtype !== 'int32')) {
    throw new Error(`encoder sourceTokens must be [${b}, ${s}] int32, got [${sourceTokens.shape}] ${sourceTokens.dtype}`);
  }
  const mask = parts.mask ?? tf.ones([b, s]);
  if (mask.rank !== 2 || mask.shape[0] !== b || mask.shape[1] !== s) {
    throw new Error(`encoder mask must be [${b}, ${s}], got [${mask.shape}]`);
  }
  const summary = parts.summary ?? maskedMean(states, mask);
  if (summary.rank !== 2 || summary.shape[0] !== b || summary.shape[1] !== d) {
    throw new Error(`encoder summary must be [${b}, ${d}], got [${summary.shape}]`);
  }
  const out = { states, mask: mask.dtype === 'float32' ? mask : tf.cast(mask, 'float32'), summary };
  return sourceTokens ? { ...out, sourceTokens } : out;
}

/** [B, D] mean of states [B, S, D] over real positions of mask [B, S]. */
export function maskedMean(states: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const m = tf.cast(mask, 'float32').expandDims(2);
    const sum = tf.sum(tf.mul(states, m), 1);
    const count = tf.maximum(tf.sum(m, 1), 1);
    return tf.div(sum, count) as tf.Tensor2D;
  });
}

/** Gathers batch rows of an EncoderOutput (beam expansion, reordering). */
export function gatherEncoderOutput(enc: EncoderOutput, index: tf.Tensor1D): EncoderOutput {
  const out = {
    states: tf.gather(enc.states, index) as tf.Tensor3D,
    mask: tf.gather(enc.mask, index) as tf.Tensor2D,
    summary: tf.gather(enc.summary, index) as tf.Tensor2D,
  };
  return enc.sourceTokens ? { ...out, sourceTokens: tf.gather(enc.sourceTokens, index) as tf.Tensor2D } : out;
}
