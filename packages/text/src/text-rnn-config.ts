import type { CellType, JsonObject } from '@seq2seq/core';
import { readBoolean, readChoice, readNumber } from './json-fields.js';

/** TextRnnEncoder settings; `config()` stores them all, so a checkpoint rebuilds the same encoder. */
export interface TextRnnConfig {
  /** Source vocabulary size (rows of the embedding). Required. */
  vocabSize: number;
  /** Default 256. */
  embeddingDim: number;
  /** Hidden units per direction (outputDim = 2 * units when bidirectional). Default 256. */
  units: number;
  /** Stacked recurrent layers. Default 1. */
  layers: number;
  /** Default 'lstm'. */
  cell: CellType;
  /** Forward and backward pass per layer, outputs concatenated. Default true. */
  bidirectional: boolean;
  /** Dropout rate on the embeddings and between layers (training only). Default 0.2. */
  dropout: number;
  /** Add each layer's input to its output from the second layer on (same width there). Default false. */
  residual: boolean;
}

export type TextRnnOptions = Partial<TextRnnConfig> & Pick<TextRnnConfig, 'vocabSize'>;

export function textRnnConfig(o: TextRnnOptions): TextRnnConfig {
  const c: TextRnnConfig = {
    vocabSize: o.vocabSize,
    embeddingDim: o.embeddingDim ?? 256,
    units: o.units ?? 256,
    layers: o.layers ?? 1,
    cell: o.cell ?? 'lstm',
    bidirectional: o.bidirectional ?? true,
    dropout: o.dropout ?? 0.2,
    residual: o.residual ?? false,
  };
  for (const key of ['vocabSize', 'embeddingDim', 'units', 'layers'] as const) {
    if (!Number.isInteger(c[key]) || c[key] < 1) throw new Error(`text-rnn '${key}' must be a positive integer, got ${c[key]}`);
  }
  if (!(c.dropout >= 0 && c.dropout < 1)) throw new Error(`text-rnn 'dropout' must be in [0, 1), got ${c.dropout}`);
  if (c.cell !== 'lstm' && c.cell !== 'gru') throw new Error(`text-rnn 'cell' must be 'lstm' or 'gru', got ${String(c.cell)}`);
  return c;
}

/** Reads a config from checkpoint/CLI JSON, filling defaults and naming any bad field. */
export function parseTextRnnConfig(json: JsonObject): TextRnnConfig {
  return textRnnConfig({
    vocabSize: readNumber(json, 'vocabSize'),
    embeddingDim: readNumber(json, 'embeddingDim', 256),
    units: readNumber(json, 'units', 256),
    layers: readNumber(json, 'layers', 1),
    cell: readChoice<CellType>(json, 'cell', ['lstm', 'gru'], 'lstm'),
    bidirectional: readBoolean(json, 'bidirectional', true),
    dropout: readNumber(json, 'dropout', 0.2),
    residual: readBoolean(json, 'residual', false),
  });
}
