// A disk image file as a virtio-blk backend (Node only): positional reads and writes on one
// file descriptor, so the image is never loaded whole and a multi-GiB disk costs no memory.
import { openSync, fstatSync, readSync, writeSync, fdatasyncSync, closeSync } from 'node:fs';
import type { BlockBackend } from '../devices/block-backend';
import { UserError } from '../machine/machine';

export class FileBlockBackend implements BlockBackend {
  private fd: number | null;

  private constructor(fd: number, readonly size: number, readonly readonly: boolean, readonly path: string) {
    this.fd = fd;
  }

  // Opens `path` for reading (and writing unless readonly). Bad paths become a UserError.
  static open(path: string, opts: { readonly?: boolean } = {}): FileBlockBackend {
    const ro = opts.readonly ?? false;
    let fd: number;
    try {
      fd = openSync(path, ro ? 'r' : 'r+');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory'
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? `cannot open for ${ro ? 'reading' : 'writing'}; use readonly=on or snapshot=on` : (e as Error).message;
      throw new UserError(`disk image ${path}: ${why}`);
    }
    const st = fstatSync(fd);
    if (!st.isFile()) { // block devices report size 0 through fstat
      closeSync(fd);
      throw new UserError(`disk image ${path}: not a regular file`);
    }
    return new FileBlockBackend(fd, st.size, ro, path);
  }

  read(offset: number, buf: Uint8Array): void {
    const fd = this.handle();
    let done = 0;
    while (done < buf.length) {
      const n = readSync(fd, buf, done, buf.length - done, offset + done);
      if (n === 0) { buf.fill(0, done); return; } // past the end of a file that shrank
      done += n;
    }
  }

  write(offset: number, data: Uint8Array): void {
    if (this.readonly) throw new Error(`${this.path} is read-only`);
    const fd = this.handle();
    let done = 0;
    while (done < data.length) done += writeSync(fd, data, done, data.length - done, offset + done);
  }

  flush(): void {
    if (!this.readonly) fdatasyncSync(this.handle());
  }

  close(): void {
    if (this.fd !== null) { closeSync(this.fd); this.fd = null; }
  }

  private handle(): number {
    if (this.fd === null) throw new Error(`${this.path} is closed`);
    return this.fd;
  }
}
