import type { OptionSpecs } from '@seq2seq/cli';
import type { ChosenDataset } from '@seq2seq/datasets';
import type { generate } from '../generate.js';
import type { TextModelOptions, TextTrainOptions } from '../options.js';
import type { TextPair } from '../train.js';

/** An evaluation set: one source and one or more references per example. */
export interface EvalSet {
  sources: string[];
  /** references[i] = the references of example i (at least one). */
  references: string[][];
  /** Examples of the data left out as unusable (named on stderr by the loader); in eval's JSON. */
  skipped?: number;
}

/** Decoding defaults an app can set (flags --beam, --length-penalty, --no-repeat-ngram). */
export interface TextDecodeDefaults {
  /** Default 5. */
  beam?: number;
  /** GNMT alpha. Default 0.6. */
  lengthPenalty?: number;
  /** Default 0 (off). */
  noRepeatNgram?: number;
}

/** `generate`'s signature: what eval and predict call to decode. */
export type GenerateFn = typeof generate;

/**
 * An app's own decoding around `generate`, switched on by its own eval/predict flags (codegen's
 * documentation lookup). `create` returns undefined when those flags are unset: plain `generate`.
 */
export interface TextDecodeExtension {
  options: OptionSpecs;
  create(options: Record<string, unknown>, log: (line: string) => void): GenerateFn | undefined;
}

/**
 * What makes a text app: its data, its metrics and its defaults. The train/eval/predict commands
 * are the same for every text app (`textCommands`).
 */
export interface TextPreset {
  app: string;
  description: string;
  modelDefaults?: Partial<TextModelOptions>;
  trainDefaults?: Partial<TextTrainOptions>;
  /** Datasets `--dataset` takes (catalog names, see @seq2seq/datasets); none: no such flag. */
  datasets?: readonly string[];
  /** Extra flags for `train` that say where the data is. */
  trainDataOptions: OptionSpecs;
  /** `datasets`: what `--dataset` named, already found or downloaded (empty without the flag). */
  loadTrain(options: Record<string, unknown>, log: (line: string) => void, datasets: readonly ChosenDataset[]): { train: TextPair[]; valid: TextPair[] };
  /** Flags for `eval`. */
  evalDataOptions: OptionSpecs;
  loadEval(options: Record<string, unknown>, log: (line: string) => void, datasets: readonly ChosenDataset[]): EvalSet;
  /** Model selection during training (computed on greedy outputs vs one reference). */
  selection: { name: string; higherIsBetter: boolean; compute: (hyps: string[], refs: string[]) => number };
  /** The eval command's final JSON (without n). */
  evalMetrics(hyps: string[], set: EvalSet): Record<string, number>;
  /** Decoding defaults of eval/predict (each a flag). */
  decodeDefaults?: TextDecodeDefaults;
  /** Extra decoding of eval and predict (flags and what they switch on). */
  decodeExtension?: TextDecodeExtension;
}
