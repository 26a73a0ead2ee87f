import * as tf from '@tensorflow/tfjs';
import { canReadSync, type Decoder, type DecodeOptions, type EncoderOutput, type JsonObject, type ParamStore, stopGradient } from '@seq2seq/core';
import { resolveConfig, type LstmDecoderConfig, type ResolvedLstmDecoderConfig } from './config.js';
import { copyLogProbs, type CopyInputs } from './copy.js';
import { attentional, cellStep, outputLogits, runStack, seedAt, sequenceEmbedding, sequenceInput, stepEmbedding, stepInput, type RunOptions } from './layers.js';
import { createDecoderParams, feedsAttention, type DecoderParams } from './params.js';
import { gatherMemory, gatherState, initialState, prepareMemory, type LstmDecoderMemory, type LstmDecoderState } from './state.js';

// core's ForwardResult/StepResult as type aliases, so callers can return them from tf.tidy and
// pass them to tf.dispose (interfaces are not tf.TensorContainers).
/** logits [B, T, V], attention [B, T, S] (absent without attention) */
export type LstmForwardResult = { logits: tf.Tensor3D; attention?: tf.Tensor3D };
/** logProbs [B, V], attention [B, S] (absent without attention) */
export type LstmStepResult = { logProbs: tf.Tensor2D; state: LstmDecoderState; attention?: tf.Tensor2D };

/**
 * The common LSTM decoder: embedding -> stacked LSTM -> attention over the encoder states ->
 * attentional vector tanh(W_c [c; h]) -> output projection (optionally tied to the embedding),
 * optionally mixed with a copy distribution over the source tokens (pointer-generator). With copy
 * on, forward's `logits` are normalised log-probabilities (see copy.ts), so the loss and search
 * need no change. Variables live in `store` (already scoped for the decoder by the caller).
 */
export class LstmDecoder implements Decoder<LstmDecoderState, LstmDecoderMemory> {
  readonly kind = 'lstm';
  readonly inputDim: number;
  readonly vocabSize: number;
  readonly params: DecoderParams;
  private readonly cfg: ResolvedLstmDecoderConfig;

  constructor(config: LstmDecoderConfig, store: ParamStore) {
    this.cfg = resolveConfig(config);
    this.inputDim = this.cfg.inputDim;
    this.vocabSize = this.cfg.vocabSize;
    this.params = createDecoderParams(store, this.cfg);
  }

  prepare(enc: EncoderOutput): LstmDecoderMemory {
    const d = enc.states.shape[2];
    if (d !== this.inputDim) throw new Error(`lstm decoder expects encoder width ${this.inputDim}, got ${d}`);
    return prepareMemory(enc, this.params);
  }

  initState(memory: LstmDecoderMemory): LstmDecoderState {
    return initialState(memory, this.params, this.cfg);
  }

  step(prevTokens: tf.Tensor1D, state: LstmDecoderState, memory: LstmDecoderMemory, options: DecodeOptions = {}): LstmStepResult {
    const run = this.runOptions(options);
    return tf.tidy(() => {
      const e = stepEmbedding(prevTokens, this.params, run, 0);
      const r = cellStep(stepInput(e, this.params, memory), state, memory, this.params, run, 0);
      const logProbs = this.stepLogProbs(r, e, memory, run, 0);
      return r.weights ? { logProbs, state: r.state, attention: r.weights } : { logProbs, state: r.state };
    });
  }

  reorderState(state: LstmDecoderState, index: tf.Tensor1D): LstmDecoderState {
    return gatherState(state, index);
  }

  reorderMemory(memory: LstmDecoderMemory, index: tf.Tensor1D): LstmDecoderMemory {
    return gatherMemory(memory, index);
  }

