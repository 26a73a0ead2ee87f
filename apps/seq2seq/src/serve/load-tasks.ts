import { loadCaptionTask } from './caption-task.js';
import type { ModelChoice } from './choose-models.js';
import { TASK_KINDS, type TaskRuntime } from './task.js';
import { loadTextTask } from './text-task.js';
import { loadTranscribeTask } from './transcribe-task.js';

/** Loads every chosen model; on an error the ones already loaded are released. */
export async function loadTasks(choices: readonly ModelChoice[], o: { maxAudioSeconds: number }, log: (line: string) => void): Promise<TaskRuntime[]> {
  const out: TaskRuntime[] = [];
  try {
    for (const c of choices) {
      const kind = TASK_KINDS[c.task];
      const rt = kind === 'image' ? await loadCaptionTask(c.dir) : kind === 'audio' ? await loadTranscribeTask(c.dir, o.maxAudioSeconds) : await loadTextTask(c.task, c.dir);
      out.push(rt as TaskRuntime);
      log(`${c.task}: ${c.shipped ? 'shipped model' : 'model'} ${c.dir}`);
    }
    return out;
  } catch (e) {
    out.forEach((rt) => rt.dispose());
    throw e;
  }
}
