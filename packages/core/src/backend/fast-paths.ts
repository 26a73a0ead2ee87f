import * as tf from '@tensorflow/tfjs';
import { conv2DBackpropFilter, unsortedSegmentSum, withExplicitTransposes } from './wasm-kernels.js';
import { gatherV2, slice, splitV, tileWith, unpack } from './wasm-slice.js';

let installed = false;

/** Kernel names this module adds to or wraps in the wasm backend. */
export const WASM_FAST_PATHS = ['BatchMatMul', '_FusedMatMul', 'Slice', 'SplitV', 'Unpack', 'GatherV2', 'Tile', 'UnsortedSegmentSum', 'Conv2DBackpropFilter'] as const;

/**
 * Installs the wasm training fast paths (idempotent): matMuls with transposed operands routed to
 * XNNPACK through explicit transposes (this covers every matMul gradient), and JS kernels the wasm
 * backend lacks: UnsortedSegmentSum (the gather / embedding gradient) and Conv2DBackpropFilter;
 * Slice / SplitV / Unpack that copy only what they take (the shipped ones copy the whole input);
 * GatherV2 as row copies (the shipped one is ~50 ns per element); Tile as block copies (~100 ns per
 * element shipped; tf.where with a broadcast operand tiles).
 * Call after the wasm backend is registered.
 */
export function installWasmFastPaths(): void {
  if (installed) return;
  for (const name of ['BatchMatMul', '_FusedMatMul']) {
    const k = tf.getKernel(name, 'wasm');
    if (!k) throw new Error(`wasm kernel ${name} not registered`);
    tf.unregisterKernel(name, 'wasm');
    // setupFunc already ran when the backend initialised; the wrapped kernel reuses its bindings.
    tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc: withExplicitTransposes(k.kernelFunc as never) as tf.KernelFunc });
  }
  const shippedTile = tf.getKernel('Tile', 'wasm')?.kernelFunc;
  if (!shippedTile) throw new Error('wasm kernel Tile not registered');
  const replace: [string, tf.KernelFunc][] = [
    ['Tile', tileWith(shippedTile) as tf.KernelFunc],
    ['Slice', slice as tf.KernelFunc],
    ['SplitV', splitV as unknown as tf.KernelFunc],
    ['Unpack', unpack as unknown as tf.KernelFunc],
    ['GatherV2', gatherV2 as tf.KernelFunc],
  ];
  for (const [name, kernelFunc] of replace) {
    if (tf.getKernel(name, 'wasm')) tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc });
  }
  const add: [string, tf.KernelFunc][] = [
    ['UnsortedSegmentSum', unsortedSegmentSum as tf.KernelFunc],
    ['Conv2DBackpropFilter', conv2DBackpropFilter as tf.KernelFunc],
  ];
  for (const [name, kernelFunc] of add) {
    if (!tf.getKernel(name, 'wasm')) tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc });
  }
  installed = true;
}
