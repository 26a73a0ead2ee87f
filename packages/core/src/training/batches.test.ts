import { expect, it } from 'vitest';
import { bucketBatches } from './batches.js';

const examples = Array.from({ length: 50 }, (_, i) => ({ id: i, len: 1 + ((i * 7) % 13) }));
const lengthOf = (e: { len: number }) => e.len;

it('covers every example once, in batches of similar length', () => {
  const batches = bucketBatches(examples, { batchSize: 8, lengthOf, seed: 3 });
  expect(batches.flat().map((e) => e.id).sort((a, b) => a - b)).toEqual(examples.map((e) => e.id));
  expect(batches.filter((b) => b.length !== 8).length).toBe(1);
  // Sorted within the pool: each batch spans a narrow range of lengths.
  for (const b of batches) expect(Math.max(...b.map(lengthOf)) - Math.min(...b.map(lengthOf))).toBeLessThanOrEqual(3);
});

it('is deterministic per seed and differs across seeds', () => {
  const ids = (seed: number) => bucketBatches(examples, { batchSize: 8, lengthOf, seed }).map((b) => b.map((e) => e.id));
  expect(ids(3)).toEqual(ids(3));
  expect(ids(3)).not.toEqual(ids(4));
  // Without a seed: plain length order.
  const plain = bucketBatches(examples, { batchSize: 8, lengthOf }).flat().map(lengthOf);
  expect(plain).toEqual([...plain].sort((a, b) => a - b));
});

it('token budget counts padding; an over-long example gets its own batch', () => {
  const xs = [...examples, { id: 99, len: 40 }];
  const batches = bucketBatches(xs, { batchSize: 30, unit: 'tokens', lengthOf, seed: 1 });
  for (const b of batches) {
    const cost = b.length * Math.max(...b.map(lengthOf));
    expect(cost <= 30 || b.length === 1).toBe(true);
  }
  expect(batches.find((b) => b.some((e) => e.id === 99))).toHaveLength(1);
  expect(batches.flat()).toHaveLength(xs.length);
});

it('a secondary budget also bounds each batch (count x longest second length)', () => {
  // Second length anti-correlated with the first, so the two budgets bind on different batches.
  const xs = examples.map((e) => ({ ...e, out: 14 - e.len }));
  const second = (e: { out: number }) => e.out;
  const plain = bucketBatches(xs, { batchSize: 40, unit: 'tokens', lengthOf, seed: 2 });
  const capped = bucketBatches(xs, { batchSize: 40, unit: 'tokens', lengthOf, seed: 2, secondary: { lengthOf: second, maxTokens: 30 } });
  for (const b of capped) {
    expect(b.length * Math.max(...b.map(lengthOf)) <= 40 || b.length === 1).toBe(true);
    expect(b.length * Math.max(...b.map(second)) <= 30 || b.length === 1).toBe(true);
  }
  expect(capped.length).toBeGreaterThan(plain.length);
  expect(plain.some((b) => b.length * Math.max(...b.map(second)) > 30)).toBe(true);
  expect(capped.flat().map((e) => e.id).sort((a, b) => a - b)).toEqual(xs.map((e) => e.id));
});