  /**
   * Teacher-forced logits [B, T, V]. Without input feeding every layer, the attention and the
   * output projection run over all T steps at once; with it, the stack and attention run per step
   * (each step needs the previous attentional vector) and the output projection runs once.
   * When training with `samplingProbability` > 0 (scheduled sampling) each row's input at step
   * t > 0 is, with that probability, the model's own greedy prediction instead of the gold token
   * (read back from the device at each step; no gradient flows through that choice).
   */
  forward(targetIn: tf.Tensor2D, memory: LstmDecoderMemory, options: DecodeOptions = {}): LstmForwardResult {
    const run = this.runOptions(options);
    const sampling = options.training ? options.samplingProbability ?? 0 : 0;
    return tf.tidy((): LstmForwardResult => {
      const state = this.initState(memory);
      if (sampling > 0) return this.forwardSampled(targetIn, state, memory, run, sampling);
      const embedded = sequenceEmbedding(targetIn, this.params, run);
      const proj0 = sequenceInput(embedded, this.params, memory);
      if (!feedsAttention(this.cfg)) {
        const top = runStack(proj0, state, this.params, run);
        const { a, weights, context } = attentional(top, memory, this.params);
        let logits = outputLogits(a, this.params, run, 0) as tf.Tensor3D;
        if (weights && context) logits = this.withCopy(logits, { weights, context, top, embedded }, memory);
        return weights ? { logits, attention: weights } : { logits };
      }
      let s = state;
      const as: tf.Tensor2D[] = [];
      const ws: tf.Tensor2D[] = [];
      const cs: tf.Tensor2D[] = [];
      const tops: tf.Tensor2D[] = [];
      (tf.unstack(proj0, 1) as tf.Tensor2D[]).forEach((x0, t) => {
        const r = cellStep(x0, s, memory, this.params, run, t);
        s = r.state;
        as.push(r.a);
        tops.push(r.top);
        if (r.weights && r.context) {
          ws.push(r.weights);
          cs.push(r.context);
        }
      });
      const weights = tf.stack(ws, 1) as tf.Tensor3D;
      let logits = outputLogits(tf.stack(as, 1), this.params, run, 0) as tf.Tensor3D;
      if (this.params.copyGate) {
        logits = this.withCopy(logits, { weights, context: tf.stack(cs, 1) as tf.Tensor3D, top: tf.stack(tops, 1) as tf.Tensor3D, embedded }, memory);
      }
      return { logits, attention: weights };
    });
  }

  config(): JsonObject {
    return { ...this.cfg };
  }

  /** Step by step, feeding back greedy predictions with probability p per row and step. */
  private forwardSampled(targetIn: tf.Tensor2D, state: LstmDecoderState, memory: LstmDecoderMemory, run: RunOptions, p: number): LstmForwardResult {
    const gold = tf.unstack(targetIn.toInt(), 1) as tf.Tensor1D[];
    const b = targetIn.shape[0];
    let s = state;
    const logits: tf.Tensor2D[] = [];
    const ws: tf.Tensor2D[] = [];
    gold.forEach((g, t) => {
      let prev = g;
      const last = logits[t - 1];
      if (last) {
        const own = tf.less(tf.randomUniform([b], 0, 1, 'float32', seedAt(run, 'sampling', t)), p);
        // A fresh tensor from the values: the gradient tape must not see a path from the weights
        // to gather's indices (tfjs has no stop-gradient, and gather has no gradient for indices).
        // (webgpu in Node cannot read synchronously: there a zero-gradient op cuts the path instead.)
        const predicted = canReadSync() ? tf.tensor1d(tf.argMax(last, 1).dataSync() as Int32Array, 'int32') : stopGradient(tf.argMax(last, 1));
        prev = tf.where(own, predicted, g) as tf.Tensor1D;
      }
      const e = stepEmbedding(prev, this.params, run, t);
      const r = cellStep(stepInput(e, this.params, memory), s, memory, this.params, run, t);
      s = r.state;
      // With copy, the step's log-probabilities (argmax feeds back the copying model's own choice).
      logits.push(this.params.copyGate ? this.stepLogProbs(r, e, memory, run, t) : (outputLogits(r.a, this.params, run, t) as tf.Tensor2D));
      if (r.weights) ws.push(r.weights);
    });
    const out = tf.stack(logits, 1) as tf.Tensor3D;
    return ws.length > 0 ? { logits: out, attention: tf.stack(ws, 1) as tf.Tensor3D } : { logits: out };
  }

  /** One step's log-probabilities [B, V] from cellStep's result r and the embedded input e [B, E]. */
  private stepLogProbs(r: ReturnType<typeof cellStep>, e: tf.Tensor2D, memory: LstmDecoderMemory, run: RunOptions, t: number): tf.Tensor2D {
    const logits = outputLogits(r.a, this.params, run, t) as tf.Tensor2D;
    if (!this.params.copyGate || !r.weights || !r.context) return tf.logSoftmax(logits);
    const x = (v: tf.Tensor2D) => v.expandDims(1) as tf.Tensor3D;
    const inputs = { weights: x(r.weights), context: x(r.context), top: x(r.top), embedded: x(e) };
    return this.withCopy(x(logits), inputs, memory).squeeze([1]) as tf.Tensor2D;
  }

  /** logits [B, T, V] -> pointer-generator log-probabilities [B, T, V] when copy is on, else logits. */
  private withCopy(logits: tf.Tensor3D, inputs: CopyInputs, memory: LstmDecoderMemory): tf.Tensor3D {
    const gate = this.params.copyGate;
    if (!gate) return logits;
    if (!memory.copyIds) throw new Error('lstm decoder: copy is on but the memory has no copyIds (was it built by prepare()?)');
    return copyLogProbs(logits, inputs, memory.copyIds, gate);
  }

  private runOptions(options: DecodeOptions): RunOptions {
    return { training: options.training ?? false, rate: this.cfg.dropout, seed: options.seed };
  }
}
