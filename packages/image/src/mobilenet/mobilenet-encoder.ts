import * as tf from '@tensorflow/tfjs';
import type { MobileNetAlpha } from '@tensorflow-models/mobilenet';
import { type EncodeOptions, type Encoder, type EncoderOutput, encoderOutput, type JsonObject, type ParamStore } from '@seq2seq/core';
import { type ImageBatch, isFeatureBatch } from '../batch.js';
import type { FeatureExtractor } from '../feature-cache.js';
import type { ImageFrontEndOptions } from '../front-end.js';
import { type Palette, paletteByName, paletteGrid } from '../palette.js';
import { type LoadedMobileNet, loadMobileNet } from './load-model.js';
import { resolveModelDir } from './model-dir.js';
import { frozenNode, MAX_FINE_TUNE_BLOCKS, TopBlocks } from './top-blocks.js';

export interface MobileNetEncoderConfig {
  /** MobileNet version; only 1 (whose grid node is known). Default 1. */
  version?: 1;
  /** Width multiplier. Default 0.25 (the copy in ../shared/models). */
  alpha?: MobileNetAlpha;
  /**
   * Top depthwise-separable blocks to train, 0..7. Default 0 (all frozen). With k > 0 the frozen
   * graph runs up to Conv2d_{13-k}_pointwise and blocks 14-k..13 are recomputed from trainable
   * variables in the encoder's ParamStore (see `initFromPretrained`).
   */
  fineTuneBlocks?: number;
  /**
   * A palette (`PALETTES`, e.g. 'skin-tones') whose per-cell colour shares are appended to every
   * grid cell's features (P more channels), computed from the pixels, not learnt. Default none.
   */
  palette?: string;
}

export interface MobileNetLoadOptions {
  /** Local model directory; see `resolveModelDir` for the fallbacks. Never stored in config(). */
  modelDir?: string;
}

export interface MobileNetEncoderOptions extends MobileNetLoadOptions {
  /** Where the top blocks' variables live (the registry factory passes the model's 'encoder' scope). Required when fineTuneBlocks > 0. */
  store?: ParamStore;
}

/** The input side of the TF Hub graph (its input placeholder is [-1, 224, 224, 3]). */
export const MOBILENET_INPUT_SIZE = 224;

/**
 * ImageNet-pretrained MobileNet v1 as an image encoder. states = the last pointwise convolution
 * (Conv2d_13_pointwise/Relu6), a 7x7 grid reshaped to [B, 49, 1024 * alpha]; summary = its mean,
 * which is exactly the network's global pool (the embedding `infer(img, true)` returns). Pixels must
 * come from the front end in `encoder.frontEnd` (224x224, [0, 1]).
 *
 * `fineTuneBlocks` k > 0: the frozen graph runs up to `gridNode` (Conv2d_{13-k}_pointwise), which is
 * what `extractFeatures` returns and feature batches hold; the top k blocks run on the encoder's own
 * variables. Those start random: a fresh model must call `initFromPretrained()` after `load()` to
 * copy the graph's constants (then encode equals k = 0). `load()` never touches variables, so a
 * restored checkpoint (restoreInto / loadModel, then `load()`) keeps its trained weights.
 *
 * Loading is async, registry factories are not: after building (`encoders.get('mobilenet')`,
 * `buildModel`, `loadModel`) call `await encoder.load()` before encoding pixels. Feature batches
 * need no graph.
 */
export class MobileNetEncoder implements Encoder<ImageBatch>, FeatureExtractor {
  readonly kind = 'mobilenet';
  readonly outputDim: number;
  readonly version: 1;
  readonly alpha: MobileNetAlpha;
  readonly fineTuneBlocks: number;
  /** Name and colours of the appended palette channels (undefined: none). */
  readonly palette: { name: string; colours: Palette } | undefined;
  /** The trainable top blocks (undefined when fineTuneBlocks is 0). */
  readonly top: TopBlocks | undefined;
  private model: LoadedMobileNet | undefined;

