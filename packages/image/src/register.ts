import { encoders } from '@seq2seq/core';
import { ConvEncoder } from './conv-encoder.js';
import { parseConvEncoderConfig, parseMobileNetEncoderConfig, parseMobileNetV2EncoderConfig } from './encoder-configs.js';
import { MobileNetEncoder } from './mobilenet/mobilenet-encoder.js';
import { MobileNetV2Encoder } from './mobilenet-v2/mobilenet-v2-encoder.js';

// Registered on import; guarded, so a second evaluation of this module (two import paths in a test
// runner) does not throw. The mobilenet factories cannot load their graphs (factories are
// synchronous): `await encoder.load()` afterwards. The v2 folder comes from
// $SEQ2SEQ_MOBILENET_V2_DIR or the shared copy at load time (never a download); v2 is frozen, so it
// has no variables in `store`.
if (!encoders.has('conv')) encoders.register('conv', (config, store) => new ConvEncoder(parseConvEncoderConfig(config), store));
if (!encoders.has('mobilenet')) encoders.register('mobilenet', (config, store) => new MobileNetEncoder(parseMobileNetEncoderConfig(config), { store }));
if (!encoders.has('mobilenet-v2')) encoders.register('mobilenet-v2', (config) => new MobileNetV2Encoder(parseMobileNetV2EncoderConfig(config)));
