import type { CellType, JsonObject } from '@seq2seq/core';

export interface AudioRnnEncoderConfig {
  /** C, channels per input frame (featureDim of the front end). Required. */
  inputDim: number;
  /** Hidden units per direction; outputDim = 2 * units. Default 128. */
  units: number;
  /** BiLSTM layers after subsampling (>= 1 for 'conv'; >= 0 for 'pyramid'). Default 2. */
  layers: number;
  /** Recurrent cell. Default 'lstm'. */
  cell: CellType;
  /**
   * 'conv': log2(factor) stride-2 1-D convolutions (kernel 3, ReLU) before the BiLSTMs;
   * 'pyramid': log2(factor) pyramidal BiLSTM layers (adjacent frames concatenated, LAS).
   * Default 'conv'.
   */
  subsampling: 'conv' | 'pyramid';
  /** Time reduction, a power of two (1 = none). Default 4. */
  factor: number;
  /** Channels of the subsampling convolutions. Default 64. */
  convChannels: number;
  /** Dropout between layers when training. Default 0. */
  dropout: number;
}

export const defaultAudioRnnEncoderConfig: Omit<AudioRnnEncoderConfig, 'inputDim'> = {
  units: 128,
  layers: 2,
  cell: 'lstm',
  subsampling: 'conv',
  factor: 4,
  convChannels: 64,
  dropout: 0,
};

/** Fills defaults and validates; accepts the JSON a checkpoint stores. */
export function audioRnnEncoderConfig(partial: Partial<AudioRnnEncoderConfig> | JsonObject): AudioRnnEncoderConfig {
  const c = { ...defaultAudioRnnEncoderConfig, ...(partial as Partial<AudioRnnEncoderConfig>) } as AudioRnnEncoderConfig;
  const bad = (what: string) => new Error(`audio-rnn encoder config: ${what}`);
  const posInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
  if (!posInt(c.inputDim)) throw bad(`inputDim must be a positive integer, got ${String(c.inputDim)}`);
  if (!posInt(c.units)) throw bad(`units must be a positive integer, got ${String(c.units)}`);
  if (!posInt(c.convChannels)) throw bad(`convChannels must be a positive integer, got ${String(c.convChannels)}`);
  if (!posInt(c.factor) || (c.factor & (c.factor - 1)) !== 0) throw bad(`factor must be a power of two (1, 2, 4, 8, ...), got ${String(c.factor)}`);
  if (c.cell !== 'lstm' && c.cell !== 'gru') throw bad(`cell must be 'lstm' or 'gru', got '${String(c.cell)}'`);
  if (c.subsampling !== 'conv' && c.subsampling !== 'pyramid') throw bad(`subsampling must be 'conv' or 'pyramid', got '${String(c.subsampling)}'`);
  const pyramidLayers = c.subsampling === 'pyramid' ? Math.log2(c.factor) : 0;
  if (!(Number.isInteger(c.layers) && c.layers >= 0 && c.layers + pyramidLayers >= 1)) throw bad(`layers must be an integer >= ${pyramidLayers > 0 ? 0 : 1}, got ${String(c.layers)}`);
  if (!(c.dropout >= 0 && c.dropout < 1)) throw bad(`dropout must be in [0, 1), got ${String(c.dropout)}`);
  return c;
}
