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
//   directory count × { nameLen u16, name (UTF-8), encoding u8 (0 raw, 1 deflate),
//                       crc u32 (CRC-32 of the stored bytes), stored u64, raw u64 }
//   data      the sections' stored bytes, in directory order, nothing after them
//
// Every check (magic, version, directory CRC, lengths adding up to the file's, each section's
// CRC, each inflated length) is made before a single byte of machine state changes, so a
// damaged, truncated or future snapshot is refused with one line and never half-loaded.
// No Node API here.

export const SNAPSHOT_MAGIC = 'RVSNAP\r\n';
export const SNAPSHOT_VERSION = 1;
export const SNAPSHOT_PAGE = 4096; // RAM and disk contents are stored in pages of this size

export class SnapshotError extends Error {}

export interface SnapshotSection { name: string; data: Uint8Array | Uint8Array[]; compress?: boolean }

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
  crc32?(data: Uint8Array, crc: number): number; // the same CRC-32, faster where the host has one
}

let codec: SnapshotCodec = {
  deflate: (chunks) => pipe(new CompressionStream('deflate'), chunks),
  inflate: (data) => pipe(new DecompressionStream('deflate'), [data]),
};

export function setSnapshotCodec(c: SnapshotCodec): void { codec = c; }
export const deflate = (chunks: Iterable<Uint8Array>): Promise<Uint8Array> => codec.deflate(chunks);
export const inflate = (data: Uint8Array, raw?: number): Promise<Uint8Array> => codec.inflate(data, raw);

// ---- the container ----
export async function encodeSnapshot(sections: SnapshotSection[]): Promise<Uint8Array> {
  const enc = new TextEncoder();
  const parts = sections.map((s) => (Array.isArray(s.data) ? s.data : [s.data]));
  const raw = parts.map((p) => p.reduce((n, b) => n + b.length, 0));
  const stored = await Promise.all(sections.map(async (s, i) => (s.compress ? deflate(batched(parts[i])) : concat(parts[i]))));
  const names = sections.map((s) => enc.encode(s.name));
  const dirSize = names.reduce((n, b) => n + 2 + b.length + 1 + 4 + 16, 0);
  const head = 8 + 4 + 4 + 4;
  const total = head + dirSize + stored.reduce((n, b) => n + b.length, 0);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  out.set(enc.encode(SNAPSHOT_MAGIC), 0);
  dv.setUint32(8, SNAPSHOT_VERSION, true);
  dv.setUint32(12, sections.length, true);
  let at = head;
  sections.forEach((s, i) => {
    dv.setUint16(at, names[i].length, true);
    out.set(names[i], at + 2);
    at += 2 + names[i].length;
    out[at] = s.compress ? 1 : 0;
    dv.setUint32(at + 1, crc32(stored[i]), true);
    dv.setBigUint64(at + 5, BigInt(stored[i].length), true);
    dv.setBigUint64(at + 13, BigInt(raw[i]), true);
    at += 21;
  });
  dv.setUint32(16, crc32(out.subarray(head, head + dirSize)), true);
  for (const b of stored) { out.set(b, at); at += b.length; }
  return out;
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

/** Checks the whole container and returns each section inflated, or throws SnapshotError. */
export async function decodeSnapshot(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
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
  const out = new Map<string, Uint8Array>();
  for (const d of dir) {
    const stored = bytes.subarray(at, at + d.stored);
    at += d.stored;
    if (crc32(stored) !== d.crc) throw bad(`section ${d.name} is damaged (CRC mismatch)`);
    if (d.encoding > 1) throw bad(`section ${d.name} has unknown encoding ${d.encoding}`);
    let data: Uint8Array;
    try {
      data = d.encoding === 1 ? await inflate(stored, d.raw) : stored;
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

export function readJson<T>(sections: Map<string, Uint8Array>, name: string): T {
  const data = sections.get(name);
  if (!data) throw new SnapshotError(`not a usable rvisor snapshot: it has no ${name} section`);
  try {
    return JSON.parse(new TextDecoder().decode(data)) as T;
  } catch {
    throw new SnapshotError(`not a usable rvisor snapshot: its ${name} section is not JSON`);
  }
}

/** A snapshot checked and inflated once (decodeSnapshot), for readSnapshotInfo and restore. */
export type DecodedSnapshot = Map<string, Uint8Array>;

/** What machine `bytes` was taken from (checks the whole file first). */
export async function readSnapshotInfo(bytes: Uint8Array | DecodedSnapshot): Promise<SnapshotInfo> {
  const sections = bytes instanceof Map ? bytes : await decodeSnapshot(bytes);
  const info = readJson<SnapshotInfo>(sections, 'info');
  if (!info.machine?.config || !Array.isArray(info.machine.devices)) throw new SnapshotError('not a usable rvisor snapshot: its info section lacks the machine');
  return info;
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
