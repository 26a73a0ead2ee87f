import * as tf from '@tensorflow/tfjs';
import type { TargetBatch } from '@seq2seq/core';
import { EOS, PAD, SOS } from './vocabulary.js';

/** A padded source batch for TextRnnEncoder. */
export type TextBatch = {
  /** [B, S] int32, right-padded with <pad> = 0 */
  ids: tf.Tensor2D;
  /** [B, S] float32, 1 = real token */
  mask: tf.Tensor2D;
  /**
   * [B, S] int32, optional: the source ids mapped into the target vocabulary (-1 where it lacks
   * the piece, and at padding); the encoder passes it on as EncoderOutput.sourceTokens for copying.
   */
  copyIds?: tf.Tensor2D;
};

export interface TextBatchOptions {
  /** Source id -> target id or -1 (see `copyIdMap`); when given, the batch gets `copyIds`. */
  copyMap?: ArrayLike<number>;
}

/**
 * Right-pads id rows into a TextBatch. S is the longest row. Throws on an empty batch or an empty
 * row (an all-padding row has no final state to summarise).
 */
export function textBatch(rows: readonly (readonly number[])[], options: TextBatchOptions = {}): TextBatch {
  if (rows.length === 0) throw new Error('textBatch: no rows');
  rows.forEach((r, i) => {
    if (r.length === 0) throw new Error(`textBatch: row ${i} is empty`);
  });
  const s = Math.max(...rows.map((r) => r.length));
  const { ids, mask } = padRows(rows, s);
  const shape: [number, number] = [rows.length, s];
  const batch: TextBatch = { ids: tf.tensor2d(ids, shape, 'int32'), mask: tf.tensor2d(mask, shape, 'float32') };
  const map = options.copyMap;
  if (map) {
    const copy = new Int32Array(rows.length * s).fill(-1);
    rows.forEach((r, i) => r.forEach((id, j) => (copy[i * s + j] = map[id] ?? -1)));
    batch.copyIds = tf.tensor2d(copy, shape, 'int32');
  }
  return batch;
}

/**
 * Teacher-forcing tensors from target rows without specials: targetIn = <sos> row, targetOut =
 * row <eos>, both [B, T] with T = longest row + 1. An empty row is allowed (targetOut is just <eos>).
 */
export function targetBatch(rows: readonly (readonly number[])[]): TargetBatch {
  if (rows.length === 0) throw new Error('targetBatch: no rows');
  const t = Math.max(...rows.map((r) => r.length)) + 1;
  const inRows = padRows(rows.map((r) => [SOS, ...r]), t);
  const outRows = padRows(rows.map((r) => [...r, EOS]), t);
  const shape: [number, number] = [rows.length, t];
  return {
    targetIn: tf.tensor2d(inRows.ids, shape, 'int32'),
    targetOut: tf.tensor2d(outRows.ids, shape, 'int32'),
    targetMask: tf.tensor2d(outRows.mask, shape, 'float32'),
  };
}

/** Row-major ids and mask [rows.length * width], padded with <pad>. */
function padRows(rows: readonly (readonly number[])[], width: number): { ids: Int32Array; mask: Float32Array } {
  const ids = new Int32Array(rows.length * width).fill(PAD);
  const mask = new Float32Array(rows.length * width);
  rows.forEach((r, i) => {
    ids.set(r, i * width);
    mask.fill(1, i * width, i * width + r.length);
  });
  return { ids, mask };
}
