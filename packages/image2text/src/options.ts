import type { LoopSettings } from '@seq2seq/core';
import type { AttentionType } from '@seq2seq/decoder-lstm';

export type ImageEncoderKind = 'mobilenet' | 'mobilenet-v2' | 'conv';

/** The pretrained (frozen, cached-feature) encoder kinds. */
export const isPretrainedKind = (k: ImageEncoderKind): boolean => k === 'mobilenet' || k === 'mobilenet-v2';

/** Everything that shapes a captioning model. Apps override the defaults for their task. */
export interface CaptionModelOptions {
  /**
   * 'mobilenet' (v1, frozen or top blocks tuned; features are cached), 'mobilenet-v2' (v2 1.0 from a
   * local LayersModel folder, frozen, cached) or 'conv' (small CNN trained from scratch). Default 'mobilenet'.
   */
  encoder: ImageEncoderKind;
  /** MobileNet v1 width multiplier (ignored by v2, which is 1.0). Default 0.25 (the copy in ../shared/models). */
  alpha: 0.25 | 0.5 | 0.75 | 1;
  /**
   * MobileNet top blocks trained with the decoder, 0..7. Default 0 (frozen). The cache then holds
   * the grid below them (k = 1: [49, 256] per view at alpha 0.25, as k = 0; k >= 2: [196, 128]).
   */
  fineTuneBlocks: number;
  /**
   * MobileNet only: 'skin-tones' appends to every grid cell the shares of its pixels near each
   * emoji skin-tone colour (`SKIN_TONES`), read from the unaugmented pixels; 'none' adds nothing.
   * Default 'none' (checkpoints written before this option load with 'none').
   */
  palette: 'none' | 'skin-tones';
  /** ConvEncoder channels per block. Default [32, 64, 128]. */
  convChannels: number[];
  /** ConvEncoder input side. Default 64. */
  convInputSize: number;
  /**
   * Side images are decoded and resized to before the encoder's own size is reached with a bilinear
   * resize on the batch (0 = the encoder's input size). Small images such as 64x64 emoji decode much
   * faster at their own size than at 224. Default 0.
   */
  loadSize: number;
  /**
   * Crop each image to the square around its drawn (non-transparent) pixels before resizing, so
   * emoji or icons from artists with different margins fill the frame alike. No effect on images
   * without transparency. Default true (checkpoints written before this option load with it off).
   */
  trim: boolean;
  /** Lowercase captions. Default true. */
  lowercase: boolean;
  /** Drop caption words seen fewer times in training. Default 1. */
  minFrequency: number;
  /** Caption tokens kept in training (incl. <eos>). Default 30. */
  maxCaptionLength: number;
  embeddingDim: number;
  decoderUnits: number;
  decoderLayers: number;
  attention: AttentionType;
  inputFeeding: boolean;
  dropout: number;
  labelSmoothing: number;
}

export const captionModelDefaults: CaptionModelOptions = {
  encoder: 'mobilenet',
  alpha: 0.25,
  fineTuneBlocks: 0,
  palette: 'none',
  convChannels: [32, 64, 128],
  convInputSize: 64,
  loadSize: 0,
  trim: true,
  lowercase: true,
  minFrequency: 1,
  maxCaptionLength: 30,
  embeddingDim: 128,
  decoderUnits: 256,
  decoderLayers: 1,
  attention: 'general',
  // Off, as every README recipe trains (--no-input-feeding); checkpoints keep their own (load.ts).
  inputFeeding: false,
  dropout: 0.3,
  labelSmoothing: 0.1,
};

/** Training-loop and data settings exposed on the command line. */
export interface CaptionTrainOptions extends LoopSettings {
  /** (image, caption) pairs per batch. Default 64. */
  batchSize: number;
  /** Validation images decoded greedily for model selection (0 = all). Default 500. */
  validateSize: number;
  /**
   * Augmented views per training image (colour jitter, small scale/shift, grayscale, contrast):
   * precomputed and cached for MobileNet; for ConvEncoder each batch is augmented on the fly
   * (any value > 0 turns that on). Default 2.
   */
  augmentViews: number;
  /** Where MobileNet features are cached. Default: @seq2seq/image `defaultFeatureCacheDir()` (~/.cache/seq2seq/image-features). */
  cacheDir: string;
}

export const captionTrainDefaults: CaptionTrainOptions = {
  batchSize: 64,
  epochs: 30,
  maxMinutes: 0,
  learningRate: 0.003,
  warmupSteps: 100,
  ema: 0,
  validateEvery: 0,
  validateSize: 500,
  patience: 5,
  seed: 1,
  augmentViews: 2,
  cacheDir: '',
};
