/** `metrics wer`: jiwer 4.0 word error rate (percent) with S/D/I counts; uses the first --ref only. */
import { command } from '@seq2seq/cli';
import { processWords, type WordOutput } from '../wer.js';
import { COMMON_OPTIONS, readInputs } from './io.js';

const toJson = (r: WordOutput, n: number): Record<string, unknown> => ({
  name: 'WER',
  wer: 100 * r.wer,
  mer: 100 * r.mer,
  wil: 100 * r.wil,
  wip: 100 * r.wip,
  hits: r.hits,
  substitutions: r.substitutions,
  deletions: r.deletions,
  insertions: r.insertions,
  n,
});

export const werCommand = command({
  name: 'wer',
  summary: 'jiwer 4.0 word error rate in percent (MER/WIL/WIP and S/D/I too; first --ref only)',
  options: COMMON_OPTIONS,
  async run(o, _p, ctx) {
    const { hyps, refs } = readInputs(o.input, o.ref);
    const stream = refs[0]!;
    if (o.sentence) hyps.forEach((h, i) => ctx.out(JSON.stringify(toJson(processWords(stream[i]!, h), 1))));
    else ctx.out(JSON.stringify(toJson(processWords(stream, hyps), hyps.length)));
  },
});
