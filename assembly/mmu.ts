// Address translation (privileged spec 4.3-4.5: Sv39, Sv48), the software TLBs, guest memory
// access slow paths and the decoded-instruction cache bookkeeping.
//
// The interpreter's hot loop probes a direct-mapped TLB selected by the current "view"
// (effective privilege plus mstatus.SUM/MXR) and touches host memory directly; its tag compare
// keeps the low address bits that must be zero for an aligned access, so a misaligned address
// never matches (TinyEMU's trick). Everything else lands in the slow paths here: page walks,
// A/D updates, misaligned accesses, MMIO exits, HTIF, and stores into pages that hold decoded
// instructions.
import {
  TLB_BASE, TLB_ENTRIES, TLB_VIEW_SIZE, TLB_FETCH, TLB_LOAD, TLB_STORE, TLB_KIND_SIZE, TLB_VIEWS,
  TLB_SET_SIZE, TLB_SETS, SET_TAGS, SET_USED, SET_VICTIM, SET_SUPER, SET_PRESENT, SET_PRESENT_SIZE, FRAME_FLAGS, FRAME_PT, FRAME_STORE, FRAME_STORE_MANY, STORE_HINTS, STORE_HINT_COUNT, MAP_PRESENT,
  MAP_REFERENCED, MAP_DIRTY, MAP_CHANGED, MAP_READONLY, EXIT_PAGE,
  HV_SHADOW_FILL, HV_SHADOW_FLUSH, HV_PT_WRITE, HV_ROOT_HIT, HV_ROOT_MISS,
  DECODE_TAGS, DECODE_SLOTS, DECODE_BASE, DECODE_PAGE_SIZE, DECODE_GEN, DECODE_TOUCHED, RAM_HOST_BASE, JIT_SLOTS, JIT_CODEVER,
  EXIT_ADDR, EXIT_VALUE, EXIT_SIZE, EXIT_IS_WRITE, EXIT_CODE, EXIT_MMIO, EXIT_HTIF,
  PRV_M, PRV_S, PRV_U, CSR_SLOT_SATP, CAUSE_FETCH_ACCESS, CAUSE_LOAD_ACCESS, CAUSE_STORE_ACCESS,
  CAUSE_FETCH_PAGE_FAULT, CAUSE_LOAD_PAGE_FAULT, CAUSE_STORE_PAGE_FAULT, CAUSE_MISALIGNED_LOAD,
  CAUSE_MISALIGNED_STORE, STAT_TLB_MISS, STAT_DECODE_PAGES, STAT_MMIO, STAT_CODE_INVALIDATIONS,
  STAT_TLB_FLUSH, EXIT_VADDR,
} from './abi';
import {
  ramBase, ramSize, mapBase, trapMode, wpMode, setLo, setCount, tohostAddr, memStatus, MEM_EXIT, MEM_OK,
  raise, getCsr, getPriv, mstatus,
} from './state';
import { OP_REFILL } from './opcodes';
import { jitDrop, jitDropChanged, jitReset, jitResetAll } from './jit';
import { watchKinds, watchHit, watchPage } from './debug';
import { DEBUG_LOAD, DEBUG_STORE } from './abi';

export const ACCESS_FETCH: u32 = 0;
export const ACCESS_LOAD: u32 = 1;
export const ACCESS_STORE: u32 = 2;

const MSTATUS_MPRV: u64 = 1 << 17;
const MSTATUS_SUM: u64 = 1 << 18;
const MSTATUS_MXR: u64 = 1 << 19;

const PTE_V: u64 = 1;
const PTE_R: u64 = 2;
const PTE_W: u64 = 4;
const PTE_X: u64 = 8;
const PTE_U: u64 = 16;
const PTE_A: u64 = 64;
const PTE_D: u64 = 128;
const PPN_MASK: u64 = 0xfffffffffff; // 44 bits

// ---- TLB views and sets ----
export let fetchTlb: u32 = TLB_BASE;
export let loadTlb: u32 = TLB_BASE + TLB_LOAD;
export let storeTlb: u32 = TLB_BASE + TLB_STORE;
let dataPriv: i32 = PRV_M; // effective privilege of loads and stores (MPRV applied)
let curSet: u32 = 0; // the TLB set (shadow page table) of the running address space
let setBase: u32 = TLB_BASE;

@inline function bump(stat: u32): void { store<u64>(stat, load<u64>(stat) + 1); }
@inline function setUsedAddr(set: u32): u32 { return SET_USED + (set << 2); }
// The byte of SET_PRESENT holding TLB index `idx` (a tlbIndex: entry number << 4) of `set`.
@inline function presentByte(set: u32, idx: u32): u32 { return SET_PRESENT + set * SET_PRESENT_SIZE + (idx >> 7); }
@inline function presentBit(idx: u32): u8 { return <u8>(<u32>1 << ((idx >> 4) & 7)); }
// A fill of the running set at TLB index `idx`.
@inline function markPresent(idx: u32): void {
  const b = presentByte(curSet, idx);
  store<u8>(b, <u8>(load<u8>(b) | presentBit(idx)));
}

