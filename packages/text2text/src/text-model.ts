import type { CheckpointConfig, Seq2Seq } from '@seq2seq/core';
import '@seq2seq/decoder-lstm';
import '@seq2seq/text';
import type { TextBatch } from '@seq2seq/text';
import { checkTrainedBy, taskObject } from '@seq2seq/pipeline';
import { type Fields, fieldsFromJSON } from './fields.js';
import { storedModelOptions, type TextModelOptions } from './options.js';

// Apart from load.ts (which reads the checkpoint from disk) so that a web page that fetched the
// checkpoint checks and unpacks it exactly as `predict` does.

export interface LoadedTextModel {
  model: Seq2Seq<TextBatch>;
  fields: Fields;
  options: TextModelOptions;
  config: CheckpointConfig;
}

/**
 * A loaded model with its checkpoint's fields and options, after checking that it is a text-to-text
 * checkpoint (of `app`, when given) whose vocabularies match the model; on error the model is
 * disposed. `where` names the checkpoint in messages, e.g. "checkpoint 'runs/x/best'".
 */
export function textModelOf(model: Seq2Seq<TextBatch>, config: CheckpointConfig, where: string, app?: string): LoadedTextModel {
  try {
    const task = config.task;
    checkTrainedBy(where, task, app);
    const fields = fieldsFromJSON(taskObject(where, task, 'fields', 'text-to-text'), where);
    const encVocab = Number(config.encoder.config.vocabSize);
    const decVocab = Number(config.decoder.config.vocabSize);
    if (encVocab !== fields.source.vocab.size || decVocab !== fields.target.vocab.size) {
      throw new Error(`${where}: vocabulary sizes (${fields.source.vocab.size}/${fields.target.vocab.size}) do not match the model (${encVocab}/${decVocab})`);
    }
    const options = storedModelOptions(task.options, config.decoder.config);
    return { model, fields, options, config };
  } catch (e) {
    model.store.dispose();
    throw e;
  }
}
