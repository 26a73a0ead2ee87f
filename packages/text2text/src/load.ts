import { loadModel, type Seq2Seq } from '@seq2seq/core';
import '@seq2seq/decoder-lstm';
import '@seq2seq/text';
import type { TextBatch } from '@seq2seq/text';
import { loadMembers } from '@seq2seq/pipeline';
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
