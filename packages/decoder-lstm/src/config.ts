import type { JsonObject } from '@seq2seq/core';

/** The attention kinds, listed once: the type, the config check and the `--attention` flag read this. */
export const ATTENTION_TYPES = ['none', 'dot', 'general', 'additive'] as const;
export type AttentionType = (typeof ATTENTION_TYPES)[number];
export type BridgeType = 'dense' | 'zeros';

/** Options of the LSTM decoder; every field but vocabSize and inputDim has a default. */
export interface LstmDecoderConfig {
  /** V, the target vocabulary size. */
  vocabSize: number;
  /** D, the encoder width (EncoderOutput.states and .summary). */
  inputDim: number;
  /** E, width of the target embedding. Default 256. */
  embeddingDim?: number;
  /** H, units of every LSTM layer (also the attentional vector width). Default 256. */
  units?: number;
  /** Stacked LSTM layers. Default 1. */
  layers?: number;
  /** 'none' is the plain context-vector model; dot/general are Luong, additive is Bahdanau. Default 'general'. */
  attention?: AttentionType;
  /** Concatenate the previous attentional vector to the input embedding (Luong). Ignored without attention. Default true. */
  inputFeeding?: boolean;
  /** Initial h and c of every layer: tanh(W·summary + b), or zeros. Default 'dense'. */
  bridge?: BridgeType;
  /** Also feed the encoder summary at every step (Cho et al. 2014). Default false. */
  feedSummary?: boolean;
  /** Dropout on the embedding, between layers and before the output projection. Default 0.2. */
  dropout?: number;
  /** Share the embedding matrix with the output projection (Press & Wolf 2017). Default false. */
  tieEmbeddings?: boolean;
  /**
   * Pointer-generator copy mechanism (See et al. 2017): the output distribution mixes the vocabulary
   * softmax with the attention weights scattered onto EncoderOutput.sourceTokens. Needs attention
   * and an encoder that provides sourceTokens. Default false.
   */
  copy?: boolean;
}

export type ResolvedLstmDecoderConfig = Required<LstmDecoderConfig>;

export const lstmDecoderDefaults = {
  embeddingDim: 256,
  units: 256,
  layers: 1,
  attention: 'general',
  inputFeeding: true,
  bridge: 'dense',
  feedSummary: false,
  dropout: 0.2,
  tieEmbeddings: false,
  copy: false,
} as const satisfies Omit<ResolvedLstmDecoderConfig, 'vocabSize' | 'inputDim'>;

const BRIDGE: readonly BridgeType[] = ['dense', 'zeros'];

/** Fills in defaults and checks every field, with messages that name the field and the value. */
export function resolveConfig(config: LstmDecoderConfig): ResolvedLstmDecoderConfig {
  const c = { ...lstmDecoderDefaults, ...stripUndefined(config) } as ResolvedLstmDecoderConfig;
  for (const k of ['vocabSize', 'inputDim', 'embeddingDim', 'units', 'layers'] as const) {
    if (!Number.isInteger(c[k]) || c[k] < 1) throw new Error(`lstm decoder: ${k} must be a positive integer, got ${String(c[k])}`);
  }
  if (!ATTENTION_TYPES.includes(c.attention)) throw new Error(`lstm decoder: attention must be one of ${ATTENTION_TYPES.join(', ')}, got '${String(c.attention)}'`);
  if (!BRIDGE.includes(c.bridge)) throw new Error(`lstm decoder: bridge must be one of ${BRIDGE.join(', ')}, got '${String(c.bridge)}'`);
  if (typeof c.dropout !== 'number' || !(c.dropout >= 0 && c.dropout < 1)) throw new Error(`lstm decoder: dropout must be in [0, 1), got ${String(c.dropout)}`);
  for (const k of ['inputFeeding', 'feedSummary', 'tieEmbeddings', 'copy'] as const) {
    if (typeof c[k] !== 'boolean') throw new Error(`lstm decoder: ${k} must be a boolean, got ${String(c[k])}`);
  }
  if (c.attention === 'dot' && c.units !== c.inputDim) {
    throw new Error(`lstm decoder: 'dot' attention needs units (${c.units}) equal to inputDim (${c.inputDim}); use 'general'`);
  }
  if (c.copy && c.attention === 'none') {
    throw new Error("lstm decoder: copy needs attention (it copies with the attention weights); attention is 'none'");
  }
  if (c.attention === 'none' && c.bridge === 'zeros' && !c.feedSummary) {
    throw new Error("lstm decoder: attention 'none' with bridge 'zeros' and feedSummary false would ignore the encoder");
  }
  return c;
}

/** Reads a config from JSON (checkpoints, registry factories); unknown keys are an error, to catch typos. */
export function parseConfig(json: JsonObject): ResolvedLstmDecoderConfig {
  const known = new Set<string>(['vocabSize', 'inputDim', ...Object.keys(lstmDecoderDefaults)]);
  const unknown = Object.keys(json).filter((k) => !known.has(k));
  if (unknown.length > 0) throw new Error(`lstm decoder: unknown config keys ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
  return resolveConfig(json as unknown as LstmDecoderConfig);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
