import type { CheckpointConfig } from './format.js';
import type { LoadedCheckpoint } from './parse.js';
import { ParamStore, type ShapeGuard } from '../params.js';
import { decoders, encoders } from '../registries.js';
import { Seq2Seq } from '../seq2seq.js';
import { restoreInto } from './restore.js';

// Apart from build.ts's loadModel (which reads a directory with node:fs) so that browser bundles
// can rebuild a model from checkpoint files they fetched.

/** The parts of a checkpoint config needed to rebuild a model. */
export type ModelConfig = Pick<CheckpointConfig, 'encoder' | 'decoder'> & Partial<Pick<CheckpointConfig, 'model'>>;

/**
 * Rebuilds encoder and decoder from their registry kinds and configs into a fresh ParamStore (the
 * encoder in scope 'encoder', the decoder in scope 'decoder') and composes them. Weights are freshly
 * initialised from `seed` (default 1234); use `restoreInto` or `loadModel` for trained ones. The
 * packages providing the kinds must have been imported (they register on import). With `guard`,
 * every variable is checked against the checkpoint's shapes before it is allocated.
 */
export function buildModel<Batch = unknown>(config: ModelConfig, options: { seed?: number; guard?: ShapeGuard } = {}): Seq2Seq<Batch> {
  const encoderFactory = encoders.get(config.encoder.kind);
  const decoderFactory = decoders.get(config.decoder.kind);
  const store = ParamStore.create(options.seed ?? 1234, options.guard);
  try {
    const encoder = encoderFactory(config.encoder.config, store.scope('encoder'));
    // A decoder config without inputDim reads the encoder's width, so no pipeline computes it by hand.
    const decoderConfig = config.decoder.config.inputDim === undefined ? { ...config.decoder.config, inputDim: encoder.outputDim } : config.decoder.config;
    const decoder = decoderFactory(decoderConfig, store.scope('decoder'));
    const model = config.model ?? { projectWidth: false, labelSmoothing: 0.1 };
    return new Seq2Seq<Batch>({ encoder: encoder as Seq2Seq<Batch>['encoder'], decoder, store, ...model });
  } catch (e) {
    store.dispose();
    throw e;
  }
}

/**
 * A model rebuilt from parsed checkpoint files (however they were read) with their weights; the
 * checkpoint's tensors are disposed either way. `where` names the checkpoint in errors.
 */
export async function modelFromCheckpoint<Batch = unknown>(loaded: LoadedCheckpoint, where: string): Promise<{ model: Seq2Seq<Batch>; config: CheckpointConfig }> {
  const { config, weights } = loaded;
  try {
    const shapes = new Map([...weights].map(([name, t]) => [name, t.shape]));
    const model = buildModel<Batch>(config, { guard: { shapes, where } });
    try {
      restoreInto(model.store, weights, where);
      await model.encoder.load?.();
    } catch (e) {
      model.store.dispose();
      throw e;
    }
    return { model, config };
  } finally {
    for (const t of weights.values()) t.dispose();
  }
}
