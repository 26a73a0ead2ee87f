import { checkOneOf, type FlagSchema, flagSpecs, type OptionSpecs, readFlags } from '@seq2seq/cli';
import { checkLstmDecoderOptions, lstmDecoderFlags } from '@seq2seq/decoder-lstm';
import { loopFlags } from '@seq2seq/pipeline';
import { checkTextRnnEncoderOptions, textRnnEncoderFlags } from '@seq2seq/text';
import { TEXT_DECODER_KEYS, textModelDefaults, type TextModelOptions, textTrainDefaults, type TextTrainOptions } from '../options.js';

/** CLI flag -> model option: text2text's own flags, then the encoder's and the decoder's, with the app's defaults in the help. */
function modelFlags(d: TextModelOptions): FlagSchema<TextModelOptions> {
  const { 'embedding-dim': embedding, ...decoder } = lstmDecoderFlags(d, TEXT_DECODER_KEYS);
  return {
    tokenizer: { key: 'tokenizer', spec: { type: 'string', description: 'char | word | bpe', default: d.tokenizer } },
    'vocab-size': { key: 'vocabSize', spec: { type: 'number', description: 'BPE pieces per side, or the largest word/char vocabulary (0 = all)', default: d.vocabSize, integer: true, min: 0 } },
    'shared-vocab': { key: 'sharedVocab', spec: { type: 'boolean', description: 'one vocabulary for source and target', default: d.sharedVocab } },
    lowercase: { key: 'lowercase', spec: { type: 'boolean', description: 'lowercase both sides', default: d.lowercase } },
    'min-frequency': { key: 'minFrequency', spec: { type: 'number', description: 'drop rarer word/char pieces', default: d.minFrequency, integer: true, min: 1 } },
    'max-source-length': { key: 'maxSourceLength', spec: { type: 'number', description: 'source tokens kept (longer are truncated)', default: d.maxSourceLength, integer: true, min: 1 } },
    'max-target-length': { key: 'maxTargetLength', spec: { type: 'number', description: 'target tokens kept in training', default: d.maxTargetLength, integer: true, min: 2 } },
    // The text encoder embeds source tokens with the decoder's width (textModelConfig).
    'embedding-dim': { ...embedding!, spec: { ...embedding!.spec, description: 'embedding width (source and target tokens)' } },
    ...textRnnEncoderFlags(d),
    ...decoder,
    'label-smoothing': { key: 'labelSmoothing', spec: { type: 'number', description: 'label smoothing epsilon', default: d.labelSmoothing, min: 0 } },
  };
}

function trainFlags(d: TextTrainOptions): FlagSchema<TextTrainOptions> {
  return {
    'batch-tokens': { key: 'batchTokens', spec: { type: 'number', description: 'padded tokens per batch', default: d.batchTokens, integer: true, min: 1 } },
    'batch-logits': { key: 'batchLogits', spec: { type: 'number', description: 'largest batch x target length x target vocabulary (output-layer memory; halved with --copy; 0 = no limit)', default: d.batchLogits, integer: true, min: 0 } },
    ...loopFlags(d, 'sentences'),
  };
}

export function modelOptionSpecs(d: TextModelOptions, t: TextTrainOptions): OptionSpecs {
  return { ...flagSpecs(modelFlags(d)), ...flagSpecs(trainFlags(t)) };
}

/** Reads the parsed flags back into option objects; each component checks its own. */
export function readModelOptions(parsed: Record<string, unknown>, d: TextModelOptions, t: TextTrainOptions): { model: TextModelOptions; training: TextTrainOptions } {
  const model = readFlags(modelFlags(d), parsed, d);
  checkOneOf('tokenizer', model.tokenizer, ['char', 'word', 'bpe']);
  checkTextRnnEncoderOptions(model);
  checkLstmDecoderOptions(model);
  return { model, training: readFlags(trainFlags(t), parsed, t) };
}

export { textModelDefaults, textTrainDefaults };
