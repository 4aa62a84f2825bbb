// The snapshot file: one versioned container of named sections, the same bytes in Node and in
// the browser (compression by CompressionStream/DecompressionStream's "deflate", i.e. zlib
// RFC 1950, which both have). What goes into the sections is the machine's business
// (machine.ts: snapshot/restore); this file only packs, checks and unpacks them, and says what
// machine a snapshot needs (readSnapshotInfo) so a front end can build one to restore into.
//
// Layout (little-endian):
//   magic     8 bytes  "RVSNAP\r\n" (the CR LF catches text-mode mangling, as PNG's does)
//   version   u32      SNAPSHOT_VERSION; a reader refuses any other
//   count     u32      number of sections
//   dirCrc    u32      CRC-32 of the directory that follows
//   directory count × { nameLen u16, name (UTF-8), encoding u8 (0 raw, 1 deflate, 2 pages),
//                       crc u32 (CRC-32 of the stored bytes), stored u64, raw u64 }
//   data      the sections' stored bytes, in directory order, nothing after them
//
// Encoding 2 (pages, version 2 on) holds a sparse page image, RAM's, in independently deflated
// chunks so that a restore inflates only the pages it needs, when it needs them (PageImage):
//   pages u32, chunkPages u32, chunks u32, a bitmap of the pages stored (ceil(pages / 8) bytes),
//   chunks × u32 (each chunk's stored length), then the chunks: chunk i is one zlib stream of
//   stored pages i·chunkPages … (i + 1)·chunkPages - 1 in page order (the last may hold fewer).
//   raw = the bytes of the pages stored (SNAPSHOT_PAGE each).
//
// Every check (magic, version, directory CRC, lengths adding up to the file's, each section's
// CRC, each inflated length, a page image's bitmap, chunk table and lengths) is made before a
// single byte of machine state changes, so a damaged, truncated or future snapshot is refused
// with one line and never half-loaded. A page image's chunks are inflated later, on demand:
// its CRC, checked up front like every section's, covers all of them, so a chunk inflated
// later is byte for byte the one the writer deflated (and each zlib stream also checks its
// inflated bytes with its own Adler-32). See PageImage.
// No Node API here.

export const SNAPSHOT_MAGIC = 'RVSNAP\r\n';
// 2: RAM as a page image in chunks (encoding 2); version 1 inflated it as one stream.
export const SNAPSHOT_VERSION = 2;
export const SNAPSHOT_PAGE = 4096; // RAM and disk contents are stored in pages of this size

export class SnapshotError extends Error {}

// A section of bytes (deflated with `compress`), or a sparse page image (encoding 2): `count`
// pages, `page(i)` giving page i's bytes or null for a page of zeros (not stored).
export type SnapshotSection =
  | { name: string; data: Uint8Array | Uint8Array[]; compress?: boolean }
  | { name: string; pages: { count: number; page: (i: number) => Uint8Array | null } };

const RAW = 0, DEFLATE = 1, PAGES = 2;
// Pages per chunk of a page image. A restore inflates a whole chunk for the first page it needs
// from it, and on a host where fresh memory costs ~16 µs a page to commit, inflating costs
// ~25 µs per page inflated whatever the chunk's size. A booted Linux guest answering its first
// command after a restore needed ~480 of its 14 500 stored pages, from chunks holding 1600
// pages at 8 a chunk (3300 at 32); the file is 1.6 % larger than at 32 a chunk.
export const SNAPSHOT_CHUNK_PAGES = 8;

// What a machine needs to be for a snapshot to restore into it (machine.ts fills it in).
export interface SnapshotMachine {
  config: { memSize: number; harts: number; mode: 'bare' | 'trap'; coherence?: 'sfence' | 'wp'; icount?: number; bootargs?: string };
  devices: SnapshotDevice[];
}

// A virtio device. A disk's contents are in the snapshot when `contents` says so: 'all' (an
// in-memory disk: restorable anywhere), 'overlay' (the writes of a snapshot=on drive, over the
// file at `path`), 'none' (a file written in place at `path`: it must not have changed since).
export type SnapshotDevice =
  | { kind: 'blk'; size: number; readonly: boolean; serial?: string; contents: 'all' | 'overlay' | 'none'; path?: string }
  | { kind: 'rng' }
  | { kind: 'console' }
  | { kind: 'net'; mac: string }
  | { kind: 'balloon' };

