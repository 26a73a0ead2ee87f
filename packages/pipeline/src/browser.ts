// The browser-safe entry of @seq2seq/pipeline (package.json "browser" condition, "./browser"): the
// parts the browser entries of text2text and speech2text use (decode loop, checkpoint task checks,
// flags), without backend start, run directories, heat-map files or datasets (node:fs).
export { modelDirList, resolveModelDir } from './model-dir.js';
export { loadMembers } from './members.js';
export { checkTrainedBy, taskObject } from './checkpoint-task.js';
export { type LoopFlagOptions, loopFlags, modelDirOption, outOption } from './flags.js';
export { type DecodeLoopOptions, decodeInBatches } from './decode-loop.js';
