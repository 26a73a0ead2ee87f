import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { displayPath } from './display.js';
import { type ModelCard, parseCard } from '@seq2seq/models';
import type { TaskRuntime } from './task.js';

export interface ModelInfo {
  task: string;
  kind: string;
  dir: string;
  defaultBeam: number;
  /** The model's card (summary, data licence, metrics) when its folder has one, as shipped models do. */
  card: ModelCard | null;
}

/** What `GET /v1/models` says of a served model; a damaged card is reported, not fatal. */
export function modelInfo(rt: TaskRuntime): ModelInfo & { cardError?: string } {
  const base = { task: rt.task, kind: rt.kind, dir: displayPath(rt.dir), defaultBeam: rt.defaultBeam };
  const file = join(resolve(rt.dir), 'card.json');
  if (!existsSync(file)) return { ...base, card: null };
  try {
    return { ...base, card: parseCard(JSON.parse(readFileSync(file, 'utf8')), file) };
  } catch (e) {
    return { ...base, card: null, cardError: (e as Error).message };
  }
}