// Recomputes the views after a change of privilege, mstatus or satp. A view is a separate set
// of TLBs, so switching privilege (every trap and return) costs no flush.
export function updateViews(): void {
  const priv = getPriv();
  const ms = mstatus();
  dataPriv = priv == PRV_M && (ms & MSTATUS_MPRV) != 0 ? <i32>(ms >> 11) & 3 : priv;
  const fv = <u32>priv; // fetch views 0, 1, 3
  const dv: u32 = 4 | <u32>dataPriv | (dataPriv == PRV_S && (ms & MSTATUS_SUM) != 0 ? 8 : 0) |
    (dataPriv != PRV_M && (ms & MSTATUS_MXR) != 0 ? 2 : 0) ;
  // dv: 4..15 (bit 2 always set so data views never collide with fetch views 0..3)
  fetchTlb = setBase + fv * TLB_VIEW_SIZE + TLB_FETCH;
  loadTlb = setBase + dv * TLB_VIEW_SIZE + TLB_LOAD;
  storeTlb = setBase + dv * TLB_VIEW_SIZE + TLB_STORE;
  const u = setUsedAddr(curSet);
  store<u32>(u, load<u32>(u) | (1 << fv) | (1 << dv));
}

// SET_USED of a set whose memory was never emptied (reserve() leaves the TLB area untouched, so
// it reads as zeros: valid-looking entries for page 0): no view bits make all 32 bits.
export const SET_NEVER_EMPTIED: u32 = 0xffffffff;

// Empties one set (every view that may hold entries). `count`: a shadow flush of the running
// guest (the pager's flushes of every set are counted by the host instead).
function flushSet(set: u32, count: bool = true, force: bool = false): void {
  const u = setUsedAddr(set);
  const used = load<u32>(u);
  const base = TLB_BASE + set * TLB_SET_SIZE;
  // A set never emptied is emptied when it is first selected (`force`: selectSetIndex), so the
  // current set never is one: filling all of them here (the pager and reloads flush every set)
  // would make the whole TLB area resident.
  memory.fill(presentByte(set, 0), 0, SET_PRESENT_SIZE);
  if (used == SET_NEVER_EMPTIED && !force) {
    store<u64>(SET_SUPER + (set << 4), <u64>-1);
    store<u64>(SET_SUPER + (set << 4) + 8, 0);
    return;
  }
  for (let v: u32 = 0; v < <u32>TLB_VIEWS; v++) {
    if ((used & (1 << v)) != 0) memory.fill(base + v * TLB_VIEW_SIZE, 0xff, TLB_VIEW_SIZE);
  }
  store<u32>(u, 0);
  store<u64>(SET_SUPER + (set << 4), <u64>-1);
  store<u64>(SET_SUPER + (set << 4) + 8, 0);
  if (trapMode && count) bump(HV_SHADOW_FLUSH);
}

// Drops every cached translation of the running address space (bare mode: satp writes,
// sfence.vma, reset). In trap mode: every shadow set of the guest.
export function flushTlb(): void {
  if (trapMode) { flushGuestSets(); return; }
  flushSet(curSet);
  bump(STAT_TLB_FLUSH);
  updateViews();
}

// Trap mode: empties all of the running guest's shadow sets (their satp tags stay: an empty set
// is still the right place for its address space).
export function flushGuestSets(): void {
  for (let s = setLo; s < setLo + setCount; s++) flushSet(s);
  bump(STAT_TLB_FLUSH);
  updateViews();
}

// Trap mode: empties the guest's sets built under ASID `asid` (sfence.vma x0, asid).
export function flushGuestAsid(asid: u64): void {
  for (let s = setLo; s < setLo + setCount; s++) {
    const tag = load<u64>(SET_TAGS + (s << 3));
    if (tag != <u64>-1 && ((tag >> 44) & 0xffff) == (asid & 0xffff)) flushSet(s);
  }
  bump(STAT_TLB_FLUSH);
  updateViews();
}

// Trap mode: makes the shadow set of the current satp the running one. A satp seen before finds
// its set with the entries it left (shadow roots are cached per address space); a new one takes
// over the guest's next set round-robin and empties it.
export function selectSet(): void {
  if (!trapMode) { selectSetIndex(setLo); return; }
  const satp = getCsr(CSR_SLOT_SATP);
  let found: i32 = -1;
  for (let s = setLo; s < setLo + setCount; s++) {
    if (load<u64>(SET_TAGS + (s << 3)) == satp) { found = <i32>s; break; }
  }
  if (found >= 0) {
    bump(HV_ROOT_HIT);
  } else {
    const vAddr = SET_VICTIM + (setLo << 2);
    const victim = setLo + load<u32>(vAddr) % setCount;
    store<u32>(vAddr, (load<u32>(vAddr) + 1) % setCount);
    flushSet(victim);
    store<u64>(SET_TAGS + (victim << 3), satp);
    found = <i32>victim;
    bump(HV_ROOT_MISS);
  }
  selectSetIndex(<u32>found);
}

function selectSetIndex(set: u32): void {
  if (load<u32>(setUsedAddr(set)) == SET_NEVER_EMPTIED) flushSet(set, false, true);
  curSet = set;
  setBase = TLB_BASE + curSet * TLB_SET_SIZE;
  updateViews();
}

// Empties every set of every guest (after the host rewrites memory) and forgets their tags.
export function flushAllSets(): void {
  for (let s: u32 = 0; s < <u32>TLB_SETS; s++) {
    flushSet(s);
    store<u64>(SET_TAGS + (s << 3), <u64>-1);
  }
  selectSet();
}

// Empties every set of every guest but keeps their tags (each set still belongs to its address
// space): after the pager released or remapped frames, no translation may still reach them, and
// pages whose referenced bit the clock cleared must set it again on their next use.
export function flushEverySet(): void {
  for (let s: u32 = 0; s < <u32>TLB_SETS; s++) flushSet(s, false);
  updateViews();
}

