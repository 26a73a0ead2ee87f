/** `metrics nltk-bleu`: NLTK 3.8 corpus_bleu / sentence_bleu on whitespace tokens (fraction, as NLTK returns it). */
import { command, UsageError } from '@seq2seq/cli';
import { nltkCorpusBleu, nltkSentenceBleu } from '../nltk-bleu.js';
import { pySplit } from '../wer-transforms.js';
import { COMMON_OPTIONS, readInputs } from './io.js';

export const nltkBleuCommand = command({
  name: 'nltk-bleu',
  summary: 'NLTK 3.8 corpus_bleu (fraction; inputs split on whitespace)',
  options: {
    ...COMMON_OPTIONS,
    weights: { type: 'string', description: 'comma-separated n-gram weights', default: '0.25,0.25,0.25,0.25' },
    smoothing: { type: 'string', description: "'none' or 'method1' (epsilon 0.1)", default: 'none' },
  },
  async run(o, _p, ctx) {
    const weights = o.weights.split(',').map(Number);
    if (weights.some((w) => !Number.isFinite(w))) throw new UsageError(`--weights needs comma-separated numbers, got '${o.weights}'`);
    if (o.smoothing !== 'none' && o.smoothing !== 'method1') throw new UsageError(`--smoothing must be 'none' or 'method1', got '${o.smoothing}'`);
    const options = { weights, smoothing: o.smoothing } as const;
    const { hyps, refs } = readInputs(o.input, o.ref);
    const refTokens = hyps.map((_, i) => refs.map((s) => pySplit(s[i]!)));
    const hypTokens = hyps.map(pySplit);
    if (o.sentence) hypTokens.forEach((h, i) => ctx.out(JSON.stringify({ name: 'NLTK-BLEU', bleu: nltkSentenceBleu(refTokens[i]!, h, options), n: 1 })));
    else ctx.out(JSON.stringify({ name: 'NLTK-BLEU', bleu: nltkCorpusBleu(refTokens, hypTokens, options), n: hyps.length }));
  },
});
