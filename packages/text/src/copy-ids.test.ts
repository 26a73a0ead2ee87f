import * as tf from '@tensorflow/tfjs';
import { ParamStore } from '@seq2seq/core';
import { expectNoLeaks } from '@seq2seq/testing';
import { describe, expect, it } from 'vitest';
import { textBatch } from './batch.js';
import { copyIdMap } from './copy-ids.js';
import { TextRnnEncoder } from './text-rnn-encoder.js';
import { Vocabulary } from './vocabulary.js';

const source = Vocabulary.build([['paris', 'is', 'big', 'is'], ['rome']]);
const target = Vocabulary.build([['big', 'city', 'big'], ['paris']]);

describe('copyIdMap', () => {
  it('maps identical pieces into the target vocabulary, -1 for specials and missing pieces; cached', () => {
    const map = copyIdMap(source, target);
    expect(map).toHaveLength(source.size);
    expect([...map.slice(0, 4)]).toEqual([-1, -1, -1, -1]);
    source.pieces.forEach((piece, id) => {
      if (id < 4) return;
      expect(map[id]).toBe(target.has(piece) ? target.id(piece) : -1);
    });
    expect(map[source.id('paris')]).toBe(target.id('paris'));
    expect(map[source.id('rome')]).toBe(-1);
    // A shared vocabulary maps ordinary pieces to themselves.
    expect([...copyIdMap(source, source).slice(4)]).toEqual(source.pieces.slice(4).map((_, i) => i + 4));
    expect(copyIdMap(source, target)).toBe(map);
  });
});

describe('copyIds', () => {
  it('textBatch maps rows with padding -1, and TextRnnEncoder passes them on as sourceTokens', async () => {
    const map = copyIdMap(source, target);
    const rows = [[source.id('paris'), source.id('is'), source.id('big')], [source.id('rome')]];
    const store = ParamStore.create(1);
    const encoder = new TextRnnEncoder({ vocabSize: source.size, embeddingDim: 4, units: 3, layers: 1 }, store.scope('encoder'));
    await expectNoLeaks(() => {
      const plain = textBatch(rows);
      expect(plain.copyIds).toBeUndefined();
      const batch = textBatch(rows, { copyMap: map });
      expect(batch.copyIds!.dtype).toBe('int32');
      expect(batch.copyIds!.arraySync()).toEqual([[target.id('paris'), -1, target.id('big')], [-1, -1, -1]]);
      const out = encoder.encode(batch);
      expect(out.sourceTokens!.arraySync()).toEqual(batch.copyIds!.arraySync());
      const bare = encoder.encode(plain);
      expect(bare.sourceTokens).toBeUndefined();
      tf.dispose([plain, batch, out, bare]);
    });
    store.dispose();
  });
});
