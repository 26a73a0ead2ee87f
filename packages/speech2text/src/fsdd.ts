import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** One FSDD recording: `recordings/{digit}_{speaker}_{index}.wav`. */
export interface FsddRecording {
  path: string;
  digit: number;
  speaker: string;
  index: number;
}

export const DIGIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'] as const;

/** The four speakers the default model trains on; `yweweler` validates (speaker-independent). */
export const FSDD_TRAIN_SPEAKERS = ['george', 'jackson', 'lucas', 'nicolas'];
export const FSDD_VALID_SPEAKERS = ['yweweler'];

const NAME = /^(\d)_([A-Za-z]+)_(\d+)\.wav$/;

/**
 * Lists an FSDD folder (the dataset root with `recordings/`, or `recordings/` itself), grouped by
 * speaker. Files not named like FSDD recordings are ignored.
 */
export function listFsdd(dir: string): Map<string, FsddRecording[]> {
  let recDir = join(dir, 'recordings');
  let names: string[];
  try {
    names = readdirSync(recDir);
  } catch {
    recDir = dir;
    try {
      names = readdirSync(dir);
    } catch (e) {
      throw new Error(`FSDD folder '${dir}' cannot be read (${(e as Error).message})`);
    }
  }
  const out = new Map<string, FsddRecording[]>();
  for (const name of names.sort()) {
    const m = NAME.exec(name);
    if (!m) continue;
    const rec = { path: join(recDir, name), digit: Number(m[1]), speaker: m[2]!, index: Number(m[3]) };
    const list = out.get(rec.speaker) ?? [];
    list.push(rec);
    out.set(rec.speaker, list);
  }
  if (out.size === 0) throw new Error(`FSDD folder '${dir}' has no recordings named like '7_jackson_32.wav'`);
  return out;
}

/** Recordings of the given speakers, failing with the known names on a miss. */
export function recordingsOf(all: Map<string, FsddRecording[]>, speakers: readonly string[]): FsddRecording[] {
  return speakers.flatMap((s) => {
    const list = all.get(s);
    if (!list) throw new Error(`FSDD has no speaker '${s}'; known: ${[...all.keys()].join(', ')}`);
    return list;
  });
}
