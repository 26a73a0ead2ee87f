import { prefixConstraint } from '@seq2seq/search';
import { EOS, WORD_START } from '@seq2seq/text';
import { type GenerateFn, type Generated, generate } from '@seq2seq/text2text';
import type { CommandDocs, DocHit } from './docs.js';

export interface DocsDecodeOptions {
  /** Documents retrieved per description, each tried as the command's name. Default 5. */
  top?: number;
  /** Weight of a name's retrieval similarity (0-1) added to a hypothesis's score. Default 2. */
  weight?: number;
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
 * with (0 for a name not retrieved); the best wins. The model still writes the options and
 * arguments: the documents only propose names, which lets it name commands it never saw in training.
 * Returned hypotheses carry that combined score, best first.
 */
export function generateWithDocs(docs: CommandDocs, d: DocsDecodeOptions = {}): GenerateFn {
  const top = d.top ?? 5;
  const weight = d.weight ?? 2;
  return async (model, fields, inputs, o = {}) => {
    const free = await generate(model, fields, inputs, o);
    const hits: DocHit[][] = inputs.map((text, i) => (free[i]![0]!.sourcePieces.length > 0 ? docs.retrieve(text, top) : []));
    const jobs = hits.flatMap((list, input) => list.map((hit) => ({ input, hit, prefix: fields.target.ids(hit.name) })));
    // After the name a new word (or the end) must follow, so `git` is not continued into `gitk`.
    const next = [EOS, ...fields.target.vocab.pieces.flatMap((p, id) => (p.startsWith(WORD_START) ? [id] : []))];
    const constraints = jobs.map((j) => prefixConstraint(j.prefix, EOS, next));
    const forced = jobs.length === 0 ? [] : await generate(model, fields, jobs.map((j) => inputs[j.input]!), { ...o, allowedTokens: (h, job) => constraints[job]!(h) });
    const candidates: Generated[][] = free.map((list, i) => list.map((h) => rescored(h, hits[i]!, weight)));
    forced.forEach((list, k) => candidates[jobs[k]!.input]!.push(...list.map((h) => rescored(h, hits[jobs[k]!.input]!, weight))));
    const nBest = Math.max(1, o.nBest ?? 1);
    return candidates.map((list) => dedupe(list.sort((a, b) => b.score - a.score)).slice(0, nBest));
  };
}

/** h with its score raised by weight x the similarity of the retrieved name it starts with. */
function rescored(h: Generated, hits: readonly DocHit[], weight: number): Generated {
  const bonus = Math.max(0, ...hits.filter((x) => startsWithName(h.text, x.name)).map((x) => x.score));
  return { ...h, score: h.score + weight * bonus };
}

function dedupe(list: Generated[]): Generated[] {
  const seen = new Set<string>();
  return list.filter((h) => !seen.has(h.text) && (seen.add(h.text), true));
}
