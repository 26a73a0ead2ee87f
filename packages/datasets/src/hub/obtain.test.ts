// The download path against a server on 127.0.0.1 serving fixtures written here; nothing leaves the machine.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetInfo } from './catalog-types.js';
import { dataDirs, findDataset } from './locate.js';
import { DatasetUnavailableError, obtainDataset } from './obtain.js';
import { readZip } from './zip.js';

const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** A zip of deflated members (CRC left 0: readZip does not check it; sizes and offsets are real). */
function zipOf(members: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(members)) {
    const packed = deflateRawSync(data);
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(packed.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(local, n, packed);
    central.push(c, n);
    offset += 30 + n.length + packed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(members).length, 8);
  end.writeUInt16LE(Object.keys(members).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const big = Buffer.from(Array.from({ length: 20000 }, (_, i) => `line ${i} of the fixture corpus\n`).join(''));
const jsonl = Buffer.from('{"source": "a", "target": "b"}\n');
const member = Buffer.from('hello __eou__ hi __eou__\n');
const files: Record<string, Buffer> = { '/big.txt': big, '/data.jsonl': jsonl, '/pack.zip': zipOf({ 'pack/': Buffer.alloc(0), 'pack/dialogues_x.txt': member }) };

let server: Server;
let base = '';
const requests: { path: string; range: string | undefined }[] = [];
/** Paths whose next response is cut after this many bytes. */
const cutNext = new Map<string, number>();
/** Paths that serve other bytes than the catalog's. */
const tampered = new Set<string>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, range: req.headers.range });
    let body = files[path];
    if (!body) return void res.writeHead(404).end();
    if (tampered.has(path)) body = Buffer.from(body.toString().toUpperCase());
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = m ? Number(m[1]) : 0;
    res.writeHead(m ? 206 : 200, { 'content-length': body.length - start });
    const cut = cutNext.get(path);
    if (cut !== undefined) {
      cutNext.delete(path);
      res.write(body.subarray(start, cut), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    res.end(body.subarray(start));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function fixture(url = base): DatasetInfo {
  return {
    name: 'fixture',
    folder: 'fixture',
    title: 'a test corpus',
    apps: ['translate'],
    licence: 'CC0 (test)',
    source: 'the test server',
    required: ['big.txt', 'data.jsonl.gz', 'x/dialogues_x.txt.gz'],
    approxBytes: big.length,
    obtain: {
      kind: 'download',
      files: () => [
        { url: `${url}/big.txt`, sha256: sha(big), bytes: big.length, save: { kind: 'as-is', path: 'big.txt' } },
        { url: `${url}/data.jsonl`, sha256: sha(jsonl), bytes: jsonl.length, save: { kind: 'gzip', path: 'data.jsonl.gz' } },
        { url: `${url}/pack.zip`, sha256: sha(files['/pack.zip']!), save: { kind: 'zip-members', members: [{ suffix: 'dialogues_x.txt', path: 'x/dialogues_x.txt.gz', sha256: sha(member) }] } },
      ],
    },
  };
}

const freshDirs = () => {
  const root = mkdtempSync(join(tmpdir(), 'seq2seq-data-'));
  return { search: [root], downloadTo: root };
};

describe('obtainDataset', () => {
  it('downloads every file with a progress line, verifies, converts and renames the folder into place', async () => {
    const dirs = freshDirs();
    const lines: string[] = [];
    const dir = await obtainDataset(fixture(), { dirs, log: (l) => lines.push(l), progressEveryMs: 0 });
    expect(dir).toBe(join(dirs.downloadTo, 'fixture'));
    expect(readFileSync(join(dir, 'big.txt')).equals(big)).toBe(true);
    expect(gunzipSync(readFileSync(join(dir, 'data.jsonl.gz'))).equals(jsonl)).toBe(true);
    expect(gunzipSync(readFileSync(join(dir, 'x/dialogues_x.txt.gz'))).equals(member)).toBe(true);
    expect(readdirSync(dirs.downloadTo)).toEqual(['fixture']); // no staging folder, no parts
    expect(lines[0]).toMatch(/fixture: not found in .*downloading 3 files \(CC0 \(test\)\) from the test server/);
    expect(lines.some((l) => /^download fixture: .*B \/ .*B \(\d+%\)/.test(l))).toBe(true);
    const before = requests.length;
    expect(await obtainDataset(fixture(), { dirs, log: () => {} })).toBe(dir); // found: no request
    expect(requests.length).toBe(before);
  });

  it('resumes a cut connection with an HTTP Range request', async () => {
    const dirs = freshDirs();
    cutNext.set('/big.txt', 100_000);
    requests.length = 0;
    const dir = await obtainDataset(fixture(), { dirs, log: () => {} });
    expect(readFileSync(join(dir, 'big.txt')).equals(big)).toBe(true);
    const bigRequests = requests.filter((r) => r.path === '/big.txt');
    expect(bigRequests.length).toBe(2);
    expect(bigRequests[1]!.range).toMatch(/^bytes=\d+-$/);
    expect(Number(/\d+/.exec(bigRequests[1]!.range!)![0])).toBeGreaterThan(0);
  });

  it('refuses bytes with the wrong checksum and leaves nothing behind', async () => {
    const dirs = freshDirs();
    tampered.add('/big.txt');
    try {
      await expect(obtainDataset(fixture(), { dirs, log: () => {} })).rejects.toThrow(/refused a download whose checksum is wrong; nothing was kept.*SHA-256 is [0-9a-f]{64}, expected/);
    } finally {
      tampered.delete('/big.txt');
    }
    expect(readdirSync(dirs.downloadTo)).toEqual([]);
  });

  it('without a network says what is missing, from where, its licence and how to get it by hand', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const dirs = freshDirs();
    const err = await obtainDataset(fixture(`http://127.0.0.1:${port}`), { dirs, log: () => {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetUnavailableError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/dataset 'fixture' \(a test corpus; licence: CC0 \(test\); source: the test server\) is not in /);
    expect(msg).toMatch(/Downloading it failed: .*ECONNREFUSED/);
    expect(msg).toMatch(/Nothing was fetched; run again when online, or get it by hand \(put its files in .*fixture.*SEQ2SEQ_DATA/);
    expect(readdirSync(dirs.downloadTo)).toEqual([]);
  });

  it('explains a dataset that cannot be downloaded', async () => {
    const info: DatasetInfo = { ...fixture(), obtain: { kind: 'manual', how: 'git clone it' } };
    await expect(obtainDataset(info, { dirs: freshDirs(), log: () => {} })).rejects.toThrow(/cannot be downloaded automatically.*\n.*git clone it/s);
  });
});

describe('data directories', () => {
  it('SEQ2SEQ_DATA wins; otherwise ../shared/data when present, then the XDG/home cache', () => {
    expect(dataDirs({ SEQ2SEQ_DATA: '/data/x' })).toEqual({ search: ['/data/x'], downloadTo: '/data/x' });
    const d = dataDirs({ XDG_CACHE_HOME: '/c' });
    expect(d.downloadTo).toBe('/c/seq2seq/data');
    expect(d.search.at(-1)).toBe('/c/seq2seq/data');
    expect(dataDirs({ HOME: '/h' }).downloadTo).toMatch(/\.cache\/seq2seq\/data$/);
  });
  it('finds a folder only when its required files are all there', () => {
    const dirs = freshDirs();
    expect(findDataset(fixture(), dirs)).toBeUndefined();
  });
  it('reads deflated zip members and skips folders', () => {
    expect(readZip(zipOf({ 'a/b.txt': member })).map((e) => [e.name, e.data.toString()])).toEqual([['a/b.txt', member.toString()]]);
  });
});
