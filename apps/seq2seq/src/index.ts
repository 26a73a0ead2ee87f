import type { AppSpec } from '@seq2seq/cli';
import { modelsCommand } from './models-command.js';
import { packCommand } from './pack-command.js';
import { seq2seqExamples } from './examples.js';
import { exportCommand, exportDataCommand, importCommand, torchExamples } from './torch-commands.js';

export { modelsCommand, packCommand };
export * from './torch-commands.js';

export const seq2seqApp: AppSpec = {
  name: 'seq2seq',
  examples: { ...seq2seqExamples, ...torchExamples },
  description: 'the toolkit itself: shipped models and checkpoint tools',
  commands: [modelsCommand, packCommand, exportCommand, importCommand, exportDataCommand],
};
