// A directory nobody may create files in, root included: chmod alone does not stop root, so as
// root the directory is made immutable (chattr +i, which binds root on ext4 and tmpfs too).
// Returns the function that makes it writable again; the test must call it (finally).
import { chmodSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export function readOnlyDir(dir: string): () => void {
  if (process.getuid?.() !== 0) {
    chmodSync(dir, 0o555);
    return () => chmodSync(dir, 0o755);
  }
  const r = spawnSync('chattr', ['+i', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`chattr +i ${dir} failed (needed to deny root): ${r.stderr || r.error?.message}`);
  return () => { spawnSync('chattr', ['-i', dir]); };
}