// Empties sets lo .. lo + count - 1 and forgets their tags: the hypervisor gives them to
// another guest (TLB sets are handed out on demand when there are more guests than sets).
export function resetSets(lo: u32, count: u32): void {
  for (let s = lo; s < lo + count && s < <u32>TLB_SETS; s++) {
    flushSet(s, false);
    store<u64>(SET_TAGS + (s << 3), <u64>-1);
    store<u32>(SET_VICTIM + (s << 2), 0);
  }
}

// Each set records the virtual addresses covered by superpage translations it cached since it
// was last emptied (SET_SUPER: lo, hi). The TLB holds 4 KiB pieces of a superpage, so a
// single-page sfence.vma inside one must empty the set (the spec invalidates the whole
// superpage's translation). Per set, because guests' sets are emptied at different times.
@inline function superAddr(set: u32): u32 { return SET_SUPER + (set << 4); }

// sfence.vma with an address: drop that page's entries from every used view (in trap mode, of
// every shadow set of the guest: the spec's by-address fence covers all address spaces).
export function flushTlbPage(va: u64): void {
  const idx = tlbIndex(va);
  const tag = va & ~<u64>0xfff;
  const first = trapMode ? setLo : curSet;
  const last = trapMode ? setLo + setCount : curSet + 1;
  let emptied = false;
  const bit = presentBit(idx);
  for (let s = first; s < last; s++) {
    if (va >= load<u64>(superAddr(s)) && va <= load<u64>(superAddr(s), 8)) { flushSet(s); emptied = true; continue; }
    // Most sets hold nothing at this index: the bit saves reading an entry in every view and
    // kind (16 sets × views × 3 kinds, 16 KiB apart, cache misses all: Linux patching its text
    // at boot fences two addresses per patch, tens of thousands of times).
    const pb = presentByte(s, idx);
    if ((load<u8>(pb) & bit) == 0) continue;
    const used = load<u32>(setUsedAddr(s));
    let others = false; // entries of other pages at this index stay, and so does the bit
    for (let v: u32 = 0; v < <u32>TLB_VIEWS; v++) {
      if ((used & (1 << v)) == 0) continue;
      const base = TLB_BASE + s * TLB_SET_SIZE + v * TLB_VIEW_SIZE + idx;
      // fetch, load and store entries of this page
      for (let k: u32 = 0; k < 3; k++) {
        const e = base + k * TLB_KIND_SIZE;
        const t = load<u64>(e);
        if ((t & ~<u64>0xfff) == tag) store<u64>(e, <u64>-1);
        else if (t != <u64>-1) others = true;
      }
    }
    if (!others) store<u8>(pb, load<u8>(pb) & <u8>~bit);
  }
  if (emptied) { bump(STAT_TLB_FLUSH); updateViews(); }
}

// ---- physical memory ----
// Guest-physical addresses reach real memory only through the guest's frame map (in bare
// mode an identity map over the one RAM): a guest can name nothing else.
@inline export function inRam(pa: u64): bool { return pa - ramBase < ramSize; }
@inline export function hostOf(pa: u64): u32 {
  return (load<u32>(mapBase + (<u32>((pa - ramBase) >> 12) << 2)) & ~<u32>0xfff) + (<u32>pa & 0xfff);
}
// Mapped RAM (a frame behind it): the test every access makes before using hostOf.
@inline export function isMapped(pa: u64): bool {
  return pa - ramBase < ramSize && (load<u32>(mapBase + (<u32>((pa - ramBase) >> 12) << 2)) & MAP_PRESENT) != 0;
}
const MAP_WRITTEN: u32 = MAP_DIRTY | MAP_CHANGED;
@inline function mapEntry(pa: u64): u32 { return mapBase + (<u32>((pa - ramBase) >> 12) << 2); }
// Marks the page of mapped pa in the frame map: MAP_REFERENCED on a use the core caches or
// makes, MAP_WRITTEN (dirty, and changed for the sharing scanner) on every write (the pager
// drops a clean page without writing it back, so a
// write the map does not record would be lost).
@inline function markPage(pa: u64, bits: u32): void { const a = mapEntry(pa); store<u32>(a, load<u32>(a) | bits); }
// A shared (copy-on-write) frame: reads go ahead, writes need the host.
@inline function readOnly(pa: u64): bool { return (load<u32>(mapEntry(pa)) & MAP_READONLY) != 0; }

// A hidden page fault: pa is RAM of this guest, but its page has no frame (never touched, or
// paged out) or, for a write, a shared one. The access has had no effect; the host makes the
// page present (EXIT_PAGE) and the instruction runs again. Never seen in bare mode, whose
// identity map is present and writable everywhere.
export function pageExit(pa: u64, write: bool): void {
  store<u64>(EXIT_ADDR, pa);
  store<u32>(EXIT_IS_WRITE, write ? 1 : 0);
  store<u32>(EXIT_CODE, EXIT_PAGE);
  memStatus = MEM_EXIT;
}

// The pager took this frame from its page (eviction, sharing, the guest's end) and may give it
// to another page: nothing cached may still reach it. Decoded instructions of the frame are
// dropped here (their record page's generation moves on, so fetch TLB entries for it miss); the
// JIT drops code compiled from the frame here too. Translations are emptied by flushEverySet,
// which the host calls once after a batch of releases, before any guest runs again.
export function frameReleased(host: u32): void {
  invalidateHost(host & ~<u32>0xfff, 0x1000);
  store<u8>(frameFlag(host), 0);
}

