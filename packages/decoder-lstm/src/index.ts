import './register.js';

export { LstmDecoder, type LstmForwardResult, type LstmStepResult } from './decoder.js';
export { lstmDecoderDefaults, parseConfig, resolveConfig, type AttentionType, type BridgeType, type LstmDecoderConfig, type ResolvedLstmDecoderConfig } from './config.js';
export type { LstmDecoderMemory, LstmDecoderState } from './state.js';
export { maskedSoftmax } from './attention.js';
