import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The PyTorch reference model (reference_torch.py) as a child process, one command at a time. */
export interface PyTorchRunner {
  /** torch version, threads, BLAS libraries loaded, and the LD_LIBRARY_PATH pin (if any) */
  info: { torch: string; threads: number; blas: string[]; pinned?: string };
  /** training tokens/s over `steps` steps */
  train(steps: number): Promise<number>;
  /** greedy tokens/s, batch x steps */
  greedy(batch: number, steps: number): Promise<number>;
  close(): void;
}

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'reference_torch.py');

/** A Python with torch: BENCH_PYTHON, else the system python3 (Debian's python3-torch), else python3 on PATH. */
function findPython(): string | undefined {
  const candidates = [process.env.BENCH_PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => Boolean(p));
  return candidates.find((p) => spawnSync(p, ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 }).status === 0);
}

/**
 * Debian's torch links libblas.so.3; the pthread OpenBLAS behind it fights torch's OpenMP threads
 * (3,400 vs 15,100 training tokens/s measured), so the OpenMP variant's folder is put first.
 */
function openmpBlasDir(): string | undefined {
  for (const d of ['/usr/lib/x86_64-linux-gnu/openblas-openmp', '/usr/lib/aarch64-linux-gnu/openblas-openmp']) if (fs.existsSync(path.join(d, 'libblas.so.3'))) return d;
  return undefined;
}

/** Starts the PyTorch side, or says why not (nothing is installed here). */
export async function startPytorch(threads: number): Promise<PyTorchRunner | { missing: string }> {
  const python = findPython();
  if (!python) return { missing: 'PyTorch not found (Debian: apt-get install python3-torch libopenblas0-openmp; or set BENCH_PYTHON)' };
  const pinned = openmpBlasDir();
  const env = { ...process.env, BENCH_THREADS: String(threads), ...(pinned ? { LD_LIBRARY_PATH: [pinned, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') } : {}) };
  const child: ChildProcessWithoutNullStreams = spawn(python, [script], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const ask = async (cmd: string): Promise<Record<string, unknown>> => {
    child.stdin.write(`${cmd}\n`);
    const r = await lines.next();
    if (r.done) throw new Error(`PyTorch side exited: ${stderr.trim().split('\n').pop() ?? ''}`);
    return JSON.parse(r.value) as Record<string, unknown>;
  };
  try {
    const info = (await ask('info')) as { torch: string; threads: number; blas: string[] };
    return {
      info: { ...info, ...(pinned ? { pinned } : {}) },
      async train(steps) {
        const r = (await ask(`train ${steps}`)) as { seconds: number; tokens: number };
        return r.tokens / r.seconds;
      },
      async greedy(batch, steps) {
        const r = (await ask(`greedy ${batch} ${steps}`)) as { seconds: number; tokens: number };
        return r.tokens / r.seconds;
      },
      close() {
        child.stdin.end('quit\n');
      },
    };
  } catch (e) {
    child.kill();
    return { missing: `PyTorch side failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}
