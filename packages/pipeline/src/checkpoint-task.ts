import type { JsonObject } from '@seq2seq/core';

// `where` names the checkpoint in messages: "checkpoint 'runs/x/best'" (a folder) or a fetched URL.

/**
 * Refuses a checkpoint another app trained (`task.app`), so a summariser is not silently used as a
 * translator. Checkpoints without `task.app` are accepted: nothing says they are wrong.
 */
export function checkTrainedBy(where: string, task: JsonObject, app: string | undefined): void {
  if (app && task.app !== undefined && task.app !== app) throw new Error(`${where} was trained by '${String(task.app)}', not '${app}'`);
}

/**
 * The JSON object a pipeline stored under `task[key]` (its vocabularies). The key differs by
 * pipeline (`fields`, `field`, `target`) and stays so, because checkpoints already carry it; the
 * check and its message are one. `pipeline` names what a checkpoint without it is not.
 */
export function taskObject(where: string, task: JsonObject, key: string, pipeline: string): JsonObject {
  const v = task[key];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${where}: task.${key} is missing; not a ${pipeline} checkpoint`);
  return v;
}
