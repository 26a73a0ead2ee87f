import { main } from '@seq2seq/cli';
import { metricsApp } from './commands.js';

// Entry point of the `metrics` bin (bin/metrics.js).
await main(metricsApp);
