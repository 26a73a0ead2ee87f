import { main } from '@seq2seq/cli';
import { summarizeApp } from './index.js';

await main(summarizeApp);
