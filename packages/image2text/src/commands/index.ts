import type { Command } from '@seq2seq/cli';
import { evalCommand } from './eval-command.js';
import { galleryCommand } from './gallery-command.js';
import { predictCommand } from './predict-command.js';
import type { CaptionPreset } from './preset.js';
import { trainCommand } from './train-command.js';

export type { CaptionPreset } from './preset.js';
export { trainCommand, evalCommand, predictCommand, galleryCommand };
export { trainDataOptions, evalDataOptions, loadTrainData, loadEvalData } from './data-options.js';

/** train, eval, predict and gallery for a captioning app. */
export function captionCommands(preset: CaptionPreset): Command[] {
  return [trainCommand(preset), evalCommand(preset), predictCommand(preset), galleryCommand(preset)];
}
// `predict`'s decoding (flags, defaults, gallery), for front ends that caption like it (seq2seq serve).
export { captionDecodeSpecs, readCaptionDecode } from './decode-options.js';
export { decodeCaptions, galleryDecodeSpecs } from './caption-decode.js';
