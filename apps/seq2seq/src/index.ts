import type { AppSpec } from '@seq2seq/cli';
import { modelsCommand } from './models-command.js';
import { packCommand } from './pack-command.js';
import { seq2seqExamples } from './examples.js';

export { modelsCommand, packCommand };

export const seq2seqApp: AppSpec = {
  name: 'seq2seq',
  examples: seq2seqExamples,
  description: 'the toolkit itself: shipped models and checkpoint tools',
  commands: [modelsCommand, packCommand],
};
