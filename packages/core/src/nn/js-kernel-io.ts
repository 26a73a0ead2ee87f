import type * as tf from '@tensorflow/tfjs';

/** What a JS kernel needs of the cpu or wasm backend (neither exports a usable type). */
export type JsKernelBackend = {
  typedArrayFromHeap?: (t: tf.TensorInfo) => Float32Array | Int32Array;
  makeOutput?: (shape: number[], dtype: tf.DataType) => tf.TensorInfo;
  makeTensorInfo?: (shape: number[], dtype: tf.DataType, values: Float32Array) => tf.TensorInfo;
  readSync(dataId: tf.DataId): unknown;
};

/** An input's data without a copy where the backend allows (a wasm heap view; cpu's own array). */
export function inputData(b: JsKernelBackend, t: tf.TensorInfo): Float32Array | Int32Array {
  return b.typedArrayFromHeap ? b.typedArrayFromHeap(t) : (b.readSync(t.dataId) as Float32Array | Int32Array);
}

/**
 * Allocates float32 outputs and returns them with writable views. On wasm the views are taken
 * after all allocations, and inputs must be viewed after this call: a heap growth detaches
 * older views.
 */
export function floatOutputs(b: JsKernelBackend, shapes: number[][]): { infos: tf.TensorInfo[]; data: Float32Array[] } {
  if (b.makeOutput && b.typedArrayFromHeap) {
    const infos = shapes.map((s) => b.makeOutput!(s, 'float32'));
    return { infos, data: infos.map((i) => b.typedArrayFromHeap!(i) as Float32Array) };
  }
  const data = shapes.map((s) => new Float32Array(s.reduce((a, c) => a * c, 1)));
  return { infos: shapes.map((s, i) => b.makeTensorInfo!(s, 'float32', data[i]!)), data };
}
