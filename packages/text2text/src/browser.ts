// The browser-safe entry of @seq2seq/text2text (package.json "browser" condition, "./browser"):
// fields, model options, batches, decoding and checking a fetched checkpoint; no commands, data
// files, PNG writing or disk checkpoints (those need node:fs).
export * from './options.js';
export * from './fields.js';
export * from './model.js';
export * from './batches.js';
export * from './generate.js';
export * from './text-model.js';
export { decodeOptionSpecs, defaultDecodeOptions, readDecodeOptions } from './commands/decode-options.js';
export type { TextDecodeDefaults } from './commands/preset.js';
