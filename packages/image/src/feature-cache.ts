import * as tf from '@tensorflow/tfjs';
import { type JsonObject, startProgress } from '@seq2seq/core';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FeatureBatch } from './batch.js';
import { toImageBatch } from './batch.js';
import { type ImageFrontEndOptions, loadImages } from './front-end.js';

/** A frozen network whose per-image output can be cached (MobileNetEncoder is one). */
export interface FeatureExtractor {
  /** The front end its pixels must come from (part of the cache key). */
  readonly frontEnd: ImageFrontEndOptions;
  /** JSON naming the network and layer: equal keys must mean equal features. */
  featureKey(): JsonObject;
  /** pixels [B, H, W, 3] -> features [B, S, D]; `colourPixels`: the same images before any colour perturbation, where an extractor reads exact colours. */
  extractFeatures(pixels: tf.Tensor4D, colourPixels?: tf.Tensor4D): tf.Tensor3D;
}

/** One image's features. */
export interface CachedFeatures {
  /** [S, D] */
  readonly shape: [number, number];
  /** [S * D] */
  readonly data: Float32Array;
}

export interface PrecomputeOptions {
  /** Where features are stored. Default `defaultFeatureCacheDir()`. */
  cacheDir?: string;
  /** Progress lines (images done, rate, ETA) go here. */
  log?: (line: string) => void;
  /** Epoch ms after which extraction stops with an error (the caller's time budget); what is cached stays. */
  deadline?: number;
  /** Oldest entries are deleted after extraction while the cache is larger. Default `featureCacheLimitBytes()`. */
  maxCacheBytes?: number;
  /** Images per CNN call. Default 16. */
  batchSize?: number;
  /** Skip unreadable images (listed in `skipped`) instead of throwing. Default false. */
  skipBad?: boolean;
}

export interface PrecomputeResult {
  /** Features by the path as given. */
  features: Map<string, CachedFeatures>;
  skipped: { path: string; error: string }[];
  /** How many came from the cache and how many were computed now. */
  hits: number;
  computed: number;
}

const FORMAT = 1;

/**
 * Computes each image's features once and stores them on disk (`<sha256>.bin` Float32 little-endian
 * + `<sha256>.json` header). The key covers the absolute path, file size and mtime, the extractor's
 * featureKey and its front end, so an edited image or another network never hits a stale entry.
 */
export async function precomputeFeatures(extractor: FeatureExtractor, paths: readonly string[], options: PrecomputeOptions = {}): Promise<PrecomputeResult> {
  const cacheDir = options.cacheDir ?? defaultFeatureCacheDir();
  const batchSize = options.batchSize ?? 16;
  await mkdir(cacheDir, { recursive: true });
  const result: PrecomputeResult = { features: new Map(), skipped: [], hits: 0, computed: 0 };
  const todo: { path: string; key: string }[] = [];
  for (const path of new Set(paths)) {
    let key: string;
    try {
      key = await cacheKey(path, extractor);
    } catch (e) {
      if (!options.skipBad) throw new Error(`cannot read image '${path}': ${(e as Error).message}`);
      result.skipped.push({ path, error: (e as Error).message });
      continue;
    }
    const hit = await readEntry(cacheDir, key);
    if (hit) {
      result.features.set(path, hit);
      result.hits++;
    } else todo.push({ path, key });
  }
  const bar = options.log && todo.length > 0 ? startProgress({ label: `image features (${cacheDir})`, total: todo.length, log: options.log }) : undefined;
  for (let i = 0; i < todo.length; i += batchSize) {
    if (options.deadline !== undefined && Date.now() > options.deadline) {
      throw new Error(`feature extraction used the whole time budget (${i} of ${todo.length} images done and cached in ${cacheDir}); run again to continue from the cache, or raise --max-minutes`);
    }
    bar?.update(i);
    const chunk = todo.slice(i, i + batchSize);
    const { images, skipped } = await loadImages(chunk.map((c) => c.path), { ...extractor.frontEnd, skipBad: options.skipBad ?? false });
    result.skipped.push(...skipped);
    if (images.length === 0) continue;
    const { pixels } = toImageBatch(images);
    const feats = tf.tidy(() => extractor.extractFeatures(pixels));
    pixels.dispose();
    const [, s, d] = feats.shape;
    const all = (await feats.data()) as Float32Array;
    feats.dispose();
    const keyOf = new Map(chunk.map((c) => [c.path, c.key]));
    for (const [j, img] of images.entries()) {
      const entry: CachedFeatures = { shape: [s, d], data: all.slice(j * s * d, (j + 1) * s * d) };
      await writeEntry(cacheDir, keyOf.get(img.source)!, entry);
      result.features.set(img.source, entry);
      result.computed++;
    }
  }
  bar?.finish(todo.length);
  if (result.computed > 0) await pruneFeatureCache(cacheDir, options.maxCacheBytes ?? featureCacheLimitBytes());
  return result;
}

