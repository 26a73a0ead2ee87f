import { readFileSync } from 'node:fs';
import { type AppSpec, checkText, type Command, command, SkippedInputs, textLines } from '@seq2seq/cli';
import { predictCommand, reportBadLines, textCommands } from '@seq2seq/text2text';
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
      const lines = positionals.length > 0 ? positionals.map(checkText) : textLines(readFileSync(0));
      const what = positionals.length > 0 ? 'argument' : 'stdin line';
      let bad = reportBadLines(lines, what, ctx.err);
      // Blank and skipped lines are passed on blank, so they are answered with a blank line and
      // `g2p predict < words > phones` stays line-aligned.
      const spelled = lines.map((l, i) => {
        if (l.bad || l.text.trim() === '') return '';
        if (!/\p{L}/u.test(l.text)) {
          bad++;
          ctx.err(`skipped ${what} ${i + 1}: ${JSON.stringify(l.text)} has no letters`);
          return '';
        }
        return spell(l.text);
      });
      if (spelled.every((w) => w === '')) throw new Error(bad > 0 ? `no usable input: all ${bad} non-blank ${what}s were skipped` : 'no input: give words as arguments or on stdin');
      await inner.run(o, spelled, ctx);
      if (bad > 0) throw new SkippedInputs(bad, lines.length, `${what}s`);
    },
  });
}

export const g2pApp: AppSpec = {
  name: 'g2p',
  examples: g2pExamples,
  description: g2pPreset.description,
  commands: textCommands(g2pPreset).map((c) => (c.name === 'predict' ? wordPredict() : c)),
};
