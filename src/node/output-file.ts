// A file the user asked rvisor to write (--stats-json, dumpdtb): checked when the command line is
// read, long before the figures exist, and replaced atomically at the end.
//
// claim() resolves the path, refuses a directory or a missing parent, and creates the temporary
// file the content will go to (`.NAME.PID-TOKEN.tmp` in the same directory, so the final rename
// stays within one filesystem), which proves the directory is writable. commit() writes, syncs
// and renames it over the target: a reader sees the old file or the new one, never half of it.
// The temporary file is removed at any exit before that (exit-hooks.ts). A target that exists
// and is not a regular file (/dev/stdout, a pipe) is written in place instead.
import { closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../machine/machine';
import { onExit, catchExit } from './exit-hooks';

export class OutputFile {
  private fd: number | null;
  private dropHook: () => void;

  private constructor(readonly target: string, private readonly tmp: string | null, fd: number | null, private readonly what: string) {
    this.fd = fd;
    this.dropHook = onExit(() => this.discard());
  }

  /** Checks that `path` can be written as `what` (e.g. "--stats-json x.json"); throws UserError. */
  static claim(path: string, what: string): OutputFile {
    const fail = (why: string): never => { throw new UserError(`${what}: ${why}`); };
    if (path === '') fail('no file name given');
    if (/[/\\]$/.test(path)) fail('is a directory; name a file in it');
    let target = resolve(path);
    let st = null;
    try { st = statSync(target); } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') fail(`${dirname(target)} is not a directory`);
      if (code !== 'ENOENT') fail(describe(e));
    }
    if (st?.isDirectory()) fail('is a directory; name a file in it');
    if (st && !st.isFile()) {
      // A device or a pipe: written in place at the end (no rename over it).
      let fd: number;
      try { fd = openSync(target, 'w'); } catch (e) { return fail(describe(e)); }
      return new OutputFile(target, null, fd, what);
    }
    if (st) target = realpathSync(target); // replace what a symlink points at, not the link
    const dir = dirname(target);
    let dst = null;
    try { dst = statSync(dir); } catch (e) {
      fail((e as NodeJS.ErrnoException).code === 'ENOENT' ? `no directory ${dir}; create it first` : describe(e));
    }
    if (!dst!.isDirectory()) fail(`${dir} is not a directory`);
    const tmp = join(dir, `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    let fd: number;
    catchExit(); // before the file exists: a SIGTERM right after it was made would leave it
    try { fd = openSync(tmp, 'wx', st ? st.mode & 0o777 : 0o666); } catch (e) { return fail(`cannot write in ${dir}: ${describe(e)}`); }
    return new OutputFile(target, tmp, fd, what);
  }

  /** Writes `content` as the whole file and puts it in place; throws UserError if that fails. */
  commit(content: string | Uint8Array): void {
    const fd = this.fd;
    if (fd === null) throw new Error(`${this.what}: already written`);
    try {
      const bytes = typeof content === 'string' ? Buffer.from(content) : content;
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
      if (this.tmp) fsyncSync(fd);
      closeSync(fd);
      this.fd = null;
      if (this.tmp) renameSync(this.tmp, this.target);
    } catch (e) {
      this.discard();
      throw new UserError(`${this.what}: ${describe(e)}`);
    }
    this.dropHook();
  }

  /** Gives up: closes and removes the temporary file (idempotent). */
  discard(): void {
    this.dropHook();
    if (this.fd !== null) { try { closeSync(this.fd); } catch { /* closed */ } this.fd = null; }
    if (this.tmp) { try { unlinkSync(this.tmp); } catch { /* renamed or gone */ } }
  }
}

function describe(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EROFS': return 'read-only filesystem';
    case 'ENOSPC': return 'no space left on the device';
    case 'EDQUOT': return 'disk quota exceeded';
    case 'ENOENT': return 'no such file or directory';
    case 'EISDIR': return 'is a directory';
    case 'ENAMETOOLONG': return 'the name is too long';
    case 'ELOOP': return 'too many symbolic links';
    case 'EIO': return 'input/output error';
    default: return code ? `${code} (${(e as Error).message})` : String((e as Error).message ?? e);
  }
}
