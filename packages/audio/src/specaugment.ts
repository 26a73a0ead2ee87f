import { mulberry32 } from '@seq2seq/core';
import type { FeatureMatrix } from './features.js';

export interface SpecAugmentOptions {
  /** Number of frequency (channel) masks. Default 2. */
  freqMasks?: number;
  /** Max channels per frequency mask (width drawn from 0..F). Default 8. */
  maxFreqWidth?: number;
  /** Number of time masks. Default 2. */
  timeMasks?: number;
  /** Max frames per time mask. Default 20. */
  maxTimeWidth?: number;
  /** A time mask covers at most this fraction of the utterance (keeps short clips usable). Default 0.2. */
  maxTimeFraction?: number;
  /** Masked value; 0 is the mean after CMVN. Default 0. */
  value?: number;
  /**
   * Channels per block that frequency masks apply to alike: with deltas the static, delta and
   * delta-delta blocks are masked at the same bands. Default: the whole dim (one block).
   */
  blockDim?: number;
  seed: number;
}

/**
 * SpecAugment-style masking (Park et al. 2019, without time warping) for training: zeroes random
 * channel bands and frame spans. Seeded: the same seed gives the same masks. Returns a new matrix.
 */
export function specAugment(m: FeatureMatrix, options: SpecAugmentOptions): FeatureMatrix {
  const rand = mulberry32(options.seed);
  const int = (hi: number) => Math.floor(rand() * (hi + 1)); // 0..hi
  const data = m.data.slice();
  const value = options.value ?? 0;
  const block = options.blockDim ?? m.dim;
  if (m.dim % block !== 0) throw new Error(`specAugment: blockDim ${block} does not divide dim ${m.dim}`);
  for (let k = 0; k < (options.freqMasks ?? 2); k++) {
    const w = int(Math.min(options.maxFreqWidth ?? 8, block));
    const f0 = int(block - w);
    for (let t = 0; t < m.frames; t++) {
      for (let b = 0; b < m.dim; b += block) data.fill(value, t * m.dim + b + f0, t * m.dim + b + f0 + w);
    }
  }
  const maxT = Math.min(options.maxTimeWidth ?? 20, Math.floor((options.maxTimeFraction ?? 0.2) * m.frames));
  for (let k = 0; k < (options.timeMasks ?? 2); k++) {
    const w = int(maxT);
    const t0 = int(m.frames - w);
    data.fill(value, t0 * m.dim, (t0 + w) * m.dim);
  }
  return { data, frames: m.frames, dim: m.dim };
}
