// The pager: demand paging of real memory among guests (CP-67's paging supervisor).
//
// Guests get frames on first touch, up to a global cap on the frames all guests hold together
// (`cap`, at most the allocator's pool; frames the hypervisor holds for itself are outside
// it). When a fault finds the cap reached (or no free frame), the clock picks a victim among
// every guest's resident pages: the hand walks the frames in order; a frame whose page is
// referenced (MAP_R) gets a second chance (R cleared, the onAge hook told), the first one
// without R is evicted. A dirty victim is written to the backing store; a clean one is dropped
// without a write, either because the store still holds an identical copy (it was paged in
// and not written since: the slot stays with the page) or because it was never written at all
// (it is zeros: the entry goes back to not-present and the next touch zero-fills a frame).
//
// Before a page leaves its frame the onUnmap hook runs, so the core can drop TLB entries,
// shadow PTEs and decoded instructions that point at the frame; only then are the dirty bit
// read and the frame freed. Hooks must not call back into the pager.
//
// When it must evict, the pager frees `batch` frames at once, so that a host whose hooks only
// mark frames (and empty every TLB once before the guests run again) pays that once per batch.
// When no frame is free but the cap is not reached, `grow` is asked for more frames first.
//
// A backing store that fails is never silent: a failed page-out leaves its page resident and
// the pager looks for victims that need no write; if it finds none, or a page-in fails, the
// fault throws a PagingError naming the guest that needed the page and the store's error.
// Nothing is lost: the victim keeps its frame, the paged-out page keeps its slot.
//
// Shared frames (copy-on-write): pages with identical contents, in one guest or several, may
// map one read-only frame (OWNER_SHARED, entries with MAP_RO; see sharing.ts, which finds
// them). The clock never evicts a shared frame. A write faults: the last page on a shared frame
// takes it back as its own, any other gets a private copy (onRemap then tells the host that a
// translation changed though the frame stays in use). A shared frame counts once against the
// cap; a guest's `shared` counts its pages on shared frames, `resident` its private frames.
//
// A guest restored from a snapshot starts with its pages in a page source (attachSource:
// MAP_SRC entries), brought in on first touch like paged-out pages, so a restore costs only the
// pages the guest goes on to use. A page brought in from the source and not written since is
// dropped again without a write (the source still holds it: SLOT_SOURCE), and a host read of a
// page still in the source copies it from there without a frame (peek).
//
// Everything is synchronous and single-threaded: one fault at a time, completed before the
// guest resumes.
import {
  FrameAllocator, GuestMemoryMap, PAGE_SHIFT, PAGE_SIZE, MAP_V, MAP_R, MAP_D, MAP_S, MAP_RO, MAP_C, MAP_SRC, SLOT_SOURCE,
  MAP_NUMBER_LIMIT, FAULT_NO_MEMORY, OWNER_SHARED, type GuestMemoryOptions, type PageFaultHandler, type PageSource,
} from './frames';
import type { BackingStore } from './backing-store';

export type PageHook = (guest: number, page: number, frame: number) => void;

export interface PagerOptions {
  cap?: number; // frames guests may hold together (default: the whole pool)
  onUnmap?: PageHook; // a page is about to leave `frame` (eviction, guest destruction)
  onAge?: PageHook; // the clock cleared the page's R bit (drop TLB entries so the next access sets it again)
  onRemap?: PageHook; // the page now maps another frame, or read-only, but `frame` stays in use (sharing)
  batch?: number; // frames to free each time it must evict (default 1)
  grow?: () => boolean; // no frame is free below the cap: add frames to the pool if possible
}

// A guest needed a page and the backing store could not give or take one.
export class PagingError extends Error {}

// Events count since the guest (or the pager) was created; resident and pagedOut are now.
export interface PagerStats {
  faults: number; // touches that found the page not resident (hidden page faults)
  zeroFills: number; // faults served with a fresh zeroed frame (first touch)
  pageIns: number; // faults served from the backing store
  sourceIns: number; // faults served from the page source (a restored snapshot)
  pageOuts: number; // victims written to the backing store
  drops: number; // victims evicted without a write (clean, or never written)
  discards: number; // pages given back (their contents no longer needed: zeroed, reported free, ballooned)
  refused: number; // accesses outside the guest's RAM
  resident: number; // frames held (a guest's: its private frames; in total: private and shared frames)
  pagedOut: number; // pages whose contents are only in the backing store
  sourced: number; // pages whose contents are only in the page source
  shared: number; // pages on shared frames (in total: all guests' such pages)
  merged: number; // pages put on a shared frame
  copies: number; // copy-on-write faults that gave a page its own frame again
}

