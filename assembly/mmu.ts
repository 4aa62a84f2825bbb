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
  DECODE_TAGS, DECODE_SLOTS, DECODE_BASE, DECODE_PAGE_SIZE, RAM_HOST_BASE,
  EXIT_ADDR, EXIT_VALUE, EXIT_SIZE, EXIT_IS_WRITE, EXIT_CODE, EXIT_MMIO, EXIT_HTIF,
  PRV_M, PRV_S, PRV_U, CSR_SLOT_SATP, CAUSE_FETCH_ACCESS, CAUSE_LOAD_ACCESS, CAUSE_STORE_ACCESS,
  CAUSE_FETCH_PAGE_FAULT, CAUSE_LOAD_PAGE_FAULT, CAUSE_STORE_PAGE_FAULT, CAUSE_MISALIGNED_LOAD,
  CAUSE_MISALIGNED_STORE, STAT_TLB_MISS, STAT_DECODE_PAGES, STAT_MMIO, STAT_CODE_INVALIDATIONS,
  STAT_TLB_FLUSH, EXIT_VADDR,
} from './abi';
import {
  ramBase, ramSize, tohostAddr, memStatus, MEM_EXIT, raise, getCsr, getPriv, mstatus,
} from './state';
import { OP_REFILL } from './opcodes';

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

// ---- TLB views ----
export let fetchTlb: u32 = TLB_BASE;
export let loadTlb: u32 = TLB_BASE + TLB_LOAD;
export let storeTlb: u32 = TLB_BASE + TLB_STORE;
let dataPriv: i32 = PRV_M; // effective privilege of loads and stores (MPRV applied)
let viewsUsed: u32 = 0xffff; // views that may hold valid entries

@inline function bump(stat: u32): void { store<u64>(stat, load<u64>(stat) + 1); }

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
  fetchTlb = TLB_BASE + fv * TLB_VIEW_SIZE + TLB_FETCH;
  loadTlb = TLB_BASE + dv * TLB_VIEW_SIZE + TLB_LOAD;
  storeTlb = TLB_BASE + dv * TLB_VIEW_SIZE + TLB_STORE;
  viewsUsed |= (1 << fv) | (1 << dv);
}

// Drops every cached translation (satp writes, sfence.vma, reset).
export function flushTlb(): void {
  for (let v: u32 = 0; v < <u32>TLB_VIEWS; v++) {
    if ((viewsUsed & (1 << v)) != 0) memory.fill(TLB_BASE + v * TLB_VIEW_SIZE, 0xff, TLB_VIEW_SIZE);
  }
  viewsUsed = 0;
  superLo = <u64>-1;
  superHi = 0;
  bump(STAT_TLB_FLUSH);
  updateViews();
}

// Virtual addresses covered by superpage translations cached since the last full flush. The
// TLB holds 4 KiB pieces of a superpage, so a single-page sfence.vma inside one must flush
// everything (the spec invalidates the whole superpage's translation).
let superLo: u64 = <u64>-1;
let superHi: u64 = 0;

// sfence.vma with an address: drop that page's entries from every used view.
export function flushTlbPage(va: u64): void {
  if (va >= superLo && va <= superHi) { flushTlb(); return; }
  const idx = tlbIndex(va);
  const tag = va & ~<u64>0xfff;
  for (let v: u32 = 0; v < <u32>TLB_VIEWS; v++) {
    if ((viewsUsed & (1 << v)) == 0) continue;
    const base = TLB_BASE + v * TLB_VIEW_SIZE + idx;
    // fetch, load and store entries of this page
    for (let k: u32 = 0; k < 3; k++) {
      const e = base + k * TLB_KIND_SIZE;
      if ((load<u64>(e) & ~<u64>0xfff) == tag) store<u64>(e, <u64>-1);
    }
  }
}

