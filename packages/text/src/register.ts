import { encoders } from '@seq2seq/core';
import { BpeTokenizer } from './bpe-tokenizer.js';
import { CharTokenizer } from './char-tokenizer.js';
import { parseTextRnnConfig } from './text-rnn-config.js';
import { TextRnnEncoder } from './text-rnn-encoder.js';
import { tokenizers } from './tokenizer.js';
import { WordTokenizer } from './word-tokenizer.js';

// Registered on import: the encoder kind and the tokenizer kinds become loadable by name. Guarded,
// so a second evaluation of this module (two import paths in a test runner) does not throw.
if (!tokenizers.has('char')) tokenizers.register('char', (json) => CharTokenizer.fromJSON(json));
if (!tokenizers.has('word')) tokenizers.register('word', (json) => WordTokenizer.fromJSON(json));
if (!tokenizers.has('bpe')) tokenizers.register('bpe', (json) => BpeTokenizer.fromJSON(json));
if (!encoders.has('text-rnn')) encoders.register('text-rnn', (config, store) => new TextRnnEncoder(parseTextRnnConfig(config), store));