export interface PagerTotals extends PagerStats {
  cap: number;
  scanned: number; // frames the clock hand passed
  writeErrors: number; // page-outs the backing store refused
  readErrors: number; // page-ins the backing store refused
  slotsInUse: number; // backing-store slots holding a page (paged out or clean copies)
  guests: number;
  sharedFrames: number; // frames several pages map
}

function zeroStats(): PagerStats {
  return { faults: 0, zeroFills: 0, pageIns: 0, sourceIns: 0, pageOuts: 0, drops: 0, discards: 0, refused: 0, resident: 0, pagedOut: 0, sourced: 0, shared: 0, merged: 0, copies: 0 };
}

export class Pager implements PageFaultHandler {
  onUnmap: PageHook | undefined;
  onAge: PageHook | undefined;
  onRemap: PageHook | undefined;
  batch: number;
  private readonly refs = new Map<number, number>(); // shared frame -> pages mapping it
  private readonly grow: (() => boolean) | undefined;
  private writeErrors = 0;
  private readErrors = 0;
  private readonly maps: (GuestMemoryMap | undefined)[] = [];
  private readonly perGuest: PagerStats[] = [];
  private readonly total = zeroStats();
  private capFrames: number;
  private hand = 0;
  private scanned = 0;
  private readonly freeSlots: number[] = [];
  private nextSlot = 0;

  constructor(readonly frames: FrameAllocator, readonly store: BackingStore, opts: PagerOptions = {}) {
    this.grow = opts.grow;
    this.capFrames = this.checkCap(opts.cap ?? frames.total);
    this.onUnmap = opts.onUnmap;
    this.onAge = opts.onAge;
    this.onRemap = opts.onRemap;
    this.batch = Math.max(1, Math.floor(opts.batch ?? 1));
  }

  get cap(): number { return this.capFrames; }

  // Changes the cap, evicting pages until the guests hold at most `cap` frames.
  setCap(cap: number): void {
    this.capFrames = this.checkCap(cap);
    while (this.total.resident > this.capFrames && this.evictOne()) { /* evicting */ }
  }

  // A new guest with the lowest free id; all its pages start not present.
  createGuest(opts: GuestMemoryOptions): GuestMemoryMap {
    let id = this.maps.indexOf(undefined);
    if (id < 0) id = this.maps.length;
    const map = new GuestMemoryMap(id, opts, this.frames, this);
    this.maps[id] = map;
    this.perGuest[id] = zeroStats();
    return map;
  }

  guest(id: number): GuestMemoryMap | undefined { return this.maps[id]; }
  get guestIds(): number[] { return this.maps.flatMap((m, i) => (m ? [i] : [])); }

  // Frees every frame and backing slot of the guest (onUnmap for each resident page); its
  // map can no longer be used and its id is free for the next guest.
  destroyGuest(guest: number | GuestMemoryMap): void {
    const map = this.own(typeof guest === 'number' ? this.maps[guest] : guest);
    const st = this.perGuest[map.id];
    for (let p = 0; p < map.pages; p++) {
      const e = map.table[p];
      if (e & MAP_RO) {
        this.unref(map, p, this.frames.frameOfEntry(e));
      } else if (e & MAP_V) {
        const f = this.frames.frameOfEntry(e);
        this.onUnmap?.(map.id, p, f);
        if (map.slots[p] >= 0) this.freeSlot(map.slots[p]);
        this.frames.free(f);
        st.resident--; this.total.resident--;
      } else if (e & MAP_S) {
        this.freeSlot(e >>> PAGE_SHIFT);
        st.pagedOut--; this.total.pagedOut--;
      } else if (e & MAP_SRC) {
        st.sourced--; this.total.sourced--;
      }
    }
    map.table.fill(0);
    map.slots.fill(-1);
    map.source = null;
    map.sourceRefs = 0;
    this.total.refused += map.refused;
    map.markDestroyed();
    this.maps[map.id] = undefined;
  }

