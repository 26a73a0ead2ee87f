import { AudioInputError, extractFeatures, featureConfig, type FeatureConfig, FeatureCache, type FeatureMatrix, loadFeatures } from '@seq2seq/audio';

export interface FileFeatureOptions {
  features: Partial<FeatureConfig>;
  /** Feature cache directory (none: extract every time). */
  cacheDir?: string;
  /** Longer files are rejected from their header. Default 60 s. */
  maxDurationSec?: number;
  /** Also reject files whose peak is below the silence threshold. Default true. */
  rejectSilent?: boolean;
}

/** Per file: its features, or why it was skipped (the message names the file). */
export type FileFeatures = { ok: true; features: FeatureMatrix } | { ok: false; error: string };

/**
 * Features of many files; a bad file (unreadable, truncated, not a WAV, too long, silent) never
 * stops the batch: its entry holds the error instead. Other errors (bugs) are rethrown.
 */
export async function loadFileFeatures(paths: readonly string[], o: FileFeatureOptions): Promise<FileFeatures[]> {
  const wav = { maxDurationSec: o.maxDurationSec ?? 60 };
  const cache = o.cacheDir ? new FeatureCache({ dir: o.cacheDir, features: o.features, wav }) : undefined;
  const out: FileFeatures[] = [];
  for (const p of paths) {
    try {
      const m = cache ? await cache.load(p) : await loadFeatures(p, { features: o.features, wav });
      if (m.silent && (o.rejectSilent ?? true)) throw new AudioInputError(p, 'silent (peak below -80 dBFS), nothing to transcribe');
      out.push({ ok: true, features: { data: m.data, frames: m.frames, dim: m.dim } });
    } catch (e) {
      if (!(e instanceof AudioInputError)) throw e;
      out.push({ ok: false, error: e.message });
    }
  }
  return out;
}

/** Features of in-memory utterances (generated data). */
export function samplesFeatures(utts: readonly { samples: Float32Array; sampleRate: number; vtlp?: number }[], features: Partial<FeatureConfig>): FeatureMatrix[] {
  const c = featureConfig(features);
  return utts.map((u) => extractFeatures(u.samples, u.sampleRate, c, u.vtlp === undefined ? {} : { vtlp: u.vtlp }));
}
