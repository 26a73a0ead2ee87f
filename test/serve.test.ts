// `seq2seq serve` on a real (tiny) translator: the same outputs as `translate predict`, batched or
// not; the shipped model and its card; errors that leave it running; shutdown of the real bin.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { runApp } from '@seq2seq/cli';
import { translateApp } from '@seq2seq/app-translate';
import { buildServer, chooseModels, loadTasks, seq2seqApp, type Server, serveDefaults } from '@seq2seq/app-seq2seq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const quiet = { out: () => {}, err: () => {} };
const words = ['a', 'dog', 'runs', 'on', 'the', 'beach', 'two', 'children', 'play'];
// Different lengths, so a batch pads some of them.
const inputs = ['a dog', 'two children play on the beach', 'the dog runs', 'children', 'a dog runs on the beach', 'play', 'two dogs', 'the beach'];

describe('seq2seq serve with a trained translator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'serve-'));
  const run = join(dir, 'run');
  const models = join(dir, 'models');
  let server: Server;
  let url: string;
  const logs: string[] = [];
  let predicted: string[];
  /** n-best lists decoded one request at a time (first test), compared with batched ones (second). */
  const alone: { text: string; score: number }[][] = [];

  beforeAll(async () => {
    const lines = ['source\ttarget', ...words.flatMap((a) => words.map((b) => `${a} ${b}\t${b} ${a}`))];
    writeFileSync(join(dir, 'train.tsv'), `${lines.join('\n')}\n`);
    const tsv = join(dir, 'train.tsv');
    expect(await runApp(translateApp, ['train', '--out', run, '--train', tsv, '--valid', tsv, '--tokenizer', 'word', '--embedding-dim', '8', '--encoder-units', '8', '--decoder-units', '16', '--epochs', '2', '--backend', 'cpu'], quiet)).toBe(0);
    // Shipped the way models/ is made: packed, with a card.
    expect(await runApp(seq2seqApp, ['pack', '--model', run, '--out', join(models, 'translate')], quiet)).toBe(0);
    writeFileSync(join(models, 'translate', 'card.json'), JSON.stringify({ app: 'translate', summary: 'tiny test translator', dataLicence: 'test', weightsDtype: 'float16', parameters: 1, files: {}, metrics: [{ dataset: 'toy', split: 'train', metric: 'BLEU', value: 1.5, decoding: 'beam 5' }] }));
    const out: string[] = [];
    expect(await runApp(translateApp, ['predict', '--model', join(models, 'translate'), ...inputs, '--backend', 'cpu'], { out: (l) => out.push(l), err: () => {} })).toBe(0);
    predicted = out;

    const logStream = new Writable({ write: (chunk, _e, cb) => (logs.push(String(chunk)), cb()) });
    // No --model: the shipped one (SEQ2SEQ_MODELS stands in for models/).
    const tasks = await loadTasks(chooseModels(undefined, [], models), serveDefaults, () => {});
    server = await buildServer(tasks, { ...serveDefaults, maxBatch: 8, maxWaitMs: 150, maxBodyBytes: 4096, logStream });
    url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server?.shutdown());

  const translate = async (body: unknown) => {
    const r = await fetch(`${url}/v1/translate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(r.status).toBe(200);
    return (await r.json()) as { output: string; outputs: string[]; nbest: { text: string; score: number }[]; batch: number; model: string; ms: number };
  };

  it('answers like `translate predict` on the same model, one request at a time', async () => {
    const one = [];
    for (const text of inputs) one.push(await translate({ text }));
    expect(one.map((r) => r.output)).toEqual(predicted);
    expect(one.every((r) => r.batch === 1 && r.ms > 0 && r.model.endsWith(join('models', 'translate')))).toBe(true);
    for (const text of inputs) alone.push((await translate({ text, nbest: 3 })).nbest);
  });

  it('batches concurrent requests and gives the same outputs as unbatched decoding', async () => {
    const together = await Promise.all(inputs.map((text) => translate({ text })));
    expect(together.map((r) => r.output)).toEqual(predicted);
    expect(Math.max(...together.map((r) => r.batch))).toBeGreaterThan(1);
    expect((await translate({ texts: inputs })).outputs).toEqual(predicted);
    // Scores too: padding in a batch must not change any hypothesis.
    const lists = (await Promise.all(inputs.map((text) => translate({ text, nbest: 3 })))).map((r) => r.nbest);
    expect(lists.map((l) => l.map((h) => h.text))).toEqual(alone.map((l) => l.map((h) => h.text)));
    lists.forEach((l, i) => l.forEach((h, k) => expect(h.score).toBeCloseTo(alone[i]![k]!.score, 5)));
    const health = (await (await fetch(`${url}/healthz`)).json()) as { tasks: { translate: { largestBatch: number } } };
    expect(health.tasks.translate.largestBatch).toBeGreaterThan(1);
    const lines = logs.join('').trim().split('\n').map((l) => JSON.parse(l) as { task?: string; batch?: number });
    expect(lines.some((l) => l.task === 'translate' && (l.batch ?? 0) > 1)).toBe(true);
  });

  it('refuses bad requests with 4xx and a message and stays up; lists the model with its card', async () => {
    const post = (body: string) => fetch(`${url}/v1/translate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    for (const [res, status] of [[await post('{"text"'), 400], [await post('{}'), 400], [await post(JSON.stringify({ text: 'x'.repeat(5000) })), 413]] as const) {
      expect(res.status).toBe(status);
      expect(((await res.json()) as { message: string }).message.length).toBeGreaterThan(10);
    }
    const unknown = await fetch(`${url}/v1/caption`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(unknown.status).toBe(404);
    expect(((await (await fetch(`${url}/healthz`)).json()) as { status: string }).status).toBe('ok');
    const listed = (await (await fetch(`${url}/v1/models`)).json()) as { models: { task: string; card: { summary: string; metrics: { value: number }[] } }[] };
    expect(listed.models).toEqual([expect.objectContaining({ task: 'translate', card: expect.objectContaining({ summary: 'tiny test translator', metrics: [expect.objectContaining({ value: 1.5 })] }) })]);
  });

  it('the bin shuts down on SIGTERM after answering the requests it holds, and exits 0', async () => {
    const bin = resolve(import.meta.dirname, '../apps/seq2seq/bin/seq2seq.js');
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--model', `translate=${run}`, '--backend', 'wasm', '--threads', '2', '--max-wait-ms', '400', '--log-level', 'warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      const address = await listening(child);
      const pending = inputs.slice(0, 3).map((text) => fetch(`${address}/v1/translate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) }));
      await new Promise((r) => setTimeout(r, 150));
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      const answers = await Promise.all(pending);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(((await answers[0]!.json()) as { batch: number }).batch).toBe(3);
      expect(await exited).toBe(0);
      await expect(fetch(`${address}/healthz`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

/** The address the bin prints once it listens (on stderr). */
function listening(child: ChildProcess): Promise<string> {
  return new Promise((resolveAddress, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += String(d);
      const m = / on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m) resolveAddress(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before listening: ${err}`)));
  });
}
