import * as tf from '@tensorflow/tfjs';
import { createRnn, dropout, encoderOutput, runRnn, type EncodeOptions, type Encoder, type EncoderOutput, type JsonObject, type ParamStore, type RnnParams } from '@seq2seq/core';
import type { AudioBatch } from './batch.js';
import { audioRnnEncoderConfig, type AudioRnnEncoderConfig } from './encoder-config.js';
import { convHalve, createConv, halveMask, pairFrames, type ConvParams } from './subsample.js';

interface BiRnn {
  fw: RnnParams;
  bw: RnnParams;
}

/**
 * Audio encoder: frame subsampling (strided convolutions or a pyramid of BiLSTMs), then BiLSTM
 * layers. states [B, ceil(F/factor), 2*units] with the subsampled mask; summary [B, 2*units] =
 * [forward final h; backward final h] of the top layer.
 */
export class AudioRnnEncoder implements Encoder<AudioBatch> {
  readonly kind = 'audio-rnn';
  readonly outputDim: number;
  readonly cfg: AudioRnnEncoderConfig;
  private readonly convs: ConvParams[] = [];
  private readonly pyramid: BiRnn[] = [];
  private readonly rnns: BiRnn[] = [];

  /** `config` is checked again here (defaults filled), so a hand-built encoder is as safe as a registry-built one. */
  constructor(config: Partial<AudioRnnEncoderConfig> | JsonObject, store: ParamStore) {
    const c = audioRnnEncoderConfig(config);
    this.cfg = c;
    this.outputDim = 2 * c.units;
    const levels = Math.log2(c.factor);
    const bi = (name: string, inDim: number): BiRnn => ({
      fw: createRnn(store, `${name}/fw`, c.cell, inDim, c.units),
      bw: createRnn(store, `${name}/bw`, c.cell, inDim, c.units),
    });
    let dim = c.inputDim;
    for (let i = 0; i < levels; i++) {
      if (c.subsampling === 'conv') {
        this.convs.push(createConv(store, `conv${i}`, dim, c.convChannels));
        dim = c.convChannels;
      } else {
        this.pyramid.push(bi(`pyramid${i}`, 2 * dim));
        dim = 2 * c.units;
      }
    }
    for (let i = 0; i < c.layers; i++) {
      this.rnns.push(bi(`rnn${i}`, dim));
      dim = 2 * c.units;
    }
  }

  encode(batch: AudioBatch, options: EncodeOptions = {}): EncoderOutput {
    const training = options.training ?? false;
    const { features, mask } = batch;
    if (features.rank !== 3 || features.shape[2] !== this.cfg.inputDim) {
      throw new Error(`audio-rnn: features must be [B, F, ${this.cfg.inputDim}], got [${features.shape}]`);
    }
    if (mask.rank !== 2 || mask.shape[0] !== features.shape[0] || mask.shape[1] !== features.shape[1]) {
      throw new Error(`audio-rnn: mask must be [${features.shape[0]}, ${features.shape[1]}], got [${mask.shape}]`);
    }
    return tf.tidy(() => {
      let m = tf.cast(mask, 'float32') as tf.Tensor2D;
      let x = features;
      let summary: tf.Tensor2D | undefined;
      for (const conv of this.convs) ({ x, mask: m } = convHalve(x, m, conv));
      const layers = [...this.pyramid.map((p) => ({ p, pair: true })), ...this.rnns.map((p) => ({ p, pair: false }))];
      layers.forEach(({ p, pair }, i) => {
        if (pair) {
          x = pairFrames(x);
          m = halveMask(m);
        }
        if (i > 0) x = dropout(x, this.cfg.dropout, training) as tf.Tensor3D;
        const f = runRnn(x, m, p.fw);
        const b = runRnn(x, m, p.bw, { reverse: true });
        x = tf.concat([f.outputs, b.outputs], 2) as tf.Tensor3D;
        summary = tf.concat([f.h, b.h], 1) as tf.Tensor2D;
      });
      return encoderOutput({ states: x, mask: m, ...(summary ? { summary } : {}) });
    });
  }

  config(): JsonObject {
    return { ...this.cfg };
  }
}
