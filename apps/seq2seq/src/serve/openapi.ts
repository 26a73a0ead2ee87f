import { displayPath } from './display.js';
import type { ServeLimits } from './limits.js';
import { errorSchema, mediaJsonSchema, mediaMultipartSchema, outputSchema, outputsSchema, type Schema, textBodySchema } from './schemas.js';
import type { TaskRuntime } from './task.js';

const json = (schema: Schema) => ({ 'application/json': { schema } });
const errors = {
  '400': { description: 'bad request: invalid JSON, a missing or wrong field, a bad input file', content: json(errorSchema) },
  '404': { description: 'unknown or unserved task', content: json(errorSchema) },
  '408': { description: 'the request was not received within the time limit' },
  '413': { description: 'body or upload too large', content: json(errorSchema) },
  '503': { description: 'queue full, not decoded within the time limit, or shutting down', content: json(errorSchema) },
};

/** The OpenAPI 3 description of this server, built from the same schemas fastify validates with. */
export function openApiDocument(tasks: readonly TaskRuntime[], limits: ServeLimits, version: string): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const rt of tasks) {
    const body =
      rt.kind === 'text'
        ? { required: true, content: json(textBodySchema(limits)) }
        : { required: true, content: { 'multipart/form-data': { schema: mediaMultipartSchema(rt.kind, limits) }, ...json(mediaJsonSchema(rt.kind, limits)) } };
    paths[`/v1/${rt.task}`] = {
      post: {
        summary: `${rt.task}: decode ${rt.kind === 'text' ? 'text' : rt.kind === 'image' ? 'an image' : 'a WAV file'} with ${displayPath(rt.dir)}`,
        operationId: rt.task,
        requestBody: body,
        responses: { '200': { description: 'the best output (and n-best list when asked)', content: json(rt.kind === 'text' ? { oneOf: [outputSchema, outputsSchema] } : outputSchema) }, ...errors },
      },
    };
  }
  paths['/healthz'] = { get: { summary: 'liveness, memory and per-task queue and batch counters', responses: { '200': { description: 'ok' } } } };
  paths['/v1/models'] = { get: { summary: "each task's model directory, default beam and card (metrics)", responses: { '200': { description: 'the served models' } } } };
  paths['/openapi.json'] = { get: { summary: 'this document', responses: { '200': { description: 'OpenAPI 3.1 JSON' } } } };
  return {
    openapi: '3.1.0',
    info: { title: 'seq2seq serve', version, description: `Encoder-decoder models over HTTP. Limits: ${limits.maxTextChars} characters per text, ${limits.maxTexts} texts per request, beam <= ${limits.maxBeam}, ${limits.maxBodyBytes} bytes per body, ${limits.timeoutMs} ms per request.` },
    paths,
  };
}
