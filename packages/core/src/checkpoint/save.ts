import type * as tf from '@tensorflow/tfjs';
import type { JsonObject } from '../json.js';
import type { ParamStore } from '../params.js';
import type { Seq2Seq } from '../seq2seq.js';
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_FORMAT_VERSION,
  type CheckpointConfig,
  type ComponentSpec,
  FILES,
  type ModelSpec,
  type OptimizerSpec,
  type TrainingState,
} from './format.js';
import { encodeTensorGroup } from './weights-io.js';
import type { WeightsDtype } from './quantize.js';
import { atomicWriteDir } from './atomic.js';
import { digestFiles } from './digest.js';

/** Something with a registry kind and a config: an Encoder, a Decoder, or a plain ComponentSpec. */
export type ComponentLike = ComponentSpec | { kind: string; config(): JsonObject };

export interface SaveCheckpointInput {
  /** All variables of the model; saved under their full names. */
  store: ParamStore;
  encoder: ComponentLike;
  decoder: ComponentLike;
  /** Default {projectWidth: false, labelSmoothing: 0.1} (Seq2Seq's defaults); `saveModel` fills it in. */
  model?: ModelSpec;
  /** App data needed to use the model again (vocabularies, tokeniser settings). Default {}. */
  task?: JsonObject;
  training?: TrainingState;
  /** Optimizer hyper-parameters and its state tensors (e.g. Adam moments), for an exact resume. */
  optimizer?: { spec: OptimizerSpec; tensors: Map<string, tf.Tensor> };
  /** How float32 model weights are stored (default float32; float16/uint8 for shipped models). */
  weightsDtype?: WeightsDtype;
}

/**
 * Writes a checkpoint directory atomically: everything goes to a temporary sibling directory, which
 * then replaces `dir` by rename, so a crash mid-save leaves the previous checkpoint intact.
 */
export async function saveCheckpoint(dir: string, input: SaveCheckpointInput): Promise<CheckpointConfig> {
  const config: CheckpointConfig = {
    format: CHECKPOINT_FORMAT,
    formatVersion: CHECKPOINT_FORMAT_VERSION,
    encoder: toSpec(input.encoder),
    decoder: toSpec(input.decoder),
    model: input.model ?? { projectWidth: false, labelSmoothing: 0.1 },
    task: input.task ?? {},
    training: input.training ?? null,
    optimizer: input.optimizer?.spec ?? null,
  };
  const weights = await encodeTensorGroup(new Map<string, tf.Tensor>(input.store.entries()), FILES.weightsBin, input.weightsDtype);
  const opt = input.optimizer ? await encodeTensorGroup(input.optimizer.tensors, FILES.optimizerBin) : undefined;
  const files: Record<string, Uint8Array> = {
    [FILES.weightsBin]: new Uint8Array(weights.data),
    [FILES.weights]: utf8(JSON.stringify(weights.manifest)),
    ...(opt ? { [FILES.optimizerBin]: new Uint8Array(opt.data), [FILES.optimizer]: utf8(JSON.stringify(opt.manifest)) } : {}),
  };
  await writeCheckpointFiles(dir, config, files);
  return config;
}

/** Saves a Seq2Seq: its store, both components and its own options. */
export async function saveModel<B>(dir: string, model: Seq2Seq<B>, extra: Omit<SaveCheckpointInput, 'store' | 'encoder' | 'decoder' | 'model'> = {}): Promise<CheckpointConfig> {
  return saveCheckpoint(dir, { ...extra, ...modelParts(model) });
}

/** What a checkpoint needs from a Seq2Seq. */
export function modelParts<B>(model: Seq2Seq<B>): Pick<Required<SaveCheckpointInput>, 'store' | 'encoder' | 'decoder' | 'model'> {
  return {
    store: model.store,
    encoder: model.encoder,
    decoder: model.decoder,
    // Seq2Seq inserts a projection exactly when the widths differ (otherwise its constructor threw).
    model: { projectWidth: model.encoder.outputDim !== model.decoder.inputDim, labelSmoothing: model.labelSmoothing },
  };
}

/**
 * Writes the files and then config.json (with their sizes and SHA-256 in `files`) atomically.
 * config.json goes last: its presence in a finished directory marks a complete checkpoint.
 */
export async function writeCheckpointFiles(dir: string, config: CheckpointConfig, files: Record<string, Uint8Array>): Promise<void> {
  config.files = await digestFiles(files);
  await atomicWriteDir(dir, async (write) => {
    for (const [name, data] of Object.entries(files)) await write(name, data);
    await write(FILES.config, JSON.stringify(config, null, 2));
  });
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function toSpec(c: ComponentLike): ComponentSpec {
  const config = typeof c.config === 'function' ? c.config() : c.config;
  return { kind: c.kind, config };
}
