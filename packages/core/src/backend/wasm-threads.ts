import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';

const require = createRequire(import.meta.url);

/**
 * Makes tfjs-backend-wasm's threaded-SIMD build work in Node (tensorflow/tfjs#3830). Three things stop
 * it there: the flag WASM_HAS_MULTITHREAD_SUPPORT is hard-wired false under Node; the Emscripten
 * pthread workers get `blob:` URLs that worker_threads cannot load; the C++ side caps the pool at
 * half the logical cores. We write the worker script to a file and hand its path out in place of the
 * blob URL, point the worker's own blob lookup at the threaded module's file, set the flag, and
 * report twice the cores while the module starts. Call before `tf.setBackend('wasm')`; returns a
 * function that restores os.cpus once the backend is up.
 */
export function prepareWasmThreads(threads: number): () => void {
  const base = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  const mainScript = path.join(base, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js');
  const { wasmWorkerContents } = require(path.join(base, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.worker.js')) as { wasmWorkerContents: string };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seq2seq-wasm-'));
  const workerFile = path.join(dir, 'worker.cjs');
  // Inside the worker, the main script arrives as a Blob; resolve it to the file instead.
  const workerPatch = `;URL.createObjectURL=()=>${JSON.stringify(mainScript)};URL.revokeObjectURL=()=>{};\n`;
  fs.writeFileSync(workerFile, wasmWorkerContents.replace(/\n/g, '\\n') + workerPatch);
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

  const createObjectURL = URL.createObjectURL.bind(URL);
  // tfjs makes the worker script a JS Blob each time Emscripten spawns a worker.
  URL.createObjectURL = (obj: Blob) => (obj instanceof Blob && obj.type === 'application/javascript' ? workerFile : createObjectURL(obj));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);

  const cpus = os.cpus;
  const wanted = Math.max(threads, cpus().length);
  // The pool is capped at half of what Emscripten reports; report enough for `threads`.
  os.cpus = () => {
    const real = cpus();
    return Array.from({ length: 2 * wanted }, (_, i) => real[i % real.length]!);
  };
  return () => {
    os.cpus = cpus;
  };
}
