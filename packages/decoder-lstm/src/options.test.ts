import { describe, expect, it } from 'vitest';
import { checkLstmDecoderOptions, lstmDecoderFlags, lstmDecoderOptionsOf, lstmDecoderSpec, withoutLstmDecoderOptions } from './options.js';

const d = { embeddingDim: 32, decoderUnits: 64, decoderLayers: 2, attention: 'additive' as const, inputFeeding: false, tieEmbeddings: false, copy: false, dropout: 0.1 };

describe('the decoder owns its options', () => {
  it('gives the flags a pipeline picks, in its order, with its defaults in the help', () => {
    const flags = lstmDecoderFlags(d, ['attention', 'decoderUnits']);
    expect(Object.keys(flags)).toEqual(['attention', 'decoder-units']);
    expect(flags.attention!.spec).toEqual({ type: 'string', description: 'none | dot | general | additive', default: 'additive' });
    expect(flags['decoder-units']!.key).toBe('decoderUnits');
  });

  it('checks the attention enumeration, naming the flag', () => {
    expect(() => checkLstmDecoderOptions({ attention: 'luong' as never })).toThrow("--attention must be one of none, dot, general, additive, got 'luong'");
    expect(() => checkLstmDecoderOptions(d)).not.toThrow();
  });

  it('builds a spec without inputDim (the model takes the encoder width) and leaves unset options to the decoder', () => {
    expect(lstmDecoderSpec({ decoderUnits: 8, attention: 'dot' }, 11)).toEqual({ kind: 'lstm', config: { vocabSize: 11, units: 8, attention: 'dot' } });
  });

  it('reads the options back from a decoder config, old or new, and leaves them out of task.options', () => {
    expect(lstmDecoderOptionsOf({ vocabSize: 5, inputDim: 4, embeddingDim: 32, units: 64, layers: 2, attention: 'additive', inputFeeding: false, dropout: 0.1, copy: false, tieEmbeddings: false }, ['embeddingDim', 'decoderUnits', 'decoderLayers', 'attention', 'inputFeeding', 'tieEmbeddings', 'copy', 'dropout'])).toEqual(d);
    // A config from before inputFeeding, copy or tieEmbeddings existed: the decoder's defaults then (input feeding on).
    expect(lstmDecoderOptionsOf({ vocabSize: 5, inputDim: 4, units: 64 }, ['inputFeeding', 'copy', 'decoderUnits'])).toEqual({ inputFeeding: true, copy: false, decoderUnits: 64 });
    expect(withoutLstmDecoderOptions({ ...d, encoderUnits: 3, labelSmoothing: 0.1 })).toEqual({ encoderUnits: 3, labelSmoothing: 0.1 });
  });
});
