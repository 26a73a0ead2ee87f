// The browser-safe entry of @seq2seq/core: what a web page needs to rebuild, run and fine-tune a
// model, and nothing that imports node:* or the native addon (not even lazily: bundlers resolve
// dynamic imports too). Bundlers pick it through package.json's "browser" condition; Node gets
// index.ts, which re-exports this and adds file IO (checkpoints, run directories, JSONL logs), the
// training loop, Node backend selection (tfjs-node, wasm threads) and the OpenBLAS kernels.
export * from './json.js';
export * from './registry.js';
export * from './registries.js';
export * from './random.js';
export * from './params.js';
export * from './contract.js';
export * from './loss.js';
export * from './seq2seq.js';
export * from './nn/dense.js';
export * from './nn/embedding.js';
export * from './nn/dropout.js';
export * from './nn/lstm.js';
export * from './nn/gru.js';
export * from './nn/rnn.js';
export * from './nn/fused-kernels.js';
export { setXentKernels } from './nn/xent-kernels.js';
export { lstmLayer, tanhViaSigmoid } from './nn/lstm-layer.js';
export * from './training/types.js';
export * from './training/schedule.js';
export * from './training/adam.js';
export * from './training/ema.js';
export * from './training/clip.js';
export * from './training/batches.js';
export * from './training/progress.js';
export * from './training/meter.js';
export * from './training/step.js';
export * from './training/loop-settings.js';
export * from './checkpoint/format.js';
export * from './checkpoint/weights-io.js';
export * from './checkpoint/quantize.js';
export * from './checkpoint/restore.js';
export { type CheckpointFiles, type LoadedCheckpoint, MAX_CHECKPOINT_JSON_BYTES, parseCheckpoint } from './checkpoint/parse.js';
export * from './checkpoint/model-from-checkpoint.js';
export * from './checkpoint/fetch.js';
export type { FileDigest } from './checkpoint/digest.js';
export { installWasmFastPaths, WASM_FAST_PATHS } from './backend/fast-paths.js';
export { decodeUtf8Text } from './utf8.js';
export * from './progress/progress.js';
