import { checkOneOf, type FlagSchema } from '@seq2seq/cli/flags';
import type { CellType, ComponentSpec } from '@seq2seq/core';

/** The text-rnn encoder settings a pipeline exposes as flags (flat, beside the decoder's). */
export interface TextRnnEncoderOptions {
  encoderUnits: number;
  encoderLayers: number;
  cell: CellType;
  bidirectional: boolean;
}

const CELLS: readonly CellType[] = ['lstm', 'gru'];

/** The encoder's command-line flags, help and defaults (`d`, the pipeline's), written once. */
export function textRnnEncoderFlags(d: TextRnnEncoderOptions): FlagSchema<TextRnnEncoderOptions> {
  return {
    'encoder-units': { key: 'encoderUnits', spec: { type: 'number', description: 'encoder units per direction', default: d.encoderUnits, integer: true, min: 1 } },
    'encoder-layers': { key: 'encoderLayers', spec: { type: 'number', description: 'encoder layers', default: d.encoderLayers, integer: true, min: 1 } },
    cell: { key: 'cell', spec: { type: 'string', description: `encoder cell: ${CELLS.join(' | ')}`, default: d.cell } },
    bidirectional: { key: 'bidirectional', spec: { type: 'boolean', description: 'bidirectional encoder', default: d.bidirectional } },
  };
}

/** Checks what the flags cannot (the enumeration), with the flag's name in the message. */
export function checkTextRnnEncoderOptions(o: TextRnnEncoderOptions): void {
  checkOneOf('cell', o.cell, CELLS);
}

/**
 * The registry spec of a 'text-rnn' encoder. The source vocabulary, embedding width and dropout are
 * the pipeline's (text2text shares them with the decoder).
 */
export function textRnnEncoderSpec(o: TextRnnEncoderOptions, shared: { vocabSize: number; embeddingDim: number; dropout: number }): ComponentSpec {
  return {
    kind: 'text-rnn',
    config: { vocabSize: shared.vocabSize, embeddingDim: shared.embeddingDim, units: o.encoderUnits, layers: o.encoderLayers, cell: o.cell, bidirectional: o.bidirectional, dropout: shared.dropout },
  };
}
