// Real memory under the hypervisor: the core's wasm memory above its tables, grown as guests
// touch pages and shared among them by the pager (CP-67's paging supervisor, pager.ts), up to a
// cap (--real-mem). Each guest gets a PagedRam: its frame map (which the core reads directly,
// in host frames of its own at the end of real memory) and the host's door to its pages for
// loaders, devices and SBI calls.
//
// The core keeps TLB (shadow) entries and decoded instructions that point at frames. Whenever
// the pager takes a frame away from a page (eviction, a page the guest gave back, a guest's
// reboot) frameReleased drops the frame's decoded code at once, and before that guest runs
// again `settle` empties its TLB sets (one pass for a whole batch of evictions). The same
// happens to a guest whose referenced bits the clock or the working-set sample cleared, so
// that its next use sets them again: that is how they see use that only ever hits the TLB.
// Only the guest whose page it was: TLB sets belong to one guest each (a set handed to another
// guest is emptied first), so no other guest can hold a translation to that frame, and an
// idle guest is not made to refill its TLB because another guest's page moved.
//
// wasm memory cannot shrink: frames a guest gives back go to the free pool for other pages
// (the process's resident size is the high-water mark of the pool, not what guests hold now).
// No Node API here.
import * as ABI from '../../assembly/abi';
import type { Core } from '../machine/core';
import type { GuestRam, MemoryStats } from '../machine/guest-ram';
import type { PageImage } from '../machine/snapshot';
import {
  FrameAllocator, GuestMemoryMap, PAGE_SIZE, MAP_V, MAP_R, MAP_S, MAP_SRC, FAULT_NOT_PRESENT, FAULT_PAGED_OUT, FAULT_NO_MEMORY, MAP_NUMBER_LIMIT,
} from './frames';
import { Pager } from './pager';
import { PageSharing } from './sharing';
import { MemoryBackingStore, type BackingStore } from './backing-store';

const RAM_BASE = 0x8000_0000; // guest-physical start of RAM (the virt machine's)
// The most real memory wasm32 holds above the core's tables, with room to spare.
export const REAL_MEMORY_LIMIT = 0xf000_0000 - ABI.RAM_HOST_BASE;
const GROW_FRAMES = 1024; // real memory grows 4 MiB at a time
const ABSENT = -1; // PagedRam.pages: a page without a frame or slot (reads as zeros)
const PAGED_OUT = -2; // a page in the backing store
const SHARED = -3; // a page written with bytes a shared frame holds: it maps that frame

export interface RealMemoryOptions {
  cap?: number; // bytes of frames all guests may hold together (default: what wasm32 holds)
  store?: BackingStore; // where evicted pages go (default: JavaScript memory)
  batch?: number; // frames freed at once when the pager must evict (default: cap / 256, 16 … 1024)
}

export class RealMemory {
  readonly frames: FrameAllocator;
  readonly pager: Pager;
  readonly store: BackingStore;
  readonly sharing: PageSharing;
  // Guests with pages whose frame was taken, remapped or aged since their TLBs were emptied.
  private readonly remapped = new Set<number>();
  private hostFrames = 0; // frames holding map tables (outside the cap)
  private readonly rams: PagedRam[] = [];
  flushes = 0; // times guests' TLB sets were emptied for the pager (one pass, any number of guests)
  private lastSample = { at: -1, pageIns: 0, pageOuts: 0, faults: 0 };
  rates = { pageInsPerSec: 0, pageOutsPerSec: 0, faultsPerSec: 0 };

  constructor(private readonly core: Core, opts: RealMemoryOptions = {}) {
    core.reserve(0); // the core's tables are set up on the first reservation
    const limitFrames = Math.floor(REAL_MEMORY_LIMIT / PAGE_SIZE);
    const cap = opts.cap === undefined ? limitFrames : Math.floor(opts.cap / PAGE_SIZE);
    if (!(cap >= 1 && cap <= limitFrames)) {
      throw new RangeError(`a real-memory cap of ${opts.cap} bytes is not between 4 KiB and ${Math.floor(REAL_MEMORY_LIMIT / 2 ** 20)} MiB`);
    }
    this.store = opts.store ?? new MemoryBackingStore();
    this.frames = new FrameAllocator(this.view(0), 0, { entryBase: ABI.RAM_HOST_BASE / PAGE_SIZE, fresh: true });
    this.pager = new Pager(this.frames, this.store, {
      cap,
      batch: opts.batch ?? Math.min(1024, Math.max(16, Math.floor(cap / 256))),
      grow: () => this.grow(),
      onUnmap: (g, _p, f) => this.released(g, f),
      onAge: (g) => { this.remapped.add(g); },
      onRemap: (g) => { this.remapped.add(g); },
    });
    this.sharing = new PageSharing(this.pager);
  }

