import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Seq2Seq } from '@seq2seq/core';
import type { ImageBatch } from '@seq2seq/image';
import type { ImageInputs } from './inputs.js';

/**
 * Captioned images a model has seen, as unit-length embeddings (the encoder's summary): a memory
 * for retrieval-aided captioning. A caption's similarity to a query is the best cosine over its images.
 */
export interface Gallery {
  /** Distinct captions. */
  captions: string[];
  /** Caption index of each embedding row. */
  rows: Int32Array;
  /** Embedding width. */
  dim: number;
  /** [rows.length * dim], unit rows */
  embeddings: Float32Array;
}

/** Queries per similarity block in `nearestCaptions`. */
const QUERY_BLOCK = 256;

/** Unit-length encoder summaries [keys.length * D] of prepared images, in the order of `keys`. */
export function embedImages(model: Seq2Seq<ImageBatch>, inputs: ImageInputs, keys: readonly string[], batchSize = 64): { dim: number; data: Float32Array } {
  const dim = model.encoder.outputDim;
  const data = new Float32Array(keys.length * dim);
  for (let start = 0; start < keys.length; start += batchSize) {
    const batch = inputs.batch(keys.slice(start, start + batchSize));
    const unit = tf.tidy(() => {
      const s = model.encode(batch).summary;
      return tf.div(s, tf.maximum(tf.norm(s, 2, 1, true), 1e-12));
    });
    data.set(unit.dataSync(), start * dim);
    tf.dispose([unit, batch]);
  }
  return { dim, data };
}

/** A gallery of (image, caption) pairs whose images are prepared in `inputs` (others are left out). */
export function buildGallery(model: Seq2Seq<ImageBatch>, inputs: ImageInputs, pairs: readonly { image: string; caption: string }[]): Gallery {
  const kept = pairs.filter((p) => inputs.has(p.image));
  if (kept.length === 0) throw new Error('gallery: no image of the pairs is prepared');
  const index = new Map<string, number>();
  const rows = Int32Array.from(kept, (p) => index.get(p.caption) ?? index.set(p.caption, index.size).get(p.caption)!);
  // Each image is embedded once, however many captions it has.
  const images = [...new Set(kept.map((p) => p.image))];
  const at = new Map(images.map((im, i) => [im, i]));
  const { dim, data } = embedImages(model, inputs, images);
  const embeddings = new Float32Array(kept.length * dim);
  kept.forEach((p, r) => embeddings.set(data.subarray(at.get(p.image)! * dim, (at.get(p.image)! + 1) * dim), r * dim));
  return { captions: [...index.keys()], rows, dim, embeddings };
}

/**
 * The k most similar distinct captions for each query embedding [Q * dim] (unit rows), best first,
 * with their cosine similarity.
 */
export function nearestCaptions(g: Gallery, queries: Float32Array, k: number): { caption: string; similarity: number }[][] {
  const q = queries.length / g.dim;
  const perCaption = g.rows.length / Math.max(1, g.captions.length);
  // Enough rows to find k distinct captions in almost every case; a shortfall just returns fewer.
  const take = Math.min(g.rows.length, Math.ceil(k * perCaption * 2) + 8);
  // The gallery goes to the backend once; queries go in blocks so the similarity matrix stays small.
  const values = new Float32Array(q * take);
  const indices = new Int32Array(q * take);
  const rows = tf.tensor2d(g.embeddings, [g.rows.length, g.dim]);
  for (let s = 0; s < q; s += QUERY_BLOCK) {
    const n = Math.min(QUERY_BLOCK, q - s);
    tf.tidy(() => {
      const top = tf.topk(tf.matMul(tf.tensor2d(queries.subarray(s * g.dim, (s + n) * g.dim), [n, g.dim]), rows, false, true), take);
      values.set(top.values.dataSync(), s * take);
      indices.set(top.indices.dataSync(), s * take);
    });
  }
  rows.dispose();
  const out: { caption: string; similarity: number }[][] = [];
  for (let i = 0; i < q; i++) {
    const seen = new Set<number>();
    const list: { caption: string; similarity: number }[] = [];
    for (let j = 0; j < take && list.length < k; j++) {
      const c = g.rows[indices[i * take + j]!]!;
      if (seen.has(c)) continue;
      seen.add(c);
      list.push({ caption: g.captions[c]!, similarity: values[i * take + j]! });
    }
    out.push(list);
  }
  return out;
}

const FORMAT = 1;

/** Writes `gallery.json` + `gallery.bin` (float32 little-endian) into a checkpoint directory, each through a temporary file and a rename. */
export function saveGallery(dir: string, g: Gallery): void {
  const bin = join(dir, 'gallery.bin');
  const buf = Buffer.from(g.embeddings.buffer, g.embeddings.byteOffset, g.embeddings.byteLength);
  writeFileSync(`${bin}.tmp`, buf);
  renameSync(`${bin}.tmp`, bin);
  const json = join(dir, 'gallery.json');
  writeFileSync(`${json}.tmp`, JSON.stringify({ format: FORMAT, dim: g.dim, captions: g.captions, rows: Array.from(g.rows) }));
  renameSync(`${json}.tmp`, json);
}

/** The gallery stored in a checkpoint directory, or undefined where it has none; a damaged one throws naming the file. */
export function loadGallery(dir: string): Gallery | undefined {
  const json = join(dir, 'gallery.json');
  if (!existsSync(json)) return undefined;
  const bad = (why: string): never => {
    throw new Error(`gallery '${json}': ${why}`);
  };
  let meta: { format?: unknown; dim?: unknown; captions?: unknown; rows?: unknown };
  try {
    meta = JSON.parse(readFileSync(json, 'utf8')) as typeof meta;
  } catch (e) {
    return bad(`not JSON (${(e as Error).message})`);
  }
  if (meta.format !== FORMAT) bad(`format ${String(meta.format)}, expected ${FORMAT}`);
  const dim = Number(meta.dim);
  const captions = meta.captions;
  const rows = meta.rows;
  if (!Number.isInteger(dim) || dim < 1 || !Array.isArray(captions) || !Array.isArray(rows)) return bad('missing dim, captions or rows');
  if (rows.some((r) => !Number.isInteger(r) || r < 0 || r >= captions.length)) bad('a row names no caption');
  const raw = readFileSync(join(dir, 'gallery.bin'));
  if (raw.byteLength !== rows.length * dim * 4) bad(`gallery.bin holds ${raw.byteLength} bytes, expected ${rows.length} x ${dim} floats`);
  const embeddings = new Float32Array(raw.byteLength / 4);
  new Uint8Array(embeddings.buffer).set(raw);
  return { captions: captions.map(String), rows: Int32Array.from(rows as number[]), dim, embeddings };
}

/**
 * Builds and saves the gallery of each checkpoint directory given (its own encoder embeds the
 * images: a fine-tuned encoder differs between best/ and last/). `load` opens a checkpoint.
 */
export async function writeGalleries(
  dirs: readonly string[],
  load: (dir: string) => Promise<{ model: Seq2Seq<ImageBatch> }>,
  inputs: ImageInputs,
  pairs: readonly { image: string; caption: string }[],
  log: (line: string) => void = () => {},
): Promise<void> {
  for (const dir of dirs) {
    const { model } = await load(dir);
    try {
      const g = buildGallery(model, inputs, pairs);
      saveGallery(dir, g);
      log(`gallery: ${g.rows.length} (image, caption) pairs, ${g.captions.length} distinct captions, written to ${dir}`);
    } finally {
      model.store.dispose();
    }
  }
}
