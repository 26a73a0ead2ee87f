import { type Command, command } from '@seq2seq/cli';
import { formatBytes } from '@seq2seq/core';
import { DATASETS, dataDirs, datasetInfo, type DatasetInfo, findDataset, obtainDataset } from '@seq2seq/datasets';

/** Where a dataset is now, in words: its folder, or why it is missing and what fetching it takes. */
function whereIs(d: DatasetInfo): { dir?: string; status: string } {
  if (d.obtain.kind === 'bundled') {
    const dir = d.obtain.locate();
    return dir ? { dir, status: `bundled: ${dir}` } : { status: `MISSING (${d.obtain.how})` };
  }
  const dir = findDataset(d);
  if (dir) return { dir, status: dir };
  return { status: d.obtain.kind === 'download' ? 'missing: downloaded on first use (or --get)' : 'missing: not downloadable; see --get for how to make it' };
}

/** `seq2seq datasets`: every dataset `--dataset` knows, where it is, its size, licence and source. */
export const datasetsCommand: Command = command({
  name: 'datasets',
  summary: 'list the datasets that --dataset knows: where each is (or that it is missing), size, licence, source; --get downloads one',
  options: {
    get: { type: 'string', description: 'download (and verify) this dataset now, or say how to get it' },
    json: { type: 'boolean', description: 'one JSON object per dataset' },
  },
  async run(o, _p, ctx) {
    if (o.get) {
      ctx.out(await obtainDataset(datasetInfo(String(o.get)), { log: ctx.err }));
      return;
    }
    const dirs = dataDirs();
    if (!o.json) ctx.out(`data directories searched: ${dirs.search.join(', ')}; downloads go to ${dirs.downloadTo} (set SEQ2SEQ_DATA to choose)`);
    for (const d of DATASETS) {
      const w = whereIs(d);
      if (o.json) {
        ctx.out(JSON.stringify({ name: d.name, dir: w.dir ?? null, status: w.status, approxBytes: d.approxBytes, licence: d.licence, source: d.source, apps: d.apps, obtain: d.obtain.kind }));
        continue;
      }
      ctx.out(`${d.name} (${d.apps.join(', ')}): ${d.title}`);
      ctx.out(`  where: ${w.status}`);
      ctx.out(`  size ~${formatBytes(d.approxBytes)}; licence ${d.licence}`);
      ctx.out(`  source: ${d.source}`);
    }
  },
});
