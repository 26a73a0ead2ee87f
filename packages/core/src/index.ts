// The Node entry of @seq2seq/core: everything browser.ts has, plus file IO, the training loop,
// backend selection and the native addon's kernels.
export * from './browser.js';
export * from './training/index.js';
export * from './checkpoint/index.js';
export * from './backend/index.js';
