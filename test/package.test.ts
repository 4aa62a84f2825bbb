// The npm package as a stranger gets it: `npm pack`, the tarball installed into an empty project
// without dev dependencies (and without network: the package has no dependencies), then the
// README's library example run as written, its types checked with Node16-style resolution, and
// the `rvisor` bin run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NPM = 'npm';
let dir = '';
let project = '';
let tarball = '';

// The first ```js block of the README's "As a library" section.
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## As a library'));
  const m = /```js\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error('README.md has no ```js block under "## As a library"');
  return m[1];
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rvisor-pack-'));
  const out = execFileSync(NPM, ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  tarball = join(dir, out.trim().split('\n').pop()!);
  project = join(dir, 'project');
  execFileSync('mkdir', [project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'stranger', version: '1.0.0', private: true, type: 'module' }));
  execFileSync(NPM, ['install', '--omit=dev', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: project, stdio: 'pipe' });
}, 180_000);

afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('the npm package', () => {
  it('holds the bundles, the core and declarations, and no sources or dependencies', () => {
    const pkgDir = join(project, 'node_modules/rvisor');
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    expect(pkg.dependencies ?? {}).toEqual({});
    const dist = readdirSync(join(pkgDir, 'dist'));
    for (const f of ['index.js', 'cli.js', 'rvisor.browser.js', 'core.wasm', 'types', 'web']) expect(dist).toContain(f);
    expect(readdirSync(pkgDir)).not.toContain('src');
    // nothing was installed besides the package itself
    expect(readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['rvisor']);
    const types = readFileSync(join(pkgDir, pkg.exports['.'].types), 'utf8');
    expect(types).not.toMatch(/\.ts['"]/);
  });

  it("runs the README's library example as written", () => {
    writeFileSync(join(project, 'example.mjs'), readmeExample());
    const r = spawnSync(process.execPath, ['example.mjs'], { cwd: project, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Hello from a RISC-V guest running on rvisor!');
    expect(r.stdout).toMatch(/poweroff \(exit 0\), \d+ instructions/);
    expect(r.stdout).toContain('again: poweroff'); // restored from the snapshot, it ran again
    expect(r.stdout.split('Bye').length).toBe(3);
  }, 60_000);

  it('type-checks a TypeScript program against the declarations (NodeNext resolution)', () => {
    writeFileSync(join(project, 'main.ts'), `
import { createMachine, Machine, Hypervisor, abi, type RunResult } from 'rvisor';
import { createMachine as createInPage } from 'rvisor/browser';
const m: Machine = await createMachine({ memSize: 1 << 20, console: () => {} });
const r: RunResult = await m.run({ timeoutMs: 1 });
const n: number = r.stats.mips + abi.HART_BASE;
const snap: Uint8Array = await m.snapshot();
await m.restore(snap);
// @ts-expect-error memSize must be a number
await createMachine({ memSize: '1M', console: () => {} });
void createInPage; void Hypervisor; void n;
`);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, lib: ['ES2022', 'DOM'], types: [], skipLibCheck: false },
      files: ['main.ts'],
    }));
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: project, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 60_000);

  it('installs the rvisor bin', () => {
    const bin = join(project, 'node_modules/.bin/rvisor');
    const help = spawnSync(bin, ['--help'], { cwd: project, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage: rvisor run');
    const run = spawnSync(bin, ['run', '--bios', 'none', '--kernel', join(project, 'node_modules/rvisor/roms/demo/hello.elf')], { cwd: project, encoding: 'utf8', timeout: 60_000 });
    expect(run.stdout).toContain('Hello from a RISC-V guest running on rvisor!');
    expect(run.status).toBe(0);
  }, 60_000);
});
