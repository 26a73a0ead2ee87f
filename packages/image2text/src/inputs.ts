import * as tf from '@tensorflow/tfjs';
import type { Encoder, JsonObject } from '@seq2seq/core';
import {
  type CachedFeatures,
  type FeatureExtractor,
  featureBatch,
  type ImageBatch,
  type ImageFrontEndOptions,
  loadImages,
  precomputeFeatures,
  type PreparedImage,
  toImageBatch,
} from '@seq2seq/image';
import { augmentPixels } from './augment.js';

/** Prepared images (or their cached features) that batches are cut from, by key (the image path). */
export interface ImageInputs {
  readonly kind: 'features' | 'pixels';
  has(key: string): boolean;
  /** Keys of the augmented views of an image (for features: precomputed views; for pixels: none). */
  views(key: string): string[];
  /** A batch of these keys; `augmentSeed` perturbs pixel batches on the fly (ignored for features). */
  batch(keys: readonly string[], augmentSeed?: number): ImageBatch;
}

export interface PrepareInputsOptions {
  /** Side images are decoded at before a bilinear resize to the encoder's size (0 = the encoder's). Default 0. */
  loadSize?: number;
  /** Crop to the drawn pixels first (`ImageFrontEndOptions.trim`). Default false. */
  trim?: boolean;
  /** Augmented views precomputed per image (frozen encoders only). Default 0. */
  augmentViews?: number;
  /** Seed of those views. Default 1. */
  augmentSeed?: number;
  /** Feature cache folder (frozen encoders). Default: the image package's `defaultFeatureCacheDir()`. */
  cacheDir?: string;
  /** Skip unreadable images (returned in `skipped`) instead of throwing. Default false. */
  skipBad?: boolean;
  log?: (line: string) => void;
  /** Epoch ms by which feature extraction must be done (training's --max-minutes). */
  deadline?: number;
}

type FrozenEncoder = Encoder<ImageBatch> & FeatureExtractor;
const isFrozen = (e: Encoder<ImageBatch>): e is FrozenEncoder => typeof (e as Partial<FeatureExtractor>).extractFeatures === 'function';

/** The front end an image encoder wants (ConvEncoder and MobileNetEncoder expose `frontEnd`). */
export function frontEndOf(encoder: Encoder<ImageBatch>): ImageFrontEndOptions {
  const fe = (encoder as { frontEnd?: ImageFrontEndOptions }).frontEnd;
  if (!fe) throw new Error(`image encoder '${encoder.kind}' has no frontEnd (input size); cannot prepare images for it`);
  return fe;
}

/**
 * Loads the images an encoder needs: for a frozen encoder (MobileNet) their grid features, computed
 * once and cached on disk, plus `augmentViews` augmented views each; for a trainable one (conv) the
 * prepared pixels, kept in memory.
 */
export async function prepareInputs(encoder: Encoder<ImageBatch>, paths: readonly string[], o: PrepareInputsOptions = {}): Promise<{ inputs: ImageInputs; skipped: { path: string; error: string }[] }> {
  const fe = frontEndOf(encoder);
  const size = o.loadSize && o.loadSize > 0 ? o.loadSize : (fe.height ?? 224);
  const loadFe: ImageFrontEndOptions = { ...fe, height: size, width: size, ...(o.trim ? { trim: true } : {}) };
  if (!isFrozen(encoder)) {
    const { images, skipped } = await loadImages(paths, { ...loadFe, skipBad: o.skipBad ?? false });
    return { inputs: new PixelInputs(new Map(images.map((im) => [im.source, im])), [fe.height ?? size, fe.width ?? size]), skipped };
  }
  if (encoder.load) await encoder.load();
  const features = new Map<string, CachedFeatures>();
  const views = Math.max(0, o.augmentViews ?? 0);
  let skipped: { path: string; error: string }[] = [];
  for (let v = 0; v <= views; v++) {
    const extractor = new ResizingExtractor(encoder, loadFe, v === 0 ? undefined : { view: v, seed: o.augmentSeed ?? 1 });
    const todo = v === 0 ? paths : paths.filter((p) => features.has(p));
    const r = await precomputeFeatures(extractor, todo, { ...(o.cacheDir ? { cacheDir: o.cacheDir } : {}), skipBad: o.skipBad ?? false, ...(o.log ? { log: o.log } : {}), ...(o.deadline !== undefined ? { deadline: o.deadline } : {}) });
    for (const [p, f] of r.features) features.set(v === 0 ? p : viewKey(p, v), f);
    if (v === 0) skipped = r.skipped;
    o.log?.(`${encoder.kind} features${v === 0 ? '' : ` (augmented view ${v})`}: ${r.hits} cached, ${r.computed} computed, ${r.skipped.length} skipped`);
  }
  return { inputs: new FeatureInputs(features, views), skipped };
}

