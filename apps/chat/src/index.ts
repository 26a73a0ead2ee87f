import type { AppSpec } from '@seq2seq/cli';
import { predictCommand, trainCommand } from '@seq2seq/text2text';
import { chatEvalCommand } from './eval-command.js';
import { chatPreset } from './preset.js';
import { talkCommand } from './talk.js';
import { chatExamples } from './examples.js';

export { chatPreset };
export { ChatSession, talkLoop } from './talk.js';
export { perplexity } from './perplexity.js';
export { distinctN, replyMetrics } from './metrics.js';
export { loadPairs, readDialogueData } from './data.js';
export const chatApp: AppSpec = {
  name: 'chat',
  examples: chatExamples,
  description: chatPreset.description,
  commands: [talkCommand, trainCommand(chatPreset), chatEvalCommand, predictCommand(chatPreset)],
};

/** `chat --model DIR` (options but no command) means `chat talk --model DIR`. */
export function chatArgv(argv: string[]): string[] {
  const first = argv[0];
  return first !== undefined && first.startsWith('--') && first !== '--help' ? ['talk', ...argv] : argv;
}
