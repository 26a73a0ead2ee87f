import type { AppSpec } from '@seq2seq/cli';
import { datasetsCommand } from './datasets-command.js';
import { modelsCommand } from './models-command.js';
import { packCommand } from './pack-command.js';
import { seq2seqExamples } from './examples.js';

export { datasetsCommand, modelsCommand, packCommand };

export const seq2seqApp: AppSpec = {
  name: 'seq2seq',
  examples: seq2seqExamples,
  description: 'the toolkit itself: shipped models, datasets by name and checkpoint tools',
  commands: [modelsCommand, datasetsCommand, packCommand],
};
