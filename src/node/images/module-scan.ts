// Reading every module of the kernel package: listing the .ko.xz files and decompressing them
// with xz (one process per 500 files, two at once) to read their .modinfo.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GuestImagesError } from './error';
import { moduleInfo, readModinfo, type ModuleInfo } from './kernel-modules';
import { run } from './tools';

/** Lengths of the decompressed files, from `xz --robot --list`. */
async function xzSizes(cwd: string, files: string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (let i = 0; i < files.length; i += 500) {
    const chunk = files.slice(i, i + 500);
    const r = await run('xz', ['--robot', '--list', '--', ...chunk], cwd);
    if (r.code !== 0) throw new GuestImagesError(`xz --list failed: ${r.stderr.trim().split('\n')[0]}`);
    let name = '';
    for (const line of r.stdout.split('\n')) {
      const f = line.split('\t');
      if (f[0] === 'name') name = f[1];
      else if (f[0] === 'file') sizes.set(name, Number(f[4]));
    }
  }
  for (const f of files) if (!sizes.has(f)) throw new GuestImagesError(`xz --list did not describe ${f}`);
  return sizes;
}

/** Decompresses `files` (relative to cwd) with one `xz -dc` per 500 and hands each to `each`. */
export async function xzEach(cwd: string, files: string[], each: (file: string, data: Uint8Array) => void): Promise<void> {
  const sizes = await xzSizes(cwd, files);
  for (let i = 0; i < files.length; i += 500) {
    const chunk = files.slice(i, i + 500);
    await new Promise<void>((resolve, reject) => {
      const child = spawn('xz', ['-dc', '--', ...chunk], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
      let k = 0;
      let parts: Buffer[] = [];
      let have = 0;
      let failed: Error | undefined;
      const err: Buffer[] = [];
      const drain = () => {
        while (k < chunk.length && have >= sizes.get(chunk[k])!) {
          const need = sizes.get(chunk[k])!;
          const all = parts.length === 1 ? parts[0] : Buffer.concat(parts);
          try {
            each(chunk[k], all.subarray(0, need));
          } catch (e) {
            failed ??= new GuestImagesError(`${chunk[k]}: ${(e as Error).message}`);
          }
          parts = need < all.length ? [all.subarray(need)] : [];
          have -= need;
          k++;
        }
      };
      child.stdout.on('data', (b: Buffer) => {
        parts.push(b);
        have += b.length;
        drain();
      });
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', (e) => reject(new GuestImagesError(`cannot run xz: ${e.message}`)));
      child.on('close', (code) => {
        drain();
        if (failed) reject(failed);
        else if (code !== 0 || k !== chunk.length || have !== 0) reject(new GuestImagesError(`xz -dc failed: ${Buffer.concat(err).toString().trim().split('\n')[0] || `exit status ${code}`}`));
        else resolve();
      });
    });
  }
}

function listModules(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listModules(dir, p));
    else if (/\.ko(\.xz)?$/.test(e.name) && !(e.name.endsWith('.ko') && existsSync(join(dir, `${p}.xz`)))) out.push(p);
  }
  return out.sort();
}

/** Reads the .modinfo of every module under `modulesDir` (two xz processes at once). */
export async function scanModules(modulesDir: string): Promise<ModuleInfo[]> {
  const files = listModules(modulesDir).filter((f) => f.startsWith('kernel/'));
  const xz = files.filter((f) => f.endsWith('.xz'));
  const infos = new Map<string, ModuleInfo>();
  for (const f of files.filter((f) => !f.endsWith('.xz'))) infos.set(f, moduleInfo(f, readModinfo(readFileSync(join(modulesDir, f)))));
  const half = Math.ceil(xz.length / 2);
  await Promise.all(
    [xz.slice(0, half), xz.slice(half)].map((part) => xzEach(modulesDir, part, (f, data) => infos.set(f, moduleInfo(f, readModinfo(data))))),
  );
  return files.map((f) => infos.get(f)!);
}

