import { lengthPenalty, prefixConstraint } from '@seq2seq/search';
import { EOS, WORD_START } from '@seq2seq/text';
import { type GenerateFn, type Generated, generate } from '@seq2seq/text2text';
import type { CommandDocs, DocHit } from './docs.js';

export interface DocsDecodeOptions {
  /** Documents retrieved per description, each tried as the command's name. Default 5. */
  top?: number;
  /** Weight of a name's retrieval similarity (0-1) added to a hypothesis's score. Default 2. */
  weight?: number;
  /**
   * How much of the model's own log-probability of a retrieved name to forgive (0-1): the model
   * has never seen most retrieved names, so its surprise at them says little. Default 0.
   */
  nameDiscount?: number;
}

/** Does the command start with the name as whole words (`git commit` in `git commit -m x`)? */
export function startsWithName(command: string, name: string): boolean {
  const c = command.trim().replace(/^sudo\s+/, '');
  return c === name || c.startsWith(`${name} `);
}

/**
 * Open-book decoding: the usual beam search, plus one beam search per retrieved document with the
 * output forced to start with that document's command name. Each hypothesis scores its
 * length-penalised log-probability plus `weight` x the retrieval similarity of the name it starts
 * with (0 for a name not retrieved), less `nameDiscount` of the model's log-probability of that
 * name; the best wins. The model still writes the options and arguments: the documents only
 * propose names, which lets it name commands it never saw in training. Returned hypotheses carry
 * that combined score, best first.
 */
export function generateWithDocs(docs: CommandDocs, d: DocsDecodeOptions = {}): GenerateFn {
  const top = d.top ?? 5;
  const weight = d.weight ?? 2;
  const discount = d.nameDiscount ?? 0;
  return async (model, fields, inputs, o = {}) => {
    // The length penalty generate applied to each hypothesis's score (none when sampling).
    const alpha = o.temperature && o.temperature > 0 ? 0 : (o.lengthPenalty ?? 0.6);
    const idsOf = (name: string): number[] => fields.target.ids(name);
    const rescore = (h: Generated, hits: readonly DocHit[]): Generated => ({ ...h, score: openBookScore(h, hits, idsOf, { alpha, weight, nameDiscount: discount }) });
    // Inputs that tokenise to nothing stay empty (generate gives them an empty output).
    const filled = inputs.map((text) => fields.source.ids(text).length > 0);
    const hits: DocHit[][] = inputs.map((text, i) => (filled[i] ? docs.retrieve(text, top) : []));
    const jobs = hits.flatMap((list, input) => list.map((hit) => ({ input, hit, prefix: idsOf(hit.name) })));
    const decodedFree = filled.filter(Boolean).length;
    const total = decodedFree + jobs.length;
    const free = await generate(model, fields, inputs, { ...o, onProgress: (done) => o.onProgress?.(done, total) });
    // After the name a new word (or the end) must follow, so `git` is not continued into `gitk`.
    const next = [EOS, ...fields.target.vocab.pieces.flatMap((p, id) => (p.startsWith(WORD_START) ? [id] : []))];
    const constraints = jobs.map((j) => prefixConstraint(j.prefix, EOS, next));
    const forcedOptions = { ...o, allowedTokens: (h: readonly number[], job: number) => constraints[job]!(h), onProgress: (done: number) => o.onProgress?.(decodedFree + done, total) };
    const forced = jobs.length === 0 ? [] : await generate(model, fields, jobs.map((j) => inputs[j.input]!), forcedOptions);
    const candidates: Generated[][] = free.map((list, i) => list.map((h) => rescore(h, hits[i]!)));
    forced.forEach((list, k) => candidates[jobs[k]!.input]!.push(...list.map((h) => rescore(h, hits[jobs[k]!.input]!))));
    const nBest = Math.max(1, o.nBest ?? 1);
    return candidates.map((list) => dedupe(list.sort((a, b) => b.score - a.score)).slice(0, nBest));
  };
}

/** A hypothesis's open-book score (see generateWithDocs); `alpha` is its search's length penalty. */
export function openBookScore(h: Generated, hits: readonly DocHit[], idsOf: (name: string) => readonly number[], s: { alpha: number; weight: number; nameDiscount: number }): number {
  const hit = bestHit(h.text, hits);
  if (!hit) return h.score;
  const forgiven = s.nameDiscount * prefixLogProb(h, idsOf(hit.name));
  return h.score + s.weight * hit.score - forgiven / lengthPenalty(h.tokens.length + 1, s.alpha);
}

/** The most similar retrieved doc whose name the command starts with. */
function bestHit(command: string, hits: readonly DocHit[]): DocHit | undefined {
  let best: DocHit | undefined;
  for (const x of hits) if (startsWithName(command, x.name) && (!best || x.score > best.score)) best = x;
  return best;
}

/** The model's log-probability of h's first tokens when they are `prefix`, else 0. */
function prefixLogProb(h: Generated, prefix: readonly number[]): number {
  if (prefix.some((t, i) => h.tokens[i] !== t)) return 0;
  return prefix.reduce((sum, _, i) => sum + (h.tokenLogProbs[i] ?? 0), 0);
}

function dedupe(list: Generated[]): Generated[] {
  const seen = new Set<string>();
  return list.filter((h) => !seen.has(h.text) && (seen.add(h.text), true));
}
