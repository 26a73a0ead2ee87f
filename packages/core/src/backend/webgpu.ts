import * as tf from '@tensorflow/tfjs';
import { installWebGpuAddN } from './webgpu-kernels.js';

/**
 * The webgpu backend in Node: `@tensorflow/tfjs-backend-webgpu` over Dawn from the `webgpu` npm
 * package (prebuilt `dawn.node`), which provides `navigator.gpu`. Both packages are optional
 * dependencies of @seq2seq/core; Dawn needs a Vulkan driver (a GPU's, or Mesa's lavapipe >= 23 on a
 * machine without one). Nothing else in the toolkit needs them.
 */

/** Versions that match @tensorflow/tfjs 4.22.0 (what `npm install` puts in place). */
export const WEBGPU_PACKAGES = 'webgpu@0.6.2 @tensorflow/tfjs-backend-webgpu@4.22.0';
const DRIVER_HINT =
  'a Vulkan driver: a GPU with its Vulkan driver, or without a GPU Mesa lavapipe >= 23 (Debian/Ubuntu: apt-get install libvulkan1 mesa-vulkan-drivers; on Debian 12 from bookworm-backports, as Mesa 22 is refused by Dawn)';

/** The one-line reason webgpu is unavailable, e.g. for a test's skip message. */
export class WebGpuUnavailable extends Error {}

export interface WebGpuInfo {
  /** The adapter's vendor / architecture / description, as Dawn reports them. */
  adapter: string;
}

interface DawnModule {
  create(flags: string[]): GpuLike;
  globals: Record<string, unknown>;
}
interface GpuLike {
  requestAdapter(o?: { powerPreference?: string }): Promise<AdapterLike | null>;
}
interface AdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string; device?: string };
}

let installed: Promise<WebGpuInfo> | undefined;

/**
 * Installs `navigator.gpu` from Dawn, checks that it offers an adapter, registers the webgpu backend
 * and makes it current. Throws WebGpuUnavailable with one line naming what to install when a package
 * or the driver is missing.
 */
export function startWebGpu(): Promise<WebGpuInfo> {
  installed ??= install();
  return installed;
}

async function install(): Promise<WebGpuInfo> {
  const dawn = await importOptional<DawnModule>('webgpu');
  const gpu = dawn.create([]);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new WebGpuUnavailable(`webgpu: Dawn found no GPU adapter; it needs ${DRIVER_HINT}`);
  Object.assign(globalThis, dawn.globals);
  const g = globalThis as { navigator?: object };
  // Node 20 has no navigator; Node >= 21 has one without gpu.
  g.navigator ??= {};
  Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
  // The backend registers itself on import, only when navigator.gpu exists.
  await importOptional<object>('@tensorflow/tfjs-backend-webgpu');
  installWebGpuAddN();
  if (!(await tf.setBackend('webgpu'))) throw new WebGpuUnavailable(`webgpu: the backend did not initialise on adapter ${describe(adapter)}`);
  return { adapter: describe(adapter) };
}

async function importOptional<T>(name: string): Promise<T> {
  try {
    // A variable specifier keeps tsc and bundlers from requiring the optional package.
    const spec = name;
    return (await import(spec)) as T;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/Cannot find (package|module)/.test(message)) throw new WebGpuUnavailable(`webgpu: the optional package '${name}' is not installed (npm install ${WEBGPU_PACKAGES}; it also needs ${DRIVER_HINT})`);
    throw new WebGpuUnavailable(`webgpu: '${name}' failed to load: ${message.split('\n')[0]}`);
  }
}

function describe(a: AdapterLike): string {
  const i = a.info ?? {};
  return [i.vendor, i.architecture, i.description || i.device].filter((s) => s !== undefined && s !== '').join(' / ') || 'unknown';
}
