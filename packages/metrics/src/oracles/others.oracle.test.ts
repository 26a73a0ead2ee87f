/**
 * Oracle tests against the reference implementations' own numbers (see shared/oracles/README.md):
 * jiwer 4.0.0 (WER/CER + alignments), rouge-score 0.1.2, pycocoevalcap CIDEr-D and BLEU, NLTK 3.8 BLEU.
 * Folder: env SEQ2SEQ_ORACLES, else `<repo>/../shared/oracles`. Skipped with a message if missing.
 */
import { describe, expect, it } from 'vitest';
import { expectOracleError, haveOracles, loadOracleCases, oracleDir } from './oracle-files.js';
import { processCharacters } from '../cer.js';
import { ciderD } from '../cider.js';
import { cocoBleu } from '../coco-bleu.js';
import { nltkCorpusBleu, nltkSentenceBleu } from '../nltk-bleu.js';
import { rougeScore, rougeScoreMulti } from '../rouge.js';
import { processWords, type AlignmentChunk } from '../wer.js';
import { pySplit } from '../wer-transforms.js';

if (!haveOracles) console.warn(`[metrics oracles] skipped: no oracle folder at ${oracleDir} (set SEQ2SEQ_ORACLES)`);

interface OracleCase {
  id: string;
  level: string;
  variant: string;
  options: Record<string, unknown>;
  hyps: string[];
  refs: (string | null)[][];
  expected: Record<string, unknown>;
}

const load = (file: string): OracleCase[] => loadOracleCases<OracleCase>(file);

/** Relative tolerance 1e-12 for floats (exact for 0). */
function close(actual: number, expected: number, what: string): void {
  const ok = actual === expected || Math.abs(actual - expected) <= 1e-12 * Math.abs(expected);
  expect(ok, `${what}: got ${actual}, expected ${expected}`).toBe(true);
}

/** Non-null references of hypothesis i, in stream order. */
const refsOf = (c: OracleCase, i: number): string[] => c.refs.map((s) => s[i]).filter((r): r is string => r !== null && r !== undefined);
const chunkTuple = (a: AlignmentChunk): [string, number, number, number, number] => [a.type, a.refStartIdx, a.refEndIdx, a.hypStartIdx, a.hypEndIdx];

const COUNTS = ['hits', 'substitutions', 'insertions', 'deletions'] as const;

describe.skipIf(!haveOracles)('jiwer oracles', () => {
  for (const [file, rates, run] of [
    ['wer.jsonl', ['wer', 'mer', 'wil', 'wip'], processWords],
    ['cer.jsonl', ['cer'], processCharacters],
  ] as const) {
    it.each(load(file).map((c) => [c.id, c] as const))(`${file} %s`, (_id, c) => {
      const refs = c.refs[0]!.map((r) => r ?? '');
      if (expectOracleError(c.expected, () => run(refs, c.hyps), c.id)) return;
      const check = (out: Record<string, unknown>, exp: Record<string, unknown>, where: string): void => {
        for (const k of rates) close(out[k] as number, exp[k] as number, `${where} ${k}`);
        for (const k of COUNTS) expect(out[k], `${where} ${k}`).toBe(exp[k]);
      };
      check(run(refs, c.hyps) as unknown as Record<string, unknown>, c.expected, `${c.id} corpus`);
      const sentences = c.expected['sentences'] as Record<string, unknown>[];
      sentences.forEach((s, i) => {
        const out = run(refs[i]!, c.hyps[i]!);
        check(out as unknown as Record<string, unknown>, s, `${c.id}[${i}]`);
        if (s['alignment'] !== undefined) expect(out.alignments[0]!.map(chunkTuple), `${c.id}[${i}] alignment`).toEqual(s['alignment']);
      });
    });
  }
});

describe.skipIf(!haveOracles)('rouge-score oracles', () => {
  it.each(load('rouge.jsonl').map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const types = c.options['rouge_types'] as string[];
    const useStemmer = c.options['use_stemmer'] as boolean;
    const multi = c.options['call'] === 'score_multi';
    const score = (i: number) => (multi ? rougeScoreMulti(refsOf(c, i), c.hyps[i]!, { types, useStemmer }) : rougeScore(c.refs[0]![i]!, c.hyps[i]!, { types, useStemmer }));
    if (expectOracleError(c.expected, () => c.hyps.forEach((_, i) => score(i)), c.id)) return;
    const sentences = c.expected['sentences'] as Record<string, Record<string, number>>[];
    sentences.forEach((exp, i) => {
      const out = score(i);
      for (const t of types) {
        for (const k of ['precision', 'recall', 'fmeasure'] as const) close(out[t]![k], exp[t]![k]!, `${c.id}[${i}] ${t}.${k}`);
      }
    });
  });
});

const gtsOf = (c: OracleCase): string[][] => c.hyps.map((_, i) => refsOf(c, i));

describe.skipIf(!haveOracles)('pycocoevalcap oracles', () => {
  it.each(load('cider.jsonl').map((c) => [c.id, c] as const))('cider %s', (_id, c) => {
    const compute = () => ciderD(gtsOf(c), c.hyps, { n: c.options['n'] as number, sigma: c.options['sigma'] as number });
    if (expectOracleError(c.expected, compute, c.id)) return;
    const out = compute();
    close(out.score, c.expected['score'] as number, `${c.id} score`);
    (c.expected['scores'] as number[]).forEach((s, i) => close(out.scores[i]!, s, `${c.id} scores[${i}]`));
  });

  it.each(load('coco_bleu.jsonl').map((c) => [c.id, c] as const))('coco bleu %s', (_id, c) => {
    const compute = () => cocoBleu(gtsOf(c), c.hyps, { n: c.options['n'] as number });
    if (expectOracleError(c.expected, compute, c.id)) return;
    const out = compute();
    (c.expected['bleu'] as number[]).forEach((b, k) => close(out.bleu[k]!, b, `${c.id} bleu[${k}]`));
    (c.expected['per_sentence'] as number[][]).forEach((row, k) =>
      row.forEach((b, i) => close(out.perSentence[k]![i]!, b, `${c.id} per_sentence[${k}][${i}]`)),
    );
    expect(out.testlen).toBe(c.expected['testlen']);
    expect(out.reflen).toBe(c.expected['reflen']);
  });
});

describe.skipIf(!haveOracles)('NLTK BLEU oracles', () => {
  it.each(load('nltk_bleu.jsonl').map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const options = {
      weights: c.options['weights'] as number[],
      smoothing: c.options['smoothing_function'] === 'method1' ? ('method1' as const) : ('none' as const),
    };
    const refs = c.hyps.map((_, i) => refsOf(c, i).map(pySplit));
    const hyps = c.hyps.map(pySplit);
    const all = () => (c.level === 'corpus' ? nltkCorpusBleu(refs, hyps, options) : hyps.map((h, i) => nltkSentenceBleu(refs[i]!, h, options)));
    if (expectOracleError(c.expected, all, c.id)) return;
    if (c.level === 'corpus') close(nltkCorpusBleu(refs, hyps, options), c.expected['bleu'] as number, `${c.id} bleu`);
    else {
      (c.expected['sentences'] as { bleu: number }[]).forEach((s, i) =>
        close(nltkSentenceBleu(refs[i]!, hyps[i]!, options), s.bleu, `${c.id}[${i}] bleu`),
      );
    }
  });
});
