import { readFileSync } from 'node:fs';
import { type AppSpec, type Command, command } from '@seq2seq/cli';
import { predictCommand, textCommands } from '@seq2seq/text2text';
import { spell } from './data.js';
import { g2pPreset } from './preset.js';
import { g2pExamples } from './examples.js';

export { g2pPreset };
export { cmudictEntries, cmudictSplit, groupEntries, readPronunciations, spell, stripStress, SPLIT } from './data.js';
export { g2pMetrics } from './metrics.js';

/** `predict` on words: spells each word (arguments or stdin lines) before the shared predict. */
function wordPredict(): Command {
  const inner = predictCommand(g2pPreset);
  return command({
    ...inner,
    summary: 'print the phonemes of each word given as arguments, or one word per line on stdin',
    positionals: '[WORD ...]',
    async run(o, positionals, ctx) {
      const words = positionals.length > 0 ? positionals : readFileSync(0, 'utf8').split('\n').filter((l) => l.trim() !== '');
      if (words.length === 0) throw new Error('no input: give words as arguments or on stdin');
      const bad = words.findIndex((w) => !/\p{L}/u.test(w));
      if (bad >= 0) throw new Error(`input #${bad + 1} (${JSON.stringify(words[bad])}) has no letters`);
      const spelled = words.map(spell);
      await inner.run(o, spelled, ctx);
    },
  });
}

export const g2pApp: AppSpec = {
  name: 'g2p',
  examples: g2pExamples,
  description: g2pPreset.description,
  commands: textCommands(g2pPreset).map((c) => (c.name === 'predict' ? wordPredict() : c)),
};
