// The pager's backing store in a file (Node only): slot s lives at bytes s·slotSize … of one
// file, read and written with positional I/O on one descriptor, so paged-out guest memory
// costs no JavaScript memory. Without a path the file is a fresh one in the temporary
// directory, unlinked as soon as it is open (it vanishes with the process, like a swap file
// nobody else can open). Freed slots are only forgotten (the pager reuses slot numbers, lowest
// ones stay busy); the file shrinks when its last slots are freed.
import { openSync, readSync, writeSync, ftruncateSync, closeSync, unlinkSync, mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BackingStore, checkSlot } from '../hypervisor/backing-store';
import { PAGE_SIZE } from '../hypervisor/frames';

export class FileBackingStore implements BackingStore {
  private fd: number | null;
  private readonly live = new Set<number>();
  private top = 0; // one past the highest live slot = the file's length in slots

  private constructor(fd: number, readonly path: string, readonly slotSize: number) {
    this.fd = fd;
  }

  // Opens (creating or truncating) `path`, or an anonymous temporary file.
  static open(path?: string, slotSize = PAGE_SIZE): FileBackingStore {
    if (!Number.isInteger(slotSize) || slotSize <= 0) throw new RangeError(`bad slot size ${slotSize}`);
    if (path !== undefined) return new FileBackingStore(openSync(path, 'w+'), path, slotSize);
    const dir = mkdtempSync(join(tmpdir(), 'rvisor-swap-'));
    const file = join(dir, 'swap');
    const fd = openSync(file, 'w+', 0o600);
    try { unlinkSync(file); rmdirSync(dir); } catch { /* a platform that cannot unlink open files keeps it */ }
    return new FileBackingStore(fd, file, slotSize);
  }

  get slotsInUse(): number { return this.live.size; }
  has(slot: number): boolean { return this.live.has(slot); }

  write(slot: number, data: Uint8Array): void {
    checkSlot(slot);
    if (data.length !== this.slotSize) throw new RangeError(`backing store write of ${data.length} bytes, slots hold ${this.slotSize}`);
    const fd = this.handle();
    const pos = slot * this.slotSize;
    let done = 0;
    while (done < data.length) done += writeSync(fd, data, done, data.length - done, pos + done);
    this.live.add(slot);
    if (slot >= this.top) this.top = slot + 1;
  }

  read(slot: number, into: Uint8Array): void {
    if (!this.live.has(slot)) throw new Error(`backing store slot ${slot} holds nothing`);
    if (into.length !== this.slotSize) throw new RangeError(`backing store read of ${into.length} bytes, slots hold ${this.slotSize}`);
    const fd = this.handle();
    const pos = slot * this.slotSize;
    let done = 0;
    while (done < into.length) {
      const n = readSync(fd, into, done, into.length - done, pos + done);
      if (n === 0) throw new Error(`backing store file ${this.path} ends inside slot ${slot}`);
      done += n;
    }
  }

  free(slot: number): void {
    if (!this.live.delete(slot)) throw new Error(`backing store slot ${slot} freed but holds nothing`);
    if (slot + 1 === this.top) {
      while (this.top > 0 && !this.live.has(this.top - 1)) this.top--;
      ftruncateSync(this.handle(), this.top * this.slotSize);
    }
  }

  close(): void {
    if (this.fd !== null) { closeSync(this.fd); this.fd = null; }
  }

  private handle(): number {
    if (this.fd === null) throw new Error(`backing store file ${this.path} is closed`);
    return this.fd;
  }
}
