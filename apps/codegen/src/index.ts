import type { AppSpec } from '@seq2seq/cli';
import { textCommands } from '@seq2seq/text2text';
import { codegenPreset } from './preset.js';
import { codegenExamples } from './examples.js';

export { codegenPreset };
export { loadCommandPairs, splitTldr, SPLIT } from './data.js';
export { commandMetrics, cleanForBleu } from './metrics.js';
export const codegenApp: AppSpec = {
  name: 'codegen',
  examples: codegenExamples,
  description: codegenPreset.description,
  commands: textCommands(codegenPreset),
};
