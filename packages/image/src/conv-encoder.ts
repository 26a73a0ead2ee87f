import * as tf from '@tensorflow/tfjs';
import { type EncodeOptions, type Encoder, type EncoderOutput, encoderOutput, type JsonObject, type ParamStore } from '@seq2seq/core';
import { type ImageBatch, isFeatureBatch } from './batch.js';
import type { ImageFrontEndOptions } from './front-end.js';

export interface ConvEncoderConfig {
  /** Output channels of each block (conv 3x3 + ReLU + 2x2 max-pool). Default [16, 32, 64]. */
  channels?: number[];
  /** Square kernel size. Default 3. */
  kernelSize?: number;
  /** Input side length the front end should produce. Default 64. */
  inputSize?: number;
}

/**
 * A small trainable CNN for users without pretrained weights, and for tests. Each block halves H
 * and W, so a 64x64 input with 3 blocks gives an 8x8 grid: states [B, 64, channels.at(-1)].
 * Summary: the global average pool (core's masked mean over the all-ones mask).
 */
export class ConvEncoder implements Encoder<ImageBatch> {
  readonly kind = 'conv';
  readonly outputDim: number;
  readonly channels: number[];
  readonly kernelSize: number;
  readonly inputSize: number;
  private readonly blocks: { kernel: tf.Variable; bias: tf.Variable }[];

  constructor(config: ConvEncoderConfig, store: ParamStore) {
    this.channels = config.channels ?? [16, 32, 64];
    this.kernelSize = config.kernelSize ?? 3;
    this.inputSize = config.inputSize ?? 64;
    if (this.channels.length === 0 || this.channels.some((c) => !(Number.isInteger(c) && c > 0))) {
      throw new Error(`ConvEncoder channels must be positive integers, got [${this.channels}]`);
    }
    this.outputDim = this.channels[this.channels.length - 1]!;
    let inC = 3;
    this.blocks = this.channels.map((outC, i) => {
      const k = this.kernelSize;
      const block = {
        kernel: store.variable(`conv${i}/kernel`, [k, k, inC, outC], { kind: 'glorot' }),
        bias: store.variable(`conv${i}/bias`, [outC], { kind: 'zeros' }),
      };
      inC = outC;
      return block;
    });
  }

  /** What the front end should produce for this encoder. */
  get frontEnd(): ImageFrontEndOptions {
    return { height: this.inputSize, width: this.inputSize, normalization: 'zero-one' };
  }

  encode(batch: ImageBatch, _options: EncodeOptions = {}): EncoderOutput {
    if (isFeatureBatch(batch)) {
      throw new Error('ConvEncoder is trainable, so it takes pixels, not cached features');
    }
    return tf.tidy(() => {
      let x: tf.Tensor4D = batch.pixels;
      if (x.rank !== 4 || x.shape[3] !== 3) throw new Error(`ConvEncoder expects pixels [B, H, W, 3], got [${x.shape}]`);
      for (const { kernel, bias } of this.blocks) {
        x = tf.relu(tf.add(tf.conv2d(x, kernel as tf.Tensor4D, 1, 'same'), bias)) as tf.Tensor4D;
        x = tf.maxPool(x, 2, 2, 'same');
      }
      const [b, h, w, d] = x.shape;
      return encoderOutput({ states: tf.reshape(x, [b, h * w, d]) });
    });
  }

  config(): JsonObject {
    return { channels: this.channels, kernelSize: this.kernelSize, inputSize: this.inputSize };
  }
}
