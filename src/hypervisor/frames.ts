// Real memory under the hypervisor: a pool of 4 KiB frames and, per guest, a guest-physical →
// frame map that the wasm core can read directly.
//
// Real memory is one linear array of frames (`FrameAllocator.real`; frame f is bytes
// f·4096 … f·4096+4095). It can grow: the hypervisor adds frames as guests touch pages, so
// real memory costs only what is in use (real-memory.ts grows the core's wasm memory and hands
// the new frames here). In `bare` mode guest-physical = real and none of this is used. Under
// the hypervisor every guest gets a GuestMemoryMap; a frame is given to a guest page on first
// touch (zeroed, so nothing leaks between guests) and the Pager (pager.ts) may take it back
// and keep the contents in a backing store. A guest reaches real memory only through its own
// map, so it can never reach a frame that is not mapped to it.
//
// ---- The map table (what the core reads) ----
// One u32 per guest-physical page, `table[(gpa - ramBase) >> 12]`, for the guest's RAM only
// (ramSize / 4096 entries; a gpa outside RAM has no entry and is refused). The encoding is
// PTE-like, a number field in bits 31..12 and flags in bits 11..0:
//
//   bit 0      MAP_V  resident: bits 31..12 are the frame number plus the pool's entryBase
//                     (with entryBase 0, the real offset is entry & ~0xfff; the hypervisor
//                     sets entryBase so that entry & ~0xfff is the frame's address in the
//                     core's linear memory, which is what the core adds to a page offset)
//   bit 1      MAP_R  referenced since the clock hand last passed (set on any access)
//   bit 2      MAP_D  dirty: written since the frame was filled (set on a store)
//   bit 3      MAP_S  paged out (only with V = 0): bits 31..12 are the backing-store slot
//   bit 4      MAP_RO shared frame (copy-on-write, with V): the core exits on a write
//   bit 5      MAP_C  changed: set with D on every write; the sharing scanner clears it to see
//                     which pages stayed the same between two looks
//   bit 6      MAP_SRC (only with V = 0, S = 0): the page's contents are in the guest's page
//                     source (`source`: the snapshot its RAM was restored from), not yet in a
//                     frame; the next touch brings them in
//   bits 11..7        reserved, zero
// (The same bits, named MAP_PRESENT, MAP_REFERENCED, MAP_DIRTY, MAP_SWAPPED, MAP_READONLY,
// MAP_CHANGED and MAP_SOURCED, are in assembly/abi.ts for the core, which only ever tests V and
// RO: a page without V exits, whatever the host keeps in its other bits.)
//
//   entry == 0                      not present: never touched (or a never-written page that
//                                   was dropped); the next touch gives a fresh zeroed frame
//   entry & MAP_V                   resident in frame (entry >>> 12) - entryBase
//   (entry & (MAP_V|MAP_S)) == S    paged out to slot entry >>> 12
//   entry == MAP_SRC                in the guest's page source
//
// So frame numbers and slots are < 2^20 (4 GiB of real memory, the most a wasm32 memory has,
// and 4 GiB of backing store). Whoever writes through a translation must set D (translate and
// touch with write = true do; the core sets R when it fills a TLB entry or walks a page table,
// and R and D on every write it makes); a page with D clear is assumed unchanged since it was
// filled, and may be dropped without a write.
//
// While a page is resident it may also still own a slot holding an identical copy (it was
// paged in and not written since): that slot is kept in `slots[page]` (host side only, -1 =
// none, SLOT_SOURCE = the page source holds it), so evicting it again costs no write.
//
// A real offset returned by translate/touch stays valid only until the next call that can
// fault a page in (any touch of any guest, Pager.setCap): that call may evict the page. Copy
// through `read`/`write`, which touch each page right before copying it.

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 1 << PAGE_SHIFT;

export const MAP_V = 1 << 0;
export const MAP_R = 1 << 1;
export const MAP_D = 1 << 2;
export const MAP_S = 1 << 3;
export const MAP_RO = 1 << 4;
export const MAP_C = 1 << 5;
export const MAP_SRC = 1 << 6;
export const MAP_FLAGS = 0xfff;
export const MAP_NUMBER_LIMIT = 1 << 20; // frames and slots must be below this
export const SLOT_SOURCE = -2; // slots[page]: the page came from the page source and was not written since

// Negative results of translate/touch (a result >= 0 is a real offset).
export const FAULT_NOT_PRESENT = -1; // never touched: the next touch allocates
export const FAULT_PAGED_OUT = -2; // in the backing store or the page source: the next touch pages it in
export const FAULT_OUT_OF_RANGE = -3; // not in the guest's RAM: refused (an access fault for the guest)
export const FAULT_NO_MEMORY = -4; // no frame could be freed (every frame is held by the host)
export const FAULT_READ_ONLY = -5; // a write to a shared frame: the next touch gives the page its own copy

