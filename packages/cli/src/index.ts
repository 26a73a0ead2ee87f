export * from './options.js';
export * from './app.js';
