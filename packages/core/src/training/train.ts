import type { TrainingState } from '../checkpoint/format.js';
import { loadCheckpoint } from '../checkpoint/load.js';
import { restoreInto } from '../checkpoint/restore.js';
import { modelParts, saveCheckpoint } from '../checkpoint/save.js';
import type { Seq2Seq } from '../seq2seq.js';
import { Adam } from './adam.js';
import { EMA_PREFIX, WeightAverage } from './ema.js';
import { JsonlLog } from './jsonl.js';
import { Meter, progressText } from './meter.js';
import { Progress } from './progress.js';
import { openRunDir } from './run-dir.js';
import { learningRateAt, samplingProbabilityAt } from './schedule.js';
import { deriveSeed, trainStep } from './step.js';
import type { StopReason, TrainDecodeOptions, TrainOptions, TrainResult } from './types.js';

const EPOCH_SALT = 1;
const STEP_SALT = 2;

/**
 * Trains any Seq2Seq: Adam with warm-up/decay, global-norm clipping, optional scheduled sampling,
 * periodic validation with early stopping, `best/` and `last/` checkpoints in outDir, a JSONL log
 * and a progress line. With `resume`, continues from `outDir/last` exactly where it was (weights,
 * Adam moments, step, epoch, position in the seeded data order, best metric, patience counter).
 * outDir is locked while training (OUT/train.lock) and repaired first after a crash; a directory
 * that holds a run needs `resume` or `overwrite` (see openRunDir).
 */
export async function train<Batch>(model: Seq2Seq<Batch>, options: TrainOptions<Batch>): Promise<TrainResult> {
  const path = await import('node:path');
  const o = options;
  const noBudget = o.maxSteps === undefined && o.maxEpochs === undefined && o.maxMinutes === undefined;
  const maxEpochs = noBudget ? 10 : o.maxEpochs;
  const clipNorm = o.clipNorm ?? 5;
  const logEvery = o.logEvery ?? 50;
  const saveEvery = o.saveEvery ?? DEFAULT_SAVE_EVERY;
  const lastDir = path.join(o.outDir, 'last');
  const bestDir = path.join(o.outDir, 'best');

  const progress = new Progress(o.progress === false ? undefined : (o.progress ?? process.stderr));
  const lock = await openRunDir(o.outDir, { resume: o.resume ?? false, overwrite: o.overwrite ?? false }, (l) => progress.line(l));
  try {
    return await trainLocked(model, o, { maxEpochs, clipNorm, logEvery, saveEvery, lastDir, bestDir, progress });
  } finally {
    await lock.release();
    progress.end();
  }
}

/** `last/` is written at least this often (and after every validation), so a kill loses little. */
export const DEFAULT_SAVE_EVERY = 250;

interface LoopSetup {
  maxEpochs: number | undefined;
  clipNorm: number;
  logEvery: number;
  saveEvery: number;
  lastDir: string;
  bestDir: string;
  progress: Progress;
}

