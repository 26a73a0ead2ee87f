// The modality-independent parts of a pipeline (text2text, image2text, speech2text): what their
// train/eval/predict commands share, whatever the encoder reads. The Node entry: browser.ts's
// exports and the parts that need node:fs.
export { backendOptions, startBackend } from './backend.js';
export { bestDirOf, checkTrainOut, runDirOptions } from './run-dir.js';
export { modelDirList, resolveModelDir } from './model-dir.js';
export { loadMembers } from './members.js';
export { checkTrainedBy, taskObject } from './checkpoint-task.js';
export { type AttentionPicture, writeAttentionPng } from './heatmap.js';
export { datasetDir } from './dataset-dir.js';
export { reportTrainRun, resumedTaskObject, type TrainReport } from './train-run.js';
export { type LoopFlagOptions, loopFlags, modelDirOption, outOption } from './flags.js';
export { type DecodeLoopOptions, decodeInBatches } from './decode-loop.js';
