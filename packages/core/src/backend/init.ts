import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { installWasmFastPaths } from './fast-paths.js';
import { installNativeKernels } from './native-kernels.js';
import { installNativeLstm } from './native-lstm.js';
import { prepareWasmThreads } from './wasm-threads.js';
import { startWebGpu, WebGpuUnavailable } from './webgpu.js';
import { loadNative } from '@seq2seq/native';

export type BackendName = 'node' | 'wasm' | 'cpu' | 'webgpu';

/** Every backend name `--backend` / SEQ2SEQ_BACKEND accept; webgpu only when asked for (never chosen by default). */
export const BACKEND_NAMES: readonly BackendName[] = ['node', 'wasm', 'cpu', 'webgpu'];

export interface InitBackendOptions {
  /**
   * Forces a backend; default: env SEQ2SEQ_BACKEND, else node > wasm > cpu, first that loads.
   * webgpu (optional packages + a Vulkan driver, see webgpu.ts) is used only when forced.
   */
  backend?: BackendName;
  /** wasm threads; default: env SEQ2SEQ_THREADS, else the number of cores (1 disables threading). */
  threads?: number;
  /** Where the one-line choice goes; default console.error. */
  log?: (msg: string) => void;
  /**
   * wasm only: route matMuls to the @seq2seq/native OpenBLAS addon when it loads (default true;
   * env SEQ2SEQ_NATIVE=0 disables it). A missing or broken addon only adds a note to the log line.
   */
  native?: boolean;
}

export interface BackendInfo {
  backend: BackendName;
  threads: number;
  /** wasm with its matMuls on the native OpenBLAS addon */
  native: boolean;
}

let chosen: Promise<BackendInfo> | undefined;

/**
 * Selects and initialises the fastest available tfjs backend once per process: tfjs-node when the
 * optional package loads, else wasm with this package's fast paths, else cpu. Idempotent: later
 * calls return the first call's result whatever their options.
 */
export function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  chosen ??= choose(options);
  return chosen;
}

async function choose(options: InitBackendOptions): Promise<BackendInfo> {
  const log = options.log ?? ((m: string) => console.error(m));
  const forced = options.backend ?? parseBackend(process.env.SEQ2SEQ_BACKEND);
  const threads = Math.max(1, Math.floor(options.threads ?? (Number(process.env.SEQ2SEQ_THREADS) || os.cpus().length)));
  const order: BackendName[] = forced ? [forced] : ['node', 'wasm', 'cpu'];
  const errors: string[] = [];
  for (const name of order) {
    try {
      const { info, note } = await tryBackend(name, threads, options.native ?? true);
      const label = info.native ? `${info.backend}+native` : info.backend;
      log(`[seq2seq] backend ${label}, ${info.threads} thread(s)${errors.length ? ` (skipped: ${errors.join('; ')})` : ''}${note ? `; ${note}` : ''}`);
      return info;
    } catch (e) {
      const message = e instanceof Error ? e.message.split('\n')[0]! : String(e);
      if (e instanceof WebGpuUnavailable) {
        errors.push(message);
        continue;
      }
      // The optional package being absent is the usual case, not an error: say it in a few words.
      errors.push(/Cannot find (package|module) '@tensorflow\/tfjs-node'/.test(message) ? `${name}: @tensorflow/tfjs-node not installed` : `${name}: ${message}`);
    }
  }
  // A forced webgpu that is unavailable: its own line already says what to install.
  if (forced === 'webgpu' && errors.length === 1) throw new Error(errors[0]!);
  throw new Error(`no tfjs backend could be initialised: ${errors.join('; ')}`);
}

function parseBackend(v: string | undefined): BackendName | undefined {
  if (v === undefined || v === '') return undefined;
  if ((BACKEND_NAMES as readonly string[]).includes(v)) return v as BackendName;
  throw new Error(`SEQ2SEQ_BACKEND must be ${BACKEND_NAMES.join(', ')}, got '${v}'`);
}

async function tryBackend(name: BackendName, threads: number, native: boolean): Promise<{ info: BackendInfo; note?: string }> {
  if (name === 'node') {
    // Optional dependency: a variable specifier keeps bundlers and tsc from requiring it.
    const pkg = '@tensorflow/tfjs-node';
    await import(pkg);
    if (!(await tf.setBackend('tensorflow'))) throw new Error('tensorflow backend did not initialise');
    return { info: { backend: 'node', threads: os.cpus().length, native: false } };
  }
  if (name === 'webgpu') {
    const { adapter } = await startWebGpu();
    return { info: { backend: 'webgpu', threads: 1, native: false }, note: `adapter ${adapter}` };
  }
  if (name === 'cpu') {
    if (!(await tf.setBackend('cpu'))) throw new Error('cpu backend did not initialise');
    return { info: { backend: 'cpu', threads: 1, native: false } };
  }
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const restore = threads > 1 ? prepareWasmThreads(threads) : () => {};
  wasm.setThreadsCount(threads);
  try {
    if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend did not initialise');
  } finally {
    restore();
  }
  installWasmFastPaths();
  const wasmThreads = wasm.getThreadsCount();
  if (!native) return { info: { backend: 'wasm', threads: wasmThreads, native: false } };
  const loaded = loadNative();
  if (!loaded.ok) return { info: { backend: 'wasm', threads: wasmThreads, native: false }, note: loaded.reason };
  loaded.blas.setThreads(blasThreads(), NATIVE_MIN_FLOPS_THREADED);
  installNativeKernels(loaded.blas);
  installNativeLstm(loaded.blas);
  return { info: { backend: 'wasm', threads: wasmThreads, native: true } };
}

/** With SEQ2SEQ_BLAS_THREADS > 1, products below this many FLOPs still run on one OpenBLAS thread. */
const NATIVE_MIN_FLOPS_THREADED = 4e6;

/**
 * OpenBLAS threads: 1 unless SEQ2SEQ_BLAS_THREADS says otherwise. Measured side by side on the
 * 2-core machine (bench/native.ts, backend README): one OpenBLAS thread on the calling thread beat
 * two (whose worker spins after each call and competes with the wasm thread pool).
 */
function blasThreads(): number {
  const n = Math.floor(Number(process.env.SEQ2SEQ_BLAS_THREADS));
  return n >= 1 ? Math.min(n, os.cpus().length) : 1;
}
