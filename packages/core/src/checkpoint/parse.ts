import type * as tf from '@tensorflow/tfjs';
import type { JsonValue } from '../json.js';
import { type CheckpointConfig, FILES, type OptimizerSpec, validateConfig } from './format.js';
import { decodeTensorGroup } from './weights-io.js';

// Parsing is kept apart from reading (load.ts, Node file IO; fetch.ts, HTTP) so that browser
// bundles get the same validation without node:fs.

export interface LoadedCheckpoint {
  config: CheckpointConfig;
  /** Model variables by full name; the caller owns (and disposes) them. */
  weights: Map<string, tf.Tensor>;
  /** Present when the checkpoint has optimizer state and it was asked for. */
  optimizerState?: { spec: OptimizerSpec; tensors: Map<string, tf.Tensor> };
}

/** The raw files of a checkpoint, however they were fetched (fs, fetch, IndexedDB). */
export interface CheckpointFiles {
  config: string;
  weights: string;
  weightsBin: ArrayBuffer;
  optimizer?: string;
  optimizerBin?: ArrayBuffer;
}

/**
 * Parses and validates checkpoint files. Pure JSON and binary: nothing from the checkpoint is ever
 * executed. `where` names the checkpoint in error messages.
 */
export function parseCheckpoint(files: CheckpointFiles, where: string, options: { optimizer?: boolean } = {}): LoadedCheckpoint {
  const config = validateConfig(parseCheckpointJson(files.config, FILES.config, where), where);
  const weights = decodeTensorGroup(parseCheckpointJson(files.weights, FILES.weights, where), files.weightsBin, FILES.weightsBin, where);
  if (!config.optimizer || options.optimizer === false) return { config, weights };
  try {
    if (files.optimizer === undefined || files.optimizerBin === undefined) {
      throw new Error(`corrupt checkpoint ${where}: config.json names optimizer state but ${FILES.optimizer} or ${FILES.optimizerBin} is missing`);
    }
    const tensors = decodeTensorGroup(parseCheckpointJson(files.optimizer, FILES.optimizer, where), files.optimizerBin, FILES.optimizerBin, where);
    return { config, weights, optimizerState: { spec: config.optimizer, tensors } };
  } catch (e) {
    for (const t of weights.values()) t.dispose();
    throw e;
  }
}

/** JSON files of a checkpoint larger than this are refused unread (vocabularies take a few MB). */
export const MAX_CHECKPOINT_JSON_BYTES = 256 * 2 ** 20;

export function parseCheckpointJson(text: string, file: string, where: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (e) {
    throw new Error(`corrupt checkpoint ${where}: ${file} is not valid JSON (${(e as Error).message})`);
  }
}