  // PageFaultHandler: makes `page` of `map` resident and returns its real offset.
  fault(map: GuestMemoryMap, page: number, write: boolean): number {
    this.own(map);
    const e = map.table[page];
    if (e & MAP_V) { // already resident: just the access bits (a write to a shared frame: its own copy)
      if (write && (e & MAP_RO) !== 0) return this.copyOnWrite(map, page);
      map.table[page] = e | MAP_R | (write ? MAP_D | MAP_C : 0);
      return this.frames.frameOfEntry(e) * PAGE_SIZE;
    }
    const st = this.perGuest[map.id];
    st.faults++; this.total.faults++;
    this.makeRoom(map, page);
    if (this.total.resident >= this.capFrames) return FAULT_NO_MEMORY;
    const f = this.frames.alloc(map.id, page); // zeroed
    if (f < 0) return FAULT_NO_MEMORY;
    if (e & MAP_S) {
      const slot = e >>> PAGE_SHIFT;
      try {
        this.store.read(slot, this.frames.bytes(f));
      } catch (err) {
        this.frames.free(f);
        this.readErrors++;
        throw new PagingError(`guest ${map.id} needs page 0x${(map.ramBase + page * PAGE_SIZE).toString(16)} back, ` +
          `but the backing store cannot read it: ${(err as Error).message}`);
      }
      map.slots[page] = slot; // the store's copy stays valid until the page is written
      st.pageIns++; this.total.pageIns++;
      st.pagedOut--; this.total.pagedOut--;
    } else if (e & MAP_SRC) {
      try {
        this.readSource(map, page, this.frames.bytes(f), true);
      } catch (err) {
        this.frames.free(f);
        throw err;
      }
      map.slots[page] = SLOT_SOURCE; // the source's copy stays valid until the page is written
      st.sourceIns++; this.total.sourceIns++;
      st.sourced--; this.total.sourced--;
    } else {
      st.zeroFills++; this.total.zeroFills++;
    }
    // Written: dirty and changed. Paged in: clean (its slot or source holds the same bytes) but,
    // for the sharing scanner, changed (it has not looked at these bytes). A fresh zero page:
    // neither.
    const bits = write ? MAP_D | MAP_C : (e & (MAP_S | MAP_SRC)) !== 0 ? MAP_C : 0;
    map.table[page] = this.frames.entryOf(f) | MAP_V | MAP_R | bits;
    st.resident++; this.total.resident++;
    return f * PAGE_SIZE;
  }

  // A write to a page on a shared frame: the last page on it takes the frame back as its own;
  // any other gets a private copy (which may evict).
  private copyOnWrite(map: GuestMemoryMap, page: number): number {
    const f = this.frames.frameOfEntry(map.table[page]);
    const refs = this.refs.get(f)!;
    const st = this.perGuest[map.id];
    let own = f;
    if (refs === 1) {
      this.refs.delete(f);
      this.frames.owner[f] = map.id;
      this.frames.ownerPage[f] = page;
    } else {
      st.faults++; this.total.faults++;
      this.makeRoom(map, page);
      if (this.total.resident >= this.capFrames) return FAULT_NO_MEMORY;
      own = this.frames.alloc(map.id, page);
      if (own < 0) return FAULT_NO_MEMORY;
      this.frames.real.copyWithin(own * PAGE_SIZE, f * PAGE_SIZE, (f + 1) * PAGE_SIZE);
      this.refs.set(f, refs - 1);
      this.total.resident++;
    }
    // (Making room may have grown real memory, which detaches table views: look it up again.
    // The page itself stayed: shared frames are never evicted.)
    map.table[page] = this.frames.entryOf(own) | MAP_V | MAP_R | MAP_D | MAP_C;
    st.shared--; this.total.shared--;
    st.resident++;
    st.copies++; this.total.copies++;
    this.onRemap?.(map.id, page, f);
    return own * PAGE_SIZE;
  }

