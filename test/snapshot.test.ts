// Snapshots (src/machine/snapshot.ts, Machine.snapshot/restore, rvisor run --restore):
// a program stopped at a fixed point resumes in another machine and ends exactly as an
// uninterrupted run; a Linux guest with a mounted ext4 disk (snapshot=on) is snapshotted in the
// middle of a workload and the workload finishes in a new rvisor process with the checksums the
// host computes; damaged, truncated and future-version files are refused with one line and
// leave the machine as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine, type MachineConfig } from '../src/machine/machine';
import { OverlayBlockBackend, MemoryBlockBackend } from '../src/devices/block-backend';
import { FileBlockBackend } from '../src/node/file-block-backend';
import { loadCoreWasm } from '../src/node/wasm';
import { ensureGuestImages } from '../src/node/images';
import { crc32 as zcrc32 } from 'node:zlib';
import {
  crc32, decodeSnapshot, encodeSnapshot, readBytes, readSnapshotInfo, setSnapshotCodec, PageImage, SnapshotError, SNAPSHOT_VERSION,
} from '../src/machine/snapshot';
import * as ABI from '../assembly/abi';
import { Hypervisor } from '../src/hypervisor/hypervisor';
import { createMachine } from '../src/index';
import { GuestConsole, REPO } from './support/guest-console';

const HELLO = readFileSync(join(REPO, 'roms/demo/hello.elf'));
const dec = new TextDecoder();
let dir = '';
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'rvisor-snap-')); });
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

// A machine in icount mode with a counter for a clock, so runs are deterministic: step(0) is one
// core.run() call, and a loop of them stops at the same instruction every time.
async function helloMachine(out: string[], extra: Partial<MachineConfig> = {}): Promise<Machine> {
  let t = 0;
  const m = await Machine.create(loadCoreWasm(), {
    memSize: 64 << 20, icount: 0, now: () => t++, console: (b) => out.push(dec.decode(b)),
    virtio: [{ kind: 'blk', backend: new MemoryBlockBackend(new Uint8Array(1 << 20)) }, { kind: 'rng', random: (b) => b.fill(7) }], ...extra,
  });
  m.loadElf(HELLO, 'hello.elf');
  m.reset();
  return m;
}

describe('the snapshot container', () => {
  it('round-trips sections and refuses damage, truncation, trailing bytes and other versions with one line', async () => {
    const big = new Uint8Array(3 << 20).map((_, i) => (i * 7) & 0xff);
    const file = await encodeSnapshot([{ name: 'a', data: new TextEncoder().encode('{"x":1}') }, { name: 'b', data: [big.subarray(0, 5), big.subarray(5)], compress: true }]);
    const back = await decodeSnapshot(file);
    expect(dec.decode(readBytes(back, 'a'))).toBe('{"x":1}');
    expect(Buffer.compare(readBytes(back, 'b'), big)).toBe(0);
    const refused = async (bytes: Uint8Array, re: RegExp) => {
      const e = await decodeSnapshot(bytes).then(() => null, (x: unknown) => x);
      expect(e).toBeInstanceOf(SnapshotError);
      expect((e as Error).message).toMatch(re);
      expect((e as Error).message).not.toContain('\n');
    };
    const flipped = file.slice();
    flipped[file.length - 1000] ^= 0x40;
    await refused(flipped, /section b is damaged/);
    await refused(file.subarray(0, file.length - 1), /truncated/);
    await refused(file.subarray(0, 30), /truncated/);
    await refused(Uint8Array.from([...file, 0]), /unexpected bytes/);
    const future = file.slice();
    new DataView(future.buffer).setUint32(8, SNAPSHOT_VERSION + 1, true);
    await refused(future, new RegExp(`version ${SNAPSHOT_VERSION + 1} is newer than this rvisor's`));
    await refused(new TextEncoder().encode('#!/bin/sh\necho not a snapshot\n'), /does not start with RVSNAP/);
  });
});

