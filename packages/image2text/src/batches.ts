import type { BatchSource, TrainBatch } from '@seq2seq/core';
import { mulberry32, shuffleInPlace } from '@seq2seq/core';
import type { ImageBatch } from '@seq2seq/image';
import { targetBatch, type TextField } from '@seq2seq/text';
import type { CaptionPair } from './captions-file.js';
import type { ImageInputs } from './inputs.js';

/** A training example: the image key and its caption's token ids (no specials). */
export interface CaptionExample {
  image: string;
  target: number[];
}

/** Tokenises captions once (truncated to maxLength - 1 words, leaving room for <eos>); pairs whose image is not prepared are dropped and counted. */
export function encodeCaptions(pairs: readonly CaptionPair[], field: TextField, inputs: ImageInputs, maxLength: number): { examples: CaptionExample[]; dropped: number } {
  const examples: CaptionExample[] = [];
  let dropped = 0;
  for (const p of pairs) {
    if (!inputs.has(p.image)) {
      dropped++;
      continue;
    }
    const ids = field.ids(p.caption);
    examples.push({ image: p.image, target: ids.slice(0, Math.max(1, maxLength - 1)) });
  }
  return { examples, dropped };
}

/**
 * One epoch of batches (built lazily) in an order fixed by the seed. Each example uses its original
 * image or one of its precomputed augmented views, drawn with the seed; pixel inputs are instead
 * augmented on the fly when `augment` is set.
 */
export function epochBatches(examples: readonly CaptionExample[], inputs: ImageInputs, batchSize: number, seed: number, augment: boolean): BatchSource<ImageBatch>[] {
  const rand = mulberry32(seed);
  const order = shuffleInPlace(examples.map((_, i) => i), rand);
  const out: BatchSource<ImageBatch>[] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    const group = order.slice(start, start + batchSize).map((i) => {
      const e = examples[i]!;
      const choices = augment ? [e.image, ...inputs.views(e.image)] : [e.image];
      return { image: choices[Math.floor(rand() * choices.length)]!, target: e.target };
    });
    const batchSeed = Math.floor(rand() * 2 ** 31);
    out.push(() => makeBatch(group, inputs, augment && inputs.kind === 'pixels' ? batchSeed : undefined));
  }
  return out;
}

export function makeBatch(group: readonly CaptionExample[], inputs: ImageInputs, augmentSeed?: number): TrainBatch<ImageBatch> {
  const input = inputs.batch(group.map((e) => e.image), augmentSeed);
  const target = targetBatch(group.map((e) => e.target));
  return {
    input,
    target,
    numTargetTokens: group.reduce((n, e) => n + e.target.length + 1, 0),
    dispose() {
      if ('pixels' in input) input.pixels.dispose();
      else input.features.dispose();
      target.targetIn.dispose();
      target.targetOut.dispose();
      target.targetMask.dispose();
    },
  };
}
