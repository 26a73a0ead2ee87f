import { main } from '@seq2seq/cli';
import { captionApp } from './index.js';

await main(captionApp);
