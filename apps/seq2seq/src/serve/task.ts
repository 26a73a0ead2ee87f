import type { OptionSpecs } from '@seq2seq/cli';

/** What the server knows of a task: how to check one input and how to decode many at once. */

export type TaskKind = 'text' | 'image' | 'audio';

/** Tasks `serve` knows, with the kind of input each takes. */
export const TASK_KINDS: Readonly<Record<string, TaskKind>> = {
  translate: 'text',
  summarize: 'text',
  chat: 'text',
  codegen: 'text',
  g2p: 'text',
  caption: 'image',
  transcribe: 'audio',
};

/** Decoding choices a request may make (bounded by the route schemas); the rest are the app's defaults. */
export interface DecodeChoice {
  beam: number;
  nbest: number;
}

export interface Hyp {
  text: string;
  score: number;
}

/** One input's outcome: its n-best list, or why the input cannot be decoded (answered with 400). */
export type ItemResult = { ok: true; hyps: Hyp[] } | { ok: false; error: string };

/** The raw input of a request: a text, or the bytes of an uploaded file. */
export type RawInput = string | Uint8Array;

export interface TaskRuntime<I = unknown> {
  readonly task: string;
  readonly kind: TaskKind;
  /** The checkpoint directory being served. */
  readonly dir: string;
  /** The app's default beam (what `predict` uses). */
  readonly defaultBeam: number;
  /** Checks and converts one input before it is queued; throws InputError for a bad one. */
  prepare(raw: RawInput): I;
  /** Decodes inputs in one batched call; results in input order. */
  decode(inputs: readonly I[], choice: DecodeChoice): Promise<ItemResult[]>;
  dispose(): void;
}

/** A request the server refuses with a status and a message (fastify's error handler sends both). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** A bad input (text or file): 400. */
export class InputError extends HttpError {
  constructor(message: string) {
    super(400, message);
    this.name = 'InputError';
  }
}

/** The default of every option in a CLI spec table, as the parsed options of a command without flags. */
export function specDefaults(specs: OptionSpecs): Record<string, unknown> {
  return Object.fromEntries(Object.entries(specs).flatMap(([k, s]) => ('default' in s && s.default !== undefined ? [[k, s.default]] : [])));
}