  get capBytes(): number { return this.pager.cap * PAGE_SIZE; }

  // A new guest's RAM of `size` bytes: a map table in host frames of its own, every page
  // absent (reads as zeros, costs nothing until touched).
  createGuest(size: number): PagedRam {
    const pages = size / PAGE_SIZE;
    const tableFrames = Math.ceil((pages * 4) / PAGE_SIZE);
    const total = this.frames.total + tableFrames;
    if (!this.reserve(total)) throw new RangeError(`no room in wasm32 for the frame map of a ${Math.floor(size / 2 ** 20)} MiB guest`);
    const first = this.frames.grow(this.view(total), tableFrames, true);
    this.hostFrames += tableFrames;
    const tableAddr = ABI.RAM_HOST_BASE + first * PAGE_SIZE;
    const memory = this.core.exports.memory;
    let cached: Uint32Array | null = null;
    const table = () => {
      if (!cached || cached.buffer !== memory.buffer) cached = new Uint32Array(memory.buffer, tableAddr, pages);
      return cached;
    };
    const map = this.pager.createGuest({ ramSize: size, ramBase: RAM_BASE, table });
    const ram = new PagedRam(this, map, tableAddr);
    this.rams.push(ram);
    this.ramOf.set(map.id, ram);
    return ram;
  }

  // Before a guest runs again after the pager released, remapped or aged its pages: empty its
  // TLB sets (now if it is loaded, else when it next is).
  settle(): void {
    if (this.remapped.size === 0) return;
    this.flushes++;
    for (const g of this.remapped) this.ramOf.get(g)?.onRemap?.();
    this.remapped.clear();
  }

  private readonly ramOf = new Map<number, PagedRam>(); // by guest id

  // One slice of the sharing scan (sharing.ts); the guests whose pages it gave back or shared
  // have their TLBs emptied (the pager's hooks named them).
  share(entries = 65536, hashes = 8192): void {
    this.sharing.step(entries, hashes);
    this.settle();
  }

  // Takes every frame back from the guest (a reboot: it starts again with zeroed RAM).
  clear(ram: PagedRam): void {
    for (let p = 0; p < ram.guest.pages; p++) this.pager.discard(ram.guest, p);
    this.settle();
  }

  // Working set and paging rates: every `intervalMs` the hypervisor asks for a sample. Each
  // guest's working set is the pages it used since its last sample (referenced bits, which are
  // then cleared, and the TLBs emptied so the next use sets them again). `only`: the guests to
  // sample this time (the hypervisor samples idle ones less often); all when absent.
  sample(nowMs: number, only?: ReadonlySet<PagedRam>): void {
    const t = this.pager.totals();
    if (this.lastSample.at >= 0 && nowMs > this.lastSample.at) {
      const dt = (nowMs - this.lastSample.at) / 1000;
      this.rates = {
        pageInsPerSec: (t.pageIns - this.lastSample.pageIns) / dt,
        pageOutsPerSec: (t.pageOuts - this.lastSample.pageOuts) / dt,
        faultsPerSec: (t.faults - this.lastSample.faults) / dt,
      };
    }
    for (const ram of this.rams) if (!ram.guest.destroyed && (!only || only.has(ram))) { ram.sample(nowMs); this.remapped.add(ram.guest.id); }
    this.lastSample = { at: nowMs, pageIns: t.pageIns, pageOuts: t.pageOuts, faults: t.faults };
    this.settle();
  }

