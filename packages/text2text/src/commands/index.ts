import type { Command } from '@seq2seq/cli';
import { evalCommand } from './eval-command.js';
import { predictCommand } from './predict-command.js';
import type { TextPreset } from './preset.js';
import { trainCommand } from './train-command.js';

export type { TextPreset, TextDecodeDefaults, TextDecodeExtension, GenerateFn, EvalSet } from './preset.js';
export { trainCommand, evalCommand, predictCommand };

/** train, eval and predict for a text app. */
export function textCommands(preset: TextPreset): Command[] {
  return [trainCommand(preset), evalCommand(preset), predictCommand(preset)];
}
export { reportBadLines, reportTruncated, stdinLines } from './predict-command.js';
// The CLI's decoding flags and their reader, for front ends that decode like `predict` (seq2seq serve).
export { decodeOptionSpecs, defaultDecodeOptions, readDecodeOptions } from './decode-options.js';
