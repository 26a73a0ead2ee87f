import type { Command } from '@seq2seq/cli';
import type { SpeechDecodeDefaults } from './decode-options.js';
import { evalCommand } from './eval-command.js';
import { makeManifestCommand } from './make-manifest-command.js';
import { predictCommand } from './predict-command.js';
import { type SpeechAppDefaults, trainCommand } from './train-command.js';

export type { SpeechAppDefaults, SpeechDecodeDefaults };
export { trainCommand, evalCommand, predictCommand, makeManifestCommand };
export { speechMetrics } from './eval-command.js';
export { fsddDir } from './data-options.js';

/** train, eval, predict and make-manifest for a speech app. */
export function speechCommands(p: SpeechAppDefaults & { decode?: SpeechDecodeDefaults }): Command[] {
  return [trainCommand(p), evalCommand(p.app, p.decode), predictCommand(p.app, p.decode), makeManifestCommand];
}
// `predict`'s decoding flags and readers, for front ends that transcribe like it (seq2seq serve).
export { decodeOptionSpecs as speechDecodeOptionSpecs, defaultSpeechDecodeOptions, readDecodeOptions as readSpeechDecodeOptions, readTtaWarps } from './decode-options.js';
