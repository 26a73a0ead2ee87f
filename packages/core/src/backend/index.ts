export { BACKEND_NAMES, initBackend, type BackendInfo, type BackendName, type InitBackendOptions } from './init.js';
export { startWebGpu, WEBGPU_PACKAGES, WebGpuUnavailable, type WebGpuInfo } from './webgpu.js';
export { installWasmFastPaths, WASM_FAST_PATHS } from './fast-paths.js';
export { installNativeKernels, NATIVE_KERNELS, nativeBlas, nativeKernelStats, setNativeEnabled } from './native-kernels.js';
