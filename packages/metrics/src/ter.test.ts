import { describe, expect, it } from 'vitest';
import { corpusTer, sentenceTer } from './ter.js';
import { translationEditRate } from './ter-rate.js';
import { performShift } from './ter-shift.js';

describe('TER', () => {
  it('is 0 for identical text, case-insensitive by default', () => {
    const r = sentenceTer('The cat sat', ['the cat sat']);
    expect([r.score, r.numEdits, r.refLength]).toEqual([0, 0, 3]);
    expect(r.formatted).toBe('TER = 0.00');
    expect(r.signature).toBe('nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.6.0');
    expect(sentenceTer('The cat sat', ['the cat sat'], { caseSensitive: true }).numEdits).toBe(1);
  });

  it('counts moving a block as one shift', () => {
    expect(translationEditRate(['b', 'c', 'd', 'a'], ['a', 'b', 'c', 'd'])).toEqual({ edits: 1, refLength: 4 });
    expect(translationEditRate(['c', 'd', 'e', 'a', 'b'], ['a', 'b', 'c', 'd', 'e'])).toEqual({ edits: 1, refLength: 5 });
  });

  it('counts substitutions, insertions and deletions', () => {
    expect(translationEditRate(['a', 'x', 'c'], ['a', 'b', 'c']).edits).toBe(1);
    expect(translationEditRate(['a', 'b'], ['a', 'b', 'c']).edits).toBe(1);
    expect(translationEditRate(['a', 'b', 'c', 'd'], ['a', 'b', 'c']).edits).toBe(1);
    expect(translationEditRate(['a', 'b'], [])).toEqual({ edits: 2, refLength: 0 });
  });

  it('uses the fewest edits but the average reference length', () => {
    const r = corpusTer(['a b c'], [['a b c'], ['a b c d e']]);
    expect(r.segmentStats).toEqual([[0, 4]]);
    expect(r.score).toBe(0);
  });

  it('scores 100 for edits against empty references and 0 when both are empty', () => {
    expect(corpusTer(['a'], [['']]).score).toBe(100);
    expect(corpusTer([''], [['']]).score).toBe(0);
  });

  it('performShift moves a span before the target index', () => {
    expect(performShift(['a', 'b', 'c', 'd', 'e'], 3, 2, 0)).toEqual(['d', 'e', 'a', 'b', 'c']);
    expect(performShift(['a', 'b', 'c', 'd', 'e'], 0, 2, 4)).toEqual(['c', 'd', 'a', 'b', 'e']);
  });

  it('stays fast on long, scrambled sentences', () => {
    const ref = Array.from({ length: 120 }, (_, i) => `w${i % 40}`);
    const hyp = [...ref].reverse();
    const t0 = performance.now();
    const r = translationEditRate(hyp, ref);
    expect(r.edits).toBeGreaterThan(0);
    // A guard against exponential search, not a speed test: generous for loaded CI machines.
    expect(performance.now() - t0).toBeLessThan(20_000);
  });
});
