import { describe, expect, it } from 'vitest';
import { learnBpe } from './bpe-learn.js';
import { BpeTokenizer } from './bpe-tokenizer.js';
import { mulberry32 } from '@seq2seq/core';

/** Reference learner: full recount every merge, same tie rule (smaller left id, then right id). */
function naiveBpe(counts: Map<string, number>, vocabSize: number): [string, string][] {
  const units = [...counts.keys()].sort();
  const alphabet = [...new Set(units.flatMap((u) => Array.from(u)))].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
  const names = [...alphabet];
  const id = new Map(alphabet.map((s, i) => [s, i]));
  let words = units.map((u) => Array.from(u, (c) => id.get(c)!));
  const merges: [string, string][] = [];
  while (merges.length < vocabSize - alphabet.length) {
    const pc = new Map<string, { a: number; b: number; n: number }>();
    words.forEach((w, k) => {
      for (let i = 0; i + 1 < w.length; i++) {
        const key = `${w[i]},${w[i + 1]}`;
        const e = pc.get(key) ?? { a: w[i]!, b: w[i + 1]!, n: 0 };
        e.n += counts.get(units[k]!)!;
        pc.set(key, e);
      }
    });
    const best = [...pc.values()].sort((x, y) => y.n - x.n || x.a - y.a || x.b - y.b)[0];
    if (!best || best.n < 2) break;
    const c = names.length;
    names.push(names[best.a]! + names[best.b]!);
    merges.push([names[best.a]!, names[best.b]!]);
    words = words.map((w) => {
      const out: number[] = [];
      for (let i = 0; i < w.length; i++) {
        if (w[i] === best.a && w[i + 1] === best.b) {
          out.push(c);
          i++;
        } else out.push(w[i]!);
      }
      return out;
    });
  }
  return merges;
}

describe('learnBpe', () => {
  const classic = new Map([
    ['▁low', 5],
    ['▁lower', 2],
    ['▁newest', 6],
    ['▁widest', 3],
  ]);

  it('learns the expected merges on the classic tiny corpus (ties: smaller code point first)', () => {
    // e+s and s+t both occur 9 times ('e' < 's'); then l+o, ▁+l, o+w tie at 7 ('l' < 'o' < '▁');
    // then ▁+lo and lo+w tie at 7 and the base symbol '▁' has a smaller id than the merged 'lo'.
    const { merges } = learnBpe(classic, { vocabSize: 100 });
    expect(merges.slice(0, 5)).toEqual([
      ['e', 's'],
      ['es', 't'],
      ['l', 'o'],
      ['▁', 'lo'],
      ['▁lo', 'w'],
    ]);
  });

  it('matches a full-recount reference on a random corpus', () => {
    const rand = mulberry32(7);
    const counts = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const len = 1 + Math.floor(rand() * 7);
      const word = '▁' + Array.from({ length: len }, () => 'abcde'[Math.floor(rand() * 5)]).join('');
      counts.set(word, (counts.get(word) ?? 0) + 1 + Math.floor(rand() * 4));
    }
    const fast = learnBpe(counts, { vocabSize: 80 }).merges;
    expect(fast.length).toBeGreaterThan(20);
    expect(fast).toEqual(naiveBpe(counts, 80));
  });

  it('respects vocabSize: training text encodes to at most vocabSize distinct pieces', () => {
    const texts = ['the lower newest widest low', 'a newer lower low', 'the widest newest'];
    // The 13 base characters are always kept, so vocabSize counts from there.
    for (const vocabSize of [13, 20, 30]) {
      const tok = BpeTokenizer.learn(texts, { vocabSize });
      const pieces = new Set(texts.flatMap((t) => tok.encode(t)));
      expect(pieces.size).toBeLessThanOrEqual(vocabSize);
      expect(tok.merges.length).toBe(vocabSize - 13);
    }
  });

  it('stops at minPairFrequency and encodes unseen characters as single pieces', () => {
    const tok = BpeTokenizer.learn(['ab ab', 'cd'], { vocabSize: 100 });
    expect(tok.merges).toEqual([
      ['a', 'b'],
      ['▁', 'ab'],
    ]);
    expect(tok.encode('ab cd xab')).toEqual(['▁ab', '▁', 'c', 'd', '▁', 'x', 'ab']);
  });
});
