import { type AudioBatch, type FeatureMatrix, prepareAudioBatch, specAugment } from '@seq2seq/audio';
import { type BatchSource, bucketBatches, type TrainBatch } from '@seq2seq/core';
import { targetBatch } from '@seq2seq/text';

/** A training example: features and target ids (no specials). */
export interface SpeechExample {
  features: FeatureMatrix;
  target: number[];
  /** Words of the transcript (what a curriculum counts, whatever the output unit). */
  words: number;
}

export interface SpeechBatchOptions {
  /** Padded frames per batch. */
  batchFrames: number;
  /** Pad F to a multiple of the encoder's subsampling factor. */
  padToMultiple: number;
  /** SpecAugment with masks drawn from the epoch seed; `blockDim` = static feature dim. */
  specAugment?: { blockDim: number } | false;
  /** Short-first curriculum: during the first `epochs` epochs only examples of at most `maxWords` words. */
  curriculum?: Curriculum;
}

/**
 * Attention on long audio locks onto the frames only after many updates; on short utterances it does
 * so within a few hundred (1-3 digits: ~450 updates; 1-7 digits: none in 2,100). Training on the
 * short examples first and then on all of them is the cheap fix (cf. SortaGrad, Deep Speech 2).
 */
export interface Curriculum {
  epochs: number;
  maxWords: number;
}

/** The examples an epoch trains on under a curriculum (all of them once it is over, or when none are short). */
export function curriculumExamples<T extends { words: number }>(examples: readonly T[], epoch: number, c: Curriculum | undefined): readonly T[] {
  if (!c || epoch >= c.epochs) return examples;
  const short = examples.filter((e) => e.words <= c.maxWords);
  return short.length > 0 ? short : examples;
}

/** One epoch of frame-budget batches of similar length, in an order fixed by the seed. */
export function speechEpochBatches(examples: readonly SpeechExample[], ctx: { seed: number; epoch: number }, o: SpeechBatchOptions): BatchSource<AudioBatch>[] {
  const { seed } = ctx;
  const used = new Set(curriculumExamples(examples, ctx.epoch, o.curriculum));
  const indexed = examples.map((e, i) => ({ e, i })).filter(({ e }) => used.has(e));
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
