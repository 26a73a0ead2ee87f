import type { AppSpec } from '@seq2seq/cli';
import { datasetsCommand } from './datasets-command.js';
import { modelsCommand } from './models-command.js';
import { packCommand } from './pack-command.js';
import { serveCommand } from './serve-command.js';
import { seq2seqExamples } from './examples.js';
import { exportCommand, exportDataCommand, importCommand, torchExamples } from './torch-commands.js';

export { datasetsCommand, modelsCommand, packCommand, serveCommand };
export * from './torch-commands.js';
export { buildServer, type Server, type ServerOptions } from './serve/server.js';
export { loadTasks } from './serve/load-tasks.js';
export { chooseModels } from './serve/choose-models.js';
export { serveDefaults, type ServeSettings } from './serve/limits.js';

export const seq2seqApp: AppSpec = {
  name: 'seq2seq',
  examples: { ...seq2seqExamples, ...torchExamples },
  description: 'the toolkit itself: shipped models, datasets by name, checkpoint tools and an HTTP server',
  commands: [modelsCommand, datasetsCommand, packCommand, serveCommand, exportCommand, importCommand, exportDataCommand],
};
