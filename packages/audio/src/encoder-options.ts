import { checkOneOf, type FlagSchema } from '@seq2seq/cli/flags';
import type { CellType, ComponentSpec } from '@seq2seq/core';

/** The audio-rnn encoder settings a pipeline exposes as flags (flat, beside the decoder's). */
export interface AudioRnnEncoderOptions {
  /** Units per direction (the encoder's width is twice this). */
  encoderUnits: number;
  encoderLayers: number;
  cell: CellType;
  /** Time reduction by strided convolutions (a power of two). */
  factor: number;
  convChannels: number;
}

const CELLS: readonly CellType[] = ['lstm', 'gru'];

/** The encoder's command-line flags, help and defaults (`d`, the pipeline's), written once. */
export function audioRnnEncoderFlags(d: AudioRnnEncoderOptions): FlagSchema<AudioRnnEncoderOptions> {
  return {
    'encoder-units': { key: 'encoderUnits', spec: { type: 'number', description: 'encoder BiLSTM units per direction', default: d.encoderUnits, integer: true, min: 1 } },
    'encoder-layers': { key: 'encoderLayers', spec: { type: 'number', description: 'encoder BiLSTM layers', default: d.encoderLayers, integer: true, min: 1 } },
    cell: { key: 'cell', spec: { type: 'string', description: `encoder cell: ${CELLS.join(' | ')}`, default: d.cell } },
    factor: { key: 'factor', spec: { type: 'number', description: 'time reduction by strided convolutions (1, 2, 4, 8)', default: d.factor, integer: true, min: 1 } },
    'conv-channels': { key: 'convChannels', spec: { type: 'number', description: 'subsampling convolution channels', default: d.convChannels, integer: true, min: 1 } },
  };
}

/** Checks what the flags cannot (the enumeration), with the flag's name in the message. */
export function checkAudioRnnEncoderOptions(o: AudioRnnEncoderOptions): void {
  checkOneOf('cell', o.cell, CELLS);
}

/** The registry spec of an 'audio-rnn' encoder (conv subsampling) over `inputDim` feature channels. */
export function audioRnnEncoderSpec(o: AudioRnnEncoderOptions, shared: { inputDim: number; dropout: number }): ComponentSpec {
  return {
    kind: 'audio-rnn',
    config: { inputDim: shared.inputDim, units: o.encoderUnits, layers: o.encoderLayers, cell: o.cell, subsampling: 'conv', factor: o.factor, convChannels: o.convChannels, dropout: shared.dropout },
  };
}
