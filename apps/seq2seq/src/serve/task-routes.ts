import { Buffer } from 'node:buffer';
import { displayPath } from './display.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MicroBatcher } from './batcher.js';
import type { ServeLimits } from './limits.js';
import { mediaField, mediaJsonSchema, textBodySchema } from './schemas.js';
import { type DecodeChoice, type Hyp, HttpError, type ItemResult, InputError, type RawInput, type TaskRuntime } from './task.js';

/** What a request's log line says besides method, url, status and time. */
export interface RequestInfo {
  task: string;
  inputs: number;
  batch: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    serveInfo: RequestInfo | null;
  }
}

export type TaskBatcher = MicroBatcher<unknown, DecodeChoice, ItemResult>;

interface TextBody {
  text?: string;
  texts?: string[];
  beam?: number;
  nbest?: number;
}

/** `POST /v1/<task>` for one served task. */
export function registerTaskRoute(app: FastifyInstance, rt: TaskRuntime, batcher: TaskBatcher, limits: ServeLimits): void {
  const model = displayPath(rt.dir);
  const answer = async (req: FastifyRequest, raws: RawInput[], choice: DecodeChoice, many: boolean) => {
    const t0 = performance.now();
    const inputs = raws.map((r) => rt.prepare(r));
    const { results, batch } = await batcher.submit(inputs, choice, `${choice.beam}/${choice.nbest}`, limits.timeoutMs);
    req.serveInfo = { task: rt.task, inputs: inputs.length, batch };
    const ms = Math.round((performance.now() - t0) * 10) / 10;
    const lists = results.map((r, i) => {
      if (!r.ok) throw new InputError(many ? `input ${i}: ${r.error}` : r.error);
      return r.hyps;
    });
    const best = (l: Hyp[]) => l[0]?.text ?? '';
    const nbest = choice.nbest > 1 ? { nbest: many ? lists : lists[0] } : {};
    return many ? { outputs: lists.map(best), ...nbest, model, ms, batch } : { output: best(lists[0]!), ...nbest, model, ms, batch };
  };
  const url = `/v1/${rt.task}`;
  if (rt.kind === 'text') {
    app.post(url, { schema: { body: textBodySchema(limits) } }, async (req) => {
      const b = req.body as TextBody;
      if ((b.text === undefined) === (b.texts === undefined)) throw new HttpError(400, 'give "text" (a string) or "texts" (an array of strings), one of the two');
      return answer(req, b.texts ?? [b.text!], choiceOf(b, rt, limits), b.texts !== undefined);
    });
    return;
  }
  const field = mediaField(rt.kind);
  // JSON bodies are validated by the schema; multipart ones (no schema for them) by readUpload.
  app.post(url, { schema: { body: { content: { 'application/json': { schema: mediaJsonSchema(rt.kind, limits) } } } } }, async (req) => {
    const { bytes, fields } = req.isMultipart() ? await readUpload(req, field, limits) : fromJson(req.body as Record<string, unknown>, field);
    return answer(req, [bytes], choiceOf(fields, rt, limits), false);
  });
}

/** The request's beam and n-best, the app's beam by default; a beam below n-best is raised to it, as `predict` does. */
function choiceOf(b: { beam?: number | undefined; nbest?: number | undefined }, rt: TaskRuntime, l: ServeLimits): DecodeChoice {
  const nbest = b.nbest ?? 1;
  return { beam: Math.min(l.maxBeam, Math.max(b.beam ?? rt.defaultBeam, nbest)), nbest };
}

function fromJson(body: Record<string, unknown>, field: string): { bytes: Uint8Array; fields: { beam?: number; nbest?: number } } {
  const b64 = String(body[field]);
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(b64.replace(/\s+/g, ''))) throw new InputError(`"${field}" is not base64`);
  return { bytes: Buffer.from(b64, 'base64'), fields: { ...(body.beam !== undefined ? { beam: Number(body.beam) } : {}), ...(body.nbest !== undefined ? { nbest: Number(body.nbest) } : {}) } };
}

/** The one file of a multipart request (field `field`) and its beam/nbest fields, checked like the JSON schema checks them. */
async function readUpload(req: FastifyRequest, field: string, l: ServeLimits): Promise<{ bytes: Uint8Array; fields: { beam?: number; nbest?: number } }> {
  let bytes: Uint8Array | undefined;
  const fields: { beam?: number; nbest?: number } = {};
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== field || bytes) {
        await part.toBuffer();
        throw new InputError(`one file is expected, in the form field "${field}" (got "${part.fieldname}")`);
      }
      bytes = await part.toBuffer();
      continue;
    }
    if (part.fieldname !== 'beam' && part.fieldname !== 'nbest') throw new InputError(`unknown form field "${part.fieldname}" (known: ${field}, beam, nbest)`);
    const v = Number(part.value);
    if (!Number.isInteger(v) || v < 1 || v > l.maxBeam) throw new InputError(`form field "${part.fieldname}" must be an integer from 1 to ${l.maxBeam}`);
    fields[part.fieldname] = v;
  }
  if (!bytes || bytes.length === 0) throw new InputError(`no file: upload it in the form field "${field}"`);
  return { bytes, fields };
}
