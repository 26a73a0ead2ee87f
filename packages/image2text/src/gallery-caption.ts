import * as tf from '@tensorflow/tfjs';
import type { Seq2Seq } from '@seq2seq/core';
import type { ImageBatch } from '@seq2seq/image';
import { lengthPenalty } from '@seq2seq/search';
import { type TextField, targetBatch, UNK } from '@seq2seq/text';
import { embedImages, type Gallery, nearestCaptions } from './gallery.js';
import { type GeneratedCaption, generateCaptions } from './generate.js';
import type { ImageInputs } from './inputs.js';

export interface GalleryCaptionOptions {
  /** Captions retrieved per image and scored by the decoder. Default 10. */
  top?: number;
  /** Weight of the retrieval similarity (cosine) in the score. Default 20. */
  weight?: number;
  /** GNMT length penalty alpha on the decoder's log-probability. Default 0.6. */
  lengthPenalty?: number;
  /** Captions per image in the result, best first. Default 1. */
  nBest?: number;
  /** Images per batch. Default 16. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/** A retrieved caption with the decoder's teacher-forced log-probabilities of its tokens (+ <eos>). */
export interface ScoredCandidate {
  caption: string;
  tokens: number[];
  similarity: number;
  tokenLogProbs: number[];
}

/**
 * Retrieval-aided captioning: each image's `top` nearest gallery captions (cosine of encoder
 * summaries) are scored by the decoder, teacher-forced, and ranked by length-penalised
 * log-probability + weight x similarity. For labelling tasks whose captions come from a known set
 * (emoji names): a drawing in an unseen style is often nearest to a drawing of its own name, and
 * the decoder, which reads the grid (and palette channels), tells the neighbours apart.
 */
export async function captionWithGallery(model: Seq2Seq<ImageBatch>, field: TextField, inputs: ImageInputs, keys: readonly string[], gallery: Gallery, o: GalleryCaptionOptions = {}): Promise<GeneratedCaption[][]> {
  const weight = o.weight ?? 20;
  const alpha = o.lengthPenalty ?? 0.6;
  const out: GeneratedCaption[][] = [];
  await scoreGalleryCandidates(model, field, inputs, keys, gallery, o, (candidates) => {
    for (const list of candidates) {
      const ranked = list
        .map((c) => {
          const logProb = c.tokenLogProbs.reduce((a, b) => a + b, 0);
          const score = logProb / lengthPenalty(c.tokens.length + 1, alpha) + weight * c.similarity;
          return { tokens: c.tokens, score, logProb, tokenLogProbs: c.tokenLogProbs, text: field.decode(c.tokens), words: c.tokens.map((t) => field.vocab.pieces[t] ?? '<unk>') };
        })
        .sort((a, b) => b.score - a.score);
      out.push(ranked.slice(0, o.nBest ?? 1));
    }
  });
  // Where no retrieved caption can be written with the vocabulary, the decoder captions freely.
  const empty = keys.filter((_, i) => out[i]!.length === 0);
  if (empty.length > 0) {
    const free = await generateCaptions(model, field, inputs, empty, { beam: 1, ...(o.lengthPenalty !== undefined ? { lengthPenalty: o.lengthPenalty } : {}) });
    let j = 0;
    keys.forEach((_, i) => {
      if (out[i]!.length === 0) out[i] = free[j++]!;
    });
  }
  return out;
}

/**
 * The candidates of every key (in order), handed to `sink` one batch of images at a time: the
 * retrieved captions the vocabulary can write, with their similarity and decoder log-probabilities.
 */
export async function scoreGalleryCandidates(
  model: Seq2Seq<ImageBatch>,
  field: TextField,
  inputs: ImageInputs,
  keys: readonly string[],
  gallery: Gallery,
  o: Pick<GalleryCaptionOptions, 'top' | 'batchSize' | 'onProgress'>,
  sink: (candidates: ScoredCandidate[][]) => void,
): Promise<void> {
  if (model.encoder.outputDim !== gallery.dim) throw new Error(`gallery embeddings are ${gallery.dim} wide, the model's encoder ${model.encoder.outputDim}: the gallery belongs to another model`);
  const batchSize = o.batchSize ?? 16;
  // Retrieval for all keys at once (one pass over the gallery), then decoder scores batch by batch.
  const nearAll = nearestCaptions(gallery, embedImages(model, inputs, keys).data, o.top ?? 10);
  for (let start = 0; start < keys.length; start += batchSize) {
    const chunk = keys.slice(start, start + batchSize);
    const near = nearAll.slice(start, start + batchSize);
    const lists: ScoredCandidate[][] = near.map((list) =>
      list.map((c) => ({ caption: c.caption, tokens: field.ids(c.caption), similarity: c.similarity, tokenLogProbs: [] as number[] })).filter((c) => c.tokens.length > 0 && !c.tokens.includes(UNK)),
    );
    const rows = lists.flatMap((list, i) => list.map((c) => ({ key: chunk[i]!, c })));
    if (rows.length > 0) {
      const batch = inputs.batch(rows.map((r) => r.key));
      const target = targetBatch(rows.map((r) => r.c.tokens));
      const picked = tf.tidy(() => {
        const logits = model.logits(batch, target.targetIn);
        const logProbs = tf.logSoftmax(logits);
        return tf.mul(tf.sum(tf.mul(logProbs, tf.oneHot(target.targetOut, logits.shape[2])), 2), target.targetMask);
      });
      const values = await picked.data();
      const t = picked.shape[1]!;
      rows.forEach((r, i) => {
        r.c.tokenLogProbs = Array.from(values.subarray(i * t, i * t + r.c.tokens.length + 1));
      });
      tf.dispose([picked, batch, target.targetIn, target.targetOut, target.targetMask]);
    }
    sink(lists);
    o.onProgress?.(Math.min(start + batchSize, keys.length), keys.length);
  }
}
