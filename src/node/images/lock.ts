// A lock folder in the cache, so that concurrent processes (parallel test files, two terminals)
// do not build the guest images twice. A lock left by a process that is gone is taken over.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { GuestImagesError } from './error';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function withLock<T>(dir: string, log: (line: string) => void, fn: () => Promise<T>): Promise<T> {
  const lock = join(dir, '.lock');
  const owner = join(lock, 'owner');
  const started = Date.now();
  let said = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(owner, `${process.pid} ${hostname()}\n`);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    // held: by a process that is gone (same host), or for too long, means stale
    let stale = false;
    try {
      const [pid, host] = readFileSync(owner, 'utf8').trim().split(' ');
      stale = host === hostname() && !alive(Number(pid));
    } catch {
      try {
        stale = Date.now() - statSync(lock).mtimeMs > 120_000; // made but never claimed
      } catch {
        continue; // just released
      }
    }
    if (stale) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (!said) log(`rvisor: waiting for another process that is preparing the guest images in ${dir} …`);
    said = true;
    if (Date.now() - started > 30 * 60_000) throw new GuestImagesError(`gave up waiting for the lock ${lock} after 30 minutes; remove it if no rvisor process is running`);
    await sleep(250);
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
