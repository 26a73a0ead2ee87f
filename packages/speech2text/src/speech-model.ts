import '@seq2seq/audio';
import type { AudioBatch } from '@seq2seq/audio';
import type { CheckpointConfig, Seq2Seq } from '@seq2seq/core';
import { lstmDecoderOptionsOf } from '@seq2seq/decoder-lstm';
import { checkTrainedBy, taskObject } from '@seq2seq/pipeline';
import { TextField } from '@seq2seq/text';
import { SPEECH_DECODER_KEYS, speechModelDefaults, type SpeechModelOptions } from './options.js';

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
    checkTrainedBy(where, task, app);
    if (config.encoder.kind !== 'audio-rnn') throw new Error(`${where} has encoder '${config.encoder.kind}', not an audio encoder`);
    const target = TextField.fromJSON(taskObject(where, task, 'target', 'speech-to-text'));
    const decVocab = Number(config.decoder.config.vocabSize);
    if (decVocab !== target.vocab.size) throw new Error(`${where}: target vocabulary (${target.vocab.size}) does not match the model (${decVocab})`);
    // The decoder's fields: what its weights were built with (its own config), not today's defaults.
    const options: SpeechModelOptions = { ...speechModelDefaults, ...(task.options as Partial<SpeechModelOptions> | undefined), ...lstmDecoderOptionsOf(config.decoder.config, SPEECH_DECODER_KEYS) };
    return { model, target, options, config };
  } catch (e) {
    model.store.dispose();
    throw e;
  }
}
