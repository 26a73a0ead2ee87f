import { describe, expect, it } from 'vitest';
import { bannedTokens } from './ngram.js';

describe('bannedTokens', () => {
  it('bans the continuations of earlier occurrences of the last n-1 tokens', () => {
    // bigrams seen: 5 6, 6 5, 5 7, 7 5; last token 5 -> 6 and 7 would repeat a bigram
    expect(bannedTokens([5, 6, 5, 7, 5], 2).sort()).toEqual([6, 7]);
    // trigram: last two are (7, 5); earlier (7, 5) never followed by anything -> nothing banned
    expect(bannedTokens([5, 6, 5, 7, 5], 3)).toEqual([]);
    expect(bannedTokens([1, 2, 3, 1, 2], 3)).toEqual([3]);
  });
  it('size 1 bans every token already used; short histories ban nothing', () => {
    expect(bannedTokens([4, 4, 9], 1).sort()).toEqual([4, 9]);
    expect(bannedTokens([4], 3)).toEqual([]);
    expect(bannedTokens([4, 5], 0)).toEqual([]);
  });
});
