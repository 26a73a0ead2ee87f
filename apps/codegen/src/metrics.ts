import { commandTokenMetrics, corpusBleu, exactMatch } from '@seq2seq/metrics';

/**
 * DocPrompting's `clean_for_bleu` (`dataset_helper/tldr/gen_metric.py`): drop sudo/quotes/backticks,
 * turn `| > <` into spaces, squeeze whitespace, then number the distinct `{{placeholders}}` `$0, $1, ...`.
 */
export function cleanForBleu(cmd: string): string {
  let s = cmd.split('sudo').join('').trim();
  for (const q of ['`', '"', "'"]) s = s.split(q).join('');
  for (const q of ['|', '>', '<']) s = s.split(q).join(' ');
  s = s.split(/\s+/).filter((w) => w !== '').join(' ');
  s = s.split('={').join(' {');
  const ids = new Map<string, number>();
  for (const m of s.matchAll(/\{\{(.*?)\}\}/g)) if (!ids.has(m[1]!)) ids.set(m[1]!, ids.size);
  for (const [v, id] of ids) s = s.split(`{{${v}}}`).join(`$${id}`);
  return s;
}

const pct = (x: number): number => Math.round(x * 10000) / 100;

/**
 * The DocPrompting tldr metrics (`tldr_metrics`), in percent: command-name accuracy and token F1 on
 * cleaned, anonymised bags of tokens, exact match of the cleaned, anonymised command
 * (`template_matching`), and sacreBLEU char-level BLEU of the `clean_for_bleu` strings.
 */
export function commandMetrics(hyps: readonly string[], refs: readonly string[]): { cmdAcc: number; exactMatch: number; tokenF1: number; charBleu: number } {
  if (hyps.length !== refs.length) throw new Error(`${hyps.length} predictions for ${refs.length} references`);
  if (hyps.length === 0) return { cmdAcc: 0, exactMatch: 0, tokenF1: 0, charBleu: 0 };
  let cmd = 0;
  let f1 = 0;
  refs.forEach((r, i) => {
    const m = commandTokenMetrics(r, hyps[i]!);
    cmd += m.cmdAcc;
    f1 += m.f1;
  });
  const charBleu = corpusBleu(hyps.map(cleanForBleu), [refs.map(cleanForBleu)], { tokenize: 'char' }).score;
  return { cmdAcc: pct(cmd / refs.length), exactMatch: pct(exactMatch(refs, hyps, { normalize: 'command' })), tokenF1: pct(f1 / refs.length), charBleu: Math.round(charBleu * 100) / 100 };
}
