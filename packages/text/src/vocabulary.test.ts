import { describe, expect, it } from 'vitest';
import { EOS, PAD, SOS, UNK, Vocabulary, type EncodeCounts } from './vocabulary.js';

const texts = [
  ['▁a', '▁b', '▁a', '!'],
  ['▁a', '▁c', '!'],
  ['▁b', '▁d', '<unk>'],
];

describe('Vocabulary', () => {
  it('puts the specials first, then pieces by count, ties by piece', () => {
    const v = Vocabulary.build(texts);
    expect(v.pieces).toEqual(['<pad>', '<sos>', '<eos>', '<unk>', '▁a', '!', '▁b', '▁c', '▁d']);
    expect([v.id('<pad>'), v.id('<sos>'), v.id('<eos>'), v.id('<unk>')]).toEqual([PAD, SOS, EOS, UNK]);
    expect(v.size).toBe(9);
  });

  it('drops pieces below minFrequency and caps at maxSize (specials included)', () => {
    expect(Vocabulary.build(texts, { minFrequency: 2 }).pieces.slice(4)).toEqual(['▁a', '!', '▁b']);
    expect(Vocabulary.build(texts, { maxSize: 6 }).pieces.slice(4)).toEqual(['▁a', '!']);
    expect(() => Vocabulary.build(texts, { maxSize: 3 })).toThrow(/at least 4/);
  });

  it('maps unknown pieces to <unk> and counts them', () => {
    const v = Vocabulary.build(texts, { minFrequency: 2 });
    const counts: EncodeCounts = { tokens: 0, unknown: 0 };
    expect(v.encode(['▁a', '▁zzz', '!', '▁c'], counts)).toEqual([4, UNK, 5, UNK]);
    expect(counts).toEqual({ tokens: 4, unknown: 2 });
  });

  it('decodes up to the first <eos>, skipping <pad> and <sos>', () => {
    const v = Vocabulary.build(texts);
    expect(v.decode([SOS, 4, PAD, 6, UNK, EOS, 5, 5])).toEqual(['▁a', '▁b', '<unk>']);
    expect(() => v.decode([99])).toThrow(/outside the vocabulary/);
  });

  it('survives a JSON round trip and rejects JSON without the specials', () => {
    const v = Vocabulary.build(texts);
    const again = Vocabulary.fromJSON(JSON.parse(JSON.stringify(v.toJSON())));
    expect(again.pieces).toEqual(v.pieces);
    expect(() => Vocabulary.fromJSON({ pieces: ['a', 'b'] })).toThrow(/must start with <pad>/);
  });
});
