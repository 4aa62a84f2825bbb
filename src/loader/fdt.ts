// Flattened device tree (DTB) writer, format version 17, per the Devicetree Specification v0.4,
// chapter 5: a 40-byte header, the memory reservation block, the structure block
// (FDT_BEGIN_NODE / FDT_PROP / FDT_END_NODE / FDT_END tokens) and the strings block with each
// property name stored once. Everything is big-endian and 4-byte aligned (the reservation block
// 8-byte aligned). No Node APIs: runs in the browser too.
//
// Usage: const w = new FdtWriter(); w.begin(''); w.propU32('#address-cells', 2); …; w.end();
// const dtb = w.finish(). Properties of a node must come before its child nodes.

export const FDT_MAGIC = 0xd00dfeed;
export const FDT_VERSION = 17;
export const FDT_LAST_COMP_VERSION = 16;
export const FDT_BEGIN_NODE = 1;
export const FDT_END_NODE = 2;
export const FDT_PROP = 3;
export const FDT_NOP = 4;
export const FDT_END = 9;
export const FDT_HEADER_SIZE = 40;

/** A growable big-endian byte buffer. */
class ByteBuf {
  bytes = new Uint8Array(1024);
  dv = new DataView(this.bytes.buffer);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    let cap = this.bytes.length * 2;
    while (cap < this.length + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
    this.dv = new DataView(next.buffer);
  }
  u32(v: number): void {
    this.reserve(4);
    this.dv.setUint32(this.length, v >>> 0);
    this.length += 4;
  }
  u64(v: bigint): void {
    this.reserve(8);
    this.dv.setBigUint64(this.length, v);
    this.length += 8;
  }
  raw(b: Uint8Array): void {
    this.reserve(b.length);
    this.bytes.set(b, this.length);
    this.length += b.length;
  }
  align4(): void {
    const pad = (4 - (this.length & 3)) & 3;
    this.reserve(pad);
    this.bytes.fill(0, this.length, this.length + pad);
    this.length += pad;
  }
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}

const encoder = new TextEncoder();

function checkU32(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) {
    throw new RangeError(`device tree property "${name}": cell value ${v} is not a 32-bit unsigned integer`);
  }
  return v;
}

function toU64(name: string, v: bigint | number): bigint {
  const b = typeof v === 'bigint' ? v : Number.isSafeInteger(v) ? BigInt(v) : -1n;
  if (b < 0n || b >= 1n << 64n) throw new RangeError(`device tree property "${name}": value ${v} is not a 64-bit unsigned integer`);
  return b;
}

/** The two cells (high, low) of a 64-bit value. */
export function u64Cells(v: bigint | number): [number, number] {
  const b = toU64('u64', v);
  return [Number(b >> 32n), Number(b & 0xffffffffn)];
}

export class FdtWriter {
  private struct = new ByteBuf();
  private strings = new ByteBuf();
  private stringOffsets = new Map<string, number>();
  private reservations: Array<[bigint, bigint]> = [];
  /** per open node: has it had a child yet (after which properties are not allowed) */
  private open: Array<{ name: string; hasChild: boolean; props: Set<string> }> = [];
  private rootDone = false;
  private nextPhandle = 1;
  private phandles = new Map<string, number>();

  /** Adds an entry to the memory reservation block. */
  reserve(address: bigint | number, size: bigint | number): void {
    this.reservations.push([toU64('reserve', address), toU64('reserve', size)]);
  }

  /** Returns a fresh phandle (1, 2, 3 …). */
  allocPhandle(): number {
    return this.nextPhandle++;
  }

  /** The phandle for a label, allocated on first use (so a node can be referred to before it is written). */
  phandle(label: string): number {
    let p = this.phandles.get(label);
    if (p === undefined) {
      p = this.allocPhandle();
      this.phandles.set(label, p);
    }
    return p;
  }

  /** Opens a node; the root node's name is ''. */
  begin(name: string): this {
    if (this.rootDone) throw new Error('FdtWriter: the root node is already closed');
    if (this.open.length === 0 && name !== '') throw new Error(`FdtWriter: the first node must be the root '' (got "${name}")`);
    if (this.open.length > 0) {
      if (name === '' || name.includes('/') || name.includes('\0')) {
        throw new Error(`FdtWriter: bad node name "${name}"`);
      }
      this.open[this.open.length - 1].hasChild = true;
    }
    this.struct.u32(FDT_BEGIN_NODE);
    this.struct.raw(encoder.encode(name));
    this.struct.raw(new Uint8Array(1));
    this.struct.align4();
    this.open.push({ name, hasChild: false, props: new Set() });
    return this;
  }

  /** Closes the innermost open node. */
  end(): this {
    if (this.open.length === 0) throw new Error('FdtWriter: end() without an open node');
    this.open.pop();
    this.struct.u32(FDT_END_NODE);
    if (this.open.length === 0) this.rootDone = true;
    return this;
  }

