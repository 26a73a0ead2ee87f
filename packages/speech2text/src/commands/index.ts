import type { Command } from '@seq2seq/cli';
import { evalCommand } from './eval-command.js';
import { makeManifestCommand } from './make-manifest-command.js';
import { predictCommand } from './predict-command.js';
import { type SpeechAppDefaults, trainCommand } from './train-command.js';

export type { SpeechAppDefaults };
export { trainCommand, evalCommand, predictCommand, makeManifestCommand };
export { speechMetrics } from './eval-command.js';
export { defaultFsddDir } from './data-options.js';

/** train, eval, predict and make-manifest for a speech app. */
export function speechCommands(p: SpeechAppDefaults & { defaultBeam?: number }): Command[] {
  return [trainCommand(p), evalCommand(p.app, p.defaultBeam), predictCommand(p.app, p.defaultBeam), makeManifestCommand];
}