// ---- write-protected page-table pages (trap mode, GUEST_WP) ----
@inline function frameFlag(host: u32): u32 { return FRAME_FLAGS + ((host - RAM_HOST_BASE) >> 12); }

// A shadow fill read a PTE from this frame: from now on, stores to it must take the slow path.
function protectPageTable(host: u32): void {
  const f = frameFlag(host);
  if ((load<u8>(f) & FRAME_PT) != 0) return;
  store<u8>(f, load<u8>(f) | FRAME_PT);
  purgeStoreEntries(host & ~<u32>0xfff);
}

// A guest store hit a watched page-table page: every shadow entry may be stale. Drop them all
// and stop watching the page until a fill reads it again.
function pageTableWritten(host: u32): void {
  const f = frameFlag(host);
  store<u8>(f, load<u8>(f) & ~<u8>FRAME_PT);
  bump(HV_PT_WRITE);
  flushGuestSets();
}

@inline function isPageTable(host: u32): bool { return wpMode && (load<u8>(frameFlag(host)) & FRAME_PT) != 0; }

// ---- page walk ----
// Returns the physical address, or raises an exception (memStatus = MEM_TRAP) and returns 0.
export function translate(va: u64, access: u32): u64 {
  const priv = access == ACCESS_FETCH ? getPriv() : dataPriv;
  const satp = getCsr(CSR_SLOT_SATP);
  const mode = <u32>(satp >> 60);
  if (priv == PRV_M || mode == 0) {
    if ((va >> 56) != 0) { raise(accessFaultCause(access), va); return 0; }
    return va;
  }
  if (trapMode) bump(HV_SHADOW_FILL); // a hidden page fault: the shadow is filled from the guest's tables
  const levels: i32 = mode == 8 ? 3 : 4;
  const vaBits = 12 + 9 * levels;
  const top = <i64>va >> (vaBits - 1);
  if (top != 0 && top != -1) { raise(pageFaultCause(access), va); return 0; }
  let a = (satp & PPN_MASK) << 12;
  let pte: u64 = 0;
  let pteAddr: u64 = 0;
  let i = levels - 1;
  for (; i >= 0; i--) {
    pteAddr = a + (((va >> (12 + 9 * i)) & 511) << 3);
    if (!isMapped(pteAddr)) {
      if (inRam(pteAddr)) pageExit(pteAddr, false); else raise(accessFaultCause(access), va);
      return 0;
    }
    markPage(pteAddr, MAP_REFERENCED);
    const pteHost = hostOf(pteAddr);
    if (wpMode) protectPageTable(pteHost);
    pte = load<u64>(pteHost);
    // Invalid, write-only (reserved), or using reserved bits / Svpbmt / Svnapot (not offered).
    if ((pte & PTE_V) == 0 || (pte & (PTE_R | PTE_W)) == PTE_W || (pte >> 54) != 0) break;
    if ((pte & (PTE_R | PTE_X)) != 0) {
      // A leaf: check permissions for the access and privilege.
      if (priv == PRV_U) {
        if ((pte & PTE_U) == 0) break;
      } else if ((pte & PTE_U) != 0) {
        if (access == ACCESS_FETCH || (mstatus() & MSTATUS_SUM) == 0) break;
      }
      if (access == ACCESS_FETCH) {
        if ((pte & PTE_X) == 0) break;
      } else if (access == ACCESS_LOAD) {
        if ((pte & PTE_R) == 0 && ((pte & PTE_X) == 0 || (mstatus() & MSTATUS_MXR) == 0)) break;
      } else if ((pte & PTE_W) == 0) break;
      const ppn = (pte >> 10) & PPN_MASK;
      const lowBits = <u64>(9 * i);
      if (i > 0 && (ppn & ((<u64>1 << lowBits) - 1)) != 0) break; // misaligned superpage
      // Hardware A/D update (as QEMU does): set A, and D on a store.
      const need = PTE_A | (access == ACCESS_STORE ? PTE_D : 0);
      if ((pte & need) != need) {
        if (readOnly(pteAddr)) { pageExit(pteAddr, true); return 0; }
        store<u64>(pteHost, pte | need);
        markPage(pteAddr, MAP_WRITTEN);
      }
      const offMask = (<u64>1 << (12 + lowBits)) - 1;
      if (i > 0) { // a superpage: remember its range in the running set for flushTlbPage
        const lo = va & ~offMask;
        const r = superAddr(curSet);
        if (lo < load<u64>(r)) store<u64>(r, lo);
        if ((lo | offMask) > load<u64>(r, 8)) store<u64>(r, lo | offMask, 8);
      }
      return ((ppn << 12) & ~offMask) | (va & offMask);
    }
    a = ((pte >> 10) & PPN_MASK) << 12;
  }
  raise(pageFaultCause(access), va);
  return 0;
}

@inline function accessFaultCause(access: u32): u64 {
  return access == ACCESS_FETCH ? CAUSE_FETCH_ACCESS : access == ACCESS_LOAD ? CAUSE_LOAD_ACCESS : CAUSE_STORE_ACCESS;
}
@inline function pageFaultCause(access: u32): u64 {
  return access == ACCESS_FETCH ? CAUSE_FETCH_PAGE_FAULT : access == ACCESS_LOAD ? CAUSE_LOAD_PAGE_FAULT : CAUSE_STORE_PAGE_FAULT;
}

