import { describe, expect, it } from 'vitest';
import { checkTrainedBy, loopFlags, modelDirList, reportTrainRun, resolveModelDir, taskObject } from './index.js';

describe('pipeline helpers', () => {
  it('resolves a training OUT dir to best/, then last/', () => {
    const has = (files: string[]) => (p: string) => files.includes(p);
    expect(resolveModelDir('m', has(['m/config.json', 'm/best/config.json']))).toBe('m');
    expect(resolveModelDir('out', has(['out/best/config.json']))).toBe('out/best');
    expect(resolveModelDir('out', has(['out/last/config.json']))).toBe('out/last');
    expect(modelDirList(' a , out ,', has(['out/best/config.json']))).toEqual(['a', 'out/best']);
    expect(() => modelDirList('', has([]))).toThrow(/--model needs a checkpoint directory/);
  });

  it('checks the app that trained a checkpoint and the task object it stored', () => {
    expect(() => checkTrainedBy("checkpoint 'd'", { app: 'summarize' }, 'translate')).toThrow("checkpoint 'd' was trained by 'summarize', not 'translate'");
    expect(() => checkTrainedBy("checkpoint 'd'", {}, 'translate')).not.toThrow();
    expect(taskObject("checkpoint 'd'", { fields: { shared: {} } }, 'fields', 'text-to-text')).toEqual({ shared: {} });
    expect(() => taskObject("checkpoint 'd'", { field: [] }, 'field', 'captioning')).toThrow("checkpoint 'd': task.field is missing; not a captioning checkpoint");
  });

  it('writes the loop flags once, naming what is validated', () => {
    const d = { epochs: 3, maxMinutes: 0, learningRate: 0.001, warmupSteps: 10, ema: 0, validateEvery: 0, validateSize: 50, patience: 2, seed: 1 };
    const flags = loopFlags(d, 'images');
    expect(flags['validate-size']!.spec.description).toContain('validation images');
    expect(flags.lr!.key).toBe('learningRate');
    expect(Object.keys(flags)).toEqual(['epochs', 'max-minutes', 'lr', 'warmup', 'ema', 'validate-every', 'validate-size', 'patience', 'seed']);
  });

  it('reports the end of a training run alike for every pipeline', () => {
    const lines: { out: string[]; err: string[] } = { out: [], err: [] };
    const ctx = { out: (l: string) => lines.out.push(l), err: (l: string) => lines.err.push(l) };
    reportTrainRun(ctx, '/nonexistent-out', { stopReason: 'patience', step: 90, epoch: 3, bestMetric: 4.2, bestStep: 60 }, { metric: 'validation WER', digits: 2, unit: '%', metricKey: 'bestWer' });
    expect(lines.err).toEqual(['stopped (patience) after 90 updates, 3 epochs; best validation WER 4.20% at update 60']);
    expect(JSON.parse(lines.out[0]!)).toEqual({ out: '/nonexistent-out', best: null, bestWer: 4.2, steps: 90, stopReason: 'patience' });
  });
});
