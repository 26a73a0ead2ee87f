import type { OptionSpecs } from '@seq2seq/cli';
import { datasetInfo, datasetOptionSpec, obtainDataset } from '@seq2seq/datasets';
import { datasetDir } from '@seq2seq/pipeline';
import { FSDD_TRAIN_SPEAKERS, FSDD_VALID_SPEAKERS } from '../fsdd.js';

/**
 * The FSDD folder: `--fsdd DIR`, else the dataset found by name in the data directories
 * (SEQ2SEQ_DATA, ../shared/data, the user cache), downloaded there when missing.
 */
export async function fsddDir(o: Record<string, unknown>, log: (l: string) => void): Promise<string> {
  if (o.fsdd) return String(o.fsdd);
  return (await datasetDir(o.dataset, ['fsdd'], log)) ?? obtainDataset(datasetInfo('fsdd'), { log });
}

export const fsddDatasetOption = { dataset: datasetOptionSpec(['fsdd']) } as const satisfies OptionSpecs;

export const fileOptions = {
  'feature-cache': { type: 'string', description: 'cache features of audio files here (keyed by path, mtime, size, front end)' },
  'max-seconds': { type: 'number', description: 'reject audio files longer than this', default: 60, min: 0 },
} as const satisfies OptionSpecs;

export const trainDataOptions = {
  ...fsddDatasetOption,
  fsdd: { type: 'string', description: 'FSDD folder to generate digit strings from (default without --train: the fsdd dataset, see --dataset)' },
  'train-speakers': { type: 'string', description: 'FSDD speakers for training (comma-separated)', default: FSDD_TRAIN_SPEAKERS.join(',') },
  'valid-speakers': { type: 'string', description: 'FSDD speakers for validation (unseen in training)', default: FSDD_VALID_SPEAKERS.join(',') },
  'train-count': { type: 'number', description: 'generated training utterances', default: 3000, integer: true, min: 1 },
  'valid-count': { type: 'number', description: 'generated validation utterances', default: 300, integer: true, min: 0 },
  'data-seed': { type: 'number', description: 'seed of the utterance generator', default: 1, integer: true },
  speeds: { type: 'string', description: 'speed perturbation factors for training utterances', default: '0.9,1,1.1' },
  vtlp: { type: 'string', description: "vocal tract length perturbation of generated training utterances: warp range 'LO,HI' (e.g. 0.9,1.1; empty = off)", default: '' },
  train: { type: 'string', description: 'training manifest TSV (path<TAB>text) instead of --fsdd' },
  valid: { type: 'string', description: 'validation manifest TSV' },
  ...fileOptions,
} as const satisfies OptionSpecs;

export const list = (v: unknown): string[] =>
  String(v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

export function numberList(v: unknown, flag: string): number[] {
  const xs = list(v).map(Number);
  if (xs.length === 0 || xs.some((x) => !(x > 0))) throw new Error(`--${flag} must be positive numbers separated by commas, got '${String(v)}'`);
  return xs;
}

/** `--vtlp LO,HI` -> the range, or undefined when empty. */
export function vtlpRange(v: unknown): [number, number] | undefined {
  if (list(v).length === 0) return undefined;
  const xs = numberList(v, 'vtlp');
  const [lo, hi] = xs;
  if (xs.length !== 2 || lo === undefined || hi === undefined || !(lo > 0 && lo <= hi && hi < 2)) throw new Error(`--vtlp must be 'LO,HI' with 0 < LO <= HI < 2, got '${String(v)}'`);
  return [lo, hi];
}

