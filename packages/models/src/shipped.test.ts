import { mkdtempSync, rmSync, mkdirSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listShippedApps, modelOrShipped, shippedModel } from './shipped.js';

let root: string;
const card = (files: Record<string, number>) => ({
  app: 'toy',
  summary: 'a toy model',
  dataLicence: 'CC0',
  weightsDtype: 'float16',
  parameters: 10,
  files,
  metrics: [{ dataset: 'Toy', split: 'test', metric: 'BLEU', value: 12.5, decoding: 'greedy' }],
});
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'models-'));
  mkdirSync(join(root, 'toy'));
  for (const [f, text] of [['config.json', '{}'], ['weights.json', '[]'], ['weights.bin', '0123456789']]) writeFileSync(join(root, 'toy', f!), text!);
  writeFileSync(join(root, 'toy', 'card.json'), JSON.stringify(card({ 'config.json': 2, 'weights.json': 2, 'weights.bin': 10 })));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('shipped models', () => {
  it('finds a model, its card, and says which one a command uses', () => {
    expect(listShippedApps(root)).toEqual(['toy']);
    expect(shippedModel('toy', root).card.metrics[0]!.value).toBe(12.5);
    const lines: string[] = [];
    process.env.SEQ2SEQ_MODELS = root;
    try {
      expect(modelOrShipped(undefined, 'toy', (l) => lines.push(l))).toBe(join(root, 'toy'));
      expect(modelOrShipped('runs/mine', 'toy', (l) => lines.push(l))).toBe('runs/mine');
    } finally {
      delete process.env.SEQ2SEQ_MODELS;
    }
    expect(lines).toEqual([expect.stringMatching(/^model: shipped .*toy \(a toy model; BLEU 12\.5 on Toy test \(greedy\)\)$/)]);
  });

  it('names a missing or damaged model and how to restore it', () => {
    expect(() => shippedModel('nope', root)).toThrow(/no shipped model for 'nope' .*shipped: toy.*--model DIR/);
    truncateSync(join(root, 'toy', 'weights.bin'), 4);
    expect(() => shippedModel('toy', root)).toThrow(/weights\.bin has 4 bytes, its card says 10; restore it with `git checkout -- .*toy`/);
    rmSync(join(root, 'toy', 'weights.bin'));
    expect(() => shippedModel('toy', root)).toThrow(/weights\.bin is missing; restore it/);
    writeFileSync(join(root, 'toy', 'card.json'), '{"app": 3}');
    expect(() => shippedModel('toy', root)).toThrow(/bad model card .*'app' must be a string/);
  });
});
