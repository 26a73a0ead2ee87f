import { type FetchLike, fetchCheckpoint, modelFromCheckpoint } from '@seq2seq/core';
import type { AudioBatch } from '@seq2seq/audio';
import { type LoadedSpeechModel, speechModelOf } from '@seq2seq/speech2text';
import type { TextBatch } from '@seq2seq/text';
import { type LoadedTextModel, textModelOf } from '@seq2seq/text2text';

/** models/<app>/ next to the page (served by the dev/preview server, copied by the build). */
export function modelUrl(app: string, base: string): string {
  return new URL(`models/${app}/`, base).href;
}

export interface LoadOptions {
  onProgress?: (loaded: number, total: number) => void;
  fetch?: FetchLike;
}

/** The shipped translation model, fetched and checked as `translate predict` loads it from disk. */
export async function fetchTextModel(url: string, app: string, o: LoadOptions = {}): Promise<LoadedTextModel> {
  const where = `checkpoint '${url}'`;
  const { model, config } = await modelFromCheckpoint<TextBatch>(await fetchCheckpoint(url, o), where);
  return textModelOf(model, config, where, app);
}

/** The shipped speech model, fetched and checked as `transcribe predict` loads it from disk. */
export async function fetchSpeechModel(url: string, app: string, o: LoadOptions = {}): Promise<LoadedSpeechModel> {
  const where = `checkpoint '${url}'`;
  const { model, config } = await modelFromCheckpoint<AudioBatch>(await fetchCheckpoint(url, o), where);
  return speechModelOf(model, config, where, app);
}
