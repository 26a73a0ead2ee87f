import type { AppSpec } from '@seq2seq/cli';
import { textCommands } from '@seq2seq/text2text';
import { demoCommand } from './demo.js';
import { translatePreset } from './preset.js';
import { translateExamples } from './examples.js';

export { translatePreset };
export const translateApp: AppSpec = {
  name: 'translate',
  examples: translateExamples,
  description: translatePreset.description,
  commands: [...textCommands(translatePreset), demoCommand],
};
