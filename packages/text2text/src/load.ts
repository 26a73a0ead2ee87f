import { type CheckpointConfig, loadModel, type Seq2Seq } from '@seq2seq/core';
import '@seq2seq/decoder-lstm';
import '@seq2seq/text';
import type { TextBatch } from '@seq2seq/text';
import { checkTrainedBy, loadMembers, taskObject } from '@seq2seq/pipeline';
import { type Fields, fieldsFromJSON } from './fields.js';
import { storedModelOptions, type TextModelOptions } from './options.js';

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
    checkTrainedBy(dir, task, app);
    const fields = fieldsFromJSON(taskObject(dir, task, 'fields', 'text-to-text'), `checkpoint '${dir}'`);
    const encVocab = Number(config.encoder.config.vocabSize);
    const decVocab = Number(config.decoder.config.vocabSize);
    if (encVocab !== fields.source.vocab.size || decVocab !== fields.target.vocab.size) {
      throw new Error(`checkpoint '${dir}': vocabulary sizes (${fields.source.vocab.size}/${fields.target.vocab.size}) do not match the model (${encVocab}/${decVocab})`);
    }
    const options = storedModelOptions(task.options, config.decoder.config);
    return { model, fields, options, config };
  } catch (e) {
    model.store.dispose();
    throw e;
  }
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
  const sameVocab = (a: Fields, b: Fields, side: 'source' | 'target') => a[side].vocab.pieces.join('\n') === b[side].vocab.pieces.join('\n');
  const { members, dispose } = await loadMembers(dirs, (d) => loadTextModel(d, app), (m, first) =>
    !sameVocab(m.fields, first.fields, 'source') ? 'source vocabulary' : !sameVocab(m.fields, first.fields, 'target') ? 'target vocabulary' : undefined,
  );
  return { models: members.map((m) => m.model), fields: members[0]!.fields, options: members[0]!.options, dispose };
}
