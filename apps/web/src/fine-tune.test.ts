import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@seq2seq/core';
import { loadTextModel } from '@seq2seq/text2text';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyTextModel, fineTune, parsePairs } from './fine-tune.js';

// What the fine-tune panel runs, here on Node's wasm backend (as the page's fallback; the cpu backend
// takes minutes per step of the shipped model) with the shipped translation model.
beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: () => {} });
});

describe('fine-tuning on typed pairs', () => {
  it('reads "source => target" and tab-separated lines and names a bad line', () => {
    expect(parsePairs('A cat. => Eine Katze.\n\nA dog.\tEin Hund.\n')).toEqual([
      { source: 'A cat.', target: 'Eine Katze.' },
      { source: 'A dog.', target: 'Ein Hund.' },
    ]);
    expect(() => parsePairs('A cat. => Eine Katze.\njust a sentence')).toThrow('line 2 is not "source => target": "just a sentence"');
    expect(() => parsePairs('\n \n')).toThrow(/no training pairs/);
  });

  it('lowers the loss on a copy, leaves the original model alone and frees its tensors', async () => {
    const base = await loadTextModel(new URL('../../../models/translate', import.meta.url).pathname, 'translate');
    const name = base.model.store.entries()[0]![0];
    const before = await base.model.store.get(name).data();
    const tensors = tf.memory().numTensors;
    const copy = copyTextModel(base);
    const pairs = parsePairs('A cat sleeps on the sofa. => Eine Katze schläft auf dem Sofa.');
    const seen: number[] = [];
    const losses = await fineTune(copy, pairs, { steps: 3, learningRate: 0.001, seed: 1, onStep: (i) => void seen.push(i) });
    expect(seen).toEqual([1, 2, 3]);
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);
    // Seeded: the same run gives the same losses.
    const again = copyTextModel(base);
    expect(await fineTune(again, pairs, { steps: 3, learningRate: 0.001, seed: 1 })).toEqual(losses);
    expect(await base.model.store.get(name).data()).toEqual(before);
    copy.model.store.dispose();
    again.model.store.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    base.model.store.dispose();
  });
});