// ---- decoded-instruction cache ----
// Keyed by the host page (frame) of the code, so guests sharing the cache never see each
// other's records, and a frame's records stay valid whichever guest address maps it.
// Two-way set associative: a frame's records are in either slot of its set (slots 2s, 2s + 1).
// The set: the frame number's low bits with the higher bits folded in. Within one aligned 4 MiB
// span that is a one-to-one map, so contiguous code there never collides with itself; the
// folding keeps frames exactly a span apart from sharing a set (two pages of the kernel's timer
// path 8 MiB apart evicted each other on every wake-up of an idle guest, direct-mapped).
// Direct-mapped (one slot per frame), a Linux boot still evicted a decoded page 5157 times in
// 6344 fills, 26 of them with a compiled region, which then had to get hot and be compiled again.
const DECODE_SETS: u32 = DECODE_SLOTS >> 1;
@inline function setOfPage(page: u32): u32 { return ((page ^ (page >> 10) ^ (page >> 20)) & (DECODE_SETS - 1)) << 1; }
// The slot holding the records of host page `page`, or -1.
@inline function codeSlotOf(page: u32): i32 {
  const s = setOfPage(page);
  const t = DECODE_TAGS + (s << 2);
  if (load<u32>(t) == page + 1) return <i32>s;
  if (load<u32>(t, 4) == page + 1) return <i32>s + 1;
  return -1;
}
// The slot a page not decoded yet takes in its set: an empty one; else the one without a
// compiled region if only one has one; else the one with fewer samples since its last compile
// (assembly/jit.ts), the colder.
function victimSlot(page: u32): u32 {
  const s = setOfPage(page);
  const t = DECODE_TAGS + (s << 2);
  if (load<u32>(t) == 0) return s;
  if (load<u32>(t, 4) == 0) return s + 1;
  const a = JIT_SLOTS + (s << 3), b = a + 8;
  const liveA = load<u16>(a, 4) != 0, liveB = load<u16>(b, 4) != 0;
  if (liveA != liveB) return liveA ? s + 1 : s;
  return (load<u32>(a) & 0x7fffffff) <= (load<u32>(b) & 0x7fffffff) ? s : s + 1;
}

// A store wrote bytes [host, host + size) of one page: drops the decoded records there (and the
// page's compiled code) if the page has any; says whether it had.
function invalidateIfCode(host: u32, size: u32): bool {
  const s = codeSlotOf(host >> 12);
  if (s < 0) return false;
  invalidateCode(<u32>s, host, size);
  return true;
}

// Invalidates the decoded records in `slot` that may cover bytes [host, host + size) of its page.
function invalidateCode(slot: u32, host: u32, size: u32): void {
  jitDropChanged(slot); // compiled code of the page first (it restores records)
  codeChanged(slot);
  const recBase = DECODE_BASE + slot * DECODE_PAGE_SIZE;
  const off = host & 0xfff;
  let o = off >= 2 ? (off - 2) & ~1 : 0;
  const end = min<u32>(off + size, 0x1000);
  for (; o < end; o += 2) store<u64>(recBase + (o << 2), 0);
  bump(STAT_CODE_INVALIDATIONS);
}

// Exported for the host: after DMA into real memory, clears the write-protect marks of the
// page-table frames in [host, host + len) and says whether there were any. The host then empties
// that guest's shadow sets (now, or when it next runs: another guest may be loaded). Marks only
// exist in the frames of guests using GUEST_WP, so this does not depend on the loaded guest.
export function hostWrotePageTables(host: u32, len: u32): bool {
  let any = false;
  const end = <u64>host + <u64>len;
  for (let p = <u64>(host & ~<u32>0xfff); p < end; p += 0x1000) {
    const f = frameFlag(<u32>p);
    if ((load<u8>(f) & FRAME_PT) != 0) { store<u8>(f, load<u8>(f) & ~<u8>FRAME_PT); any = true; }
  }
  return any;
}

// Exported for the host: DMA and loaders that write real memory call this for the host range.
export function invalidateHost(host: u32, len: u32): void {
  const end = <u64>host + <u64>len;
  for (let p = <u64>(host & ~<u32>0xfff); p < end; p += 0x1000) {
    const s = codeSlotOf(<u32>p >> 12);
    if (s >= 0) {
      const slot = <u32>s;
      jitDrop(slot);
      store<u32>(DECODE_TAGS + (slot << 2), 0);
      bumpGeneration(DECODE_BASE + slot * DECODE_PAGE_SIZE);
    }
  }
}

export function flushDecodeCache(): void {
  jitResetAll(); // every tag goes: a slot's records are emptied before it is used again
  memory.fill(DECODE_TAGS, 0, DECODE_SLOTS * 4);
  flushAllSets();
}

// Drops every decoded page but keeps the TLBs (fetch entries miss by the generation): the
// debugger's marks are made when records are decoded (debug.ts).
export function dropDecodedPages(): void {
  for (let s: u32 = 0; s < <u32>DECODE_SLOTS; s++) {
    const tag = DECODE_TAGS + (s << 2);
    if (load<u32>(tag) == 0) continue;
    store<u32>(tag, 0);
    bumpGeneration(DECODE_BASE + s * DECODE_PAGE_SIZE);
  }
}

