import { encoders } from '@seq2seq/core';
import { audioRnnEncoderConfig } from './encoder-config.js';
import { AudioRnnEncoder } from './encoder.js';

// Registered on import so checkpoints naming 'audio-rnn' can be rebuilt. Guarded, so a second
// evaluation of this module (two import paths in a test runner) does not throw.
if (!encoders.has('audio-rnn')) encoders.register('audio-rnn', (config, store) => new AudioRnnEncoder(audioRnnEncoderConfig(config), store));
