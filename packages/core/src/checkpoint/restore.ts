import type * as tf from '@tensorflow/tfjs';
import type { ParamStore } from '../params.js';

/**
 * Copies checkpoint weights into the store's variables after checking that the two name sets are
 * identical and every shape and dtype matches; otherwise throws listing every missing, extra and
 * mis-shaped variable and changes nothing. The weights stay owned by the caller.
 */
export function restoreInto(store: ParamStore, weights: Map<string, tf.Tensor>, where = 'checkpoint'): void {
  const vars = new Map(store.entries());
  const missing = [...vars.keys()].filter((k) => !weights.has(k));
  const extra = [...weights.keys()].filter((k) => !vars.has(k));
  const misShaped: string[] = [];
  for (const [name, v] of vars) {
    const w = weights.get(name);
    if (!w) continue;
    if (!sameShape(v.shape, w.shape)) misShaped.push(`${name}: model [${v.shape}] vs checkpoint [${w.shape}]`);
    else if (v.dtype !== w.dtype) misShaped.push(`${name}: model ${v.dtype} vs checkpoint ${w.dtype}`);
  }
  const problems: string[] = [];
  if (missing.length) problems.push(`missing from checkpoint: ${missing.join(', ')}`);
  if (extra.length) problems.push(`not in model: ${extra.join(', ')}`);
  if (misShaped.length) problems.push(`shape mismatch: ${misShaped.join('; ')}`);
  if (problems.length) throw new Error(`${where} does not match the model (${problems.join('. ')})`);
  for (const [name, v] of vars) v.assign(weights.get(name)!);
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
