import * as tf from '@tensorflow/tfjs';
import { expectNoLeaks } from '@seq2seq/testing';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCaptionField } from './field.js';
import { captionWithGallery, scoreGalleryCandidates, type ScoredCandidate } from './gallery-caption.js';
import { buildGallery, type Gallery, loadGallery, nearestCaptions, saveGallery } from './gallery.js';
import { generateCaptions } from './generate.js';
import { prepareInputs } from './inputs.js';
import { createCaptionModel } from './model.js';
import { captionModelDefaults } from './options.js';
import { tempDir, writeShapeSet } from './test-data.test-helper.js';

const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};

describe('gallery', () => {
  const g: Gallery = { captions: ['red square', 'blue circle', 'green square'], rows: Int32Array.from([0, 1, 0, 2]), dim: 2, embeddings: Float32Array.from([...unit([1, 0]), ...unit([0, 1]), ...unit([1, 1]), ...unit([-1, 0])]) };

  it('returns the k most similar distinct captions, a caption scoring its best image', async () => {
    await expectNoLeaks(() => {
      const near = nearestCaptions(g, Float32Array.from([...unit([1, 0.1]), ...unit([-1, 0.2])]), 2);
      expect(near.map((l) => l.map((c) => c.caption))).toEqual([
        ['red square', 'blue circle'],
        ['green square', 'blue circle'],
      ]);
      expect(near[0]![0]!.similarity).toBeCloseTo(unit([1, 0.1])[0]!, 5);
      expect(near[1]![1]!.similarity).toBeCloseTo(unit([-1, 0.2])[1]!, 5);
      expect(nearestCaptions(g, Float32Array.from(unit([0, 1])), 10)[0]!.map((c) => c.caption)).toEqual(['blue circle', 'red square', 'green square']);
    });
  });

  it('round-trips through a checkpoint folder; a damaged one is an error naming the file; none is undefined', () => {
    const dir = tempDir();
    expect(loadGallery(dir)).toBeUndefined();
    saveGallery(dir, g);
    expect(loadGallery(dir)).toEqual(g);
    writeFileSync(join(dir, 'gallery.bin'), Buffer.alloc(12));
    expect(() => loadGallery(dir)).toThrow(/gallery '.*gallery.json': gallery.bin holds 12 bytes, expected 4 x 2 floats/);
    writeFileSync(join(dir, 'gallery.json'), '{"format":1,"dim":2,"captions":["a"],"rows":[0,1]}');
    expect(() => loadGallery(dir)).toThrow(/a row names no caption/);
    writeFileSync(join(dir, 'gallery.json'), 'not json');
    expect(() => loadGallery(dir)).toThrow(/not JSON/);
  });

  it('scores retrieved captions with the decoder exactly as search does, and ranks by log-prob + weight x similarity', async () => {
    const { images } = writeShapeSet();
    const captions = ['red square', 'red circle', 'blue square', 'blue circle', 'green square', 'green circle'];
    const field = buildCaptionField(captions, captionModelDefaults);
    const model = createCaptionModel(field, { ...captionModelDefaults, encoder: 'conv', convChannels: [4, 8], convInputSize: 16, embeddingDim: 8, decoderUnits: 16, dropout: 0 }, 3);
    const { inputs } = await prepareInputs(model.encoder, images);
    const pairs = images.map((image, i) => ({ image, caption: captions[i]! }));
    await expectNoLeaks(async () => {
      const gallery = buildGallery(model, inputs, pairs);
      expect(gallery.captions).toEqual(captions);
      expect(gallery.dim).toBe(8);
      // Each training image is its own nearest neighbour (similarity 1).
      const all: ScoredCandidate[][] = [];
      await scoreGalleryCandidates(model, field, inputs, images, gallery, { top: 3, batchSize: 4 }, (c) => all.push(...c));
      expect(all.map((l) => l[0]!.caption)).toEqual(captions);
      expect(all.every((l) => l.length === 3 && Math.abs(l[0]!.similarity - 1) < 1e-5)).toBe(true);
      // The teacher-forced log-probabilities are those of a search forced onto the same caption.
      const c = all[2]![1]!;
      const forced = (await generateCaptions(model, field, inputs, [images[2]!], { beam: 1, closedSet: [c.caption] }))[0]![0]!;
      expect(forced.text).toBe(c.caption);
      c.tokenLogProbs.forEach((lp, i) => expect(lp).toBeCloseTo(forced.tokenLogProbs[i]!, 4));
      // A huge weight picks the nearest caption; weight 0 the decoder's favourite among the retrieved.
      const byRetrieval = await captionWithGallery(model, field, inputs, images, gallery, { top: 3, weight: 1e6 });
      expect(byRetrieval.map((l) => l[0]!.text)).toEqual(captions);
      const byDecoder = await captionWithGallery(model, field, inputs, images.slice(0, 1), gallery, { top: 3, weight: 0, nBest: 3, lengthPenalty: 0 });
      const best = [...all[0]!].sort((a, b) => b.tokenLogProbs.reduce((x, y) => x + y) - a.tokenLogProbs.reduce((x, y) => x + y))[0]!;
      expect(byDecoder[0]!.map((h) => h.score)).toEqual([...byDecoder[0]!.map((h) => h.score)].sort((a, b) => b - a));
      expect(byDecoder[0]![0]!.text).toBe(best.caption);
    });
    // A gallery whose captions the vocabulary cannot write: the decoder captions freely.
    await expectNoLeaks(async () => {
      const foreign: Gallery = { ...buildGallery(model, inputs, pairs), captions: ['purple star', 'x', 'y', 'z', 'w', 'v'] };
      const out = await captionWithGallery(model, field, inputs, images.slice(0, 2), foreign, { top: 2 });
      const free = await generateCaptions(model, field, inputs, images.slice(0, 2), { beam: 1 });
      expect(out.map((l) => l[0]!.text)).toEqual(free.map((l) => l[0]!.text));
    });
    const wrong: Gallery = { ...buildGallery(model, inputs, pairs), dim: 3 };
    await expect(scoreGalleryCandidates(model, field, inputs, images, wrong, {}, () => {})).rejects.toThrow(/gallery embeddings are 3 wide, the model's encoder 8/);
    model.store.dispose();
  });
});
