import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

/** Debian's Chromium (apt-get install chromium); the browser tests skip, saying why, without it. */
export const CHROMIUM = process.env.SEQ2SEQ_CHROMIUM ?? '/usr/bin/chromium';

declare module 'vitest' {
  interface ProvidedContext {
    /** The built page served on localhost, or '' when the browser tests skip. */
    webUrl: string;
    webSkip: string;
  }
}

/**
 * Builds the page once per test run (vite build, as `npm run build -w apps/web`) and serves the
 * result with vite preview on a free localhost port, as a user would after building.
 */
export default async function setup({ provide }: { provide: (key: 'webUrl' | 'webSkip', value: string) => void }): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM)) {
    provide('webUrl', '');
    provide('webSkip', `${CHROMIUM} not found (apt-get install chromium; .ci/run installs it)`);
    return async () => {};
  }
  const root = fileURLToPath(new URL('..', import.meta.url));
  await build({ root, configFile: `${root}/vite.config.ts`, logLevel: 'warn' });
  const server = await preview({ root, configFile: `${root}/vite.config.ts`, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
  const address = server.httpServer.address() as AddressInfo;
  provide('webUrl', `http://127.0.0.1:${address.port}/`);
  provide('webSkip', '');
  return async () => {
    await server.close();
  };
}