  // Sharing (sharing.ts). The resident private page becomes a shared frame's first page: its
  // frame turns read-only (no write may land in it from now on: the host must empty every TLB
  // before the guest runs again, which onRemap asks for). Returns the frame.
  makeShared(map: GuestMemoryMap, page: number): number {
    this.own(map);
    const table = map.table;
    const e = table[page];
    if ((e & (MAP_V | MAP_RO)) !== MAP_V) throw new Error(`guest ${map.id} page ${page} is not a private resident page`);
    const f = this.frames.frameOfEntry(e);
    this.dropCopy(map, page);
    this.frames.owner[f] = OWNER_SHARED;
    this.frames.ownerPage[f] = -1;
    this.refs.set(f, 1);
    table[page] = (e & ~(MAP_D | MAP_C)) | MAP_RO;
    const st = this.perGuest[map.id];
    st.resident--; st.shared++; this.total.shared++;
    st.merged++; this.total.merged++;
    this.onRemap?.(map.id, page, f);
    return f;
  }

  // The resident private page (whose bytes equal shared frame `f`'s) maps `f` instead of its
  // own frame, which is freed.
  shareInto(map: GuestMemoryMap, page: number, f: number): void {
    this.own(map);
    const table = map.table;
    const e = table[page];
    if ((e & (MAP_V | MAP_RO)) !== MAP_V) throw new Error(`guest ${map.id} page ${page} is not a private resident page`);
    const refs = this.refs.get(f);
    if (!refs) throw new Error(`frame ${f} is not shared`);
    const mine = this.frames.frameOfEntry(e);
    this.onUnmap?.(map.id, page, mine);
    this.dropCopy(map, page);
    this.frames.free(mine);
    this.refs.set(f, refs + 1);
    table[page] = this.frames.entryOf(f) | MAP_V | MAP_RO | (e & MAP_R);
    const st = this.perGuest[map.id];
    st.resident--; this.total.resident--;
    st.shared++; this.total.shared++;
    st.merged++; this.total.merged++;
  }

  // A page that has no frame (absent) maps shared frame `f`, whose bytes it is to hold (a
  // loader writing what another guest's page already holds).
  mapShared(map: GuestMemoryMap, page: number, f: number): void {
    this.own(map);
    const table = map.table;
    if (table[page] !== 0) throw new Error(`guest ${map.id} page ${page} is not absent`);
    const refs = this.refs.get(f);
    if (!refs) throw new Error(`frame ${f} is not shared`);
    this.refs.set(f, refs + 1);
    table[page] = this.frames.entryOf(f) | MAP_V | MAP_RO | MAP_R;
    const st = this.perGuest[map.id];
    st.shared++; this.total.shared++;
    st.merged++; this.total.merged++;
  }

  isShared(frame: number): boolean { return this.refs.has(frame); }
  get sharedFrameCount(): number { return this.refs.size; }

  // A page leaves shared frame f (discarded, or its guest destroyed).
  private unref(map: GuestMemoryMap, page: number, f: number): void {
    const refs = this.refs.get(f)!;
    const st = this.perGuest[map.id];
    st.shared--; this.total.shared--;
    if (refs > 1) {
      this.refs.set(f, refs - 1);
      this.onRemap?.(map.id, page, f);
    } else {
      this.refs.delete(f);
      this.onUnmap?.(map.id, page, f);
      this.frames.free(f);
      this.total.resident--;
    }
  }

  // Before a fault takes a frame: a free one below the cap, more from `grow`, or a batch of
  // evictions. A page-out the store refuses leaves its victim resident; then only victims that
  // need no write are taken, and if there are none the fault fails with a PagingError.
  private makeRoom(map: GuestMemoryMap, page: number): void {
    if (this.total.resident < this.capFrames && (this.frames.freeCount > 0 || (this.grow?.() ?? false))) return;
    const goal = Math.max(1, Math.min(this.batch, this.total.resident - this.capFrames + this.batch));
    let failure: Error | null = null;
    for (let freed = 0; freed < goal;) {
      try {
        if (!this.evictOne(failure !== null)) break;
        freed++;
      } catch (err) {
        if (failure) throw err;
        failure = err as Error;
      }
    }
    const room = this.total.resident < this.capFrames && this.frames.freeCount > 0;
    if (!room && failure) {
      throw new PagingError(`guest ${map.id} needs a frame for page 0x${(map.ramBase + page * PAGE_SIZE).toString(16)}, ` +
        `but the backing store cannot take the pages that would make room: ${failure.message}`);
    }
  }

