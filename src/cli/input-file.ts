// Reading a file the user named, with the one-line error a user can act on.
import { readFileSync, statSync } from 'node:fs';
import { UserError } from '../machine/machine';

const MAX_INPUT = 2 ** 31; // nothing larger fits in a guest's RAM (wasm32)

export function readInput(path: string, what: string): Uint8Array {
  const fail = (why: string): never => { throw new UserError(`${what} ${path}: ${why}`); };
  try {
    const st = statSync(path);
    if (st.isDirectory()) fail('is a directory; check the path');
    // A device such as /dev/zero would be read forever; a pipe (<(zcat Image.gz)) is fine.
    if (!st.isFile() && !st.isFIFO()) fail('not a regular file');
    if (st.size > MAX_INPUT) fail(`${st.size} bytes, more than a guest's RAM can hold`);
    return readFileSync(path);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : code === 'ENOTDIR' ? 'a part of the path is not a directory' : code === 'ERR_FS_FILE_TOO_LARGE' ? 'too large' : code ?? (e as Error).message;
    return fail(`${why}; check the path`);
  }
}
