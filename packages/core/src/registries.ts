import type { DecoderFactory, EncoderFactory } from './contract.js';
import { Registry } from './registry.js';

/** Encoder kinds by name; packages register theirs on import (e.g. '@seq2seq/text' adds 'text-rnn'). */
export const encoders = new Registry<EncoderFactory>('encoder');
/** Decoder kinds by name ('@seq2seq/decoder-lstm' adds 'lstm'). */
export const decoders = new Registry<DecoderFactory>('decoder');
