import { command, UsageError } from '@seq2seq/cli';
import { corpusBleu, sentenceBleu, type BleuResult } from '../bleu.js';
import { SMOOTH_DEFAULTS, type SmoothMethod } from '../bleu-compute.js';
import { BLEU_TOKENIZERS, type BleuTokenizerName } from '../tokenizers/bleu-tokenizers.js';
import { COMMON_OPTIONS, readInputs } from './io.js';

function oneOf<T extends string>(value: string, known: readonly T[], option: string): T {
  if (!(known as readonly string[]).includes(value)) throw new UsageError(`--${option} must be one of ${known.join(', ')}, got '${value}'`);
  return value as T;
}

/** sacreBLEU's JSON field names. */
function toJson(r: BleuResult): Record<string, unknown> {
  return { name: 'BLEU', score: r.score, counts: r.counts, totals: r.totals, precisions: r.precisions, bp: r.bp, sys_len: r.sysLen, ref_len: r.refLen, ratio: r.ratio, formatted: r.formatted, signature: r.signature };
}

export const bleuCommand = command({
  name: 'bleu',
  summary: 'sacreBLEU 2.6.0 BLEU of hypotheses (stdin) against reference files',
  options: {
    ...COMMON_OPTIONS,
    tokenize: { type: 'string', description: `tokenizer: ${Object.keys(BLEU_TOKENIZERS).join(', ')}`, default: '13a' },
    lowercase: { type: 'boolean', description: 'lower-case before scoring' },
    'smooth-method': { type: 'string', description: `smoothing: ${Object.keys(SMOOTH_DEFAULTS).join(', ')}`, default: 'exp' },
    'smooth-value': { type: 'number', description: 'value for floor (default 0.1) or add-k (default 1)', min: 0 },
    'max-ngram-order': { type: 'number', description: 'highest n-gram order', default: 4, integer: true, min: 1 },
    'effective-order': { type: 'string', description: 'yes|no: average only over orders with n-grams (default: no; yes with --sentence)' },
  },
  async run(o, _positionals, ctx) {
    const options = {
      tokenize: oneOf(o.tokenize, Object.keys(BLEU_TOKENIZERS) as BleuTokenizerName[], 'tokenize'),
      lowercase: o.lowercase,
      smoothMethod: oneOf(o['smooth-method'], Object.keys(SMOOTH_DEFAULTS) as SmoothMethod[], 'smooth-method'),
      smoothValue: o['smooth-value'] ?? null,
      maxNgramOrder: o['max-ngram-order'],
      ...(o['effective-order'] === undefined ? {} : { effectiveOrder: oneOf(o['effective-order'], ['yes', 'no'], 'effective-order') === 'yes' }),
    };
    const { hyps, refs } = readInputs(o.input, o.ref);
    if (o.sentence) hyps.forEach((h, i) => ctx.out(JSON.stringify(toJson(sentenceBleu(h, refs.map((s) => s[i]!), options)))));
    else ctx.out(JSON.stringify(toJson(corpusBleu(hyps, refs, options))));
  },
});
