export * from './catalog.js';
export * from './locate.js';
export * from './download.js';
export * from './obtain.js';
export { readZip } from './zip.js';
export * from './option.js';