// Owner of a frame in the core map.
export const OWNER_FREE = -1;
export const OWNER_HOST = -2; // allocated for the hypervisor itself (not pageable)
export const OWNER_SHARED = -3; // a read-only frame several guest pages map (copy-on-write; not pageable)

// A pool of frames inside `real`. It also keeps the core map: for each frame, its owner
// (guest id, OWNER_HOST or OWNER_FREE) and the guest page it holds, which the pager's clock
// walks and the isolation tests check against every guest's table. The pool grows (`grow`):
// frames are added at the end, and `real` is replaced by a longer view of the same memory.
export class FrameAllocator {
  owner: Int32Array;
  ownerPage: Int32Array;
  private freeStack: Int32Array;
  private freeTop: number;
  private zero: Uint8Array; // 1: the frame is known to hold zeros (fresh memory), no fill needed
  total: number;
  real: Uint8Array;
  // Added to a frame number in map entries (see the table encoding above).
  readonly entryBase: number;

  constructor(real: Uint8Array, total: number, opts: { entryBase?: number; fresh?: boolean } = {}) {
    if (!Number.isInteger(total) || total < 0 || total > MAP_NUMBER_LIMIT) throw new RangeError(`frame count ${total} not in 0…${MAP_NUMBER_LIMIT}`);
    if (total < 1 && !opts.fresh) throw new RangeError(`frame count ${total} not in 1…${MAP_NUMBER_LIMIT}`);
    if (real.length < total * PAGE_SIZE) throw new RangeError(`real memory of ${real.length} bytes holds fewer than ${total} frames`);
    this.entryBase = opts.entryBase ?? 0;
    if (!Number.isInteger(this.entryBase) || this.entryBase < 0 || this.entryBase + total > MAP_NUMBER_LIMIT) throw new RangeError(`bad entry base ${this.entryBase}`);
    this.real = real;
    this.total = total;
    const cap = Math.max(total, 16);
    this.owner = new Int32Array(cap).fill(OWNER_FREE);
    this.ownerPage = new Int32Array(cap).fill(-1);
    this.freeStack = new Int32Array(cap);
    this.zero = new Uint8Array(cap).fill(opts.fresh ? 1 : 0);
    // Lowest frames first: pop from the top of a stack filled in descending order.
    for (let i = 0; i < total; i++) this.freeStack[i] = total - 1 - i;
    this.freeTop = total;
  }

  get freeCount(): number { return this.freeTop; }
  get usedCount(): number { return this.total - this.freeTop; }

  // Adds `extra` frames after the last one, in `real` (a view that now holds them all; the old
  // one may be detached, as a grown wasm memory's is). Fresh memory holds zeros. With `host`
  // the new frames are the hypervisor's own (OWNER_HOST, e.g. a guest's map table), else free.
  // Returns the first new frame.
  grow(real: Uint8Array, extra: number, host = false): number {
    const first = this.total;
    const total = first + extra;
    if (!Number.isInteger(extra) || extra < 0 || total > MAP_NUMBER_LIMIT || this.entryBase + total > MAP_NUMBER_LIMIT) throw new RangeError(`cannot grow the pool to ${total} frames`);
    if (real.length < total * PAGE_SIZE) throw new RangeError(`real memory of ${real.length} bytes holds fewer than ${total} frames`);
    if (total > this.owner.length) {
      const cap = Math.max(total, this.owner.length * 2);
      const more = (a: Int32Array, fill: number): Int32Array => { const b = new Int32Array(cap).fill(fill); b.set(a); return b; };
      this.owner = more(this.owner, OWNER_FREE);
      this.ownerPage = more(this.ownerPage, -1);
      this.freeStack = more(this.freeStack, 0);
      const zero = new Uint8Array(cap);
      zero.set(this.zero);
      this.zero = zero;
    }
    this.real = real;
    this.total = total;
    for (let f = total - 1; f >= first; f--) {
      this.zero[f] = 1;
      if (host) this.owner[f] = OWNER_HOST;
      else this.freeStack[this.freeTop++] = f;
    }
    return first;
  }

  // Where frame `f` starts in `real`. Add `real.byteOffset` for its address in the linear
  // memory `real` is a view of.
  offsetOf(frame: number): number { return frame * PAGE_SIZE; }

  // A map entry's frame field for frame `f` (bits 31..12), and back.
  entryOf(frame: number): number { return (frame + this.entryBase) * PAGE_SIZE; }
  frameOfEntry(entry: number): number { return (entry >>> PAGE_SHIFT) - this.entryBase; }