  constructor(
    config: MobileNetEncoderConfig = {},
    private readonly options: MobileNetEncoderOptions = {},
  ) {
    this.version = config.version ?? 1;
    this.alpha = config.alpha ?? 0.25;
    const k = config.fineTuneBlocks ?? 0;
    if (this.version !== 1) throw new Error(`MobileNetEncoder supports version 1 only, got ${String(this.version)}`);
    if (![0.25, 0.5, 0.75, 1].includes(this.alpha)) throw new Error(`MobileNet v1 alpha must be 0.25, 0.5, 0.75 or 1, got ${this.alpha}`);
    if (!Number.isInteger(k) || k < 0 || k > MAX_FINE_TUNE_BLOCKS) {
      throw new Error(`MobileNetEncoder fineTuneBlocks must be an integer from 0 (frozen) to ${MAX_FINE_TUNE_BLOCKS} (top blocks trained), got ${String(k)}`);
    }
    if (k > 0 && !options.store) {
      throw new Error(`MobileNetEncoder fineTuneBlocks ${k} needs a ParamStore for its variables: build it through the registry (encoders.get('mobilenet')(config, store)) or pass options.store`);
    }
    this.fineTuneBlocks = k;
    this.top = k > 0 ? new TopBlocks(options.store!, this.alpha, k) : undefined;
    this.palette = config.palette === undefined ? undefined : { name: config.palette, colours: paletteByName(config.palette) };
    this.outputDim = Math.round(1024 * this.alpha) + this.paletteChannels;
  }

  /** Loads (or reuses) the frozen graph. Never changes the top blocks' variables. Resolves to this encoder. */
  async load(): Promise<this> {
    const dir = resolveModelDir({ modelDir: this.options.modelDir, version: this.version, alpha: this.alpha });
    this.model = await loadMobileNet(this.version, this.alpha, dir);
    return this;
  }

