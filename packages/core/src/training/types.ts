import type { JsonObject } from '../json.js';
import type { TargetBatch } from '../seq2seq.js';
import type { AdamOptions } from './adam.js';
import type { EmaOptions } from './ema.js';
import type { ProgressStream } from './progress.js';
import type { LearningRateOptions, ScheduledSamplingOptions } from './schedule.js';

/** One training batch, made by the app (its tensors are disposed by the trainer via dispose()). */
export interface TrainBatch<Batch> {
  input: Batch;
  target: TargetBatch;
  /** Real (unpadded) target tokens, for tokens/s and loss averaging in logs. */
  numTargetTokens: number;
  dispose(): void;
}

/**
 * An item of an epoch: a batch, or a function making it. Functions are only called for batches that
 * are trained on, so resuming mid-epoch skips the batches already done without building them.
 */
export type BatchSource<Batch> = TrainBatch<Batch> | (() => TrainBatch<Batch>);

/** Passed to trainBatches: the epoch and a seed for its data order (derived from the run's seed). */
export interface EpochContext {
  epoch: number;
  seed: number;
}

export interface ValidationResult {
  metric: number;
  higherIsBetter: boolean;
  details?: JsonObject;
}

/** What the trainer passes to Seq2Seq.loss: DecodeOptions plus the per-step extras. */
export interface TrainDecodeOptions {
  training: true;
  /** Probability of feeding the model's own prediction (scheduled sampling); only when enabled. */
  samplingProbability?: number;
  /** Seed for this step's randomness (dropout, sampling), so a resumed run repeats it exactly. */
  seed: number;
}

export interface StepInfo {
  /** Updates done, including this one. */
  step: number;
  epoch: number;
  /** Batches of this epoch consumed, including this one. */
  batchInEpoch: number;
  loss: number;
  gradNorm: number;
  learningRate: number;
  numTargetTokens: number;
  /** True when the batch was skipped for a non-finite loss or gradient. */
  skipped: boolean;
}

export type StopReason = 'max-steps' | 'max-epochs' | 'max-minutes' | 'interrupted' | 'early-stopping' | 'diverged' | 'already-finished';

export interface TrainResult {
  step: number;
  epoch: number;
  bestMetric: number | null;
  bestStep: number | null;
  skippedBatches: number;
  stopReason: StopReason;
}

export interface TrainOptions<Batch> extends LearningRateOptions {
  /** Checkpoints (`best/`, `last/`) and `train.jsonl` go here. */
  outDir: string;
  /** The batches of one epoch, in an order that depends only on ctx (seeded), for exact resume. */
  trainBatches: (ctx: EpochContext) => Iterable<BatchSource<Batch>>;
  /** App data stored in every checkpoint (vocabularies, tokeniser settings). Default {}. */
  task?: JsonObject;
  /** Base seed for data order and per-step randomness. Default 1. */
  seed?: number;
  /** Budgets; training stops at the first reached. Default: maxEpochs 10 when none is given. */
  maxSteps?: number;
  maxEpochs?: number;
  /** Wall-clock minutes for this invocation. */
  maxMinutes?: number;
  adam?: AdamOptions;
  /** Clip gradients to this global L2 norm; 0 disables. Default 5. */
  clipNorm?: number;
  /**
   * Keep an exponential moving average of the weights; validation and `best/` use it (`last/`
   * keeps the raw weights and the average, for resuming). Off by default.
   */
  ema?: EmaOptions;
  /** Off by default. Needs a decoder that reads `samplingProbability` from its options. */
  scheduledSampling?: ScheduledSamplingOptions;
  /** Computes the task metric on held-out data. */
  validate?: () => Promise<ValidationResult>;
  /** Validate every N updates. Default: at the end of each epoch only. */
  validateEvery?: number;
  /** Validate once more when training stops, if the last update was not validated. Default true. */
  validateAtEnd?: boolean;
  /** Stop after this many validations without improvement. Default: never. */
  patience?: number;
  /** Improvement smaller than this does not count. Default 0. */
  minDelta?: number;
  /**
   * Write `last/` every N updates; also after every validation, at epoch end and when stopping, so
   * a kill loses at most min(N, validation interval) updates. Default 250 (DEFAULT_SAVE_EVERY).
   */
  saveEvery?: number;
  /** Log record and non-TTY progress line every N updates. Default 50. */
  logEvery?: number;
  /** Progress output; default process.stderr; false for none. */
  progress?: ProgressStream | false;
  /** Continue from `outDir/last`; an error when there is none. Default false. */
  resume?: boolean;
  /**
   * Replace a run already in outDir (its best/, last/ and train.jsonl are deleted). Default false:
   * an outDir holding a run needs `resume` or `overwrite`, so no run is replaced by accident.
   */
  overwrite?: boolean;
  /** Stop after this many consecutive bad (non-finite) batches. Default 100. */
  maxConsecutiveBadBatches?: number;
  /** Stop cleanly (save `last/`) on the first SIGINT/SIGTERM. Default true. */
  stopOnSignal?: boolean;
  /** Called after every batch (also skipped ones). May be async. */
  onStep?: (info: StepInfo) => void | Promise<void>;
}
