import * as tf from '@tensorflow/tfjs';
import type { MobileNetAlpha } from '@tensorflow-models/mobilenet';
import { type EncodeOptions, type Encoder, type EncoderOutput, encoderOutput, type JsonObject } from '@seq2seq/core';
import { type ImageBatch, isFeatureBatch } from '../batch.js';
import type { FeatureExtractor } from '../feature-cache.js';
import type { ImageFrontEndOptions } from '../front-end.js';
import { type LoadedMobileNet, loadMobileNet } from './load-model.js';
import { resolveModelDir } from './model-dir.js';

export interface MobileNetEncoderConfig {
  /** MobileNet version; only 1 (whose grid node is known). Default 1. */
  version?: 1;
  /** Width multiplier. Default 0.25 (the copy in ../shared/models). */
  alpha?: MobileNetAlpha;
  /**
   * Top blocks to fine-tune. Default 0 (frozen). Must be 0: @tensorflow-models/mobilenet loads a
   * frozen graph whose weights are constants, so nothing in it can train.
   */
  fineTuneBlocks?: number;
}

export interface MobileNetLoadOptions {
  /** Local model directory; see `resolveModelDir` for the fallbacks. Never stored in config(). */
  modelDir?: string;
}

/** The input side of the TF Hub graph (its input placeholder is [-1, 224, 224, 3]). */
export const MOBILENET_INPUT_SIZE = 224;

/**
 * ImageNet-pretrained MobileNet v1 as a frozen image encoder. states = the last pointwise
 * convolution (Conv2d_13_pointwise/Relu6), a 7x7 grid reshaped to [B, 49, 1024 * alpha]; summary =
 * its mean, which is exactly the network's global pool (the embedding `infer(img, true)` returns).
 * Pixels must come from the front end in `encoder.frontEnd` (224x224, [0, 1]).
 *
 * Loading is async, registry factories are not: after building (`encoders.get('mobilenet')`,
 * `buildModel`, `loadModel`) call `await encoder.load()` before encoding pixels. Cached feature
 * batches need no weights at all.
 */
export class MobileNetEncoder implements Encoder<ImageBatch>, FeatureExtractor {
  readonly kind = 'mobilenet';
  readonly outputDim: number;
  readonly version: 1;
  readonly alpha: MobileNetAlpha;
  private model: LoadedMobileNet | undefined;

  constructor(
    config: MobileNetEncoderConfig = {},
    private readonly options: MobileNetLoadOptions = {},
  ) {
    this.version = config.version ?? 1;
    this.alpha = config.alpha ?? 0.25;
    if (this.version !== 1) throw new Error(`MobileNetEncoder supports version 1 only, got ${String(this.version)}`);
    if (![0.25, 0.5, 0.75, 1].includes(this.alpha)) throw new Error(`MobileNet v1 alpha must be 0.25, 0.5, 0.75 or 1, got ${this.alpha}`);
    if ((config.fineTuneBlocks ?? 0) !== 0) {
      throw new Error(
        `MobileNetEncoder cannot fine-tune (fineTuneBlocks ${config.fineTuneBlocks}): @tensorflow-models/mobilenet loads a frozen ` +
          'graph model whose weights are constants. Use fineTuneBlocks 0, or ConvEncoder for a trainable CNN.',
      );
    }
    this.outputDim = Math.round(1024 * this.alpha);
  }

  /** Loads (or reuses) the weights. Resolves to this encoder. */
  async load(): Promise<this> {
    const dir = resolveModelDir({ modelDir: this.options.modelDir, version: this.version, alpha: this.alpha });
    this.model = await loadMobileNet(this.version, this.alpha, dir);
    return this;
  }

  get loaded(): boolean {
    return this.model !== undefined;
  }

  /** The underlying @tensorflow-models/mobilenet model (e.g. for `classify`); throws before load(). */
  get net(): LoadedMobileNet['net'] {
    return this.require().net;
  }

  get frontEnd(): ImageFrontEndOptions {
    return { height: MOBILENET_INPUT_SIZE, width: MOBILENET_INPUT_SIZE, normalization: 'zero-one' };
  }

  get gridNode(): string {
    return 'module_apply_default/MobilenetV1/MobilenetV1/Conv2d_13_pointwise/Relu6';
  }

  /** Runs the CNN: pixels [B, 224, 224, 3] in [0, 1] -> grid features [B, 49, D]. */
  extractFeatures(pixels: tf.Tensor4D): tf.Tensor3D {
    const { graph } = this.require();
    const [, h, w, c] = pixels.shape;
    if (h !== MOBILENET_INPUT_SIZE || w !== MOBILENET_INPUT_SIZE || c !== 3) {
      throw new Error(`MobileNetEncoder expects pixels [B, 224, 224, 3], got [${pixels.shape}]`);
    }
    return tf.tidy(() => {
      const grid = graph.execute(pixels, this.gridNode) as tf.Tensor4D;
      const [b, gh, gw, d] = grid.shape;
      return tf.reshape(grid, [b, gh * gw, d]);
    });
  }

  encode(batch: ImageBatch, _options: EncodeOptions = {}): EncoderOutput {
    if (isFeatureBatch(batch)) {
      const f = batch.features;
      if (f.rank !== 3 || f.shape[2] !== this.outputDim) {
        throw new Error(`MobileNetEncoder features must be [B, S, ${this.outputDim}], got [${f.shape}]`);
      }
      return tf.tidy(() => encoderOutput({ states: tf.clone(f) }));
    }
    return tf.tidy(() => encoderOutput({ states: this.extractFeatures(batch.pixels) }));
  }

  /** Identifies the features this encoder computes (for the feature cache). */
  featureKey(): JsonObject {
    return { kind: this.kind, ...this.config(), node: this.gridNode };
  }

  config(): JsonObject {
    return { version: this.version, alpha: this.alpha, fineTuneBlocks: 0 };
  }

  private require(): LoadedMobileNet {
    if (!this.model) throw new Error('MobileNetEncoder weights are not loaded: `await encoder.load()` first');
    return this.model;
  }
}

/** Builds and loads a MobileNetEncoder. */
export async function loadMobileNetEncoder(config: MobileNetEncoderConfig = {}, options: MobileNetLoadOptions = {}): Promise<MobileNetEncoder> {
  return new MobileNetEncoder(config, options).load();
}
