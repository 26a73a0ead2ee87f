#!/usr/bin/env bash
# Device check: training and decoding throughput of the shipped translate model (models/translate) on
# a GPU, through the webgpu backend (Dawn from the optional npm package webgpu, over Vulkan) and
# through @tensorflow/tfjs-node-gpu where that is installed, with the wasm backend on the same
# machine's CPUs as the baseline. Needs no network: run it from a copy of this repository whose
# node_modules are already installed (npm ci), or that carries tools/gpu-node-modules.tar.xz from
# tools/gpu-pack.sh (node_modules is 600+ MB; the archive a few tens). One JSON line per backend on
# stdout, progress on stderr. The wasm baseline uses the OpenBLAS addon when packages/native/build
# (git-ignored, built by npm ci) travels too; the addon needs libopenblas0 there.
#
#   bash tools/gpu-check.sh                    # full sizes (a few minutes on a GPU)
#   GPU_CHECK_SMALL=1 bash tools/gpu-check.sh  # tiny sizes: a smoke run (here on Mesa lavapipe)
#   GPU_CHECK_BACKENDS="webgpu wasm" ...       # which backends (default: webgpu node-gpu wasm)
#
# Each backend runs in its own process under a time limit (GPU_CHECK_LIMIT_S, default 240 s), so
# one that hangs or fails is reported and the others still run. Vulkan: without a system Vulkan
# loader it uses tools/gpu-libs/libvulkan.so.1 when present (copy one there before shipping the
# copy: `cp /usr/lib/x86_64-linux-gnu/libvulkan.so.1 tools/gpu-libs/`); without a Vulkan ICD file
# for NVIDIA but with the NVIDIA driver's libGLX_nvidia.so.0 (containers often have the library but
# not the JSON file), it writes one. Dawn's adapter is printed: "llvmpipe" means Mesa's CPU driver,
# not the GPU, and such numbers say nothing about the GPU.
set -uo pipefail
cd "$(dirname "$0")/.."

small=${GPU_CHECK_SMALL:-0}
backends=${GPU_CHECK_BACKENDS:-webgpu node-gpu wasm}
limit=${GPU_CHECK_LIMIT_S:-240}
if [ "$small" = 1 ]; then
  sizes=(--sentences 4 --beam 2 --train-steps 1 --train-batches 1 --batch-tokens 100)
else
  sizes=(--sentences 256 --beam 5 --train-steps 20 --train-batches 4 --batch-tokens 4000)
fi

say() { printf '[gpu-check] %s\n' "$*" >&2; }

if [ ! -d node_modules/@tensorflow/tfjs ] && [ -f tools/gpu-node-modules.tar.xz ]; then
  say "unpacking tools/gpu-node-modules.tar.xz (made by tools/gpu-pack.sh)"
  xz -dc tools/gpu-node-modules.tar.xz | tar -xf - || { say "unpacking failed"; exit 1; }
fi
if [ ! -d node_modules/@tensorflow/tfjs ]; then
  say "node_modules is missing: run npm ci where there is a network (then tools/gpu-pack.sh to carry it as one archive)"
  exit 1
fi
say "node $(node -v); $(nproc) CPUs; $(uname -srm)"
command -v nvidia-smi > /dev/null 2>&1 && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | sed 's/^/[gpu-check] GPU: /' >&2

# Vulkan loader: the system's, else a copied one.
# (grep without -q: an early exit would SIGPIPE ldconfig and fail the pipeline under pipefail)
if ! ldconfig -p 2> /dev/null | grep 'libvulkan\.so\.1' > /dev/null; then
  if [ -f tools/gpu-libs/libvulkan.so.1 ]; then
    export LD_LIBRARY_PATH="$PWD/tools/gpu-libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    say "no system Vulkan loader; using tools/gpu-libs/libvulkan.so.1"
  else
    say "no Vulkan loader (libvulkan.so.1): webgpu will find no adapter (apt-get install libvulkan1, or copy one to tools/gpu-libs/)"
  fi
fi
# NVIDIA's Vulkan ICD: the driver library without its JSON manifest.
icd_dirs="/usr/share/vulkan/icd.d /etc/vulkan/icd.d /usr/local/share/vulkan/icd.d"
# shellcheck disable=SC2086
if [ -z "${VK_ICD_FILENAMES:-}" ] && ! grep -qls nvidia $(for d in $icd_dirs; do echo "$d/*.json"; done) 2> /dev/null; then
  glx=$(ldconfig -p 2> /dev/null | awk '/libGLX_nvidia\.so\.0/ { print $NF; exit }')
  if [ -n "$glx" ]; then
    icd=$(mktemp -d)/nvidia_icd.json
    printf '{"file_format_version":"1.0.0","ICD":{"library_path":"%s","api_version":"1.3.0"}}\n' "$glx" > "$icd"
    export VK_ICD_FILENAMES="$icd"
    say "no NVIDIA Vulkan ICD manifest; wrote $icd for $glx"
  fi
fi

status=0
for b in $backends; do
  if [ "$b" = node-gpu ] && [ ! -d node_modules/@tensorflow/tfjs-node-gpu ]; then
    say "node-gpu: skipped (@tensorflow/tfjs-node-gpu is not installed: npm install @tensorflow/tfjs-node-gpu@4.22.0 where there is a network; its install downloads libtensorflow with CUDA)"
    continue
  fi
  say "$b: measuring (limit ${limit} s)"
  start=$(date +%s)
  timeout "$limit" node --import tsx apps/translate/bench/throughput.ts --backend "$b" "${sizes[@]}"
  rc=$?
  say "$b: exit $rc after $(($(date +%s) - start)) s"
  [ $rc -ne 0 ] && status=1
done
exit $status