  // Runs the clock until it evicts one page; false if no guest holds a frame. With
  // `cleanOnly` (the backing store failed) only a page that needs no write and was not used
  // since the hand last passed may go, in one turn that clears no R bit: a page the retried
  // instruction needs (just faulted in, so referenced) is never taken from under it, which
  // would trade pages with it for ever.
  evictOne(cleanOnly = false): boolean {
    const { owner, ownerPage, total } = this.frames;
    // Two full turns: the first may only clear R bits, the second then finds a victim.
    for (let n = 0; n < (cleanOnly ? total : 2 * total + 1); n++) {
      const f = this.hand;
      this.hand = f + 1 >= total ? 0 : f + 1;
      this.scanned++;
      const g = owner[f];
      if (g < 0) continue; // free, or the hypervisor's own
      const map = this.maps[g];
      if (!map) throw new Error(`frame ${f} belongs to guest ${g}, which has no map`);
      const p = ownerPage[f];
      const table = map.table;
      const e = table[p];
      if ((e & MAP_V) === 0 || this.frames.frameOfEntry(e) !== f) throw new Error(`frame ${f}: guest ${g} page ${p} does not map it`);
      if (cleanOnly && (e & (MAP_R | MAP_D)) !== 0) continue;
      if (e & MAP_R) {
        table[p] = e & ~MAP_R;
        this.onAge?.(g, p, f);
        continue;
      }
      this.evict(map, p, f);
      return true;
    }
    return false;
  }

  // Page `page` of `map` from its page source, for the guest (a fault) or the host (a peek), or
  // a PagingError saying which page could not be had.
  private readSource(map: GuestMemoryMap, page: number, into: Uint8Array, forGuest: boolean): void {
    try {
      map.source!.read(page, into);
    } catch (err) {
      this.readErrors++;
      const at = `0x${(map.ramBase + page * PAGE_SIZE).toString(16)}`, why = (err as Error).message;
      throw new PagingError(forGuest
        ? `guest ${map.id} needs page ${at} from the snapshot it was restored from, but it cannot be read: ${why}`
        : `guest ${map.id}'s page ${at} cannot be read from the snapshot it was restored from: ${why}`);
    }
  }

  // Copies a paged-out page's contents from the backing store into `into` (4096 bytes)
  // without bringing it in: the host reading guest memory (a device's DMA read, a look from
  // the monitor or a test) costs no frame and evicts nothing.
  peek(map: GuestMemoryMap, page: number, into: Uint8Array): void {
    this.own(map);
    const e = map.table[page];
    if (e === MAP_SRC) { this.readSource(map, page, into, false); return; }
    if ((e & (MAP_V | MAP_S)) !== MAP_S) throw new Error(`guest ${map.id} page ${page} is not paged out`);
    try {
      this.store.read(e >>> PAGE_SHIFT, into);
    } catch (err) {
      this.readErrors++;
      throw new PagingError(`guest ${map.id}'s page 0x${(map.ramBase + page * PAGE_SIZE).toString(16)} cannot be read from the backing store: ${(err as Error).message}`);
    }
  }

  // The guest no longer needs the contents of `page` (it zeroed it, reported it free, or gave
  // it to its balloon): its frame and slot are freed, and the next touch sees zeros.
  discard(map: GuestMemoryMap, page: number): void {
    this.own(map);
    const table = map.table;
    const e = table[page];
    const st = this.perGuest[map.id];
    if (e & MAP_RO) {
      this.unref(map, page, this.frames.frameOfEntry(e));
    } else if (e & MAP_V) {
      const f = this.frames.frameOfEntry(e);
      this.onUnmap?.(map.id, page, f);
      this.dropCopy(map, page);
      this.frames.free(f);
      st.resident--; this.total.resident--;
    } else if (e & MAP_S) {
      this.freeSlot(e >>> PAGE_SHIFT);
      st.pagedOut--; this.total.pagedOut--;
    } else if (e & MAP_SRC) {
      st.sourced--; this.total.sourced--;
      this.unrefSource(map);
    } else {
      return;
    }
    table[page] = 0;
    map.slots[page] = -1;
    st.discards++; this.total.discards++;
  }

