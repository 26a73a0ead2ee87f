import type { AppSpec } from '@seq2seq/cli';
import { speechCommands } from '@seq2seq/speech2text';
import { transcribeDecodeDefaults } from './decode-defaults.js';
import { transcribeExamples } from './examples.js';

export { transcribeDecodeDefaults } from './decode-defaults.js';

/**
 * Speech recognition: audio-rnn encoder + attentional LSTM decoder; digit strings by default.
 * Defaults: 4,000-frame batches (more updates per epoch) and a 12-epoch curriculum of 1-3 word
 * utterances, without which attention did not lock onto 1-7 digit strings in 2,100 updates.
 */
export const transcribeApp: AppSpec = {
  name: 'transcribe',
  examples: transcribeExamples,
  description: 'speech recognition (WAV -> text) with a BiLSTM audio encoder and an attentional LSTM decoder',
  commands: speechCommands({
    app: 'transcribe',
    training: { batchFrames: 4000, curriculumEpochs: 12, curriculumMaxWords: 3, ema: 0.999 },
    // Averaging over 7 VTLP warps took dev WER (unseen speaker) from 5.22% to 4.45% (README); kept as
    // the default for eval and predict (--tta-vtlp 1 turns it off, 7x faster).
    decode: transcribeDecodeDefaults,
  }),
};
