// Shared pages: identical pages, in one guest or across guests (the same kernel and initramfs
// loaded N times, zero pages, the same page cache), end up on one read-only frame that a write
// copies (copy-on-write, in the pager). Like Linux's KSM, a scanner walks the guests' resident
// pages a slice at a time:
//   - a page written since the last look (MAP_C, which the core sets with D on every write) is
//     only noted (C cleared) and looked at next time. The TLBs are not emptied for that: a
//     write through a store entry cached before the look does not set C again, so such a page
//     may be taken for stable and merged, which is still correct (merging empties the TLBs,
//     and the next write copies), only wasted work; the pager's and the working-set sampler's
//     regular emptying of the TLBs re-arms C;
//   - a page that stayed the same is hashed once: all zeros, it is given back (it reads as
//     zeros without a frame); equal to a shared frame (bytes compared, not just hashes), it
//     maps that frame; equal to another stable page, both go on a new shared frame; else it is
//     remembered by its hash until it changes;
//   - a zero page that comes back (the guest wrote it again after it was given back, and zeroed
//     it again: an idle Linux guest does this to a page near the top of its RAM, where Linux
//     keeps its per-CPU areas, twice a second) is given back only on the 1st, 3rd, 7th,
//     15th ... time it is found zero (`zeroBackoff`): each giving back empties the guest's TLBs
//     and costs it a hidden fault, for 4 KiB.
// Pages already hashed and unchanged cost one look at their map entry per pass, so an idle
// system's scan is cheap. Isolation holds because a shared frame is read-only in every map that
// has it: every write path (the core's, DMA, loaders) faults to the pager, which copies.
// No Node API.
import { GuestMemoryMap, PAGE_SIZE, MAP_V, MAP_RO, MAP_C } from './frames';
import type { Pager } from './pager';

const KEY_PAGES = 2 ** 24; // pages per guest in a candidate key (64 GiB)
const ZERO_STRIKES = 8; // a zero page that keeps coming back is given back once in 255 times at least
const WORDS = PAGE_SIZE / 4;

export interface SharingStats {
  scanned: number; // map entries looked at
  hashed: number; // pages hashed
  merged: number; // pages put on a shared frame
  zeroPages: number; // all-zero pages given back
  zeroKept: number; // all-zero pages kept, because they came back after being given back (zeroBackoff)
  passes: number; // full turns over all guests
}

export class PageSharing {
  // Shared frames are never paged out: at most this part of the cap may be shared frames, so
  // that guests under a cap always find frames to page among.
  maxSharedFraction = 0.5;
  private get full(): boolean { return this.pager.sharedFrameCount >= this.pager.cap * this.maxSharedFraction; }

  private readonly sums = new Map<number, Uint32Array>(); // per guest id: hash of each indexed page (0: none)
  // Per guest id, once it had a zero page given back: per page, the times it was given back as
  // zero (high byte, up to ZERO_STRIKES) and how many more times it is kept when found zero again
  // (low byte).
  private readonly zeroBackoff = new Map<number, Uint16Array>();
  private readonly candidates = new Map<number, number>(); // hash -> key of a stable private page
  private readonly sharedByHash = new Map<number, number>(); // hash -> shared frame
  private cursor = { map: 0, page: 0 };
  private words: Int32Array | null = null;
  readonly stats: SharingStats = { scanned: 0, hashed: 0, merged: 0, zeroPages: 0, zeroKept: 0, passes: 0 };

  constructor(private readonly pager: Pager) {}

  // Looks at up to `entries` map entries and hashes at most `hashes` pages. Returns whether
  // it changed anything the TLBs may still hold (C bits cleared, pages remapped): then the
  // host must empty them before a guest runs.
  step(entries: number, hashes: number): boolean {
    const maps = this.pager.guestIds.map((id) => this.pager.guest(id)!);
    if (maps.length === 0) return false;
    let changed = false;
    let hashed = 0;
    let budget = entries;
    // One map at a time with its table and sums in locals: an idle system's scan is almost all
    // looks at unchanged entries, so what each look costs is what the scan costs (per-entry
    // property and Map lookups made it 6 % of 16 idle guests' host time).
    while (budget > 0 && hashed < hashes) {
      if (this.cursor.map >= maps.length) { this.cursor = { map: 0, page: 0 }; this.stats.passes++; }
      const map = maps[this.cursor.map];
      if (this.cursor.page >= map.pages) { this.cursor = { map: this.cursor.map + 1, page: 0 }; budget--; continue; }
      const sums = this.sumsOf(map);
      const first = this.cursor.page;
      const end = Math.min(map.pages, first + budget);
      let table = map.table;
      let page = first;
      for (; page < end && hashed < hashes; page++) {
        const e = table[page];
        if ((e & (MAP_V | MAP_RO)) !== MAP_V) continue; // absent, paged out or already shared
        if (e & MAP_C) { // written since the last look: note it, look again next pass
          table[page] = e & ~MAP_C;
          this.forget(map, page, sums);
          continue;
        }
        if (sums[page] !== 0) continue; // hashed already and unchanged since
        hashed++;
        if (this.look(map, page, e, sums)) changed = true;
        table = map.table; // hashing may merge or discard (and frames may grow): look it up again
      }
      this.stats.scanned += page - first;
      budget -= page - first;
      this.cursor.page = page;
    }
    return changed;
  }

