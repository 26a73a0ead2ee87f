import type { TrainOptions } from './types.js';

/** The training-loop settings every app exposes on its command line. */
export interface LoopSettings {
  epochs: number;
  /** Wall-clock budget of this run (0 = none). */
  maxMinutes: number;
  learningRate: number;
  warmupSteps: number;
  /** Validate every N updates (0 = at the end of each epoch). */
  validateEvery: number;
  /** Stop after N validations without improvement (0 = never). */
  patience: number;
  seed: number;
  /** Decay of the weight average used for validation and `best/` (0 = off; e.g. 0.999). */
  ema: number;
  /** Updates budget (0 or absent = none): the same model on a slow or a fast machine, unlike minutes. */
  maxSteps?: number;
  /** Log record and non-TTY progress line every N updates (default 20). */
  logEvery?: number;
}

/**
 * The `train()` options that follow from LoopSettings, with the apps' common choices: inverse-sqrt
 * decay after warm-up, gradient clipping at norm 5, a log line every 20 updates.
 */
export function loopOptions(t: LoopSettings): Pick<TrainOptions<unknown>, 'seed' | 'maxEpochs' | 'maxSteps' | 'maxMinutes' | 'learningRate' | 'warmupSteps' | 'decay' | 'clipNorm' | 'logEvery' | 'validateEvery' | 'patience' | 'ema'> {
  return {
    seed: t.seed,
    maxEpochs: t.epochs,
    ...(t.maxMinutes > 0 ? { maxMinutes: t.maxMinutes } : {}),
    ...(t.maxSteps !== undefined && t.maxSteps > 0 ? { maxSteps: t.maxSteps } : {}),
    learningRate: t.learningRate,
    warmupSteps: t.warmupSteps,
    decay: { kind: 'inverse-sqrt' },
    clipNorm: 5,
    logEvery: t.logEvery ?? 20,
    ...(t.validateEvery > 0 ? { validateEvery: t.validateEvery } : {}),
    ...(t.patience > 0 ? { patience: t.patience } : {}),
    ...(t.ema > 0 ? { ema: { decay: t.ema } } : {}),
  };
}
