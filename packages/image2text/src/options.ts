import type { LstmDecoderOptions } from '@seq2seq/decoder-lstm';
import type { ImageEncoderOptions } from '@seq2seq/image';
import type { LoopFlagOptions } from '@seq2seq/pipeline';

// The encoder kinds live with the encoders; re-exported for callers of this package.
export { type ImageEncoderKind, isPretrainedKind } from '@seq2seq/image';

/** The decoder options captioning offers, in the order its help lists them (no copy: images have no source tokens). */
export const CAPTION_DECODER_KEYS = ['embeddingDim', 'decoderUnits', 'decoderLayers', 'attention', 'inputFeeding', 'dropout'] as const;

/**
 * Everything that shapes a captioning model. Apps override the defaults for their task. The encoder
 * fields (`@seq2seq/image`: encoder, alpha, fineTuneBlocks, palette, convChannels, convInputSize)
 * and decoder fields are the components' own option types.
 */
export interface CaptionModelOptions extends ImageEncoderOptions, Pick<LstmDecoderOptions, (typeof CAPTION_DECODER_KEYS)[number]> {
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
export interface CaptionTrainOptions extends LoopFlagOptions {
  /** (image, caption) pairs per batch. Default 64. */
  batchSize: number;
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
