import { main } from '@seq2seq/cli';
import { transcribeApp } from './index.js';

await main(transcribeApp);
