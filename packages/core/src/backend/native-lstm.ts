import * as tf from '@tensorflow/tfjs';
import type { NativeBlas } from '@seq2seq/native';
import { heapF32, offsetOf, type WasmInternals } from './wasm-heap.js';
import { NATIVE_LSTM_GRAD_KERNEL, NATIVE_LSTM_KERNEL, nativeKernelStats } from './native-state.js';

export { NATIVE_LSTM_GRAD_KERNEL, NATIVE_LSTM_KERNEL } from './native-state.js';

type Args = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };

function need(inputs: tf.NamedTensorInfoMap, names: string[]): tf.TensorInfo[] {
  return names.map((n) => {
    const t = inputs[n];
    if (!t || t.dtype !== 'float32') throw new Error(`${NATIVE_LSTM_KERNEL}: float32 input '${n}' expected`);
    return t;
  });
}

/** Offsets of tensors (all float32 on the wasm heap, checked by the caller's plan). */
function offsets(b: WasmInternals, ts: tf.TensorInfo[]): number[] {
  return ts.map((t) => {
    const o = offsetOf(b, t);
    if (o < 0) throw new Error(`${NATIVE_LSTM_KERNEL}: tensor not addressable in the wasm heap`);
    return o;
  });
}

function forward(blas: NativeBlas) {
  return ({ inputs, backend, attrs }: Args): tf.TensorInfo[] => {
    const b = backend as WasmInternals;
    const ins = need(inputs, ['proj', 'u', 'h0', 'c0', 'mask']);
    const [bs, t, g] = ins[0]!.shape as [number, number, number];
    const h = g / 4;
    const outs = [b.makeOutput([bs, t + 2, h], 'float32'), b.makeOutput([t, bs, g], 'float32'), ...[0, 1, 2].map(() => b.makeOutput([t, bs, h], 'float32'))];
    const heap = heapF32(b);
    const [proj, u, h0, c0, mask] = offsets(b, ins) as [number, number, number, number, number];
    const [out, gates, hPrev, cPrev, tc] = offsets(b, outs) as [number, number, number, number, number];
    blas.lstmForward(heap, bs, t, h, attrs?.reverse ? 1 : 0, proj, u, h0, c0, mask, out, gates, hPrev, cPrev, tc);
    nativeKernelStats.lstmForward++;
    return outs;
  };
}

function backward(blas: NativeBlas) {
  return ({ inputs, backend, attrs }: Args): tf.TensorInfo[] => {
    const b = backend as WasmInternals;
    const ins = need(inputs, ['dy', 'u', 'mask', 'gates', 'hPrev', 'cPrev', 'tc']);
    const [t, bs, g] = ins[3]!.shape as [number, number, number];
    const h = g / 4;
    const outs = [b.makeOutput([bs, t, g], 'float32'), b.makeOutput([h, g], 'float32'), b.makeOutput([2, bs, h], 'float32')];
    const heap = heapF32(b);
    const [dy, u, mask, gates, hPrev, cPrev, tc] = offsets(b, ins) as [number, number, number, number, number, number, number];
    const [dProj, dU, dState] = offsets(b, outs) as [number, number, number];
    blas.lstmBackward(heap, bs, t, h, attrs?.reverse ? 1 : 0, u, mask, gates, hPrev, cPrev, tc, dy, dProj, dU, dState);
    nativeKernelStats.lstmBackward++;
    return outs;
  };
}

/** Registers the two kernels for wasm (idempotent). */
export function installNativeLstm(blas: NativeBlas): void {
  if (!tf.getKernel(NATIVE_LSTM_KERNEL, 'wasm')) tf.registerKernel({ kernelName: NATIVE_LSTM_KERNEL, backendName: 'wasm', kernelFunc: forward(blas) as unknown as tf.KernelFunc });
  if (!tf.getKernel(NATIVE_LSTM_GRAD_KERNEL, 'wasm')) tf.registerKernel({ kernelName: NATIVE_LSTM_GRAD_KERNEL, backendName: 'wasm', kernelFunc: backward(blas) as unknown as tf.KernelFunc });
}
