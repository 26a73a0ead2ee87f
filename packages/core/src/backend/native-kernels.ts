import * as tf from '@tensorflow/tfjs';
import { ACTIVATION, type NativeBlas } from '@seq2seq/native';
import { heapF32, offsetOf, type WasmInternals } from './wasm-heap.js';
import { markNativeInstalled, nativeKernelStats, nativeSwitchedOn } from './native-state.js';

export { nativeEnabled, nativeKernelStats, setNativeEnabled } from './native-state.js';

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };
type KernelFunc = (args: KernelArgs) => tf.TensorInfo | tf.TensorInfo[];

/** Kernel names the native addon takes over in the wasm backend (tfjs has no separate MatMul kernel). */
export const NATIVE_KERNELS = ['BatchMatMul', '_FusedMatMul'] as const;

const prod = (xs: number[]) => xs.reduce((a, c) => a * c, 1);

interface Plan {
  outShape: number[];
  batch: number;
  m: number;
  n: number;
  k: number;
  aStride: number;
  bStride: number;
}

/**
 * Shapes as sgemm calls: equal batch dims, or one side without batch (broadcast, stride 0). Other
 * broadcasts and mismatched inner dims return undefined (the wasm kernel handles or reports them).
 */
function plan(a: number[], b: number[], ta: boolean, tb: boolean): Plan | undefined {
  if (a.length < 2 || b.length < 2) return undefined;
  const [ar, ac] = a.slice(-2) as [number, number];
  const [br, bc] = b.slice(-2) as [number, number];
  const m = ta ? ac : ar;
  const k = ta ? ar : ac;
  const n = tb ? br : bc;
  if ((tb ? bc : br) !== k) return undefined;
  const outerA = a.slice(0, -2);
  const outerB = b.slice(0, -2);
  const batchA = prod(outerA);
  const batchB = prod(outerB);
  let outer: number[];
  if (batchA === 1 && batchB === 1) outer = outerA.length >= outerB.length ? outerA : outerB;
  else if (batchB === 1 && outerB.length <= outerA.length) outer = outerA;
  else if (batchA === 1 && outerA.length <= outerB.length) outer = outerB;
  else if (outerA.length === outerB.length && outerA.every((d, i) => d === outerB[i])) outer = outerA;
  else return undefined;
  return { outShape: [...outer, m, n], batch: prod(outer), m, n, k, aStride: batchA === 1 ? 0 : m * k, bStride: batchB === 1 ? 0 : k * n };
}

/**
 * BatchMatMul / _FusedMatMul on OpenBLAS, in place on the wasm heap: the output is allocated by
 * the backend, then one addon call writes it. Anything not handled (non-float32, partial batch
 * broadcasts, prelu, a bias other than [N]) goes to `original`, the wasm kernel.
 */
export function nativeMatMul(blas: NativeBlas, original: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, attrs = {} } = args;
    const b = args.backend as WasmInternals;
    const a = inputs.a;
    const bb = inputs.b;
    const bias = inputs.bias;
    const activation = (attrs.activation as string | undefined) ?? 'linear';
    const act = (ACTIVATION as Record<string, number>)[activation];
    const p = a && bb ? plan(a.shape, bb.shape, Boolean(attrs.transposeA), Boolean(attrs.transposeB)) : undefined;
    if (!nativeSwitchedOn()) return original(args);
    if (
      !a ||
      !bb ||
      !p ||
      a.dtype !== 'float32' ||
      bb.dtype !== 'float32' ||
      act === undefined ||
      inputs.preluActivationWeights ||
      (bias && (bias.dtype !== 'float32' || bias.shape.length !== 1 || bias.shape[0] !== p.n))
    ) {
      nativeKernelStats.fallback++;
      return original(args);
    }
    const out = b.makeOutput(p.outShape, 'float32');
    if (p.batch === 0 || p.m === 0 || p.n === 0) return out;
    const aOff = offsetOf(b, a);
    const bOff = offsetOf(b, bb);
    const cOff = offsetOf(b, out);
    const biasOff = bias ? offsetOf(b, bias) : -1;
    if (aOff < 0 || bOff < 0 || cOff < 0 || (bias && biasOff < 0)) {
      (args.backend as { disposeData(id: tf.DataId): void }).disposeData(out.dataId);
      nativeKernelStats.fallback++;
      return original(args);
    }
    // The view is taken after makeOutput: that allocation may have grown the memory.
    const heap = heapF32(b);
    const alpha = (attrs.leakyreluAlpha as number | undefined) ?? 0.2;
    blas.gemm(heap, p.batch, attrs.transposeA ? 1 : 0, attrs.transposeB ? 1 : 0, p.m, p.n, p.k, aOff, p.aStride, bOff, p.bStride, cOff, p.m * p.n, biasOff, act, alpha);
    nativeKernelStats.native++;
    return out;
  };
}

let installedFor: NativeBlas | undefined;

/** The addon the kernels use, once installed (to read or change its thread policy). */
export function nativeBlas(): NativeBlas | undefined {
  return installedFor;
}

/**
 * Routes the wasm backend's BatchMatMul and _FusedMatMul to the addon (idempotent). Call after
 * installWasmFastPaths: the kernels it registered become the fallbacks.
 */
export function installNativeKernels(blas: NativeBlas): void {
  if (installedFor) return;
  for (const name of NATIVE_KERNELS) {
    const k = tf.getKernel(name, 'wasm');
    if (!k) throw new Error(`wasm kernel ${name} not registered`);
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc: nativeMatMul(blas, k.kernelFunc as KernelFunc) as tf.KernelFunc });
  }
  installedFor = blas;
  markNativeInstalled();
}
