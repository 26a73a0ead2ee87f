// Load test of `seq2seq serve` on loopback: the same translate model with micro-batching on, then
// off, each under N concurrent clients for a fixed time (autocannon). Prints requests/s, latency
// percentiles, errors and the server's RSS and live tensors before/after each run. While the load runs,
// a second client sends malformed requests (bad JSON, unknown fields, over-long text, unknown task)
// and checks that each gets a 4xx with a message and the server keeps serving.
//
//   node --import tsx apps/seq2seq/bench/serve-load.ts --model runs/tiny [--connections 64]
//     [--duration 20] [--max-batch 16] [--max-wait-ms 5] [--backend wasm] [--sentences FILE]
//
// Without --model the shipped translator (models/translate) is served.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values: a } = parseArgs({
  options: {
    model: { type: 'string' },
    connections: { type: 'string', default: '64' },
    duration: { type: 'string', default: '20' },
    'max-batch': { type: 'string', default: '16' },
    'max-wait-ms': { type: 'string', default: '5' },
    backend: { type: 'string' },
    threads: { type: 'string' },
    sentences: { type: 'string' },
  },
});

const bin = resolve(dirname(fileURLToPath(import.meta.url)), '../bin/seq2seq.js');
const sentences = a.sentences
  ? readFileSync(a.sentences, 'utf8').split('\n').filter((l) => l.trim() !== '')
  : ['A dog runs on the beach.', 'Two children play.', 'a dog', 'two children play on the beach', 'the dog runs', 'children', 'a dog runs on the beach', 'the beach'];

interface Health {
  rssBytes: number;
  tensors?: number;
  tasks: { translate: { queued: number; decoding?: boolean; batches: number; inputs: number; largestBatch: number; rejected: number; timedOut: number } };
}

interface RunResult {
  mode: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  rssPeakMb: number;
  tensorsBefore: number;
  tensorsAfter: number;
  bad: BadTally;
  meanBatch: number;
  largestBatch: number;
}

/** Starts the server bin and resolves with its address once it listens. */
function startServer(maxBatch: number): Promise<{ child: ChildProcess; url: string }> {
  const args = [bin, 'serve', '--port', '0', '--tasks', 'translate', '--max-batch', String(maxBatch), '--max-wait-ms', a['max-wait-ms']!, '--log-level', 'warn', '--timeout-ms', '60000', '--max-queue', '1024'];
  if (a.model) args.push('--model', `translate=${a.model}`);
  if (a.backend) args.push('--backend', a.backend);
  if (a.threads) args.push('--threads', a.threads);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'pipe'] });
  return new Promise((res, rej) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += String(d);
      const m = / on (http:\/\/[^ ]+) /.exec(err);
      if (m) res({ child, url: m[1]! });
    });
    child.once('exit', (code) => rej(new Error(`serve exited (${code}) before listening:\n${err}`)));
  });
}

/** The server's counters; a starved server may not answer within a minute, then the run still reports. */
const health = async (url: string): Promise<Health | undefined> => {
  try {
    return (await (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(60_000) })).json()) as Health;
  } catch {
    return undefined;
  }
};
const body = (text: string) => JSON.stringify({ text });

/** Malformed requests and the status each must get. */
const badRequests: { init: RequestInit; path: string; status: number }[] = [
  { path: '/v1/translate', init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": "A dog' }, status: 400 },
  { path: '/v1/translate', init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": "A dog.", "colour": "red"}' }, status: 400 },
  { path: '/v1/translate', init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'a '.repeat(5000) }) }, status: 400 },
  { path: '/v1/translate', init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": 3}' }, status: 400 },
  { path: '/v1/nosuchtask', init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": "x"}' }, status: 404 },
];
interface BadTally {
  sent: number;
  /** Answered with the expected 4xx and a JSON message. */
  ok: number;
  other: string[];
}

/** Sends the malformed requests in turn, one at a time, until stop() is called. */
function badClient(url: string): { stop: () => Promise<BadTally> } {
  const tally: BadTally = { sent: 0, ok: 0, other: [] };
  let running = true;
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const r = badRequests[i % badRequests.length]!;
      tally.sent++;
      try {
        const res = await fetch(`${url}${r.path}`, { ...r.init, signal: AbortSignal.timeout(60_000) });
        const j = (await res.json()) as { message?: unknown };
        if (res.status === r.status && typeof j.message === 'string' && j.message !== '') tally.ok++;
        else tally.other.push(`${r.path} ${String(r.init.body).slice(0, 20)}: ${res.status}`);
      } catch (e) {
        tally.other.push(`${r.path}: ${(e as Error).message}`);
      }
      await new Promise((res) => setTimeout(res, 100));
    }
  })();
  return { stop: async () => ((running = false), await loop, tally) };
}

