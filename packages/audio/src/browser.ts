// The browser-safe entry of @seq2seq/audio (package.json "browser" condition, "./browser"): WAV
// bytes to features and the audio encoder, without file reading or the feature cache (node:fs).
import './register.js';

export * from './errors.js';
export * from './wav-decode.js';
export * from './wav-encode.js';
export * from './resample.js';
export * from './frames.js';
export * from './feature-config.js';
export * from './features.js';
export * from './features-of-audio.js';
export * from './vtlp.js';
export * from './deltas.js';
export * from './normalize.js';
export * from './specaugment.js';
export * from './batch.js';
export * from './subsample.js';
export * from './encoder-config.js';
export * from './encoder.js';
export * from './encoder-options.js';
