import { expect, it } from 'vitest';
import { learningRateAt, samplingProbabilityAt } from './schedule.js';

it('warms up linearly, then decays as configured', () => {
  const base = { learningRate: 1e-3, warmupSteps: 4 };
  expect([0, 1, 2, 3].map((s) => learningRateAt(s, base))).toEqual([2.5e-4, 5e-4, 7.5e-4, 1e-3]);
  expect(learningRateAt(100, base)).toBe(1e-3);
  const inv = { ...base, decay: { kind: 'inverse-sqrt' as const } };
  expect(learningRateAt(15, inv)).toBeCloseTo(1e-3 * Math.sqrt(4 / 16), 12);
  const exp = { ...base, decay: { kind: 'exponential' as const, rate: 0.5, steps: 10 } };
  expect(learningRateAt(13, exp)).toBeCloseTo(5e-4, 12);
  expect(learningRateAt(1e6, { ...exp, minLearningRate: 1e-5 })).toBe(1e-5);
});

it('scheduled sampling probability rises linearly and saturates', () => {
  const o = { maxProbability: 0.4, rampSteps: 10, startStep: 5 };
  expect([0, 5, 10, 15, 100].map((s) => samplingProbabilityAt(s, o))).toEqual([0, 0, 0.2, 0.4, 0.4]);
});