// A hypervisor's snapshot lists its guests (each guest's sections are prefixed guest<i>.);
// `machine` is then the first guest's.
export interface SnapshotInfo { version: number; created: string; machine: SnapshotMachine; guests?: { name: string; machine: SnapshotMachine }[] }

// ---- CRC-32 (IEEE 802.3, as zlib's crc32) ----
const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export function crc32(data: Uint8Array, crc = 0): number {
  if (codec.crc32) return codec.crc32(data, crc);
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

// ---- compression ----
async function pipe(stream: CompressionStream | DecompressionStream, chunks: Iterable<Uint8Array>): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  const result = new Response(stream.readable).arrayBuffer();
  const feed = (async () => {
    for (const c of chunks) await writer.write(c as Uint8Array<ArrayBuffer>);
    await writer.close();
  })();
  const [, out] = await Promise.all([feed, result]);
  return new Uint8Array(out);
}

// The codec: CompressionStream/DecompressionStream by default; a front end may put in a faster
// one that writes the same zlib format (Node: src/node/zlib-codec.ts, zlib at level 1, about
// twice as fast both ways), so files stay readable everywhere.
export interface SnapshotCodec {
  deflate(chunks: Iterable<Uint8Array>): Promise<Uint8Array>;
  // `raw`: the length the directory promises (a codec may size its output by it, and stop past it)
  inflate(data: Uint8Array, raw?: number): Promise<Uint8Array>;
  // The same, synchronously, where the host can: a page image's chunks are then inflated when a
  // page of them is first needed (a restored guest's first touch). Without it (a browser's
  // DecompressionStream) a page image is inflated whole while its file is read.
  inflateSync?(data: Uint8Array, raw: number): Uint8Array;
  crc32?(data: Uint8Array, crc: number): number; // the same CRC-32, faster where the host has one
}

let codec: SnapshotCodec = {
  deflate: (chunks) => pipe(new CompressionStream('deflate'), chunks),
  inflate: (data) => pipe(new DecompressionStream('deflate'), [data]),
};

/** Puts in codec `c`; returns the one it replaces. */
export function setSnapshotCodec(c: SnapshotCodec): SnapshotCodec { const old = codec; codec = c; return old; }
export const deflate = (chunks: Iterable<Uint8Array>): Promise<Uint8Array> => codec.deflate(chunks);
export const inflate = (data: Uint8Array, raw?: number): Promise<Uint8Array> => codec.inflate(data, raw);

// ---- the container ----
export async function encodeSnapshot(sections: SnapshotSection[]): Promise<Uint8Array> {
  const enc = new TextEncoder();
  const packed: { encoding: number; stored: Uint8Array; raw: number }[] = [];
  for (const s of sections) {
    if ('pages' in s) { packed.push({ encoding: PAGES, ...await packImage(s.pages.count, s.pages.page) }); continue; }
    const parts = Array.isArray(s.data) ? s.data : [s.data];
    const raw = parts.reduce((n, b) => n + b.length, 0);
    packed.push({ encoding: s.compress ? DEFLATE : RAW, stored: s.compress ? await deflate(batched(parts)) : concat(parts), raw });
  }
  const names = sections.map((s) => enc.encode(s.name));
  const dirSize = names.reduce((n, b) => n + 2 + b.length + 1 + 4 + 16, 0);
  const head = 8 + 4 + 4 + 4;
  const total = head + dirSize + packed.reduce((n, b) => n + b.stored.length, 0);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  out.set(enc.encode(SNAPSHOT_MAGIC), 0);
  dv.setUint32(8, SNAPSHOT_VERSION, true);
  dv.setUint32(12, sections.length, true);
  let at = head;
  packed.forEach((s, i) => {
    dv.setUint16(at, names[i].length, true);
    out.set(names[i], at + 2);
    at += 2 + names[i].length;
    out[at] = s.encoding;
    dv.setUint32(at + 1, crc32(s.stored), true);
    dv.setBigUint64(at + 5, BigInt(s.stored.length), true);
    dv.setBigUint64(at + 13, BigInt(s.raw), true);
    at += 21;
  });
  dv.setUint32(16, crc32(out.subarray(head, head + dirSize)), true);
  for (const s of packed) { out.set(s.stored, at); at += s.stored.length; }
  return out;
}