  bytes(frame: number): Uint8Array {
    this.check(frame);
    return this.real.subarray(frame * PAGE_SIZE, (frame + 1) * PAGE_SIZE);
  }

  // Takes a free frame, zeroes it and records its owner; -1 when none is free.
  alloc(owner: number = OWNER_HOST, page = -1): number {
    if (owner < 0 && owner !== OWNER_HOST) throw new RangeError(`bad frame owner ${owner}`);
    if (this.freeTop === 0) return -1;
    const f = this.freeStack[--this.freeTop];
    if (this.zero[f]) this.zero[f] = 0; // never used since the pool grew: already zeros
    else this.real.fill(0, f * PAGE_SIZE, (f + 1) * PAGE_SIZE);
    this.owner[f] = owner;
    this.ownerPage[f] = page;
    return f;
  }

  free(frame: number): void {
    this.check(frame);
    if (this.owner[frame] === OWNER_FREE) throw new Error(`frame ${frame} freed twice`);
    this.owner[frame] = OWNER_FREE;
    this.ownerPage[frame] = -1;
    this.freeStack[this.freeTop++] = frame;
  }

  isFree(frame: number): boolean { this.check(frame); return this.owner[frame] === OWNER_FREE; }

  private check(frame: number): void {
    if (!Number.isInteger(frame) || frame < 0 || frame >= this.total) throw new RangeError(`no frame ${frame}`);
  }
}

// What a map calls when a touched page is not resident: the Pager. It must make `page`
// resident in `map` (allocating or paging in, evicting if it must) and return the page's real
// offset, or FAULT_NO_MEMORY.
export interface PageFaultHandler {
  fault(map: GuestMemoryMap, page: number, write: boolean): number;
}

export type PageState =
  | { kind: 'absent' }
  | { kind: 'resident'; frame: number; referenced: boolean; dirty: boolean; slot: number }
  | { kind: 'paged-out'; slot: number }
  | { kind: 'in-source' };

// Where a guest's pages marked MAP_SRC have their contents: the snapshot its RAM was restored
// from, read a page at a time on first touch (synchronously, like the backing store). `read`
// throws if it cannot (the guest needing the page is stopped with that error).
export interface PageSource {
  read(page: number, into: Uint8Array): void;
}

export interface GuestMemoryOptions {
  ramSize: number; // bytes, a multiple of 4096
  ramBase?: number; // guest-physical address of RAM (default 0x8000_0000, as on virt)
  // Where to keep the table (e.g. a view of the core's linear memory); a function when that
  // memory can grow, which detaches old views: it returns a current view each time.
  table?: Uint32Array | (() => Uint32Array);
}

// One guest's guest-physical → frame map. Made by Pager.createGuest.
export class GuestMemoryMap {
  readonly ramBase: number;
  readonly ramSize: number;
  readonly pages: number;
  readonly slots: Int32Array;
  // The page source of the MAP_SRC pages (Pager.attachSource), and how many pages still need it
  // (MAP_SRC entries and SLOT_SOURCE copies): at none it is let go.
  source: PageSource | null = null;
  sourceRefs = 0;
  private readonly tableOf: () => Uint32Array;
  refused = 0; // accesses outside RAM (translate, touch, read, write)
  private dead = false;

  constructor(readonly id: number, opts: GuestMemoryOptions, readonly frames: FrameAllocator, private readonly handler: PageFaultHandler) {
    const { ramSize, ramBase = 0x8000_0000 } = opts;
    if (!Number.isSafeInteger(ramSize) || ramSize <= 0 || ramSize % PAGE_SIZE !== 0) throw new RangeError(`guest RAM size ${ramSize} is not a positive multiple of ${PAGE_SIZE}`);
    if (!Number.isSafeInteger(ramBase) || ramBase < 0 || ramBase % PAGE_SIZE !== 0) throw new RangeError(`guest RAM base ${ramBase} is not page aligned`);
    this.ramBase = ramBase;
    this.ramSize = ramSize;
    this.pages = ramSize / PAGE_SIZE;
    const given = typeof opts.table === 'function' ? opts.table() : opts.table;
    if (given && given.length < this.pages) throw new RangeError(`map table of ${given.length} entries for ${this.pages} pages`);
    if (typeof opts.table === 'function') {
      const f = opts.table;
      this.tableOf = () => f();
    } else {
      const t = given ? given.subarray(0, this.pages) : new Uint32Array(this.pages);
      this.tableOf = () => t;
    }
    this.table.fill(0);
    this.slots = new Int32Array(this.pages).fill(-1);
  }

