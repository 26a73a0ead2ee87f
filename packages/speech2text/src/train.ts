import { featureConfig, type FeatureMatrix } from '@seq2seq/audio';
import { type JsonObject, loopOptions, train, type TrainResult, type ValidationResult } from '@seq2seq/core';
import { withoutLstmDecoderOptions } from '@seq2seq/decoder-lstm';
import { wer } from '@seq2seq/metrics';
import type { TextField } from '@seq2seq/text';
import { speechEpochBatches, type SpeechExample } from './batches.js';
import { buildTargetField } from './fields.js';
import { transcribeFeatures } from './generate.js';
import { createSpeechModel } from './model.js';
import type { SpeechModelOptions, SpeechTrainOptions } from './options.js';

/** Features of one utterance and its transcript. */
export interface SpeechUtterance {
  features: FeatureMatrix;
  text: string;
}

export interface TrainSpeechOptions {
  outDir: string;
  train: readonly SpeechUtterance[];
  valid: readonly SpeechUtterance[];
  model: SpeechModelOptions;
  training: SpeechTrainOptions;
  /** App name and anything else the app wants in the checkpoint. */
  task: JsonObject;
  resume?: boolean;
  /** Replace a run already in outDir (see core TrainOptions.overwrite). */
  overwrite?: boolean;
  /** The target field of the checkpoint being resumed (else learnt from `train`). */
  target?: TextField;
  log?: (line: string) => void;
}

/** Learns the target vocabulary, builds the model and runs core's training loop (model selection on greedy WER). */
export async function trainSpeechModel(o: TrainSpeechOptions): Promise<TrainResult & { target: TextField }> {
  const log = o.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  if (o.train.length === 0) throw new Error('no training utterances');
  const target = o.target ?? buildTargetField(o.train.map((u) => u.text), o.model.output);
  log(`target vocabulary: ${target.vocab.size} ${o.model.output} pieces (with specials)`);
  const examples: SpeechExample[] = o.train.map((u) => ({ features: u.features, target: target.ids(u.text), words: u.text.split(/\s+/).filter(Boolean).length }));
  const model = createSpeechModel(target.vocab.size, o.model, o.training.seed);
  log(`model: ${model.store.numParams().toLocaleString('en')} parameters`);
  const fc = featureConfig(o.model.features);
  const blockDim = fc.kind === 'mfcc' ? fc.numCoefficients : fc.melBands;
  const valid = o.training.validateSize > 0 ? o.valid.slice(0, o.training.validateSize) : o.valid;
  const validate = async (): Promise<ValidationResult> => {
    const outs = await transcribeFeatures(model, target, valid.map((u) => u.features), { beam: 1, factor: o.model.factor });
    const hyps = outs.map((n) => n[0]!.text);
    const value = 100 * wer(valid.map((u) => u.text), hyps);
    return { metric: value, higherIsBetter: false, details: { metric: 'WER', n: valid.length, example: hyps[0] ?? '', reference: valid[0]?.text ?? '' } };
  };
  try {
    const t = o.training;
    const result = await train(model, {
      outDir: o.outDir,
      trainBatches: (ctx) =>
        speechEpochBatches(examples, ctx, { batchFrames: t.batchFrames, padToMultiple: o.model.factor, specAugment: t.specAugment ? { blockDim } : false, curriculum: { epochs: t.curriculumEpochs, maxWords: t.curriculumMaxWords } }),
      // The decoder's options are in its own config (loadSpeechModel reads them there).
      task: { ...o.task, target: target.toJSON(), options: withoutLstmDecoderOptions(o.model) as unknown as JsonObject },
      ...loopOptions(t),
      ...(valid.length > 0 ? { validate } : {}),
      resume: o.resume ?? false,
      overwrite: o.overwrite ?? false,
    });
    return { ...result, target };
  } finally {
    model.store.dispose();
  }
}
