import { formatDuration } from './progress.js';

/** Running statistics between log records, and an ETA from the budgets. */
export class Meter {
  private lossSum = 0;
  private tokens = 0;
  private steps = 0;
  private stepMs = 0;
  private readonly startMs = Date.now();
  private stepsThisRun = 0;

  add(loss: number, tokens: number, ms: number): void {
    this.lossSum += loss * tokens;
    this.tokens += tokens;
    this.steps++;
    this.stepMs += ms;
    this.stepsThisRun++;
  }

  /** Token-weighted mean loss and tokens/s since the last reset. */
  interval(): { loss: number; tokensPerSec: number; steps: number } {
    return {
      loss: this.tokens > 0 ? this.lossSum / this.tokens : NaN,
      tokensPerSec: this.stepMs > 0 ? (this.tokens * 1000) / this.stepMs : 0,
      steps: this.steps,
    };
  }

  reset(): void {
    this.lossSum = 0;
    this.tokens = 0;
    this.steps = 0;
    this.stepMs = 0;
  }

  elapsedMinutes(): number {
    return (Date.now() - this.startMs) / 60_000;
  }

  /** Seconds left: the soonest of the step, epoch and time budgets (epochs only once their size is known). */
  eta(b: { step: number; maxSteps?: number; epoch: number; batchInEpoch: number; maxEpochs?: number; batchesPerEpoch?: number; maxMinutes?: number }): number {
    if (this.stepsThisRun === 0) return NaN;
    const secPerStep = (Date.now() - this.startMs) / 1000 / this.stepsThisRun;
    const candidates: number[] = [];
    if (b.maxSteps !== undefined) candidates.push((b.maxSteps - b.step) * secPerStep);
    if (b.maxEpochs !== undefined && b.batchesPerEpoch !== undefined) {
      candidates.push(((b.maxEpochs - b.epoch) * b.batchesPerEpoch - b.batchInEpoch) * secPerStep);
    }
    if (b.maxMinutes !== undefined) candidates.push((b.maxMinutes - this.elapsedMinutes()) * 60);
    return candidates.length ? Math.max(0, Math.min(...candidates)) : NaN;
  }
}

/** The progress line; with an updates budget it starts with a bar, e.g. `[#####.....] 20/40`. */
export function progressText(p: { step: number; epoch: number; loss: number; tokensPerSec: number; learningRate: number; etaSec: number; maxSteps?: number }): string {
  const tps = p.tokensPerSec >= 1000 ? `${(p.tokensPerSec / 1000).toFixed(1)}k` : p.tokensPerSec.toFixed(0);
  const eta = Number.isFinite(p.etaSec) ? ` | ETA ${formatDuration(p.etaSec)}` : '';
  const bar = p.maxSteps ? `${progressBar(p.step / p.maxSteps)} ${p.step}/${p.maxSteps} | ` : '';
  return `${bar}step ${p.step} ep ${p.epoch + 1} | loss ${p.loss.toFixed(4)} | ${tps} tok/s | lr ${p.learningRate.toExponential(2)}${eta}`;
}

/** `[#####.....]` for a fraction in [0, 1]. */
export function progressBar(fraction: number, width = 20): string {
  const n = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'#'.repeat(n)}${'.'.repeat(width - n)}]`;
}
