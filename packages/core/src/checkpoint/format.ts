import type { JsonObject, JsonValue } from '../json.js';
import type { FileDigest } from './digest.js';

/** Bumped when the layout of a checkpoint directory changes incompatibly. */
export const CHECKPOINT_FORMAT = 'seq2seq-checkpoint';
export const CHECKPOINT_FORMAT_VERSION = 1;

/** File names inside a checkpoint directory. */
export const FILES = {
  config: 'config.json',
  weights: 'weights.json',
  weightsBin: 'weights.bin',
  optimizer: 'optimizer.json',
  optimizerBin: 'optimizer.bin',
} as const;

/** A registry key plus the JSON that the registry's factory turns back into the component. */
export interface ComponentSpec {
  kind: string;
  config: JsonObject;
}

/** Seq2Seq construction options that are not part of either component. */
export interface ModelSpec {
  /** Whether a width projection sits between encoder and decoder. */
  projectWidth: boolean;
  labelSmoothing: number;
}

/** Where a training run stood when the checkpoint was written; enough to resume it exactly. */
export interface TrainingState {
  /** Optimizer updates done. */
  step: number;
  /** Current epoch (0-based). */
  epoch: number;
  /** Batches of the current epoch already consumed (updated or skipped). */
  batchInEpoch: number;
  /** Base seed: epoch data order and per-step seeds derive from it, so it is the whole rng state. */
  seed: number;
  bestMetric: number | null;
  bestStep: number | null;
  higherIsBetter: boolean | null;
  /** Validations since the best one (early-stopping counter). */
  badValidations: number;
  lastValidationStep: number | null;
  skippedBatches: number;
  /** Set when the run ended for good (e.g. 'early-stopping'), so a resume does not continue it. */
  stopped: string | null;
}

/** Optimizer hyper-parameters and counters; its tensors live in optimizer.json/.bin. */
export interface OptimizerSpec {
  kind: string;
  config: JsonObject;
}

/** The content of config.json. Pure JSON: loading never evaluates anything from a checkpoint. */
export interface CheckpointConfig {
  format: typeof CHECKPOINT_FORMAT;
  formatVersion: number;
  encoder: ComponentSpec;
  decoder: ComponentSpec;
  model: ModelSpec;
  /** Free-form task data from the app: vocabularies, tokeniser settings, preprocessing. */
  task: JsonObject;
  training: TrainingState | null;
  /** Present when optimizer.json/.bin were written. */
  optimizer: OptimizerSpec | null;
  /**
   * Size and SHA-256 of each weights/optimizer file, checked when loading. Absent in checkpoints
   * written before it existed; they load without the check.
   */
  files?: Record<string, FileDigest>;
}

/** Checks a parsed config.json and returns it typed; throws naming the file and the bad field. */
export function validateConfig(value: JsonValue, where: string): CheckpointConfig {
  const fail = (why: string): never => {
    throw new Error(`corrupt checkpoint ${where}: ${why}`);
  };
  if (!isObject(value)) return fail('config.json is not a JSON object');
  if (value.format !== CHECKPOINT_FORMAT) fail(`'format' is ${JSON.stringify(value.format)}, expected '${CHECKPOINT_FORMAT}'`);
  if (value.formatVersion !== CHECKPOINT_FORMAT_VERSION) {
    fail(`unsupported format version ${JSON.stringify(value.formatVersion)} (this build reads version ${CHECKPOINT_FORMAT_VERSION})`);
  }
  for (const key of ['encoder', 'decoder'] as const) {
    const c = value[key];
    if (!isObject(c) || typeof c.kind !== 'string' || !isObject(c.config)) fail(`'${key}' must be {kind: string, config: object}`);
  }
  const model = value.model;
  if (!isObject(model) || typeof model.projectWidth !== 'boolean' || typeof model.labelSmoothing !== 'number') {
    fail("'model' must be {projectWidth: boolean, labelSmoothing: number}");
  }
  if (!isObject(value.task)) fail("'task' must be an object");
  if (value.training !== null && !validTraining(value.training)) fail("'training' is malformed");
  const opt = value.optimizer;
  if (opt !== null && (!isObject(opt) || typeof opt.kind !== 'string' || !isObject(opt.config))) {
    fail("'optimizer' must be null or {kind: string, config: object}");
  }
  const files = value.files;
  if (files !== undefined) {
    if (!isObject(files)) fail("'files' must be an object");
    for (const [name, d] of Object.entries(files as JsonObject)) {
      if (!isObject(d) || !Number.isInteger(d.bytes) || (d.bytes as number) < 0 || typeof d.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(d.sha256)) {
        fail(`'files' entry '${name}' must be {bytes: integer, sha256: 64 hex digits}`);
      }
    }
  }
  return value as unknown as CheckpointConfig;
}

function validTraining(t: JsonValue | undefined): boolean {
  if (!isObject(t)) return false;
  const ints = ['step', 'epoch', 'batchInEpoch', 'seed', 'badValidations', 'skippedBatches'];
  if (!ints.every((k) => Number.isInteger(t[k]))) return false;
  const numOrNull = (v: JsonValue | undefined) => v === null || typeof v === 'number';
  const boolOrNull = (v: JsonValue | undefined) => v === null || typeof v === 'boolean';
  const strOrNull = (v: JsonValue | undefined) => v === null || typeof v === 'string';
  return numOrNull(t.bestMetric) && numOrNull(t.bestStep) && numOrNull(t.lastValidationStep) && boolOrNull(t.higherIsBetter) && strOrNull(t.stopped);
}

export function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
