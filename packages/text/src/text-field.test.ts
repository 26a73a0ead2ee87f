import * as tf from '@tensorflow/tfjs';
import { expectNoLeaks } from '@seq2seq/testing';
import { describe, expect, it } from 'vitest';
import { targetBatch, textBatch } from './batch.js';
import { TextField } from './text-field.js';
import { EOS, PAD, SOS, UNK } from './vocabulary.js';
import { WordTokenizer } from './word-tokenizer.js';
import './register.js';

const train = ['a man runs .', 'a dog runs !', 'the man sleeps .'];
const field = () => TextField.build(train, new WordTokenizer());

describe('id batches', () => {
  it('right-pads sources with a float mask', async () => {
    await expectNoLeaks(() => {
      const b = textBatch([[5, 6, 7], [8]]);
      expect(b.ids.dtype).toBe('int32');
      expect(b.mask.dtype).toBe('float32');
      expect(b.ids.arraySync()).toEqual([[5, 6, 7], [8, PAD, PAD]]);
      expect(b.mask.arraySync()).toEqual([[1, 1, 1], [1, 0, 0]]);
      tf.dispose(b);
    });
    expect(() => textBatch([[5], []])).toThrow(/row 1 is empty/);
  });

  it('shifts targets: <sos> row in, row <eos> out, mask over row + <eos>', async () => {
    await expectNoLeaks(() => {
      const t = targetBatch([[5, 6], []]);
      expect(t.targetIn.arraySync()).toEqual([[SOS, 5, 6], [SOS, PAD, PAD]]);
      expect(t.targetOut.arraySync()).toEqual([[5, 6, EOS], [EOS, PAD, PAD]]);
      expect(t.targetMask.arraySync()).toEqual([[1, 1, 1], [1, 0, 0]]);
      tf.dispose([t.targetIn, t.targetOut, t.targetMask]);
    });
  });
});

describe('TextField', () => {
  it('prepares sources with optional <eos>, truncating and counting overlong rows', () => {
    const f = field();
    const rows = f.sourceIds(['a man runs .', 'a cat'], { maxLength: 3, appendEos: true });
    expect(rows).toEqual([[f.vocab.id('▁a'), f.vocab.id('▁man'), EOS], [f.vocab.id('▁a'), UNK, EOS]]);
    expect(f.stats).toEqual({ texts: 2, tokens: 6, unknown: 1, truncated: 1 });
  });

  it('rejects an empty source, naming its index', () => {
    expect(() => field().sourceIds(['a man', '  '])).toThrow(/source text #1 is empty/);
  });

  it('truncates targets so T (with <eos>) fits maxLength; allows empty targets', async () => {
    const f = field();
    await expectNoLeaks(() => {
      const t = f.prepareTarget(['a man runs .', ''], { maxLength: 3 });
      expect(t.targetOut.shape).toEqual([2, 3]);
      expect(t.targetOut.arraySync()[0]).toEqual([f.vocab.id('▁a'), f.vocab.id('▁man'), EOS]);
      expect(t.targetMask.arraySync()[1]).toEqual([1, 0, 0]);
      tf.dispose([t.targetIn, t.targetOut, t.targetMask]);
    });
    expect(f.stats.truncated).toBe(1);
  });

  it('decodes ids back to detokenised text and round-trips through JSON', async () => {
    const f = field();
    const again = TextField.fromJSON(JSON.parse(JSON.stringify(f.toJSON())));
    const ids = again.ids('the dog sleeps !');
    expect(again.decode([...ids, EOS, 5])).toBe('the dog sleeps !');
    await expectNoLeaks(() => {
      const b = again.prepareSource(['a dog', 'the man runs']);
      expect(b.ids.shape).toEqual([2, 3]);
      tf.dispose(b);
    });
  });
});
