import type { AppSpec } from '@seq2seq/cli';
import { speechCommands } from '@seq2seq/speech2text';

/** Speech recognition: audio-rnn encoder + attentional LSTM decoder; digit strings by default. */
export const transcribeApp: AppSpec = {
  name: 'transcribe',
  description: 'speech recognition (WAV -> text) with a BiLSTM audio encoder and an attentional LSTM decoder',
  commands: speechCommands({ app: 'transcribe' }),
};
