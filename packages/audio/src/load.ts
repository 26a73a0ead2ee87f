import { featureConfig, type FeatureConfig } from './feature-config.js';
import { extractFeatures, type FeatureMatrix } from './features.js';
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
}

/** WAV file -> features (decode, down-mix, resample, frame, meyda, deltas, CMVN). */
export async function loadFeatures(path: string, options: LoadFeaturesOptions = {}): Promise<UtteranceFeatures> {
  const audio = await readWav(path, options.wav);
  const m = extractFeatures(audio.samples, audio.sampleRate, featureConfig(options.features));
  return { ...m, silent: audio.silent, durationSec: audio.durationSec };
}
