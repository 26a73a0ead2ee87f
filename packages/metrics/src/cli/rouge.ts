/** `metrics rouge`: rouge-score 0.1.2 P/R/F (0-100), averaged over segments; best of several --ref. */
import { command, UsageError } from '@seq2seq/cli';
import { rougeScoreMulti, type RougeScore } from '../rouge.js';
import { COMMON_OPTIONS, readInputs } from './io.js';

function toJson(scores: Record<string, RougeScore>[], types: readonly string[]): Record<string, unknown> {
  const n = Math.max(scores.length, 1);
  const mean = (t: string, k: keyof RougeScore): number => (100 * scores.reduce((a, s) => a + s[t]![k], 0)) / n;
  const out: Record<string, unknown> = { name: 'ROUGE' };
  for (const t of types) {
    out[t] = mean(t, 'fmeasure');
    out[`${t}_precision`] = mean(t, 'precision');
    out[`${t}_recall`] = mean(t, 'recall');
  }
  return { ...out, n: scores.length };
}

export const rougeCommand = command({
  name: 'rouge',
  summary: 'rouge-score 0.1.2 ROUGE (0-100, mean over segments; best reference per type)',
  options: {
    ...COMMON_OPTIONS,
    types: { type: 'string', description: 'comma-separated rouge1..rouge9, rougeL, rougeLsum', default: 'rouge1,rouge2,rougeL,rougeLsum' },
    stem: { type: 'boolean', description: 'Porter-stem tokens longer than 3 characters (NLTK 3.8)' },
  },
  async run(o, _p, ctx) {
    const types = o.types.split(',').map((t) => t.trim()).filter((t) => t.length > 0);
    const bad = types.filter((t) => !/^rouge([1-9]|L|Lsum)$/.test(t));
    if (types.length === 0 || bad.length > 0) throw new UsageError(`--types must list rouge1..rouge9, rougeL or rougeLsum, got '${o.types}'`);
    const { hyps, refs } = readInputs(o.input, o.ref);
    const scores = hyps.map((h, i) => rougeScoreMulti(refs.map((s) => s[i]!), h, { types, useStemmer: o.stem }));
    if (o.sentence) scores.forEach((s) => ctx.out(JSON.stringify(toJson([s], types))));
    else ctx.out(JSON.stringify(toJson(scores, types)));
  },
});
