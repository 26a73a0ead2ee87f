export * from './card.js';
export * from './shipped.js';
