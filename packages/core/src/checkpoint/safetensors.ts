/**
 * A small, strict reader and writer of the safetensors format (8-byte little-endian header length,
 * a JSON header {name: {dtype, shape, data_offsets}, "__metadata__": {string: string}}, then the raw
 * little-endian tensor bytes).
 *
 * Why written here rather than installed: the npm registry has no maintained safetensors library
 * (the one package named `safetensors` is a single 0.0.1 release, May 2026, with no repository), and
 * the format is small and fully specified. This implementation follows the reference library's
 * checks: a header length within the file, a JSON object header, known dtypes, shapes of
 * non-negative integers, offsets that lie in the data section, match the dtype and shape, and cover
 * it contiguously with no hole and no overlap. Nothing in a file is ever executed. The Python side
 * (python/seq2seq_torch/safetensors_io.py) has the same checks, and the tests cross-check both
 * against each other (and against the reference Python library where it is installed).
 */

/** Element sizes in bytes of the dtypes the format defines. */
export const SAFETENSORS_DTYPE_BYTES: Readonly<Record<string, number>> = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E5M2: 1,
  F8_E4M3: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  F64: 8,
  I64: 8,
  U64: 8,
};

/** The reference library refuses headers larger than this (100 MB); so do we. */
const MAX_HEADER_BYTES = 100_000_000;

export interface SafetensorsEntry {
  dtype: string;
  shape: number[];
  /** The tensor's raw little-endian bytes (a view into the file's buffer). */
  bytes: Uint8Array;
}

export interface SafetensorsFile {
  tensors: Map<string, SafetensorsEntry>;
  metadata: Record<string, string>;
}

/** Thrown for any malformed file; `tensor` names the offending tensor when there is one. */
export class SafetensorsError extends Error {
  constructor(message: string, readonly tensor?: string) {
    super(message);
    this.name = 'SafetensorsError';
  }
}

const numel = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * Parses and validates a whole safetensors file. `where` names the file in error messages. Throws
 * SafetensorsError naming the tensor for: a header length beyond the file, a non-JSON or
 * non-object header, an unknown dtype, a bad shape, offsets out of range or not matching
 * dtype x shape, overlapping tensors, holes, or bytes after the last tensor.
 */
export function readSafetensors(file: Uint8Array, where = 'safetensors file'): SafetensorsFile {
  const fail = (why: string, tensor?: string): never => {
    throw new SafetensorsError(`${where}: ${why}`, tensor);
  };
  if (file.byteLength < 8) fail(`${file.byteLength} bytes is too short for the 8-byte header length`);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const n = view.getBigUint64(0, true);
  if (n > BigInt(file.byteLength - 8)) fail(`header length ${n} goes beyond the file (${file.byteLength - 8} bytes after the length field)`);
  if (n > BigInt(MAX_HEADER_BYTES)) fail(`header length ${n} exceeds the ${MAX_HEADER_BYTES}-byte limit`);
  const headerLen = Number(n);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.subarray(8, 8 + headerLen));
  } catch {
    return fail('header is not valid UTF-8');
  }
  if (!text.startsWith('{')) fail("header does not start with '{'");
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    return fail(`header is not valid JSON (${(e as Error).message})`);
  }
  if (!isRecord(header)) return fail('header is not a JSON object');
  const dataStart = 8 + headerLen;
  const dataLen = file.byteLength - dataStart;
  const metadata: Record<string, string> = {};
  const raw = header.__metadata__;
  if (raw !== undefined) {
    if (!isRecord(raw)) fail('__metadata__ is not an object of strings');
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof v !== 'string') fail(`__metadata__ value '${k}' is not a string`);
      metadata[k] = v as string;
    }
  }
  const spans: { name: string; begin: number; end: number }[] = [];
  const tensors = new Map<string, SafetensorsEntry>();
  for (const [name, spec] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    if (!isRecord(spec)) fail(`tensor '${name}': entry is not an object`, name);
    const { dtype, shape, data_offsets: offsets } = spec as Record<string, unknown>;
    const extra = Object.keys(spec as object).filter((k) => k !== 'dtype' && k !== 'shape' && k !== 'data_offsets');
    if (extra.length > 0) fail(`tensor '${name}': unknown fields ${extra.join(', ')}`, name);
    if (typeof dtype !== 'string' || SAFETENSORS_DTYPE_BYTES[dtype] === undefined) fail(`tensor '${name}': unknown dtype ${JSON.stringify(dtype)}`, name);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) fail(`tensor '${name}': bad shape ${JSON.stringify(shape)}`, name);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
      fail(`tensor '${name}': data_offsets must be two non-negative integers, got ${JSON.stringify(offsets)}`, name);
    }
    const [begin, end] = offsets as [number, number];
    if (end < begin) fail(`tensor '${name}': data_offsets [${begin}, ${end}] end before they begin`, name);
    if (end > dataLen) fail(`tensor '${name}': data_offsets [${begin}, ${end}] go beyond the data section (${dataLen} bytes)`, name);
    const want = numel(shape as number[]) * (SAFETENSORS_DTYPE_BYTES[dtype as string] as number);
    if (end - begin !== want) fail(`tensor '${name}': data_offsets [${begin}, ${end}] hold ${end - begin} bytes but ${dtype as string} ${JSON.stringify(shape)} needs ${want}`, name);
    spans.push({ name, begin, end });
    tensors.set(name, { dtype: dtype as string, shape: [...(shape as number[])], bytes: file.subarray(dataStart + begin, dataStart + end) });
  }
  spans.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let at = 0;
  for (const s of spans) {
    if (s.begin < at) fail(`tensor '${s.name}': data_offsets [${s.begin}, ${s.end}] overlap the previous tensor (which ends at ${at})`, s.name);
    if (s.begin > at) fail(`tensor '${s.name}': data_offsets [${s.begin}, ${s.end}] leave a hole of ${s.begin - at} bytes before it`, s.name);
    at = s.end;
  }
  if (at !== dataLen) fail(`the tensors cover ${at} bytes but the data section has ${dataLen} (trailing bytes)`);
  return { tensors, metadata };
}

