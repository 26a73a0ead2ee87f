import { datasetInfo } from './catalog.js';
import { obtainDataset, type ObtainOptions } from './obtain.js';

/** A dataset chosen with `--dataset` and the folder it was found or downloaded in. */
export interface ChosenDataset {
  name: string;
  dir: string;
}

/** The `--dataset` flag of an app whose data options take files (a `@seq2seq/cli` string option). */
export function datasetOptionSpec(names: readonly string[]): { type: 'string'; description: string } {
  return {
    type: 'string',
    description: `dataset by name: ${names.join(' | ')}${names.length > 1 ? ' (several joined by commas)' : ''}; read from $SEQ2SEQ_DATA, else ../shared/data, else ~/.cache/seq2seq/data, and downloaded there (verified) when missing; 'seq2seq datasets' lists them`,
  };
}

/**
 * `--dataset a,b` -> each dataset's folder, downloading what is missing. Names outside `allowed`
 * (the ones this app can read) are a usage mistake, reported with the allowed list.
 */
export async function resolveDatasetOption(value: unknown, allowed: readonly string[], log: (line: string) => void, o: Omit<ObtainOptions, 'log'> = {}): Promise<ChosenDataset[]> {
  if (value === undefined || value === '') return [];
  const names = String(value)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const out: ChosenDataset[] = [];
  for (const name of names) {
    if (!allowed.includes(name)) throw new Error(`--dataset ${name}: this app reads ${allowed.join(', ')}`);
    const dir = await obtainDataset(datasetInfo(name), { ...o, log });
    log(`dataset ${name}: ${dir}`);
    out.push({ name, dir });
  }
  return out;
}

/** The one dataset an app's command takes, or undefined; several are refused. */
export function single(chosen: readonly ChosenDataset[]): ChosenDataset | undefined {
  if (chosen.length > 1) throw new Error(`--dataset: give one dataset here, got ${chosen.map((c) => c.name).join(', ')}`);
  return chosen[0];
}