// Fetch entries point at decoded record pages, which every set shares. Each record page carries
// a generation (at DECODE_GEN) that its fetch entries copy; dropping or reusing the page bumps
// it, which invalidates every fetch entry of every set that points there, without a scan.
@inline function bumpGeneration(recBase: u32): void {
  store<u32>(recBase + DECODE_GEN, load<u32>(recBase + DECODE_GEN) + 1);
  codeChanged((recBase - DECODE_BASE) / DECODE_PAGE_SIZE);
}

// The slot's code may have changed (JIT_CODEVER): a region holding it as its second page must
// not run it any more.
@inline function codeChanged(slot: u32): void {
  const v = JIT_CODEVER + (slot << 2);
  store<u32>(v, load<u32>(v) + 1);
}

const NO_FRAME: u32 = 0xffffffff;
@inline function storeHint(frame: u32): u32 { return STORE_HINTS + ((frame & (STORE_HINT_COUNT - 1)) << 3); }
export function clearStoreHints(): void { memory.fill(STORE_HINTS, 0xff, STORE_HINT_COUNT * 8); }

// A store entry at `e` is being filled for host page `host`: keep the frame's hint, or mark the
// frame (and any frame whose hint this one takes over) as needing a scan.
function noteStoreEntry(host: u32, e: u32): void {
  const f = frameFlag(host);
  const flags = load<u8>(f);
  const frame = (host - RAM_HOST_BASE) >> 12;
  const hint = storeHint(frame);
  if ((flags & FRAME_STORE) == 0) {
    const other = load<u32>(hint);
    if (other != NO_FRAME && other != frame) {
      const g = FRAME_FLAGS + other;
      if ((load<u8>(g) & FRAME_STORE) != 0) store<u8>(g, load<u8>(g) | FRAME_STORE_MANY);
    }
    store<u32>(hint, frame);
    store<u32>(hint, e, 4);
    store<u8>(f, (flags | FRAME_STORE) & ~<u8>FRAME_STORE_MANY);
  } else if ((flags & FRAME_STORE_MANY) == 0 && load<u32>(hint, 4) != e) {
    store<u8>(f, flags | FRAME_STORE_MANY);
  }
}

// Empties the store-TLB entry at `e` if it points at host page `host`.
@inline function dropStoreEntry(e: u32, host: u32): void {
  const tag = load<u64>(e);
  if (tag != <u64>-1 && <u32>tag + load<u32>(e, 8) == host) store<u64>(e, <u64>-1);
}

// Removes every store-TLB entry that points at host page `host` (it just became a code page,
// so stores to it must take the slow path that invalidates decoded records).
function purgeStoreEntries(host: u32): void {
  // Only a frame a store entry was ever filled for can have one; if it was filled at one place
  // only, its hint names the entry (a Linux boot decodes thousands of pages that were written
  // first, and the scan reads every store view of every set, 16 sets in trap mode).
  const f = frameFlag(host);
  const flags = load<u8>(f);
  if ((flags & FRAME_STORE) == 0) return;
  store<u8>(f, flags & ~<u8>(FRAME_STORE | FRAME_STORE_MANY));
  const frame = (host - RAM_HOST_BASE) >> 12;
  const hint = storeHint(frame);
  if (load<u32>(hint) == frame) store<u32>(hint, NO_FRAME);
  if ((flags & FRAME_STORE_MANY) == 0) {
    dropStoreEntry(load<u32>(hint, 4), host);
    return;
  }
  for (let s: u32 = 0; s < <u32>TLB_SETS; s++) {
    const used = load<u32>(setUsedAddr(s));
    // A set never emptied has held no entry (and reading it would make it resident).
    if (used == SET_NEVER_EMPTIED) continue;
    for (let v: u32 = 4; v < <u32>TLB_VIEWS; v++) {
      if ((used & (1 << v)) == 0) continue;
      const base = TLB_BASE + s * TLB_SET_SIZE + v * TLB_VIEW_SIZE + TLB_STORE;
      for (let e = base; e < base + TLB_KIND_SIZE; e += 16) dropStoreEntry(e, host);
    }
  }
}

// Called by the interpreter when the pc enters a page that is not the current one. Returns the
// address of the page's decoded records, or 0 with an exception raised.
export function fetchRefill(pc: u64): u32 {
  const e = fetchTlb + tlbIndex(pc);
  if (fetchHit(e, pc)) return load<u32>(e, 8);
  bump(STAT_TLB_MISS);
  const pa = translate(pc, ACCESS_FETCH);
  if (memStatus != 0) return 0;
  if (!isMapped(pa)) {
    if (inRam(pa)) pageExit(pa, false); else raise(CAUSE_FETCH_ACCESS, pc);
    return 0;
  }
  markPage(pa, MAP_REFERENCED);
  const host = hostOf(pa & ~<u64>0xfff);
  const page = host >> 12;
  const found = codeSlotOf(page);
  const slot = found >= 0 ? <u32>found : victimSlot(page);
  const tagAddr = DECODE_TAGS + (slot << 2);
  const recBase = DECODE_BASE + slot * DECODE_PAGE_SIZE;
  if (load<u32>(tagAddr) != page + 1) {
    // (Re)using the slot: a new generation makes every fetch entry for its old page miss.
    const gen = load<u32>(recBase + DECODE_GEN) + 1;
    jitReset(slot);
    const touched = load<u32>(recBase + DECODE_TOUCHED);
    for (let q: u32 = 0; q < 4; q++) if ((touched & (1 << q)) != 0) memory.fill(recBase + (q << 12), 0, 0x1000);
    store<u32>(recBase + DECODE_TOUCHED, 0);
    store<u32>(recBase + DECODE_GEN, gen);
    codeChanged(slot);
    store<u64>(recBase + 0x4000, OP_REFILL); // running off the end of the page lands here
    store<u32>(tagAddr, page + 1);
    purgeStoreEntries(host);
    bump(STAT_DECODE_PAGES);
  }
  store<u64>(e, pc & ~<u64>0xfff);
  markPresent(tlbIndex(pc));
  store<u32>(e, recBase, 8);
  store<u32>(e, load<u32>(recBase + DECODE_GEN), 12);
  return recBase;
}

