import { lengthPenalty, prefixConstraint } from '@seq2seq/search';
import { EOS, WORD_START } from '@seq2seq/text';
import { type GenerateFn, type Generated, generate } from '@seq2seq/text2text';
import type { CommandDocs, DocHit } from './docs.js';

export interface DocsDecodeOptions {
  /**
   * Keep the model's own output when its log-probability of the command name (the first word,
   * after any `sudo`) is at least this: the model knows the commands it was trained on, and the
   * docs are looked up only where it is unsure. Infinity = always look up. Default -1.5.
   */
  trust?: number;
  /** Documents retrieved per description, each tried as the command's name. Default 5. */
  top?: number;
  /** Weight of a name's retrieval similarity (0-1) added to a hypothesis's score. Default 48. */
  weight?: number;
  /**
   * How much of the model's own log-probability of a retrieved name to forgive (0-1): the model
   * has never seen most retrieved names, so its surprise at them says little. Default 1.
   */
  nameDiscount?: number;
}

/** Does the command start with the name as whole words (`git commit` in `git commit -m x`)? */
export function startsWithName(command: string, name: string): boolean {
  const c = command.trim().replace(/^sudo\s+/, '');
  return c === name || c.startsWith(`${name} `);
}

/**
 * Open-book decoding: the usual beam search; where the model is unsure of the command name (see
 * `trust`), one more beam search per retrieved document with the output forced to start with that
 * document's command name. Each of those inputs' hypotheses then scores its length-penalised
 * log-probability plus `weight` x the retrieval similarity of the name it starts with (0 for a
 * name not retrieved), less `nameDiscount` of the model's log-probability of that name; the best
 * wins. The model still writes the options and arguments: the documents only propose names, which
 * lets it name commands it never saw in training. Returned hypotheses carry that combined score,
 * best first.
 */
export function generateWithDocs(docs: CommandDocs, d: DocsDecodeOptions = {}): GenerateFn {
  const top = d.top ?? 5;
  const weight = d.weight ?? 48;
  const discount = d.nameDiscount ?? 1;
  const trust = d.trust ?? -1.5;
  return async (model, fields, inputs, o = {}) => {
    // The length penalty generate applied to each hypothesis's score (none when sampling).
    const alpha = o.temperature && o.temperature > 0 ? 0 : (o.lengthPenalty ?? 0.6);
    const idsOf = (name: string): number[] => fields.target.ids(name);
    const rescore = (h: Generated, hits: readonly DocHit[]): Generated => ({ ...h, score: openBookScore(h, hits, idsOf, { alpha, weight, nameDiscount: discount }) });
    const free = await generate(model, fields, inputs, o);
    const pieces = fields.target.vocab.pieces;
    // Look up docs where the model is unsure of its command name (inputs that tokenise to nothing stay empty).
    const unsure = free.map((list) => list[0]!.sourcePieces.length > 0 && !(nameLogProb(list[0]!, pieces) >= trust));
    const hits: DocHit[][] = inputs.map((text, i) => (unsure[i] ? docs.retrieve(text, top) : []));
    const jobs = hits.flatMap((list, input) => list.map((hit) => ({ input, hit, prefix: idsOf(hit.name) })));
    // After the name a new word (or the end) must follow, so `git` is not continued into `gitk`.
    const next = [EOS, ...pieces.flatMap((p, id) => (p.startsWith(WORD_START) ? [id] : []))];
    const constraints = jobs.map((j) => prefixConstraint(j.prefix, EOS, next));
    // The forced pass decodes the same inputs again: their truncation was reported by the free pass.
    const { onTruncated: _reported, ...rest } = o;
    const forcedOptions = { ...rest, allowedTokens: (h: readonly number[], job: number) => constraints[job]!(h), onProgress: (done: number) => o.onProgress?.(done, jobs.length) };
    const forced = jobs.length === 0 ? [] : await generate(model, fields, jobs.map((j) => inputs[j.input]!), forcedOptions);
    const candidates: Generated[][] = free.map((list, i) => (unsure[i] ? list.map((h) => rescore(h, hits[i]!)) : list));
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

/**
 * The model's log-probability of the command name in h: its first word's pieces (a word starts at a
 * piece beginning with WORD_START), the word after a leading `sudo`. -Infinity for an empty output.
 */
export function nameLogProb(h: Generated, pieces: readonly string[]): number {
  const words: number[][] = [];
  h.tokens.forEach((t, i) => {
    if (i === 0 || (pieces[t] ?? '').startsWith(WORD_START)) words.push([]);
    words.at(-1)!.push(i);
  });
  const text = (w: number[]) => w.map((i) => pieces[h.tokens[i]!] ?? '').join('').replace(WORD_START, '');
  const name = words[0] && text(words[0]) === 'sudo' ? words[1] : words[0];
  return name ? name.reduce((sum, i) => sum + (h.tokenLogProbs[i] ?? 0), 0) : -Infinity;
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
