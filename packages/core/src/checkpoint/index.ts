export * from './format.js';
export * from './weights-io.js';
export * from './atomic.js';
export * from './save.js';
export * from './load.js';
export * from './restore.js';
export * from './build.js';