// Host address of the raw instruction bytes behind a decoded record page.
export function rawOfRecords(recBase: u32): u32 {
  const slot = (recBase - DECODE_BASE) / DECODE_PAGE_SIZE;
  return (load<u32>(DECODE_TAGS + (slot << 2)) - 1) << 12;
}

// Fetches the upper half of an instruction that starts at the last halfword of a page.
// Returns the 16 bits, or raises the fetch exception (tval = address of the second page).
export function fetchSecondHalf(pc: u64): u32 {
  const va = pc + 2;
  const pa = translate(va, ACCESS_FETCH);
  if (memStatus != 0) return 0;
  if (!isMapped(pa)) {
    if (inRam(pa)) pageExit(pa, false); else raise(CAUSE_FETCH_ACCESS, va);
    return 0;
  }
  markPage(pa, MAP_REFERENCED);
  return <u32>load<u16>(hostOf(pa));
}

// The raw bits of the instruction at pc, for mtval when an instruction turns out to be illegal
// only at execution (CSR access rules, xRET, wfi, sfence.vma). Rare, so it walks afresh.
export function insnBits(pc: u64): u64 {
  // The instruction was just fetched, so its pages are present; a walk that raised anything
  // still must not leave a pending status behind (the bits are only a trap value).
  const pa = translate(pc, ACCESS_FETCH);
  if (memStatus != 0 || !isMapped(pa)) { memStatus = MEM_OK; return 0; }
  let bits = <u64>load<u16>(hostOf(pa));
  if ((bits & 3) == 3) {
    const pa2 = translate(pc + 2, ACCESS_FETCH);
    if (memStatus != 0 || !isMapped(pa2)) { memStatus = MEM_OK; return 0; }
    bits |= <u64>load<u16>(hostOf(pa2)) << 16;
  }
  return bits;
}

// ---- loads and stores ----
@inline export function tlbIndex(va: u64): u32 { return (<u32>(va >> 12) & (TLB_ENTRIES - 1)) << 4; }
// Fetch-TLB entry `e` maps the page of `pc`, and its record page is still the one it names (the
// generation it was filled with: a slot reused or dropped since bumped it).
@inline export function fetchHit(e: u32, pc: u64): bool {
  return load<u64>(e) == (pc & ~<u64>0xfff) && load<u32>(e, 12) == load<u32>(load<u32>(e, 8) + DECODE_GEN);
}

function fillTlb(tlb: u32, va: u64, pa: u64, bits: u32): void {
  markPage(pa, bits);
  const e = tlb + tlbIndex(va);
  store<u64>(e, va & ~<u64>0xfff);
  markPresent(tlbIndex(va));
  store<u32>(e, hostOf(pa & ~<u64>0xfff) - <u32>(va & ~<u64>0xfff), 8);
}

function mmioExit(va: u64, pa: u64, size: u32, write: bool, value: u64): void {
  store<u64>(EXIT_ADDR, pa);
  store<u64>(EXIT_VADDR, va);
  store<u64>(EXIT_VALUE, value);
  store<u32>(EXIT_SIZE, size);
  store<u32>(EXIT_IS_WRITE, write ? 1 : 0);
  store<u32>(EXIT_CODE, EXIT_MMIO);
  bump(STAT_MMIO);
  memStatus = MEM_EXIT;
}

@inline function rawLoad(host: u32, size: u32): u64 {
  if (size == 8) return load<u64>(host);
  if (size == 4) return <u64>load<u32>(host);
  if (size == 2) return <u64>load<u16>(host);
  return <u64>load<u8>(host);
}
@inline function rawStore(host: u32, size: u32, v: u64): void {
  if (size == 8) store<u64>(host, v);
  else if (size == 4) store<u32>(host, <u32>v);
  else if (size == 2) store<u16>(host, <u16>v);
  else store<u8>(host, <u8>v);
}

// Translates both pages of an access that crosses a page boundary; both must be RAM.
// Returns the physical address of the second page (the first is returned via crossFirst).
let crossFirst: u64 = 0;
function translateCross(va: u64, size: u32, access: u32): u64 {
  const second = (va + size) & ~<u64>0xfff;
  const p0 = translate(va, access);
  if (memStatus != 0) return 0;
  const p1 = translate(second, access); // a fault here reports the second page as tval
  if (memStatus != 0) return 0;
  const write = access == ACCESS_STORE;
  if (inRam(p0) && inRam(p1)) { // both RAM: a page without a frame (or shared, for a store) needs the host
    if (!isMapped(p0) || (write && readOnly(p0))) { pageExit(p0, write); return 0; }
    if (!isMapped(p1) || (write && readOnly(p1))) { pageExit(p1, write); return 0; }
  }
  if (!isMapped(p0) || !isMapped(p1)) {
    raise(access == ACCESS_LOAD ? CAUSE_MISALIGNED_LOAD : CAUSE_MISALIGNED_STORE, va);
    return 0;
  }
  const bits = MAP_REFERENCED | (write ? MAP_WRITTEN : 0);
  markPage(p0, bits);
  markPage(p1, bits);
  crossFirst = p0;
  return p1;
}