  get destroyed(): boolean { return this.dead; }

  // The table (one u32 per page, see the encoding above).
  get table(): Uint32Array { return this.tableOf(); }

  // The page index of `gpa` in this guest's RAM, or -1 when it is outside.
  pageOf(gpa: number): number {
    const rel = gpa - this.ramBase;
    if (!Number.isInteger(rel) || rel < 0 || rel >= this.ramSize) return -1;
    return Math.floor(rel / PAGE_SIZE);
  }

  // The real offset of `gpa` if its page is resident (marking it referenced, and dirty for a
  // write, as the core does when it fills a TLB entry); otherwise a FAULT_* code. Never
  // allocates or pages.
  translate(gpa: number, write = false): number {
    this.alive();
    const page = this.pageOf(gpa);
    if (page < 0) { this.refused++; return FAULT_OUT_OF_RANGE; }
    const table = this.table;
    const e = table[page];
    if ((e & MAP_V) === 0) return (e & (MAP_S | MAP_SRC)) !== 0 ? FAULT_PAGED_OUT : FAULT_NOT_PRESENT;
    if (write && (e & MAP_RO) !== 0) return FAULT_READ_ONLY;
    table[page] = e | MAP_R | (write ? MAP_D | MAP_C : 0);
    return this.frames.frameOfEntry(e) * PAGE_SIZE + (gpa - this.ramBase) % PAGE_SIZE;
  }

  // translate, and when the page is not resident let the pager bring it in (first touch gives
  // a zeroed frame). Negative only for FAULT_OUT_OF_RANGE or FAULT_NO_MEMORY.
  touch(gpa: number, write = false): number {
    const r = this.translate(gpa, write);
    if (r !== FAULT_NOT_PRESENT && r !== FAULT_PAGED_OUT && r !== FAULT_READ_ONLY) return r;
    const page = this.pageOf(gpa);
    const base = this.handler.fault(this, page, write);
    return base < 0 ? base : base + (gpa - this.ramBase) % PAGE_SIZE;
  }

  // Copies guest memory at gpa into `into`, page by page. False (and nothing more copied) if
  // part of the range is outside RAM or no frame could be had.
  read(gpa: number, into: Uint8Array): boolean {
    return this.copy(gpa, into.length, false, (real, done, n) => into.set(this.frames.real.subarray(real, real + n), done));
  }

  // Copies `data` into guest memory at gpa, page by page (the pages become dirty).
  write(gpa: number, data: Uint8Array): boolean {
    return this.copy(gpa, data.length, true, (real, done, n) => this.frames.real.set(data.subarray(done, done + n), real));
  }

  // The state of one page, for the host and tests (does not change R).
  state(page: number): PageState {
    this.checkPage(page);
    const e = this.table[page];
    if (e & MAP_V) return { kind: 'resident', frame: this.frames.frameOfEntry(e), referenced: (e & MAP_R) !== 0, dirty: (e & MAP_D) !== 0, slot: Math.max(-1, this.slots[page]) };
    if (e & MAP_S) return { kind: 'paged-out', slot: e >>> PAGE_SHIFT };
    if (e & MAP_SRC) return { kind: 'in-source' };
    return { kind: 'absent' };
  }

  referenced(page: number): boolean { this.checkPage(page); return (this.table[page] & (MAP_V | MAP_R)) === (MAP_V | MAP_R); }
  dirty(page: number): boolean { this.checkPage(page); return (this.table[page] & (MAP_V | MAP_D)) === (MAP_V | MAP_D); }
  clearReferenced(page: number): void { this.checkPage(page); this.table[page] &= ~MAP_R; }

  // Called by the pager only.
  markDestroyed(): void { this.dead = true; }

  private copy(gpa: number, len: number, write: boolean, step: (real: number, done: number, n: number) => void): boolean {
    this.alive();
    if (len === 0) return true;
    if (this.pageOf(gpa) < 0 || this.pageOf(gpa + len - 1) < 0) { this.refused++; return false; }
    let done = 0;
    while (done < len) {
      const at = gpa + done;
      const n = Math.min(len - done, PAGE_SIZE - (at - this.ramBase) % PAGE_SIZE);
      const real = this.touch(at, write);
      if (real < 0) return false;
      step(real, done, n);
      done += n;
    }
    return true;
  }

  private alive(): void {
    if (this.dead) throw new Error(`guest ${this.id}'s memory map was destroyed`);
  }

  private checkPage(page: number): void {
    if (!Number.isInteger(page) || page < 0 || page >= this.pages) throw new RangeError(`guest ${this.id} has no page ${page}`);
  }
}