  /** A property with raw bytes as its value. */
  propBytes(name: string, value: Uint8Array): this {
    const node = this.open[this.open.length - 1];
    if (!node) throw new Error(`FdtWriter: property "${name}" outside any node`);
    if (node.hasChild) throw new Error(`FdtWriter: property "${name}" after a child node of "${node.name}"`);
    if (name === '' || name.includes('\0')) throw new Error(`FdtWriter: bad property name "${name}"`);
    if (node.props.has(name)) throw new Error(`FdtWriter: duplicate property "${name}" in "${node.name || '/'}"`);
    node.props.add(name);
    this.struct.u32(FDT_PROP);
    this.struct.u32(value.length);
    this.struct.u32(this.stringOffset(name));
    this.struct.raw(value);
    this.struct.align4();
    return this;
  }

  /** An empty (boolean) property such as `interrupt-controller` or `ranges`. */
  propEmpty(name: string): this {
    return this.propBytes(name, new Uint8Array(0));
  }

  /** One or more 32-bit cells. */
  propU32(name: string, ...cells: number[]): this {
    return this.propCells(name, cells);
  }

  /** A list of 32-bit cells. */
  propCells(name: string, cells: number[]): this {
    const b = new Uint8Array(cells.length * 4);
    const dv = new DataView(b.buffer);
    cells.forEach((c, i) => dv.setUint32(i * 4, checkU32(name, c)));
    return this.propBytes(name, b);
  }

  /** One 64-bit value as two cells. */
  propU64(name: string, v: bigint | number): this {
    return this.propCells(name, u64Cells(v));
  }

  /** A list of 64-bit values, two cells each (e.g. `reg` with #address-cells = #size-cells = 2). */
  propU64s(name: string, values: Array<bigint | number>): this {
    return this.propCells(name, values.flatMap((v) => u64Cells(v)));
  }

  /** A NUL-terminated string. */
  propString(name: string, s: string): this {
    return this.propStrings(name, [s]);
  }

  /** A string list: each string NUL-terminated, one after the other. */
  propStrings(name: string, list: string[]): this {
    const parts = list.map((s) => {
      if (s.includes('\0')) throw new Error(`FdtWriter: property "${name}": string contains NUL`);
      return encoder.encode(s);
    });
    const b = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
    let o = 0;
    for (const p of parts) {
      b.set(p, o);
      o += p.length + 1;
    }
    return this.propBytes(name, b);
  }

  private stringOffset(name: string): number {
    let off = this.stringOffsets.get(name);
    if (off === undefined) {
      off = this.strings.length;
      this.strings.raw(encoder.encode(name));
      this.strings.raw(new Uint8Array(1));
      this.stringOffsets.set(name, off);
    }
    return off;
  }

  /** Assembles the blob. The root node must be closed. */
  finish(bootCpuId = 0): Uint8Array {
    if (!this.rootDone) {
      throw new Error(
        this.open.length ? `FdtWriter: node "${this.open[this.open.length - 1].name}" is still open` : 'FdtWriter: no root node',
      );
    }
    const rsv = new ByteBuf();
    for (const [a, s] of this.reservations) {
      rsv.u64(a);
      rsv.u64(s);
    }
    rsv.u64(0n);
    rsv.u64(0n);
    const structBytes = this.struct.view();
    const structSize = structBytes.length + 4; // + FDT_END
    const stringsBytes = this.strings.view();
    const offRsv = FDT_HEADER_SIZE; // 40: already 8-byte aligned
    const offStruct = offRsv + rsv.length; // multiple of 8
    const offStrings = offStruct + structSize; // multiple of 4
    const total = offStrings + stringsBytes.length;
    const out = new Uint8Array((total + 3) & ~3);
    const dv = new DataView(out.buffer);
    const header = [
      FDT_MAGIC,
      out.length,
      offStruct,
      offStrings,
      offRsv,
      FDT_VERSION,
      FDT_LAST_COMP_VERSION,
      checkU32('boot_cpuid_phys', bootCpuId),
      stringsBytes.length,
      structSize,
    ];
    header.forEach((v, i) => dv.setUint32(i * 4, v));
    out.set(rsv.view(), offRsv);
    out.set(structBytes, offStruct);
    dv.setUint32(offStruct + structBytes.length, FDT_END);
    out.set(stringsBytes, offStrings);
    return out;
  }
}

// ---- reading and checking a blob (`--dtb FILE`) ----

/** A device tree blob that is not one, with what is wrong with it in one line. */
export class FdtError extends Error {}

export interface FdtNode { name: string; props: Map<string, Uint8Array>; children: FdtNode[] }

const MAX_DEPTH = 64;