export function loadSlow(va: u64, size: u32): u64 {
  if ((watchKinds & DEBUG_LOAD) != 0 && watchHit(va, size, DEBUG_LOAD)) return 0; // debug.ts
  bump(STAT_TLB_MISS);
  if ((<u32>va & 0xfff) + size > 0x1000) { // crosses a page: assemble from two pages
    const p1 = translateCross(va, size, ACCESS_LOAD);
    if (memStatus != 0) return 0;
    const n0 = <u32>0x1000 - (<u32>va & 0xfff);
    let v: u64 = 0;
    for (let i: u32 = 0; i < size; i++) {
      const b = i < n0 ? load<u8>(hostOf(crossFirst) + i) : load<u8>(hostOf(p1) + i - n0);
      v |= <u64>b << (i * 8);
    }
    return v;
  }
  const pa = translate(va, ACCESS_LOAD);
  if (memStatus != 0) return 0;
  if (isMapped(pa)) {
    if ((watchKinds & DEBUG_LOAD) == 0 || !watchPage(va, DEBUG_LOAD)) fillTlb(loadTlb, va, pa, MAP_REFERENCED);
    return rawLoad(hostOf(pa), size); // wasm loads may be unaligned
  }
  if (inRam(pa)) { pageExit(pa, false); return 0; }
  if ((va & <u64>(size - 1)) != 0) { raise(CAUSE_MISALIGNED_LOAD, va); return 0; }
  mmioExit(va, pa, size, false, 0);
  return 0;
}

export function storeSlow(va: u64, size: u32, v: u64): void {
  if ((watchKinds & DEBUG_STORE) != 0 && watchHit(va, size, DEBUG_STORE)) return; // debug.ts
  bump(STAT_TLB_MISS);
  if ((<u32>va & 0xfff) + size > 0x1000) {
    const p1 = translateCross(va, size, ACCESS_STORE);
    if (memStatus != 0) return;
    const n0 = <u32>0x1000 - (<u32>va & 0xfff);
    for (let i: u32 = 0; i < size; i++) {
      const b = <u8>(v >> (i * 8));
      if (i < n0) store<u8>(hostOf(crossFirst) + i, b); else store<u8>(hostOf(p1) + i - n0, b);
    }
    const h0 = hostOf(crossFirst), h1 = hostOf(p1);
    invalidateIfCode(h0, n0);
    invalidateIfCode(h1, size - n0);
    if (isPageTable(h0) || isPageTable(h1)) pageTableWritten(isPageTable(h0) ? h0 : h1);
    return;
  }
  const pa = translate(va, ACCESS_STORE);
  if (memStatus != 0) return;
  if (isMapped(pa)) {
    if (readOnly(pa)) { pageExit(pa, true); return; }
    markPage(pa, MAP_REFERENCED | MAP_WRITTEN);
    const host = hostOf(pa);
    rawStore(host, size, v);
    const page = pa & ~<u64>0xfff;
    if (isPageTable(host)) { pageTableWritten(host); return; }
    if (invalidateIfCode(host, size)) return;
    if (tohostAddr != 0 && page == (tohostAddr & ~<u64>0xfff)) {
      // HTIF: the page is never cached so that every store to tohost is seen here.
      if (pa - tohostAddr < 8) { store<u32>(EXIT_CODE, EXIT_HTIF); memStatus = MEM_EXIT; }
      return;
    }
    if ((watchKinds & DEBUG_STORE) != 0 && watchPage(va, DEBUG_STORE)) return;
    noteStoreEntry(host, storeTlb + tlbIndex(va));
    fillTlb(storeTlb, va, pa, MAP_REFERENCED | MAP_WRITTEN);
    return;
  }
  if (inRam(pa)) { pageExit(pa, true); return; }
  if ((va & <u64>(size - 1)) != 0) { raise(CAUSE_MISALIGNED_STORE, va); return; }
  mmioExit(va, pa, size, true, v);
}

// Resolves the host address for an atomic (LR, SC, AMO): aligned, RAM only. For SC and AMOs the
// access is a store (store/AMO faults); LR is a load. Returns 0 with an exception raised.
export function atomicAddr(va: u64, size: u32, isLoad: bool): u32 {
  if ((va & <u64>(size - 1)) != 0) {
    raise(isLoad ? CAUSE_MISALIGNED_LOAD : CAUSE_MISALIGNED_STORE, va);
    return 0;
  }
  const pa = translate(va, isLoad ? ACCESS_LOAD : ACCESS_STORE);
  if (memStatus != 0) return 0;
  if (!isMapped(pa)) {
    if (inRam(pa)) pageExit(pa, !isLoad); else raise(isLoad ? CAUSE_LOAD_ACCESS : CAUSE_STORE_ACCESS, va);
    return 0;
  }
  if (!isLoad && readOnly(pa)) { pageExit(pa, true); return 0; }
  markPage(pa, isLoad ? MAP_REFERENCED : MAP_REFERENCED | MAP_WRITTEN);
  const host = hostOf(pa);
  if (!isLoad) {
    invalidateIfCode(host, size);
    // The AMO's write happens after this returns; the flush only has to precede the next fill.
    if (isPageTable(host)) pageTableWritten(host);
  }
  return host;
}
