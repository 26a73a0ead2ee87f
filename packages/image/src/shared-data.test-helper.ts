// Paths into the machine's shared folder, resolved from the repository root (never absolute), so
// tests that need real weights or images skip where the folder is missing.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SHARED = resolve(REPO_ROOT, '..', 'shared');
export const EMOJI_DIR = `${SHARED}/data/emoji/google/64/`;
export const MOBILENET_DIR = `${SHARED}/models/mobilenet-v1-0.25-224`;
export const haveMobileNet = existsSync(`${MOBILENET_DIR}/graph/model.json`) && existsSync(EMOJI_DIR);
