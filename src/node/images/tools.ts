// Running Debian's tools (apt-get, apt-cache, dpkg, xz) with a C locale, and saying which are
// missing.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { GuestImagesError } from './error';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], cwd?: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C', DEBIAN_FRONTEND: 'noninteractive' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new GuestImagesError(`cannot run ${cmd}: ${e.message}`)));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** The lines of apt's output worth showing when it failed. */
export function aptErrors(r: RunResult): string {
  const lines = `${r.stderr}\n${r.stdout}`.split('\n').map((l) => l.trim());
  for (const re of [/^(E:|W: Failed to fetch)/, /^(W:|Err:)/, /./]) {
    const hits = lines.filter((l) => re.test(l) && !/index files failed to download/.test(l));
    if (hits.length) return hits.slice(0, 3).join(' | ');
  }
  return `exit status ${r.code}`;
}

function onPath(cmd: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, cmd))) return true;
  }
  return false;
}

export function requireTools(): void {
  const missing = [
    ['apt-get', 'apt'],
    ['apt-cache', 'apt'],
    ['dpkg', 'dpkg'],
    ['xz', 'xz-utils'],
  ].filter(([c]) => !onPath(c));
  if (missing.length) {
    throw new GuestImagesError(
      `the guest images are made with Debian's tools, and ${missing.map(([c]) => c).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing (Debian packages: ${[...new Set(missing.map(([, p]) => p))].join(' ')})`,
    );
  }
}

