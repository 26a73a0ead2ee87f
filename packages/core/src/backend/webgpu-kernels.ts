import * as tf from '@tensorflow/tfjs';

interface GpuBackendLike {
  device?: { limits?: { maxStorageBuffersPerShaderStage?: number } };
  disposeData(dataId: tf.DataId): void;
}
type TensorInfo = { dataId: tf.DataId; shape: number[]; dtype: tf.DataType };
type AddNKernel = (args: { inputs: TensorInfo[]; backend: GpuBackendLike; attrs?: tf.NamedAttrMap }) => TensorInfo;

/**
 * tfjs-backend-webgpu 4.22's AddN binds every input as a storage buffer in one shader; WebGPU's
 * default limit is 8 per stage (inputs + output), so the gradient of a tensor used in more than 7
 * places (an LSTM's recurrent weights over 8+ steps) failed validation and left garbage. This wraps
 * the shipped kernel: sums of up to `limit - 1` inputs, then the sum of those.
 */
export function installWebGpuAddN(): void {
  const shipped = tf.getKernel('AddN', 'webgpu');
  if (!shipped || (shipped.kernelFunc as { chunked?: boolean }).chunked) return;
  const inner = shipped.kernelFunc as unknown as AddNKernel;
  const chunked: AddNKernel = (args) => {
    const most = Math.max(2, (args.backend.device?.limits?.maxStorageBuffersPerShaderStage ?? 8) - 1);
    let inputs = args.inputs;
    const made: TensorInfo[] = [];
    while (inputs.length > most) {
      const next: TensorInfo[] = [];
      for (let i = 0; i < inputs.length; i += most) {
        const part = inputs.slice(i, i + most);
        if (part.length === 1) next.push(part[0]!);
        else {
          const sum = inner({ ...args, inputs: part });
          made.push(sum);
          next.push(sum);
        }
      }
      inputs = next;
    }
    const out = inner({ ...args, inputs });
    for (const t of made) args.backend.disposeData(t.dataId);
    return out;
  };
  (chunked as { chunked?: boolean }).chunked = true;
  tf.unregisterKernel('AddN', 'webgpu');
  tf.registerKernel({ ...shipped, kernelFunc: chunked as unknown as tf.KernelFunc });
}