  // Hashes a stable private page not indexed yet: gives it back if all zeros, maps it to a
  // shared frame with the same bytes, merges it with another stable page, or indexes it.
  // Returns whether the map changed (the TLBs must be emptied).
  private look(map: GuestMemoryMap, page: number, e: number, sums: Uint32Array): boolean {
    this.stats.hashed++;
    const frame = this.pager.frames.frameOfEntry(e);
    const w = this.wordsOf();
    const at = frame * WORDS;
    const h = hashPage(w, at);
    if (h === ZERO_HASH && isZero(w, at)) { // reads as zeros without a frame
      let back = this.zeroBackoff.get(map.id);
      if (back && (back[page] & 0xff) !== 0) { // it came back since it was last given back: keep it
        back[page]--;
        sums[page] = h; // (indexed: looked at again only once written)
        this.stats.zeroKept++;
        return false;
      }
      if (!back || back.length !== map.pages) { back = new Uint16Array(map.pages); this.zeroBackoff.set(map.id, back); }
      const strikes = Math.min(ZERO_STRIKES, (back[page] >> 8) + 1);
      back[page] = (strikes << 8) | ((1 << strikes) - 1);
      this.pager.discard(map, page);
      this.stats.zeroPages++;
      return true;
    }
    const shared = this.sharedByHash.get(h);
    if (shared !== undefined) {
      if (this.pager.isShared(shared) && samePage(w, shared * WORDS, at)) {
        this.pager.shareInto(map, page, shared);
        this.stats.merged++;
        return true;
      }
      if (!this.pager.isShared(shared)) this.sharedByHash.delete(h);
    }
    const key = map.id * KEY_PAGES + page;
    const other = this.candidates.get(h);
    if (other !== undefined && other !== key && this.mergeWith(other, h, map, page, frame, w)) return true;
    this.candidates.set(h, key);
    sums[page] = h;
    return false;
  }

  // Loaders (and a device's whole-page writes) into a page without a frame: if a shared frame
  // already holds exactly these bytes, the page maps it and true is returned (nothing to write).
  // An indexed private page with these bytes (one loaded before) first becomes a shared frame.
  loadPage(map: GuestMemoryMap, page: number, data: Uint8Array): boolean {
    const h = hashBytes(data, this.scratch);
    const w = this.wordsOf();
    let f = this.sharedByHash.get(h);
    if (f === undefined || !this.pager.isShared(f)) {
      f = this.shareCandidate(h);
      if (f < 0) return false;
    }
    for (let i = 0; i < WORDS; i++) if (w[f * WORDS + i] !== this.scratch[i]) return false;
    this.pager.mapShared(map, page, f);
    this.stats.merged++;
    return true;
  }

  // After a loader wrote a whole page that no shared frame held: it is indexed at once (as if
  // the scan had found it stable), so that the next guest loading the same bytes shares it.
  // Until then it stays a private page: pageable, and written without a fault.
  loaded(map: GuestMemoryMap, page: number): void {
    const table = map.table;
    const e = table[page];
    if ((e & (MAP_V | MAP_RO)) !== MAP_V) return;
    const w = this.wordsOf();
    const h = hashPage(w, this.pager.frames.frameOfEntry(e) * WORDS);
    if (h === ZERO_HASH) return; // (the scan gives zero pages back)
    const sums = this.sumsOf(map);
    this.forget(map, page, sums);
    table[page] = e & ~MAP_C;
    sums[page] = h;
    this.candidates.set(h, map.id * KEY_PAGES + page);
  }