const t0 = Date.now();
const progress = (line: string) => process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(0)} s] ${line}\n`);

async function measure(mode: string, maxBatch: number): Promise<RunResult> {
  progress(`${mode}: starting the server`);
  const { child, url } = await startServer(maxBatch);
  progress(`${mode}: listening on ${url}; warming up`);
  try {
    // Warm-up: the first decodes compile kernels and grow the heap; they are not measured.
    await Promise.all(sentences.map((s) => fetch(`${url}/v1/translate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(s) })));
    const before = await health(url);
    progress(`${mode}: load for ${a.duration} s`);
    let peak = before?.rssBytes ?? 0;
    const sampler = setInterval(() => void health(url).then((h) => h && (peak = Math.max(peak, h.rssBytes))), 1000);
    const bad = badClient(url);
    const r = await autocannon({
      url: `${url}/v1/translate`,
      connections: Number(a.connections),
      duration: Number(a.duration),
      timeout: 60,
      requests: sentences.map((s) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: body(s) })),
    });
    clearInterval(sampler);
    const badTally = await bad.stop();
    progress(`${mode}: load done; waiting for the requests still in flight, then reading the counters`);
    // autocannon stops sending, but the server still decodes what was queued: tensors and memory are
    // compared once it is idle again (at most a minute).
    let after = await health(url);
    for (const until = Date.now() + 60_000; after && (after.tasks.translate.queued > 0 || after.tasks.translate.decoding) && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 500));
      after = await health(url);
    }
    const t = after?.tasks.translate;
    const b = before?.tasks.translate;
    return {
      mode,
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      requests: r.requests.total,
      errors: r.errors + r.timeouts + r.non2xx,
      rssBeforeMb: (before?.rssBytes ?? NaN) / 2 ** 20,
      rssAfterMb: (after?.rssBytes ?? NaN) / 2 ** 20,
      rssPeakMb: Math.max(peak, after?.rssBytes ?? 0) / 2 ** 20,
      tensorsBefore: before?.tensors ?? NaN,
      tensorsAfter: after?.tensors ?? NaN,
      bad: badTally,
      meanBatch: t && b ? (t.inputs - b.inputs) / Math.max(1, t.batches - b.batches) : NaN,
      largestBatch: t?.largestBatch ?? NaN,
    };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

console.log(`serve load test: ${a.connections} connections x ${a.duration} s per mode, model ${a.model ?? 'shipped models/translate'}, ${sentences.length} sentences cycled`);
const results = [await measure(`batched (max batch ${a['max-batch']}, wait ${a['max-wait-ms']} ms)`, Number(a['max-batch'])), await measure('unbatched (max batch 1)', 1)];
const f = (x: number, d = 1) => x.toFixed(d);
console.log('\n| mode | req/s | p50 ms | p99 ms | requests | errors | mean batch | RSS before -> after (peak) MB | tensors before -> after | malformed: 4xx with message / sent |');
console.log('|---|---:|---:|---:|---:|---:|---:|---|---|---|');
for (const r of results) console.log(`| ${r.mode} | ${f(r.rps)} | ${r.p50} | ${r.p99} | ${r.requests} | ${r.errors} | ${f(r.meanBatch)} | ${f(r.rssBeforeMb, 0)} -> ${f(r.rssAfterMb, 0)} (${f(r.rssPeakMb, 0)}) | ${r.tensorsBefore} -> ${r.tensorsAfter} | ${r.bad.ok} / ${r.bad.sent} |`);
for (const r of results) if (r.bad.other.length > 0) console.log(`${r.mode}: malformed requests answered otherwise: ${r.bad.other.slice(0, 5).join('; ')}`);
// Worker threads of the wasm backend do not keep this process alive, but autocannon's may.
process.exit(0);
