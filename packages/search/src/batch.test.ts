import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { encoderOutput } from '@seq2seq/core';
import { beamSearch } from './beam.js';
import { ScriptedDecoder } from './fake-decoder.js';
import type { BeamSearchOptions } from './options.js';
import { bruteForce, EARLY_END, GREEDY_TRAP, LENGTH_TRADE, leakFree, randomFallback } from './scripts.test-helper.js';

describe('batched beam search', () => {
  it('B=3 different sentences in one call equal one at a time, and finished sentences leave the batch', async () => {
    const dec = new ScriptedDecoder({ vocabSize: 6, tables: [GREEDY_TRAP, LENGTH_TRADE, EARLY_END], fallback: randomFallback(7, 6) });
    const options: BeamSearchOptions = { beamSize: 3, nBest: 2, maxLength: 6, returnAttention: true };
    dec.rowsStepped = 0;
    const together = await leakFree(dec, [0, 1, 2], (m) => beamSearch(dec, m, options));
    const batchRows = dec.rowsStepped;
    dec.rowsStepped = 0;
    const alone = [];
    for (const s of [0, 1, 2]) alone.push((await leakFree(dec, [s], (m) => beamSearch(dec, m, options)))[0]);
    expect(together).toEqual(alone);
    // Each sentence costs K rows per step only while it is unfinished.
    expect(batchRows).toBe(dec.rowsStepped);
    expect(together.map((hs) => hs.length)).toEqual([2, 2, 2]);
  });

  it('with beams wide enough to be exhaustive, equals brute-force search', async () => {
    // Tokens 3 and 4 only (0, 1 get probability 0): at most 2^t live prefixes, so K = 16 keeps all up to length 4.
    const dec = new ScriptedDecoder({ vocabSize: 5, fallback: randomFallback(11, 5) });
    for (const alpha of [0, 0.6, 1.5]) {
      const got = await leakFree(dec, [0, 1, 2, 3], (m) => beamSearch(dec, m, { beamSize: 16, nBest: 4, lengthPenalty: alpha, maxLength: 4 }));
      got.forEach((hs, s) => {
        const want = bruteForce(dec, s, 4, alpha).slice(0, 4);
        expect(hs.map((h) => h.tokens)).toEqual(want.map((w) => w.tokens));
        hs.forEach((h, i) => expect(h.score).toBeCloseTo(want[i]?.score as number, 4));
      });
    }
  });

  it('infers the batch size from memory and works from prepare()', async () => {
    const dec = new ScriptedDecoder({ vocabSize: 6, tables: [GREEDY_TRAP, LENGTH_TRADE] });
    const enc = encoderOutput({ states: tf.zeros([2, 3, 1]) });
    const memory = dec.prepare(enc);
    const out = await beamSearch(dec, memory, { beamSize: 2, lengthPenalty: 0, maxLength: 2 });
    expect(out.map((hs) => hs[0]?.tokens)).toEqual([[4], [3]]);
    tf.dispose([enc, memory]);
  });
});
