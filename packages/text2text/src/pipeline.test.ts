import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodePairs, epochBatches, type makeBatch } from './batches.js';
import { buildFields, fieldsFromJSON, fieldsToJSON } from './fields.js';
import { generate } from './generate.js';
import { writeAttentionPng } from '@seq2seq/pipeline';
import { createTextModel, textModelConfig } from './model.js';
import { textModelDefaults } from './options.js';

const opts = { ...textModelDefaults, tokenizer: 'word' as const, vocabSize: 0, embeddingDim: 8, encoderUnits: 8, decoderUnits: 8, dropout: 0, maxSourceLength: 3, maxTargetLength: 3 };

describe('fields', () => {
  it('round-trip through JSON, shared or not', () => {
    for (const sharedVocab of [false, true]) {
      const f = buildFields(['a b', 'c'], ['x y z'], { ...opts, sharedVocab });
      const back = fieldsFromJSON(JSON.parse(JSON.stringify(fieldsToJSON(f))), 'test');
      expect(back.target.vocab.pieces).toEqual(f.target.vocab.pieces);
      expect(back.source === back.target).toBe(sharedVocab);
    }
  });
  it('names the checkpoint when fields are missing', () => {
    expect(() => fieldsFromJSON({}, "checkpoint 'x'")).toThrow(/checkpoint 'x'.*source/);
  });
});

