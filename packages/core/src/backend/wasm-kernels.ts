import * as tf from '@tensorflow/tfjs';

/** The slice of BackendWasm that JS kernels use (its type is not exported in a usable form). */
export interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: tf.DataId): boolean;
}

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };

function input(inputs: tf.NamedTensorInfoMap, name: string): tf.TensorInfo {
  const t = inputs[name];
  if (!t) throw new Error(`kernel input '${name}' missing`);
  return t;
}

/** segment sums of x's rows: the gradient of gather (so of every embedding). x [N, ...], ids [N]. */
export function unsortedSegmentSum({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const b = backend as WasmBackendLike;
  const x = input(inputs, 'x');
  const ids = input(inputs, 'segmentIds');
  const numSegments = attrs?.numSegments as number;
  const idRank = ids.shape.length;
  const rowShape = x.shape.slice(idRank);
  const row = rowShape.reduce((a, c) => a * c, 1);
  const out = b.makeOutput([numSegments, ...rowShape], x.dtype);
  // Views are taken after the allocation: growing the heap detaches earlier ones.
  const xs = b.typedArrayFromHeap(x);
  const is = b.typedArrayFromHeap(ids);
  const os = b.typedArrayFromHeap(out);
  os.fill(0);
  for (let i = 0; i < is.length; i++) {
    const s = is[i]!;
    if (s < 0 || s >= numSegments) continue;
    const src = i * row;
    const dst = s * row;
    for (let j = 0; j < row; j++) os[dst + j]! += xs[src + j]!;
  }
  return out;
}

/** dL/dFilter of a 2-D convolution, NHWC. x [N, H, W, Cin], dy [N, OH, OW, Cout] -> [FH, FW, Cin, Cout]. */
export function conv2DBackpropFilter({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const b = backend as WasmBackendLike;
  const x = input(inputs, 'x');
  const dy = input(inputs, 'dy');
  const a = attrs ?? {};
  if (a.dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter (wasm fast path) supports NHWC only');
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    a.filterShape as [number, number, number, number],
    a.strides as [number, number],
    1,
    a.pad as 'same',
    a.dimRoundingMode as 'floor' | undefined,
  );
  const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw, inChannels: ci, outChannels: co } = info;
  const { top, left } = info.padInfo;
  const [n, h, w] = x.shape as [number, number, number, number];
  const oh = info.outHeight;
  const ow = info.outWidth;
  const out = b.makeOutput([fh, fw, ci, co], 'float32');
  const xs = b.typedArrayFromHeap(x);
  const ds = b.typedArrayFromHeap(dy);
  const os = b.typedArrayFromHeap(out);
  os.fill(0);
  for (let fr = 0; fr < fh; fr++) {
    for (let fc = 0; fc < fw; fc++) {
      const wBase = (fr * fw + fc) * ci * co;
      for (let bi = 0; bi < n; bi++) {
        for (let yr = 0; yr < oh; yr++) {
          const xr = yr * sh + fr - top;
          if (xr < 0 || xr >= h) continue;
          for (let yc = 0; yc < ow; yc++) {
            const xc = yc * sw + fc - left;
            if (xc < 0 || xc >= w) continue;
            const xo = ((bi * h + xr) * w + xc) * ci;
            const dOff = ((bi * oh + yr) * ow + yc) * co;
            for (let d1 = 0; d1 < ci; d1++) {
              const xv = xs[xo + d1]!;
              const wo = wBase + d1 * co;
              for (let d2 = 0; d2 < co; d2++) os[wo + d2]! += xv * ds[dOff + d2]!;
            }
          }
        }
      }
    }
  }
  return out;
}

type KernelFunc = (args: KernelArgs) => tf.TensorInfo | tf.TensorInfo[];

/** Swaps the last two dims with the wasm Transpose kernel (XNNPACK-free but a cheap copy). */
function transposeLast2(x: tf.TensorInfo, backend: unknown): tf.TensorInfo {
  const r = x.shape.length;
  const perm = [...Array(r).keys()];
  perm[r - 2] = r - 1;
  perm[r - 1] = r - 2;
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!transpose) throw new Error('wasm Transpose kernel missing');
  return transpose.kernelFunc({ inputs: { x }, backend: backend as tf.KernelBackend, attrs: { perm } }) as tf.TensorInfo;
}

/**
 * Wraps a matMul kernel (BatchMatMul, _FusedMatMul) so transposed operands are transposed
 * explicitly first: the wasm kernel's transposed path is a naive loop 10-40x slower than XNNPACK,
 * and every matMul gradient uses it.
 */
export function withExplicitTransposes(original: KernelFunc): KernelFunc {
  return (args) => {
    const attrs = args.attrs ?? {};
    if (!attrs.transposeA && !attrs.transposeB) return original(args);
    const b = args.backend as WasmBackendLike;
    const temps: tf.TensorInfo[] = [];
    const inputs = { ...args.inputs };
    if (attrs.transposeA) temps.push((inputs.a = transposeLast2(input(inputs, 'a'), args.backend)));
    if (attrs.transposeB) temps.push((inputs.b = transposeLast2(input(inputs, 'b'), args.backend)));
    try {
      return original({ ...args, inputs, attrs: { ...attrs, transposeA: false, transposeB: false } });
    } finally {
      for (const t of temps) b.disposeData(t.dataId);
    }
  };
}
