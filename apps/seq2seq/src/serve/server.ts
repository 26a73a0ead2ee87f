import type { Writable } from 'node:stream';
import multipart from '@fastify/multipart';
import * as tf from '@tensorflow/tfjs';
import Fastify, { type FastifyInstance, type FastifySchemaValidationError, LogController } from 'fastify';
import { MicroBatcher } from './batcher.js';
import type { ServeSettings } from './limits.js';
import { modelInfo } from './model-info.js';
import { openApiDocument } from './openapi.js';
import { registerTaskRoute, type TaskBatcher } from './task-routes.js';
import { type DecodeChoice, HttpError, type ItemResult, TASK_KINDS, type TaskRuntime } from './task.js';

export interface ServerOptions extends ServeSettings {
  /** Log level (pino): 'info' logs a line per request; 'silent' none. Default 'info'. */
  logLevel?: string;
  /** Where the JSON log lines go. Default stdout. */
  logStream?: Writable;
}

export interface Server {
  app: FastifyInstance;
  batchers: ReadonlyMap<string, TaskBatcher>;
  /** Stops accepting, answers what is queued or decoding, then releases the models. */
  shutdown(): Promise<void>;
}

const VERSION = '0.1.0';

/** The fastify app over loaded tasks (not listening yet: `app.listen`). */
export async function buildServer(tasks: readonly TaskRuntime[], o: ServerOptions): Promise<Server> {
  const app = Fastify({
    logger: { level: o.logLevel ?? 'info', ...(o.logStream ? { stream: o.logStream } : {}) },
    // One line per request (onResponse below) instead of fastify's two, with the task and batch in it.
    logController: new LogController({ disableRequestLogging: true }),
    schemaErrorFormatter: validationMessage,
    bodyLimit: o.maxBodyBytes,
    // Node answers 408 when a request is not received within this time (slow or stalled clients).
    requestTimeout: o.timeoutMs,
    // Unknown fields are errors rather than silently dropped, and "3" is not a beam size.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  });
  await app.register(multipart, { limits: { fileSize: o.maxBodyBytes, files: 1, fields: 4, parts: 5 } });
  app.decorateRequest('serveInfo', null);
  app.addHook('onResponse', async (req, reply) => {
    const info = req.serveInfo;
    req.log.info({ method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10, ...(info ?? {}) }, 'request');
  });
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    // Client errors are the client's; a 5xx is ours and gets the stack in the log.
    if (status >= 500 && !(err instanceof HttpError)) req.log.error({ err }, 'request failed');
    void reply.code(status).send({ statusCode: status, ...(err.code ? { code: err.code } : {}), error: statusText(status), message: err.message });
  });

  const batchers = new Map<string, TaskBatcher>();
  for (const rt of tasks) {
    const b: TaskBatcher = new MicroBatcher<unknown, DecodeChoice, ItemResult>((inputs, choice) => rt.decode(inputs, choice), o);
    batchers.set(rt.task, b);
    registerTaskRoute(app, rt, b, o);
  }
  const served = tasks.map((t) => t.task);
  app.setNotFoundHandler((req, reply) => {
    const task = /^\/v1\/([^/?]+)/.exec(req.url)?.[1];
    if (task !== undefined && served.includes(task)) {
      void reply.code(405).header('allow', 'POST').send({ statusCode: 405, error: 'Method Not Allowed', message: `use POST /v1/${task}` });
      return;
    }
    const why =
      task === undefined || task === 'models'
        ? `no route ${req.method} ${req.url.split('?')[0]}; see GET /openapi.json`
        : TASK_KINDS[task]
          ? `task '${task}' is not served here (no model for it was given or shipped); served: ${served.join(', ')}`
          : `unknown task '${task}'; served: ${served.join(', ')}`;
    void reply.code(404).send({ statusCode: 404, error: 'Not Found', message: why });
  });

  const started = Date.now();
  app.get('/healthz', async () => ({
    status: 'ok',
    uptimeS: Math.round((Date.now() - started) / 1000),
    rssBytes: process.memoryUsage().rss,
    heapUsedBytes: process.memoryUsage().heapUsed,
    // Live tfjs tensors: constant between requests unless decoding leaks.
    tensors: tf.memory().numTensors,
    tasks: Object.fromEntries([...batchers].map(([t, b]) => [t, { queued: b.queued, decoding: b.decoding, ...b.stats }])),
  }));
  app.get('/v1/models', async () => ({ models: tasks.map(modelInfo), batching: { maxBatch: o.maxBatch, maxWaitMs: o.maxWaitMs, maxQueue: o.maxQueue } }));
  const doc = openApiDocument(tasks, o, VERSION);
  app.get('/openapi.json', async () => doc);

  let closing: Promise<void> | undefined;
  // While closing, answers end their connection: a kept-alive one would hold close() for fastify's
  // keepAliveTimeout (72 s) after its last answer.
  app.addHook('onSend', async (_req, reply, payload) => {
    if (closing) void reply.header('connection', 'close');
    return payload;
  });
  const shutdown = () =>
    (closing ??= (async () => {
      // close() stops listening, answers new requests on open connections with 503 and waits for
      // the requests in flight, which wait for their batches.
      await app.close();
      await Promise.all([...batchers.values()].map((b) => b.idle()));
      for (const rt of tasks) rt.dispose();
    })());
  return { app, batchers, shutdown };
}

/** Ajv's first error as one sentence that names the field, e.g. "body has an unknown field 'foo'". */
function validationMessage(errors: FastifySchemaValidationError[], where: string): Error {
  const e = errors[0];
  if (!e) return new Error(`${where} is invalid`);
  const path = `${where}${e.instancePath.replace(/\//g, '.')}`;
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return new Error(`${path} has an unknown field '${String(params.additionalProperty)}'`);
  return new Error(`${path} ${e.message ?? 'is invalid'}`);
}

function statusText(status: number): string {
  const names: Record<number, string> = { 400: 'Bad Request', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable', 408: 'Request Timeout', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 500: 'Internal Server Error', 503: 'Service Unavailable' };
  return names[status] ?? (status < 500 ? 'Bad Request' : 'Internal Server Error');
}
