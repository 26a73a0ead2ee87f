export * from './canvas.js';
export * from './colormap.js';
export * from './heatmap.js';
export * from './png.js';
