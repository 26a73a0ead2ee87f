import { describe, expect, it } from 'vitest';
import { metricTokens } from './field.js';
import { captionScores } from './metrics.js';

describe('caption metrics', () => {
  it('tokenises like the word tokenizer, lower-cased, punctuation split off', () => {
    expect(metricTokens('Thumbs up: medium-dark skin tone')).toBe('thumbs up : medium - dark skin tone');
    expect(metricTokens('  keycap:  #  ')).toBe('keycap : #');
  });

  it('scores perfect captions 100 BLEU-4 and 100% exact, wrong ones 0% exact', () => {
    const refs = [['grinning face'], ['red heart', 'a red heart'], ['thumbs up: medium skin tone'], ['face with tears of joy']];
    const perfect = captionScores(['Grinning face', 'a red heart', 'thumbs up : medium skin tone', 'face with tears of joy'], refs);
    expect(perfect.bleu4).toBe(100);
    expect(perfect.exact).toBe(100);
    expect(perfect.cider).toBeGreaterThan(2);
    const half = captionScores(['grinning face', 'blue heart', 'thumbs down', 'face with tears of joy'], refs);
    expect(half.exact).toBe(50);
    expect(half.cider).toBeLessThan(perfect.cider);
    expect(captionScores(['x', 'y', 'z', 'w'], refs).exact).toBe(0);
    expect(() => captionScores(['a'], refs)).toThrow('1 hypotheses for 4 reference lists');
  });
});
