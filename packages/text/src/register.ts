import { encoders } from '@seq2seq/core';
import { BpeTokenizer } from './bpe-tokenizer.js';
import { CharTokenizer } from './char-tokenizer.js';
import { parseTextRnnConfig } from './text-rnn-config.js';
import { TextRnnEncoder } from './text-rnn-encoder.js';
import { tokenizers } from './tokenizer.js';
import { WordTokenizer } from './word-tokenizer.js';

// Runs once on import of the package: the encoder kind and the tokenizer kinds become loadable by name.
tokenizers.register('char', (json) => CharTokenizer.fromJSON(json));
tokenizers.register('word', (json) => WordTokenizer.fromJSON(json));
tokenizers.register('bpe', (json) => BpeTokenizer.fromJSON(json));
encoders.register('text-rnn', (config, store) => new TextRnnEncoder(parseTextRnnConfig(config), store));
