import { type CheckpointConfig, loadModel, type Seq2Seq } from '@seq2seq/core';
import { checkTrainedBy, taskObject } from '@seq2seq/pipeline';
import { lstmDecoderOptionsOf } from '@seq2seq/decoder-lstm';
import '@seq2seq/image';
import type { ImageBatch } from '@seq2seq/image';
import { TextField } from '@seq2seq/text';
import { type Gallery, loadGallery } from './gallery.js';
import { CAPTION_DECODER_KEYS, captionModelDefaults, type CaptionModelOptions } from './options.js';

export interface LoadedCaptionModel {
  model: Seq2Seq<ImageBatch>;
  field: TextField;
  options: CaptionModelOptions;
  config: CheckpointConfig;
  /** The checkpoint's gallery of training images (`gallery.json`/`.bin`), if it has one. */
  gallery?: Gallery;
}

/** Loads a captioning checkpoint (MobileNet weights included); `app` checks which app trained it. */
export async function loadCaptionModel(dir: string, app?: string): Promise<LoadedCaptionModel> {
  const { model, config } = await loadModel<ImageBatch>(dir);
  try {
    const task = config.task;
    checkTrainedBy(`checkpoint '${dir}'`, task, app);
    const field = TextField.fromJSON(taskObject(`checkpoint '${dir}'`, task, 'field', 'captioning'));
    const decVocab = Number(config.decoder.config.vocabSize);
    if (decVocab !== field.vocab.size) throw new Error(`checkpoint '${dir}': caption vocabulary (${field.vocab.size}) does not match the decoder (${decVocab})`);
    // Checkpoints from before `trim` and `palette` existed saw their images untrimmed, with no palette channels.
    // The decoder's fields: what its weights were built with (its own config), not today's defaults.
    const options: CaptionModelOptions = { ...captionModelDefaults, trim: false, palette: 'none', ...(task.options as Partial<CaptionModelOptions> | undefined), ...lstmDecoderOptionsOf(config.decoder.config, CAPTION_DECODER_KEYS) };
    const gallery = loadGallery(dir);
    if (gallery && gallery.dim !== model.encoder.outputDim) throw new Error(`checkpoint '${dir}': gallery embeddings are ${gallery.dim} wide, the encoder's ${model.encoder.outputDim}`);
    return { model, field, options, config, ...(gallery ? { gallery } : {}) };
  } catch (e) {
    model.store.dispose();
    throw e;
  }
}
