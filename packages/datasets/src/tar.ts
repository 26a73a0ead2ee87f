import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface TarEntry {
  name: string;
  data: Buffer;
}

/**
 * The regular files of a (gzipped) tar archive, in archive order. Handles ustar names with a
 * prefix and GNU long names ('L' records); other entry types (folders, links) are skipped.
 */
export function readTar(path: string): TarEntry[] {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new Error(`cannot read '${path}': ${(e as Error).message}`);
  }
  if (buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
  const out: TarEntry[] = [];
  let longName: string | undefined;
  for (let off = 0; off + 512 <= buf.length; ) {
    const header = buf.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break; // end-of-archive marker
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    if (!Number.isFinite(size)) throw new Error(`'${path}': corrupt tar header at byte ${off}`);
    const type = String.fromCharCode(header[156] ?? 0);
    const data = buf.subarray(off + 512, off + 512 + size);
    if (data.length < size) throw new Error(`'${path}': truncated tar archive`);
    if (type === 'L') longName = data.toString('utf8').replace(/\0.*$/s, '');
    else {
      const prefix = field(header, 345, 155);
      const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
      longName = undefined;
      if (type === '0' || type === '\0') out.push({ name, data: Buffer.from(data) });
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString('utf8');
}