// A page image's stored bytes (encoding 2, see the top of this file).
async function packImage(count: number, page: (i: number) => Uint8Array | null): Promise<{ stored: Uint8Array; raw: number }> {
  const bitmap = new Uint8Array(Math.ceil(count / 8));
  const chunks: Uint8Array[] = [];
  let batch: Uint8Array[] = [];
  let stored = 0;
  for (let p = 0; p < count; p++) {
    const data = page(p);
    if (!data) continue;
    if (data.length !== SNAPSHOT_PAGE) throw new RangeError(`page ${p} is ${data.length} bytes`);
    bitmap[p >> 3] |= 1 << (p & 7);
    batch.push(data);
    stored++;
    if (batch.length === SNAPSHOT_CHUNK_PAGES) { chunks.push(await deflate(batch)); batch = []; }
  }
  if (batch.length) chunks.push(await deflate(batch));
  const head = new Uint8Array(12 + bitmap.length + 4 * chunks.length);
  const dv = new DataView(head.buffer);
  dv.setUint32(0, count, true);
  dv.setUint32(4, SNAPSHOT_CHUNK_PAGES, true);
  dv.setUint32(8, chunks.length, true);
  head.set(bitmap, 12);
  chunks.forEach((c, i) => dv.setUint32(12 + bitmap.length + 4 * i, c.length, true));
  return { stored: concat([head, ...chunks]), raw: stored * SNAPSHOT_PAGE };
}