  /**
   * Copies the pretrained constants of the top blocks into their variables (no-op when
   * fineTuneBlocks is 0). For fresh models only, after `load()`: training calls it before its first
   * update; restoring a checkpoint must not (it would discard the trained weights).
   */
  initFromPretrained(): this {
    this.top?.initFrom(this.require().graph.weights);
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

  /** The frozen graph node whose output extractFeatures returns (Conv2d_{13-k}_pointwise/Relu6). */
  get gridNode(): string {
    return frozenNode(this.fineTuneBlocks);
  }

  /** Palette channels appended to each cell (0 without a palette). */
  get paletteChannels(): number {
    return this.palette?.colours.names.length ?? 0;
  }

  /** [S, D] of one image's features (the frozen node's grid + palette channels), or undefined S for k = 0 (any grid passes). */
  get featureShape(): [number | undefined, number] {
    if (!this.top) return [undefined, this.outputDim];
    const [side, , c] = this.top.inputShape;
    return [side * side, c + this.paletteChannels];
  }

  /**
   * Runs the frozen CNN: pixels [B, 224, 224, 3] in [0, 1] -> the gridNode grid [B, H * W, C], with
   * the palette shares of `colourPixels` (default: the same pixels) per cell appended. A caller
   * that perturbs colours for augmentation passes the unperturbed pixels there, so the shades the
   * palette names are not shifted into their neighbours.
   */
  extractFeatures(pixels: tf.Tensor4D, colourPixels: tf.Tensor4D = pixels): tf.Tensor3D {
    return tf.tidy(() => {
      const grid = this.frozenGrid(pixels);
      const [b, gh, gw, d] = grid.shape;
      const flat = tf.reshape(grid, [b, gh * gw, d]) as tf.Tensor3D;
      return this.palette ? tf.concat([flat, this.paletteOf(colourPixels, gh)], 2) : flat;
    });
  }

  encode(batch: ImageBatch, _options: EncodeOptions = {}): EncoderOutput {
    return tf.tidy(() => {
      const p = this.paletteChannels;
      let grid: tf.Tensor4D;
      let colours: tf.Tensor4D | undefined;
      if (isFeatureBatch(batch)) {
        const all = this.featureGrid(batch.features);
        const d = all.shape[3] - p;
        grid = p > 0 ? all.slice([0, 0, 0, 0], [-1, -1, -1, d]) : all;
        if (p > 0) colours = all.slice([0, 0, 0, d], [-1, -1, -1, p]);
      } else {
        grid = this.frozenGrid(batch.pixels);
        if (p > 0) colours = tf.reshape(this.paletteOf(batch.pixels, grid.shape[1]), [grid.shape[0], grid.shape[1], grid.shape[2], p]);
      }
      let out = this.top ? this.top.apply(grid) : grid;
      // The palette shares of the cached (finer) grid, averaged over each output cell.
      if (colours) {
        const f = colours.shape[1] / out.shape[1];
        out = tf.concat([out, f === 1 ? colours : tf.avgPool(colours, f, f, 'valid')], 3);
      }
      const [b, h, w, d] = out.shape;
      return encoderOutput({ states: tf.reshape(out, [b, h * w, d]) });
    });
  }

  /** Identifies the features this encoder computes (for the feature cache). */
  featureKey(): JsonObject {
    return { kind: this.kind, ...this.config(), node: this.gridNode };
  }

  config(): JsonObject {
    // No key without a palette: configs written before palettes existed stay equal.
    return { version: this.version, alpha: this.alpha, fineTuneBlocks: this.fineTuneBlocks, ...(this.palette ? { palette: this.palette.name } : {}) };
  }

  /** pixels [B, 224, 224, 3] -> palette shares [B, side * side, P] */
  private paletteOf(pixels: tf.Tensor4D, side: number): tf.Tensor3D {
    return paletteGrid(pixels, side, this.palette!.colours);
  }

  /** pixels [B, 224, 224, 3] -> the gridNode output [B, H, W, C] */
  private frozenGrid(pixels: tf.Tensor4D): tf.Tensor4D {
    const { graph } = this.require();
    const [, h, w, c] = pixels.shape;
    if (h !== MOBILENET_INPUT_SIZE || w !== MOBILENET_INPUT_SIZE || c !== 3) {
      throw new Error(`MobileNetEncoder expects pixels [B, 224, 224, 3], got [${pixels.shape}]`);
    }
    return graph.execute(pixels, this.gridNode) as tf.Tensor4D;
  }

  /** Checked feature batch [B, S, C] -> [B, H, W, C] (k = 0 takes any S: the grid is only passed through). */
  private featureGrid(f: tf.Tensor3D): tf.Tensor4D {
    const [s, d] = this.featureShape;
    if (f.rank !== 3 || f.shape[2] !== d || (s !== undefined && f.shape[1] !== s)) {
      const node = this.gridNode.split('/').slice(-2, -1)[0];
      const with_ = this.palette ? ` + ${this.paletteChannels} ${this.palette.name} palette channels` : '';
      throw new Error(`MobileNetEncoder features must be [B, ${s ?? 'S'}, ${d}] (the ${node} grid${with_}), got [${f.shape}]`);
    }
    const side = s === undefined ? 1 : Math.sqrt(s);
    return tf.reshape(f, s === undefined ? [f.shape[0], f.shape[1], 1, d] : [f.shape[0], side, side, d]);
  }

  private require(): LoadedMobileNet {
    if (!this.model) throw new Error('MobileNetEncoder weights are not loaded: `await encoder.load()` first');
    return this.model;
  }
}

/** Builds and loads a fresh MobileNetEncoder, its top blocks (if any) initialised from the pretrained graph. */
export async function loadMobileNetEncoder(config: MobileNetEncoderConfig = {}, options: MobileNetEncoderOptions = {}): Promise<MobileNetEncoder> {
  return (await new MobileNetEncoder(config, options).load()).initFromPretrained();
}
