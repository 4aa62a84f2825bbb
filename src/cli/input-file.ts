// Reading a file the user named, with the one-line error a user can act on.
import { closeSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { UserError } from '../machine/machine';
import { bytesSource, HEAD_BYTES, type ImageSource } from '../loader/image-source';

const MAX_INPUT = 2 ** 31; // nothing larger fits in a guest's RAM (wasm32)

export function readInput(path: string, what: string): Uint8Array {
  return guarded(path, what, () => readFileSync(path));
}

// An image to load (--bios, --kernel, --initrd): a regular file is read where the machine
// places it (src/loader/image-source.ts); a pipe, which can be read only once, is read whole.
export function openInput(path: string, what: string): ImageSource {
  return guarded(path, what, (st, fail) => {
    if (st.isFIFO()) return bytesSource(readFileSync(path));
    const size = st.size;
    // A file that got shorter since it was looked at cannot fill dst.
    const readAt = (dst: Uint8Array, pos: number) => {
      if (!readFully(path, dst, pos)) fail('became shorter while it was read; leave it alone while rvisor loads it');
    };
    const head = new Uint8Array(Math.min(size, HEAD_BYTES));
    readAt(head, 0);
    return { size, head, readInto: (dst, pos) => guarded(path, what, () => readAt(dst, pos)) };
  });
}

// Fills dst from the file at pos; false if the file ends first.
function readFully(path: string, dst: Uint8Array, pos: number): boolean {
  const fd = openSync(path, 'r');
  try {
    for (let done = 0; done < dst.length;) {
      const n = readSync(fd, dst, done, dst.length - done, pos + done);
      if (n === 0) return false;
      done += n;
    }
    return true;
  } finally { closeSync(fd); }
}

function guarded<T>(path: string, what: string, read: (st: Stats, fail: (why: string) => never) => T): T {
  const fail = (why: string): never => { throw new UserError(`${what} ${path}: ${why}`); };
  try {
    const st = statSync(path);
    if (st.isDirectory()) fail('is a directory; check the path');
    // A device such as /dev/zero would be read forever; a pipe (<(zcat Image.gz)) is fine.
    if (!st.isFile() && !st.isFIFO()) fail('not a regular file');
    if (st.size > MAX_INPUT) fail(`${st.size} bytes, more than a guest's RAM can hold`);
    return read(st, fail);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : code === 'ENOTDIR' ? 'a part of the path is not a directory' : code === 'ERR_FS_FILE_TOO_LARGE' ? 'too large' : code ?? (e as Error).message;
    return fail(`${why}; check the path`);
  }
}
