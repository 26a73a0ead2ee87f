import { usableFeatures } from './wav-features.js';
import { AudioInputError, extractFeatures, featureConfig, type FeatureConfig, FeatureCache, type FeatureMatrix, loadFeatures } from '@seq2seq/audio';

export interface FileFeatureOptions {
  features: Partial<FeatureConfig>;
  /** Feature cache directory (none: extract every time). */
  cacheDir?: string;
  /** Longer files are rejected from their header. Default 60 s. */
  maxDurationSec?: number;
  /** Also reject files whose peak is below the silence threshold. Default true. */
  rejectSilent?: boolean;
  /** VTLP warp of the front end (test-time augmentation). Default 1 (none). */
  vtlp?: number;
}

/** Per file: its features, or why it was skipped (the message names the file). */
export type FileFeatures = { ok: true; features: FeatureMatrix } | { ok: false; error: string };

/**
 * Features of many files; a bad file (unreadable, truncated, not a WAV, too long, silent) never
 * stops the batch: its entry holds the error instead. Other errors (bugs) are rethrown.
 */
export async function loadFileFeatures(paths: readonly string[], o: FileFeatureOptions): Promise<FileFeatures[]> {
  const wav = { maxDurationSec: o.maxDurationSec ?? 60 };
  const augment = o.vtlp !== undefined && o.vtlp !== 1 ? { augment: { vtlp: o.vtlp } } : {};
  const cache = o.cacheDir ? new FeatureCache({ dir: o.cacheDir, features: o.features, wav, ...augment }) : undefined;
  const out: FileFeatures[] = [];
  for (const p of paths) {
    try {
      const m = cache ? await cache.load(p) : await loadFeatures(p, { features: o.features, wav, ...augment });
      out.push({ ok: true, features: usableFeatures(m, p, o.rejectSilent ?? true) });
    } catch (e) {
      if (!(e instanceof AudioInputError)) throw e;
      out.push({ ok: false, error: e.message });
    }
  }
  return out;
}

/**
 * The views for test-time augmentation: for each warp, the features of `paths` under that VTLP warp
 * (`base`, the unwarped features of the same files, for warp 1).
 */
export async function warpedViews(paths: readonly string[], base: readonly FeatureMatrix[], warps: readonly number[], o: FileFeatureOptions): Promise<FeatureMatrix[][]> {
  const views: FeatureMatrix[][] = [];
  for (const w of warps) {
    if (w === 1) {
      views.push([...base]);
      continue;
    }
    const got = await loadFileFeatures(paths, { ...o, vtlp: w });
    views.push(got.map((g, i) => {
      if (!g.ok) throw new Error(`${paths[i]}: readable unwarped but not with VTLP warp ${w}: ${g.error}`);
      return g.features;
    }));
  }
  return views;
}

/** Features of in-memory utterances (generated data). */
export function samplesFeatures(utts: readonly { samples: Float32Array; sampleRate: number; vtlp?: number }[], features: Partial<FeatureConfig>): FeatureMatrix[] {
  const c = featureConfig(features);
  return utts.map((u) => extractFeatures(u.samples, u.sampleRate, c, u.vtlp === undefined ? {} : { vtlp: u.vtlp }));
}
