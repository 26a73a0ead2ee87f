import { readdir, stat, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Environment variables: the cache root of this project, and the feature cache's size limit in MB. */
export const CACHE_DIR_ENV = 'SEQ2SEQ_CACHE_DIR';
export const FEATURE_CACHE_MAX_MB_ENV = 'SEQ2SEQ_FEATURE_CACHE_MAX_MB';

/**
 * Default size limit of the image feature cache: 8 GiB. MobileNet v2 grids are 49 x 1285 floats
 * (252 KB) an image, so the three emoji artists with no augmented view take about 2.9 GB.
 */
export const DEFAULT_FEATURE_CACHE_MAX_BYTES = 8 * 1024 ** 3;

/**
 * The default image feature cache folder: $SEQ2SEQ_CACHE_DIR/image-features, else
 * $XDG_CACHE_HOME/seq2seq/image-features, else ~/.cache/seq2seq/image-features. A documented place
 * that survives reboots (the OS temp folder did not) and that the user can find and clear.
 */
export function defaultFeatureCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env[CACHE_DIR_ENV]) return join(env[CACHE_DIR_ENV], 'image-features');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'seq2seq', 'image-features');
}

/** The size limit from $SEQ2SEQ_FEATURE_CACHE_MAX_MB (0 = no limit), else the default. */
export function defaultFeatureCacheMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const v = env[FEATURE_CACHE_MAX_MB_ENV];
  if (v === undefined || v === '') return DEFAULT_FEATURE_CACHE_MAX_BYTES;
  const mb = Number(v);
  if (!Number.isFinite(mb) || mb < 0) throw new Error(`$${FEATURE_CACHE_MAX_MB_ENV} must be a number of MB >= 0, got '${v}'`);
  return mb === 0 ? Number.POSITIVE_INFINITY : mb * 1024 ** 2;
}

/**
 * Deletes whole entries (`<key>.json` + `<key>.bin`), least recently written first, until the
 * folder's entries take at most `maxBytes`; entries in `keep` (those the current run uses) are never
 * deleted, so a run whose own features exceed the limit still works (`over` then says by how much).
 * Header first: an entry without its header is a miss, never a wrong hit.
 */
export async function trimFeatureCache(dir: string, maxBytes: number, keep: ReadonlySet<string> = new Set()): Promise<{ bytes: number; removed: number; over: number }> {
  if (!Number.isFinite(maxBytes)) return { bytes: 0, removed: 0, over: 0 };
  const entries = new Map<string, { bytes: number; mtimeMs: number }>();
  for (const name of await readdir(dir)) {
    const m = /^([0-9a-f]{64})\.(json|bin)$/.exec(name);
    if (!m) continue;
    const st = await stat(join(dir, name)).catch(() => undefined);
    if (!st) continue;
    const e = entries.get(m[1]!) ?? { bytes: 0, mtimeMs: 0 };
    e.bytes += st.size;
    e.mtimeMs = Math.max(e.mtimeMs, st.mtimeMs);
    entries.set(m[1]!, e);
  }
  let bytes = [...entries.values()].reduce((a, e) => a + e.bytes, 0);
  let removed = 0;
  const old = [...entries].filter(([k]) => !keep.has(k)).sort((a, b) => a[1].mtimeMs - b[1].mtimeMs);
  for (const [key, e] of old) {
    if (bytes <= maxBytes) break;
    await unlink(join(dir, `${key}.json`)).catch(() => undefined);
    await unlink(join(dir, `${key}.bin`)).catch(() => undefined);
    bytes -= e.bytes;
    removed++;
  }
  return { bytes, removed, over: Math.max(0, bytes - maxBytes) };
}
