/**
 * Oracle tests against sacreBLEU 2.6.0's own numbers (BLEU, chrF/chrF++, TER; see shared/oracles/README.md).
 * Folder: env SEQ2SEQ_ORACLES, else `<repo>/../shared/oracles`. Skipped with a message if missing.
 * Integers and strings must match exactly, floats to a relative 1e-12.
 */
import { describe, expect, it } from 'vitest';
import { haveOracles, loadOracleCases, oracleDir } from './oracle-files.js';
import { MissingReferenceError } from '../bleu-common.js';
import { type BleuOptions, corpusBleu, sentenceBleu } from '../bleu.js';
import { type ChrfOptions, corpusChrf, sentenceChrf } from '../chrf.js';
import { corpusTer, sentenceTer, type TerOptions } from '../ter.js';

if (!haveOracles) console.warn(`[sacrebleu oracles] skipped: no oracle folder at ${oracleDir} (set SEQ2SEQ_ORACLES)`);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface OracleCase {
  id: string;
  level: 'corpus' | 'sentence';
  variant: string;
  options: Record<string, Json>;
  hyps: string[];
  refs: (string | null)[][];
  expected: Record<string, Json>;
}

const load = (file: string): OracleCase[] => loadOracleCases<OracleCase>(file);

/** Deep comparison: numbers to a relative 1e-12 (integers exactly), everything else exactly. */
function expectMatches(actual: unknown, expected: Json, where: string): void {
  if (typeof expected === 'number') {
    expect(typeof actual, where).toBe('number');
    const a = actual as number;
    if (Number.isInteger(expected) && Number.isInteger(a)) expect(a, where).toBe(expected);
    else expect(Math.abs(a - expected) <= 1e-12 * Math.max(Math.abs(expected), Math.abs(a)), `${where}: ${a} vs ${expected}`).toBe(true);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), where).toBe(true);
    expect((actual as unknown[]).length, `${where}.length`).toBe(expected.length);
    expected.forEach((e, i) => expectMatches((actual as unknown[])[i], e, `${where}[${i}]`));
  } else if (expected !== null && typeof expected === 'object') {
    for (const [k, e] of Object.entries(expected)) expectMatches((actual as Record<string, unknown>)[k], e, `${where}.${k}`);
  } else expect(actual, where).toBe(expected);
}

/** Runs `compute`; if the oracle expects a Python exception, checks that we throw its counterpart. */
function check(expected: Record<string, Json>, compute: () => unknown, rename: (r: unknown) => unknown, where: string): unknown {
  if (typeof expected['error'] === 'string') {
    const pythonType = expected['error'].split(':')[0];
    let thrown: unknown;
    try {
      compute();
    } catch (e) {
      thrown = e;
    }
    expect(thrown, `${where}: expected ${expected['error']}`).toBeInstanceOf(MissingReferenceError);
    expect((thrown as MissingReferenceError).pythonError, where).toBe(pythonType);
    return undefined;
  }
  const result = rename(compute());
  expectMatches(result, expected, where);
  return result;
}

const bleuOptions = (o: Record<string, Json>): BleuOptions => ({
  tokenize: o['tokenize'] as BleuOptions['tokenize'],
  lowercase: o['lowercase'] as boolean,
  smoothMethod: o['smooth_method'] as BleuOptions['smoothMethod'],
  smoothValue: o['smooth_value'] as number | null,
  maxNgramOrder: o['max_ngram_order'] as number,
  effectiveOrder: o['effective_order'] as boolean,
});
const chrfOptions = (o: Record<string, Json>): ChrfOptions => ({
  charOrder: o['char_order'] as number,
  wordOrder: o['word_order'] as number,
  beta: o['beta'] as number,
  lowercase: o['lowercase'] as boolean,
  whitespace: o['whitespace'] as boolean,
  epsSmoothing: o['eps_smoothing'] as boolean,
});
const terOptions = (o: Record<string, Json>): TerOptions => ({
  normalized: o['normalized'] as boolean,
  noPunct: o['no_punct'] as boolean,
  asianSupport: o['asian_support'] as boolean,
  caseSensitive: o['case_sensitive'] as boolean,
});

/** Our camelCase result fields under sacreBLEU's names. */
const snake = (r: unknown): unknown => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r as Record<string, unknown>)) out[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = v;
  return out;
};

interface Family {
  file: string;
  corpus: (c: OracleCase) => unknown;
  sentence: (c: OracleCase, i: number) => unknown;
}
const families: Family[] = [
  {
    file: 'bleu.jsonl',
    corpus: (c) => corpusBleu(c.hyps, c.refs, bleuOptions(c.options)),
    sentence: (c, i) => sentenceBleu(c.hyps[i]!, c.refs.map((s) => s[i]!), bleuOptions(c.options)),
  },
  {
    file: 'chrf.jsonl',
    corpus: (c) => corpusChrf(c.hyps, c.refs, chrfOptions(c.options)),
    sentence: (c, i) => sentenceChrf(c.hyps[i]!, c.refs.map((s) => s[i]!), chrfOptions(c.options)),
  },
  {
    file: 'ter.jsonl',
    corpus: (c) => corpusTer(c.hyps, c.refs, terOptions(c.options)),
    sentence: (c, i) => sentenceTer(c.hyps[i]!, c.refs.map((s) => s[i]!), terOptions(c.options)),
  },
];

describe.skipIf(!haveOracles)('sacreBLEU 2.6.0 oracle', () => {
  for (const fam of families) {
    const cases = load(fam.file);
    it(`${fam.file} is present and non-empty`, () => expect(cases.length).toBeGreaterThan(0));
    describe(fam.file, () => {
      it.each(cases.map((c) => [`${c.id} ${c.level} ${c.variant}`, c] as const))('%s', (_name, c) => {
        if (c.level === 'corpus') {
          check(c.expected, () => fam.corpus(c), snake, c.id);
          return;
        }
        const sentences = c.expected['sentences'] as Record<string, Json>[];
        expect(sentences.length).toBe(c.hyps.length);
        let last: unknown;
        sentences.forEach((exp, i) => {
          last = check(exp, () => fam.sentence(c, i), snake, `${c.id}.sentences[${i}]`) ?? last;
        });
        // sacreBLEU's signature reflects the metric object after the last sentence (its nrefs).
        expect((last as { signature: string }).signature, `${c.id}.signature`).toBe(c.expected['signature']);
      });
    });
  }
});
