import { runApp } from '@seq2seq/cli';
import { chatApp, chatArgv } from './index.js';

process.exitCode = await runApp(chatApp, chatArgv(process.argv.slice(2)));
