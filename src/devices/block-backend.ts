// Storage behind a virtio-blk device. Offsets and lengths are in bytes; the device checks
// that requests lie within `size` before calling, so a backend may throw on anything else (the
// device then answers VIRTIO_BLK_S_IOERR). Calls are synchronous: the guest waits inside the
// MMIO access that submitted the request. The Node file backend is in src/node.
export interface BlockBackend {
  readonly size: number;
  readonly readonly: boolean;
  read(offset: number, buf: Uint8Array): void; // fills buf with bytes offset…offset+buf.length
  write(offset: number, data: Uint8Array): void;
  flush(): void; // make completed writes durable
  // Snapshots. `holds`: what the backend keeps itself ('all' for an in-memory disk, 'overlay' for
  // copy-on-write over `base`; absent: a file written in place). `path`: the file behind it.
  readonly holds?: 'all' | 'overlay';
  readonly path?: string;
  // The 4 KiB chunks it holds, by index (an in-memory disk: the non-zero ones), and the way back.
  heldChunks?(): Map<number, Uint8Array>;
  restoreChunks?(chunks: Map<number, Uint8Array>): void;
}

export const BLOCK_CHUNK = 4096;

// A disk image held in memory (browsers, tests). Writes go to `data` itself.
export class MemoryBlockBackend implements BlockBackend {
  readonly holds = 'all';
  constructor(readonly data: Uint8Array, readonly readonly = false) {}

  get size(): number { return this.data.length; }

  read(offset: number, buf: Uint8Array): void {
    check(offset, buf.length, this.size);
    buf.set(this.data.subarray(offset, offset + buf.length));
  }

  write(offset: number, data: Uint8Array): void {
    if (this.readonly) throw new Error('read-only disk');
    check(offset, data.length, this.size);
    this.data.set(data, offset);
  }

  flush(): void {}

  heldChunks(): Map<number, Uint8Array> {
    const out = new Map<number, Uint8Array>();
    for (let i = 0; i * BLOCK_CHUNK < this.size; i++) {
      const c = new Uint8Array(BLOCK_CHUNK);
      c.set(this.data.subarray(i * BLOCK_CHUNK, Math.min(this.size, (i + 1) * BLOCK_CHUNK)));
      if (c.some((b) => b !== 0)) out.set(i, c);
    }
    return out;
  }

  restoreChunks(chunks: Map<number, Uint8Array>): void {
    this.data.fill(0);
    for (const [i, c] of chunks) this.data.set(c.subarray(0, Math.max(0, Math.min(BLOCK_CHUNK, this.size - i * BLOCK_CHUNK))), i * BLOCK_CHUNK);
  }
}

const CHUNK = BLOCK_CHUNK;

// Copy-on-write over another backend (QEMU's snapshot=on): the base is only read; written
// chunks live in memory and are dropped with the object, so the image on disk never changes.
export class OverlayBlockBackend implements BlockBackend {
  readonly readonly = false;
  readonly holds = 'overlay';
  private chunks = new Map<number, Uint8Array>();

  constructor(private readonly base: BlockBackend) {}

  get path(): string | undefined { return this.base.path; }

  get size(): number { return this.base.size; }

  // Bytes held in the overlay (grows with what the guest writes, at most the disk size).
  get overlayBytes(): number { return this.chunks.size * CHUNK; }

  read(offset: number, buf: Uint8Array): void {
    check(offset, buf.length, this.size);
    let done = 0;
    while (done < buf.length) {
      const pos = offset + done;
      const idx = Math.floor(pos / CHUNK);
      const inChunk = pos - idx * CHUNK;
      const c = this.chunks.get(idx);
      if (c) {
        const n = Math.min(CHUNK - inChunk, buf.length - done);
        buf.set(c.subarray(inChunk, inChunk + n), done);
        done += n;
        continue;
      }
      // A run of chunks the guest never wrote: one read from the base.
      let end = (idx + 1) * CHUNK;
      while (end < offset + buf.length && !this.chunks.has(end / CHUNK)) end += CHUNK;
      const n = Math.min(end, offset + buf.length) - pos;
      this.base.read(pos, buf.subarray(done, done + n));
      done += n;
    }
  }

  write(offset: number, data: Uint8Array): void {
    check(offset, data.length, this.size);
    let done = 0;
    while (done < data.length) {
      const pos = offset + done;
      const idx = Math.floor(pos / CHUNK);
      const inChunk = pos - idx * CHUNK;
      const n = Math.min(CHUNK - inChunk, data.length - done);
      let c = this.chunks.get(idx);
      if (!c) {
        c = new Uint8Array(CHUNK);
        // A partly written chunk keeps the base's other bytes (the last chunk may be short).
        if (n < CHUNK) this.base.read(idx * CHUNK, c.subarray(0, Math.min(CHUNK, this.size - idx * CHUNK)));
        this.chunks.set(idx, c);
      }
      c.set(data.subarray(done, done + n), inChunk);
      done += n;
    }
  }

  flush(): void {} // nothing is meant to persist

  heldChunks(): Map<number, Uint8Array> { return new Map(this.chunks); }

  restoreChunks(chunks: Map<number, Uint8Array>): void {
    this.chunks = new Map([...chunks].map(([i, c]) => [i, c.slice()]));
  }
}

function check(offset: number, len: number, size: number): void {
  if (!Number.isSafeInteger(offset) || offset < 0 || offset + len > size) {
    throw new RangeError(`block access ${offset}+${len} outside the disk (${size} bytes)`);
  }
}