// ---- physical memory ----
@inline export function inRam(pa: u64): bool { return pa - ramBase < ramSize; }
@inline export function hostOf(pa: u64): u32 { return RAM_HOST_BASE + <u32>(pa - ramBase); }

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
    if (!inRam(pteAddr)) { raise(accessFaultCause(access), va); return 0; }
    pte = load<u64>(hostOf(pteAddr));
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
      if ((pte & need) != need) store<u64>(hostOf(pteAddr), pte | need);
      const offMask = (<u64>1 << (12 + lowBits)) - 1;
      if (i > 0) { // a superpage: remember its range for flushTlbPage
        const lo = va & ~offMask;
        if (lo < superLo) superLo = lo;
        if ((lo | offMask) > superHi) superHi = lo | offMask;
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
@inline function decodeSlotOf(pa: u64): u32 { return <u32>((pa - ramBase) >> 12) & (DECODE_SLOTS - 1); }
@inline function pageHasCode(pa: u64): bool {
  const page = <u32>((pa - ramBase) >> 12);
  return load<u32>(DECODE_TAGS + ((page & (DECODE_SLOTS - 1)) << 2)) == page + 1;
}

// Invalidates the decoded records that may cover bytes [pa, pa + size) of a code page.
function invalidateCode(pa: u64, size: u32): void {
  const recBase = DECODE_BASE + decodeSlotOf(pa) * DECODE_PAGE_SIZE;
  const off = <u32>pa & 0xfff;
  let o = off >= 2 ? (off - 2) & ~1 : 0;
  const end = min<u32>(off + size, 0x1000);
  for (; o < end; o += 2) store<u64>(recBase + (o << 2), 0);
  bump(STAT_CODE_INVALIDATIONS);
}

// Exported for the host: DMA and loaders that write guest RAM call this for the range.
export function invalidateRange(pa: u64, len: u64): void {
  const end = pa + len;
  for (let p = pa & ~<u64>0xfff; p < end; p += 0x1000) {
    if (inRam(p) && pageHasCode(p)) {
      const tag = DECODE_TAGS + (decodeSlotOf(p) << 2);
      store<u32>(tag, 0);
      flushFetchTlbs();
    }
  }
}

export function flushDecodeCache(): void {
  memory.fill(DECODE_TAGS, 0, DECODE_SLOTS * 4);
  flushTlb();
}

function flushFetchTlbs(): void {
  for (let v: u32 = 0; v < 4; v++) {
    if ((viewsUsed & (1 << v)) != 0) memory.fill(TLB_BASE + v * TLB_VIEW_SIZE + TLB_FETCH, 0xff, TLB_KIND_SIZE);
  }
}

// Removes every store-TLB entry that points at host page `host` (it just became a code page,
// so stores to it must take the slow path that invalidates decoded records).
function purgeStoreEntries(host: u32): void {
  for (let v: u32 = 4; v < <u32>TLB_VIEWS; v++) {
    if ((viewsUsed & (1 << v)) == 0) continue;
    const base = TLB_BASE + v * TLB_VIEW_SIZE + TLB_STORE;
    for (let e = base; e < base + TLB_KIND_SIZE; e += 16) {
      const tag = load<u64>(e);
      if (tag != <u64>-1 && <u32>tag + load<u32>(e, 8) == host) store<u64>(e, <u64>-1);
    }
  }
}

// Called by the interpreter when the pc enters a page that is not the current one. Returns the
// address of the page's decoded records, or 0 with an exception raised.
export function fetchRefill(pc: u64): u32 {
  const e = fetchTlb + ((<u32>(pc >> 12) & (TLB_ENTRIES - 1)) << 4);
  if (load<u64>(e) == (pc & ~<u64>0xfff)) return load<u32>(e, 8);
  bump(STAT_TLB_MISS);
  const pa = translate(pc, ACCESS_FETCH);
  if (memStatus != 0) return 0;
  if (!inRam(pa)) { raise(CAUSE_FETCH_ACCESS, pc); return 0; }
  const page = <u32>((pa - ramBase) >> 12);
  const slot = page & (DECODE_SLOTS - 1);
  const tagAddr = DECODE_TAGS + (slot << 2);
  const recBase = DECODE_BASE + slot * DECODE_PAGE_SIZE;
  if (load<u32>(tagAddr) != page + 1) {
    if (load<u32>(tagAddr) != 0) flushFetchTlbs(); // evicting another page's records
    memory.fill(recBase, 0, DECODE_PAGE_SIZE);
    store<u64>(recBase + 0x4000, OP_REFILL); // running off the end of the page lands here
    store<u32>(tagAddr, page + 1);
    purgeStoreEntries(hostOf(pa & ~<u64>0xfff));
    bump(STAT_DECODE_PAGES);
  }
  store<u64>(e, pc & ~<u64>0xfff);
  store<u32>(e, recBase, 8);
  return recBase;
}

// Host address of the raw instruction bytes behind a decoded record page.
export function rawOfRecords(recBase: u32): u32 {
  const slot = (recBase - DECODE_BASE) / DECODE_PAGE_SIZE;
  return RAM_HOST_BASE + ((load<u32>(DECODE_TAGS + (slot << 2)) - 1) << 12);
}

// Fetches the upper half of an instruction that starts at the last halfword of a page.
// Returns the 16 bits, or raises the fetch exception (tval = address of the second page).
export function fetchSecondHalf(pc: u64): u32 {
  const va = pc + 2;
  const pa = translate(va, ACCESS_FETCH);
  if (memStatus != 0) return 0;
  if (!inRam(pa)) { raise(CAUSE_FETCH_ACCESS, va); return 0; }
  return <u32>load<u16>(hostOf(pa));
}

// The raw bits of the instruction at pc, for mtval when an instruction turns out to be illegal
// only at execution (CSR access rules, xRET, wfi, sfence.vma). Rare, so it walks afresh.
export function insnBits(pc: u64): u64 {
  const pa = translate(pc, ACCESS_FETCH);
  if (memStatus != 0 || !inRam(pa)) return 0;
  let bits = <u64>load<u16>(hostOf(pa));
  if ((bits & 3) == 3) {
    const pa2 = translate(pc + 2, ACCESS_FETCH);
    if (memStatus != 0 || !inRam(pa2)) return 0;
    bits |= <u64>load<u16>(hostOf(pa2)) << 16;
  }
  return bits;
}

// ---- loads and stores ----
@inline export function tlbIndex(va: u64): u32 { return (<u32>(va >> 12) & (TLB_ENTRIES - 1)) << 4; }

function fillTlb(tlb: u32, va: u64, pa: u64): void {
  const e = tlb + tlbIndex(va);
  store<u64>(e, va & ~<u64>0xfff);
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
  if (!inRam(p0) || !inRam(p1)) {
    raise(access == ACCESS_LOAD ? CAUSE_MISALIGNED_LOAD : CAUSE_MISALIGNED_STORE, va);
    return 0;
  }
  crossFirst = p0;
  return p1;
}

export function loadSlow(va: u64, size: u32): u64 {
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
  if (inRam(pa)) {
    fillTlb(loadTlb, va, pa);
    return rawLoad(hostOf(pa), size); // wasm loads may be unaligned
  }
  if ((va & <u64>(size - 1)) != 0) { raise(CAUSE_MISALIGNED_LOAD, va); return 0; }
  mmioExit(va, pa, size, false, 0);
  return 0;
}

export function storeSlow(va: u64, size: u32, v: u64): void {
  bump(STAT_TLB_MISS);
  if ((<u32>va & 0xfff) + size > 0x1000) {
    const p1 = translateCross(va, size, ACCESS_STORE);
    if (memStatus != 0) return;
    const n0 = <u32>0x1000 - (<u32>va & 0xfff);
    for (let i: u32 = 0; i < size; i++) {
      const b = <u8>(v >> (i * 8));
      if (i < n0) store<u8>(hostOf(crossFirst) + i, b); else store<u8>(hostOf(p1) + i - n0, b);
    }
    if (pageHasCode(crossFirst)) invalidateCode(crossFirst, n0);
    if (pageHasCode(p1)) invalidateCode(p1, size - n0);
    return;
  }
  const pa = translate(va, ACCESS_STORE);
  if (memStatus != 0) return;
  if (inRam(pa)) {
    rawStore(hostOf(pa), size, v);
    const page = pa & ~<u64>0xfff;
    if (pageHasCode(pa)) { invalidateCode(pa, size); return; }
    if (tohostAddr != 0 && page == (tohostAddr & ~<u64>0xfff)) {
      // HTIF: the page is never cached so that every store to tohost is seen here.
      if (pa - tohostAddr < 8) { store<u32>(EXIT_CODE, EXIT_HTIF); memStatus = MEM_EXIT; }
      return;
    }
    fillTlb(storeTlb, va, pa);
    return;
  }
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
  if (!inRam(pa)) { raise(isLoad ? CAUSE_LOAD_ACCESS : CAUSE_STORE_ACCESS, va); return 0; }
  if (!isLoad && pageHasCode(pa)) invalidateCode(pa, size);
  return hostOf(pa);
}