async function trainLocked<Batch>(model: Seq2Seq<Batch>, o: TrainOptions<Batch>, setup: LoopSetup): Promise<TrainResult> {
  const path = await import('node:path');
  const { maxEpochs, clipNorm, logEvery, saveEvery, lastDir, bestDir, progress } = setup;
  const log = await JsonlLog.open(path.join(o.outDir, 'train.jsonl'));
  const adam = new Adam(model.store, o.adam);
  const ema = o.ema ? new WeightAverage(model.store, o.ema) : undefined;
  let state: TrainingState = {
    step: 0, epoch: 0, batchInEpoch: 0, seed: o.seed ?? 1, bestMetric: null, bestStep: null, higherIsBetter: null,
    badValidations: 0, lastValidationStep: null, skippedBatches: 0, stopped: null,
  };
  // openRunDir made sure that last/ exists when resuming.
  if (o.resume) {
    const restored = await restoreRun(model, adam, ema, lastDir);
    state = await withSavedBest(restored.state, bestDir, (l) => progress.line(l));
    await log.truncateAfter(state.step);
    progress.line(`resumed from ${lastDir} at step ${state.step} (epoch ${state.epoch + 1}, batch ${state.batchInEpoch})`);
    if (ema && !restored.emaLoaded) progress.line('the checkpoint has no weight average: the average starts from the resumed weights');
  }

  const meter = new Meter();
  let batchesPerEpoch: number | undefined;
  let consecutiveBad = 0;
  let stop: StopReason | undefined = state.stopped ? 'already-finished' : undefined;

  const optimizerState = () => {
    const a = adam.state();
    if (!ema) return a;
    return { spec: { ...a.spec, config: { ...a.spec.config, emaDecay: ema.decay } }, tensors: new Map([...a.tensors, ...ema.tensors()]) };
  };
  const save = async (dir: string, withOptimizer: boolean) => {
    await saveCheckpoint(dir, { ...modelParts(model), task: o.task ?? {}, training: { ...state }, ...(withOptimizer ? { optimizer: optimizerState() } : {}) });
  };
  // With a weight average, validation and best/ use the averaged weights (what users get).
  const validate = (): Promise<void> => (ema ? ema.withAveraged(validateNow) : validateNow());
  const validateNow = async (): Promise<void> => {
    if (!o.validate) return;
    const r = await o.validate();
    state.lastValidationStep = state.step;
    const best = state.bestMetric;
    const delta = o.minDelta ?? 0;
    const improved = Number.isFinite(r.metric) && (best === null || (r.higherIsBetter ? r.metric > best + delta : r.metric < best - delta));
    if (improved) {
      state = { ...state, bestMetric: r.metric, bestStep: state.step, higherIsBetter: r.higherIsBetter, badValidations: 0 };
      await save(bestDir, false);
    } else {
      state.badValidations++;
      if (o.patience !== undefined && state.badValidations >= o.patience) stop = 'early-stopping';
    }
    await log.append({ type: 'validation', step: state.step, epoch: state.epoch, metric: r.metric, higherIsBetter: r.higherIsBetter, best: state.bestMetric, improved, badValidations: state.badValidations, details: r.details ?? null, time: new Date().toISOString() });
    progress.line(`validation at step ${state.step}: ${r.metric.toFixed(4)} (best ${state.bestMetric?.toFixed(4) ?? '-'} at step ${state.bestStep ?? '-'})${improved ? ' *' : ''}`);
  };
  const budgetStop = (): StopReason | undefined => {
    if (interrupt.requested) return 'interrupted';
    if (o.maxSteps !== undefined && state.step >= o.maxSteps) return 'max-steps';
    if (o.maxMinutes !== undefined && meter.elapsedMinutes() >= o.maxMinutes) return 'max-minutes';
    return undefined;
  };

  const interrupt = o.stopOnSignal === false ? { requested: false, remove: () => {} } : onInterrupt((msg) => progress.line(msg));
  try {
    while (!stop) {
      if (maxEpochs !== undefined && state.epoch >= maxEpochs) stop = 'max-epochs';
      stop ??= budgetStop();
      if (stop) break;
      const items = o.trainBatches({ epoch: state.epoch, seed: deriveSeed(state.seed, state.epoch, EPOCH_SALT) });
      if (Array.isArray(items)) batchesPerEpoch = items.length;
      let index = 0;
      let completed = true;
      for (const item of items) {
        if (index < state.batchInEpoch) {
          // Trained on before the resume: skip without building the batch.
          if (typeof item !== 'function') item.dispose();
          index++;
          continue;
        }
        stop = budgetStop();
        if (stop) {
          completed = false;
          break;
        }
        const batch = typeof item === 'function' ? item() : item;
        const learningRate = learningRateAt(state.step, o);
        const decode: TrainDecodeOptions = { training: true, seed: deriveSeed(state.seed, state.step, STEP_SALT) };
        if (o.scheduledSampling) decode.samplingProbability = samplingProbabilityAt(state.step, o.scheduledSampling);
        const t0 = Date.now();
        let outcome;
        try {
          outcome = await trainStep(model, adam, batch, { learningRate, clipNorm, decode });
        } finally {
          batch.dispose();
        }
        index++;
        state.batchInEpoch = index;
        if (outcome.applied) {
          state.step++;
          ema?.update(state.step);
          consecutiveBad = 0;
          meter.add(outcome.loss, batch.numTargetTokens, Date.now() - t0);
        } else {
          state.skippedBatches++;
          consecutiveBad++;
          progress.line(`skipped batch ${index} of epoch ${state.epoch + 1}: non-finite loss ${outcome.loss} or gradient norm ${outcome.gradNorm}`);
          if (consecutiveBad >= (o.maxConsecutiveBadBatches ?? 100)) stop = 'diverged';
        }
        await o.onStep?.({ step: state.step, epoch: state.epoch, batchInEpoch: index, loss: outcome.loss, gradNorm: outcome.gradNorm, learningRate, numTargetTokens: batch.numTargetTokens, skipped: !outcome.applied });
        if (!outcome.applied) {
          if (stop) {
            completed = false;
            break;
          }
          continue;
        }
        const iv = meter.interval();
        const etaSec = meter.eta({ ...state, maxSteps: o.maxSteps, maxEpochs, batchesPerEpoch, maxMinutes: o.maxMinutes });
        const text = progressText({ step: state.step, epoch: state.epoch, loss: iv.loss, tokensPerSec: iv.tokensPerSec, learningRate, etaSec, ...(o.maxSteps !== undefined ? { maxSteps: o.maxSteps } : {}) });
        if (state.step % logEvery === 0) {
          await log.append({ type: 'train', step: state.step, epoch: state.epoch, loss: iv.loss, tokensPerSec: iv.tokensPerSec, learningRate, gradNorm: outcome.gradNorm, skippedBatches: state.skippedBatches, elapsedMinutes: meter.elapsedMinutes(), time: new Date().toISOString() });
          progress.line(text);
          meter.reset();
        } else {
          progress.update(text);
        }
        const validated = o.validateEvery !== undefined && state.step % o.validateEvery === 0;
        if (validated) await validate();
        // After each validation too: a kill then loses at most one validation interval.
        if (validated || state.step % saveEvery === 0) await save(lastDir, true);
        if (stop) {
          completed = false;
          break;
        }
      }
      // Pre-built batches that were not reached (generators never build them).
      if (Array.isArray(items)) for (const rest of items.slice(index)) if (typeof rest !== 'function') rest.dispose();
      if (completed && index < state.batchInEpoch) throw new Error(`epoch ${state.epoch} has ${index} batches but the checkpoint had consumed ${state.batchInEpoch}: trainBatches must give the same batches for the same epoch and seed`);
      if (!completed) break;
      batchesPerEpoch = index;
      state.epoch++;
      state.batchInEpoch = 0;
      if (o.validateEvery === undefined && !stop) await validate();
      if (!stop) await save(lastDir, true);
    }
    if (stop !== 'already-finished') {
      if (o.validateAtEnd !== false && o.validate && state.lastValidationStep !== state.step && stop !== 'early-stopping' && stop !== 'diverged' && stop !== 'interrupted') await validate();
      // Permanent stops are recorded so a later resume does not continue; budget stops can resume.
      if (stop === 'early-stopping' || stop === 'diverged') state.stopped = stop;
      await save(lastDir, true);
      await log.append({ type: 'end', step: state.step, epoch: state.epoch, reason: stop ?? 'max-epochs', bestMetric: state.bestMetric, bestStep: state.bestStep, skippedBatches: state.skippedBatches, time: new Date().toISOString() });
      progress.line(`stopped (${stop}) at step ${state.step}; best ${state.bestMetric ?? '-'} at step ${state.bestStep ?? '-'}`);
    }
  } finally {
    interrupt.remove();
    adam.dispose();
    ema?.dispose();
  }
  return { step: state.step, epoch: state.epoch, bestMetric: state.bestMetric, bestStep: state.bestStep, skippedBatches: state.skippedBatches, stopReason: stop ?? 'max-epochs' };
}

