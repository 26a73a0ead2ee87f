import { command } from '@seq2seq/cli';
import { corpusTer, sentenceTer, type TerResult } from '../ter.js';
import { COMMON_OPTIONS, readInputs } from './io.js';

function toJson(r: TerResult): Record<string, unknown> {
  return { name: 'TER', score: r.score, num_edits: r.numEdits, ref_length: r.refLength, formatted: r.formatted, signature: r.signature };
}

export const terCommand = command({
  name: 'ter',
  summary: 'sacreBLEU 2.6.0 TER of hypotheses (stdin) against reference files',
  options: {
    ...COMMON_OPTIONS,
    normalized: { type: 'boolean', description: 'Tercom normalisation (punctuation splitting, XML entities)' },
    'no-punct': { type: 'boolean', description: 'remove punctuation' },
    'asian-support': { type: 'boolean', description: 'CJK handling (with --normalized / --no-punct)' },
    'case-sensitive': { type: 'boolean', description: 'do not lower-case' },
  },
  async run(o, _positionals, ctx) {
    const options = { normalized: o.normalized, noPunct: o['no-punct'], asianSupport: o['asian-support'], caseSensitive: o['case-sensitive'] };
    const { hyps, refs } = readInputs(o.input, o.ref);
    if (o.sentence) hyps.forEach((h, i) => ctx.out(JSON.stringify(toJson(sentenceTer(h, refs.map((s) => s[i]!), options)))));
    else ctx.out(JSON.stringify(toJson(corpusTer(hyps, refs, options))));
  },
});
