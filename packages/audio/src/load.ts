import { audioFeatures, type LoadFeaturesOptions, type UtteranceFeatures } from './features-of-audio.js';
import { readWav } from './wav.js';

export type { LoadFeaturesOptions, UtteranceFeatures } from './features-of-audio.js';

/** WAV file -> features (decode, down-mix, resample, frame, meyda, deltas, CMVN). */
export async function loadFeatures(path: string, options: LoadFeaturesOptions = {}): Promise<UtteranceFeatures> {
  return audioFeatures(await readWav(path, options.wav), options);
}
