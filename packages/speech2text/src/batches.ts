import { type AudioBatch, type FeatureMatrix, prepareAudioBatch, specAugment } from '@seq2seq/audio';
import { type BatchSource, bucketBatches, type TrainBatch } from '@seq2seq/core';
import { targetBatch } from '@seq2seq/text';

/** A training example: features and target ids (no specials). */
export interface SpeechExample {
  features: FeatureMatrix;
  target: number[];
}

export interface SpeechBatchOptions {
  /** Padded frames per batch. */
  batchFrames: number;
  /** Pad F to a multiple of the encoder's subsampling factor. */
  padToMultiple: number;
  /** SpecAugment with masks drawn from the epoch seed; `blockDim` = static feature dim. */
  specAugment?: { blockDim: number } | false;
}

/** One epoch of frame-budget batches of similar length, in an order fixed by the seed. */
export function speechEpochBatches(examples: readonly SpeechExample[], seed: number, o: SpeechBatchOptions): BatchSource<AudioBatch>[] {
  const indexed = examples.map((e, i) => ({ e, i }));
  const groups = bucketBatches(indexed, { batchSize: o.batchFrames, unit: 'tokens', lengthOf: (x) => x.e.features.frames, seed, poolSize: 2000 });
  return groups.map((g) => () => {
    const feats = g.map(({ e, i }) => (o.specAugment ? specAugment(e.features, { seed: (seed * 7919 + i) >>> 0, blockDim: o.specAugment.blockDim, maxTimeWidth: 10 }) : e.features));
    return makeSpeechBatch(feats, g.map(({ e }) => e.target), o.padToMultiple);
  });
}

export function makeSpeechBatch(features: FeatureMatrix[], targets: number[][], padToMultiple: number): TrainBatch<AudioBatch> {
  const input = prepareAudioBatch(features, { padToMultiple });
  const target = targetBatch(targets);
  return {
    input,
    target,
    numTargetTokens: targets.reduce((n, t) => n + t.length + 1, 0),
    dispose() {
      input.features.dispose();
      input.mask.dispose();
      target.targetIn.dispose();
      target.targetOut.dispose();
      target.targetMask.dispose();
    },
  };
}
