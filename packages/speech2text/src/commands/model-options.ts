import { checkOneOf, type FlagSchema, flagSpecs, type OptionSpecs, readFlags } from '@seq2seq/cli';
import { audioRnnEncoderFlags, checkAudioRnnEncoderOptions } from '@seq2seq/audio';
import { checkLstmDecoderOptions, lstmDecoderFlags } from '@seq2seq/decoder-lstm';
import { loopFlags } from '@seq2seq/pipeline';
import { SPEECH_DECODER_KEYS, speechFeatureDefaults, type SpeechModelOptions, type SpeechTrainOptions } from '../options.js';

/** CLI flag -> model option: speech2text's output unit, the encoder's flags, then the decoder's, with the app's defaults in the help. */
function modelFlags(d: SpeechModelOptions): FlagSchema<SpeechModelOptions> {
  return {
    output: { key: 'output', spec: { type: 'string', description: 'output units: word | char', default: d.output } },
    ...audioRnnEncoderFlags(d),
    ...lstmDecoderFlags(d, SPEECH_DECODER_KEYS),
    'label-smoothing': { key: 'labelSmoothing', spec: { type: 'number', description: 'label smoothing epsilon', default: d.labelSmoothing, min: 0 } },
  };
}

function trainFlags(d: SpeechTrainOptions): FlagSchema<SpeechTrainOptions> {
  return {
    'batch-frames': { key: 'batchFrames', spec: { type: 'number', description: 'padded feature frames per batch', default: d.batchFrames, integer: true, min: 1 } },
    ...loopFlags(d, 'utterances'),
    'spec-augment': { key: 'specAugment', spec: { type: 'boolean', description: 'SpecAugment masks on training features', default: d.specAugment } },
    'curriculum-epochs': { key: 'curriculumEpochs', spec: { type: 'number', description: 'first epochs train only on short targets (helps attention lock on)', default: d.curriculumEpochs, integer: true, min: 0 } },
    'curriculum-max-words': { key: 'curriculumMaxWords', spec: { type: 'number', description: 'most words of a curriculum example', default: d.curriculumMaxWords, integer: true, min: 1 } },
  };
}

export function speechOptionSpecs(d: SpeechModelOptions, t: SpeechTrainOptions): OptionSpecs {
  const out: OptionSpecs = {
    features: { type: 'string', description: 'front end: mfcc | logmel', default: String(speechFeatureDefaults.kind) },
    'sample-rate': { type: 'number', description: 'audio is resampled to this rate before features', default: Number(speechFeatureDefaults.sampleRate), min: 1000 },
    'mel-bands': { type: 'number', description: 'mel filters', default: Number(speechFeatureDefaults.melBands), integer: true, min: 1 },
  };
  return { ...out, ...flagSpecs(modelFlags(d)), ...flagSpecs(trainFlags(t)) };
}

/** Parsed flags -> option objects; each component checks its own. */
export function readSpeechOptions(parsed: Record<string, unknown>, d: SpeechModelOptions, t: SpeechTrainOptions): { model: SpeechModelOptions; training: SpeechTrainOptions } {
  const m = readFlags(modelFlags(d), parsed, d);
  checkOneOf('output', m.output, ['word', 'char']);
  checkAudioRnnEncoderOptions(m);
  checkLstmDecoderOptions(m);
  const kind = String(parsed.features ?? speechFeatureDefaults.kind);
  checkOneOf('features', kind, ['mfcc', 'logmel']);
  m.features = { ...d.features, kind: kind as 'mfcc' | 'logmel', ...(parsed['sample-rate'] !== undefined ? { sampleRate: Number(parsed['sample-rate']) } : {}), ...(parsed['mel-bands'] !== undefined ? { melBands: Number(parsed['mel-bands']) } : {}) };
  return { model: m, training: readFlags(trainFlags(t), parsed, t) };
}
