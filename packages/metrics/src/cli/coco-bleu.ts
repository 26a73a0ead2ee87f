/** `metrics coco-bleu`: pycocoevalcap BLEU-1..4 (fractions, as it prints them). */
import { command } from '@seq2seq/cli';
import { cocoBleu } from '../coco-bleu.js';
import { COMMON_OPTIONS, readInputs } from './io.js';

const bleuFields = (b: readonly number[]): Record<string, number> => Object.fromEntries(b.map((x, k) => [`bleu${k + 1}`, x]));

export const cocoBleuCommand = command({
  name: 'coco-bleu',
  summary: 'pycocoevalcap BLEU-1..4 for captions (closest ref length, fractions)',
  options: COMMON_OPTIONS,
  async run(o, _p, ctx) {
    const { hyps, refs } = readInputs(o.input, o.ref);
    const r = cocoBleu(hyps.map((_, i) => refs.map((s) => s[i]!)), hyps);
    if (o.sentence) hyps.forEach((_, i) => ctx.out(JSON.stringify({ name: 'COCO-BLEU', ...bleuFields(r.perSentence.map((row) => row[i]!)), n: 1 })));
    else ctx.out(JSON.stringify({ name: 'COCO-BLEU', ...bleuFields(r.bleu), testlen: r.testlen, reflen: r.reflen, n: hyps.length }));
  },
});
