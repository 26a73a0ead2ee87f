import { type CheckpointConfig, loadModel, type Seq2Seq } from '@seq2seq/core';
import '@seq2seq/decoder-lstm';
import '@seq2seq/text';
import type { TextBatch } from '@seq2seq/text';
import { type Fields, fieldsFromJSON } from './fields.js';
import { textModelDefaults, type TextModelOptions } from './options.js';

export interface LoadedTextModel {
  model: Seq2Seq<TextBatch>;
  fields: Fields;
  options: TextModelOptions;
  config: CheckpointConfig;
}

/**
 * Loads a text-to-text checkpoint (e.g. `out/best`). `app` checks that the checkpoint was trained
 * by the same app, so a summariser is not silently used as a translator.
 */
export async function loadTextModel(dir: string, app?: string): Promise<LoadedTextModel> {
  const { model, config } = await loadModel<TextBatch>(dir);
  try {
    const task = config.task;
    if (app && task.app !== undefined && task.app !== app) throw new Error(`checkpoint '${dir}' was trained by '${String(task.app)}', not '${app}'`);
    const f = task.fields;
    if (typeof f !== 'object' || f === null || Array.isArray(f)) throw new Error(`checkpoint '${dir}': task.fields is missing; not a text-to-text checkpoint`);
    const fields = fieldsFromJSON(f, `checkpoint '${dir}'`);
    const encVocab = Number(config.encoder.config.vocabSize);
    const decVocab = Number(config.decoder.config.vocabSize);
    if (encVocab !== fields.source.vocab.size || decVocab !== fields.target.vocab.size) {
      throw new Error(`checkpoint '${dir}': vocabulary sizes (${fields.source.vocab.size}/${fields.target.vocab.size}) do not match the model (${encVocab}/${decVocab})`);
    }
    const options = { ...textModelDefaults, ...(task.options as Partial<TextModelOptions> | undefined) };
    return { model, fields, options, config };
  } catch (e) {
    model.store.dispose();
    throw e;
  }
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

/** Loads one or more checkpoints for decoding together; members must have the same fields. */
export async function loadTextEnsemble(dirs: readonly string[], app?: string): Promise<LoadedTextEnsemble> {
  if (dirs.length === 0) throw new Error('no model given');
  const loaded: LoadedTextModel[] = [];
  const dispose = () => loaded.forEach((l) => l.model.store.dispose());
  try {
    for (const dir of dirs) loaded.push(await loadTextModel(dir, app));
    const first = loaded[0]!;
    loaded.forEach((l, i) => {
      for (const side of ['source', 'target'] as const) {
        if (l.fields[side].vocab.pieces.join('\n') !== first.fields[side].vocab.pieces.join('\n')) {
          throw new Error(`ensemble member '${dirs[i]}' differs from '${dirs[0]}' in its ${side} vocabulary`);
        }
      }
    });
    return { models: loaded.map((l) => l.model), fields: first.fields, options: first.options, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
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