describe('Machine.snapshot / restore', () => {
  it('resumes a program stopped in the middle and ends as an uninterrupted run does', async () => {
    const straightOut: string[] = [];
    const straight = await helloMachine(straightOut);
    const r0 = await straight.run();
    const aOut: string[] = [];
    const a = await helloMachine(aOut);
    while (a.stats().instret < 600_000n) a.step(0); // one core.run() each: the program is inside its loop
    const at = a.stats().instret;
    expect(at).toBeGreaterThan(100_000n);
    expect(at).toBeLessThan(r0.stats.instret);
    const prefix = aOut.join('');
    const snap = await a.snapshot();
    const info = await readSnapshotInfo(snap);
    expect(info.machine.config).toMatchObject({ memSize: 64 << 20, harts: 1, mode: 'bare', icount: 0 });
    expect(info.machine.devices.map((d) => d.kind)).toEqual(['blk', 'rng']);
    const bOut: string[] = [];
    const b = await helloMachine(bOut);
    b.ram.fill(0xa5, 0, 1 << 20); // other RAM contents before the restore
    await b.restore(snap);
    expect(b.core.pc).toBe(a.core.pc);
    const rb = await b.run();
    const ra = await a.run();
    expect(rb.reason).toBe('poweroff');
    expect(aOut.join('')).toBe(straightOut.join(''));
    expect(prefix + bOut.join('')).toBe(straightOut.join(''));
    expect(bOut.join('')).toContain('Bye');
    expect(b.stats().instret).toBe(a.stats().instret);
    expect(ra.stats.instret).toBeGreaterThan(0n);
  });

  it('refuses a snapshot of another machine, and a failed restore changes nothing', async () => {
    const out: string[] = [];
    const a = await helloMachine(out);
    a.step(0);
    const snap = await a.snapshot();
    const other = await helloMachine([], { memSize: 32 << 20 });
    await expect(other.restore(snap)).rejects.toThrow(/taken with memory of 64 MiB; this machine has 32 MiB/);
    const noDisk = await helloMachine([], { virtio: [{ kind: 'rng' }] });
    await expect(noDisk.restore(snap)).rejects.toThrow(/virtio devices blk\(1048576\), rng; this machine has rng/);
    // damage RAM's section: refused before anything is touched
    const b = await helloMachine([]);
    const pc = b.core.pc;
    const ram = b.ram.slice(0, 1 << 16);
    const bad = snap.slice();
    bad[bad.length - 200] ^= 1;
    const e = await b.restore(bad).then(() => null, (x: Error) => x);
    expect(e).toBeInstanceOf(SnapshotError);
    expect(e!.message.split('\n')).toHaveLength(1);
    expect(b.core.pc).toBe(pc);
    expect(Buffer.compare(b.ram.slice(0, 1 << 16), ram)).toBe(0);
    expect(b.core.u64(ABI.HART_INSTRET)).toBe(0n);
  });
});

// Where section `name`'s stored bytes are in a snapshot file, and its directory entry's CRC.
function sectionOf(file: Uint8Array, name: string): { start: number; end: number; crcAt: number } {
  const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const count = dv.getUint32(12, true);
  let at = 20;
  const dir: { name: string; crcAt: number; stored: number }[] = [];
  for (let i = 0; i < count; i++) {
    const len = dv.getUint16(at, true);
    const n = dec.decode(file.subarray(at + 2, at + 2 + len));
    at += 2 + len;
    dir.push({ name: n, crcAt: at + 1, stored: Number(dv.getBigUint64(at + 5, true)) });
    at += 21;
  }
  for (const d of dir) {
    if (d.name === name) return { start: at, end: at + d.stored, crcAt: d.crcAt };
    at += d.stored;
  }
  throw new Error(`no section ${name}`);
}

// A copy of `file` with one byte of the first chunk of its `ram` section flipped and every CRC
// made to match again: damage no CRC can see, which only inflating the chunk finds.
function forgedChunk(file: Uint8Array): Uint8Array {
  const bad = file.slice();
  const dv = new DataView(bad.buffer);
  const ram = sectionOf(bad, 'ram');
  const pages = dv.getUint32(ram.start, true);
  const chunks = dv.getUint32(ram.start + 8, true);
  const firstChunk = ram.start + 12 + Math.ceil(pages / 8) + 4 * chunks;
  bad[firstChunk + 20] ^= 0x55;
  dv.setUint32(ram.crcAt, crc32(bad.subarray(ram.start, ram.end)), true);
  const dirEnd = sectionOf(bad, 'info').start; // the first section's data follows the directory
  dv.setUint32(16, crc32(bad.subarray(20, dirEnd)), true);
  return bad;
}

