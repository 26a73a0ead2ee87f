import { AudioInputError, audioFeatures, decodeWav, type FeatureConfig, type FeatureMatrix, type UtteranceFeatures } from '@seq2seq/audio';

// Browser-safe: what `transcribe predict` does to one file once its bytes are read, for a page that
// gets the bytes from a dropped file.

/** Features of `m`, or an AudioInputError naming `file` when it is silent and silence is refused. */
export function usableFeatures(m: UtteranceFeatures, file: string, rejectSilent = true): FeatureMatrix {
  if (m.silent && rejectSilent) throw new AudioInputError(file, 'silent (peak below -80 dBFS), nothing to transcribe');
  return { data: m.data, frames: m.frames, dim: m.dim };
}

/**
 * WAV bytes -> the model's features, with the checks and limits of `predict` (default 60 s, silent
 * files refused). Throws AudioInputError naming `file` for anything that is not usable audio.
 */
export function wavBytesFeatures(bytes: Uint8Array, file: string, o: { features: Partial<FeatureConfig>; maxDurationSec?: number; rejectSilent?: boolean }): FeatureMatrix {
  const audio = decodeWav(bytes, file, { maxDurationSec: o.maxDurationSec ?? 60 });
  return usableFeatures(audioFeatures(audio, { features: o.features }), file, o.rejectSilent ?? true);
}

/**
 * WAV bytes -> one feature view per VTLP warp (warp 1: unwarped), decoded once: what `predict`'s
 * test-time augmentation (warpedViews) computes for one file. Throws AudioInputError naming `file`.
 */
export function wavBytesViews(bytes: Uint8Array, file: string, o: { features: Partial<FeatureConfig>; warps: readonly number[]; maxDurationSec?: number }): FeatureMatrix[] {
  const audio = decodeWav(bytes, file, { maxDurationSec: o.maxDurationSec ?? 60 });
  return o.warps.map((w) => usableFeatures(audioFeatures(audio, { features: o.features, ...(w === 1 ? {} : { augment: { vtlp: w } }) }), file));
}
