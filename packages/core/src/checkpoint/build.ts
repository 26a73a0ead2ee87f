import type { CheckpointConfig } from './format.js';
import type { Seq2Seq } from '../seq2seq.js';
import { loadCheckpoint } from './load.js';
import { modelFromCheckpoint } from './model-from-checkpoint.js';

export { buildModel, type ModelConfig, modelFromCheckpoint } from './model-from-checkpoint.js';

/** Loads a checkpoint directory into a freshly built model (no optimizer state). Node (reads files). */
export async function loadModel<Batch = unknown>(dir: string): Promise<{ model: Seq2Seq<Batch>; config: CheckpointConfig }> {
  return modelFromCheckpoint<Batch>(await loadCheckpoint(dir, { optimizer: false }), `checkpoint '${dir}'`);
}
