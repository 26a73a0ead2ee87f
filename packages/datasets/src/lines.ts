import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { decodeUtf8Text } from '@seq2seq/core';

/**
 * Reads a UTF-8 text file, gunzipping `.gz` files (by magic bytes, not name). Strips a BOM. A file
 * that is not valid UTF-8 (or is binary) is an error naming the file and line.
 */
export function readText(path: string): string {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new Error(`cannot read '${path}': ${(e as Error).message}`);
  }
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf);
    } catch (e) {
      throw new Error(`'${path}' is not a valid gzip file: ${(e as Error).message}`);
    }
  }
  const text = decodeUtf8Text(buf, path);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Lines of a text file (plain or gzip). Splits on \n only (so U+2028 etc. inside a sentence stay),
 * drops a trailing \r and the empty string after a final newline.
 */
export function readLines(path: string): string[] {
  const lines = readText(path).split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}