// Sections go to the compressor in pieces of about 1 MiB (each write to a stream has a cost).
function* batched(parts: Uint8Array[]): Iterable<Uint8Array> {
  const BATCH = 1 << 20;
  let buf = new Uint8Array(BATCH);
  let fill = 0;
  for (const p of parts) {
    if (p.length >= BATCH) {
      if (fill) { yield buf.subarray(0, fill); buf = new Uint8Array(BATCH); fill = 0; }
      yield p;
      continue;
    }
    if (fill + p.length > BATCH) { yield buf.subarray(0, fill); buf = new Uint8Array(BATCH); fill = 0; }
    buf.set(p, fill);
    fill += p.length;
  }
  if (fill) yield buf.subarray(0, fill);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/**
 * Checks the whole container and returns each section inflated (a page image's chunks are
 * checked and inflated when they are read, see PageImage), or throws SnapshotError.
 */
export async function decodeSnapshot(bytes: Uint8Array): Promise<DecodedSnapshot> {
  const bad = (why: string) => new SnapshotError(`not a usable rvisor snapshot: ${why}`);
  const dec = new TextDecoder();
  if (bytes.length < 20 || dec.decode(bytes.subarray(0, 8)) !== SNAPSHOT_MAGIC) throw bad('it does not start with RVSNAP');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = dv.getUint32(8, true);
  if (version !== SNAPSHOT_VERSION) {
    throw new SnapshotError(`snapshot format version ${version} is ${version > SNAPSHOT_VERSION ? 'newer than' : 'older than'} this rvisor's (${SNAPSHOT_VERSION}); use the rvisor that saved it`);
  }
  const count = dv.getUint32(12, true);
  if (count > 1024) throw bad(`its header names ${count} sections`);
  const dir: { name: string; encoding: number; crc: number; stored: number; raw: number }[] = [];
  let at = 20;
  for (let i = 0; i < count; i++) {
    if (at + 2 > bytes.length) throw bad('it is truncated (in its directory)');
    const len = dv.getUint16(at, true);
    if (at + 2 + len + 21 > bytes.length) throw bad('it is truncated (in its directory)');
    const name = dec.decode(bytes.subarray(at + 2, at + 2 + len));
    at += 2 + len;
    const stored = Number(dv.getBigUint64(at + 5, true));
    const raw = Number(dv.getBigUint64(at + 13, true));
    dir.push({ name, encoding: bytes[at], crc: dv.getUint32(at + 1, true), stored, raw });
    at += 21;
  }
  if (crc32(bytes.subarray(20, at)) !== dv.getUint32(16, true)) throw bad('its directory is damaged (CRC mismatch)');
  const dataSize = dir.reduce((n, d) => n + d.stored, 0);
  if (at + dataSize > bytes.length) throw bad(`it is truncated (${bytes.length} bytes, the directory needs ${at + dataSize})`);
  if (at + dataSize < bytes.length) throw bad(`${bytes.length - at - dataSize} unexpected bytes follow its last section`);
  const out: DecodedSnapshot = new Map();
  for (const d of dir) {
    const stored = bytes.subarray(at, at + d.stored);
    at += d.stored;
    if (crc32(stored) !== d.crc) throw bad(`section ${d.name} is damaged (CRC mismatch)`);
    if (d.encoding > PAGES) throw bad(`section ${d.name} has unknown encoding ${d.encoding}`);
    if (d.encoding === PAGES) {
      const image = new PageImage(stored, d.raw, d.name);
      if (!codec.inflateSync) await image.inflateAll();
      out.set(d.name, image);
      continue;
    }
    let data: Uint8Array;
    try {
      data = d.encoding === DEFLATE ? await inflate(stored, d.raw) : stored;
    } catch (e) {
      throw bad(`section ${d.name} does not inflate (${(e as Error).message})`);
    }
    if (data.length !== d.raw) throw bad(`section ${d.name} is ${data.length} bytes, its directory says ${d.raw}`);
    out.set(d.name, data);
  }
  return out;
}

export const jsonSection = (name: string, value: unknown, compress = false): SnapshotSection =>
  ({ name, data: new TextEncoder().encode(JSON.stringify(value)), compress });

/** A section's bytes; SnapshotError when it is missing or a page image. */
export function readBytes(sections: DecodedSnapshot, name: string): Uint8Array {
  const data = sections.get(name);
  if (!data) throw new SnapshotError(`not a usable rvisor snapshot: it has no ${name} section`);
  if (!(data instanceof Uint8Array)) throw new SnapshotError(`not a usable rvisor snapshot: its ${name} section is a page image`);
  return data;
}

export function readJson<T>(sections: DecodedSnapshot, name: string): T {
  const data = readBytes(sections, name);
  try {
    return JSON.parse(new TextDecoder().decode(data)) as T;
  } catch {
    throw new SnapshotError(`not a usable rvisor snapshot: its ${name} section is not JSON`);
  }
}

/** A snapshot checked once (decodeSnapshot), for readSnapshotInfo and restore. */
export type DecodedSnapshot = Map<string, Uint8Array | PageImage>;

/** What machine `bytes` was taken from (checks the whole file first). */
export async function readSnapshotInfo(bytes: Uint8Array | DecodedSnapshot): Promise<SnapshotInfo> {
  const sections = bytes instanceof Map ? bytes : await decodeSnapshot(bytes);
  const info = readJson<SnapshotInfo>(sections, 'info');
  if (!info.machine?.config || !Array.isArray(info.machine.devices)) throw new SnapshotError('not a usable rvisor snapshot: its info section lacks the machine');
  return info;
}

// ---- page images (encoding 2) ----
// A checked page image: which pages it holds, and their bytes on demand. A chunk is inflated
// when one of its pages is first read and kept among the few read last, so a run of reads in
// one chunk (a restored guest touching neighbouring pages, a snapshot reading every page in
// order) inflates it once. Reading a page of zeros (not stored) is the caller's mistake.
const CACHED_CHUNKS = 64;

export class PageImage {
  readonly pages: number; // pages in the image (the RAM's size)
  readonly stored: number; // pages it holds (the others are zeros)
  private readonly ordinal: Int32Array; // page -> its index among the stored pages, or -1
  private readonly chunkPages: number;
  private readonly chunkAt: Float64Array; // chunk i's stored bytes: chunkAt[i] … chunkAt[i + 1]
  private readonly cache = new Map<number, Uint8Array>(); // chunk -> inflated, least recently used first
  private whole: Uint8Array[] | null = null; // every chunk inflated (inflateAll)
  inflated = 0; // chunks inflated so far (a chunk evicted from the cache and read again counts again)

  constructor(private readonly data: Uint8Array, raw: number, private readonly what: string) {
    if (data.length < 12) throw this.bad('its page image has no header');
    const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const pages = dv.getUint32(0, true);
    const chunkPages = dv.getUint32(4, true);
    const chunks = dv.getUint32(8, true);
    const bitmapLen = Math.ceil(pages / 8);
    if (chunkPages < 1 || chunkPages > 65536) throw this.bad(`${chunkPages} pages per chunk`);
    const tableAt = 12 + bitmapLen;
    if (tableAt + 4 * chunks > data.length) throw this.bad('its page image is truncated (in its chunk table)');
    const ordinal = new Int32Array(pages);
    let stored = 0;
    for (let p = 0; p < pages; p++) ordinal[p] = data[12 + (p >> 3)] & (1 << (p & 7)) ? stored++ : -1;
    if (pages % 8 && data[12 + bitmapLen - 1] >> (pages % 8)) throw this.bad('its bitmap marks pages past its end');
    if (stored * SNAPSHOT_PAGE !== raw) throw this.bad(`its bitmap marks ${stored} pages, its directory says ${raw / SNAPSHOT_PAGE}`);
    if (chunks !== Math.ceil(stored / chunkPages)) throw this.bad(`${chunks} chunks for ${stored} pages of ${chunkPages} each`);
    const chunkAt = new Float64Array(chunks + 1);
    chunkAt[0] = tableAt + 4 * chunks;
    for (let i = 0; i < chunks; i++) chunkAt[i + 1] = chunkAt[i] + dv.getUint32(tableAt + 4 * i, true);
    if (chunkAt[chunks] !== data.length) throw this.bad(`its chunks take ${chunkAt[chunks] - chunkAt[0]} bytes, it has ${data.length - chunkAt[0]}`);
    this.pages = pages;
    this.stored = stored;
    this.ordinal = ordinal;
    this.chunkPages = chunkPages;
    this.chunkAt = chunkAt;
  }

  get chunks(): number { return this.chunkAt.length - 1; }

  has(page: number): boolean { return this.ordinal[page] >= 0; }

  /** The pages the image holds, in order. */
  *storedPages(): Iterable<number> {
    for (let p = 0; p < this.pages; p++) if (this.ordinal[p] >= 0) yield p;
  }

  /** Copies stored page `page` into `into` (SNAPSHOT_PAGE bytes); SnapshotError if its chunk is bad. */
  read(page: number, into: Uint8Array): void {
    const n = this.ordinal[page];
    if (!(n >= 0)) throw new RangeError(`${this.what}: page ${page} is not stored`);
    const at = (n % this.chunkPages) * SNAPSHOT_PAGE;
    into.set(this.chunk(Math.floor(n / this.chunkPages)).subarray(at, at + SNAPSHOT_PAGE));
  }

  /** Every stored page in order, chunk by chunk (views into inflated chunks, which are never reused). */
  forEach(fn: (page: number, data: Uint8Array) => void): void {
    let chunk: Uint8Array | null = null;
    for (let p = 0; p < this.pages; p++) {
      const n = this.ordinal[p];
      if (n < 0) continue;
      const at = (n % this.chunkPages) * SNAPSHOT_PAGE;
      if (at === 0 || !chunk) chunk = this.chunk(Math.floor(n / this.chunkPages), false);
      fn(p, chunk.subarray(at, at + SNAPSHOT_PAGE));
    }
  }

  /** Inflates every chunk now (a host without a synchronous inflate; checks them all). */
  async inflateAll(): Promise<void> {
    // All at once: one stream after another would wait a turn of the event loop for each.
    this.whole = await Promise.all(Array.from({ length: this.chunks }, async (_, i) => {
      let c: Uint8Array;
      try {
        c = await inflate(this.storedChunk(i), this.chunkBytes(i));
      } catch (e) {
        throw this.bad(`chunk ${i} does not inflate (${(e as Error).message})`);
      }
      return this.checked(i, c);
    }));
  }

  // Chunk i inflated; kept among the last CACHED_CHUNKS read (`keep`), or not (a pass over all).
  private chunk(i: number, keep = true): Uint8Array {
    if (this.whole) return this.whole[i];
    let c = this.cache.get(i);
    if (c) {
      this.cache.delete(i);
      this.cache.set(i, c);
      return c;
    }
    if (!codec.inflateSync) throw new Error(`${this.what}: this host inflates page images only ahead (inflateAll)`);
    try {
      c = codec.inflateSync(this.storedChunk(i), this.chunkBytes(i));
    } catch (e) {
      throw this.bad(`chunk ${i} does not inflate (${(e as Error).message})`);
    }
    this.checked(i, c);
    if (keep) {
      if (this.cache.size >= CACHED_CHUNKS) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(i, c);
    }
    return c;
  }

  private checked(i: number, c: Uint8Array): Uint8Array {
    this.inflated++;
    if (c.length !== this.chunkBytes(i)) throw this.bad(`chunk ${i} is ${c.length} bytes, it should be ${this.chunkBytes(i)}`);
    return c;
  }

  private bad(why: string): SnapshotError { return new SnapshotError(`not a usable rvisor snapshot: section ${this.what}: ${why}`); }

  private storedChunk(i: number): Uint8Array { return this.data.subarray(this.chunkAt[i], this.chunkAt[i + 1]); }

  private chunkBytes(i: number): number {
    return Math.min(this.chunkPages, this.stored - i * this.chunkPages) * SNAPSHOT_PAGE;
  }
}

// ---- sparse pages ----
// Memory or a disk as a count, a bitmap of the pages stored, and those pages (SNAPSHOT_PAGE bytes
// each) in order. RAM stores the pages that hold anything but zeros; a disk overlay the chunks
// it holds.
export function packPages(pages: number, page: (i: number) => Uint8Array | null): Uint8Array[] {
  const head = new Uint8Array(4 + Math.ceil(pages / 8));
  new DataView(head.buffer).setUint32(0, pages, true);
  const parts: Uint8Array[] = [head];
  for (let p = 0; p < pages; p++) {
    const data = page(p);
    if (!data) continue;
    if (data.length !== SNAPSHOT_PAGE) throw new RangeError(`page ${p} is ${data.length} bytes`);
    head[4 + (p >> 3)] |= 1 << (p & 7);
    parts.push(data);
  }
  return parts;
}

/** The non-zero pages of `mem` (a whole number of pages), for packPages. */
export function nonZeroPage(mem: Uint8Array): (i: number) => Uint8Array | null {
  const words = new Uint32Array(mem.buffer, mem.byteOffset, mem.length >> 2);
  const per = SNAPSHOT_PAGE >> 2;
  return (p) => {
    for (let w = p * per, end = w + per; w < end; w++) if (words[w] !== 0) return mem.subarray(p * SNAPSHOT_PAGE, (p + 1) * SNAPSHOT_PAGE);
    return null;
  };
}

/** Checks a packPages() image of `pages` pages and returns its pages by index (views into data). */
export function unpackPages(data: Uint8Array, pages: number, what: string): Map<number, Uint8Array> {
  const bad = (why: string) => new SnapshotError(`not a usable rvisor snapshot: ${what}: ${why}`);
  if (data.length < 4) throw bad('empty');
  const n = new DataView(data.buffer, data.byteOffset, 4).getUint32(0, true);
  if (n !== pages) throw bad(`${n} pages, the machine has ${pages}`);
  const bitmap = data.subarray(4, 4 + Math.ceil(pages / 8));
  const out = new Map<number, Uint8Array>();
  let at = 4 + bitmap.length;
  for (let p = 0; p < pages; p++) {
    if (!(bitmap[p >> 3] & (1 << (p & 7)))) continue;
    if (at + SNAPSHOT_PAGE > data.length) throw bad('its pages end early');
    out.set(p, data.subarray(at, at + SNAPSHOT_PAGE));
    at += SNAPSHOT_PAGE;
  }
  if (at !== data.length) throw bad(`${data.length - at} bytes after its last page`);
  return out;
}