  stats(guest: number): PagerStats {
    const map = this.own(this.maps[guest]);
    return { ...this.perGuest[guest], refused: map.refused };
  }

  totals(): PagerTotals {
    let refused = this.total.refused;
    for (const m of this.maps) if (m) refused += m.refused;
    return {
      ...this.total, refused, cap: this.capFrames, scanned: this.scanned, writeErrors: this.writeErrors, readErrors: this.readErrors,
      slotsInUse: this.nextSlot - this.freeSlots.length, guests: this.guestIds.length, sharedFrames: this.refs.size,
    };
  }

  private evict(map: GuestMemoryMap, p: number, f: number): void {
    this.onUnmap?.(map.id, p, f); // first: the core may still hold translations (and dirty state)
    const e = map.table[p];
    const st = this.perGuest[map.id];
    let slot = map.slots[p];
    if (e & MAP_D) {
      const fresh = slot < 0;
      if (fresh) slot = this.allocSlot();
      try {
        this.store.write(slot, this.frames.bytes(f));
      } catch (err) {
        if (fresh) this.freeSlots.push(slot); // the page stays resident
        this.writeErrors++;
        map.table[p] = e | MAP_R; // and the clock moves past it
        throw err;
      }
      st.pageOuts++; this.total.pageOuts++;
      if (map.slots[p] === SLOT_SOURCE) this.unrefSource(map); // the store holds it now
    } else {
      st.drops++; this.total.drops++;
    }
    if (slot >= 0) {
      map.table[p] = (slot << PAGE_SHIFT) | MAP_S;
      st.pagedOut++; this.total.pagedOut++;
    } else if (slot === SLOT_SOURCE) { // not written since it came from the source: back to it
      map.table[p] = MAP_SRC;
      st.sourced++; this.total.sourced++;
    } else {
      map.table[p] = 0; // never written: zeros, nothing to keep
    }
    map.slots[p] = -1;
    this.frames.free(f);
    st.resident--; this.total.resident--;
  }

  // Gives an absent guest's `pages` their contents from `source`: each is brought in from it on
  // its first touch (a restore). The pages must be absent (the guest's RAM given back first).
  attachSource(map: GuestMemoryMap, source: PageSource, pages: Iterable<number>): void {
    this.own(map);
    if (map.sourceRefs > 0) throw new Error(`guest ${map.id} still has pages from another source`);
    const table = map.table;
    const st = this.perGuest[map.id];
    let n = 0;
    for (const p of pages) {
      if (!(p >= 0 && p < map.pages) || table[p] !== 0) throw new Error(`guest ${map.id} page ${p} is not absent`);
      table[p] = MAP_SRC;
      n++;
    }
    st.sourced += n; this.total.sourced += n;
    map.sourceRefs = n;
    map.source = n > 0 ? source : null;
  }

  // The resident page's copy elsewhere (a slot, or the source) is no longer needed.
  private dropCopy(map: GuestMemoryMap, page: number): void {
    const s = map.slots[page];
    if (s >= 0) this.freeSlot(s);
    else if (s === SLOT_SOURCE) this.unrefSource(map);
    map.slots[page] = -1;
  }

  private unrefSource(map: GuestMemoryMap): void {
    if (--map.sourceRefs === 0) map.source = null;
  }

  private allocSlot(): number {
    const s = this.freeSlots.pop();
    if (s !== undefined) return s;
    if (this.nextSlot >= MAP_NUMBER_LIMIT) throw new Error(`backing store full (${MAP_NUMBER_LIMIT} slots)`);
    return this.nextSlot++;
  }

  private freeSlot(slot: number): void {
    this.store.free(slot);
    this.freeSlots.push(slot);
  }

  private own(map: GuestMemoryMap | undefined): GuestMemoryMap {
    if (!map || this.maps[map.id] !== map) throw new Error(`not a live guest of this pager`);
    return map;
  }

  private checkCap(cap: number): number {
    // A pool that can grow may be capped above its present size.
    const most = this.grow ? MAP_NUMBER_LIMIT : this.frames.total;
    if (!Number.isInteger(cap) || cap < 1 || cap > most) throw new RangeError(`real-memory cap ${cap} not in 1…${most}`);
    return cap;
  }
}