  // The indexed stable private page with hash h, made a shared frame; -1 if there is none.
  private shareCandidate(h: number): number {
    const key = this.candidates.get(h);
    if (key === undefined || this.full) return -1;
    const id = Math.floor(key / KEY_PAGES);
    const p = key % KEY_PAGES;
    const m = this.pager.guest(id);
    const sums = m ? this.sums.get(id) : undefined;
    this.candidates.delete(h);
    if (!m || !sums || p >= m.pages) return -1;
    const e = m.table[p];
    if ((e & (MAP_V | MAP_RO | MAP_C)) !== MAP_V || sums[p] !== h) return -1;
    sums[p] = 0;
    const f = this.pager.makeShared(m, p);
    this.sharedByHash.set(h, f);
    this.stats.merged++;
    return f;
  }

  private readonly scratch = new Int32Array(WORDS);

  // A guest that is gone: forget what was indexed of it.
  forgetGuest(id: number): void { this.sums.delete(id); this.zeroBackoff.delete(id); }

  // The stable page behind `key` has the same hash as (map, page): if it is still a stable
  // private page with the same bytes, both go on its frame, now shared.
  private mergeWith(key: number, h: number, map: GuestMemoryMap, page: number, frame: number, w: Int32Array): boolean {
    const id = Math.floor(key / KEY_PAGES);
    const p2 = key % KEY_PAGES;
    const m2 = this.pager.guest(id);
    const s2 = m2 ? this.sums.get(id) : undefined;
    if (!m2 || !s2 || p2 >= m2.pages) { this.candidates.delete(h); return false; }
    const e2 = m2.table[p2];
    if ((e2 & (MAP_V | MAP_RO | MAP_C)) !== MAP_V || s2[p2] !== h) { this.candidates.delete(h); return false; }
    const f2 = this.pager.frames.frameOfEntry(e2);
    if (f2 === frame || !samePage(w, f2 * WORDS, frame * WORDS)) return false; // a collision: keep the old one
    if (this.full) return false;
    const shared = this.pager.makeShared(m2, p2);
    s2[p2] = 0;
    this.candidates.delete(h);
    this.pager.shareInto(map, page, shared);
    this.sharedByHash.set(h, shared);
    this.stats.merged += 2;
    return true;
  }

  private forget(map: GuestMemoryMap, page: number, sums: Uint32Array): void {
    const h = sums[page];
    if (h === 0) return;
    if (this.candidates.get(h) === map.id * KEY_PAGES + page) this.candidates.delete(h);
    sums[page] = 0;
  }

  private sumsOf(map: GuestMemoryMap): Uint32Array {
    let s = this.sums.get(map.id);
    if (!s || s.length !== map.pages) { s = new Uint32Array(map.pages); this.sums.set(map.id, s); }
    return s;
  }

  // All of real memory as words (re-made when the pool grew).
  private wordsOf(): Int32Array {
    const real = this.pager.frames.real;
    if (!this.words || this.words.buffer !== real.buffer || this.words.length * 4 < real.length) {
      this.words = new Int32Array(real.buffer, real.byteOffset, Math.floor(real.length / 4));
    }
    return this.words;
  }
}

// hashPage of a page's bytes in any Uint8Array (copied into `into`, word aligned).
function hashBytes(data: Uint8Array, into: Int32Array): number {
  new Uint8Array(into.buffer).set(data.subarray(0, PAGE_SIZE));
  return hashPage(into, 0);
}

// FNV-1a over 32-bit words; never 0 (0 marks "not hashed").
function hashPage(w: Int32Array, at: number): number {
  return (fnv(w, at) >>> 0) || 1;
}
// The loop apart, returning an int32: with the unsigned conversion in the same function, V8's
// optimized code (entered by on-stack replacement in the loop) expected a small integer there,
// and left that code again at every call whose hash passed 2^31 ("lost precision"; 272 times in
// one 16-guest density run).
function fnv(w: Int32Array, at: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = at; i < at + WORDS; i++) h = Math.imul(h ^ w[i], 0x01000193);
  return h;
}
const ZERO_HASH = hashPage(new Int32Array(WORDS), 0);

function isZero(w: Int32Array, at: number): boolean {
  for (let i = at; i < at + WORDS; i++) if (w[i] !== 0) return false;
  return true;
}

function samePage(w: Int32Array, a: number, b: number): boolean {
  for (let i = 0; i < WORDS; i++) if (w[a + i] !== w[b + i]) return false;
  return true;
}
