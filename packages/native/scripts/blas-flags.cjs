// Finds a CBLAS to build against. `node scripts/blas-flags.cjs include|libs|defines` prints one
// list for binding.gyp; require() returns detect(). Override with SEQ2SEQ_BLAS_INCLUDE (a folder
// holding cblas.h) and SEQ2SEQ_BLAS_LIBS (linker flags, e.g. "-L/opt/blas/lib -lopenblas").
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

function multiarch() {
  try {
    return execFileSync('gcc', ['-print-multiarch'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/** { include: folder with cblas.h, libs: linker flags, openblas: whether OpenBLAS's extensions exist } or undefined. */
function detect() {
  const ma = multiarch();
  const includeDirs = [
    process.env.SEQ2SEQ_BLAS_INCLUDE,
    '/usr/include',
    ma && `/usr/include/${ma}`,
    '/usr/include/openblas',
    '/usr/local/include',
    '/usr/local/opt/openblas/include',
    '/opt/homebrew/opt/openblas/include',
  ].filter(Boolean);
  const include = includeDirs.find((d) => fs.existsSync(path.join(d, 'cblas.h')));
  if (!include) return undefined;
  const libDirs = [ma && `/usr/lib/${ma}`, '/usr/lib', '/usr/lib64', '/usr/local/lib', '/usr/local/opt/openblas/lib', '/opt/homebrew/opt/openblas/lib'].filter(Boolean);
  const has = (name) => libDirs.find((d) => fs.existsSync(path.join(d, `${name}.so`)) || fs.existsSync(path.join(d, `${name}.dylib`)));
  let libs = process.env.SEQ2SEQ_BLAS_LIBS;
  let openblas = fs.existsSync(path.join(include, 'openblas_config.h'));
  if (!libs) {
    const dir = has('libopenblas');
    if (dir) libs = `-L${dir} -lopenblas`;
    else if (has('libcblas')) libs = `-L${has('libcblas')} -lcblas`;
    else if (has('libblas')) libs = `-L${has('libblas')} -lblas`;
    else return undefined;
    openblas = openblas && Boolean(dir);
  }
  return { include, libs, openblas };
}

module.exports = { detect };

if (require.main === module) {
  const found = detect();
  const what = process.argv[2];
  if (!found) process.stdout.write('');
  else if (what === 'include') process.stdout.write(found.include);
  else if (what === 'libs') process.stdout.write(found.libs);
  else if (what === 'defines') process.stdout.write(found.openblas ? 'SEQ2SEQ_OPENBLAS=1' : 'SEQ2SEQ_PLAIN_CBLAS=1');
}
