import { type Command, command } from '@seq2seq/cli';
import { TextField } from '@seq2seq/text';
import { backendOptions, checkTrainOut, outOption, reportTrainRun, resumedTaskObject, runDirOptions, startBackend } from '@seq2seq/pipeline';
import { featurizeGenerated, fsddUtterances, loadManifestData, usableUtterances } from '../data.js';
import { type SpeechModelOptions, speechModelDefaults, type SpeechTrainOptions, speechTrainDefaults } from '../options.js';
import { type SpeechUtterance, trainSpeechModel } from '../train.js';
import { fsddDir, list, numberList, trainDataOptions, vtlpRange } from './data-options.js';

const vtlpField = (r: [number, number] | undefined) => (r ? { vtlp: r } : {});
import { speechOptionSpecs, readSpeechOptions } from './model-options.js';

export interface SpeechAppDefaults {
  app: string;
  model?: Partial<SpeechModelOptions>;
  training?: Partial<SpeechTrainOptions>;
}

export function trainCommand(p: SpeechAppDefaults): Command {
  const md = { ...speechModelDefaults, ...p.model };
  const td = { ...speechTrainDefaults, ...p.training };
  return command({
    name: 'train',
    summary: 'train a speech recogniser on generated FSDD digit strings or manifests; writes OUT/best, OUT/last and OUT/train.jsonl',
    options: {
      out: outOption,
      ...runDirOptions,
      ...trainDataOptions,
      ...speechOptionSpecs(md, td),
      ...backendOptions,
    },
    async run(o, _p, ctx) {
      const opts = o as Record<string, unknown>;
      const { out, resume, overwrite } = await checkTrainOut({ out: String(o.out), resume: o.resume, overwrite: o.overwrite }, ctx.err);
      await startBackend(o, ctx.err);
      const { model, training } = readSpeechOptions(opts, md, td);
      const { train, valid } = await loadTrainData(opts, model, ctx.err);
      ctx.err(`data: ${train.length} training, ${valid.length} validation utterances`);
      let target: TextField | undefined;
      if (resume) {
        target = TextField.fromJSON(await resumedTaskObject(out, 'target', 'speech-to-text'));
      }
      const result = await trainSpeechModel({ outDir: out, train, valid, model, training, task: { app: p.app }, resume, overwrite, log: ctx.err, ...(target ? { target } : {}) });
      reportTrainRun(ctx, out, result, { metric: 'validation WER', digits: 2, unit: '%', metricKey: 'bestWer' });
    },
  });
}

async function loadTrainData(o: Record<string, unknown>, model: SpeechModelOptions, log: (l: string) => void): Promise<{ train: SpeechUtterance[]; valid: SpeechUtterance[] }> {
  const fileOpts = { features: model.features, maxDurationSec: Number(o['max-seconds']), ...(o['feature-cache'] ? { cacheDir: String(o['feature-cache']) } : {}) };
  const fromManifest = async (file: string, what: string): Promise<SpeechUtterance[]> => {
    const d = await loadManifestData(file, fileOpts);
    if (d.skipped.length > 0) log(`${what}: skipped ${d.skipped.length} of ${d.rows.length}; first: ${d.skipped.slice(0, 3).join(' | ')}`);
    return usableUtterances(d);
  };
  if (o.train) {
    const train = await fromManifest(String(o.train), 'train');
    const valid = o.valid ? await fromManifest(String(o.valid), 'valid') : [];
    return { train, valid };
  }
  const dir = await fsddDir(o, log);
  const seed = Number(o['data-seed']);
  const started = Date.now();
  const trainUtts = await fsddUtterances({ dir, speakers: list(o['train-speakers']), count: Number(o['train-count']), seed, speeds: numberList(o.speeds, 'speeds'), gainDb: [-6, 6], ...vtlpField(vtlpRange(o.vtlp)), idPrefix: 'train' });
  const validUtts = Number(o['valid-count']) > 0 ? await fsddUtterances({ dir, speakers: list(o['valid-speakers']), count: Number(o['valid-count']), seed: seed + 1_000_003, idPrefix: 'valid' }) : [];
  const train = featurizeGenerated(trainUtts, model.features);
  const valid = o.valid ? await fromManifest(String(o.valid), 'valid') : featurizeGenerated(validUtts, model.features);
  log(`generated ${trainUtts.length} training (${list(o['train-speakers']).join(',')}) and ${validUtts.length} validation (${list(o['valid-speakers']).join(',')}) digit strings with features in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { train, valid };
}
