// Reading a file the user named, with the one-line error a user can act on.
import { readFileSync } from 'node:fs';
import { UserError } from '../machine/machine';

export function readInput(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new UserError(`${what} ${path}: ${why}; check the path`);
  }
}
