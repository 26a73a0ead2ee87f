import type { OptionSpecs } from '@seq2seq/cli';
import { readFileSync } from 'node:fs';
import type { CaptionGenerateOptions } from '../generate.js';

export function captionDecodeSpecs(defaultBeam: number) {
  return {
    beam: { type: 'number', description: 'beam size (1 = greedy)', default: defaultBeam, integer: true, min: 1 },
    'length-penalty': { type: 'number', description: 'GNMT length penalty alpha', default: 0.6, min: 0 },
    'max-length': { type: 'number', description: 'most words per caption', default: 30, integer: true, min: 1 },
    'batch-size': { type: 'number', description: 'images decoded together', integer: true, min: 1 },
    'cache-dir': { type: 'string', description: 'MobileNet feature cache (default: $SEQ2SEQ_FEATURE_CACHE, else ~/.cache/seq2seq/image-features; oldest entries pruned past $SEQ2SEQ_FEATURE_CACHE_MB, default 8000)' },
    'closed-set': { type: 'string', description: "only produce captions listed in this file (one per line, or a TSV's last column; e.g. the training captions)" },
  } as const satisfies OptionSpecs;
}

export function readCaptionDecode(o: Record<string, unknown>): CaptionGenerateOptions {
  return {
    beam: Number(o.beam),
    lengthPenalty: Number(o['length-penalty']),
    maxLength: Number(o['max-length']),
    ...(o['batch-size'] !== undefined ? { batchSize: Number(o['batch-size']) } : {}),
    ...(o['closed-set'] !== undefined ? { closedSet: readClosedSet(String(o['closed-set'])) } : {}),
  };
}

/** Captions of a closed-set file: one per line, or the text after the last tab (captions TSVs); an `image<TAB>caption` header is skipped. */
export function readClosedSet(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read closed-set file '${path}': ${(e as Error).message}`);
  }
  const out: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const caption = line.slice(line.lastIndexOf('\t') + 1).trim();
    if (caption === '' || (i === 0 && /^image\tcaption$/i.test(line.trim()))) return;
    out.push(caption);
  });
  if (out.length === 0) throw new Error(`closed-set file '${path}' lists no captions`);
  return out;
}
