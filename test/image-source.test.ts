// Images read where they are placed (src/loader/image-source.ts, src/cli/input-file.ts): the
// bytes a guest gets must be the file's, whichever way it was read.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine, UserError } from '../src/machine/machine';
import { openInput } from '../src/cli/input-file';
import { HEAD_BYTES, allBytes, bytesSource } from '../src/loader/image-source';

const wasm = readFileSync(new URL('../build/core.wasm', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rvisor-image-'));

// Bytes no two offsets of which agree by accident: a misplaced read shows.
function pattern(n: number): Uint8Array {
  const b = new Uint8Array(n);
  let x = 0x12345678;
  for (let i = 0; i < n; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; b[i] = x & 0xff; }
  b[0] = 0x13; // a RISC-V nop's low byte: not text, not a compressed file's magic
  return b;
}

describe('images read straight into guest RAM', () => {
  it('a file source gives the file: its head, and any range read in place', () => {
    const bytes = pattern(3 * HEAD_BYTES + 123);
    const path = join(dir, 'raw.bin');
    writeFileSync(path, bytes);
    const s = openInput(path, '--kernel');
    expect(s.size).toBe(bytes.length);
    expect(s.head).toEqual(bytes.subarray(0, HEAD_BYTES));
    for (const [pos, len] of [[0, bytes.length], [1, 7], [HEAD_BYTES - 3, 10], [bytes.length - 5, 5]]) {
      const dst = new Uint8Array(len);
      s.readInto(dst, pos);
      expect(dst).toEqual(bytes.subarray(pos, pos + len));
    }
  });

  it('a kernel and an initrd loaded from files are in RAM as from bytes', async () => {
    const kernel = pattern(HEAD_BYTES + 4097), initrd = pattern(70_001).reverse();
    initrd[0] = 0x13;
    writeFileSync(join(dir, 'k.bin'), kernel);
    writeFileSync(join(dir, 'i.bin'), initrd);
    const load = async (fromFile: boolean) => {
      const m = await Machine.create(wasm, { memSize: 16 << 20, console: () => {}, warn: () => {} });
      m.loadKernel(fromFile ? openInput(join(dir, 'k.bin'), '--kernel') : kernel, 'k.bin');
      m.loadInitrd(fromFile ? openInput(join(dir, 'i.bin'), '--initrd') : initrd, 'i.bin');
      return m;
    };
    const [a, b] = [await load(true), await load(false)];
    const same = (x: Uint8Array, y: Uint8Array) => Buffer.from(x).equals(Buffer.from(y)); // toEqual walks 16 MiB key by key
    expect(same(a.readRam(0, kernel.length), kernel)).toBe(true);
    expect(same(a.readRam(0, 16 << 20), b.readRam(0, 16 << 20))).toBe(true);
    expect(a.readRam(8 << 20, 4)).toEqual(initrd.subarray(0, 4)); // where the initrd goes (half of RAM above the kernel)
  });

  it('a file that shrinks before it is read is a one-line error naming it', async () => {
    const path = join(dir, 'shrinks.bin');
    writeFileSync(path, pattern(HEAD_BYTES * 2));
    const s = openInput(path, '--initrd');
    truncateSync(path, HEAD_BYTES);
    const m = await Machine.create(wasm, { memSize: 16 << 20, console: () => {}, warn: () => {} });
    m.loadKernel(pattern(4096), 'k.bin');
    expect(() => m.loadInitrd(s, 'shrinks.bin')).toThrow(UserError);
    expect(() => s.readInto(new Uint8Array(HEAD_BYTES * 2), 0)).toThrow(/--initrd .*shrinks\.bin: became shorter while it was read/);
  });

  it('bytes the caller holds are used as they are, not copied (one kernel for many guests)', () => {
    const b = pattern(100);
    expect(allBytes(bytesSource(b))).toBe(b);
  });

  it('an empty file is refused as before', async () => {
    const path = join(dir, 'empty.bin');
    writeFileSync(path, new Uint8Array(0));
    const m = await Machine.create(wasm, { memSize: 16 << 20, console: () => {}, warn: () => {} });
    expect(() => m.loadKernel(openInput(path, '--kernel'), 'empty.bin')).toThrow(/an empty file/);
  });
});
