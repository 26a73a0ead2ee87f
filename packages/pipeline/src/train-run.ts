import { type JsonObject, loadCheckpoint } from '@seq2seq/core';
import { bestDirOf } from './run-dir.js';
import { taskObject } from './checkpoint-task.js';

/**
 * On `--resume`: the vocabulary object the run stored in OUT/last (`task[key]`), which the resumed
 * run must reuse exactly. Only the config is wanted; the weights are read and freed at once.
 */
export async function resumedTaskObject(out: string, key: string, pipeline: string): Promise<JsonObject> {
  const { config, weights } = await loadCheckpoint(`${out}/last`, { optimizer: false });
  weights.forEach((t) => t.dispose());
  return taskObject(`checkpoint '${out}/last'`, config.task, key, pipeline);
}

/** What every train command reports at the end. */
export interface TrainReport {
  stopReason: string;
  step: number;
  epoch: number;
  bestMetric: number | null;
  bestStep: number | null;
}

/**
 * The last lines of every train command: a summary on stderr ("best BLEU 31.20 at update 900") and
 * one JSON object on stdout ({out, best, <metricKey>, steps, stopReason, ...extra}). `tail` adds a
 * pipeline's own count to the summary, `extra` to the JSON.
 */
export function reportTrainRun(
  ctx: { out: (line: string) => void; err: (line: string) => void },
  out: string,
  r: TrainReport,
  o: { metric: string; digits: number; unit?: string; metricKey?: string; tail?: string; extra?: JsonObject },
): void {
  const best = `${r.bestMetric?.toFixed(o.digits) ?? 'n/a'}${o.unit ?? ''}`;
  ctx.err(`stopped (${r.stopReason}) after ${r.step} updates, ${r.epoch} epochs; best ${o.metric} ${best} at update ${r.bestStep ?? 'n/a'}${o.tail ?? ''}`);
  ctx.out(JSON.stringify({ out, best: bestDirOf(out), [o.metricKey ?? 'bestMetric']: r.bestMetric, steps: r.step, stopReason: r.stopReason, ...o.extra }));
}
