import { HttpError } from './task.js';

export interface BatcherOptions {
  /** Most inputs decoded in one call; 1 turns batching off. */
  maxBatch: number;
  /** How long the oldest queued request may wait for others to join its batch. */
  maxWaitMs: number;
  /** Most requests waiting; more are refused with 503. */
  maxQueue: number;
}

export interface BatchStats {
  requests: number;
  inputs: number;
  batches: number;
  largestBatch: number;
  /** Requests refused because the queue was full, or answered 503 after the time limit. */
  rejected: number;
  timedOut: number;
  /** Batches by size (inputs), e.g. {"1": 12, "8": 40}. */
  batchSizes: Record<string, number>;
}

interface Job<I, C, R> {
  inputs: readonly I[];
  choice: C;
  /** Jobs with equal keys decode with the same settings and may share a batch. */
  key: string;
  enqueuedAt: number;
  state: 'queued' | 'running' | 'abandoned';
  resolve: (v: { results: R[]; batch: number }) => void;
  reject: (e: unknown) => void;
}

/**
 * Micro-batching: requests that arrive while a batch decodes, or within `maxWaitMs` of the oldest
 * waiting one, are decoded together in one call of `run`, which is where a batched model is faster
 * than one input at a time. One batch runs at a time: decoding keeps the backend busy anyway, and
 * the requests that queue meanwhile form the next batch.
 */
export class MicroBatcher<I, C, R> {
  private readonly queue: Job<I, C, R>[] = [];
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private idleWaiters: (() => void)[] = [];
  readonly stats: BatchStats = { requests: 0, inputs: 0, batches: 0, largestBatch: 0, rejected: 0, timedOut: 0, batchSizes: {} };

  constructor(
    private readonly run: (inputs: readonly I[], choice: C) => Promise<R[]>,
    private readonly o: BatcherOptions,
  ) {}

  get queued(): number {
    return this.queue.length;
  }

  /**
   * Queues one request's inputs; resolves with their results and the size of the batch they were
   * decoded in. Rejects with 503 when the queue is full or `timeoutMs` passes first (the request is
   * dropped from the queue; one already decoding finishes, its result unused).
   */
  submit(inputs: readonly I[], choice: C, key: string, timeoutMs: number): Promise<{ results: R[]; batch: number }> {
    if (this.queue.length >= this.o.maxQueue) {
      this.stats.rejected++;
      return Promise.reject(new HttpError(503, `the queue is full (${this.o.maxQueue} requests waiting); retry later`));
    }
    this.stats.requests++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (job.state === 'queued') this.queue.splice(this.queue.indexOf(job), 1);
        job.state = 'abandoned';
        this.stats.timedOut++;
        reject(new HttpError(503, `not decoded within ${timeoutMs} ms (the server is busy); retry later`));
      }, timeoutMs);
      const job: Job<I, C, R> = {
        inputs,
        choice,
        key,
        enqueuedAt: Date.now(),
        state: 'queued',
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.queue.push(job);
      this.pump();
    });
  }

  /** Whether a batch is decoding now. */
  get decoding(): boolean {
    return this.running;
  }

  /** Resolves once nothing is queued or decoding (graceful shutdown waits for this). */
  idle(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private pump(): void {
    if (this.running) return;
    const head = this.queue[0];
    if (!head) {
      this.idleWaiters.splice(0).forEach((r) => r());
      return;
    }
    const ready = this.o.maxBatch <= 1 || this.queuedInputs(head.key) >= this.o.maxBatch || Date.now() - head.enqueuedAt >= this.o.maxWaitMs;
    if (!ready) {
      // Wake up when the oldest request has waited long enough; a new request re-checks sooner.
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, this.o.maxWaitMs - (Date.now() - head.enqueuedAt));
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    void this.runBatch(this.take(head.key));
  }

  private queuedInputs(key: string): number {
    return this.queue.reduce((n, j) => n + (j.key === key ? j.inputs.length : 0), 0);
  }

  /** The oldest request and, in arrival order, others with its key while the batch has room. */
  private take(key: string): Job<I, C, R>[] {
    const jobs: Job<I, C, R>[] = [];
    let size = 0;
    for (let i = 0; i < this.queue.length; ) {
      const j = this.queue[i]!;
      if (j.key === key && (jobs.length === 0 || size + j.inputs.length <= this.o.maxBatch)) {
        jobs.push(j);
        size += j.inputs.length;
        this.queue.splice(i, 1);
        j.state = 'running';
      } else i++;
      if (size >= this.o.maxBatch) break;
    }
    return jobs;
  }

  private async runBatch(jobs: Job<I, C, R>[]): Promise<void> {
    this.running = true;
    const inputs = jobs.flatMap((j) => j.inputs);
    this.stats.batches++;
    this.stats.inputs += inputs.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, inputs.length);
    this.stats.batchSizes[inputs.length] = (this.stats.batchSizes[inputs.length] ?? 0) + 1;
    try {
      const results = await this.run(inputs, jobs[0]!.choice);
      let at = 0;
      for (const j of jobs) {
        j.resolve({ results: results.slice(at, at + j.inputs.length), batch: inputs.length });
        at += j.inputs.length;
      }
    } catch (e) {
      for (const j of jobs) j.reject(e);
    } finally {
      this.running = false;
      // Let the event loop accept the requests that arrived meanwhile, then form the next batch.
      setImmediate(() => this.pump());
    }
  }
}
