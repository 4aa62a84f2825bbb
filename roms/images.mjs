#!/usr/bin/env node
// Fetches and builds the Debian guest images (kernel, busybox initramfs, OpenSBI, U-Boot) into
// the cache, as src/node/images/index.ts's ensureGuestImages() does on first need (see roms/README.md).
//
//   node roms/images.mjs                 make sure they are cached; says where
//   node roms/images.mjs --print-paths   the same, then prints the paths as JSON on stdout
//
// Progress lines go to stderr. Exit status 0 when the images are there, 1 (with one line saying
// why) when not. The code is TypeScript; esbuild (a devDependency) bundles it in memory first.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const printPaths = process.argv.includes('--print-paths');
const unknown = process.argv.slice(2).filter((a) => a !== '--print-paths');
if (unknown.length) {
  console.error(`usage: node roms/images.mjs [--print-paths]   (unknown: ${unknown.join(' ')})`);
  process.exit(2);
}

const bundle = await esbuild.build({
  entryPoints: [join(root, 'src/node/images/index.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  write: false,
  logLevel: 'error',
});
const images = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].contents).toString('base64')}`);

try {
  const paths = await images.ensureGuestImages();
  if (printPaths) console.log(JSON.stringify(paths, null, 2));
  else console.error(`rvisor: guest images ready in ${paths.cacheDir}/guests (kernel ${paths.kernelRelease})`);
} catch (e) {
  console.error(e instanceof images.GuestImagesError ? e.message : e);
  process.exit(1);
}
