#!/usr/bin/env bash
# Packs what tools/gpu-check.sh needs from node_modules into tools/gpu-node-modules.tar.xz, small
# enough to travel to a machine without a network (where npm ci cannot run): Linux x64 only, no
# source maps, type declarations, build or test tooling. gpu-check.sh unpacks it when node_modules
# is missing. Run after npm ci here; the archive is git-ignored.
#
#   bash tools/gpu-pack.sh && ls -la tools/gpu-node-modules.tar.xz
set -euo pipefail
cd "$(dirname "$0")/.."
out=tools/gpu-node-modules.tar.xz
# Not needed to run TypeScript sources with tsx and the tfjs backends: tooling, other platforms'
# binaries, bundles that Node never loads (tfjs resolves dist/*.node.js and dist/index.js). The webgl
# backend stays: @tensorflow/tfjs requires it at load time. Checked: a fresh clone plus the archive
# runs `GPU_CHECK_SMALL=1 tools/gpu-check.sh` (wasm and webgpu on lavapipe).
excludes=(
  --exclude='*.map' --exclude='*.d.ts' --exclude='*.md' --exclude='*.ts.map'
  --exclude='node_modules/typescript' --exclude='node_modules/@turbo' --exclude='node_modules/turbo'
  --exclude='node_modules/vitest' --exclude='node_modules/@vitest' --exclude='node_modules/vite'
  --exclude='node_modules/@rolldown' --exclude='node_modules/rolldown' --exclude='node_modules/lightningcss*'
  --exclude='node_modules/@types' --exclude='node_modules/autocannon'
  --exclude='node_modules/webgpu/dist/darwin-*' --exclude='node_modules/webgpu/dist/win32-*' --exclude='node_modules/webgpu/dist/linux-arm64'
  --exclude='*.min.js' --exclude='*.es2017.js' --exclude='*.fesm.js' --exclude='*/miniprogram'
  --exclude='node_modules/.cache' --exclude='node_modules/.vitest*'
)
tar -cf - "${excludes[@]}" node_modules | xz -T0 -6 > "$out.tmp"
mv "$out.tmp" "$out"
echo "$out: $(du -h "$out" | cut -f1)"
