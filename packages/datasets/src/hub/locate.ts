import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatasetInfo } from './catalog.js';

/** The repository root (this file is packages/datasets/src/hub/locate.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Where datasets are looked for (in order) and where a missing one is downloaded to. */
export interface DataDirs {
  search: string[];
  downloadTo: string;
}

/**
 * `SEQ2SEQ_DATA` when set (searched and downloaded into: the user chose it); otherwise
 * `<repo>/../shared/data` when that folder exists (this project's machines), then the user cache
 * (`$XDG_CACHE_HOME/seq2seq/data`, else `~/.cache/seq2seq/data`), which downloads go into.
 * The only place library code may name `../shared/data`.
 */
export function dataDirs(env: NodeJS.ProcessEnv = process.env): DataDirs {
  const chosen = env['SEQ2SEQ_DATA'];
  if (chosen) return { search: [resolve(chosen)], downloadTo: resolve(chosen) };
  const cache = userDataCache(env);
  const shared = resolve(REPO_ROOT, '..', 'shared', 'data');
  return { search: existsSync(shared) ? [shared, cache] : [cache], downloadTo: cache };
}

export function userDataCache(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env['XDG_CACHE_HOME'];
  return xdg ? join(xdg, 'seq2seq', 'data') : join(homedir(), '.cache', 'seq2seq', 'data');
}

/** The folder holding `info`'s files (all of `info.required` present), or undefined. */
export function findDataset(info: DatasetInfo, dirs: DataDirs = dataDirs()): string | undefined {
  for (const root of dirs.search) {
    const dir = join(root, info.folder);
    if (info.required.every((f) => existsSync(join(dir, f)))) return dir;
  }
  return undefined;
}
