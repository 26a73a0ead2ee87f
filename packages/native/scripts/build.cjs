// `npm install` hook: builds the addon when a C++ compiler and a CBLAS are present. Never fails the
// install: on any problem it prints one line and the toolkit runs on plain wasm.
// SEQ2SEQ_NATIVE_BUILD=0 skips the build.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { detect } = require('./blas-flags.cjs');

const root = path.join(__dirname, '..');
const log = path.join(root, 'build-native.log');

function notice(msg) {
  console.log(`[@seq2seq/native] ${msg}`);
  process.exit(0);
}

if (process.env.SEQ2SEQ_NATIVE_BUILD === '0') notice('build skipped (SEQ2SEQ_NATIVE_BUILD=0); the toolkit uses wasm');
const blas = detect();
if (!blas) notice('no CBLAS found (Debian: apt-get install libopenblas-dev, then npm rebuild @seq2seq/native); the toolkit uses wasm');
let addonApi;
try {
  addonApi = require.resolve('node-addon-api');
} catch {
  notice('node-addon-api is missing; the toolkit uses wasm');
}

// node-gyp: npm hands its own to lifecycle scripts; else the one bundled with npm next to node.
const candidates = [
  process.env.npm_config_node_gyp,
  path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  path.join(path.dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
].filter(Boolean);
const gyp = candidates.find((p) => fs.existsSync(p));
if (!gyp) notice('node-gyp not found; the toolkit uses wasm');

const args = [gyp, 'rebuild', '--release'];
// Headers installed with node (distribution packages, nodesource) spare node-gyp a download.
const prefix = path.resolve(path.dirname(process.execPath), '..');
if (fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) && fs.existsSync(path.join(prefix, 'include', 'node', 'common.gypi'))) {
  args.push(`--nodedir=${prefix}`);
}
const t0 = Date.now();
const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
fs.writeFileSync(log, `${args.join(' ')}\n${r.stdout ?? ''}\n${r.stderr ?? ''}\n${r.error ? String(r.error) : ''}`);
const built = path.join(root, 'build', 'Release', 'seq2seq_native.node');
if (r.status !== 0 || !fs.existsSync(built)) {
  const last = `${r.stderr ?? ''}`.split('\n').filter((l) => /error/i.test(l))[0] ?? r.error?.message ?? `exit ${r.status}`;
  notice(`build failed (${last.trim().slice(0, 160)}; full log: ${path.relative(process.cwd(), log)}); the toolkit uses wasm`);
}
void addonApi;
console.log(`[@seq2seq/native] built against ${blas.libs} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
