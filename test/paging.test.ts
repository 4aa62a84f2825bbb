// Real memory under the hypervisor, end to end: guests get frames on first touch, run under a
// real-memory cap far below their total while the pager evicts and brings pages back, and read
// every word back as they wrote it (roms/hv/hv-memtouch checks each word it reads; half the
// guests reach their pages through Sv39 tables, which are paged too). Devices' DMA lands in
// evicted pages; a failing backing store stops only the guest that needs the page, with a
// message, and loses nothing of the others'.
import { describe, it, expect } from 'vitest';
import { readFileSync, mkdtempSync, statSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hypervisor, type GuestOutcome } from '../src/hypervisor/hypervisor';
import { MemoryBackingStore, type BackingStore } from '../src/hypervisor/backing-store';
import { parseElf } from '../src/loader/elf';
import type { Machine } from '../src/machine/machine';

const wasm = readFileSync(new URL('../build/core.wasm', import.meta.url));
const MEMTOUCH = readFileSync(new URL('../roms/hv/hv-memtouch.elf', import.meta.url));
const PARAMS = Number(parseElf(MEMTOUCH, 'hv-memtouch').symbols.get('memtouch_params')!) - 0x8000_0000;
const DATA = 0x40_0000; // hv-memtouch's pages start 4 MiB into RAM
const MiB = 1 << 20;

interface Touch { pages: number; passes: number; seed: number; sv39?: boolean; share?: boolean }

// Loads hv-memtouch with its parameters and resets the guest; its console goes to out[name].
function memtouch(m: Machine, t: Touch): void {
  m.loadKernel(MEMTOUCH, 'hv-memtouch');
  const p = new BigUint64Array([BigInt(t.pages), BigInt(t.passes), BigInt(t.seed), t.sv39 ? 1n : 0n, t.share ? 1n : 0n]);
  m.writeRam(PARAMS, new Uint8Array(p.buffer));
  m.reset();
}

// What hv-memtouch leaves in word w of page p after its last pass (its MIX of PAGEBASE + w).
function lastValue(t: Touch, page: number, w: number): bigint {
  const M = (1n << 64n) - 1n;
  let x = (BigInt(t.seed) + BigInt(t.passes - 1) * 0x9e3779b97f4a7c15n + (t.share ? 0n : BigInt(page) * 0xbf58476d1ce4e5b9n) + BigInt(w)) & M;
  x = (x * 0x94d049bb133111ebn) & M;
  return x ^ (x >> 31n);
}

function consoles(names: string[]) {
  const out: Record<string, string> = {};
  const dec = new TextDecoder();
  const cfg = (name: string, memSize: number, more = {}) => ({ name, memSize, console: (b: Uint8Array) => { out[name] = (out[name] ?? '') + dec.decode(b); }, warn: () => {}, ...more });
  for (const n of names) out[n] = '';
  return { out, cfg };
}

const errorsOf = (text: string) => /memtouch errors: 0x([0-9a-f]+)/.exec(text)?.[1];

