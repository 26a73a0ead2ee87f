import type { JsonObject } from '@seq2seq/core';

/** Front-end settings. Every field has a default (see `featureConfig`). */
export interface FeatureConfig {
  /** 'mfcc' (meyda MFCC) or 'logmel' (meyda log mel energies). Default 'mfcc'. */
  kind: 'mfcc' | 'logmel';
  /** Rate the audio is resampled to before framing. Default 16000. */
  sampleRate: number;
  /** Mel filters (also the MFCC filter bank). Default 40. */
  melBands: number;
  /** MFCCs kept, 1..40 and <= melBands (ignored for 'logmel'). Default 13. */
  numCoefficients: number;
  /** Window length in ms. Default 25. */
  frameMs: number;
  /** Hop in ms. Default 10. */
  hopMs: number;
  /** Analysis window. Default 'hamming'. */
  window: 'hamming' | 'hann';
  /** Pre-emphasis coefficient (0 = off). Default 0.97. */
  preEmphasis: number;
  /** 0 = static only, 1 = + deltas, 2 = + deltas and delta-deltas. Default 2. */
  deltaOrder: 0 | 1 | 2;
  /** Regression half-width N for deltas. Default 2. */
  deltaWindow: number;
  /** Per-utterance mean/variance normalisation of every channel. Default 'utterance'. */
  normalize: 'utterance' | 'none';
}

export const defaultFeatureConfig: FeatureConfig = {
  kind: 'mfcc',
  sampleRate: 16000,
  melBands: 40,
  numCoefficients: 13,
  frameMs: 25,
  hopMs: 10,
  window: 'hamming',
  preEmphasis: 0.97,
  deltaOrder: 2,
  deltaWindow: 2,
  normalize: 'utterance',
};

/** Fills defaults and validates. */
export function featureConfig(partial: Partial<FeatureConfig> = {}): FeatureConfig {
  const c = { ...defaultFeatureConfig, ...partial };
  const bad = (what: string) => new Error(`feature config: ${what}`);
  if (c.kind !== 'mfcc' && c.kind !== 'logmel') throw bad(`kind must be 'mfcc' or 'logmel', got '${String(c.kind)}'`);
  if (!(c.sampleRate > 0)) throw bad(`sampleRate must be > 0, got ${c.sampleRate}`);
  if (!(c.melBands >= 1 && Number.isInteger(c.melBands))) throw bad(`melBands must be a positive integer, got ${c.melBands}`);
  if (c.kind === 'mfcc' && !(Number.isInteger(c.numCoefficients) && c.numCoefficients >= 1 && c.numCoefficients <= Math.min(40, c.melBands))) {
    throw bad(`numCoefficients must be an integer in 1..min(40, melBands=${c.melBands}), got ${c.numCoefficients}`);
  }
  if (!(c.frameMs > 0 && c.hopMs > 0)) throw bad('frameMs and hopMs must be > 0');
  if (![0, 1, 2].includes(c.deltaOrder)) throw bad(`deltaOrder must be 0, 1 or 2, got ${c.deltaOrder}`);
  if (!(Number.isInteger(c.deltaWindow) && c.deltaWindow >= 1)) throw bad(`deltaWindow must be a positive integer, got ${c.deltaWindow}`);
  return c;
}

/** C, the channels per frame this config produces. */
export function featureDim(c: FeatureConfig): number {
  return (c.kind === 'mfcc' ? c.numCoefficients : c.melBands) * (1 + c.deltaOrder);
}

export function featureConfigJson(c: FeatureConfig): JsonObject {
  return { ...c };
}
