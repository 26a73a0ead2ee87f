import '@seq2seq/audio';
import type { AudioBatch } from '@seq2seq/audio';
import { loadModel, type Seq2Seq } from '@seq2seq/core';
import '@seq2seq/decoder-lstm';
import type { TextField } from '@seq2seq/text';
import { loadMembers } from '@seq2seq/pipeline';
import type { SpeechModelOptions } from './options.js';
import { type LoadedSpeechModel, speechModelOf } from './speech-model.js';

export type { LoadedSpeechModel } from './speech-model.js';

/** Loads a speech-to-text checkpoint; `app` checks it was trained by the same app. */
export async function loadSpeechModel(dir: string, app?: string): Promise<LoadedSpeechModel> {
  const { model, config } = await loadModel<AudioBatch>(dir);
  return speechModelOf(model, config, `checkpoint '${dir}'`, app);
}

/** Several speech models decoded as one (an ensemble); they share the target vocabulary and front end. */
export interface LoadedSpeechEnsemble {
  models: Seq2Seq<AudioBatch>[];
  target: TextField;
  /** The first member's options (features and factor are the same for all). */
  options: SpeechModelOptions;
  dispose(): void;
}

/**
 * Loads one or more checkpoints for decoding together. Members must have the same target
 * vocabulary, front end and time reduction (the features are computed once and padded once);
 * otherwise throws naming the member that differs.
 */
export async function loadSpeechEnsemble(dirs: readonly string[], app?: string): Promise<LoadedSpeechEnsemble> {
  const { members, dispose } = await loadMembers(dirs, (d) => loadSpeechModel(d, app), (m, first) => {
    if (m.target.vocab.pieces.join('\n') !== first.target.vocab.pieces.join('\n')) return 'target vocabulary';
    if (JSON.stringify(m.options.features) !== JSON.stringify(first.options.features)) return 'front end (features)';
    if (m.options.factor !== first.options.factor) return `time reduction (factor ${m.options.factor} vs ${first.options.factor})`;
    return undefined;
  });
  return { models: members.map((m) => m.model), target: members[0]!.target, options: members[0]!.options, dispose };
}