  // Figures for all guests together (pages of 4 KiB).
  totals(): MemoryTotals {
    const t = this.pager.totals();
    let size = 0, workingSet = 0;
    for (const ram of this.rams) if (!ram.guest.destroyed) { size += ram.size; workingSet += ram.workingSet; }
    return {
      cap: this.pager.cap, poolFrames: this.frames.total - this.hostFrames, freeFrames: this.frames.freeCount,
      tableFrames: this.hostFrames, guestPages: size / PAGE_SIZE, resident: t.resident, shared: t.shared, sharedFrames: t.sharedFrames,
      swapped: t.pagedOut, inSnapshot: t.sourced, zero: size / PAGE_SIZE - (t.resident - t.sharedFrames) - t.shared - t.pagedOut - t.sourced, faults: t.faults,
      merged: t.merged, copies: t.copies, zeroPagesDropped: this.sharing.stats.zeroPages, zeroPagesKept: this.sharing.stats.zeroKept, zeroFills: t.zeroFills, pageIns: t.pageIns,
      pageOuts: t.pageOuts, drops: t.drops, discards: t.discards, writeErrors: t.writeErrors, readErrors: t.readErrors,
      workingSet, tlbFlushes: this.flushes, ...this.rates,
    };
  }

  private released(guest: number, frame: number): void {
    this.core.exports.frameReleased(ABI.RAM_HOST_BASE + frame * PAGE_SIZE);
    this.remapped.add(guest);
  }

  // The pager found no free frame below the cap: add up to GROW_FRAMES (false when wasm32 is
  // full, and then it evicts).
  private grow(): boolean {
    const guestFrames = this.frames.total - this.hostFrames;
    const want = Math.min(GROW_FRAMES, this.pager.cap - guestFrames);
    if (want <= 0) return false;
    const total = this.frames.total + want;
    if (!this.reserve(total)) return false;
    this.frames.grow(this.view(total), want);
    return true;
  }

  private reserve(frames: number): boolean {
    if (frames * PAGE_SIZE > REAL_MEMORY_LIMIT || frames > MAP_NUMBER_LIMIT) return false;
    try {
      this.core.reserve(frames * PAGE_SIZE);
      return true;
    } catch {
      return false;
    }
  }

  private view(frames: number): Uint8Array {
    return new Uint8Array(this.core.exports.memory.buffer, ABI.RAM_HOST_BASE, frames * PAGE_SIZE);
  }
}

export interface MemoryTotals {
  cap: number; // frames
  poolFrames: number; // frames real memory has grown to for guests (the high-water mark)
  freeFrames: number;
  tableFrames: number; // frames holding the guests' frame maps
  guestPages: number; // pages of all guests' RAM together
  resident: number; // frames guests hold: private ones and shared ones (what the cap counts)
  shared: number; // pages on shared frames
  sharedFrames: number;
  swapped: number; inSnapshot: number; zero: number;
  merged: number; copies: number; zeroPagesDropped: number; zeroPagesKept: number; // (sharing.ts zeroBackoff)
  faults: number; zeroFills: number; pageIns: number; pageOuts: number; drops: number; discards: number;
  writeErrors: number; readErrors: number;
  workingSet: number;
  tlbFlushes: number;
  pageInsPerSec: number; pageOutsPerSec: number; faultsPerSec: number;
}

function allZero(d: Uint8Array, at: number, n: number): boolean {
  for (let i = at; i < at + n; i++) if (d[i] !== 0) return false;
  return true;
}

// One guest's RAM under the pager (GuestRam for its machine).
export class PagedRam implements GuestRam {
  readonly size: number;
  error: string | null = null;
  onHostWrite: ((host: number, len: number) => void) | null = null;
  onRemap: (() => void) | null = null;
  workingSet = 0;
  private last = { at: -1, pageIns: 0, pageOuts: 0, faults: 0 };
  private rates = { pageInsPerSec: 0, pageOutsPerSec: 0, faultsPerSec: 0 };
  // Set by the hypervisor's devices (balloon) and scheduler (steal time).
  extra: { balloon?: () => number; stealTicks?: () => number } = {};

  constructor(private readonly mem: RealMemory, readonly guest: GuestMemoryMap, readonly map: number) {
    this.size = guest.ramSize;
  }

  read(off: number, len: number): Uint8Array | null {
    if (!this.inside(off, len)) return null;
    const out = new Uint8Array(len);
    return this.pages(off, len, false, (real, done, n) => {
      if (real >= 0) out.set(this.mem.frames.real.subarray(real, real + n), done); // absent pages stay zero
      else if (real === PAGED_OUT) { // straight from the backing store: no frame, no eviction
        const page = new Uint8Array(PAGE_SIZE);
        const o = off + done;
        this.mem.pager.peek(this.guest, Math.floor(o / PAGE_SIZE), page);
        out.set(page.subarray(o % PAGE_SIZE, o % PAGE_SIZE + n), done);
      }
    }) ? out : null;
  }

