import { featureConfig, type FeatureConfig } from './feature-config.js';
import { extractFeatures, type FeatureAugment, type FeatureMatrix } from './features.js';
import type { DecodedAudio, DecodeWavOptions } from './wav-decode.js';

// The front end after the WAV is decoded, apart from load.ts (which reads files with node:fs), so
// that a web page turning dropped WAV bytes into features runs exactly what `transcribe` runs.

/** Features of one file plus what the decoder noticed about it. */
export interface UtteranceFeatures extends FeatureMatrix {
  /** Peak below the silence threshold (see DecodeWavOptions). */
  silent: boolean;
  durationSec: number;
}

export interface LoadFeaturesOptions {
  features?: Partial<FeatureConfig>;
  wav?: DecodeWavOptions;
  /** Front-end perturbation, e.g. a VTLP warp for test-time augmentation. Default none. */
  augment?: FeatureAugment;
}

/** Decoded audio -> features (resample, frame, meyda, deltas, CMVN). */
export function audioFeatures(audio: DecodedAudio, options: LoadFeaturesOptions = {}): UtteranceFeatures {
  const m = extractFeatures(audio.samples, audio.sampleRate, featureConfig(options.features), options.augment ?? {});
  return { ...m, silent: audio.silent, durationSec: audio.durationSec };
}
