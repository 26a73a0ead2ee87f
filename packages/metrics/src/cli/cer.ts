/** `metrics cer`: jiwer 4.0 character error rate (percent, code points); uses the first --ref only. */
import { command } from '@seq2seq/cli';
import { processCharacters, type CharacterOutput } from '../cer.js';
import { COMMON_OPTIONS, readInputs } from './io.js';

const toJson = (r: CharacterOutput, n: number): Record<string, unknown> => ({
  name: 'CER',
  cer: 100 * r.cer,
  hits: r.hits,
  substitutions: r.substitutions,
  deletions: r.deletions,
  insertions: r.insertions,
  n,
});

export const cerCommand = command({
  name: 'cer',
  summary: 'jiwer 4.0 character error rate in percent (code points; first --ref only)',
  options: COMMON_OPTIONS,
  async run(o, _p, ctx) {
    const { hyps, refs } = readInputs(o.input, o.ref);
    const stream = refs[0]!;
    if (o.sentence) hyps.forEach((h, i) => ctx.out(JSON.stringify(toJson(processCharacters(stream[i]!, h), 1))));
    else ctx.out(JSON.stringify(toJson(processCharacters(stream, hyps), hyps.length)));
  },
});
