import { describe, expect, it } from 'vitest';
import { rougeScore, rougeScoreMulti } from './rouge.js';
import { rougeTokenize } from './rouge-tokenize.js';

describe('rouge-score compatible ROUGE', () => {
  it('reproduces the rouge-score README example (with stemming)', () => {
    const s = rougeScore('The quick brown fox jumps over the lazy dog', 'The quick brown dog jumps on the log.', {
      types: ['rouge1', 'rougeL'],
      useStemmer: true,
    });
    expect(s['rouge1']!.fmeasure).toBeCloseTo(0.70588, 5);
    expect(s['rougeL']!.fmeasure).toBeCloseTo(0.58824, 5);
  });

  it('tokenizes like rouge-score: non-ASCII letters are separators', () => {
    expect(rougeTokenize('Männer, 2 Hunde!')).toEqual(['m', 'nner', '2', 'hunde']);
  });

  it('guards rougeLsum against double counting', () => {
    const s = rougeScore('a b\na b', 'a b', { types: ['rougeLsum', 'rougeL'] });
    expect(s['rougeLsum']).toEqual({ precision: 1, recall: 0.5, fmeasure: 2 / 3 });
    expect(s['rougeL']!.recall).toBe(0.5);
  });

  it('gives 0 for an empty side and picks the best target per type', () => {
    expect(rougeScore('', 'x')['rouge1']!.fmeasure).toBe(0);
    const m = rougeScoreMulti(['x y', 'a b c'], 'a b c', { types: ['rouge2'] });
    expect(m['rouge2']!.fmeasure).toBe(1);
    expect(() => rougeScore('a', 'b', { types: ['rougeX'] })).toThrow(/rougeLsum/);
  });
});
