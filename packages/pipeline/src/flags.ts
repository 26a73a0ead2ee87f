import type { FlagSchema, OptionSpec } from '@seq2seq/cli';
import type { LoopSettings } from '@seq2seq/core';

/** What every pipeline's training loop takes from the command line: core's LoopSettings and how much validation data selects the best checkpoint. */
export interface LoopFlagOptions extends LoopSettings {
  /** Validation examples decoded greedily for model selection (0 = all). */
  validateSize: number;
}

/**
 * The training-loop flags of every train command, written once. `examples` names what is validated
 * in the help ('sentences', 'images', 'utterances').
 */
export function loopFlags<T extends LoopFlagOptions>(d: T, examples: string): FlagSchema<T> {
  return {
    epochs: { key: 'epochs', spec: { type: 'number', description: 'most epochs', default: d.epochs, integer: true, min: 1 } },
    'max-minutes': { key: 'maxMinutes', spec: { type: 'number', description: 'wall-clock budget for this run (0 = none)', default: d.maxMinutes, min: 0 } },
    lr: { key: 'learningRate', spec: { type: 'number', description: 'peak Adam learning rate (inverse-sqrt decay after warm-up)', default: d.learningRate, min: 0 } },
    warmup: { key: 'warmupSteps', spec: { type: 'number', description: 'linear warm-up updates', default: d.warmupSteps, integer: true, min: 0 } },
    ema: { key: 'ema', spec: { type: 'number', description: 'decay of the weight average used for validation and best/ (0 = off, e.g. 0.999)', default: d.ema, min: 0 } },
    'validate-every': { key: 'validateEvery', spec: { type: 'number', description: 'validate every N updates (0 = each epoch)', default: d.validateEvery, integer: true, min: 0 } },
    'validate-size': { key: 'validateSize', spec: { type: 'number', description: `validation ${examples} decoded for model selection (0 = all)`, default: d.validateSize, integer: true, min: 0 } },
    patience: { key: 'patience', spec: { type: 'number', description: 'stop after N validations without improvement (0 = never)', default: d.patience, integer: true, min: 0 } },
    seed: { key: 'seed', spec: { type: 'number', description: 'random seed (model, data order, augmentation)', default: d.seed, integer: true } },
  };
}

/** `--model` of eval and predict; `ensemble`: several checkpoints may be given (joined by commas). */
export function modelDirOption(o: { ensemble?: boolean } = {}): OptionSpec {
  const several = o.ensemble ? '; several separated by commas decode as an ensemble' : '';
  return { type: 'string', description: `checkpoint directory (default: the shipped model in models/) (or a training OUT dir: uses OUT/best)${several}` };
}

/** `--out` of train. */
export const outOption = { type: 'string', description: 'output directory', required: true } as const satisfies OptionSpec;
