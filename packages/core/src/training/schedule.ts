/** How the learning rate changes after the linear warm-up. */
export type DecaySchedule =
  | { kind: 'constant' }
  /** lr * sqrt(warmup / step) after warm-up (Transformer-style). */
  | { kind: 'inverse-sqrt' }
  /** lr * rate^((step - warmup) / steps). */
  | { kind: 'exponential'; rate: number; steps: number };

export interface LearningRateOptions {
  /** Peak learning rate. Default 1e-3. */
  learningRate?: number;
  /** Linear warm-up from lr/warmup to lr over this many updates. Default 0. */
  warmupSteps?: number;
  /** Default constant. */
  decay?: DecaySchedule;
  /** Floor for decaying schedules. Default 0. */
  minLearningRate?: number;
}

/** Learning rate for the update with 0-based index `step`. */
export function learningRateAt(step: number, options: LearningRateOptions = {}): number {
  const lr = options.learningRate ?? 1e-3;
  const warmup = options.warmupSteps ?? 0;
  const k = step + 1;
  if (k <= warmup) return (lr * k) / warmup;
  const decay = options.decay ?? { kind: 'constant' };
  let value: number;
  switch (decay.kind) {
    case 'constant':
      value = lr;
      break;
    case 'inverse-sqrt':
      value = lr * Math.sqrt(Math.max(warmup, 1) / k);
      break;
    case 'exponential':
      value = lr * decay.rate ** ((k - Math.max(warmup, 1)) / decay.steps);
      break;
  }
  return Math.max(value, options.minLearningRate ?? 0);
}

/** Scheduled sampling: probability of feeding the model's own prediction, rising linearly. */
export interface ScheduledSamplingOptions {
  /** Probability reached at the end of the ramp. */
  maxProbability: number;
  /** Updates over which it rises from 0. */
  rampSteps: number;
  /** Update at which the ramp starts. Default 0. */
  startStep?: number;
}

export function samplingProbabilityAt(step: number, options: ScheduledSamplingOptions): number {
  const t = (step - (options.startStep ?? 0)) / Math.max(options.rampSteps, 1);
  return options.maxProbability * Math.min(Math.max(t, 0), 1);
}
