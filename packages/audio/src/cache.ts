import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AudioInputError } from './errors.js';
import { featureConfig, type FeatureConfig } from './feature-config.js';
import { loadFeatures, type LoadFeaturesOptions, type UtteranceFeatures } from './load.js';

const MAGIC = 'S2SF';
const VERSION = 1;

interface Header {
  version: number;
  configHash: string;
  source: string;
  mtimeMs: number;
  size: number;
  frames: number;
  dim: number;
  silent: boolean;
  durationSec: number;
}

export interface FeatureCacheOptions extends LoadFeaturesOptions {
  /** Cache directory (created on first write). */
  dir: string;
}

/**
 * A disk cache of per-file features, so later epochs skip decoding and meyda. Key = absolute path
 * + mtime + size + a hash of the feature config, so editing a file or changing the front end
 * misses. Entry = one file `<sha256>.feat`: "S2SF", u32 LE header length, JSON header, zero
 * padding to 4 bytes, then frames*dim float32 (little-endian). Written to a temporary name and
 * renamed (atomic); an unreadable or mismatched entry counts as a miss and is rewritten.
 */
export class FeatureCache {
  hits = 0;
  misses = 0;
  readonly configHash: string;
  private readonly config: FeatureConfig;

  constructor(private readonly options: FeatureCacheOptions) {
    this.config = featureConfig(options.features);
    // A warped view is another entry; no warp keeps the key entries written before VTLP existed.
    const vtlp = options.augment?.vtlp ?? 1;
    this.configHash = sha256(JSON.stringify({ v: VERSION, ...this.config, ...(vtlp !== 1 ? { vtlp } : {}) }));
  }

  /** The entry file for `path` as it is now (stat), and its header fields. */
  async entryFor(path: string): Promise<{ file: string; source: string; mtimeMs: number; size: number }> {
    const source = resolve(path);
    let st;
    try {
      st = await stat(source);
    } catch (e) {
      throw new AudioInputError(path, `cannot read file (${(e as Error).message})`);
    }
    const key = sha256(JSON.stringify([source, st.mtimeMs, st.size, this.configHash]));
    return { file: join(this.options.dir, `${key}.feat`), source, mtimeMs: st.mtimeMs, size: st.size };
  }

  async load(path: string): Promise<UtteranceFeatures> {
    const entry = await this.entryFor(path);
    const cached = await readEntry(entry.file).catch(() => undefined);
    const h = cached?.header;
    if (cached && h && h.configHash === this.configHash && h.source === entry.source && h.mtimeMs === entry.mtimeMs && h.size === entry.size) {
      this.hits++;
      return { data: cached.data, frames: h.frames, dim: h.dim, silent: h.silent, durationSec: h.durationSec };
    }
    this.misses++;
    const m = await loadFeatures(path, { features: this.config, ...(this.options.wav ? { wav: this.options.wav } : {}), ...(this.options.augment ? { augment: this.options.augment } : {}) });
    const header: Header = { version: VERSION, configHash: this.configHash, source: entry.source, mtimeMs: entry.mtimeMs, size: entry.size, frames: m.frames, dim: m.dim, silent: m.silent, durationSec: m.durationSec };
    await mkdir(this.options.dir, { recursive: true });
    const tmp = `${entry.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, encodeEntry(header, m.data));
    await rename(tmp, entry.file);
    return m;
  }
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

function encodeEntry(header: Header, data: Float32Array): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const pre = 8 + json.length;
  const pad = (4 - (pre % 4)) % 4;
  const out = Buffer.alloc(pre + pad + data.byteLength);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(json.length, 4);
  json.copy(out, 8);
  const le = new DataView(out.buffer, out.byteOffset + pre + pad, data.byteLength);
  data.forEach((v, i) => le.setFloat32(i * 4, v, true));
  return out;
}

async function readEntry(file: string): Promise<{ header: Header; data: Float32Array } | undefined> {
  const buf = await readFile(file);
  if (buf.length < 8 || buf.toString('latin1', 0, 4) !== MAGIC) return undefined;
  const hlen = buf.readUInt32LE(4);
  if (8 + hlen > buf.length) return undefined;
  const header = JSON.parse(buf.toString('utf8', 8, 8 + hlen)) as Header;
  const pre = 8 + hlen;
  const start = pre + ((4 - (pre % 4)) % 4);
  if (header.version !== VERSION || buf.length - start !== header.frames * header.dim * 4) return undefined;
  const v = new DataView(buf.buffer, buf.byteOffset + start, buf.length - start);
  const data = new Float32Array(header.frames * header.dim);
  for (let i = 0; i < data.length; i++) data[i] = v.getFloat32(i * 4, true);
  return { header, data };
}
