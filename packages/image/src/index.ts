import { encoders } from '@seq2seq/core';
import { ConvEncoder, type ConvEncoderConfig } from './conv-encoder.js';
import { MobileNetEncoder, type MobileNetEncoderConfig } from './mobilenet/mobilenet-encoder.js';
import { MobileNetV2Encoder, type MobileNetV2EncoderConfig } from './mobilenet-v2/mobilenet-v2-encoder.js';

export * from './header.js';
export * from './decode.js';
export * from './trim.js';
export * from './palette.js';
export * from './resize.js';
export * from './normalize.js';
export * from './batch.js';
export * from './front-end.js';
export * from './feature-cache.js';
export * from './conv-encoder.js';
export * from './mobilenet/fs-handler.js';
export * from './mobilenet/model-dir.js';
export * from './mobilenet/load-model.js';
export * from './mobilenet/depthwise.js';
export * from './mobilenet/top-blocks.js';
export * from './mobilenet/mobilenet-encoder.js';
export * from './mobilenet-v2/weights.js';
export * from './mobilenet-v2/mobilenet-v2-encoder.js';

// Registered on import. The mobilenet factory cannot load the graph (factories are synchronous):
// `await encoder.load()` afterwards, see MobileNetEncoder.
encoders.register('conv', (config, store) => new ConvEncoder(config as ConvEncoderConfig, store));
encoders.register('mobilenet', (config, store) => new MobileNetEncoder(config as MobileNetEncoderConfig, { store }));
// The v2 folder comes from $SEQ2SEQ_MOBILENET_V2_DIR or the shared copy at load time (never a download).
encoders.register('mobilenet-v2', (config) => new MobileNetV2Encoder(config as MobileNetV2EncoderConfig));
