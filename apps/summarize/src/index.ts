import type { AppSpec } from '@seq2seq/cli';
import { textCommands } from '@seq2seq/text2text';
import { summarizePreset } from './preset.js';
import { summarizeExamples } from './examples.js';

export { summarizePreset };
export { loadSummaries, type SummaryExample } from './data.js';
export { rougeMetrics } from './metrics.js';
export const summarizeApp: AppSpec = {
  name: 'summarize',
  examples: summarizeExamples,
  description: summarizePreset.description,
  commands: textCommands(summarizePreset),
};