describe('paging from the command line', () => {
  it('rvisor run --real-mem --swap pages a guest larger than the cap to the file and back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rvisor-swap-test-'));
    try {
      const swap = join(dir, 'swap'), json = join(dir, 'stats.json');
      const elf = new URL('../roms/hv/hv-memtouch.elf', import.meta.url).pathname; // 1024 pages, 3 passes by default
      const cli = new URL('../dist/cli.js', import.meta.url).pathname;
      const out = execFileSync(process.execPath, [cli, 'run', '--kernel', elf, '--mem', '16M', '--real-mem', '1M', '--swap', swap, '--stats', '--stats-json', json, '--timeout', '60'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(out).toContain('memtouch errors: 0x0');
      expect(statSync(swap).isFile()).toBe(true); // a named swap file stays
      const st = JSON.parse(readFileSync(json, 'utf8'));
      expect(st.exitCode).toBe(0);
      expect(st.memory.pageOuts).toBeGreaterThan(500);
      expect(st.memory.pageIns).toBeGreaterThan(500);
      expect(st.memory.resident).toBeLessThanOrEqual(256);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('paging', () => {
  it('keeps every guest\'s data bit for bit while the pager pages them under a small cap', async () => {
    const names = ['a', 'b', 'c', 'd'];
    const { out, cfg } = consoles(names);
    const touch = names.map((_, i): Touch => ({ pages: 768, passes: 3, seed: 0x1000 + i, sv39: i % 2 === 1 }));
    // 4 × 3 MiB touched (plus the images and page tables) in 2 MiB of frames.
    const hv = await Hypervisor.create(wasm, names.map((n) => cfg(n, 16 * MiB)), { realMem: 2 * MiB, quantumMs: 3 });
    hv.guests.forEach((g, i) => memtouch(g.machine, touch[i]));
    const outcomes = await hv.run({ timeoutMs: 120_000 });
    for (const [i, o] of outcomes.entries()) {
      expect(o.reason, out[o.name]).toBe('poweroff');
      expect(o.exitCode, out[o.name]).toBe(0);
      expect(errorsOf(out[o.name])).toBe('0');
      expect(out[o.name]).toContain(`memtouch pass: 0x${touch[i].passes.toString(16)}`);
      expect(o.stats.memory!.pageOuts).toBeGreaterThan(100); // each guest was paged out...
      expect(o.stats.memory!.pageIns).toBeGreaterThan(100); // ...and back in
      expect(o.stats.exits.page).toBeGreaterThan(touch[i].pages); // hidden faults: first touches and page-ins
    }
    const t = hv.memoryTotals();
    expect(t.poolFrames).toBeLessThanOrEqual(512); // never more than the cap in frames
    expect(t.pageOuts).toBeGreaterThan(1000);
    expect(t.resident).toBe(0); // every guest powered off: their frames went back to the pool
  }, 180_000);

  it('lets the host read back what a guest left, through evictions, and devices write into evicted pages', async () => {
    const { out, cfg } = consoles(['w', 'v']);
    const t: Touch = { pages: 512, passes: 2, seed: 77 };
    const hv = await Hypervisor.create(wasm, [cfg('w', 16 * MiB), cfg('v', 16 * MiB, { virtio: [{ kind: 'rng' }] })], { realMem: MiB });
    const w = hv.machine('w')!, v = hv.machine('v')!;
    // v never runs; its RAM holds a host-written pattern that w's paging pushes out.
    const model = new Uint8Array(8 * MiB);
    for (let i = 0; i < model.length; i++) model[i] = (i * 7 + (i >> 12)) & 0xff;
    for (let p = 0; p < 2048; p++) new DataView(model.buffer).setUint32(p * 4096 + 64, p, true); // no two pages alike
    v.writeRam(0, model);
    v.pause();
    memtouch(w, t);
    const [ow] = await hv.run({ timeoutMs: 60_000, onGuestDone: (o) => { if (o.name === 'w') hv.stop(); } });
    expect(ow.exitCode, out.w).toBe(0);
    const ram = v.guestRam as unknown as { pageState(p: number): string };
    const out_ = [...Array(2048).keys()].filter((p) => ram.pageState(p) === 'paged-out');
    expect(out_.length).toBeGreaterThan(1000); // most of v went to the backing store
    // DMA through v's virtio device into paged-out pages: partial pages, across page edges.
    const dma = v.virtio[0].mem;
    for (const p of out_.slice(0, 64)) {
      const at = p * 4096 + 4000;
      const data = Uint8Array.from({ length: 200 }, (_, k) => (p + k * 3) & 0xff);
      expect(dma.write(0x8000_0000 + at, data)).toBe(true);
      model.set(data, at);
    }
    const got = dma.read(0x8000_0000 + out_[70] * 4096, 4096)!;
    expect(Buffer.compare(got, model.subarray(out_[70] * 4096, out_[70] * 4096 + 4096))).toBe(0);
    expect(Buffer.compare(v.readRam(0, model.length), model)).toBe(0);
    // A device's write brought its page back (a partial page keeps the rest of the page);
    // reads (the device's and the host's) come straight from the backing store, no frame.
    const st = v.stats().memory!;
    expect(st.pageIns).toBeGreaterThanOrEqual(64);
    expect(st.pageIns).toBeLessThan(80);
    expect(st.swapped).toBeGreaterThan(out_.length - 80);
  }, 120_000);

  it('reads a guest\'s last values back through the pager (the host sees what the core wrote)', async () => {
    const { out, cfg } = consoles(['x', 'y']);
    const tx: Touch = { pages: 400, passes: 2, seed: 5, sv39: true };
    const hv = await Hypervisor.create(wasm, [cfg('x', 16 * MiB), cfg('y', 16 * MiB)], { realMem: MiB });
    const x = hv.machine('x')!;
    memtouch(x, tx);
    memtouch(hv.machine('y')!, { pages: 600, passes: 1000, seed: 6 });
    let checked = 0;
    await hv.run({
      timeoutMs: 60_000,
      onGuestDone: (o) => {
        if (o.name !== 'x') return;
        expect(o.exitCode, out.x).toBe(0);
        // As x ended, before its frames go back: every data word holds its last pass's value,
        // though y's paging has pushed much of x out.
        expect(x.stats().memory!.swapped).toBeGreaterThan(100);
        const dv = new DataView(x.readRam(DATA, tx.pages * 4096).buffer);
        for (let p = 0; p < tx.pages; p++) {
          for (const w of [0, 1, 255, 511]) { expect(dv.getBigUint64(p * 4096 + w * 8, true)).toBe(lastValue(tx, p, w)); checked++; }
        }
        hv.stop();
      },
    });
    expect(checked).toBe(tx.pages * 4);
  }, 120_000);
});

describe('shared pages', () => {
  it('shares identical pages copy-on-write: a device write breaks the sharing for that guest only, zero pages hold no frame', async () => {
    const { cfg } = consoles(['a', 'b', 'c']);
    const hv = await Hypervisor.create(wasm, ['a', 'b', 'c'].map((n) => cfg(n, 8 * MiB)));
    const [a, b, c] = ['a', 'b', 'c'].map((n) => hv.machine(n)!);
    const page = (k: number) => Uint8Array.from({ length: 4096 }, (_, i) => (i * 7 + k) & 0xff);
    for (let k = 0; k < 64; k++) { a.writeRam(k * 4096, page(k)); b.writeRam(k * 4096, page(k)); c.writeRam(k * 4096, page(k + 100)); }
    a.writeRam(100 * 4096, page(5)); // the same bytes twice in one guest too
    c.writeRam(200 * 4096, Uint8Array.of(9));
    c.writeRam(200 * 4096, Uint8Array.of(0)); // a page that holds a frame but only zeros
    for (let i = 0; i < 8; i++) hv.memory.share(); // first looks note the writes, later ones hash and merge
    const t = hv.memoryTotals();
    expect(t.sharedFrames).toBe(64); // a's and b's 64 pages (and a's second copy of page 5)
    expect(a.stats().memory!.shared).toBe(65);
    expect(b.stats().memory!.shared).toBe(64);
    expect(c.stats().memory!).toMatchObject({ shared: 0, resident: 64 }); // c's pages are its own; its zero page went
    expect(hv.memory.sharing.stats.zeroPages).toBe(1);
    // A device (or a loader) writes into a's shared page 3: a gets its own copy, b and c keep theirs.
    const mark = Uint8Array.of(0xee, 0xee);
    expect(a.virtio.length).toBe(0);
    a.writeRam(3 * 4096 + 10, mark);
    expect(Array.from(a.readRam(3 * 4096 + 10, 2))).toEqual([0xee, 0xee]);
    expect(Buffer.compare(b.readRam(3 * 4096, 4096), page(3))).toBe(0);
    expect(Buffer.compare(a.readRam(100 * 4096, 4096), page(5))).toBe(0);
    expect(a.stats().memory!.shared).toBe(64);
    expect(hv.memoryTotals().copies).toBe(1);
  });

  it('gives a zero page that keeps coming back only on the 1st, 3rd, 7th and 15th time it is found zero', async () => {
    // An idle Linux guest writes one page and zeroes it again twice a second; giving it back
    // each time emptied the guest's TLBs and cost it a hidden fault each time.
    const { cfg } = consoles(['a', 'b']);
    const hv = await Hypervisor.create(wasm, [cfg('a', 8 * MiB), cfg('b', 8 * MiB)]);
    const [a, b] = ['a', 'b'].map((n) => hv.machine(n)!);
    const given: number[] = [];
    for (let round = 1; round <= 16; round++) {
      a.writeRam(300 * 4096 + 8, Uint8Array.of(round)); // back from zero (a frame again, if it had none)
      a.writeRam(300 * 4096 + 8, Uint8Array.of(0)); // and all zeros again
      if (round === 1) { b.writeRam(300 * 4096 + 8, Uint8Array.of(1)); b.writeRam(300 * 4096 + 8, Uint8Array.of(0)); }
      const before = hv.memoryTotals().zeroPagesDropped;
      const flushes = hv.memoryTotals().tlbFlushes;
      for (let i = 0; i < 3; i++) hv.memory.share(); // the first look notes the writes, the next hashes
      const t = hv.memoryTotals();
      if (t.zeroPagesDropped > before + (round === 1 ? 1 : 0)) given.push(round);
      // A page kept costs the guest no TLB flush.
      if (!given.includes(round) && round !== 1) expect(t.tlbFlushes).toBe(flushes);
      expect(Array.from(a.readRam(300 * 4096, 16))).toEqual(new Array(16).fill(0));
    }
    expect(given).toEqual([1, 3, 7, 15]);
    expect(hv.memoryTotals().zeroPagesKept).toBe(12);
    // Guest b's page, given back once, is its own matter: b has no frame for it.
    expect(b.stats().memory!.resident).toBe(0);
    expect(a.stats().memory!.resident).toBe(1); // round 16 kept it
  });

  it('shares what loaders write: the same image in two guests costs its frames once', async () => {
    const { cfg } = consoles(['a', 'b']);
    const hv = await Hypervisor.create(wasm, [cfg('a', 8 * MiB), cfg('b', 8 * MiB)]);
    const image = Uint8Array.from({ length: 64 * 4096 }, (_, i) => (i * 31 + (i >> 12) * 7) & 0xff);
    hv.machine('a')!.loadKernel(image, 'image');
    const before = hv.memoryTotals().resident;
    hv.machine('b')!.loadKernel(image, 'image');
    expect(hv.memoryTotals().resident).toBe(before); // b's 64 pages map a's frames
    expect(hv.machine('b')!.stats().memory!.shared).toBe(64);
    expect(Buffer.compare(hv.machine('b')!.readRam(2 << 20, image.length), image)).toBe(0);
    const off = await Hypervisor.create(wasm, [cfg('a', 8 * MiB), cfg('b', 8 * MiB)], { share: false });
    off.machine('a')!.loadKernel(image, 'image');
    off.machine('b')!.loadKernel(image, 'image');
    expect(off.memoryTotals().resident).toBe(128);
  });

  it('keeps each guest\'s data while guests running alike share frames and their writes break the sharing at any moment', async () => {
    const names = ['a', 'b', 'c', 'd'];
    const { out, cfg } = consoles(names);
    // a and b write the same values (seed 7), c and d others (seed 8): each pair shares frames
    // across guests, and in share mode all pages of a pass are alike within a guest too. The
    // pairs run at different speeds, so one guest writes a page while its twin still reads it.
    const touch = names.map((_, i): Touch => ({ pages: 256, passes: 12, seed: i < 2 ? 7 : 8, sv39: i % 2 === 1, share: true }));
    const hv = await Hypervisor.create(wasm, names.map((n) => cfg(n, 8 * MiB)), { quantumMs: 2, shareMs: 5, realMem: 3 * MiB });
    hv.guests.forEach((g, i) => memtouch(g.machine, touch[i]));
    const outcomes = await hv.run({ timeoutMs: 120_000 });
    for (const o of outcomes) {
      expect(o.exitCode, out[o.name]).toBe(0);
      expect(errorsOf(out[o.name])).toBe('0');
    }
    const t = hv.memoryTotals();
    expect(t.merged).toBeGreaterThan(500);
    expect(t.copies).toBeGreaterThan(500);
  }, 180_000);
});

// A backing store that fails on demand (the wrapped one keeps the data).
class FlakyStore implements BackingStore {
  readonly inner = new MemoryBackingStore();
  writes = 0;
  failWritesAfter = Infinity;
  failRead: ((slot: number) => boolean) | null = null;
  write(slot: number, data: Uint8Array): void {
    if (this.writes >= this.failWritesAfter) throw new Error('injected write error (disk full)');
    this.writes++;
    this.inner.write(slot, data);
  }
  read(slot: number, into: Uint8Array): void {
    if (this.failRead?.(slot)) throw new Error('injected read error (bad sector)');
    this.inner.read(slot, into);
  }
  free(slot: number): void { this.inner.free(slot); }
}

describe('paging: a failing backing store', () => {
  // Guest a thrashes; guest b holds a host-written pattern (pushed out by a) and waits, paused,
  // until a has been stopped; then it runs hv-memtouch itself. Returns both outcomes.
  async function run(store: FlakyStore, inject?: (a: Machine) => void): Promise<{ a: GuestOutcome; b: GuestOutcome; out: Record<string, string>; b0: Uint8Array; bAfter: Uint8Array }> {
    const { out, cfg } = consoles(['a', 'b']);
    const hv = await Hypervisor.create(wasm, [cfg('a', 16 * MiB), cfg('b', 16 * MiB)], { realMem: MiB, backingStore: store });
    const a = hv.machine('a')!, b = hv.machine('b')!;
    const b0 = Uint8Array.from({ length: 2 * MiB }, (_, i) => ((i >> 3) * 13) & 0xff);
    b.writeRam(10 * MiB, b0);
    memtouch(a, { pages: 1500, passes: 6, seed: 1 });
    memtouch(b, { pages: 100, passes: 3, seed: 2 });
    b.pause();
    inject?.(a);
    let bAfter: Uint8Array = new Uint8Array(0);
    const outcomes = await hv.run({
      timeoutMs: 60_000,
      onGuestDone: (o) => {
        if (o.name === 'a') b.resume();
        if (o.name === 'b') bAfter = b.readRam(10 * MiB, b0.length); // before its frames go back
      },
    });
    expect(b.stats().memory!.pageIns).toBeGreaterThan(0); // b's pattern had been paged out
    return { a: outcomes[0], b: outcomes[1], out, b0, bAfter };
  }

  it('a page-out that fails stops the guest that needed the frame; the other runs on, nothing of it lost', async () => {
    const store = new FlakyStore();
    store.failWritesAfter = 1200; // b's 512 pattern pages go out first, then a's
    const { a, b, out, b0, bAfter } = await run(store);
    expect(a.reason).toBe('error');
    expect(a.detail).toMatch(/backing store cannot take .*injected write error/);
    expect(b.reason, out.b).toBe('poweroff');
    expect(b.exitCode, out.b).toBe(0);
    expect(Buffer.compare(bAfter, b0)).toBe(0);
  }, 120_000);

  it('a page-in that fails stops the guest whose page it is; the other runs on, nothing of it lost', async () => {
    const store = new FlakyStore();
    // Once a has paged a while: the slots a's pages are in then can no longer be read.
    let bad: Set<number> | null = null;
    let guestA: Machine;
    store.failRead = (slot) => {
      if (!bad && store.writes > 1500) {
        const table = (guestA.guestRam as unknown as { guest: { table: Uint32Array } }).guest.table;
        bad = new Set([...table].filter((e) => (e & 9) === 8).map((e) => e >>> 12)); // paged-out entries: slot | MAP_S
      }
      return bad?.has(slot) ?? false;
    };
    const { a, b, out, b0, bAfter } = await run(store, (m) => { guestA = m; });
    expect(a.reason).toBe('error');
    expect(a.detail).toMatch(/needs page 0x[0-9a-f]+ back, but the backing store cannot read it: injected read error/);
    expect(b.reason, out.b).toBe('poweroff');
    expect(b.exitCode, out.b).toBe(0);
    expect(Buffer.compare(bAfter, b0)).toBe(0);
  }, 120_000);
});
