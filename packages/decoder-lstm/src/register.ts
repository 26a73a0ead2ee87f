import { decoders } from '@seq2seq/core';
import { parseConfig } from './config.js';
import { LstmDecoder } from './decoder.js';

/** Registers kind 'lstm' once, however often the package is imported. */
if (!decoders.has('lstm')) decoders.register('lstm', (config, store) => new LstmDecoder(parseConfig(config), store));
