import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { encodeWav } from '@seq2seq/audio';
import { decodeUtf8Text } from '@seq2seq/core';
import type { GeneratedUtterance } from './digit-strings.js';

/** One manifest row: an absolute audio path and its transcript. */
export interface ManifestItem {
  path: string;
  text: string;
}

export interface Manifest {
  items: ManifestItem[];
  /** Rows that could not be used: `line N: reason`. */
  skipped: string[];
}

/**
 * Reads a manifest TSV: a header line `path<TAB>text`, then one row per utterance; paths are
 * relative to the manifest (absolute ones are kept). Blank lines are ignored; malformed rows are
 * skipped and listed. A missing or different header is an error naming the file.
 */
export function readManifest(file: string): Manifest {
  let content: string;
  try {
    content = decodeUtf8Text(readFileSync(file), file);
  } catch (e) {
    throw new Error(`${file}: cannot read manifest (${(e as Error).message})`);
  }
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t').map((s) => s.trim());
  if (header[0] !== 'path' || header[1] !== 'text' || header.length !== 2) throw new Error(`${file}: the first line must be the header 'path<TAB>text', got ${JSON.stringify(lines[0] ?? '')}`);
  const base = dirname(resolve(file));
  const items: ManifestItem[] = [];
  const skipped: string[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const cols = line.split('\t');
    if (cols.length !== 2 || cols[0]!.trim() === '') {
      skipped.push(`line ${i + 2}: expected 2 tab-separated columns, got ${cols.length}`);
      return;
    }
    const p = cols[0]!.trim();
    items.push({ path: isAbsolute(p) ? p : join(base, p), text: cols[1]!.trim().replace(/\s+/g, ' ') });
  });
  return { items, skipped };
}

/** Writes generated utterances as 16-bit WAVs under `dir/wav/` and `dir/manifest.tsv`; returns the manifest path. */
export function writeManifest(utts: readonly GeneratedUtterance[], dir: string): string {
  mkdirSync(join(dir, 'wav'), { recursive: true });
  const rows = ['path\ttext'];
  for (const u of utts) {
    const rel = `wav/${u.id}.wav`;
    writeFileSync(join(dir, rel), encodeWav([u.samples], u.sampleRate, 'pcm16'));
    rows.push(`${rel}\t${u.text}`);
  }
  const file = join(dir, 'manifest.tsv');
  writeFileSync(`${file}.tmp`, `${rows.join('\n')}\n`);
  renameSync(`${file}.tmp`, file);
  return file;
}
