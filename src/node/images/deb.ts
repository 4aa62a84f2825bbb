// Package extraction: a .deb unpacked with dpkg -x, and finding the files a package should hold.
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { GuestImagesError } from './error';
import { run } from './tools';

export async function extractDeb(deb: string, into: string): Promise<void> {
  const r = await run('dpkg', ['-x', deb, into]);
  if (r.code !== 0) throw new GuestImagesError(`dpkg -x ${basename(deb)} failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-2).join(' | ')}`);
}

export function firstExisting(root: string, candidates: string[], what: string): string {
  for (const c of candidates) if (existsSync(join(root, c))) return join(root, c);
  throw new GuestImagesError(`the package has no ${what} (looked for ${candidates.join(', ')})`);
}

