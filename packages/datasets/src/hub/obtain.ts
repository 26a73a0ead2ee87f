import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startProgress } from '@seq2seq/core';
import type { DatasetInfo, SourceFile } from './catalog-types.js';
import { ChecksumError, downloadFile, HttpError, NetworkError, sha256File } from './download.js';
import { dataDirs, type DataDirs, findDataset } from './locate.js';
import { readZip } from './zip.js';

/** The dataset is not here and could not be fetched; the message says how to get it by hand. */
export class DatasetUnavailableError extends Error {}

export interface ObtainOptions {
  dirs?: DataDirs;
  log?: (line: string) => void;
  /** Files fetched at once. Default 8 (fsdd and tldr are thousands of small files). */
  concurrency?: number;
  /** Least time between progress lines. Default 2000 ms. */
  progressEveryMs?: number;
  /**
   * A mirror of raw.githubusercontent.com (same paths below it), e.g. an internal cache; the
   * checksums still decide. Default: env SEQ2SEQ_DATA_MIRROR, else none.
   */
  mirror?: string;
}

const GITHUB_RAW = 'https://raw.githubusercontent.com/';

/** `url` served from `mirror` instead of raw.githubusercontent.com, when one is set. */
export function mirrored(url: string, mirror: string | undefined): string {
  if (!mirror || !url.startsWith(GITHUB_RAW)) return url;
  return mirror.replace(/\/?$/, '/') + url.slice(GITHUB_RAW.length);
}

/**
 * The folder of dataset `info`: found in a data directory, else downloaded into `dirs.downloadTo`.
 * Files go to `<downloadTo>/.<folder>.download/` (each verified, then renamed in); the folder is
 * renamed to `<downloadTo>/<folder>` only when every file is there, so a found folder is complete.
 * An interrupted run leaves that staging folder and resumes from it (HTTP Range for a partial file);
 * a checksum mismatch deletes it.
 */
export async function obtainDataset(info: DatasetInfo, o: ObtainOptions = {}): Promise<string> {
  const dirs = o.dirs ?? dataDirs();
  const log = o.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  if (info.obtain.kind === 'bundled') {
    const dir = info.obtain.locate();
    if (!dir) throw new DatasetUnavailableError(`${info.name} is not installed: ${info.obtain.how}`);
    return dir;
  }
  const found = findDataset(info, dirs);
  if (found) return found;
  if (info.obtain.kind === 'manual') throw new DatasetUnavailableError(`${missing(info, dirs)}\nIt cannot be downloaded automatically. To make it by hand (DATA = ${dirs.downloadTo}):\n${info.obtain.how}`);
  const mirror = o.mirror ?? process.env['SEQ2SEQ_DATA_MIRROR'];
  const files = info.obtain.files().map((f) => ({ ...f, url: mirrored(f.url, mirror) }));
  const target = join(dirs.downloadTo, info.folder);
  const staging = join(dirs.downloadTo, `.${info.folder}.download`);
  mkdirSync(join(staging, '.parts'), { recursive: true });
  const total = files.reduce((s, f) => s + (f.bytes ?? 0), 0);
  log(`${info.name}: not found in ${dirs.search.join(', ')}; downloading ${files.length} file${files.length === 1 ? '' : 's'} (${info.licence}) from ${mirror ? `${mirror} (mirror of ${info.source})` : info.source} into ${target}`);
  const bar = startProgress({ label: `download ${info.name}`, total, unit: 'bytes', log, everyMs: o.progressEveryMs ?? 2000 });
  let bytes = 0;
  const onBytes = (n: number): void => bar.update((bytes += n));
  try {
    await pool(files, o.concurrency ?? 8, (f, i) => fetchOne(f, i, staging, onBytes));
  } catch (e) {
    if (e instanceof ChecksumError) {
      rmSync(staging, { recursive: true, force: true });
      throw new DatasetUnavailableError(`${info.name}: refused a download whose checksum is wrong; nothing was kept. ${e.message}. The upstream file may have changed; report it, or get the data by hand (${howByHand(info, dirs)}).`);
    }
    if (e instanceof NetworkError || e instanceof HttpError) {
      const kept = bytes > 0 ? `What was fetched is kept in ${staging}; run again to resume` : 'Nothing was fetched; run again when online';
      if (bytes <= 0) rmSync(staging, { recursive: true, force: true });
      throw new DatasetUnavailableError(`${missing(info, dirs)}\nDownloading it failed: ${e.message}.\n${kept}, or get it by hand (${howByHand(info, dirs)}).`);
    }
    throw e;
  }
  bar.finish();
  rmSync(join(staging, '.parts'), { recursive: true, force: true });
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  log(`${info.name}: ready in ${target}`);
  return target;
}

function missing(info: DatasetInfo, dirs: DataDirs): string {
  return `dataset '${info.name}' (${info.title}; licence: ${info.licence}; source: ${info.source}) is not in ${dirs.search.join(' or ')}.`;
}

function howByHand(info: DatasetInfo, dirs: DataDirs): string {
  return `put its files in ${join(dirs.downloadTo, info.folder)} (files: ${info.required.join(', ')}), or point SEQ2SEQ_DATA at a folder holding ${info.folder}/; 'seq2seq datasets' lists sources`;
}

/** Downloads one source file (unless a verified copy is already in staging) and saves it. */
async function fetchOne(f: SourceFile, i: number, staging: string, onBytes: (n: number) => void): Promise<void> {
  const outputs = f.save.kind === 'zip-members' ? f.save.members.map((m) => m.path) : [f.save.path];
  if (f.save.kind === 'as-is' && existsSync(join(staging, f.save.path)) && (await sha256File(join(staging, f.save.path))) === f.sha256) {
    onBytes(f.bytes ?? 0);
    return;
  }
  // Converted outputs were written only after their source verified, and each by rename: present = done.
  if (f.save.kind !== 'as-is' && outputs.every((p) => existsSync(join(staging, p)))) {
    onBytes(f.bytes ?? 0);
    return;
  }
  const part = join(staging, '.parts', `${i}.part`);
  await downloadFile(f.url, part, { sha256: f.sha256, onBytes });
  const save = f.save;
  if (save.kind === 'as-is') return moveInto(part, join(staging, save.path));
  const data = readFileSync(part);
  if (save.kind === 'gzip') writeAtomic(join(staging, save.path), gzipSync(data, { level: 9 }));
  else {
    const entries = readZip(data);
    for (const m of save.members) {
      const entry = entries.find((e) => e.name === m.suffix || e.name.endsWith(`/${m.suffix}`));
      if (!entry) throw new ChecksumError(`${f.url}: member ${m.suffix} is missing from the archive`);
      const got = createHash('sha256').update(entry.data).digest('hex');
      if (got !== m.sha256) throw new ChecksumError(`${f.url}: member ${m.suffix} has SHA-256 ${got}, expected ${m.sha256}`);
      writeAtomic(join(staging, m.path), gzipSync(entry.data, { level: 9 }));
    }
  }
  rmSync(part, { force: true });
}

function moveInto(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  renameSync(from, to);
}

function writeAtomic(path: string, data: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, data);
  renameSync(`${path}.tmp`, path);
}

/** Runs `fn` over `items`, `n` at a time; the first failure stops new work and is thrown. */
async function pool<T>(items: readonly T[], n: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown;
  const worker = async (): Promise<void> => {
    while (failed === undefined && next < items.length) {
      const i = next++;
      try {
        await fn(items[i]!, i);
      } catch (e) {
        failed ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  if (failed !== undefined) throw failed;
}
