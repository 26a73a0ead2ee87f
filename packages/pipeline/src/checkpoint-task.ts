import type { JsonObject } from '@seq2seq/core';

/**
 * Refuses a checkpoint another app trained (`task.app`), so a summariser is not silently used as a
 * translator. Checkpoints without `task.app` are accepted: nothing says they are wrong.
 */
export function checkTrainedBy(dir: string, task: JsonObject, app: string | undefined): void {
  if (app && task.app !== undefined && task.app !== app) throw new Error(`checkpoint '${dir}' was trained by '${String(task.app)}', not '${app}'`);
}

/**
 * The JSON object a pipeline stored under `task[key]` (its vocabularies). The key differs by
 * pipeline (`fields`, `field`, `target`) and stays so, because checkpoints already carry it; the
 * check and its message are one. `pipeline` names what a checkpoint without it is not.
 */
export function taskObject(dir: string, task: JsonObject, key: string, pipeline: string): JsonObject {
  const v = task[key];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`checkpoint '${dir}': task.${key} is missing; not a ${pipeline} checkpoint`);
  return v;
}
