import { loadModel, type Seq2Seq } from '@seq2seq/core';
import '@seq2seq/decoder-lstm';
import '@seq2seq/text';
import type { TextBatch } from '@seq2seq/text';
import type { Fields } from './fields.js';
import { type LoadedTextModel, textModelOf } from './text-model.js';
import type { TextModelOptions } from './options.js';

export type { LoadedTextModel } from './text-model.js';

/**
 * Loads a text-to-text checkpoint (e.g. `out/best`). `app` checks that the checkpoint was trained
 * by the same app, so a summariser is not silently used as a translator.
 */
export async function loadTextModel(dir: string, app?: string): Promise<LoadedTextModel> {
  const { model, config } = await loadModel<TextBatch>(dir);
  return textModelOf(model, config, `checkpoint '${dir}'`, app);
}

/** `DIR/best` when DIR is a training output folder, else DIR itself. */
export function resolveModelDir(dir: string, exists: (p: string) => boolean): string {
  return exists(`${dir}/config.json`) ? dir : exists(`${dir}/best/config.json`) ? `${dir}/best` : exists(`${dir}/last/config.json`) ? `${dir}/last` : dir;
}

/** Several text models decoded as one (an ensemble); they share source and target vocabularies. */
export interface LoadedTextEnsemble {
  models: Seq2Seq<TextBatch>[];
  fields: Fields;
  /** The first member's options. */
  options: TextModelOptions;
  dispose(): void;
}

/**
 * Loads ensemble members with `load`; `mismatch(member, first)` names what a member does not share
 * with the first (or undefined), and the error names the member. On any error all are disposed.
 */
export async function loadMembers<T extends { model: { store: { dispose(): void } } }>(
  dirs: readonly string[],
  load: (dir: string) => Promise<T>,
  mismatch: (member: T, first: T) => string | undefined,
): Promise<{ members: T[]; dispose: () => void }> {
  if (dirs.length === 0) throw new Error('no model given');
  const members: T[] = [];
  const dispose = () => members.forEach((m) => m.model.store.dispose());
  try {
    for (const dir of dirs) members.push(await load(dir));
    members.forEach((m, i) => {
      const what = mismatch(m, members[0]!);
      if (what) throw new Error(`ensemble member '${dirs[i]}' differs from '${dirs[0]}' in its ${what}`);
    });
    return { members, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}

/** Loads one or more checkpoints for decoding together; members must have the same fields. */
export async function loadTextEnsemble(dirs: readonly string[], app?: string): Promise<LoadedTextEnsemble> {
  const sameVocab = (a: Fields, b: Fields, side: 'source' | 'target') => a[side].vocab.pieces.join('\n') === b[side].vocab.pieces.join('\n');
  const { members, dispose } = await loadMembers(dirs, (d) => loadTextModel(d, app), (m, first) =>
    !sameVocab(m.fields, first.fields, 'source') ? 'source vocabulary' : !sameVocab(m.fields, first.fields, 'target') ? 'target vocabulary' : undefined,
  );
  return { models: members.map((m) => m.model), fields: members[0]!.fields, options: members[0]!.options, dispose };
}

/** `--model A[,B,...]`: checkpoint directories (a training OUT dir means OUT/best). */
export function modelDirList(value: unknown, exists: (p: string) => boolean): string[] {
  const dirs = String(value ?? '')
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '')
    .map((d) => resolveModelDir(d, exists));
  if (dirs.length === 0) throw new Error('--model needs a checkpoint directory');
  return dirs;
}
