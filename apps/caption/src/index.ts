import type { AppSpec } from '@seq2seq/cli';
import { captionCommands } from '@seq2seq/image2text';
import { captionPreset } from './preset.js';
import { captionExamples } from './examples.js';

export { captionPreset };
export const captionApp: AppSpec = {
  name: 'caption',
  examples: captionExamples,
  description: captionPreset.description,
  commands: captionCommands(captionPreset),
};
