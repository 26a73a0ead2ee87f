import type { AppSpec } from '@seq2seq/cli';
import { textCommands } from '@seq2seq/text2text';
import { summarizePreset } from './preset.js';

export { summarizePreset };
export { loadSummaries, type SummaryExample } from './data.js';
export { rougeMetrics } from './metrics.js';
export const summarizeApp: AppSpec = {
  name: 'summarize',
  description: summarizePreset.description,
  commands: textCommands(summarizePreset),
};
