import { FILES, validateConfig } from './format.js';
import { type LoadedCheckpoint, MAX_CHECKPOINT_JSON_BYTES, parseCheckpoint, parseCheckpointJson } from './parse.js';
import { checkManifest } from './weights-io.js';

/** The part of the fetch API a checkpoint download needs (the global fetch, or a test's). */
export type FetchLike = (url: string) => Promise<Response>;

export interface FetchCheckpointOptions {
  /** Default: globalThis.fetch. */
  fetch?: FetchLike;
  /** Bytes of weights.bin received so far and its size, as it downloads (for a progress bar). */
  onProgress?: (loaded: number, total: number) => void;
}

/** A fetched checkpoint; `verified` says whether the SHA-256 digests in config.json were checked. */
export interface FetchedCheckpoint extends LoadedCheckpoint {
  verified: boolean;
}

/**
 * Downloads a checkpoint directory over HTTP (`baseUrl` + config.json, weights.json, weights.bin)
 * with the checks loadCheckpoint makes on files: HTTP errors and missing files are named, JSON
 * files above MAX_CHECKPOINT_JSON_BYTES are refused from their Content-Length, weights.bin must
 * have the size its manifest describes, and the SHA-256 digests in config.json are verified with
 * Web Crypto (absent outside secure contexts, e.g. plain http to another host: then `verified` is
 * false). Inference only: optimizer state is never fetched.
 */
export async function fetchCheckpoint(baseUrl: string, options: FetchCheckpointOptions = {}): Promise<FetchedCheckpoint> {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const where = `'${base}'`;
  const get = options.fetch ?? ((url: string) => globalThis.fetch(url));
  const fail = (why: string): never => {
    throw new Error(`corrupt checkpoint ${where}: ${why}`);
  };
  const open = async (name: string): Promise<Response> => {
    let res: Response;
    try {
      res = await get(base + name);
    } catch (e) {
      throw new Error(`cannot fetch checkpoint ${where}: ${name}: ${(e as Error).message}`);
    }
    if (!res.ok) throw new Error(`cannot fetch checkpoint ${where}: ${name}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
    return res;
  };
  const declared = (res: Response): number | undefined => {
    const n = Number(res.headers.get('content-length') ?? NaN);
    return Number.isFinite(n) ? n : undefined;
  };
  const json = async (name: string): Promise<{ text: string; bytes: Uint8Array<ArrayBuffer> }> => {
    const res = await open(name);
    const size = declared(res);
    if (size !== undefined && size > MAX_CHECKPOINT_JSON_BYTES) fail(`${name} has ${size} bytes, more than the ${MAX_CHECKPOINT_JSON_BYTES} a checkpoint's JSON file may have`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { text: new TextDecoder().decode(bytes), bytes };
  };
  const config = await json(FILES.config);
  const digests = validateConfig(parseCheckpointJson(config.text, FILES.config, where), where).files;
  const manifest = await json(FILES.weights);
  const expected = checkManifest(parseCheckpointJson(manifest.text, FILES.weights, where), FILES.weightsBin, where).bytes;
  const binRes = await open(FILES.weightsBin);
  const binSize = declared(binRes);
  // Compressed responses declare their encoded size; only an identity response's length is comparable.
  const encoded = (binRes.headers.get('content-encoding') ?? 'identity') !== 'identity';
  if (binSize !== undefined && !encoded && binSize !== expected) fail(`${FILES.weightsBin} has ${binSize} bytes but the manifest describes ${expected} (truncated or mismatched file)`);
  const bin = await readBody(binRes, expected, (n) => fail(`${FILES.weightsBin} is longer than the ${expected} bytes its manifest describes`), options.onProgress);
  const subtle = globalThis.crypto?.subtle;
  const verify = async (name: string, data: Uint8Array<ArrayBuffer>): Promise<void> => {
    const recorded = digests?.[name];
    if (!recorded || !subtle) return;
    if (data.byteLength !== recorded.bytes) fail(`${name} has ${data.byteLength} bytes but config.json records ${recorded.bytes} (truncated or replaced file)`);
    const hex = [...new Uint8Array(await subtle.digest('SHA-256', data))].map((b) => b.toString(16).padStart(2, '0')).join('');
    if (hex !== recorded.sha256) fail(`${name} does not match its SHA-256 in config.json (a flipped bit or an edited file)`);
  };
  await verify(FILES.weights, manifest.bytes);
  await verify(FILES.weightsBin, bin);
  const loaded = parseCheckpoint({ config: config.text, weights: manifest.text, weightsBin: bin.buffer }, where, { optimizer: false });
  return { ...loaded, verified: subtle !== undefined && digests !== undefined };
}

/**
 * Reads a response body into one buffer of the expected size, reporting progress; a longer body
 * fails as soon as it passes that size (nothing bigger than the checkpoint is kept). A shorter one
 * is returned as it is, and parseCheckpoint names it truncated.
 */
async function readBody(res: Response, expected: number, tooLong: (n: number) => never, onProgress?: (loaded: number, total: number) => void): Promise<Uint8Array<ArrayBuffer>> {
  if (!res.body) {
    const all = new Uint8Array(await res.arrayBuffer());
    if (all.byteLength > expected) tooLong(all.byteLength);
    onProgress?.(all.byteLength, expected);
    return all;
  }
  const out = new Uint8Array(expected);
  const reader = res.body.getReader();
  let off = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (off + value.byteLength > expected) {
      await reader.cancel();
      tooLong(off + value.byteLength);
    }
    out.set(value, off);
    off += value.byteLength;
    onProgress?.(off, expected);
  }
  return off === expected ? out : out.slice(0, off);
}
