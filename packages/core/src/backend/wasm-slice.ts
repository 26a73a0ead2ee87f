import * as tf from '@tensorflow/tfjs';
import type { WasmBackendLike } from './wasm-kernels.js';

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };

/**
 * Slice without the shipped kernel's full copy of the input: its `readSync` copies the whole input
 * out of the wasm heap for every slice, so unstacking [T, B, D] copied T whole tensors. We read a
 * heap view and copy only the rows the slice takes.
 */
export function sliceInfo(x: tf.TensorInfo, begin: number[], size: number[], backend: unknown): tf.TensorInfo {
  const b = backend as WasmBackendLike;
  const out = b.makeOutput(size, x.dtype);
  if (out.shape.reduce((a, c) => a * c, 1) === 0) return out;
  const xs = b.typedArrayFromHeap(x);
  const os = b.typedArrayFromHeap(out);
  const rank = x.shape.length;
  const strides = tf.util.computeStrides(x.shape);
  // Innermost run of dims copied whole: from the last dim whose slice is partial inward.
  let inner = rank - 1;
  while (inner > 0 && begin[inner] === 0 && size[inner] === x.shape[inner]) inner--;
  const run = size.slice(inner).reduce((a, c) => a * c, 1);
  const outer = size.slice(0, inner);
  const nOuter = outer.reduce((a, c) => a * c, 1);
  const idx = new Array<number>(inner).fill(0);
  const innerOff = begin[inner]! * (inner < rank - 1 ? strides[inner]! : 1);
  for (let o = 0, dst = 0; o < nOuter; o++, dst += run) {
    let src = innerOff;
    for (let d = 0; d < inner; d++) src += (begin[d]! + idx[d]!) * strides[d]!;
    os.set(xs.subarray(src, src + run), dst);
    for (let d = inner - 1; d >= 0; d--) {
      if (++idx[d]! < outer[d]!) break;
      idx[d] = 0;
    }
  }
  return out;
}

export function slice({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const x = inputs.x!;
  const [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, attrs!.begin as number[], attrs!.size as number[]);
  if (!size || !begin) throw new Error("slice params missing");
  return sliceInfo(x, begin, size, backend);
}

export function splitV({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const x = inputs.x!;
  const axis = tf.util.parseAxisParam(attrs!.axis as number, x.shape)[0]!;
  const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, attrs!.numOrSizeSplits as number[], axis);
  const begin = new Array<number>(x.shape.length).fill(0);
  return sizes.map((s) => {
    const size = [...x.shape];
    size[axis] = s;
    const r = sliceInfo(x, [...begin], size, backend);
    begin[axis]! += s;
    return r;
  });
}

export function unpack({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const x = inputs.value!;
  let axis = attrs!.axis as number;
  if (axis < 0) axis += x.shape.length;
  const outShape = x.shape.filter((_, i) => i !== axis);
  const size = [...x.shape];
  size[axis] = 1;
  return Array.from({ length: x.shape[axis]! }, (_, i) => {
    const begin = new Array<number>(x.shape.length).fill(0);
    begin[axis] = i;
    const r = sliceInfo(x, begin, size, backend);
    return { dataId: r.dataId, dtype: r.dtype, shape: outShape };
  });
}

/**
 * GatherV2 as row copies: the shipped wasm kernel walks every output element through generic
 * index arithmetic (~50 ns each: 3 ms to gather 64 rows of 1,024), which made embedding lookups
 * and the decoder's per-step input-table gather a large part of decoding time.
 * x [...outer, N, ...inner], indices (any shape) along `axis` -> [...outer, ...indices, ...inner].
 */
export function gatherV2({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const b = backend as WasmBackendLike;
  const x = inputs.x!;
  const indices = inputs.indices!;
  const batchDims = (attrs?.batchDims as number | undefined) ?? 0;
  if (batchDims !== 0) throw new Error('GatherV2 (wasm fast path): batchDims > 0 is not supported');
  const axis = tf.util.parseAxisParam(attrs!.axis as number, x.shape)[0]!;
  const n = x.shape[axis]!;
  const outerShape = x.shape.slice(0, axis);
  const innerShape = x.shape.slice(axis + 1);
  const outer = outerShape.reduce((a, c) => a * c, 1);
  const inner = innerShape.reduce((a, c) => a * c, 1);
  const out = b.makeOutput([...outerShape, ...indices.shape, ...innerShape], x.dtype);
  const xs = b.typedArrayFromHeap(x);
  const is = b.typedArrayFromHeap(indices);
  const os = b.typedArrayFromHeap(out);
  const k = is.length;
  for (let i = 0; i < k; i++) {
    const id = is[i]!;
    if (!(id >= 0 && id < n)) {
      b.disposeData(out.dataId);
      throw new Error(`gather: index ${id} is not in [0, ${n - 1}]`);
    }
  }
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < k; i++) {
      const src = (o * n + is[i]!) * inner;
      os.set(xs.subarray(src, src + inner), (o * k + i) * inner);
    }
  }
  return out;
}

/**
 * Tile as block copies, innermost axis first. The shipped wasm kernel indexes every output
 * element (~100 ns each: 20-27 ms to tile a [1, 4000] row 64 times), and tf.where with a
 * broadcast operand (e.g. a scalar -Infinity) tiles first, so a masked decoding step spent most
 * of its time there. Strings go to `fallback` (the shipped kernel).
 */
export function tileWith(fallback: tf.KernelFunc) {
  return (args: KernelArgs): tf.TensorInfo => {
    const { inputs, backend, attrs } = args;
    const x = inputs.x!;
    if (x.dtype === 'string') return fallback(args as Parameters<tf.KernelFunc>[0]) as tf.TensorInfo;
    const b = backend as WasmBackendLike;
    const reps = attrs!.reps as number[];
    const shape = [...x.shape];
    const out = b.makeOutput(shape.map((s, i) => s * reps[i]!), x.dtype);
    if (shape.some((s, i) => s * reps[i]! === 0)) return out;
    let cur = b.typedArrayFromHeap(x);
    for (let d = shape.length - 1; d >= 0; d--) {
      const r = reps[d]!;
      if (r === 1) continue;
      const inner = shape.slice(d).reduce((a, c) => a * c, 1);
      const next = new (cur.constructor as new (n: number) => typeof cur)(cur.length * r);
      // Each block of `inner` values (one index of the axes before d) is repeated r times: one
      // copy, then doubling copies (log2 r calls, not r: small blocks repeat many times).
      const span = inner * r;
      for (let o = 0; o < cur.length / inner; o++) {
        const dst = o * span;
        next.set(cur.subarray(o * inner, (o + 1) * inner), dst);
        for (let len = inner; len < span; len *= 2) next.copyWithin(dst + len, dst, dst + Math.min(len, span - len));
      }
      shape[d]! *= r;
      cur = next;
    }
    b.typedArrayFromHeap(out).set(cur);
    return out;
  };
}
