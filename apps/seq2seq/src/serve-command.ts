import { type Command, command } from '@seq2seq/cli';
import { backendOptions, startBackend } from '@seq2seq/text2text';
import { chooseModels } from './serve/choose-models.js';
import { type ServeSettings, serveDefaults } from './serve/limits.js';
import { loadTasks } from './serve/load-tasks.js';
import { buildServer } from './serve/server.js';
import { TASK_KINDS } from './serve/task.js';

const d = serveDefaults;

/** `seq2seq serve`: the shipped (or given) models over HTTP until SIGINT/SIGTERM. */
export const serveCommand: Command = command({
  name: 'serve',
  summary: 'serve the shipped (or given) models over HTTP: POST /v1/<task>, GET /healthz, /v1/models, /openapi.json',
  options: {
    port: { type: 'number', description: 'TCP port (0 = any free one, printed)', default: 8080, integer: true, min: 0 },
    host: { type: 'string', description: 'address to listen on (default loopback only; 0.0.0.0 exposes the server)', default: '127.0.0.1' },
    tasks: { type: 'string', description: `tasks to serve, comma-separated (${Object.keys(TASK_KINDS).join(', ')}; default: every task with a shipped model or a --model)` },
    model: { type: 'strings', description: "TASK=DIR: serve TASK with this checkpoint instead of the shipped one (a training OUT dir means OUT/best)" },
    'max-batch': { type: 'number', description: 'most inputs decoded together (micro-batching; 1 = off)', default: d.maxBatch, integer: true, min: 1 },
    'max-wait-ms': { type: 'number', description: 'how long a request waits for others to batch with', default: d.maxWaitMs, min: 0 },
    'max-queue': { type: 'number', description: 'requests waiting per task before 503', default: d.maxQueue, integer: true, min: 1 },
    'timeout-ms': { type: 'number', description: 'queue wait + decoding per request before 503 (and receiving it before 408)', default: d.timeoutMs, integer: true, min: 1 },
    'max-body-bytes': { type: 'number', description: 'largest request body or upload (413 above)', default: d.maxBodyBytes, integer: true, min: 1 },
    'max-text-chars': { type: 'number', description: 'longest text input', default: d.maxTextChars, integer: true, min: 1 },
    'max-texts': { type: 'number', description: 'most texts in one "texts" request', default: d.maxTexts, integer: true, min: 1 },
    'max-beam': { type: 'number', description: 'largest beam or n-best a request may ask for', default: d.maxBeam, integer: true, min: 1 },
    'max-audio-seconds': { type: 'number', description: 'longest WAV upload', default: d.maxAudioSeconds, min: 0 },
    'log-level': { type: 'string', description: 'JSON log lines on stdout: info (one per request) | warn | error | silent', default: 'info' },
    ...backendOptions,
  },
  async run(o, _p, ctx) {
    const settings: ServeSettings = {
      maxBatch: o['max-batch'],
      maxWaitMs: o['max-wait-ms'],
      maxQueue: o['max-queue'],
      timeoutMs: o['timeout-ms'],
      maxBodyBytes: o['max-body-bytes'],
      maxTextChars: o['max-text-chars'],
      maxTexts: o['max-texts'],
      maxBeam: o['max-beam'],
      maxAudioSeconds: o['max-audio-seconds'],
    };
    const choices = chooseModels(o.tasks, o.model);
    await startBackend(o, ctx.err);
    const tasks = await loadTasks(choices, settings, ctx.err);
    const server = await buildServer(tasks, { ...settings, logLevel: o['log-level'] });
    const address = await server.app.listen({ port: o.port, host: o.host });
    ctx.err(`serving ${tasks.map((t) => t.task).join(', ')} on ${address} (max batch ${settings.maxBatch}, wait ${settings.maxWaitMs} ms); Ctrl-C stops`);
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    // A second signal means "now": exit without waiting for the queue.
    const now = (s: NodeJS.Signals) => {
      ctx.err(`${s} again: exiting without finishing queued requests`);
      process.exit(1);
    };
    process.once('SIGINT', now);
    process.once('SIGTERM', now);
    ctx.err(`${signal}: no new requests; finishing the queued ones`);
    await server.shutdown();
    ctx.err('stopped');
    // Returning lets main() exit the process (wasm worker threads would otherwise keep it alive).
  },
});
