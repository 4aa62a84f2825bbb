// A disk image file as a virtio-blk backend (Node only): positional reads and writes on one
// file descriptor, so the image is never loaded whole and a multi-GiB disk costs no memory.
// Opening an image locks it (image-lock.ts): one writer, or readers only, across processes.
import { openSync, fstatSync, readSync, writeSync, fdatasyncSync, closeSync } from 'node:fs';
import type { BlockBackend } from '../devices/block-backend';
import { UserError } from '../machine/machine';
import { lockImage } from './image-lock';

export interface FileBlockOptions {
  readonly?: boolean; // open for reading only, and take a shared (reader's) lock
  what?: string; // how messages name this disk (default: "disk image PATH")
  notice?: (message: string) => void; // told when the image cannot be locked (default: stderr)
}

export class FileBlockBackend implements BlockBackend {
  private fd: number | null;

  private constructor(fd: number, readonly size: number, readonly readonly: boolean, readonly path: string, private readonly unlock: () => void) {
    this.fd = fd;
  }

  // Opens and locks `path` for reading (and writing unless readonly). Bad paths and images in
  // use elsewhere become a UserError.
  static open(path: string, opts: FileBlockOptions = {}): FileBlockBackend {
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
    let unlock: () => void;
    try {
      unlock = lockImage(path, st, ro ? 'read' : 'write', opts.what ?? `disk image ${path}`,
        opts.notice ?? ((m) => process.stderr.write(`rvisor: notice: ${m}\n`)));
    } catch (e) {
      closeSync(fd);
      throw e;
    }
    return new FileBlockBackend(fd, st.size, ro, path, unlock);
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

  // Closes the file and gives up its lock (idempotent).
  close(): void {
    if (this.fd !== null) { closeSync(this.fd); this.fd = null; }
    this.unlock();
  }

  private handle(): number {
    if (this.fd === null) throw new Error(`${this.path} is closed`);
    return this.fd;
  }
}
