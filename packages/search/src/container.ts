import * as tf from '@tensorflow/tfjs';

/** All tensors in a TensorContainer, depth first. Search uses this only to dispose and to infer B. */
export function tensorsOf(container: tf.TensorContainer, out: tf.Tensor[] = []): tf.Tensor[] {
  if (container instanceof tf.Tensor) {
    out.push(container);
  } else if (Array.isArray(container)) {
    for (const c of container) tensorsOf(c, out);
  } else if (container !== null && typeof container === 'object') {
    for (const c of Object.values(container)) tensorsOf(c as tf.TensorContainer, out);
  }
  return out;
}

export function firstTensor(container: tf.TensorContainer): tf.Tensor | undefined {
  return tensorsOf(container)[0];
}

/**
 * Disposes the tensors of `old` that none of `keep` holds. Decoders may pass tensors through
 * unchanged from one state to the next (or from memory into state), so identity decides.
 * Variables (weights a decoder might expose) are never disposed.
 */
export function disposeExcept(old: tf.TensorContainer, keep: readonly tf.TensorContainer[]): void {
  const kept = new Set<number>();
  for (const k of keep) for (const t of tensorsOf(k)) kept.add(t.id);
  for (const t of tensorsOf(old)) if (!kept.has(t.id) && !t.isDisposed && !(t instanceof tf.Variable)) t.dispose();
}
