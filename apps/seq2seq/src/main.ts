import { main } from '@seq2seq/cli';
import { seq2seqApp } from './index.js';

await main(seq2seqApp);
