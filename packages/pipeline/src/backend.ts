import type { OptionSpecs } from '@seq2seq/cli';
import { BACKEND_NAMES, type BackendName, initBackend } from '@seq2seq/core';

export const backendOptions = {
  backend: { type: 'string', description: 'node | wasm | cpu | webgpu (default: the fastest of node, wasm, cpu that loads; env SEQ2SEQ_BACKEND; webgpu needs optional packages and a Vulkan driver)' },
  threads: { type: 'number', description: 'wasm threads (default: env SEQ2SEQ_THREADS or all cores)', integer: true, min: 1 },
} as const satisfies OptionSpecs;

/** Starts the backend chosen by flags/env; logs the choice once to stderr. */
export async function startBackend(o: { backend?: string | undefined; threads?: number | undefined }, log: (l: string) => void): Promise<void> {
  if (o.backend !== undefined && !(BACKEND_NAMES as readonly string[]).includes(o.backend)) throw new Error(`--backend must be ${BACKEND_NAMES.join(', ')}, got '${o.backend}'`);
  await initBackend({ ...(o.backend ? { backend: o.backend as BackendName } : {}), ...(o.threads ? { threads: o.threads } : {}), log });
}