  write(off: number, data: Uint8Array): boolean {
    if (!this.inside(off, data.length)) return false;
    return this.pages(off, data.length, true, (real, done, n) => {
      if (real === ABSENT) return; // zeros over a page without a frame: it stays without one
      if (real === SHARED) return; // a shared frame already holds these bytes: mapped
      this.mem.frames.real.set(data.subarray(done, done + n), real);
      this.onHostWrite?.(ABI.RAM_HOST_BASE + real, n);
      if (n === PAGE_SIZE && this.shareLoads) this.mem.sharing.loaded(this.guest, Math.floor((off + done) / PAGE_SIZE));
    }, data);
  }

  // Whole pages the host writes into pages without frames (loaders: the same kernel and
  // initramfs in every guest) share frames with identical pages at once (Hypervisor: share).
  shareLoads = true;

  zero(off: number, len: number): boolean {
    if (!this.inside(off, len)) return false;
    const g = this.guest;
    if (off % PAGE_SIZE === 0 && len % PAGE_SIZE === 0) { // whole pages: only those that hold something need the pager
      try {
        const table = g.table; // (giving pages back never grows real memory, so the view stays)
        for (let p = off / PAGE_SIZE, end = p + len / PAGE_SIZE; p < end; p++) if (table[p] !== 0) this.mem.pager.discard(g, p);
        return true;
      } catch (e) {
        this.error = (e as Error).message;
        return false;
      } finally {
        this.mem.settle();
      }
    }
    const whole = (o: number, n: number) => o % PAGE_SIZE === 0 && n === PAGE_SIZE;
    // Whole pages are given back; a partial page is written only if it has contents.
    const ok = this.pagesWhere(off, len, (o, n) => {
      const page = o / PAGE_SIZE | 0;
      if (whole(o, n)) { this.mem.pager.discard(g, page); return true; }
      if (g.translate(RAM_BASE + o) === FAULT_NOT_PRESENT) return true;
      const real = g.touch(RAM_BASE + o, true);
      if (real < 0) return this.fail(real, o);
      this.mem.frames.real.fill(0, real, real + n);
      this.onHostWrite?.(ABI.RAM_HOST_BASE + real, n);
      return true;
    });
    this.mem.settle();
    return ok;
  }

  fault(off: number, write: boolean): boolean {
    if (!this.inside(off, 1)) return false;
    try {
      const r = this.guest.touch(RAM_BASE + off, write);
      return r >= 0 || this.fail(r, off);
    } catch (e) {
      this.error = (e as Error).message;
      return false;
    } finally {
      this.mem.settle();
    }
  }

  // A restore: the RAM (all given back) takes the image's pages as its contents without copying
  // them; each comes in from the image on its first touch, and a host read of one not yet in
  // copies it from there. (Inflating and writing all of a booted Linux guest's 59 MB took two
  // thirds of `rvisor run --restore`'s time, though the guest touches a fraction before it answers.)
  adoptImage(image: PageImage): boolean {
    try {
      this.mem.pager.attachSource(this.guest, image, image.storedPages());
      return true;
    } catch (e) {
      this.error = (e as Error).message;
      return false;
    }
  }

  // The guest's pages as a block of memory stats (MemoryStats).
  stats(): MemoryStats {
    const st = this.mem.pager.stats(this.guest.id);
    const pages = this.guest.pages;
    return {
      size: this.size, resident: st.resident + st.shared, shared: st.shared, swapped: st.pagedOut, inSnapshot: st.sourced,
      zero: pages - st.resident - st.shared - st.pagedOut - st.sourced,
      faults: st.faults, zeroFills: st.zeroFills, pageIns: st.pageIns, snapshotIns: st.sourceIns, pageOuts: st.pageOuts, discards: st.discards,
      ...this.rates, workingSet: this.workingSet,
      ...(this.extra.balloon ? { balloon: this.extra.balloon() } : {}),
      ...(this.extra.stealTicks ? { stealTicks: this.extra.stealTicks() } : {}),
    };
  }

  // Frames the guest has needed anew so far: first touches, copy-on-write breaks, pages brought
  // in from a snapshot (not page-ins: those are pages it had before). Boot admission watches it.
  newPages(): number {
    const st = this.mem.pager.stats(this.guest.id);
    return st.zeroFills + st.copies + st.sourceIns;
  }

