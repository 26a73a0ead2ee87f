/** `metrics cider`: pycocoevalcap CIDEr-D (raw ×10 scale); inputs are only split on whitespace. */
import { command } from '@seq2seq/cli';
import { ciderD } from '../cider.js';
import { COMMON_OPTIONS, readInputs } from './io.js';

export const ciderCommand = command({
  name: 'cider',
  summary: 'pycocoevalcap CIDEr-D (n=4; tokenize and lower-case beforehand); --sentence: per-image scores, corpus IDF',
  options: {
    ...COMMON_OPTIONS,
    sigma: { type: 'number', description: 'standard deviation of the length penalty', default: 6, min: 0 },
  },
  async run(o, _p, ctx) {
    const { hyps, refs } = readInputs(o.input, o.ref);
    const { score, scores } = ciderD(hyps.map((_, i) => refs.map((s) => s[i]!)), hyps, { sigma: o.sigma });
    if (o.sentence) scores.forEach((s) => ctx.out(JSON.stringify({ name: 'CIDEr-D', cider_d: s, n: 1 })));
    else ctx.out(JSON.stringify({ name: 'CIDEr-D', cider_d: score, n: hyps.length }));
  },
});
