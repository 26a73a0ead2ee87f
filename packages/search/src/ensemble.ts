import * as tf from '@tensorflow/tfjs';
import type { Decoder, DecodeOptions, EncoderOutput, ForwardResult, JsonObject, StepResult } from '@seq2seq/core';

/** One memory per member, in member order. */
export type EnsembleMemory = tf.TensorContainer[];
/** One state per member, in member order. */
export type EnsembleState = tf.TensorContainer[];

export interface EnsembleOptions {
  /** Mixture weight per member (normalised to sum 1). Default: equal. */
  weights?: readonly number[];
}

/**
 * Several decoders over the same target vocabulary, decoded as one: the next-token distribution is
 * the weighted mean of the members' probabilities (a mixture, as in OpenNMT and fairseq ensembles),
 * returned as log-probabilities, so any search runs on it unchanged. Each member keeps its own
 * state and memory and is only asked to step and reorder them.
 *
 * Members usually have their own encoders, so `prepare` (one encoder output) does not apply: build
 * the memory with `members.map((m, i) => m.prepare(encoderOutputs[i]))` (see `ensembleMemory`).
 */
export class EnsembleDecoder implements Decoder<EnsembleState, EnsembleMemory> {
  readonly kind = 'ensemble';
  readonly inputDim: number;
  readonly vocabSize: number;
  private readonly logWeights: number[];

  constructor(
    readonly members: readonly Decoder[],
    options: EnsembleOptions = {},
  ) {
    const first = members[0];
    if (!first) throw new Error('EnsembleDecoder needs at least one member');
    const sizes = members.map((m) => m.vocabSize);
    if (sizes.some((v) => v !== first.vocabSize)) throw new Error(`ensemble members must share the target vocabulary; sizes are ${sizes.join(', ')}`);
    const w = options.weights ?? members.map(() => 1);
    if (w.length !== members.length || w.some((x) => !(x > 0))) throw new Error(`ensemble weights must be ${members.length} positive numbers, got [${w.join(', ')}]`);
    const total = w.reduce((s, x) => s + x, 0);
    this.logWeights = w.map((x) => Math.log(x / total));
    this.inputDim = first.inputDim;
    this.vocabSize = first.vocabSize;
  }

  prepare(_enc: EncoderOutput): EnsembleMemory {
    throw new Error('EnsembleDecoder.prepare: each member needs its own encoder output; use ensembleMemory(decoder, outputs)');
  }

  initState(memory: EnsembleMemory): EnsembleState {
    return this.members.map((m, i) => m.initState(this.part(memory, i)));
  }

  step(prevTokens: tf.Tensor1D, state: EnsembleState, memory: EnsembleMemory, options?: DecodeOptions): StepResult<EnsembleState> {
    const results = this.members.map((m, i) => m.step(prevTokens, this.part(state, i), this.part(memory, i), options));
    const logProbs = tf.tidy(() => this.mix(results.map((r) => r.logProbs), 1) as tf.Tensor2D);
    const attention = this.meanAttention(results.map((r) => r.attention));
    tf.dispose(results.map((r) => [r.logProbs, r.attention ?? []]));
    return { logProbs, state: results.map((r) => r.state), ...(attention ? { attention } : {}) };
  }

  reorderState(state: EnsembleState, index: tf.Tensor1D): EnsembleState {
    return this.members.map((m, i) => m.reorderState(this.part(state, i), index));
  }

  reorderMemory(memory: EnsembleMemory, index: tf.Tensor1D): EnsembleMemory {
    return this.members.map((m, i) => m.reorderMemory(this.part(memory, i), index));
  }

  /** Teacher-forced: logits are the mixture's log-probabilities [B, T, V]. */
  forward(targetIn: tf.Tensor2D, memory: EnsembleMemory, options?: DecodeOptions): ForwardResult {
    return tf.tidy(() => {
      const results = this.members.map((m, i) => m.forward(targetIn, this.part(memory, i), options));
      const logits = this.mix(results.map((r) => tf.logSoftmax(r.logits)), 2) as tf.Tensor3D;
      const attention = results.every((r) => r.attention && r.attention.shape.join() === results[0]!.attention!.shape.join())
        ? (tf.div(tf.addN(results.map((r) => r.attention!)), results.length) as tf.Tensor3D)
        : results[0]!.attention;
      return attention ? { logits, attention } : { logits };
    });
  }

  config(): JsonObject {
    return { members: this.members.map((m) => ({ kind: m.kind, config: m.config() })) };
  }

  /** log sum_i w_i p_i, from log-probabilities stacked on a new axis after `axis`. */
  private mix(logProbs: tf.Tensor[], lastAxis: number): tf.Tensor {
    const axis = lastAxis + 1;
    const x = tf.stack(logProbs.map((lp, i) => tf.add(lp, this.logWeights[i]!)), axis);
    // tf.logSumExp gives NaN where every member has probability 0 (-inf - -inf); keep it -inf.
    const max = tf.max(x, axis, true);
    const shift = tf.where(tf.isFinite(max), max, tf.zerosLike(max));
    return tf.squeeze(tf.add(tf.log(tf.sum(tf.exp(tf.sub(x, shift)), axis, true)), shift), [axis]);
  }

  /** Mean of the members' attention rows when all have them with one shape; else the first member's. */
  private meanAttention(rows: (tf.Tensor2D | undefined)[]): tf.Tensor2D | undefined {
    const first = rows[0];
    if (!first) return undefined;
    if (rows.every((r) => r && r.shape.join() === first.shape.join())) return tf.tidy(() => tf.div(tf.addN(rows as tf.Tensor2D[]), rows.length) as tf.Tensor2D);
    return tf.clone(first);
  }

  private part<T>(xs: readonly T[], i: number): T {
    const x = xs[i];
    if (x === undefined) throw new Error(`ensemble: no entry for member ${i} (got ${xs.length} for ${this.members.length} members)`);
    return x;
  }
}

/** The ensemble's memory: member i prepares encoder output i (the outputs stay owned by the caller). */
export function ensembleMemory(decoder: EnsembleDecoder, outputs: readonly EncoderOutput[]): EnsembleMemory {
  if (outputs.length !== decoder.members.length) throw new Error(`ensembleMemory: ${outputs.length} encoder outputs for ${decoder.members.length} members`);
  return decoder.members.map((m, i) => m.prepare(outputs[i]!));
}

/** What `decoderFor` needs of a model: its encoder pass and its decoder (a core Seq2Seq has both). */
export interface EncoderDecoder<Batch> {
  encode(batch: Batch): EncoderOutput;
  readonly decoder: Decoder;
}

/**
 * The decoder and memory to search with: for one (model, batch) pair the model's own decoder, for
 * several an `EnsembleDecoder` whose member i is pair i's decoder over pair i's batch (several
 * models on one batch, one model on several views of the same inputs, or both). All batches must
 * hold the same inputs in the same order. The memory is the caller's to dispose.
 */
export function decoderFor<Batch>(pairs: readonly { model: EncoderDecoder<Batch>; batch: Batch }[]): { decoder: Decoder; memory: tf.TensorContainer } {
  const only = pairs.length === 1 ? pairs[0] : undefined;
  if (only) return { decoder: only.model.decoder, memory: tf.tidy(() => only.model.decoder.prepare(only.model.encode(only.batch))) };
  const decoder = new EnsembleDecoder(pairs.map((p) => p.model.decoder));
  return { decoder, memory: tf.tidy(() => ensembleMemory(decoder, pairs.map((p) => p.model.encode(p.batch)))) };
}
