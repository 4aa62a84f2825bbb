// cpio "newc" archives (the format of Linux initramfs images), written and read.
//
// `CpioWriter` builds an archive in memory: directories, regular files, symbolic links and
// device nodes, each with the 110-byte "070701" header, the NUL-terminated name and the data,
// both padded to 4 bytes, and the closing "TRAILER!!!" entry. Everything is owned by root,
// dated 0 and numbered in order, so the same calls give the same bytes. Parent directories that
// were not added explicitly are added (mode 0755) before the first entry inside them, since the
// kernel creates entries in archive order. `readCpio` parses such an archive back (any newc
// archive, "070702" with checksums too). No Node APIs: initramfs images can be made in the
// browser.

export class CpioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CpioError';
  }
}

export const S_IFMT = 0o170000;
export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;
export const S_IFLNK = 0o120000;
export const S_IFCHR = 0o020000;
export const S_IFBLK = 0o060000;

const MAGIC = '070701';
const HEADER_SIZE = 110;
const TRAILER = 'TRAILER!!!';
const MAX_U32 = 0xffff_ffff;

export interface CpioEntry {
  /** the name as stored, e.g. "bin/busybox" (no leading "/" when written by CpioWriter) */
  name: string;
  /** type and permission bits (S_IFREG | 0o755 …) */
  mode: number;
  ino: number;
  uid: number;
  gid: number;
  nlink: number;
  mtime: number;
  /** file contents, or the link target of a symbolic link; a view into the archive */
  data: Uint8Array;
  /** device number of a character or block device node */
  rdevMajor: number;
  rdevMinor: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** "/a//b/./c/" → "a/b/c"; rejects "", "." and ".." components. */
function normalizePath(path: string): string {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0) throw new CpioError(`cpio: "${path}" names no entry`);
  if (parts.includes('..')) throw new CpioError(`cpio: "${path}" contains ".."`);
  return parts.join('/');
}

function checkPermissions(path: string, mode: number): void {
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) {
    throw new CpioError(`cpio: mode of "${path}" must be permission bits 0…0o7777, not ${mode}`);
  }
}

export class CpioWriter {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  private nextIno = 1;
  private readonly names = new Map<string, number>(); // name → type bits
  private finished = false;

  /** A directory (and its missing parents). Adding an existing directory again does nothing. */
  dir(path: string, mode = 0o755): this {
    checkPermissions(path, mode);
    const name = normalizePath(path);
    const existing = this.names.get(name);
    if (existing === S_IFDIR) return this;
    this.entry(name, S_IFDIR | mode, new Uint8Array(0), 2, 0, 0);
    return this;
  }

  /** A regular file with the given contents (copied into the archive by finish()). */
  file(path: string, data: Uint8Array, mode = 0o644): this {
    checkPermissions(path, mode);
    this.entry(normalizePath(path), S_IFREG | mode, data, 1, 0, 0);
    return this;
  }

  /** A symbolic link (mode 0777) pointing at `target`, which is stored as given. */
  symlink(path: string, target: string): this {
    if (target === '') throw new CpioError(`cpio: symbolic link "${path}" has an empty target`);
    this.entry(normalizePath(path), S_IFLNK | 0o777, encoder.encode(target), 1, 0, 0);
    return this;
  }

  /** A character ('c') or block ('b') device node, e.g. device('dev/console', 0o600, 5, 1, 'c'). */
  device(path: string, mode: number, major: number, minor: number, kind: 'c' | 'b'): this {
    checkPermissions(path, mode);
    for (const [what, v] of [['major', major], ['minor', minor]] as const) {
      if (!Number.isInteger(v) || v < 0 || v > MAX_U32) throw new CpioError(`cpio: device ${what} number of "${path}" out of range: ${v}`);
    }
    if (kind !== 'c' && kind !== 'b') throw new CpioError(`cpio: device kind of "${path}" must be 'c' or 'b'`);
    this.entry(normalizePath(path), (kind === 'c' ? S_IFCHR : S_IFBLK) | mode, new Uint8Array(0), 1, major, minor);
    return this;
  }

  /** True when an entry of that name has been added (explicitly or as a parent). */
  has(path: string): boolean {
    return this.names.has(normalizePath(path));
  }

  /** The archive: the entries in the order added, then the trailer. The writer is done after it. */
  finish(): Uint8Array {
    if (this.finished) throw new CpioError('cpio: finish() called twice');
    this.finished = true;
    this.push(header(TRAILER, 0, 0, 1, 0, 0, 0));
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    this.chunks.length = 0;
    return out;
  }

