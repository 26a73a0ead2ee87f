import type { OptionSpecs } from '@seq2seq/cli';
import { captionWithGallery } from '../gallery-caption.js';
import { type GeneratedCaption, generateCaptions } from '../generate.js';
import type { ImageInputs } from '../inputs.js';
import type { LoadedCaptionModel } from '../load.js';
import { readCaptionDecode } from './decode-options.js';

export const galleryDecodeSpecs = {
  'gallery-top': { type: 'number', description: "with a checkpoint gallery: captions retrieved per image and scored by the decoder (0 = ignore the gallery and decode freely)", default: 10, integer: true, min: 0 },
  'gallery-weight': { type: 'number', description: 'with a checkpoint gallery: weight of the retrieval similarity in the score', default: 20, min: 0 },
} as const satisfies OptionSpecs;

/**
 * Captions for eval and predict: retrieval-aided (`captionWithGallery`) when the checkpoint has a
 * gallery and --gallery-top > 0, else beam search (`--beam`, `--closed-set`). With a gallery,
 * `returnAttention` re-decodes each chosen caption (forced) to get its attention rows.
 */
export async function decodeCaptions(loaded: LoadedCaptionModel, inputs: ImageInputs, keys: readonly string[], o: Record<string, unknown>, extra: { nBest?: number; returnAttention?: boolean; onProgress?: (done: number, total: number) => void } = {}): Promise<GeneratedCaption[][]> {
  const decode = readCaptionDecode(o);
  const top = Number(o['gallery-top'] ?? 0);
  if (!loaded.gallery || top === 0) {
    const nBest = extra.nBest ?? 1;
    return generateCaptions(loaded.model, loaded.field, inputs, keys, { ...decode, beam: Math.max(decode.beam ?? 3, nBest), nBest, ...(extra.returnAttention ? { returnAttention: true } : {}), ...(extra.onProgress ? { onProgress: extra.onProgress } : {}) });
  }
  const outs = await captionWithGallery(loaded.model, loaded.field, inputs, keys, loaded.gallery, {
    top,
    weight: Number(o['gallery-weight'] ?? 20),
    ...(decode.lengthPenalty !== undefined ? { lengthPenalty: decode.lengthPenalty } : {}),
    ...(extra.nBest ? { nBest: extra.nBest } : {}),
    ...(extra.onProgress ? { onProgress: extra.onProgress } : {}),
  });
  if (!extra.returnAttention) return outs;
  const withAttention: GeneratedCaption[][] = [];
  for (const [i, key] of keys.entries()) {
    const list = outs[i]!;
    const forced = list.length > 0 ? (await generateCaptions(loaded.model, loaded.field, inputs, [key], { beam: 1, closedSet: [list[0]!.text], returnAttention: true }))[0]![0] : undefined;
    withAttention.push(forced?.attention ? [{ ...list[0]!, attention: forced.attention }, ...list.slice(1)] : list);
  }
  return withAttention;
}
