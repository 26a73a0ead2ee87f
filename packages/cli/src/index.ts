export * from './options.js';
export * from './app.js';
export * from './output-file.js';
export * from './text-input.js';
export * from './flag-schema.js';