describe('batches', () => {
  it('truncates overlong rows (counted), drops empty sources and covers every example once per epoch', () => {
    const f = buildFields(['a b c d e', 'b', '...'], ['x', 'y z w v', 'q'], opts);
    const { examples, dropped, counts } = encodePairs([{ source: 'a b c d e', target: 'x' }, { source: 'b', target: 'y z w v' }, { source: '   ', target: 'q' }], f, opts);
    expect(dropped).toBe(1);
    expect(examples.map((e) => e.source.length)).toEqual([3, 1]);
    expect(examples[1]!.target.length).toBe(2);
    // Per side, also when the vocabulary (and so the field) is shared.
    expect(counts.source).toEqual({ tokens: 6, unknown: 0, truncated: 1 });
    expect(counts.target).toEqual({ tokens: 5, unknown: 0, truncated: 1 });
    const shared = buildFields(['a b'], ['x'], { ...opts, sharedVocab: true });
    const s = encodePairs([{ source: 'a b z', target: 'x y' }], shared, opts).counts;
    expect([s.source, s.target]).toEqual([{ tokens: 3, unknown: 1, truncated: 0 }, { tokens: 2, unknown: 1, truncated: 0 }]);
    const before = tf.memory().numTensors;
    const batches = epochBatches(examples, { batchTokens: 8 }, 1).map((make) => (typeof make === 'function' ? make() : make));
    expect(batches.reduce((n, b) => n + b.target.targetIn.shape[0], 0)).toBe(2);
    batches.forEach((b) => b.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });

  it('batchLogits bounds count x (longest target + 1) x target vocabulary', () => {
    const examples = Array.from({ length: 40 }, (_, i) => ({ source: [4, 5], target: Array.from({ length: 1 + (i % 6) }, () => 4) }));
    const sizes = (limits: { batchTokens: number; batchLogits?: number; targetVocab?: number }) =>
      bucketOf(epochBatches(examples, limits, 1).map((make) => (typeof make === 'function' ? make() : make)));
    const plain = sizes({ batchTokens: 1000 });
    const capped = sizes({ batchTokens: 1000, batchLogits: 200, targetVocab: 10 });
    expect(Math.max(...plain.map((b) => b.cost))).toBeGreaterThan(200);
    for (const b of capped) expect(b.cost).toBeLessThanOrEqual(200);
    expect(capped.reduce((n, b) => n + b.rows, 0)).toBe(40);
  });
});

/** Rows and rows x targetIn length x 10 of each batch (disposing them). */
function bucketOf(batches: ReturnType<typeof makeBatch>[]): { rows: number; cost: number }[] {
  return batches.map((b) => {
    const [rows, t] = b.target.targetIn.shape;
    b.dispose();
    return { rows: rows!, cost: rows! * t! * 10 };
  });
}

describe('generate', () => {
  it('returns outputs in input order, an empty output for empty input, and leaks nothing', async () => {
    const f = buildFields(['a b c', 'b c', 'c'], ['x', 'y', 'z'], opts);
    const model = createTextModel(f, opts, 3);
    const before = tf.memory().numTensors;
    const inputs = ['a b c', '', 'c', 'b c'];
    const outs = await generate(model, f, inputs, { beam: 2, nBest: 2, batchSize: 2, maxLength: 4 });
    expect(outs).toHaveLength(4);
    expect(outs[1]![0]!.text).toBe('');
    expect(outs[0]![0]!.sourcePieces).toEqual(['▁a', '▁b', '▁c']);
    expect(outs[2]).toHaveLength(2);
    const single = await generate(model, f, ['c'], { beam: 2, nBest: 2, maxLength: 4 });
    expect(single[0]!.map((h) => h.tokens)).toEqual(outs[2]!.map((h) => h.tokens));
    expect(tf.memory().numTensors).toBe(before);
    model.store.dispose();
  });

  it('passes allowedTokens with the input index (not the sorted batch row)', async () => {
    const f = buildFields(['a b c', 'b c', 'c'], ['x', 'y', 'z'], opts);
    const model = createTextModel(f, opts, 3);
    const before = tf.memory().numTensors;
    const [x, y, z] = ['▁x', '▁y', '▁z'].map((p) => f.target.vocab.id(p));
    const eos = 2;
    const seen = new Set<number>();
    // input 0 must say "z y", input 1 must say "x"; inputs are decoded shortest first.
    const forced = [[z!, y!], [x!]];
    const outs = await generate(model, f, ['a b c', 'c'], {
      beam: 2,
      maxLength: 4,
      allowedTokens: (h, input) => {
        seen.add(input);
        const want = forced[input]!;
        return h.length < want.length ? [want[h.length]!] : [eos];
      },
    });
    expect([...seen].sort()).toEqual([0, 1]);
    expect(outs.map((o) => o[0]!.text)).toEqual(['z y', 'x']);
    expect(tf.memory().numTensors).toBe(before);
    model.store.dispose();
  });
});

describe('attention picture', () => {
  it('labels rows and columns and colours each cell by its weight', () => {
    const p = join(mkdtempSync(join(tmpdir(), 'heat-')), 'a.png');
    writeAttentionPng(p, { attention: [[1, 0], [0.5, 0.5], [0, 1]], targetPieces: ['▁ein', '▁Hund'], sourcePieces: ['▁a', '▁dog'] });
    const png = PNG.sync.read(readFileSync(p));
    const wide = join(mkdtempSync(join(tmpdir(), 'heat-')), 'b.png');
    writeAttentionPng(wide, { attention: [[1, 0], [0.5, 0.5], [0, 1]], targetPieces: ['▁ein', '▁Hund'], sourcePieces: ['▁a', '▁a_much_longer_label'] });
    // Labels take room: a longer column label makes the picture taller, not the cells smaller.
    expect(PNG.sync.read(readFileSync(wide)).height).toBeGreaterThan(png.height);
    // Find the grid: the brightest viridis yellow (weight 1) and the darkest purple (weight 0).
    const at = (x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3)];
    const cells: string[] = [];
    for (let y = 0; y < png.height; y++) for (let x = 0; x < png.width; x++) {
      const [r, g, b] = at(x, y);
      if (r === 253 && g === 231 && b === 37) cells.push('1');
      if (r === 68 && g === 1 && b === 84) cells.push('0');
    }
    expect(cells.filter((c) => c === '1').length).toBeGreaterThan(2 * 18 * 18 - 1); // two weight-1 cells (plus the bar's top row)
    expect(cells.filter((c) => c === '0').length).toBeGreaterThan(2 * 18 * 18 - 1);
  });
});

describe('model config', () => {
  it("sizes the decoder from the encoder's outputDim, not by hand", () => {
    const o = { ...textModelDefaults, tokenizer: 'char' as const, vocabSize: 0, embeddingDim: 8, encoderUnits: 6, decoderUnits: 10 };
    const fields = buildFields(['ab'], ['cd'], o);
    expect(textModelConfig(fields, o).decoder.config).not.toHaveProperty('inputDim');
    for (const bidirectional of [true, false]) {
      const model = createTextModel(fields, { ...o, bidirectional }, 1);
      expect([model.encoder.outputDim, model.decoder.inputDim]).toEqual(bidirectional ? [12, 12] : [6, 6]);
      model.store.dispose();
    }
  });
});
