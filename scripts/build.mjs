// Builds the core (AssemblyScript → build/core.wasm), bundles the TypeScript front ends with
// esbuild into dist/, and writes the package's type declarations (dist/types, from the sources
// by tsc, relative imports given their .js so Node16/NodeNext resolution follows them). Skips
// the wasm compile and the declarations when nothing they come from changed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, mkdirSync, copyFileSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const newest = (dir) => Math.max(...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
const wasm = join(root, 'build/core.wasm');
const target = process.argv.includes('--debug') ? 'debug' : 'release';

if (!existsSync(wasm) || statSync(wasm).mtimeMs < Math.max(newest(join(root, 'assembly')), statSync(join(root, 'asconfig.json')).mtimeMs) || target === 'debug') {
  mkdirSync(join(root, 'build'), { recursive: true });
  execFileSync(process.execPath, [join(root, 'node_modules/assemblyscript/bin/asc.js'), '--config', 'asconfig.json', '--target', target], { cwd: root, stdio: 'inherit' });
}

const common = { bundle: true, format: 'esm', sourcemap: true, logLevel: 'warning', target: 'es2022' };
await esbuild.build({ ...common, platform: 'node', entryPoints: { index: join(root, 'src/index.ts'), cli: join(root, 'src/cli/main.ts'), 'jit-worker': join(root, 'src/node/jit-worker.ts') }, outdir: join(root, 'dist'), banner: { js: '' } });
await esbuild.build({ ...common, platform: 'browser', entryPoints: { 'rvisor.browser': join(root, 'src/browser.ts') }, outdir: join(root, 'dist') });
mkdirSync(join(root, 'dist'), { recursive: true });
copyFileSync(wasm, join(root, 'dist/core.wasm'));

// The web page (web/ → dist/web): the page script with xterm.js, uPlot and their CSS, the worker
// with the machine, the core and index.html. `rvisor serve` serves this folder.
const web = join(root, 'dist/web');
await esbuild.build({ ...common, platform: 'browser', entryPoints: { main: join(root, 'web/main.ts'), worker: join(root, 'web/worker.ts') }, outdir: web, loader: { '.css': 'css' } });
copyFileSync(join(root, 'web/index.html'), join(web, 'index.html'));
copyFileSync(wasm, join(web, 'core.wasm'));

// Type declarations for the package's entry points (index, browser).
const typesDir = join(root, 'dist/types');
const typesStamp = join(typesDir, 'src/index.d.ts');
const typesFrom = Math.max(newest(join(root, 'src')), statSync(join(root, 'assembly/abi.ts')).mtimeMs, statSync(join(root, 'tsconfig.types.json')).mtimeMs);
if (!existsSync(typesStamp) || statSync(typesStamp).mtimeMs < typesFrom) {
  rmSync(typesDir, { recursive: true, force: true });
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.types.json'], { cwd: root, stdio: 'inherit' });
  const fix = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) { fix(p); continue; }
      if (!p.endsWith('.d.ts')) continue;
      const text = readFileSync(p, 'utf8').replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]+)\2/g, (m, kw, q, spec) => {
        if (/\.js$/.test(spec)) return m;
        const target = join(dirname(p), spec);
        const js = existsSync(`${target}.d.ts`) ? `${spec}.js` : existsSync(join(target, 'index.d.ts')) ? `${spec}/index.js` : null;
        if (!js) throw new Error(`${p}: cannot resolve ${spec}`);
        return `${kw}${q}${js}${q}`;
      });
      writeFileSync(p, text);
    }
  };
  fix(typesDir);
}
