import type * as tf from '@tensorflow/tfjs';

/** The parts of BackendWasm the native kernels read (its type is not exported in a usable form). */
export interface WasmInternals {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  dataIdMap: { get(dataId: tf.DataId): { memoryOffset: number | null } | undefined };
  wasm: { HEAPU8: Uint8Array; wasmMemory?: WebAssembly.Memory };
}

let heapCache: { buffer: ArrayBufferLike; view: Float32Array } | undefined;

/**
 * A Float32Array over the whole wasm memory. Growing the memory replaces its buffer (and detaches
 * a non-shared one), so this is re-derived on every call and rebuilt whenever the buffer changed.
 */
export function heapF32(b: WasmInternals): Float32Array {
  const buffer = b.wasm.wasmMemory?.buffer ?? b.wasm.HEAPU8.buffer;
  if (!heapCache || heapCache.buffer !== buffer) heapCache = { buffer, view: new Float32Array(buffer, 0, buffer.byteLength >>> 2) };
  return heapCache.view;
}

/** Element offset of a float32 tensor in the heap, or -1 when it cannot be used in place. */
export function offsetOf(b: WasmInternals, t: tf.TensorInfo): number {
  const d = b.dataIdMap.get(t.dataId);
  if (!d || d.memoryOffset === null || d.memoryOffset % 4 !== 0) return -1;
  return d.memoryOffset / 4;
}
