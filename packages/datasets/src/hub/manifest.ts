import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { SourceFile } from './catalog-types.js';

const MANIFESTS = new URL('../../manifests/', import.meta.url);

/**
 * A gzipped `path<TAB>bytes<TAB>sha256` manifest (scripts/make-manifest.ts) as source files served
 * from `base` + the path (each segment URL-encoded: tldr has pages named `!.md`, `$.md`, `..md`).
 */
export function manifestFiles(name: string, base: string): SourceFile[] {
  const text = gunzipSync(readFileSync(new URL(`${name}.tsv.gz`, MANIFESTS))).toString('utf8');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => {
      const [path, bytes, sha256] = line.split('\t') as [string, string, string];
      return { url: base + path.split('/').map(encodeURIComponent).join('/'), sha256, bytes: Number(bytes), save: { kind: 'as-is', path } };
    });
}

/** `[path, bytes, sha256]` rows of files copied unchanged, served from `base` + `upstreamPrefix` + name. */
export function listedFiles(base: string, rows: readonly (readonly [local: string, upstream: string, bytes: number, sha256: string])[]): SourceFile[] {
  return rows.map(([local, upstream, bytes, sha256]) => ({ url: base + upstream, sha256, bytes, save: { kind: 'as-is', path: local } }));
}
