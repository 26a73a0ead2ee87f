import './register.js';

export { LstmDecoder, type LstmForwardResult, type LstmStepResult } from './decoder.js';
export { ATTENTION_TYPES, lstmDecoderDefaults, parseConfig, resolveConfig, type AttentionType, type BridgeType, type LstmDecoderConfig, type ResolvedLstmDecoderConfig } from './config.js';
export type { LstmDecoderMemory, LstmDecoderState } from './state.js';
export { maskedSoftmax } from './attention.js';
export { checkLstmDecoderOptions, lstmDecoderFlags, type LstmDecoderOptions, lstmDecoderOptionsOf, lstmDecoderSpec, withoutLstmDecoderOptions } from './options.js';
