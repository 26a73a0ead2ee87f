import './register.js';

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
export * from './encoder-configs.js';
export * from './encoder-options.js';
export * from './mobilenet/fs-handler.js';
export * from './mobilenet/model-dir.js';
export * from './mobilenet/load-model.js';
export * from './mobilenet/depthwise.js';
export * from './mobilenet/top-blocks.js';
export * from './mobilenet/mobilenet-encoder.js';
export * from './mobilenet-v2/weights.js';
export * from './mobilenet-v2/mobilenet-v2-encoder.js';

