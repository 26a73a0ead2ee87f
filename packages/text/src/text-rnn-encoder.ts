import * as tf from '@tensorflow/tfjs';
import {
  createEmbedding,
  createRnn,
  dropout,
  embed,
  type Encoder,
  type EncoderOutput,
  type EncodeOptions,
  encoderOutput,
  type JsonObject,
  type ParamStore,
  type RnnParams,
  runRnn,
} from '@seq2seq/core';
import type { TextBatch } from './batch.js';
import { type TextRnnConfig, textRnnConfig, type TextRnnOptions } from './text-rnn-config.js';

/** EncodeOptions plus the per-call seed that Seq2Seq passes through from DecodeOptions. */
export type TextEncodeOptions = EncodeOptions & { seed?: number };

interface Layer {
  fw: RnnParams;
  bw?: RnnParams;
}

/**
 * Embedding -> 1..n (bi)directional LSTM/GRU layers over a right-padded TextBatch.
 * states [B, S, D] are the last layer's outputs (zero at padding), D = units (x2 when bidirectional);
 * summary [B, D] is the last layer's final forward h (after each row's last real token), concatenated
 * with the final backward h (at position 0). Padding never changes real positions or the summary.
 * A batch's `copyIds` become the output's `sourceTokens` (for decoders that copy).
 */
export class TextRnnEncoder implements Encoder<TextBatch> {
  readonly kind = 'text-rnn';
  readonly outputDim: number;
  readonly settings: TextRnnConfig;
  private readonly embedding: tf.Variable;
  private readonly layers: Layer[] = [];

  /** `store` is already scoped for this encoder (e.g. 'encoder/'). */
  constructor(options: TextRnnOptions, store: ParamStore) {
    const c = textRnnConfig(options);
    this.settings = c;
    this.outputDim = c.bidirectional ? 2 * c.units : c.units;
    this.embedding = createEmbedding(store, 'embedding', c.vocabSize, c.embeddingDim);
    for (let l = 0; l < c.layers; l++) {
      const inDim = l === 0 ? c.embeddingDim : this.outputDim;
      const fw = createRnn(store, `layer${l}_fw`, c.cell, inDim, c.units);
      this.layers.push(c.bidirectional ? { fw, bw: createRnn(store, `layer${l}_bw`, c.cell, inDim, c.units) } : { fw });
    }
  }

  encode(batch: TextBatch, options: TextEncodeOptions = {}): EncoderOutput {
    const training = options.training ?? false;
    const rate = this.settings.dropout;
    const seedFor = (k: number): number | undefined => (options.seed === undefined ? undefined : options.seed * 131 + k);
    return tf.tidy(() => {
      const mask = (batch.mask.dtype === 'float32' ? batch.mask : tf.cast(batch.mask, 'float32')) as tf.Tensor2D;
      let x = embed(this.embedding, batch.ids) as tf.Tensor3D;
      let summary: tf.Tensor2D | undefined;
      this.layers.forEach((layer, l) => {
        const input = dropout(x, rate, training, seedFor(l)) as tf.Tensor3D;
        const fw = runRnn(input, mask, layer.fw);
        let out = fw.outputs;
        summary = fw.h;
        if (layer.bw) {
          const bw = runRnn(input, mask, layer.bw, { reverse: true });
          out = tf.concat([fw.outputs, bw.outputs], 2);
          summary = tf.concat([fw.h, bw.h], 1);
        }
        // Padded positions stay zero: both terms are zero there from the second layer on.
        x = this.settings.residual && l > 0 ? (tf.add(out, x) as tf.Tensor3D) : out;
      });
      const copy = batch.copyIds ? { sourceTokens: tf.clone(batch.copyIds) } : {};
      return encoderOutput({ states: x, mask: tf.clone(mask), summary: summary!, ...copy });
    });
  }

  config(): JsonObject {
    return { ...this.settings };
  }
}
