import { type Command, command } from '@seq2seq/cli';
import { fsddUtterances } from '../data.js';
import { writeManifest } from '../manifest.js';
import { fsddDatasetOption, fsddDir, list } from './data-options.js';

export const makeManifestCommand: Command = command({
  name: 'make-manifest',
  summary: 'generate FSDD digit-string WAVs of chosen speakers and OUT/manifest.tsv (e.g. a held-out speaker)',
  options: {
    ...fsddDatasetOption,
    fsdd: { type: 'string', description: 'FSDD folder (default: the fsdd dataset, see --dataset)' },
    speakers: { type: 'string', description: 'speakers (comma-separated)', required: true },
    out: { type: 'string', description: 'output folder (wav/ and manifest.tsv)', required: true },
    count: { type: 'number', description: 'utterances', default: 200, integer: true, min: 1 },
    seed: { type: 'number', description: 'generator seed', default: 7, integer: true },
  },
  async run(o, _p, ctx) {
    const dir = await fsddDir(o as Record<string, unknown>, ctx.err);
    const utts = await fsddUtterances({ dir, speakers: list(o.speakers), count: Number(o.count), seed: Number(o.seed), idPrefix: `${list(o.speakers).join('-')}-` });
    const file = writeManifest(utts, String(o.out));
    const secs = utts.reduce((n, u) => n + u.samples.length / u.sampleRate, 0);
    ctx.err(`${utts.length} utterances (${(secs / 60).toFixed(1)} min of audio) from ${list(o.speakers).join(', ')}`);
    ctx.out(file);
  },
});
