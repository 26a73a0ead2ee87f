export * from './options.js';
export * from './fields.js';
export * from './model.js';
export * from './batches.js';
export * from './generate.js';
export * from './train.js';
export * from './load.js';
export * from './commands/index.js';
// Moved to @seq2seq/pipeline; re-exported so the text apps and their callers keep one import.
export { backendOptions, bestDirOf, checkTrainOut, loadMembers, modelDirList, resolveModelDir, runDirOptions, startBackend, writeAttentionPng, type AttentionPicture } from '@seq2seq/pipeline';
export * from './text-model.js';
