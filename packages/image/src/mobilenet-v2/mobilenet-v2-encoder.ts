import * as tf from '@tensorflow/tfjs';
import { type EncodeOptions, type Encoder, type EncoderOutput, encoderOutput, type JsonObject } from '@seq2seq/core';
import { type ImageBatch, isFeatureBatch } from '../batch.js';
import type { FeatureExtractor } from '../feature-cache.js';
import type { ImageFrontEndOptions } from '../front-end.js';
import { type Palette, paletteByName, paletteGrid } from '../palette.js';
import { type LoadedV2, loadMobileNetV2, resolveV2Dir, V2_GRID_CHANNELS, V2_GRID_LAYER, type V2WeightsId } from './weights.js';

export interface MobileNetV2EncoderConfig {
  /**
   * The weights this encoder was built on (`load()` fills it in; a checkpoint stores it). When given,
   * `load()` refuses a folder whose shards hash differently: frozen features of other weights
   * would silently mismatch the trained decoder.
   */
  weights?: V2WeightsId;
  /** A palette name (`PALETTES`) whose per-cell colour shares are appended to each cell, as in MobileNetEncoder. */
  palette?: string;
}

export interface MobileNetV2EncoderOptions {
  /** Local LayersModel folder; see `resolveV2Dir` for the fallbacks. Never stored in config(). */
  modelDir?: string;
}

export const MOBILENET_V2_INPUT_SIZE = 224;

/**
 * ImageNet-pretrained MobileNet v2 1.0 (a local TF.js LayersModel), frozen. states = the `Conv_1`
 * map (7x7x1280 at 224, ReLU6) reshaped to [B, 49, 1280] (+ palette channels); summary = its mean,
 * which is exactly the network's `global_pool` vector. Pixels come from `frontEnd` in [0, 1] (so
 * augmentation and the palette read them like v1's) and are mapped to the [-1, 1] the weights want here.
 *
 * Loading is async and registry factories are not: `await encoder.load()` before encoding pixels
 * (`loadModel` does). Feature batches need no weights.
 */
export class MobileNetV2Encoder implements Encoder<ImageBatch>, FeatureExtractor {
  readonly kind = 'mobilenet-v2';
  readonly outputDim: number;
  readonly palette: { name: string; colours: Palette } | undefined;
  private expected: V2WeightsId | undefined;
  private model: LoadedV2 | undefined;

  constructor(
    config: MobileNetV2EncoderConfig = {},
    private readonly options: MobileNetV2EncoderOptions = {},
  ) {
    const w = config.weights;
    if (w !== undefined && (typeof w.id !== 'string' || !/^[0-9a-f]{64}$/.test(String(w.sha256)))) {
      throw new Error(`MobileNetV2Encoder config.weights must be {id, sha256 (64 hex digits)}, got ${JSON.stringify(w)}`);
    }
    this.expected = w;
    this.palette = config.palette === undefined ? undefined : { name: config.palette, colours: paletteByName(config.palette) };
    this.outputDim = V2_GRID_CHANNELS + this.paletteChannels;
  }

  /** Loads (or reuses) the weights and checks them against config.weights. Resolves to this encoder. */
  async load(): Promise<this> {
    const m = await loadMobileNetV2(resolveV2Dir(this.options.modelDir));
    if (this.expected && this.expected.sha256 !== m.weights.sha256) {
      throw new Error(
        `MobileNet v2 weights in '${m.dir}' (${m.weights.id}, sha256 ${m.weights.sha256.slice(0, 12)}...) are not the ones this model was built on ` +
          `(${this.expected.id}, sha256 ${this.expected.sha256.slice(0, 12)}...); point --mobilenet-v2-dir or $SEQ2SEQ_MOBILENET_V2_DIR at those`,
      );
    }
    this.model = m;
    this.expected = m.weights;
    return this;
  }

  get loaded(): boolean {
    return this.model !== undefined;
  }

  /** The weights' identity (from the config, or from the folder once loaded). */
  get weights(): V2WeightsId | undefined {
    return this.expected;
  }

  get frontEnd(): ImageFrontEndOptions {
    return { height: MOBILENET_V2_INPUT_SIZE, width: MOBILENET_V2_INPUT_SIZE, normalization: 'zero-one' };
  }

  get paletteChannels(): number {
    return this.palette?.colours.names.length ?? 0;
  }

  /** pixels [B, 224, 224, 3] in [0, 1] -> [B, 49, 1280 + P]; palette shares from `colourPixels` (unaugmented). */
  extractFeatures(pixels: tf.Tensor4D, colourPixels: tf.Tensor4D = pixels): tf.Tensor3D {
    return tf.tidy(() => {
      const grid = this.frozenGrid(pixels);
      const [b, h, w, d] = grid.shape;
      const flat = tf.reshape(grid, [b, h * w, d]) as tf.Tensor3D;
      return this.palette ? tf.concat([flat, paletteGrid(colourPixels, h, this.palette.colours)], 2) : flat;
    });
  }

  encode(batch: ImageBatch, _options: EncodeOptions = {}): EncoderOutput {
    return tf.tidy(() => {
      let states: tf.Tensor3D;
      if (isFeatureBatch(batch)) {
        const f = batch.features;
        if (f.rank !== 3 || f.shape[2] !== this.outputDim) {
          const with_ = this.palette ? ` + ${this.paletteChannels} ${this.palette.name} palette channels` : '';
          throw new Error(`MobileNetV2Encoder features must be [B, S, ${this.outputDim}] (the ${V2_GRID_LAYER} grid${with_}), got [${f.shape}]`);
        }
        // Frozen: cached features are the states (an identity keeps tidy from disposing the input).
        states = tf.clone(f);
      } else {
        states = this.extractFeatures(batch.pixels);
      }
      return encoderOutput({ states });
    });
  }

  /** Identifies the features (feature cache key): the weights' hash, not the folder, plus layer and palette. */
  featureKey(): JsonObject {
    if (!this.expected) throw new Error('MobileNetV2Encoder.featureKey: `await encoder.load()` first (the key names the weights by hash)');
    return { kind: this.kind, ...this.config(), node: V2_GRID_LAYER };
  }

  config(): JsonObject {
    return { ...(this.expected ? { weights: { id: this.expected.id, sha256: this.expected.sha256 } } : {}), ...(this.palette ? { palette: this.palette.name } : {}) };
  }

  /** pixels [B, 224, 224, 3] in [0, 1] -> Conv_1 [B, 7, 7, 1280] */
  private frozenGrid(pixels: tf.Tensor4D): tf.Tensor4D {
    if (!this.model) throw new Error('MobileNetV2Encoder weights are not loaded: `await encoder.load()` first');
    const [, h, w, c] = pixels.shape;
    if (h !== MOBILENET_V2_INPUT_SIZE || w !== MOBILENET_V2_INPUT_SIZE || c !== 3) {
      throw new Error(`MobileNetV2Encoder expects pixels [B, 224, 224, 3], got [${pixels.shape}]`);
    }
    return this.model.grid.predict(tf.sub(tf.mul(pixels, 2), 1)) as tf.Tensor4D;
  }
}

/** Builds and loads a MobileNetV2Encoder. */
export async function loadMobileNetV2Encoder(config: MobileNetV2EncoderConfig = {}, options: MobileNetV2EncoderOptions = {}): Promise<MobileNetV2Encoder> {
  return new MobileNetV2Encoder(config, options).load();
}
