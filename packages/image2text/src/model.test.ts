import * as tf from '@tensorflow/tfjs';
import { loadMobileNet, type MobileNetEncoder, pretrainedNames, resolveModelDir } from '@seq2seq/image';
import { expectNoLeaks } from '@seq2seq/testing';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCaptionOptions } from './commands/model-options.js';
import { buildCaptionField } from './field.js';
import { captionModelConfig, createCaptionModel, initPretrainedEncoder } from './model.js';
import { captionModelDefaults, captionTrainDefaults } from './options.js';

const haveMobileNet = existsSync(new URL('../../../../shared/models/mobilenet-v1-0.25-224/graph/model.json', import.meta.url));
const field = buildCaptionField(['a red square', 'a blue circle'], captionModelDefaults);

describe('MobileNet fine-tuning option', () => {
  it('--fine-tune-blocks reaches the encoder config (default 0) and is checked', () => {
    const read = (flags: Record<string, unknown>) => readCaptionOptions(flags, captionModelDefaults, captionTrainDefaults).model;
    expect(read({}).fineTuneBlocks).toBe(0);
    const o = read({ 'fine-tune-blocks': 2 });
    expect(o.fineTuneBlocks).toBe(2);
    expect(captionModelConfig(field, o).encoder).toEqual({ kind: 'mobilenet', config: { version: 1, alpha: 0.25, fineTuneBlocks: 2 } });
    expect(captionModelConfig(field, captionModelDefaults).encoder.config).toMatchObject({ fineTuneBlocks: 0 });
    expect(() => read({ 'fine-tune-blocks': 8 })).toThrow(/--fine-tune-blocks must be one of 0, 1, .*7, got '8'/);
  });

  it('--palette: auto is skin-tones for emoji with MobileNet, else the default; the conv encoder takes none', () => {
    const read = (flags: Record<string, unknown>, emoji = false) => readCaptionOptions(flags, captionModelDefaults, captionTrainDefaults, { emoji }).model;
    expect(read({ palette: 'auto' }, true).palette).toBe('skin-tones');
    expect(read({ palette: 'auto' }).palette).toBe('none');
    expect(read({ palette: 'auto', encoder: 'conv' }, true).palette).toBe('none');
    expect(read({ palette: 'none' }, true).palette).toBe('none');
    const o = read({ palette: 'skin-tones' });
    expect(captionModelConfig(field, o).encoder.config).toMatchObject({ palette: 'skin-tones' });
    // The decoder reads the encoder's width (256 grid channels + 5 palette shares); nothing computes it by hand.
    expect(captionModelConfig(field, o).decoder.config).not.toHaveProperty('inputDim');
    const built = createCaptionModel(field, o, 1);
    expect([built.encoder.outputDim, built.decoder.inputDim]).toEqual([261, 261]);
    built.store.dispose();
    expect(captionModelConfig(field, read({})).encoder.config).not.toHaveProperty('palette');
    expect(() => read({ palette: 'sepia' })).toThrow(/--palette must be one of none, skin-tones, got 'sepia'/);
    expect(() => read({ palette: 'skin-tones', encoder: 'conv' })).toThrow(/--palette skin-tones needs --encoder mobilenet/);
  });

  it('a fresh model without fine-tuning has no encoder variables; with it, the top blocks are trainable', () => {
    const frozen = createCaptionModel(field, captionModelDefaults, 1);
    expect(frozen.store.trainable().filter(([k]) => k.startsWith('encoder/'))).toEqual([]);
    frozen.store.dispose();
    const tuned = createCaptionModel(field, { ...captionModelDefaults, fineTuneBlocks: 2 }, 1);
    expect(tuned.store.trainable().filter(([k]) => k.startsWith('encoder/')).map(([k]) => k.split('/')[1])).toEqual([...Array(5).fill('block12'), ...Array(5).fill('block13')]);
    tuned.store.dispose();
  });

  it.skipIf(!haveMobileNet)('initPretrainedEncoder copies the graph constants into the top blocks', async () => {
    const model = createCaptionModel(field, { ...captionModelDefaults, fineTuneBlocks: 1 }, 1);
    const enc = model.encoder as unknown as MobileNetEncoder;
    const { graph } = await loadMobileNet(1, 0.25, resolveModelDir({ version: 1, alpha: 0.25 }));
    const constant = graph.weights[pretrainedNames(13).pointwise]![0]!; // [1, 1, 256, 256]
    const diff = () => tf.tidy(() => tf.max(tf.abs(tf.sub(enc.top!.blocks[0]!.pointwise, constant.reshape([256, 256])))).dataSync()[0]!);
    expect(diff()).toBeGreaterThan(0.01);
    await expectNoLeaks(() => initPretrainedEncoder(model));
    expect(diff()).toBe(0);
    model.store.dispose();
  });
});

describe('MobileNet v2 option', () => {
  it('--encoder mobilenet-v2: a 1280(+5)-wide frozen encoder without a path in its config; palette auto; no fine-tuning yet', () => {
    const read = (flags: Record<string, unknown>, emoji = true) => readCaptionOptions(flags, captionModelDefaults, captionTrainDefaults, { emoji }).model;
    const o = read({ encoder: 'mobilenet-v2', palette: 'auto' });
    expect(o.palette).toBe('skin-tones');
    const cfg = captionModelConfig(field, o);
    expect(cfg.encoder).toEqual({ kind: 'mobilenet-v2', config: { palette: 'skin-tones' } });

    expect(() => read({ encoder: 'mobilenet-v2', 'fine-tune-blocks': 1 })).toThrow(/--fine-tune-blocks needs --encoder mobilenet \(v1\)/);
    expect(() => read({ encoder: 'mobilenet3' })).toThrow(/--encoder must be one of mobilenet, mobilenet-v2, conv/);
    const plain = createCaptionModel(field, read({ encoder: 'mobilenet-v2', palette: 'none' }), 1);
    expect(plain.decoder.inputDim).toBe(1280);
    plain.store.dispose();
    const model = createCaptionModel(field, o, 1);
    expect(model.decoder.inputDim).toBe(1285);
    expect(model.store.trainable().filter(([k]) => k.startsWith('encoder/'))).toEqual([]);
    model.store.dispose();
  });
});

