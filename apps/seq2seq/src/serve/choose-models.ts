import { listShippedApps, modelsRoot, shippedModel } from '@seq2seq/models';
import { TASK_KINDS } from './task.js';

export interface ModelChoice {
  task: string;
  dir: string;
  shipped: boolean;
}

const known = () => Object.keys(TASK_KINDS).join(', ');

/**
 * Which task is served with which checkpoint: `--model TASK=DIR` (repeatable) overrides the shipped
 * model of TASK; `--tasks a,b` picks tasks (default: every task given a model or with a shipped one).
 */
export function chooseModels(tasksFlag: string | undefined, modelFlags: readonly string[], root = modelsRoot()): ModelChoice[] {
  const given = new Map<string, string>();
  for (const m of modelFlags) {
    const eq = m.indexOf('=');
    const task = m.slice(0, eq).trim();
    const dir = m.slice(eq + 1).trim();
    if (eq < 0 || !dir) throw new Error(`--model takes TASK=DIR (e.g. translate=runs/m30k), got '${m}'`);
    if (!TASK_KINDS[task]) throw new Error(`--model ${m}: unknown task '${task}'; known: ${known()}`);
    given.set(task, dir);
  }
  const shipped = listShippedApps(root).filter((a) => TASK_KINDS[a]);
  const tasks = tasksFlag
    ? tasksFlag.split(',').map((t) => t.trim()).filter((t) => t !== '')
    : [...new Set([...given.keys(), ...shipped])];
  for (const t of tasks) if (!TASK_KINDS[t]) throw new Error(`--tasks: unknown task '${t}'; known: ${known()}`);
  if (tasks.length === 0) throw new Error(`nothing to serve: no shipped models in ${root} and no --model TASK=DIR`);
  return tasks.map((task) => {
    const dir = given.get(task);
    if (dir) return { task, dir, shipped: false };
    // Throws naming a missing or damaged shipped model and how to restore it.
    return { task, dir: shippedModel(task, root).dir, shipped: true };
  });
}
