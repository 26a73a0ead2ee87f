import * as tf from '@tensorflow/tfjs';
import { installWasmFastPaths } from '@seq2seq/core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export type BrowserBackend = 'webgpu' | 'webgl' | 'wasm';
export const BROWSER_BACKENDS: readonly BrowserBackend[] = ['webgpu', 'webgl', 'wasm'];

export interface BackendChoice {
  backend: BrowserBackend;
  /** Why each faster backend was passed over, e.g. "webgpu: no navigator.gpu". */
  skipped: string[];
}

/**
 * The fastest backend this browser has: WebGPU, else WebGL, else WebAssembly (always there).
 * `forced` (the page's ?backend= parameter) tries only that one.
 */
export async function startBrowserBackend(forced?: BrowserBackend): Promise<BackendChoice> {
  const skipped: string[] = [];
  for (const name of forced ? [forced] : BROWSER_BACKENDS) {
    try {
      await tryBackend(name);
      return { backend: name, skipped };
    } catch (e) {
      skipped.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw new Error(`no TensorFlow.js backend works in this browser (${skipped.join('; ')})`);
}

async function tryBackend(name: BrowserBackend): Promise<void> {
  if (name === 'webgpu') {
    // Loaded only where the browser has WebGPU: the module is large and useless elsewhere.
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    if (!gpu) throw new Error('no navigator.gpu');
    if (!(await gpu.requestAdapter())) throw new Error('no WebGPU adapter');
    await import('@tensorflow/tfjs-backend-webgpu');
  }
  if (name === 'wasm') {
    // Vite emits the .wasm files as assets; tfjs picks threaded SIMD only where the page is
    // cross-origin isolated (SharedArrayBuffer), else SIMD, else plain.
    setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded });
  }
  // tf.setBackend resolves false (it does not throw) when the backend fails to initialise.
  if (!(await tf.setBackend(name))) throw new Error('did not initialise');
  await tf.ready();
  // The training kernels tfjs's wasm backend lacks, as in Node (the fine-tune panel needs them).
  if (name === 'wasm') installWasmFastPaths();
}

export function forcedBackend(search: string): BrowserBackend | undefined {
  const b = new URLSearchParams(search).get('backend');
  return BROWSER_BACKENDS.find((x) => x === b);
}
