import { main } from '@seq2seq/cli';
import { codegenApp } from './index.js';

await main(codegenApp);
