import { describe, expect, it } from 'vitest';
import { MicroBatcher } from './batcher.js';

/** A decoder that records its batches and answers each input with itself upper-cased. */
function recorder(delayMs = 20) {
  const batches: string[][] = [];
  const run = async (inputs: readonly string[]) => {
    batches.push([...inputs]);
    await new Promise((r) => setTimeout(r, delayMs));
    return inputs.map((s) => s.toUpperCase());
  };
  return { batches, run };
}

describe('MicroBatcher', () => {
  it('decodes requests that arrive within the wait window in one call, in order, up to max batch', async () => {
    const r = recorder();
    const b = new MicroBatcher(r.run, { maxBatch: 4, maxWaitMs: 30, maxQueue: 100 });
    const got = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((s) => b.submit([s], null, 'k', 5000)));
    expect(got.map((g) => g.results[0])).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(r.batches).toEqual([['a', 'b', 'c', 'd'], ['e', 'f']]);
    expect(got.map((g) => g.batch)).toEqual([4, 4, 4, 4, 2, 2]);
    expect(b.stats).toMatchObject({ requests: 6, inputs: 6, batches: 2, largestBatch: 4, batchSizes: { 4: 1, 2: 1 } });
  });

  it('keeps requests with different decoding settings in different batches, and a multi-input request whole', async () => {
    const r = recorder();
    const b = new MicroBatcher(r.run, { maxBatch: 4, maxWaitMs: 30, maxQueue: 100 });
    const got = await Promise.all([b.submit(['a'], null, 'beam5', 5000), b.submit(['b'], null, 'beam1', 5000), b.submit(['c', 'd', 'e'], null, 'beam5', 5000)]);
    expect(got.map((g) => g.results)).toEqual([['A'], ['B'], ['C', 'D', 'E']]);
    expect(r.batches).toEqual([['a', 'c', 'd', 'e'], ['b']]);
  });

  it('max batch 1 decodes one request at a time without waiting', async () => {
    const r = recorder(1);
    const b = new MicroBatcher(r.run, { maxBatch: 1, maxWaitMs: 10_000, maxQueue: 100 });
    const t0 = Date.now();
    await Promise.all(['a', 'b', 'c'].map((s) => b.submit([s], null, 'k', 5000)));
    expect(r.batches).toEqual([['a'], ['b'], ['c']]);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('refuses requests beyond the queue length and ones not decoded in time (503), and keeps working', async () => {
    const r = recorder(100);
    const b = new MicroBatcher(r.run, { maxBatch: 1, maxWaitMs: 0, maxQueue: 2 });
    const first = b.submit(['a'], null, 'k', 5000); // taken at once: decoding for 100 ms
    const queued = [b.submit(['b'], null, 'k', 5000), b.submit(['c'], null, 'k', 20)];
    await expect(b.submit(['d'], null, 'k', 5000)).rejects.toMatchObject({ statusCode: 503, message: expect.stringMatching(/queue is full \(2 requests waiting\)/) });
    await expect(queued[1]).rejects.toMatchObject({ statusCode: 503, message: expect.stringMatching(/not decoded within 20 ms/) });
    expect((await first).results).toEqual(['A']);
    expect((await queued[0]!).results).toEqual(['B']);
    expect(r.batches).toEqual([['a'], ['b']]);
    expect(b.stats).toMatchObject({ rejected: 1, timedOut: 1 });
    await b.idle();
    expect(b.queued).toBe(0);
  });

  it('passes a failing batch to each of its requests; later batches still run', async () => {
    let calls = 0;
    const b = new MicroBatcher(async (inputs: readonly string[]) => {
      if (calls++ === 0) throw new Error('boom');
      return [...inputs];
    }, { maxBatch: 2, maxWaitMs: 20, maxQueue: 10 });
    const failed = await Promise.allSettled([b.submit(['a'], null, 'k', 1000), b.submit(['b'], null, 'k', 1000)]);
    expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    expect((await b.submit(['c'], null, 'k', 1000)).results).toEqual(['c']);
  });
});
