import { featureConfig, type FeatureConfig } from './feature-config.js';
import { extractFeatures, type FeatureAugment, type FeatureMatrix } from './features.js';
import { readWav, type DecodeWavOptions } from './wav.js';

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

/** WAV file -> features (decode, down-mix, resample, frame, meyda, deltas, CMVN). */
export async function loadFeatures(path: string, options: LoadFeaturesOptions = {}): Promise<UtteranceFeatures> {
  const audio = await readWav(path, options.wav);
  const m = extractFeatures(audio.samples, audio.sampleRate, featureConfig(options.features), options.augment ?? {});
  return { ...m, silent: audio.silent, durationSec: audio.durationSec };
}