/** A tensor to write: float32 or int32 values (written F32 / I32) or raw bytes of another dtype. */
export type SafetensorsInput = { shape: readonly number[] } & ({ values: Float32Array | Int32Array } | { dtype: string; bytes: Uint8Array });

/**
 * Serialises tensors and string metadata. Tensors are laid out in name order; the header is padded
 * with spaces to a multiple of 8 bytes (as the reference writer does) so data stays aligned.
 */
export function writeSafetensors(tensors: ReadonlyMap<string, SafetensorsInput>, metadata: Record<string, string> = {}): Uint8Array {
  const names = [...tensors.keys()].sort();
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const name of names) {
    if (name === '__metadata__') throw new SafetensorsError(`cannot write a tensor named '__metadata__'`, name);
    const t = tensors.get(name)!;
    let dtype: string;
    let bytes: Uint8Array;
    if ('values' in t) {
      dtype = t.values instanceof Float32Array ? 'F32' : 'I32';
      bytes = littleEndianBytes(t.values);
    } else {
      dtype = t.dtype;
      bytes = t.bytes;
    }
    const size = SAFETENSORS_DTYPE_BYTES[dtype];
    if (size === undefined) throw new SafetensorsError(`tensor '${name}': unknown dtype '${dtype}'`, name);
    if (!t.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw new SafetensorsError(`tensor '${name}': bad shape ${JSON.stringify(t.shape)}`, name);
    if (bytes.byteLength !== numel(t.shape) * size) {
      throw new SafetensorsError(`tensor '${name}': ${bytes.byteLength} bytes do not match ${dtype} ${JSON.stringify(t.shape)}`, name);
    }
    header[name] = { dtype, shape: [...t.shape], data_offsets: [offset, offset + bytes.byteLength] };
    parts.push(bytes);
    offset += bytes.byteLength;
  }
  let json = JSON.stringify(header);
  const enc = new TextEncoder();
  let headerBytes = enc.encode(json);
  const pad = (8 - (headerBytes.byteLength % 8)) % 8;
  if (pad > 0) headerBytes = enc.encode((json += ' '.repeat(pad)));
  const out = new Uint8Array(8 + headerBytes.byteLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.byteLength), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.byteLength;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/**
 * A tensor's values as float32: F32 as stored, F16 and BF16 widened exactly. Other dtypes are
 * refused (our checkpoints hold float weights only), naming the tensor.
 */
export function safetensorsFloat32(name: string, e: SafetensorsEntry): Float32Array {
  const n = e.bytes.byteLength / (SAFETENSORS_DTYPE_BYTES[e.dtype] ?? 1);
  const view = new DataView(e.bytes.buffer, e.bytes.byteOffset, e.bytes.byteLength);
  const out = new Float32Array(n);
  switch (e.dtype) {
    case 'F32':
      for (let i = 0; i < n; i++) out[i] = view.getFloat32(4 * i, true);
      return out;
    case 'F16':
      for (let i = 0; i < n; i++) out[i] = halfToFloat(view.getUint16(2 * i, true));
      return out;
    case 'BF16': {
      const f = new DataView(new ArrayBuffer(4));
      for (let i = 0; i < n; i++) {
        f.setUint32(0, view.getUint16(2 * i, true) << 16);
        out[i] = f.getFloat32(0);
      }
      return out;
    }
    default:
      throw new SafetensorsError(`tensor '${name}' has dtype ${e.dtype}; expected a float dtype (F32, F16 or BF16)`, name);
  }
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

function littleEndianBytes(values: Float32Array | Int32Array): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  if (values instanceof Float32Array) for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i]!, true);
  else for (let i = 0; i < values.length; i++) view.setInt32(4 * i, values[i]!, true);
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
