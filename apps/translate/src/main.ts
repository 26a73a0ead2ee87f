import { main } from '@seq2seq/cli';
import { translateApp } from './index.js';

await main(translateApp);
