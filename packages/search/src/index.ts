export { beamSearch } from './beam.js';
export { greedy } from './greedy.js';
export { decoderFor, type EncoderDecoder, EnsembleDecoder, ensembleMemory, type EnsembleMemory, type EnsembleState, type EnsembleOptions } from './ensemble.js';
export { sample } from './sample.js';
export { closedSetConstraint } from './closed-set.js';
export { prefixConstraint } from './prefix.js';
export { lengthPenalty } from './length-penalty.js';
export type { SearchOptions, BeamSearchOptions, SampleOptions, Hypothesis } from './options.js';
export { ScriptedDecoder, type ScriptedDecoderOptions, type ScriptedMemory, type ScriptedState, type Distribution } from './fake-decoder.js';
