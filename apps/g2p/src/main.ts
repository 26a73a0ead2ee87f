import { main } from '@seq2seq/cli';
import { g2pApp } from './index.js';

await main(g2pApp);
