import { main } from '@seq2seq/cli';
import { chatApp, chatArgv } from './index.js';

await main(chatApp, chatArgv(process.argv.slice(2)));
