// The README's library example (examples/plug-in-encoder.ts) trains, decodes, prints and exits on its
// own: run as a user would, with the default backend (wasm worker threads when tfjs-node is absent).
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
// Seconds on an idle machine; generous because a loaded one can be 20x slower, and a hang never ends.
const LIMIT_MS = 240_000;

describe('examples/plug-in-encoder.ts', () => {
  it('trains a few steps, decodes, and the process exits by itself', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'examples/plug-in-encoder.ts'], { cwd: root, env: { ...process.env, EXAMPLE_STEPS: '20', SEQ2SEQ_THREADS: '2' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | string>((done) => {
      // A hang (worker threads keeping Node alive) shows as this timer winning.
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        done('hung');
      }, LIMIT_MS);
      child.on('exit', (c) => {
        clearTimeout(timer);
        done(c ?? 'signal');
      });
    });
    expect(code, err).toBe(0);
    expect(out).toMatch(/^step 1: loss \d+\.\d+$/m);
    expect(out).toMatch(/^input 3 4 5 -> decoded( \d+)+$/m);
  }, LIMIT_MS + 10_000);
});
