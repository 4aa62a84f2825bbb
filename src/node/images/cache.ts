// The cache folder's bookkeeping: the manifest (what each step made, from what recipe, with the
// size and SHA-256 of every file), atomic writes, and file hashing.
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageRecord } from './private-apt';

/** Bumped whenever the layout of the cache or of the initramfs changes: rebuilds what depends on it. */
export const CACHE_FORMAT = 1;

export interface FileRecord {
  sha256: string;
  size: number;
}

export interface StepRecord {
  /** what the step's outputs were made from; a different recipe means: make them again */
  recipe: string;
  package?: PackageRecord;
  files: Record<string, FileRecord>;
  kernelRelease?: string;
}

export interface Manifest {
  format: number;
  steps: Partial<Record<StepName, StepRecord>>;
}

export type StepName = 'kernel' | 'modules-index' | 'busybox' | 'opensbi' | 'uboot' | 'initrd';

export function readManifest(guests: string): Manifest {
  try {
    const m = JSON.parse(readFileSync(join(guests, 'manifest.json'), 'utf8')) as Manifest;
    if (m && m.format === CACHE_FORMAT && typeof m.steps === 'object') return m;
  } catch {
    // missing or unreadable: start afresh
  }
  return { format: CACHE_FORMAT, steps: {} };
}

export function writeManifest(guests: string, m: Manifest): void {
  writeAtomic(join(guests, 'manifest.json'), JSON.stringify(m, null, 2) + '\n');
}

export function writeAtomic(path: string, data: string | Uint8Array, mode?: number): void {
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, data);
  if (mode !== undefined) chmodSync(tmp, mode);
  renameSync(tmp, path);
}

export function sha256File(path: string): string {
  const h = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n <= 0) break;
      h.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

export const sha256Text = (s: string | Uint8Array): string => createHash('sha256').update(s).digest('hex');

export function fileRecord(path: string): FileRecord {
  return { sha256: sha256File(path), size: statSync(path).size };
}

/** True when every file the step recorded is there with its size and SHA-256. */
export function filesIntact(guests: string, rec: StepRecord | undefined): boolean {
  if (!rec || Object.keys(rec.files).length === 0) return false;
  for (const [rel, want] of Object.entries(rec.files)) {
    const p = join(guests, rel);
    try {
      if (statSync(p).size !== want.size) return false;
    } catch {
      return false;
    }
    if (sha256File(p) !== want.sha256) return false;
  }
  return true;
}
