import '@seq2seq/audio';
import type { AudioBatch } from '@seq2seq/audio';
import type { CheckpointConfig, Seq2Seq } from '@seq2seq/core';
import '@seq2seq/decoder-lstm';
import type { TextField } from '@seq2seq/text';
import { targetFieldFromJSON } from './fields.js';
import { speechModelDefaults, type SpeechModelOptions } from './options.js';

// Apart from load.ts (disk) so that a web page that fetched the checkpoint checks it as `predict` does.

export interface LoadedSpeechModel {
  model: Seq2Seq<AudioBatch>;
  target: TextField;
  options: SpeechModelOptions;
  config: CheckpointConfig;
}

/**
 * A loaded model with its checkpoint's target field and options, after checking that it is a
 * speech-to-text checkpoint (of `app`, when given); on error the model is disposed. `where` names
 * the checkpoint in messages, e.g. "checkpoint 'models/transcribe'".
 */
export function speechModelOf(model: Seq2Seq<AudioBatch>, config: CheckpointConfig, where: string, app?: string): LoadedSpeechModel {
  try {
    const task = config.task;
    if (app && task.app !== undefined && task.app !== app) throw new Error(`${where} was trained by '${String(task.app)}', not '${app}'`);
    if (config.encoder.kind !== 'audio-rnn') throw new Error(`${where} has encoder '${config.encoder.kind}', not an audio encoder`);
    const target = targetFieldFromJSON(task.target, where);
    const decVocab = Number(config.decoder.config.vocabSize);
    if (decVocab !== target.vocab.size) throw new Error(`${where}: target vocabulary (${target.vocab.size}) does not match the model (${decVocab})`);
    const options = { ...speechModelDefaults, ...(task.options as Partial<SpeechModelOptions> | undefined) };
    return { model, target, options, config };
  } catch (e) {
    model.store.dispose();
    throw e;
  }
}