/**
 * Reads a flattened device tree and checks it the way a kernel will rely on it (Devicetree
 * Specification v0.4, chapter 5; libfdt's fdt_check_header and its structure walk): the header
 * (magic, versions 16 and 17, sizes and offsets inside the blob and aligned), the memory
 * reservation block (terminated inside the blob), and the structure block (tokens aligned and
 * known, names and property values inside the block, property names inside the strings block,
 * one root node, nodes balanced, FDT_END last). Throws FdtError; returns the root node.
 */
export function parseFdt(blob: Uint8Array, what = 'device tree'): FdtNode {
  const fail = (why: string): never => { throw new FdtError(`${what}: ${why}`); };
  if (blob.length < FDT_HEADER_SIZE) fail(blob.length === 0 ? 'empty file; not a device tree blob' : `${blob.length} bytes, shorter than a device tree header (40); not a device tree blob`);
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const h = (i: number) => dv.getUint32(i * 4);
  const [magic, totalsize, offStruct, offStrings, offRsv, version, lastComp] = [0, 1, 2, 3, 4, 5, 6].map(h);
  if (magic !== FDT_MAGIC) fail(`bad magic 0x${magic.toString(16).padStart(8, '0')} (a device tree blob starts with 0xd00dfeed); compile a .dts with dtc -O dtb`);
  if (version < 16 || lastComp > FDT_VERSION) fail(`format version ${version} (compatible with ${lastComp}); rvisor reads versions 16 and 17`);
  if (totalsize < FDT_HEADER_SIZE) fail(`totalsize ${totalsize} is smaller than the header`);
  if (totalsize > blob.length) fail(`totalsize ${totalsize} but the file has ${blob.length} bytes; it is truncated`);
  const sizeStrings = h(8);
  const sizeStruct = version >= 17 ? h(9) : totalsize - offStruct;
  const block = (name: string, off: number, size: number, align: number) => {
    if (off % align) fail(`the ${name} block at ${off} is not ${align}-byte aligned`);
    if (off < FDT_HEADER_SIZE || off > totalsize || size > totalsize - off) fail(`the ${name} block (${off}+${size}) lies outside the blob (${totalsize} bytes)`);
  };
  block('memory reservation', offRsv, 16, 8);
  block('structure', offStruct, sizeStruct, 4);
  block('strings', offStrings, sizeStrings, 1);
  // The reservation list ends with an all-zero entry.
  for (let o = offRsv; ; o += 16) {
    if (o + 16 > totalsize) fail('the memory reservation list has no terminating entry');
    if (dv.getBigUint64(o) === 0n && dv.getBigUint64(o + 8) === 0n) break;
  }
  const end = offStruct + sizeStruct;
  const cstring = (from: number, limit: number, kind: string): string => {
    const nul = blob.indexOf(0, from);
    if (nul < 0 || nul >= limit) fail(`${kind} at ${from} runs past its block`);
    return new TextDecoder().decode(blob.subarray(from, nul));
  };
  const stack: FdtNode[] = [];
  let root: FdtNode | null = null;
  let p = offStruct;
  for (;;) {
    if (p + 4 > end) fail('the structure block ends without FDT_END');
    const token = dv.getUint32(p);
    const at = p;
    p += 4;
    if (token === FDT_NOP) continue;
    if (token === FDT_BEGIN_NODE) {
      const name = cstring(p, end, 'a node name');
      p = (p + name.length + 1 + 3) & ~3;
      if (root && stack.length === 0) fail(`a second root node at ${at}`);
      if (stack.length >= MAX_DEPTH) fail(`nodes nested more than ${MAX_DEPTH} deep`);
      if (!root && name !== '') fail(`the root node is named "${name}"; it must have an empty name`);
      if (root && name === '') fail(`an unnamed node at ${at}`);
      const node: FdtNode = { name, props: new Map(), children: [] };
      if (stack.length) stack[stack.length - 1].children.push(node);
      else root = node;
      stack.push(node);
    } else if (token === FDT_PROP) {
      if (p + 8 > end) fail(`a property at ${at} runs past the structure block`);
      const len = dv.getUint32(p), nameoff = dv.getUint32(p + 4);
      p += 8;
      if (!stack.length) fail(`a property at ${at} outside any node`);
      if (len > end - p) fail(`a property at ${at} (${len} bytes) runs past the structure block`);
      if (nameoff >= sizeStrings) fail(`a property at ${at} names string ${nameoff}, outside the strings block (${sizeStrings} bytes)`);
      const name = cstring(offStrings + nameoff, offStrings + sizeStrings, 'a property name');
      stack[stack.length - 1].props.set(name, blob.subarray(p, p + len));
      p = (p + len + 3) & ~3;
    } else if (token === FDT_END_NODE) {
      if (!stack.length) fail(`FDT_END_NODE at ${at} closes no node`);
      stack.pop();
    } else if (token === FDT_END) {
      if (!root) fail('no root node');
      if (stack.length) fail(`FDT_END at ${at} with ${stack.length} node(s) still open`);
      return root!;
    } else {
      fail(`unknown token 0x${token.toString(16)} at ${at} in the structure block`);
    }
  }
}
