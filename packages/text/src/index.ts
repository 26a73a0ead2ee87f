import './register.js';

export * from './normalize.js';
export * from './pretokenize.js';
export * from './tokenizer.js';
export * from './char-tokenizer.js';
export * from './word-tokenizer.js';
export * from './bpe-learn.js';
export * from './bpe-tokenizer.js';
export * from './vocabulary.js';
export * from './batch.js';
export * from './copy-ids.js';
export * from './text-field.js';
export * from './text-rnn-config.js';
export * from './text-rnn-encoder.js';
export * from './text-rnn-options.js';
export * from './tfidf.js';
