import * as tf from '@tensorflow/tfjs';
import { type Decoder, type DecodeOptions, type Encoder, type EncoderOutput, type EncodeOptions, encoderOutput } from './contract.js';
import { maskedCrossEntropy } from './loss.js';
import { createDense, dense, type DenseParams } from './nn/dense.js';
import type { ParamStore } from './params.js';

export interface Seq2SeqOptions<Batch> {
  encoder: Encoder<Batch>;
  decoder: Decoder;
  /** The model's store; a width projection, if needed, is created in its 'bridge' scope. */
  store: ParamStore;
  /**
   * When encoder.outputDim != decoder.inputDim: true inserts a learned linear projection,
   * false (default) throws with both numbers.
   */
  projectWidth?: boolean;
  /** Label smoothing for the training loss. Default 0.1. */
  labelSmoothing?: number;
}

/** A teacher-forced target batch: targetIn starts with <sos>, targetOut ends with <eos>. */
export type TargetBatch = {
  /** [B, T] int32 */
  targetIn: tf.Tensor2D;
  /** [B, T] int32 */
  targetOut: tf.Tensor2D;
  /** [B, T] float32, 1 = real */
  targetMask: tf.Tensor2D;
};

/** Composes one encoder and one decoder, owns the loss and width checks. */
export class Seq2Seq<Batch> {
  readonly encoder: Encoder<Batch>;
  readonly decoder: Decoder;
  readonly store: ParamStore;
  readonly labelSmoothing: number;
  private readonly projection: DenseParams | undefined;

  constructor(options: Seq2SeqOptions<Batch>) {
    this.encoder = options.encoder;
    this.decoder = options.decoder;
    this.store = options.store;
    this.labelSmoothing = options.labelSmoothing ?? 0.1;
    const from = this.encoder.outputDim;
    const to = this.decoder.inputDim;
    if (from !== to) {
      if (!options.projectWidth) {
        throw new Error(`encoder '${this.encoder.kind}' outputs width ${from} but decoder '${this.decoder.kind}' expects ${to}; pass projectWidth: true to insert a projection`);
      }
      this.projection = createDense(options.store, 'width_projection', from, to);
    }
  }

  /** Encodes and applies the width projection if any. */
  encode(batch: Batch, options: EncodeOptions = {}): EncoderOutput {
    const enc = this.encoder.encode(batch, options);
    const p = this.projection;
    if (!p) return enc;
    return tf.tidy(() => {
      const states = dense(enc.states, p) as tf.Tensor3D;
      const summary = dense(enc.summary, p) as tf.Tensor2D;
      // The projection leaves the token ids alone; clones give the result its own handles, like mask.
      return encoderOutput({ states, mask: tf.clone(enc.mask), summary, ...(enc.sourceTokens ? { sourceTokens: tf.clone(enc.sourceTokens) } : {}) });
    });
  }

  /** Teacher-forced logits [B, T, V]. */
  logits(batch: Batch, targetIn: tf.Tensor2D, options: DecodeOptions = {}): tf.Tensor3D {
    return tf.tidy(() => {
      const enc = this.encode(batch, options);
      const memory = this.decoder.prepare(enc);
      return this.decoder.forward(targetIn, memory, options).logits;
    });
  }

  /** Scalar mean masked cross-entropy (with label smoothing when training). */
  loss(batch: Batch, target: TargetBatch, options: DecodeOptions = {}): tf.Scalar {
    return tf.tidy(() => {
      const logits = this.logits(batch, target.targetIn, options);
      return maskedCrossEntropy(logits, target.targetOut, target.targetMask, {
        labelSmoothing: options.training ? this.labelSmoothing : 0,
      });
    });
  }
}
