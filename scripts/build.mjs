// Builds the core (AssemblyScript → build/core.wasm) and bundles the TypeScript front ends
// with esbuild into dist/. Skips the wasm compile when nothing in assembly/ changed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, mkdirSync, copyFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const newest = (dir) => Math.max(...readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs));
const wasm = join(root, 'build/core.wasm');
const target = process.argv.includes('--debug') ? 'debug' : 'release';

if (!existsSync(wasm) || statSync(wasm).mtimeMs < Math.max(newest(join(root, 'assembly')), statSync(join(root, 'asconfig.json')).mtimeMs) || target === 'debug') {
  mkdirSync(join(root, 'build'), { recursive: true });
  execFileSync(process.execPath, [join(root, 'node_modules/assemblyscript/bin/asc.js'), '--config', 'asconfig.json', '--target', target], { cwd: root, stdio: 'inherit' });
}

const common = { bundle: true, format: 'esm', sourcemap: true, logLevel: 'warning', target: 'es2022' };
await esbuild.build({ ...common, platform: 'node', entryPoints: { index: join(root, 'src/index.ts'), cli: join(root, 'src/cli/main.ts') }, outdir: join(root, 'dist'), banner: { js: '' } });
await esbuild.build({ ...common, platform: 'browser', entryPoints: { 'rvisor.browser': join(root, 'src/browser.ts') }, outdir: join(root, 'dist') });
mkdirSync(join(root, 'dist'), { recursive: true });
copyFileSync(wasm, join(root, 'dist/core.wasm'));
