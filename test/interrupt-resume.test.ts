// A real process is interrupted mid-training (SIGTERM), saves last/, and `--resume` continues from it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = join(dirname(fileURLToPath(import.meta.url)), '../apps/translate/bin/translate.js');

function run(args: string[], killAfter?: RegExp): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let sent = false;
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (killAfter && !sent && killAfter.test(err)) {
        sent = true;
        child.kill('SIGTERM');
      }
    });
    child.on('close', (code) => resolve({ code, err }));
  });
}

describe('interrupt and resume', () => {
  it('stops cleanly on SIGTERM, then resumes from last/', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'interrupt-'));
    const lines = ['source\ttarget'];
    for (let i = 0; i < 300; i++) lines.push(`w${i % 17} w${i % 13} w${i % 7}\tv${i % 7} v${i % 13} v${i % 17}`);
    writeFileSync(join(dir, 'train.tsv'), `${lines.join('\n')}\n`);
    const out = join(dir, 'run');
    const args = ['train', '--out', out, '--train', join(dir, 'train.tsv'), '--valid', join(dir, 'train.tsv'), '--tokenizer', 'word', '--embedding-dim', '8', '--encoder-units', '8', '--decoder-units', '8', '--batch-tokens', '60', '--validate-size', '5', '--backend', 'cpu'];
    const first = await run([...args, '--epochs', '1000'], /step 20 /);
    expect(first.err).toMatch(/SIGTERM: stopping after this batch/);
    expect(first.code).toBe(0);
    expect(first.err).toMatch(/stopped \(interrupted\)/);
    const stoppedAt = JSON.parse(readFileSync(join(out, 'last', 'config.json'), 'utf8')).training;
    expect(stoppedAt.step).toBeGreaterThanOrEqual(20);
    const second = await run([...args, '--epochs', String(stoppedAt.epoch + 1), '--resume']);
    expect(second.code, second.err).toBe(0);
    const resumed = JSON.parse(readFileSync(join(out, 'last', 'config.json'), 'utf8')).training;
    expect(resumed.epoch).toBe(stoppedAt.epoch + 1);
    expect(resumed.step).toBeGreaterThan(stoppedAt.step);
  });
});
