import { checkOneOf, type FlagSchema } from '@seq2seq/cli/flags';
import type { ComponentSpec, JsonObject } from '@seq2seq/core';
import { ATTENTION_TYPES, type AttentionType, lstmDecoderDefaults } from './config.js';

/**
 * The decoder settings a pipeline exposes as flags, in the flat form pipelines keep their model
 * options in (`decoderUnits`, not `units`, beside the encoder's `encoderUnits`).
 */
export interface LstmDecoderOptions {
  /** Width of the output-token embedding. */
  embeddingDim: number;
  decoderUnits: number;
  decoderLayers: number;
  attention: AttentionType;
  inputFeeding: boolean;
  tieEmbeddings: boolean;
  /** Pointer-generator copy mechanism; needs attention and an encoder that gives sourceTokens. */
  copy: boolean;
  dropout: number;
}

type Key = keyof LstmDecoderOptions;

/** The decoder's own defaults in option form: for flags a pipeline does not pick, and configs that lack a field. */
const fallback: LstmDecoderOptions = {
  embeddingDim: lstmDecoderDefaults.embeddingDim,
  decoderUnits: lstmDecoderDefaults.units,
  decoderLayers: lstmDecoderDefaults.layers,
  attention: lstmDecoderDefaults.attention,
  inputFeeding: lstmDecoderDefaults.inputFeeding,
  tieEmbeddings: lstmDecoderDefaults.tieEmbeddings,
  copy: lstmDecoderDefaults.copy,
  dropout: lstmDecoderDefaults.dropout,
};

/**
 * The decoder's command-line flags, help and defaults (`d`, the pipeline's), written once; `keys`
 * picks the ones a pipeline offers, in that order (captioning has no --copy: its encoder gives no
 * source tokens).
 */
export function lstmDecoderFlags<K extends Key>(d: Pick<LstmDecoderOptions, K>, keys: readonly K[]): FlagSchema<Pick<LstmDecoderOptions, K>> {
  const v = { ...fallback, ...d };
  const all: FlagSchema<LstmDecoderOptions> = {
    'embedding-dim': { key: 'embeddingDim', spec: { type: 'number', description: 'embedding width of the output tokens', default: v.embeddingDim, integer: true, min: 1 } },
    'decoder-units': { key: 'decoderUnits', spec: { type: 'number', description: 'decoder LSTM units', default: v.decoderUnits, integer: true, min: 1 } },
    'decoder-layers': { key: 'decoderLayers', spec: { type: 'number', description: 'decoder LSTM layers', default: v.decoderLayers, integer: true, min: 1 } },
    attention: { key: 'attention', spec: { type: 'string', description: ATTENTION_TYPES.join(' | '), default: v.attention } },
    'input-feeding': { key: 'inputFeeding', spec: { type: 'boolean', description: 'feed the previous attentional vector (slower: decodes step by step)', default: v.inputFeeding } },
    'tie-embeddings': { key: 'tieEmbeddings', spec: { type: 'boolean', description: 'tie target embedding and output layer', default: v.tieEmbeddings } },
    copy: { key: 'copy', spec: { type: 'boolean', description: 'copy mechanism (pointer-generator): the decoder can copy source pieces (names, rare words); needs attention', default: v.copy } },
    dropout: { key: 'dropout', spec: { type: 'number', description: 'dropout rate', default: v.dropout, min: 0 } },
  };
  const out: FlagSchema<Pick<LstmDecoderOptions, K>> = {};
  for (const [flag, f] of Object.entries(all)) if ((keys as readonly Key[]).includes(f.key)) out[flag] = f as FlagSchema<Pick<LstmDecoderOptions, K>>[string];
  // In the order of `keys`, so a pipeline places the flags where its help lists them.
  return Object.fromEntries(keys.map((k) => Object.entries(out).find(([, f]) => f.key === k)!)) as FlagSchema<Pick<LstmDecoderOptions, K>>;
}

/** Checks what the flags cannot (the enumeration), with the flag's name in the message. */
export function checkLstmDecoderOptions(o: Partial<LstmDecoderOptions>): void {
  if (o.attention !== undefined) checkOneOf('attention', o.attention, ATTENTION_TYPES);
}

/**
 * The registry spec of an 'lstm' decoder with these options. No inputDim: the model builder takes
 * it from the encoder's outputDim. Options a pipeline does not have keep the decoder's defaults.
 */
export function lstmDecoderSpec(o: Partial<LstmDecoderOptions>, vocabSize: number): ComponentSpec {
  const config: JsonObject = { vocabSize };
  const put = (key: string, v: number | boolean | string | undefined) => {
    if (v !== undefined) config[key] = v;
  };
  put('embeddingDim', o.embeddingDim);
  put('units', o.decoderUnits);
  put('layers', o.decoderLayers);
  put('attention', o.attention);
  put('inputFeeding', o.inputFeeding);
  put('tieEmbeddings', o.tieEmbeddings);
  put('copy', o.copy);
  put('dropout', o.dropout);
  return { kind: 'lstm', config };
}

/**
 * The options a checkpoint's decoder was built with, read from its decoder config (what its weights
 * are), so pipelines need not store them again in task.options. Absent fields (configs from before
 * a field existed) take the decoder's own defaults, as the decoder did when it was built.
 */
export function lstmDecoderOptionsOf<K extends Key>(config: JsonObject, keys: readonly K[]): Pick<LstmDecoderOptions, K> {
  const num = (v: unknown, d: number) => (typeof v === 'number' ? v : d);
  const bool = (v: unknown, d: boolean) => (typeof v === 'boolean' ? v : d);
  const all: LstmDecoderOptions = {
    embeddingDim: num(config.embeddingDim, fallback.embeddingDim),
    decoderUnits: num(config.units, fallback.decoderUnits),
    decoderLayers: num(config.layers, fallback.decoderLayers),
    attention: typeof config.attention === 'string' ? (config.attention as AttentionType) : fallback.attention,
    inputFeeding: bool(config.inputFeeding, fallback.inputFeeding),
    tieEmbeddings: bool(config.tieEmbeddings, fallback.tieEmbeddings),
    copy: bool(config.copy, fallback.copy),
    dropout: num(config.dropout, fallback.dropout),
  };
  return Object.fromEntries(keys.map((k) => [k, all[k]])) as Pick<LstmDecoderOptions, K>;
}

/** `options` without the decoder's fields: what a pipeline stores in task.options (the decoder config holds the rest). */
export function withoutLstmDecoderOptions<T extends object>(options: T): Omit<T, Key> {
  const out = { ...options } as Record<string, unknown>;
  for (const k of Object.keys(fallback)) delete out[k];
  return out as Omit<T, Key>;
}