describe('RAM restored lazily (format 2: its pages in chunks, each brought in on first touch)', () => {
  const PAGES = 4096; // a 16 MiB guest
  const make = (extra: object = {}) => createMachine({ memSize: PAGES * 4096, mode: 'trap', console: () => {}, ...extra });
  // 1500 pages with contents at scattered places (every fifth holds one byte, at its end), the
  // rest zeros; the guest runs `j .` from the page its kernel is in.
  const filled = new Set<number>();
  for (let i = 0, x = 12345; filled.size < 1500; i++) { x = (Math.imul(x, 1103515245) + 12345) >>> 0; const p = x % PAGES; if (p !== 512) filled.add(p); }
  const fill = (m: Machine) => {
    m.loadKernel(new Uint8Array(Uint32Array.from([0x0000006f]).buffer), 'loop');
    m.reset();
    let x = 99;
    for (const p of filled) {
      const page = new Uint8Array(4096);
      if (p % 5 === 0) page[4095] = p & 0xff || 1;
      else for (let i = 0; i < 4096; i++) { x = (Math.imul(x, 1103515245) + 12345) >>> 0; page[i] = x >>> 24; }
      m.writeRam(p * 4096, page);
    }
  };
  const sig = (m: Machine) => { let c = 0; for (let p = 0; p < PAGES; p++) c = zcrc32(m.readRam(p * 4096, 4096), c); return c; };
  let snap: Uint8Array;
  let want = 0;
  let held: number[] = []; // the pages with contents: those filled, the kernel's, the device tree's
  let stored = 0;
  beforeAll(async () => {
    const one = await make();
    fill(one);
    snap = await one.snapshot();
    want = sig(one);
    held = [...Array(PAGES).keys()].filter((p) => one.readRam(p * 4096, 4096).some((b) => b !== 0));
    stored = held.length;
    expect(stored).toBeGreaterThan(filled.size);
  });

  it('reads back every page bit for bit, brings in only the pages touched, and snapshots again to the same RAM before any came in', async () => {
    const image = (await decodeSnapshot(snap)).get('ram');
    expect(image).toBeInstanceOf(PageImage);
    expect((image as PageImage).stored).toBe(stored);
    const two = await make();
    await two.restore(snap);
    expect(two.stats().memory).toMatchObject({ inSnapshot: stored, resident: 0, zero: PAGES - stored });
    expect(sig(two)).toBe(want); // host reads copy from the snapshot: nothing comes in
    expect(two.stats().memory).toMatchObject({ inSnapshot: stored, resident: 0 });
    const again = await two.snapshot(); // pages not brought in are read from the first file
    const three = await make();
    await three.restore(again);
    expect(sig(three)).toBe(want);
    // The guest runs from its lazily restored code page: that page, and only it, comes in.
    const r = await two.run({ timeoutMs: 50 });
    expect(r.reason).toBe('timeout');
    expect(two.stats().memory).toMatchObject({ inSnapshot: stored - 1, resident: 1, snapshotIns: 1 });
    // Touches bring in each page as it was; a write lands on what the snapshot held.
    const ram = two.guestRam;
    for (const p of held) expect(ram.fault(p * 4096, false)).toBe(true);
    expect(two.stats().memory).toMatchObject({ inSnapshot: 0, resident: stored, snapshotIns: stored });
    expect(sig(two)).toBe(want);
    const [p0] = filled;
    const before = two.readRam(p0 * 4096, 4096);
    two.writeRam(p0 * 4096 + 100, Uint8Array.of(before[100] ^ 0xff));
    before[100] ^= 0xff;
    expect(Buffer.compare(two.readRam(p0 * 4096, 4096), before)).toBe(0);
  }, 60_000);

  it('under a real-memory cap, clean restored pages go back to the snapshot without a write', async () => {
    const capped = await make({ hypervisor: { realMem: 1 << 20 } }); // 256 frames for some 1500 pages
    await capped.restore(snap);
    const ram = capped.guestRam;
    for (const p of held) expect(ram.fault(p * 4096, false)).toBe(true);
    const mem = capped.stats().memory!;
    expect(mem.pageOuts).toBe(0);
    expect(mem.resident).toBeLessThanOrEqual(256);
    expect(mem.inSnapshot).toBe(stored - mem.resident);
    expect(sig(capped)).toBe(want);
    for (const p of held) expect(ram.fault(p * 4096, false)).toBe(true); // and back again
    expect(capped.stats().memory!.snapshotIns).toBeGreaterThan(2 * stored - 256);
    expect(sig(capped)).toBe(want);
  }, 60_000);

  it('refuses a damaged chunk before anything changes; a chunk forged past every CRC stops only what reads it, naming the snapshot', async () => {
    const two = await make();
    fill(two);
    const was = { pc: two.core.pc, sig: sig(two), mem: two.stats().memory };
    const damaged = snap.slice();
    const ram = sectionOf(damaged, 'ram');
    damaged[(ram.start + ram.end) >> 1] ^= 0x08;
    const e = await two.restore(damaged).then(() => null, (x: Error) => x);
    expect(e).toBeInstanceOf(SnapshotError);
    expect(e!.message).toMatch(/section ram is damaged \(CRC mismatch\)/);
    expect({ pc: two.core.pc, sig: sig(two), mem: two.stats().memory }).toEqual(was);
    // Past the CRCs (made to match), the chunk no longer inflates: a lazily restored guest is
    // accepted, and the first read of a page from that chunk fails with one line (a guest
    // touching it is stopped with it); a bare machine, which inflates everything before it
    // changes anything, refuses the file.
    const forged = forgedChunk(snap);
    await two.restore(forged);
    const firstStored = Math.min(...filled);
    expect(() => two.readRam(firstStored * 4096, 4096)).toThrow(/cannot be read from the snapshot it was restored from: .*section ram: chunk 0 does not inflate/);
    expect(two.guestRam.fault(firstStored * 4096, false)).toBe(false);
    expect(two.guestRam.error).toMatch(/from the snapshot it was restored from, but it cannot be read/);
    expect(two.guestRam.error).not.toContain('\n');
    const out: string[] = [];
    const bare = await helloMachine(out);
    bare.step(0);
    const bareSnap = forgedChunk(await bare.snapshot());
    const b = await helloMachine([]);
    const pc = b.core.pc;
    const mem = b.ram.slice(0, 1 << 20);
    await expect(b.restore(bareSnap)).rejects.toThrow(/^not a usable rvisor snapshot: section ram: chunk 0 does not inflate \([^\n]*\)$/);
    expect(b.core.pc).toBe(pc);
    expect(Buffer.compare(b.ram.slice(0, 1 << 20), mem)).toBe(0);
  }, 60_000);

  it('refuses a file of the previous format (version 1) with one line', async () => {
    const old = snap.slice();
    new DataView(old.buffer).setUint32(8, 1, true);
    const two = await make();
    await expect(two.restore(old)).rejects.toThrow(/^snapshot format version 1 is older than this rvisor's \(2\); use the rvisor that saved it$/);
    expect(two.stats().memory).toMatchObject({ resident: 0, inSnapshot: 0 });
  });

  it('restores the same file where chunks can only be inflated ahead (a browser\'s DecompressionStream)', async () => {
    const stream = async (s: DecompressionStream, data: Uint8Array) => new Uint8Array(await new Response(new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(s)).arrayBuffer());
    const node = setSnapshotCodec({
      deflate: () => { throw new Error('not used'); },
      inflate: (data) => stream(new DecompressionStream('deflate'), data),
    });
    try {
      const two = await make();
      await two.restore(snap);
      expect(sig(two)).toBe(want);
      await expect(two.restore(forgedChunk(snap))).rejects.toThrow(/section ram: chunk 0 does not inflate/); // all checked ahead
      expect(sig(two)).toBe(want);
    } finally {
      setSnapshotCodec(node);
    }
  }, 60_000);
});

describe('Hypervisor.snapshot / restore', () => {
  // Each guest counts in a0 (addi a0, a0, step; j .-4), a different step for each.
  const counter = (step: number) => new Uint8Array(Uint32Array.from([0x00050513 | (step << 20), 0xffdff06f]).buffer);
  const a0 = (m: Machine) => m.hartView(0).getBigUint64(ABI.HART_X + 10 * 8 - ABI.HART_BASE, true);
  const make = async () => {
    const hv = await Hypervisor.create(loadCoreWasm(), [
      { name: 'a', memSize: 8 << 20, console: () => {} },
      { name: 'b', memSize: 8 << 20, console: () => {}, virtio: [{ kind: 'blk', backend: new MemoryBlockBackend(new Uint8Array(64 << 10)) }] },
    ], { quantumMs: 2 });
    hv.guests.forEach((g, i) => { g.machine.loadKernel(counter(i + 1), `count${i + 1}`); g.machine.reset(); });
    return hv;
  };

  it('saves every guest and resumes them all in another hypervisor', async () => {
    const one = await make();
    await one.run({ timeoutMs: 300 });
    one.machine('a')!.writeRam(4 << 20, new Uint8Array(4096).fill(0x5a)); // a mark in guest a's RAM
    const [ca, cb] = [a0(one.machine('a')!), a0(one.machine('b')!)];
    expect(ca).toBeGreaterThan(1000n);
    expect(cb % 2n).toBe(0n);
    const snap = await one.snapshot();
    const info = await readSnapshotInfo(snap);
    expect(info.guests!.map((g) => g.name)).toEqual(['a', 'b']);
    await expect((await helloMachine([])).restore(snap)).rejects.toThrow(/holds the 2 guests of a hypervisor/);
    const two = await make();
    await two.restore(snap);
    expect(a0(two.machine('a')!)).toBe(ca);
    expect(a0(two.machine('b')!)).toBe(cb);
    expect(two.machine('a')!.readRam(4 << 20, 1)[0]).toBe(0x5a);
    expect(two.machine('b')!.readRam(4 << 20, 1)[0]).toBe(0);
    await two.run({ timeoutMs: 200 });
    expect(a0(two.machine('a')!)).toBeGreaterThan(ca); // went on counting from the snapshot
    expect(a0(two.machine('b')!)).toBeGreaterThan(cb);
    const other = await Hypervisor.create(loadCoreWasm(), [{ name: 'a', memSize: 8 << 20, console: () => {} }]);
    await expect(other.restore(snap)).rejects.toThrow(/holds guests a, b; this hypervisor has a/);
  }, 60_000);
});

describe('time across a restore', () => {
  // A trap-mode machine is a one-guest hypervisor's guest, whose clock is the hypervisor's: a
  // restore must move that clock to the snapshot's time, or every timer the guest armed waits
  // until the new process has run as long as the old one had (a restored Linux shell took 5 s
  // to answer).
  it('a trap-mode machine resumes at the snapshot\'s time, not at zero', async () => {
    let t = 0;
    const now = () => t;
    const cfg = { memSize: 8 << 20, mode: 'trap' as const, console: () => {}, hypervisor: { now } };
    const one = await createMachine(cfg);
    one.loadKernel(new Uint8Array(Uint32Array.from([0x0000006f]).buffer), 'loop'); // j .
    one.reset();
    t = 5000; // 5 s of the first process
    const saved = one.ticks();
    expect(saved).toBe(5000 * 10_000);
    const snap = await one.snapshot();
    t = 0; // a new process: its clock starts again
    const two = await createMachine(cfg);
    await two.restore(snap);
    expect(two.ticks()).toBe(saved);
    t = 10;
    expect(two.ticks()).toBe(saved + 10 * 10_000);
  });
});

describe('a Linux guest with an ext4 disk, snapshotted mid-workload', () => {
  // Writes 40 files, one line per step, then drops the page cache and sums every file (read
  // back through virtio-blk) and the file mke2fs put there. The same script on the host gives
  // the expected sums.
  const workload = (root: string) =>
    `cd ${root} && i=0 && while [ $i -lt 40 ]; do seq $((i * 997)) $((i * 997 + 15000)) > f$i; echo step $i; i=$((i + 1)); done; ` +
    `sync; [ -w /proc/sys/vm/drop_caches ] && echo 3 > /proc/sys/vm/drop_caches; ` +
    `i=0; while [ $i -lt 40 ]; do md5sum f$i; i=$((i + 1)); done | md5sum | cut -c1-32 | sed 's/^/SUM-FILES /'; ` +
    `md5sum from-host.txt | cut -c1-32 | sed 's/^/SUM-HOST /'; echo WORKLOAD-DONE`;

  it('finishes in a new process with the checksums the host computes', async () => {
    const img = await ensureGuestImages();
    const root = join(dir, 'root');
    mkdirSync(root);
    writeFileSync(join(root, 'from-host.txt'), 'made by mke2fs -d for the snapshot test\n'.repeat(100));
    const disk = join(dir, 'disk.img');
    execFileSync('mke2fs', ['-q', '-t', 'ext4', '-d', root, disk, '24M']);
    const diskBefore = createHash('sha256').update(readFileSync(disk)).digest('hex');
    const host = join(dir, 'host');
    mkdirSync(host);
    writeFileSync(join(host, 'from-host.txt'), readFileSync(join(root, 'from-host.txt')));
    const expected = execFileSync('sh', ['-c', workload(host)], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
    const sums = expected.split('\n').filter((l) => l.startsWith('SUM-'));
    expect(sums).toHaveLength(2);

    let out = '';
    const file = FileBlockBackend.open(disk, { readonly: true });
    const m = await createMachine({
      memSize: 256 << 20, mode: 'trap', bootargs: 'console=ttyS0 rvisor.modules=virtio_mmio,virtio_blk,ext4',
      virtio: [{ kind: 'blk', backend: new OverlayBlockBackend(file), serial: 'rvisor-disk0' }],
      console: (b) => { out += Buffer.from(b).toString('latin1'); },
    });
    m.loadKernel(readFileSync(img.kernel), 'Image');
    m.loadInitrd(readFileSync(img.initrd), 'initrd');
    m.reset();
    const running = m.run({ timeoutMs: 900_000 });
    const waitFor = async (re: RegExp, ms: number) => {
      const deadline = Date.now() + ms;
      while (!re.test(out)) {
        if (Date.now() > deadline) throw new Error(`waited for ${re}; output:\n${out.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    await waitFor(/\/ # /, 600_000);
    m.input(new TextEncoder().encode(`mount -t ext4 /dev/vda /mnt && ${workload('/mnt')}\n`));
    await waitFor(/step 12\r?\n/, 300_000);
    const snap = await m.snapshot();
    const snapFile = join(dir, 'linux.rvsnap');
    writeFileSync(snapFile, snap);
    m.stop();
    await running;
    file.close();
    const lastStep = Math.max(...[...out.matchAll(/step (\d+)/g)].map((x) => Number(x[1])));
    expect(lastStep).toBeLessThan(39);

    // A new process resumes it: the disk is the file the snapshot names, under its overlay.
    const g = new GuestConsole(['--restore', snapFile, '--timeout', '600']);
    try {
      await g.waitFor(/WORKLOAD-DONE/, 600_000);
      const resumed = g.output;
      expect(resumed).toContain(`step 39`);
      expect(resumed).not.toContain(`step ${Math.max(0, lastStep - 1)}\r\n`); // it did not start over
      for (const s of sums) expect(resumed).toContain(s);
      g.send('poweroff -f');
      expect(await g.exited).toBe(0);
    } finally {
      g.kill();
    }
    // snapshot=on: the image itself never changed
    expect(createHash('sha256').update(readFileSync(disk)).digest('hex')).toBe(diskBefore);

    // The CLI refuses damaged, truncated and future-version files with one line (exit 2).
    const cases: [string, Uint8Array, RegExp][] = [
      ['damaged', (() => { const b = snap.slice(); b[Math.floor(b.length / 2)] ^= 0x10; return b; })(), /damaged \(CRC mismatch\)/],
      ['truncated', snap.subarray(0, snap.length - 4096), /truncated/],
      ['future', (() => { const b = snap.slice(); new DataView(b.buffer).setUint32(8, 99, true); return b; })(), /version 99 is newer/],
    ];
    for (const [name, bytes, re] of cases) {
      const p = join(dir, `${name}.rvsnap`);
      writeFileSync(p, bytes);
      const r = spawnSync(process.execPath, [join(REPO, 'dist/cli.js'), 'run', '--restore', p], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, name).toBe(2);
      expect(r.stderr, name).toMatch(re);
      expect(r.stderr.trim().split('\n'), name).toHaveLength(1);
      expect(r.stdout, name).toBe('');
    }
  }, 1_500_000);
});
