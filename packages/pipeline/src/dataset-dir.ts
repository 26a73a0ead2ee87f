import { resolveDatasetOption, single } from '@seq2seq/datasets';

/**
 * The folder of the one dataset `--dataset` named among `allowed` (found in the data directories or
 * downloaded; see @seq2seq/datasets), or undefined without the flag: for pipelines whose data flags
 * take a folder (`--emoji DIR`, `--fsdd DIR`) and let `--dataset` fill it in.
 */
export async function datasetDir(value: unknown, allowed: readonly string[], log: (line: string) => void): Promise<string | undefined> {
  return single(await resolveDatasetOption(value, allowed, log))?.dir;
}
