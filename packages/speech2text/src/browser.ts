// The browser-safe entry of @seq2seq/speech2text (package.json "browser" condition, "./browser"):
// options, the target field, model construction, WAV bytes to features, decoding and checking a
// fetched checkpoint; no commands, manifests, datasets or disk checkpoints (node:fs).
export * from './options.js';
export * from './fields.js';
export * from './model.js';
export * from './generate.js';
export * from './speech-model.js';
export * from './wav-features.js';
export { decodeOptionSpecs as speechDecodeOptionSpecs, defaultSpeechDecodeOptions, readDecodeOptions as readSpeechDecodeOptions, readTtaWarps, type SpeechDecodeDefaults } from './commands/decode-options.js';
