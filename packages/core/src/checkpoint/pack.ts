import type * as tf from '@tensorflow/tfjs';
import { encodeTensorGroup } from './weights-io.js';
import { FILES, type CheckpointConfig } from './format.js';
import { loadCheckpoint } from './load.js';
import { writeCheckpointFiles } from './save.js';
import type { WeightsDtype } from './quantize.js';

/**
 * Writes an inference-only copy of a checkpoint: the same config (training state and optimizer
 * dropped) and weights stored as `dtype`. This is how shipped models are made small; they load
 * through `loadModel` like any checkpoint.
 */
export async function packCheckpoint(src: string, out: string, dtype: WeightsDtype): Promise<{ config: CheckpointConfig; bytes: number; parameters: number }> {
  const { config, weights } = await loadCheckpoint(src, { optimizer: false });
  try {
    const { files: _old, ...rest } = config;
    const packed: CheckpointConfig = { ...rest, training: null, optimizer: null };
    const encoded = await encodeTensorGroup(weights as Map<string, tf.Tensor>, FILES.weightsBin, dtype);
    await writeCheckpointFiles(out, packed, { [FILES.weightsBin]: new Uint8Array(encoded.data), [FILES.weights]: new TextEncoder().encode(JSON.stringify(encoded.manifest)) });
    const parameters = [...weights.values()].reduce((n, t) => n + t.size, 0);
    return { config: packed, bytes: encoded.data.byteLength, parameters };
  } finally {
    for (const t of weights.values()) t.dispose();
  }
}
