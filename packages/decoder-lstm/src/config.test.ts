import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { decoders, type JsonObject, ParamStore } from '@seq2seq/core';
import { expectNoLeaks } from '@seq2seq/testing';
import './index.js';
import { lstmDecoderDefaults, parseConfig, resolveConfig } from './config.js';
import { LstmDecoder } from './decoder.js';
import { fakeEncoderOutput, maxAbsDiff, randomTokens } from './fixtures.test-helper.js';

describe('config', () => {
  it('fills documented defaults and round-trips through config()', () => {
    const store = ParamStore.create(1);
    const decoder = new LstmDecoder({ vocabSize: 9, inputDim: 4, units: 4, embeddingDim: 3 }, store);
    const json = decoder.config();
    expect(json).toEqual({ ...lstmDecoderDefaults, vocabSize: 9, inputDim: 4, units: 4, embeddingDim: 3 });
    expect(parseConfig(json)).toEqual(json);
    store.dispose();
  });

  it('rejects bad values with a message naming the field', () => {
    expect(() => resolveConfig({ vocabSize: 0, inputDim: 4 })).toThrow(/vocabSize/);
    expect(() => resolveConfig({ vocabSize: 5, inputDim: 4, attention: 'luong' as never })).toThrow(/attention must be one of none, dot, general, additive/);
    expect(() => resolveConfig({ vocabSize: 5, inputDim: 4, units: 8, attention: 'dot' })).toThrow(/units \(8\) equal to inputDim \(4\)/);
    expect(() => resolveConfig({ vocabSize: 5, inputDim: 4, dropout: 1 })).toThrow(/dropout/);
    expect(() => resolveConfig({ vocabSize: 5, inputDim: 4, attention: 'none', bridge: 'zeros' })).toThrow(/ignore the encoder/);
    expect(() => parseConfig({ vocabSize: 5, inputDim: 4, unit: 8 })).toThrow(/unknown config keys unit/);
    expect(() => resolveConfig({ vocabSize: 5, inputDim: 4, attention: 'none', copy: true })).toThrow(/copy needs attention/);
    expect(() => parseConfig({ vocabSize: 5, inputDim: 4, copy: 'yes' })).toThrow(/copy must be a boolean/);
  });
});

describe('registry', () => {
  it.each<JsonObject>([
    { vocabSize: 11, inputDim: 6, units: 6, embeddingDim: 5, layers: 2, attention: 'additive' },
    { vocabSize: 11, inputDim: 6, units: 6, embeddingDim: 5, attention: 'general', copy: true },
  ])("registers kind 'lstm'; a rebuilt decoder with the same weights gives the same logits: %o", async (config) => {
    expect(decoders.names()).toContain('lstm');
    const a = ParamStore.create(4);
    const b = ParamStore.create(99);
    const da = decoders.get('lstm')(config, a.scope('decoder'));
    // Through JSON text, as in a checkpoint's config.json.
    const db = decoders.get('lstm')(JSON.parse(JSON.stringify(da.config())), b.scope('decoder'));
    expect(db.config()).toEqual(da.config());
    expect(da.kind).toBe('lstm');
    expect(b.entries().map(([k, v]) => [k, v.shape])).toEqual(a.entries().map(([k, v]) => [k, v.shape]));
    const bv = new Map(b.entries());
    for (const [name, v] of a.entries()) bv.get(name)!.assign(v);
    const enc = fakeEncoderOutput([3, 1], 3);
    const targetIn = randomTokens(2, 3, 1);
    await expectNoLeaks(() => {
      tf.tidy(() => {
        const la = da.forward(targetIn, da.prepare(enc)).logits;
        const lb = db.forward(targetIn, db.prepare(enc)).logits;
        expect(maxAbsDiff(la, lb)).toBe(0);
      });
    });
    tf.dispose([enc, targetIn]);
    a.dispose();
    b.dispose();
  });

  it('prepare rejects an encoder of the wrong width', () => {
    const store = ParamStore.create(1);
    const decoder = new LstmDecoder({ vocabSize: 9, inputDim: 4 }, store);
    const enc = fakeEncoderOutput([2], 2, 1, 6);
    expect(() => decoder.prepare(enc)).toThrow(/expects encoder width 4, got 6/);
    tf.dispose(enc);
    store.dispose();
  });
});
