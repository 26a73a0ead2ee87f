import { command } from '@seq2seq/cli';
import { corpusChrf, sentenceChrf, type ChrfResult } from '../chrf.js';
import { COMMON_OPTIONS, readInputs } from './io.js';

function toJson(r: ChrfResult): Record<string, unknown> {
  return { name: r.formatted.split(' = ')[0], score: r.score, char_order: r.charOrder, word_order: r.wordOrder, beta: r.beta, formatted: r.formatted, signature: r.signature, stats: r.stats };
}

export const chrfCommand = command({
  name: 'chrf',
  summary: 'sacreBLEU 2.6.0 chrF / chrF++ of hypotheses (stdin) against reference files',
  options: {
    ...COMMON_OPTIONS,
    'char-order': { type: 'number', description: 'character n-gram order', default: 6, integer: true, min: 0 },
    'word-order': { type: 'number', description: 'word n-gram order (2 = chrF++)', default: 0, integer: true, min: 0 },
    beta: { type: 'number', description: 'recall weight', default: 2, min: 0 },
    lowercase: { type: 'boolean', description: 'lower-case before scoring' },
    whitespace: { type: 'boolean', description: 'keep whitespace in character n-grams' },
    'eps-smoothing': { type: 'boolean', description: 'chrF++.py epsilon smoothing instead of effective orders' },
  },
  async run(o, _positionals, ctx) {
    const options = { charOrder: o['char-order'], wordOrder: o['word-order'], beta: o.beta, lowercase: o.lowercase, whitespace: o.whitespace, epsSmoothing: o['eps-smoothing'] };
    const { hyps, refs } = readInputs(o.input, o.ref);
    if (o.sentence) hyps.forEach((h, i) => ctx.out(JSON.stringify(toJson(sentenceChrf(h, refs.map((s) => s[i]!), options)))));
    else ctx.out(JSON.stringify(toJson(corpusChrf(hyps, refs, options))));
  },
});
