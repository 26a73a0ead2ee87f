// The HTTP surface with stand-in models (no checkpoint): routes, uploads, limits, errors, logs.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDefaults } from './limits.js';
import { buildServer, type Server } from './server.js';
import { type DecodeChoice, InputError, type RawInput, type TaskRuntime } from './task.js';

const fake = (task: string, kind: TaskRuntime['kind']): TaskRuntime => ({
  task,
  kind,
  dir: `/models/${task}`,
  defaultBeam: 3,
  prepare(raw: RawInput) {
    if (kind === 'text') return String(raw);
    const bytes = raw as Uint8Array;
    if (bytes[0] !== 0x42) throw new InputError('the upload is not a B file');
    return `${bytes.length} bytes`;
  },
  async decode(inputs: readonly unknown[], c: DecodeChoice) {
    return inputs.map((x) => (String(x) === 'bad' ? { ok: false as const, error: 'cannot read it' } : { ok: true as const, hyps: Array.from({ length: c.nbest }, (_, k) => ({ text: `${String(x)}|beam ${c.beam}|${k}`, score: -k })) }));
  },
  dispose() {},
});

describe('serve routes', () => {
  let server: Server;
  let url: string;
  const logs: string[] = [];
  beforeAll(async () => {
    const logStream = new Writable({ write: (chunk, _e, cb) => (logs.push(String(chunk)), cb()) });
    server = await buildServer([fake('translate', 'text'), fake('caption', 'image'), fake('transcribe', 'audio')], { ...serveDefaults, maxBodyBytes: 2048, maxTextChars: 50, maxTexts: 3, maxWaitMs: 1, logStream });
    url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.shutdown());
  const post = (path: string, body: unknown, type = 'application/json') => fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('answers text and texts, with the beam and n-best asked for (the default beam is the app\'s)', async () => {
    expect(await (await post('/v1/translate', { text: 'x' })).json()).toMatchObject({ output: 'x|beam 3|0', model: '/models/translate', batch: 1 });
    const many = await (await post('/v1/translate', { texts: ['x', 'y'], beam: 1, nbest: 2 })).json();
    // A beam below the n-best is raised to it, as predict does.
    expect(many).toMatchObject({ outputs: ['x|beam 2|0', 'y|beam 2|0'], nbest: [[{ text: 'x|beam 2|0' }, { text: 'x|beam 2|1' }], [{}, {}]], batch: 2 });
  });

  it('takes uploads as multipart or base64 JSON, and refuses bad ones with the reason', async () => {
    const form = new FormData();
    form.append('image', new Blob([new Uint8Array([0x42, 1, 2])]), 'a.png');
    form.append('beam', '2');
    const r = await fetch(`${url}/v1/caption`, { method: 'POST', body: form });
    expect(await r.json()).toMatchObject({ output: '3 bytes|beam 2|0' });
    expect(await (await post('/v1/transcribe', { audio: Buffer.from([0x42, 7]).toString('base64') })).json()).toMatchObject({ output: '2 bytes|beam 3|0' });
    const cases: [Response, number, RegExp][] = [
      [await post('/v1/transcribe', { audio: Buffer.from([1, 2]).toString('base64') }), 400, /not a B file/],
      [await post('/v1/transcribe', { audio: 'no base64!' }), 400, /"audio" is not base64/],
      [await post('/v1/transcribe', { image: 'QQ==' }), 400, /must have required property 'audio'/],
      [await fetch(`${url}/v1/caption`, { method: 'POST', body: formWith('photo', [0x42]) }), 400, /in the form field "image" \(got "photo"\)/],
      [await fetch(`${url}/v1/caption`, { method: 'POST', body: formWith('image', new Array(3000).fill(0x42)) }), 413, /too large/i],
    ];
    for (const [res, status, message] of cases) {
      expect(res.status).toBe(status);
      expect((await res.json()).message).toMatch(message);
    }
  });

  it('answers bad requests with 4xx and a message, and keeps serving', async () => {
    const cases: [Response, number, RegExp][] = [
      [await post('/v1/translate', '{"text": '), 400, /not valid JSON/],
      [await post('/v1/translate', {}), 400, /give "text" \(a string\) or "texts"/],
      [await post('/v1/translate', { text: 'a', texts: ['b'] }), 400, /one of the two/],
      [await post('/v1/translate', { text: 'a', colour: 1 }), 400, /body has an unknown field 'colour'/],
      [await post('/v1/translate', { text: 3 }), 400, /body\.text must be string/],
      [await post('/v1/translate', { text: 'x'.repeat(51) }), 400, /body\.text must NOT have more than 50 characters/],
      [await post('/v1/translate', { texts: ['a', 'b', 'c', 'd'] }), 400, /body\.texts must NOT have more than 3 items/],
      [await post('/v1/translate', { text: 'a', beam: 99 }), 400, /body\.beam must be <= 8/],
      [await post('/v1/translate', { texts: ['ok', 'bad'] }), 400, /input 1: cannot read it/],
      [await post('/v1/translate', { text: 'y'.repeat(3000) }), 413, /too large/i],
      [await post('/v1/translate', 'text=a', 'text/plain'), 400, /body must be object/],
      [await post('/v1/klingon', { text: 'a' }), 404, /unknown task 'klingon'; served: translate, caption, transcribe/],
      [await post('/v1/summarize', { text: 'a' }), 404, /task 'summarize' is not served here/],
      [await fetch(`${url}/v1/translate`), 405, /use POST \/v1\/translate/],
    ];
    for (const [res, status, message] of cases) {
      expect(res.status).toBe(status);
      expect((await res.json()).message).toMatch(message);
    }
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('describes itself: healthz counters, models, OpenAPI; logs one JSON line per request with task and batch', async () => {
    const health = await (await fetch(`${url}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', tasks: { translate: { queued: 0, decoding: false, batches: expect.any(Number) } } });
    expect(health.rssBytes).toBeGreaterThan(0);
    expect(health.tensors).toEqual(expect.any(Number));
    const models = await (await fetch(`${url}/v1/models`)).json();
    expect(models.models.map((m: { task: string }) => m.task)).toEqual(['translate', 'caption', 'transcribe']);
    const doc = await (await fetch(`${url}/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(['/v1/translate', '/v1/caption', '/v1/transcribe', '/healthz', '/v1/models', '/openapi.json']);
    expect(Object.keys(doc.paths['/v1/caption'].post.requestBody.content)).toEqual(['multipart/form-data', 'application/json']);
    const lines = logs.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'request', method: 'POST', url: '/v1/translate', status: 200, task: 'translate', inputs: 2, batch: 2, ms: expect.any(Number) }));
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'request', url: '/v1/klingon', status: 404 }));
  });
});

function formWith(field: string, bytes: number[]): FormData {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)]), 'f.bin');
  return form;
}
