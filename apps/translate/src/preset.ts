import type { OptionSpecs } from '@seq2seq/cli';
import { corpusBleu, corpusChrf } from '@seq2seq/metrics';
import { single } from '@seq2seq/datasets';
import type { TextPreset } from '@seq2seq/text2text';
import { totalSkipped } from '@seq2seq/datasets';
import { DEMO_TRAIN, DEMO_VALID, loadPairs } from './data.js';

const corpusOptions = {
  source: { type: 'string', description: 'line-aligned source file (plain or .gz)' },
  target: { type: 'string', description: 'line-aligned target file (plain or .gz)' },
  multi30k: { type: 'string', description: 'Multi30k raw folder (train/val/test_2016_flickr .gz files)' },
  src: { type: 'string', description: 'Multi30k source language', default: 'en' },
  tgt: { type: 'string', description: 'Multi30k target language', default: 'de' },
} as const satisfies OptionSpecs;

type Opts = Record<string, unknown>;
const str = (o: Opts, k: string): string | undefined => (o[k] === undefined ? undefined : String(o[k]));

/** Translation: sacreBLEU-compatible BLEU (13a, cased, detokenised) and chrF. */
export const translatePreset: TextPreset = {
  app: 'translate',
  description: 'machine translation with an RNN encoder and an attentional LSTM decoder',
  // Input feeding off: it forces a per-step decoder loop that trains ~2x slower on wasm/cpu.
  modelDefaults: { vocabSize: 4000, inputFeeding: false },
  datasets: ['multi30k'],
  trainDataOptions: {
    train: { type: 'string', description: `training pairs TSV (default: the bundled demo corpus)` },
    valid: { type: 'string', description: 'validation pairs TSV (default: the bundled demo set)' },
    'valid-source': { type: 'string', description: 'line-aligned validation source file' },
    'valid-target': { type: 'string', description: 'line-aligned validation target file' },
    ...corpusOptions,
  },
  loadTrain(o, log, datasets) {
    // --dataset multi30k is --multi30k with the folder found (or downloaded) for the user.
    const m30k = single(datasets)?.dir ?? str(o, 'multi30k');
    const useDemo = !o.train && !o.source && !m30k;
    const train = loadPairs({ data: useDemo ? DEMO_TRAIN : str(o, 'train'), source: str(o, 'source'), target: str(o, 'target'), multi30k: m30k, split: 'train', src: String(o.src), tgt: String(o.tgt) }, log, 'train');
    const valid = o['valid-source']
      ? loadPairs({ source: str(o, 'valid-source'), target: str(o, 'valid-target'), split: '', src: '', tgt: '' }, log, 'valid')
      : loadPairs({ data: o.valid ? str(o, 'valid') : m30k ? undefined : DEMO_VALID, multi30k: m30k, split: 'val', src: String(o.src), tgt: String(o.tgt) }, log, 'valid');
    return { train: train.pairs, valid: valid.pairs };
  },
  evalDataOptions: {
    data: { type: 'string', description: 'pairs TSV to score' },
    split: { type: 'string', description: 'Multi30k split with --multi30k or --dataset multi30k: train | val | test_2016_flickr', default: 'test_2016_flickr' },
    ...corpusOptions,
  },
  loadEval(o, log, datasets) {
    const { pairs, skipped } = loadPairs({ data: str(o, 'data'), source: str(o, 'source'), target: str(o, 'target'), multi30k: single(datasets)?.dir ?? str(o, 'multi30k'), split: String(o.split), src: String(o.src), tgt: String(o.tgt) }, log, 'eval');
    return { sources: pairs.map((p) => p.source), references: pairs.map((p) => [p.target]), skipped: totalSkipped(skipped) };
  },
  selection: { name: 'BLEU', higherIsBetter: true, compute: (hyps, refs) => corpusBleu(hyps, [refs]).score },
  evalMetrics(hyps, set) {
    const streams = transpose(set.references);
    return { bleu: round(corpusBleu(hyps, streams).score), chrf: round(corpusChrf(hyps, streams).score) };
  },
};

/** references[i][k] -> streams[k][i] (null where example i has fewer references). */
function transpose(refs: string[][]): (string | null)[][] {
  const k = Math.max(...refs.map((r) => r.length));
  return Array.from({ length: k }, (_, j) => refs.map((r) => r[j] ?? null));
}

const round = (x: number): number => Math.round(x * 100) / 100;
