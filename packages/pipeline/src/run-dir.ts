import { existsSync } from 'node:fs';
import type { OptionSpecs } from '@seq2seq/cli';
import { checkRunDir } from '@seq2seq/core';

/** The flags every app's train command has for an output directory that already holds a run. */
export const runDirOptions = {
  resume: { type: 'boolean', description: 'continue the run in OUT from OUT/last (after an interruption, or with a larger budget)' },
  overwrite: { type: 'boolean', description: "replace the run already in OUT (its best/, last/ and train.jsonl are deleted); without it or --resume an existing run is refused" },
} as const satisfies OptionSpecs;

/**
 * Checks OUT against --resume/--overwrite before any data is loaded, and repairs what a killed
 * trainer left, so that `OUT/last` can be read for its vocabularies (the trainer checks again
 * under its lock).
 */
export async function checkTrainOut(o: { out: string; resume?: boolean | undefined; overwrite?: boolean | undefined }, log: (l: string) => void): Promise<{ out: string; resume: boolean; overwrite: boolean }> {
  const run = { out: o.out, resume: Boolean(o.resume), overwrite: Boolean(o.overwrite) };
  await checkRunDir(run.out, run, log);
  return run;
}

/** OUT/best when training wrote one (no validation data means no best/), else null. */
export function bestDirOf(out: string): string | null {
  return existsSync(`${out}/best/config.json`) ? `${out}/best` : null;
}
