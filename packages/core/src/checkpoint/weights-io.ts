import * as tf from '@tensorflow/tfjs';
import type { JsonValue } from '../json.js';
import { isObject } from './format.js';

/** One manifest group in the tf.io `weightsManifest` format (what tf.io.loadWeights reads). */
export interface ManifestGroup {
  paths: string[];
  weights: tf.io.WeightsManifestEntry[];
}

const BYTES: Record<string, number> = { float32: 4, int32: 4 };

/** Encodes named tensors into one binary file plus a one-group manifest pointing at it. */
export async function encodeTensorGroup(tensors: Map<string, tf.Tensor>, binName: string): Promise<{ manifest: ManifestGroup[]; data: ArrayBuffer }> {
  for (const [name, t] of tensors) {
    if (BYTES[t.dtype] === undefined) throw new Error(`cannot save '${name}': dtype ${t.dtype} (only float32 and int32)`);
  }
  const named = [...tensors].map(([name, tensor]) => ({ name, tensor }));
  const { data, specs } = await tf.io.encodeWeights(named);
  return { manifest: [{ paths: [binName], weights: specs }], data };
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
    if (w.quantization !== undefined) fail(`weight '${name}' is quantized (not supported)`);
    const dims = shape as number[];
    expected += dims.reduce((a, b) => a * b, 1) * (BYTES[dtype as string] as number);
    specs.push({ name, shape: dims, dtype: dtype as 'float32' | 'int32' });
  }
  if (bin.byteLength !== expected) {
    fail(`${binName} has ${bin.byteLength} bytes but the manifest describes ${expected} (truncated or mismatched file)`);
  }
  const decoded = tf.io.decodeWeights(bin, specs);
  return new Map(specs.map((s) => [s.name, decoded[s.name] as tf.Tensor]));
}