/** `$SEQ2SEQ_FEATURE_CACHE`, else `$XDG_CACHE_HOME/seq2seq/image-features`, else `~/.cache/seq2seq/image-features`. */
export function defaultFeatureCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['SEQ2SEQ_FEATURE_CACHE']) return env['SEQ2SEQ_FEATURE_CACHE'];
  return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'seq2seq', 'image-features');
}

/** `$SEQ2SEQ_FEATURE_CACHE_MB` megabytes, else 8 GB (per image and view: v1 0.25 grid 50 kB, v2 1.0 grid 251 kB). */
export function featureCacheLimitBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env['SEQ2SEQ_FEATURE_CACHE_MB']);
  return (Number.isFinite(mb) && mb > 0 ? mb : 8000) * 1e6;
}

/** Deletes the least recently written entries until the folder's entries fit in `maxBytes`. */
export async function pruneFeatureCache(dir: string, maxBytes: number): Promise<number> {
  const entries: { key: string; bytes: number; mtime: number }[] = [];
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.bin')) continue;
    const st = await stat(join(dir, name)).catch(() => undefined);
    if (st) entries.push({ key: name.slice(0, -4), bytes: st.size, mtime: st.mtimeMs });
  }
  let total = entries.reduce((s, e) => s + e.bytes, 0);
  let removed = 0;
  for (const e of entries.sort((a, b) => a.mtime - b.mtime)) {
    if (total <= maxBytes) break;
    // Header first: an entry without its header is a miss, never a half-read.
    await unlink(join(dir, `${e.key}.json`)).catch(() => {});
    await unlink(join(dir, `${e.key}.bin`)).catch(() => {});
    total -= e.bytes;
    removed++;
  }
  return removed;
}

/** Stacks cached features, in the order of `paths`, into a batch the frozen encoder passes through. */
export function featureBatch(features: ReadonlyMap<string, CachedFeatures>, paths: readonly string[]): FeatureBatch {
  const first = paths[0] === undefined ? undefined : features.get(paths[0]);
  if (!first) throw new Error(paths.length ? `no cached features for '${paths[0]}'` : 'featureBatch: no paths');
  const [s, d] = first.shape;
  const all = new Float32Array(paths.length * s * d);
  paths.forEach((p, i) => {
    const f = features.get(p);
    if (!f) throw new Error(`no cached features for '${p}'`);
    if (f.shape[0] !== s || f.shape[1] !== d) throw new Error(`features of '${p}' are [${f.shape}], expected [${s}, ${d}]`);
    all.set(f.data, i * s * d);
  });
  return { features: tf.tensor3d(all, [paths.length, s, d]) };
}

async function cacheKey(path: string, extractor: FeatureExtractor): Promise<string> {
  const abs = resolve(path);
  const st = await stat(abs);
  const material = JSON.stringify({ format: FORMAT, path: abs, size: st.size, mtimeMs: st.mtimeMs, net: extractor.featureKey(), frontEnd: extractor.frontEnd });
  return createHash('sha256').update(material).digest('hex');
}

async function readEntry(dir: string, key: string): Promise<CachedFeatures | undefined> {
  try {
    const header = JSON.parse(await readFile(join(dir, `${key}.json`), 'utf8')) as { format?: number; key?: string; shape?: [number, number] };
    const bin = await readFile(join(dir, `${key}.bin`));
    const shape = header.shape;
    // A half-written or foreign entry is a miss, never an error: it is recomputed and overwritten.
    if (header.format !== FORMAT || header.key !== key || !shape || bin.byteLength !== shape[0] * shape[1] * 4) return undefined;
    const data = new Float32Array(shape[0] * shape[1]);
    new Uint8Array(data.buffer).set(bin);
    return { shape, data };
  } catch {
    return undefined;
  }
}

async function writeEntry(dir: string, key: string, entry: CachedFeatures): Promise<void> {
  // Binary first, header last (each via rename): a header on disk implies its binary is complete.
  const tmp = `.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(join(dir, `${key}.bin${tmp}`), new Uint8Array(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength));
  await rename(join(dir, `${key}.bin${tmp}`), join(dir, `${key}.bin`));
  await writeFile(join(dir, `${key}.json${tmp}`), JSON.stringify({ format: FORMAT, key, shape: entry.shape, dtype: 'float32' }));
  await rename(join(dir, `${key}.json${tmp}`), join(dir, `${key}.json`));
}
