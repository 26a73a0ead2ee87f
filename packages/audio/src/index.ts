// The Node entry of @seq2seq/audio: browser.ts plus reading WAV files and the feature cache.
export * from './browser.js';
export * from './wav.js';
export * from './load.js';
export * from './cache.js';
