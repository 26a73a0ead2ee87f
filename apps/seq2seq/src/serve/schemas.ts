import type { ServeLimits } from './limits.js';
import type { TaskKind } from './task.js';

/** JSON Schema objects: fastify validates requests with them and /openapi.json publishes them. */
export type Schema = Readonly<Record<string, unknown>>;

const decodeFields = (l: ServeLimits): Record<string, Schema> => ({
  beam: { type: 'integer', minimum: 1, maximum: l.maxBeam, description: "beam size (1 = greedy; default: the app's)" },
  nbest: { type: 'integer', minimum: 1, maximum: l.maxBeam, description: 'outputs per input, best first (default 1); returned in "nbest"' },
});

/** `{"text": ...}` or `{"texts": [...]}` (which of the two is checked by the handler, with a clearer message than oneOf gives). */
export function textBodySchema(l: ServeLimits): Schema {
  const text = { type: 'string', minLength: 1, maxLength: l.maxTextChars };
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      text: { ...text, description: 'one input' },
      texts: { type: 'array', minItems: 1, maxItems: l.maxTexts, items: text, description: 'several inputs (answered in "outputs")' },
      ...decodeFields(l),
    },
    examples: [{ text: 'A dog runs.' }],
  };
}

/** The JSON form of an upload: the file base64-encoded in the field named after the kind. */
export function mediaJsonSchema(kind: Exclude<TaskKind, 'text'>, l: ServeLimits): Schema {
  const field = mediaField(kind);
  return {
    type: 'object',
    additionalProperties: false,
    required: [field],
    properties: {
      [field]: { type: 'string', minLength: 1, contentEncoding: 'base64', description: kind === 'image' ? 'PNG or JPEG bytes, base64' : 'WAV bytes, base64' },
      ...decodeFields(l),
    },
  };
}

/** The multipart form of an upload (for /openapi.json; parsed by the handler). */
export function mediaMultipartSchema(kind: Exclude<TaskKind, 'text'>, l: ServeLimits): Schema {
  const field = mediaField(kind);
  return {
    type: 'object',
    required: [field],
    properties: { [field]: { type: 'string', format: 'binary' }, ...decodeFields(l) },
  };
}

export const mediaField = (kind: Exclude<TaskKind, 'text'>): 'image' | 'audio' => (kind === 'image' ? 'image' : 'audio');

const hyp: Schema = { type: 'object', properties: { text: { type: 'string' }, score: { type: 'number' } }, required: ['text', 'score'] };
const served: Record<string, Schema> = {
  model: { type: 'string', description: 'the checkpoint directory that answered' },
  ms: { type: 'number', description: 'milliseconds from queueing to the answer' },
  batch: { type: 'integer', description: 'inputs decoded in the same batched call (micro-batching)' },
};

/** Answer to one input (`text`, or an upload). */
export const outputSchema: Schema = {
  type: 'object',
  properties: { output: { type: 'string' }, nbest: { type: 'array', items: hyp }, ...served },
  required: ['output', 'model', 'ms', 'batch'],
};

/** Answer to `texts`. */
export const outputsSchema: Schema = {
  type: 'object',
  properties: { outputs: { type: 'array', items: { type: 'string' } }, nbest: { type: 'array', items: { type: 'array', items: hyp } }, ...served },
  required: ['outputs', 'model', 'ms', 'batch'],
};

/** Every error: fastify's own (validation, body size, not found) and the server's. */
export const errorSchema: Schema = {
  type: 'object',
  properties: { statusCode: { type: 'integer' }, code: { type: 'string' }, error: { type: 'string' }, message: { type: 'string' } },
  required: ['statusCode', 'error', 'message'],
};
