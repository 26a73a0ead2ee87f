export * from './lines.js';
export * from './pairs.js';
export * from './split.js';
