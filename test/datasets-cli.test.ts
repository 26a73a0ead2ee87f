// `--dataset NAME` from the command line, on a machine without the data: the real catalog, served
// from 127.0.0.1 through SEQ2SEQ_DATA_MIRROR (nothing leaves the machine).
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runApp } from '@seq2seq/cli';
import { seq2seqApp } from '@seq2seq/app-seq2seq';
import { translateApp } from '@seq2seq/app-translate';
import { REPO_ROOT } from '@seq2seq/datasets';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const shared = resolve(REPO_ROOT, '..', 'shared', 'data', 'multi30k');
const saved = { data: process.env.SEQ2SEQ_DATA, mirror: process.env.SEQ2SEQ_DATA_MIRROR };
let server: Server;
let mirror = '';

beforeAll(async () => {
  // Upstream paths at the pinned commit -> this machine's byte-identical copy.
  server = createServer((req, res) => {
    const m = /^\/multi30k\/dataset\/[0-9a-f]{40}\/data\/task1\/(raw|image_splits)\/([\w.]+)$/.exec(req.url ?? '');
    const file = m ? join(shared, m[1] === 'raw' ? '' : 'image_splits', m[2]!) : '';
    if (!m || !existsSync(file)) return void res.writeHead(404).end();
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
afterEach(() => {
  for (const [k, v] of [['SEQ2SEQ_DATA', saved.data], ['SEQ2SEQ_DATA_MIRROR', saved.mirror]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, ctx: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('--dataset on a machine without the data', () => {
  it('translate train explains what is missing, where it comes from, its licence and how to get it', async () => {
    process.env.SEQ2SEQ_DATA = mkdtempSync(join(tmpdir(), 'no-data-'));
    process.env.SEQ2SEQ_DATA_MIRROR = 'http://127.0.0.1:9/'; // discard port: refused
    const c = capture();
    expect(await runApp(translateApp, ['train', '--dataset', 'multi30k', '--out', join(process.env.SEQ2SEQ_DATA, 'run'), '--backend', 'cpu'], c.ctx)).toBe(1);
    const msg = c.err.join('\n');
    expect(msg).toMatch(/dataset 'multi30k' .*licence: non-commercial research and education.*source: github.com\/multi30k\/dataset at a3d2e0d/);
    expect(msg).toMatch(/Downloading it failed.*\n.*get it by hand/);
  });

  it.skipIf(!existsSync(shared))('seq2seq datasets --get downloads the real catalog files and verifies their checksums', async () => {
    const data = mkdtempSync(join(tmpdir(), 'got-data-'));
    process.env.SEQ2SEQ_DATA = data;
    process.env.SEQ2SEQ_DATA_MIRROR = mirror;
    const c = capture();
    expect(await runApp(seq2seqApp, ["datasets", "--get", "multi30k"], c.ctx), c.err.join("\n")).toBe(0);
    expect(c.out).toEqual([join(data, 'multi30k')]);
    expect(readdirSync(join(data, 'multi30k')).sort()).toEqual(readdirSync(shared).sort());
    expect(readFileSync(join(data, 'multi30k', 'train.de.gz')).equals(readFileSync(join(shared, 'train.de.gz')))).toBe(true);
    expect(c.err.filter((l) => l.startsWith("download multi30k:")).at(-1)).toMatch(/^download multi30k: 3\.0 MB \/ 3\.0 MB \(100%\), .*done$/);
    const list = capture();
    expect(await runApp(seq2seqApp, ['datasets'], list.ctx)).toBe(0);
    expect(list.out.join('\n')).toMatch(new RegExp(`multi30k \\(translate\\).*\\n  where: ${join(data, 'multi30k')}\\n`));
    expect(list.out.join('\n')).toMatch(/fsdd \(transcribe\).*\n  where: missing: downloaded on first use/);
  });
});