  // RealMemory.sample: this guest's working set since the last sample, and its paging rates.
  sample(nowMs: number): void {
    const table = this.guest.table;
    let used = 0;
    for (let p = 0; p < table.length; p++) {
      const e = table[p];
      if ((e & (MAP_V | MAP_R)) === (MAP_V | MAP_R)) { used++; table[p] = e & ~MAP_R; }
    }
    this.workingSet = used;
    const st = this.mem.pager.stats(this.guest.id);
    if (this.last.at >= 0 && nowMs > this.last.at) {
      const dt = (nowMs - this.last.at) / 1000;
      this.rates = {
        pageInsPerSec: (st.pageIns - this.last.pageIns) / dt,
        pageOutsPerSec: (st.pageOuts - this.last.pageOuts) / dt,
        faultsPerSec: (st.faults - this.last.faults) / dt,
      };
    }
    this.last = { at: nowMs, pageIns: st.pageIns, pageOuts: st.pageOuts, faults: st.faults };
  }

  // Gives up every page (a reboot).
  clear(): void { this.mem.clear(this); }

  absent(page: number): boolean { return this.guest.table[page] === 0; }

  // Pages that hold no frame and read as zeros, pages paged out and pages still only in the
  // snapshot the RAM was restored from: for tests and the monitor.
  pageState(page: number): 'absent' | 'resident' | 'paged-out' | 'in-snapshot' {
    const e = this.guest.table[page];
    return e & MAP_V ? 'resident' : e & MAP_S ? 'paged-out' : e & MAP_SRC ? 'in-snapshot' : 'absent';
  }

  private inside(off: number, len: number): boolean {
    const ok = Number.isInteger(off) && Number.isInteger(len) && off >= 0 && len >= 0 && off + len <= this.size;
    this.error = ok ? null : `0x${off.toString(16)}+${len} is outside RAM`;
    return ok;
  }

  private fail(code: number, off: number): false {
    const where = `page 0x${(RAM_BASE + off - (off % PAGE_SIZE)).toString(16)}`;
    this.error = code === FAULT_NO_MEMORY ? `no frame can be had for ${where}: every frame is held` : `${where}: fault ${code}`;
    return false;
  }

  // Calls fn(offset, length) for each page-sized piece of [off, off + len); stops at false.
  private pagesWhere(off: number, len: number, fn: (o: number, n: number) => boolean): boolean {
    try {
      for (let done = 0; done < len;) {
        const o = off + done;
        const n = Math.min(len - done, PAGE_SIZE - (o % PAGE_SIZE));
        if (!fn(o, n)) return false;
        done += n;
      }
      return true;
    } catch (e) {
      this.error = (e as Error).message;
      return false;
    }
  }

  // Copies page by page: fn gets each piece's real offset (or, on a read, ABSENT for a page
  // that reads as zeros and PAGED_OUT for one in the backing store: neither gets a frame).
  // Pages are touched right before their piece is copied (a later touch may evict an earlier
  // page, or grow real memory).
  private pages(off: number, len: number, write: boolean, fn: (real: number, done: number, n: number) => void, zeros?: Uint8Array): boolean {
    const ok = this.pagesWhere(off, len, (o, n) => {
      const gpa = RAM_BASE + o;
      let real = this.guest.translate(gpa, write);
      // A write of zeros to a page without a frame changes nothing (a kernel image's zero-filled
      // parts, a loader clearing memory): it keeps no frame.
      if (real === FAULT_NOT_PRESENT && (!write || (zeros !== undefined && allZero(zeros, o - off, n)))) real = ABSENT;
      else if (real === FAULT_NOT_PRESENT && zeros !== undefined && n === PAGE_SIZE && this.shareLoads &&
        this.mem.sharing.loadPage(this.guest, Math.floor(o / PAGE_SIZE), zeros.subarray(o - off, o - off + n))) real = SHARED;
      else if (real === FAULT_PAGED_OUT && !write) real = PAGED_OUT;
      else if (real < 0) {
        real = this.guest.touch(gpa, write);
        if (real < 0) return this.fail(real, o);
      }
      fn(real, o - off, n);
      return true;
    });
    this.mem.settle();
    return ok;
  }
}
