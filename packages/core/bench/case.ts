/** What one bench case provides; the runner measures it. Add a case = one entry in CASES (cases.ts). */
export interface BenchModel {
  name: string;
  /** target tokens per training step */
  tokensPerStep: number;
  /** floating-point operations per training step (forward + backward, matMuls) */
  flopsPerStep: number;
  trainStep(): Promise<void>;
  /** Greedy-decodes `batch` sentences for `steps` tokens; returns tokens produced. */
  greedy(batch: number, steps: number): Promise<number>;
  /** Beam search with k beams; returns sentences decoded. */
  beam(batch: number, k: number, steps: number): Promise<number>;
  dispose(): void;
}
