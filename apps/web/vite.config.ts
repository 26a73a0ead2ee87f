import { createReadStream, existsSync, mkdirSync, copyFileSync, readdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

// The page loads the shipped checkpoints over HTTP from models/<app>/. They are not duplicated in
// git: the dev and preview servers serve them from the repository's models/, and `vite build`
// copies them into dist/models (dist is git-ignored).
const here = dirname(fileURLToPath(import.meta.url));
const modelsRoot = resolve(process.env.SEQ2SEQ_MODELS ?? join(here, '../../models'));
/** Only these files are served or copied: nothing else under models/ is reachable. */
const SHIPPED: Record<string, readonly string[]> = {
  translate: ['config.json', 'weights.json', 'weights.bin', 'card.json'],
  transcribe: ['config.json', 'weights.json', 'weights.bin', 'card.json', ...sampleFiles()],
};

function sampleFiles(): string[] {
  const dir = join(modelsRoot, 'transcribe/samples/wav');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.wav')).sort().map((f) => `samples/wav/${f}`) : [];
}

const TYPES: Record<string, string> = { '.json': 'application/json', '.bin': 'application/octet-stream', '.wav': 'audio/wav' };

function serveModels(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const m = /^\/models\/([a-z0-9-]+)\/(.+)$/.exec(url.pathname);
  const file = m && SHIPPED[m[1]!]?.includes(m[2]!) ? join(modelsRoot, m[1]!, m[2]!) : undefined;
  if (!file || !existsSync(file)) return next();
  res.setHeader('content-type', TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream');
  res.setHeader('content-length', String(statSync(file).size));
  createReadStream(file).pipe(res);
}

function shippedModels(): Plugin {
  let outDir = 'dist';
  return {
    name: 'seq2seq-shipped-models',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use(serveModels);
    },
    configurePreviewServer(server) {
      server.middlewares.use(serveModels);
    },
    closeBundle() {
      for (const [app, files] of Object.entries(SHIPPED)) {
        for (const f of files) {
          const to = join(outDir, 'models', app, f);
          mkdirSync(dirname(to), { recursive: true });
          copyFileSync(join(modelsRoot, app, f), to);
        }
      }
    },
  };
}

export default defineConfig({
  root: here,
  // Relative asset paths: the built folder works wherever it is served from.
  base: './',
  plugins: [shippedModels()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  server: { port: 5173, host: '127.0.0.1' },
  preview: { port: 4173, host: '127.0.0.1' },
});
