import type { FeatureConfig } from '@seq2seq/audio';
import { generateDigitStrings, type GeneratedUtterance } from './digit-strings.js';
import { type FileFeatureOptions, loadFileFeatures, samplesFeatures } from './features.js';
import { listFsdd, recordingsOf } from './fsdd.js';
import { readManifest } from './manifest.js';
import type { SpeechUtterance } from './train.js';

export interface FsddSetOptions {
  dir: string;
  speakers: readonly string[];
  count: number;
  seed: number;
  /** Speed perturbation factors (training: [0.9, 1, 1.1]). Default [1]. */
  speeds?: readonly number[];
  /** Gain range in dB. Default [0, 0]. */
  gainDb?: [number, number];
  /** VTLP warp range per utterance (training). Default none. */
  vtlp?: [number, number];
  idPrefix?: string;
}

/** Deterministic digit-string utterances from the given FSDD speakers (see generateDigitStrings). */
export async function fsddUtterances(o: FsddSetOptions): Promise<GeneratedUtterance[]> {
  const recs = recordingsOf(listFsdd(o.dir), o.speakers);
  return generateDigitStrings(recs, { count: o.count, seed: o.seed, ...(o.speeds ? { speeds: o.speeds } : {}), ...(o.gainDb ? { gainDb: o.gainDb } : {}), ...(o.vtlp ? { vtlp: o.vtlp } : {}), ...(o.idPrefix ? { idPrefix: o.idPrefix } : {}) });
}

/** Generated utterances -> features + transcripts. */
export function featurizeGenerated(utts: readonly GeneratedUtterance[], features: Partial<FeatureConfig>): SpeechUtterance[] {
  const feats = samplesFeatures(utts, features);
  return utts.map((u, i) => ({ features: feats[i]!, text: u.text }));
}

export interface ManifestData {
  /** Every manifest row, in order; `features` is undefined for skipped files. */
  rows: { path: string; text: string; features?: SpeechUtterance['features']; error?: string }[];
  /** Problems: malformed manifest lines and unusable audio files, each naming the line or file. */
  skipped: string[];
}

/** Reads a manifest and the features of its files; bad files are skipped and reported, never thrown. */
export async function loadManifestData(file: string, o: FileFeatureOptions): Promise<ManifestData> {
  const m = readManifest(file);
  const feats = await loadFileFeatures(m.items.map((i) => i.path), o);
  const skipped = m.skipped.map((s) => `${file} ${s}`);
  const rows = m.items.map((item, i) => {
    const f = feats[i]!;
    if (f.ok) return { ...item, features: f.features };
    skipped.push(f.error);
    return { ...item, error: f.error };
  });
  return { rows, skipped };
}

/** The usable rows of a manifest as training utterances. */
export function usableUtterances(d: ManifestData): SpeechUtterance[] {
  return d.rows.flatMap((r) => (r.features ? [{ features: r.features, text: r.text }] : []));
}