const viewKey = (path: string, view: number) => `${path}\u0000view${view}`;

class FeatureInputs implements ImageInputs {
  readonly kind = 'features';
  constructor(
    private readonly features: Map<string, CachedFeatures>,
    private readonly numViews: number,
  ) {}
  has(key: string): boolean {
    return this.features.has(key);
  }
  views(key: string): string[] {
    return Array.from({ length: this.numViews }, (_, i) => viewKey(key, i + 1)).filter((k) => this.features.has(k));
  }
  batch(keys: readonly string[]): ImageBatch {
    return featureBatch(this.features, keys);
  }
}

class PixelInputs implements ImageInputs {
  readonly kind = 'pixels';
  constructor(
    private readonly images: Map<string, PreparedImage>,
    private readonly size: [number, number],
  ) {}
  has(key: string): boolean {
    return this.images.has(key);
  }
  views(): string[] {
    return [];
  }
  batch(keys: readonly string[], augmentSeed?: number): ImageBatch {
    const { pixels } = toImageBatch(keys.map((k) => this.images.get(k) ?? missing(k)));
    return { pixels: tf.tidy(() => resizeAndAugment(pixels, this.size, augmentSeed, true)) };
  }
}

const missing = (k: string): never => {
  throw new Error(`image '${k}' was not prepared`);
};

/** Resizes to [H, W] when needed and augments when a seed is given; disposes `pixels` if `own`. */
function resizeAndAugment(pixels: tf.Tensor4D, [h, w]: [number, number], seed: number | undefined, own: boolean): tf.Tensor4D {
  let x = pixels;
  if (x.shape[1] !== h || x.shape[2] !== w) x = tf.image.resizeBilinear(x, [h, w], false, true);
  if (seed !== undefined) x = augmentPixels(x, seed);
  if (own && x !== pixels) pixels.dispose();
  return x;
}

/** A frozen extractor behind a smaller decode size (and optionally one augmented view): resize, augment, extract. */
class ResizingExtractor implements FeatureExtractor {
  private calls = 0;
  constructor(
    private readonly inner: FeatureExtractor,
    readonly frontEnd: ImageFrontEndOptions,
    private readonly augment: { view: number; seed: number } | undefined,
  ) {}
  featureKey(): JsonObject {
    const innerSize = [this.inner.frontEnd.height ?? 224, this.inner.frontEnd.width ?? 224];
    return { ...this.inner.featureKey(), resizedTo: innerSize, ...(this.augment ? { augment: { ...this.augment, version: 1 } } : {}) };
  }
  extractFeatures(pixels: tf.Tensor4D): tf.Tensor3D {
    // Each call's views differ (seed + call count): every cached view is one random perturbation.
    const seed = this.augment ? this.augment.seed * 1_000_003 + this.augment.view * 7919 + this.calls++ : undefined;
    return tf.tidy(() => {
      const plain = resizeAndAugment(pixels, [this.inner.frontEnd.height ?? 224, this.inner.frontEnd.width ?? 224], undefined, false);
      // Colours for palette channels come from the unperturbed view (see MobileNetEncoder.extractFeatures).
      return this.inner.extractFeatures(seed === undefined ? plain : augmentPixels(plain, seed), plain);
    });
  }
}
