import { existsSync, readFileSync } from 'node:fs';
import { checkText, type Command, command, SkippedInputs, type TextLine, textLines } from '@seq2seq/cli';
import { generate } from '../generate.js';
import { backendOptions, modelDirOption, resolveModelDir, startBackend, writeAttentionPng } from '@seq2seq/pipeline';
import { loadTextModel } from '../load.js';
import { decodeOptionSpecs, readDecodeOptions } from './decode-options.js';
import type { TextPreset } from './preset.js';
import { modelOrShipped } from '@seq2seq/models';

export function predictCommand(preset: TextPreset): Command {
  return command({
    name: 'predict',
    summary: 'print the best output (or n-best) for each input given as arguments, or one per line on stdin',
    positionals: '[TEXT ...]',
    options: {
      model: modelDirOption(),
      ...decodeOptionSpecs(preset.decodeDefaults),
      ...preset.decodeExtension?.options,
      nbest: { type: 'number', description: 'outputs per input', default: 1, integer: true, min: 1 },
      json: { type: 'boolean', description: 'one JSON object per input: {input, outputs: [{text, score}]}' },
      temperature: { type: 'number', description: 'sample with this temperature instead of beam search (0 = off)', default: 0, min: 0 },
      'top-k': { type: 'number', description: 'sampling: keep the k most likely tokens (0 = off)', default: 0, integer: true, min: 0 },
      'top-p': { type: 'number', description: 'sampling: nucleus probability (1 = off)', default: 1, min: 0 },
      seed: { type: 'number', description: 'sampling seed', default: 0, integer: true },
      'attention-png': { type: 'string', description: 'write the attention matrix of the first input as a PNG heat map' },
      ...backendOptions,
    },
    async run(o, positionals, ctx) {
      const lines = positionals.length > 0 ? positionals.map(checkText) : textLines(readFileSync(0));
      const what = positionals.length > 0 ? 'argument' : 'stdin line';
      const bad = reportBadLines(lines, what, ctx.err);
      // Blank (and skipped) lines are kept and answered with a blank line, so `predict < in > out`
      // stays line-aligned.
      const inputs = lines.filter((l) => !l.bad && l.text.trim() !== '').map((l) => l.text);
      if (inputs.length === 0) throw new Error(bad > 0 ? `no usable input: all ${bad} non-blank ${what}s were skipped (binary data or not UTF-8?)` : 'no input: give texts as arguments or on stdin');
      const decode = preset.decodeExtension?.create(o as Record<string, unknown>, ctx.err) ?? generate;
      await startBackend(o, ctx.err);
      const loaded = await loadTextModel(resolveModelDir(modelOrShipped(o.model, preset.app, ctx.err), existsSync), preset.app);
      try {
        const nBest = Number(o.nbest);
        let truncated = 0;
        const beam = Math.max(Number((o as Record<string, unknown>).beam), nBest);
        const outs = await decode(loaded.model, loaded.fields, inputs, {
          ...readDecodeOptions(o as Record<string, unknown>),
          beam,
          nBest,
          temperature: Number(o.temperature),
          topK: Number(o['top-k']),
          topP: Number(o['top-p']),
          seed: Number(o.seed),
          returnAttention: Boolean(o['attention-png']),
          maxSourceLength: loaded.options.maxSourceLength,
          onTruncated: () => truncated++,
        });
        reportTruncated(truncated, inputs.length, loaded.options.maxSourceLength, ctx.err);
        let next = 0;
        lines.forEach((line, i) => {
          const list = line.bad || line.text.trim() === '' ? [] : outs[next++]!;
          if (o.json) ctx.out(JSON.stringify(line.bad ? { input: null, error: `${what} ${i + 1}: ${line.bad}`, outputs: [] } : { input: line.text, outputs: list.map((h) => ({ text: h.text, score: h.score })) }));
          else if (nBest > 1) list.forEach((h) => ctx.out(`${i}\t${h.score.toFixed(4)}\t${h.text}`));
          else ctx.out(list[0]?.text ?? '');
        });
        const first = outs[0]?.[0];
        if (o['attention-png'] && first?.attention) {
          writeAttentionPng(String(o['attention-png']), { attention: first.attention, targetPieces: first.targetPieces, sourcePieces: first.sourcePieces });
          ctx.err(`attention (${first.attention.length} output steps x ${first.sourcePieces.length} source tokens, labelled) written to ${o['attention-png']}`);
        }
      } finally {
        loaded.model.store.dispose();
      }
      if (bad > 0) throw new SkippedInputs(bad, lines.length, `${what}s`);
    },
  });
}

/** Names each skipped line on stderr (the first 10, then a count); returns how many there are. */
export function reportBadLines(lines: readonly TextLine[], what: string, err: (line: string) => void): number {
  let bad = 0;
  lines.forEach((l, i) => {
    if (!l.bad) return;
    if (++bad <= 10) err(`skipped ${what} ${i + 1}: ${l.bad}`);
  });
  if (bad > 10) err(`... and ${bad - 10} more ${what}s skipped`);
  return bad;
}

/** Over-long inputs are cut to the model's source length; say so rather than decode them silently. */
export function reportTruncated(truncated: number, total: number, max: number, err: (line: string) => void): void {
  if (truncated > 0) err(`${truncated} of ${total} inputs were longer than the model's ${max} source tokens: only their first ${max} were read`);
}

/** Lines of stdin text; the newline that ends the last line does not start another. */
export function stdinLines(text: string): string[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
