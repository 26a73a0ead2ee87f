import * as tf from '@tensorflow/tfjs';
import type { FeatureMatrix } from './features.js';

/** What AudioRnnEncoder encodes. A `type` so it is a tf.TensorContainer. */
export type AudioBatch = {
  /** [B, F, C] features, right-padded with zeros */
  features: tf.Tensor3D;
  /** [B, F] 1 = real frame, 0 = padding */
  mask: tf.Tensor2D;
};

export interface PrepareAudioBatchOptions {
  /** Pad F up to a multiple of this (e.g. the subsampling factor, for stable shapes). Default 1. */
  padToMultiple?: number;
}

/** Right-pads a list of utterances' features into one AudioBatch. All must share dim C. */
export function prepareAudioBatch(items: FeatureMatrix[], options: PrepareAudioBatchOptions = {}): AudioBatch {
  if (items.length === 0) throw new Error('prepareAudioBatch: empty batch');
  const dim = items[0]!.dim;
  const bad = items.findIndex((m) => m.dim !== dim || m.frames < 1 || m.data.length !== m.frames * m.dim);
  if (bad >= 0) throw new Error(`prepareAudioBatch: item ${bad} has ${items[bad]!.frames} frames x ${items[bad]!.dim} dims (data ${items[bad]!.data.length}); expected dim ${dim} and >= 1 frame`);
  const mult = options.padToMultiple ?? 1;
  const longest = Math.max(...items.map((m) => m.frames));
  const F = Math.ceil(longest / mult) * mult;
  const feats = new Float32Array(items.length * F * dim);
  const mask = new Float32Array(items.length * F);
  items.forEach((m, b) => {
    feats.set(m.data, b * F * dim);
    mask.fill(1, b * F, b * F + m.frames);
  });
  return { features: tf.tensor3d(feats, [items.length, F, dim]), mask: tf.tensor2d(mask, [items.length, F]) };
}
