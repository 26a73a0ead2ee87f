import * as tf from '@tensorflow/tfjs';
import type { JsonValue } from '../json.js';
import { isObject } from './format.js';
import { QUANTIZED_BYTES, type Quantization, quantizeValues, type WeightsDtype } from './quantize.js';

/** One manifest group in the tf.io `weightsManifest` format (what tf.io.loadWeights reads). */
export interface ManifestGroup {
  paths: string[];
  weights: tf.io.WeightsManifestEntry[];
}

const BYTES: Record<string, number> = { float32: 4, int32: 4 };

/**
 * Encodes named tensors into one binary file plus a one-group manifest pointing at it. With `dtype`
 * float16 or uint8, float32 tensors are stored quantised (tf.io's manifest `quantization` entries;
 * they load back as float32); int32 tensors are always stored as they are.
 */
export async function encodeTensorGroup(
  tensors: Map<string, tf.Tensor>,
  binName: string,
  dtype: WeightsDtype = 'float32',
): Promise<{ manifest: ManifestGroup[]; data: ArrayBuffer }> {
  for (const [name, t] of tensors) {
    if (BYTES[t.dtype] === undefined) throw new Error(`cannot save '${name}': dtype ${t.dtype} (only float32 and int32)`);
  }
  const named = [...tensors].map(([name, tensor]) => ({ name, tensor }));
  if (dtype === 'float32') {
    const { data, specs } = await tf.io.encodeWeights(named);
    return { manifest: [{ paths: [binName], weights: specs }], data };
  }
  const parts: Uint8Array[] = [];
  const specs: tf.io.WeightsManifestEntry[] = [];
  for (const { name, tensor } of named) {
    const spec: tf.io.WeightsManifestEntry = { name, shape: tensor.shape, dtype: tensor.dtype as 'float32' | 'int32' };
    const values = await tensor.data();
    if (tensor.dtype === 'float32') {
      const { bytes, quantization } = quantizeValues(values as Float32Array, dtype);
      spec.quantization = quantization;
      parts.push(bytes);
    } else {
      parts.push(new Uint8Array((values as Int32Array).slice().buffer));
    }
    specs.push(spec);
  }
  const data = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    data.set(p, offset);
    offset += p.byteLength;
  }
  return { manifest: [{ paths: [binName], weights: specs }], data: data.buffer };
}

/** The stored dtype of a manifest's float32 weights: 'float32' unless they are quantised. */
export function manifestWeightsDtype(manifest: ManifestGroup[]): WeightsDtype {
  const q = manifest[0]?.weights.find((w) => w.quantization)?.quantization?.dtype;
  return q === 'float16' || q === 'uint8' ? q : 'float32';
}

/**
 * Validates a manifest (parsed JSON): structure, dtypes, shapes, quantisation and duplicate names.
 * Returns its entries and the exact byte length of the binary file it describes, so a caller can
 * compare that with the file's real size before reading (or allocating) anything.
 */
export function checkManifest(manifest: JsonValue, binName: string, where: string): { specs: tf.io.WeightsManifestEntry[]; bytes: number } {
  const fail = (why: string): never => {
    throw new Error(`corrupt checkpoint ${where}: ${why}`);
  };
  if (!Array.isArray(manifest) || manifest.length !== 1) return fail('manifest must be an array with one group');
  const group = manifest[0];
  if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) return fail('manifest group must have paths and weights arrays');
  if (group.paths.length !== 1 || group.paths[0] !== binName) fail(`manifest paths must be ['${binName}'], got ${JSON.stringify(group.paths)}`);
  const specs: tf.io.WeightsManifestEntry[] = [];
  const seen = new Set<string>();
  let expected = 0;
  for (const w of group.weights) {
    if (!isObject(w) || typeof w.name !== 'string') return fail('manifest weight entry without a name');
    const { name, shape, dtype } = w;
    if (seen.has(name)) fail(`weight '${name}' listed twice`);
    seen.add(name);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) fail(`weight '${name}' has a bad shape ${JSON.stringify(shape)}`);
    if (typeof dtype !== 'string' || BYTES[dtype] === undefined) fail(`weight '${name}' has unsupported dtype ${JSON.stringify(dtype)}`);
    const dims = shape as number[];
    const spec: tf.io.WeightsManifestEntry = { name, shape: dims, dtype: dtype as 'float32' | 'int32' };
    let bytes = BYTES[dtype as string] as number;
    if (w.quantization !== undefined) {
      spec.quantization = checkQuantization(w.quantization, dtype as string, (why) => fail(`weight '${name}' ${why}`));
      bytes = QUANTIZED_BYTES[spec.quantization.dtype as Quantization['dtype']];
    }
    expected += dims.reduce((a, b) => a * b, 1) * bytes;
    specs.push(spec);
  }
  return { specs, bytes: expected };
}

/**
 * Validates a manifest (parsed JSON) against its binary file and decodes it. Checks everything a
 * truncated or edited file could break: structure, dtypes, shapes, duplicate names and that the
 * byte length is exactly what the manifest describes. `where` names the files in messages.
 */
export function decodeTensorGroup(manifest: JsonValue, bin: ArrayBuffer, binName: string, where: string): Map<string, tf.Tensor> {
  const fail = (why: string): never => {
    throw new Error(`corrupt checkpoint ${where}: ${why}`);
  };
  const { specs, bytes: expected } = checkManifest(manifest, binName, where);
  if (bin.byteLength !== expected) {
    fail(`${binName} has ${bin.byteLength} bytes but the manifest describes ${expected} (truncated or mismatched file)`);
  }
  const decoded = tf.io.decodeWeights(bin, specs);
  const out = new Map(specs.map((s) => [s.name, decoded[s.name] as tf.Tensor]));
  // A NaN or Inf weight makes every output garbage; refuse it here rather than decode nonsense.
  for (const [name, t] of out) {
    if (t.dtype !== 'float32') continue;
    const values = t.dataSync() as Float32Array;
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      const value = values[bad];
      tf.dispose([...out.values()]);
      fail(`weight '${name}' holds a non-finite value (${value}) at index ${bad}`);
    }
  }
  return out;
}

function checkQuantization(q: JsonValue, dtype: string, fail: (why: string) => never): Quantization {
  if (!isObject(q)) return fail('has a malformed quantization entry');
  if (dtype !== 'float32') return fail(`is ${dtype} but quantized (only float32 weights may be)`);
  if (q.dtype === 'float16') return { dtype: 'float16' };
  if (q.dtype === 'uint8') {
    const { min, scale } = q;
    if (typeof min !== 'number' || !Number.isFinite(min) || typeof scale !== 'number' || !(scale > 0) || !Number.isFinite(scale)) {
      return fail('is uint8-quantized without a finite min and a positive scale');
    }
    return { dtype: 'uint8', min, scale };
  }
  return fail(`has unsupported quantization ${JSON.stringify(q.dtype)} (float16 or uint8)`);
}
