// Every app's bin exits when its command is done, also after the wasm backend has started its
// worker threads (which keep Node alive unless the entry point exits explicitly): `chat train &&
// chat eval` used to hang forever.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
// One app per pipeline; every bin goes through the same shared main() from @seq2seq/cli.
const apps = ['chat', 'caption', 'transcribe'];

/** Runs a bin; resolves with its exit code, or 'hung' when it is still alive after `limitMs`. */
function runBin(app: string, args: string[], limitMs: number): Promise<{ code: number | 'hung'; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'apps', app, 'bin', `${app}.js`), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ code: 'hung', stderr });
    }, limitMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stderr });
    });
  });
}

describe('entry points', () => {
  it('exit after an error with wasm worker threads running', async () => {
    const results = await Promise.all(apps.map((app) => runBin(app, ['predict', '--model', '/nonexistent-model', '--backend', 'wasm', '--threads', '2', 'x'], 60_000)));
    results.forEach((r, i) => {
      expect(r.code, `${apps[i]}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toMatch(/nonexistent-model/);
    });
  }, 120_000);
});
