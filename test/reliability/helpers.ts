// Shared by the reliability suite: running the real apps (in process through runApp, or as a child
// process where stdin or a kill is part of the test) and making tiny trained models to attack.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppSpec, runApp } from '@seq2seq/cli';

export const root = join(import.meta.dirname, '..', '..');

export interface Ran {
  code: number;
  out: string[];
  err: string;
}

/** Runs an app in this process, capturing its stdout lines and stderr. */
export async function run(app: AppSpec, argv: string[]): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runApp(app, argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err: err.join('\n') };
}

/** Runs an app's bin as a child process with `stdin` piped in; 'hung' if it outlives `limitMs`. */
export function runBin(app: string, args: string[], stdin: Uint8Array | string = '', limitMs = 60_000): Promise<{ code: number | 'hung'; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'apps', app, 'bin', `${app}.js`), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ code: 'hung', stdout, stderr });
    }, limitMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `reliability-${prefix}-`));
}

/** A tiny word-level translation corpus (TSV with header): 36 pairs. */
export function writeTranslateCorpus(dir: string): string {
  const words = ['red', 'blue', 'cat', 'dog', 'big', 'small'];
  const de: Record<string, string> = { red: 'rot', blue: 'blau', cat: 'katze', dog: 'hund', big: 'gross', small: 'klein' };
  const lines = ['source\ttarget'];
  for (const a of words) for (const b of words) lines.push(`${a} ${b}\t${de[a]} ${de[b]}`);
  const file = join(dir, 'train.tsv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Flags for a translate model small enough to train in a second or two. */
export const TINY_TRANSLATE = ['--tokenizer', 'word', '--embedding-dim', '8', '--encoder-units', '8', '--decoder-units', '8', '--batch-tokens', '200', '--max-source-length', '6', '--backend', 'cpu'];