  private entry(name: string, mode: number, data: Uint8Array, nlink: number, major: number, minor: number): void {
    if (this.finished) throw new CpioError('cpio: entry added after finish()');
    if (name === TRAILER) throw new CpioError(`cpio: "${TRAILER}" is reserved for the trailer`);
    if (this.names.has(name)) throw new CpioError(`cpio: "${name}" added twice`);
    if (data.length > MAX_U32) throw new CpioError(`cpio: "${name}" is larger than 4 GiB, which newc cannot hold`);
    const slash = name.lastIndexOf('/');
    if (slash > 0) {
      const parent = name.slice(0, slash);
      const type = this.names.get(parent);
      if (type === undefined) this.dir(parent);
      else if (type !== S_IFDIR) throw new CpioError(`cpio: "${parent}" is not a directory, so "${name}" cannot be in it`);
    }
    this.names.set(name, mode & S_IFMT);
    this.push(header(name, this.nextIno++, mode, nlink, data.length, major, minor));
    if (data.length) {
      this.push(data);
      this.pad();
    }
  }

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.size += bytes.length;
  }

  private pad(): void {
    const n = (4 - (this.size & 3)) & 3;
    if (n) this.push(new Uint8Array(n));
  }
}

/** The header, name and the padding after the name (the header starts 4-aligned). */
function header(name: string, ino: number, mode: number, nlink: number, fileSize: number, rdevMajor: number, rdevMinor: number): Uint8Array {
  const nameBytes = encoder.encode(name);
  if (nameBytes.includes(0)) throw new CpioError(`cpio: name "${name}" contains a NUL character`);
  const namesize = nameBytes.length + 1;
  const total = (HEADER_SIZE + namesize + 3) & ~3;
  const out = new Uint8Array(total);
  const hex = (v: number) => (v >>> 0).toString(16).padStart(8, '0');
  // magic, ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check
  const text = MAGIC + [ino, mode, 0, 0, nlink, 0, fileSize, 0, 0, rdevMajor, rdevMinor, namesize, 0].map(hex).join('');
  for (let i = 0; i < HEADER_SIZE; i++) out[i] = text.charCodeAt(i);
  out.set(nameBytes, HEADER_SIZE);
  return out;
}

/**
 * The entries of a newc archive ("070701", or "070702" whose checksums are not verified), in
 * order, without the trailer. Stops at the trailer; the bytes after it (zero padding, or more
 * archives, which the kernel also accepts) are not read. Throws CpioError on malformed input.
 */
export function readCpio(archive: Uint8Array): CpioEntry[] {
  const entries: CpioEntry[] = [];
  let at = 0;
  for (;;) {
    if (at + HEADER_SIZE > archive.length) throw new CpioError(`cpio: archive ends at ${archive.length} without a trailer`);
    const magic = decoder.decode(archive.subarray(at, at + 6));
    if (magic !== '070701' && magic !== '070702') throw new CpioError(`cpio: no newc header at offset ${at} (magic "${magic}")`);
    const field = (i: number): number => {
      const s = decoder.decode(archive.subarray(at + 6 + 8 * i, at + 14 + 8 * i));
      if (!/^[0-9a-fA-F]{8}$/.test(s)) throw new CpioError(`cpio: bad header field "${s}" at offset ${at}`);
      return parseInt(s, 16);
    };
    const [ino, mode, uid, gid, nlink, mtime, fileSize] = [0, 1, 2, 3, 4, 5, 6].map(field);
    const [rdevMajor, rdevMinor, namesize] = [9, 10, 11].map(field);
    if (namesize === 0) throw new CpioError(`cpio: entry at offset ${at} has an empty name`);
    const nameEnd = at + HEADER_SIZE + namesize;
    if (nameEnd > archive.length) throw new CpioError(`cpio: name at offset ${at} runs past the end`);
    const name = decoder.decode(archive.subarray(at + HEADER_SIZE, nameEnd - 1));
    const dataStart = (nameEnd + 3) & ~3;
    if (name === TRAILER) break;
    if (dataStart + fileSize > archive.length) throw new CpioError(`cpio: data of "${name}" runs past the end`);
    entries.push({ name, mode, ino, uid, gid, nlink, mtime, data: archive.subarray(dataStart, dataStart + fileSize), rdevMajor, rdevMinor });
    at = (dataStart + fileSize + 3) & ~3;
  }
  return entries;
}
