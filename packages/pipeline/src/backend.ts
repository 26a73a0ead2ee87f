import type { OptionSpecs } from '@seq2seq/cli';
import { type BackendName, initBackend } from '@seq2seq/core';

export const backendOptions = {
  backend: { type: 'string', description: 'node | wasm | cpu (default: the fastest that loads; env SEQ2SEQ_BACKEND)' },
  threads: { type: 'number', description: 'wasm threads (default: env SEQ2SEQ_THREADS or all cores)', integer: true, min: 1 },
} as const satisfies OptionSpecs;

/** Starts the backend chosen by flags/env; logs the choice once to stderr. */
export async function startBackend(o: { backend?: string | undefined; threads?: number | undefined }, log: (l: string) => void): Promise<void> {
  if (o.backend !== undefined && !['node', 'wasm', 'cpu'].includes(o.backend)) throw new Error(`--backend must be node, wasm or cpu, got '${o.backend}'`);
  await initBackend({ ...(o.backend ? { backend: o.backend as BackendName } : {}), ...(o.threads ? { threads: o.threads } : {}), log });
}