/**
 * A kill between writing `best/` and `last/` leaves a `best/` better than the metric recorded in
 * `last/`; resuming with the older metric would let a worse model replace it. So the better of the
 * two is kept (only best/config.json is read).
 */
async function withSavedBest(state: TrainingState, bestDir: string, say: (line: string) => void): Promise<TrainingState> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  let saved: TrainingState | null | undefined;
  try {
    saved = (JSON.parse(await fs.readFile(path.join(bestDir, 'config.json'), 'utf8')) as { training?: TrainingState | null }).training;
  } catch {
    return state;
  }
  const metric = saved?.bestMetric;
  if (!saved || typeof metric !== 'number' || !Number.isFinite(metric) || typeof saved.higherIsBetter !== 'boolean') return state;
  const better = state.bestMetric === null || (saved.higherIsBetter ? metric > state.bestMetric : metric < state.bestMetric);
  if (!better) return state;
  say(`best/ (${metric} at step ${saved.bestStep ?? '-'}) is newer than last/'s record (${state.bestMetric ?? '-'}): later models must beat it`);
  return { ...state, bestMetric: metric, bestStep: saved.bestStep, higherIsBetter: saved.higherIsBetter };
}

/**
 * Loads `last/` into the model, optimizer and weight average and returns the saved training state.
 * A checkpoint without an average (or a run that turned it on later) starts it from the weights.
 */
async function restoreRun<Batch>(model: Seq2Seq<Batch>, adam: Adam, ema: WeightAverage | undefined, dir: string): Promise<{ state: TrainingState; emaLoaded: boolean }> {
  const ckpt = await loadCheckpoint(dir);
  try {
    if (!ckpt.config.training) throw new Error(`cannot resume from '${dir}': it has no training state`);
    if (!ckpt.optimizerState) throw new Error(`cannot resume from '${dir}': it has no optimizer state`);
    restoreInto(model.store, ckpt.weights, `checkpoint '${dir}'`);
    const moments = new Map([...ckpt.optimizerState.tensors].filter(([k]) => !k.startsWith(EMA_PREFIX)));
    const averaged = new Map([...ckpt.optimizerState.tensors].filter(([k]) => k.startsWith(EMA_PREFIX)));
    adam.load({ spec: ckpt.optimizerState.spec, tensors: moments });
    if (ema && averaged.size > 0) ema.load(averaged);
    else ema?.reset();
    return { state: { ...ckpt.config.training }, emaLoaded: ema !== undefined && averaged.size > 0 };
  } finally {
    for (const t of ckpt.weights.values()) t.dispose();
    for (const t of ckpt.optimizerState?.tensors.values() ?? []) t.dispose();
  }
}

/**
 * While training, the first SIGINT/SIGTERM asks for a clean stop after the current batch (`last/` is
 * saved, so `--resume` continues exactly); a second one exits at once.
 */
function onInterrupt(say: (msg: string) => void): { requested: boolean; remove: () => void } {
  const state = { requested: false, remove: () => {} };
  if (typeof process === 'undefined' || typeof process.on !== 'function') return state;
  const handler = (signal: NodeJS.Signals) => {
    if (state.requested) process.exit(130);
    state.requested = true;
    say(`${signal}: stopping after this batch and saving last/ (send again to abort without saving)`);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  state.remove = () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
  return state;
}
