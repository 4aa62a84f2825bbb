// Debug watch points: the host debugger's breakpoints and watchpoints (the gdb stub, src/debug)
// and the Sdtrig triggers of the loaded hart (debug spec 1.0 chapter 5, what QEMU 7.2 offers:
// two address-match triggers of type 2 (mcontrol) or 6 (mcontrol6), match "equal", action 0 =
// breakpoint exception, timing "before"). One table (abi.ts DEBUG_*) holds both, and checking it
// costs the hot loop nothing, set or not:
//
//  - execute: decodeAt() (interp.ts) makes a record OP_DEBUG when its pc's page offset is marked
//    in DEBUG_MARKS; run() then compares the whole pc (execHit). Offsets, not addresses, because
//    decoded records belong to a frame whichever virtual address maps it, so aliases and remaps
//    are covered. An offset not marked before drops the decoded pages, so every record is made
//    again with its mark; removing an entry leaves its offset marked (a stale mark costs that
//    record a slow dispatch) until the host releases the marks (debugUpdate(1)).
//  - load/store: loadSlow/storeSlow and the atomics ask watchHit() while some entry watches that
//    kind, and no TLB entry is filled for a page an entry of that kind overlaps (watchPage), so a
//    TLB hit in the hot loop never passes a watched address; a page that gains an entry has its
//    TLB entries dropped.
//
// A host entry stops run() before the instruction (EXIT_DEBUG; DEBUG_HIT_* say what matched). A
// trigger raises the breakpoint exception before the instruction or access; mtval is the pc or
// the accessed address (the privileged spec allows that or 0; QEMU 7.2 writes 0).
import {
  DEBUG_HOST_COUNT, DEBUG_HIT_KIND, DEBUG_HIT_ENTRY, DEBUG_HIT_ADDR, DEBUG_ENTRIES, DEBUG_ENTRY_SIZE,
  DEBUG_E_ADDR, DEBUG_E_LEN, DEBUG_E_KIND, DEBUG_E_OWNER, DEBUG_E_PRIVS, DEBUG_HOST_MAX, DEBUG_MARKS,
  DEBUG_MARKS_SIZE, DEBUG_EXEC, DEBUG_LOAD, DEBUG_STORE, DEBUG_OWNER_TRIGGER,
  HART_TSELECT, HART_TDATA1, HART_TDATA2, TRIGGER_COUNT, CSR_TSELECT, CSR_TDATA1, CSR_TDATA2,
  CSR_TINFO, CSR_SLOT_SATP, TLB_BASE, TLB_SETS, TLB_SET_SIZE, TLB_VIEWS, TLB_VIEW_SIZE, TLB_LOAD,
  TLB_STORE, SET_USED, CAUSE_BREAKPOINT, PRV_M, DEBUG_WATCH_MAX_PAGES,
} from './abi';
import { getPriv, getCsr, raise } from './state';
import { isMapped, hostOf, tlbIndex, dropDecodedPages } from './mmu';

// The pending "exception" of a host watchpoint: not a cause the hart sees; interp.ts trapTo()
// turns it into EXIT_DEBUG with the pc left at the instruction.
export const DEBUG_STOP: u64 = 0xffff;

export const HIT_NONE: i32 = 0;
export const HIT_HOST: i32 = 1;
export const HIT_TRIGGER: i32 = 2;

// Derived from the table, so the checks cost one global load while nothing is set.
export let execMarked: bool = false; // some page offsets are marked: decodeAt asks isMarked()
export let watchKinds: u32 = 0; // DEBUG_LOAD | DEBUG_STORE of the entries that watch data

const DATA: u32 = DEBUG_LOAD | DEBUG_STORE;
const HOST_MAX: u32 = DEBUG_HOST_MAX;
const LAST: u32 = DEBUG_HOST_MAX + TRIGGER_COUNT; // entries 0 .. HOST_MAX - 1 the host's, then the triggers'
const TRIGGERS: u32 = TRIGGER_COUNT;
const MAX_PAGES: u32 = DEBUG_WATCH_MAX_PAGES;

@inline function entry(i: u32): u32 { return DEBUG_ENTRIES + i * DEBUG_ENTRY_SIZE; }
@inline function hostCount(): u32 { return min<u32>(load<u32>(DEBUG_HOST_COUNT), HOST_MAX); }
@inline function eAddr(e: u32): u64 { return load<u64>(e + DEBUG_E_ADDR); }
@inline function eLen(e: u32): u64 { return load<u64>(e + DEBUG_E_LEN); }
@inline function eKind(e: u32): u32 { return load<u32>(e + DEBUG_E_KIND); }
// Entries in use: the host's first ones, then the triggers' (empty ones have kind 0).
@inline function isUsed(i: u32): bool { return i < hostCount() || (i >= HOST_MAX && i < LAST); }

// ---- execute ----

@inline export function isMarked(off: u32): bool {
  const b = off >> 1;
  return ((load<u8>(DEBUG_MARKS + (b >> 3)) >> (b & 7)) & 1) != 0;
}

function mark(off: u32): void {
  const b = off >> 1;
  const a = DEBUG_MARKS + (b >> 3);
  store<u8>(a, load<u8>(a) | <u8>(<u32>1 << (b & 7)));
}

// Marks the offsets of every execute entry. One that was not marked yet drops the decoded pages
// (records decoded before were not made OP_DEBUG), and the marks start afresh from the entries.
function markExec(): void {
  let fresh = false;
  for (let i: u32 = 0; i < LAST; i++) {
    if (!isUsed(i)) continue;
    const e = entry(i);
    if ((eKind(e) & DEBUG_EXEC) != 0 && (eAddr(e) & 1) == 0 && !isMarked(<u32>eAddr(e) & 0xfff)) fresh = true;
  }
  if (!fresh) return;
  dropDecodedPages();
  memory.fill(DEBUG_MARKS, 0, DEBUG_MARKS_SIZE);
  for (let i: u32 = 0; i < LAST; i++) {
    if (!isUsed(i)) continue;
    const e = entry(i);
    if ((eKind(e) & DEBUG_EXEC) != 0 && (eAddr(e) & 1) == 0) mark(<u32>eAddr(e) & 0xfff);
  }
  execMarked = true;
}

// Which entry, if any, matches an instruction fetch at pc in the current privilege. With
// `withHost` false (the debugger's own single step) only the triggers count. A host match is
// recorded in DEBUG_HIT_*.
export function execHit(pc: u64, withHost: bool): i32 {
  if (withHost) {
    const n = hostCount();
    for (let i: u32 = 0; i < n; i++) {
      const e = entry(i);
      if ((eKind(e) & DEBUG_EXEC) != 0 && eAddr(e) == pc) { hostHit(i, DEBUG_EXEC, pc); return HIT_HOST; }
    }
  }
  const bit = <u32>1 << <u32>getPriv();
  for (let i: u32 = HOST_MAX; i < LAST; i++) {
    const e = entry(i);
    if ((eKind(e) & DEBUG_EXEC) != 0 && eAddr(e) == pc && (load<u32>(e + DEBUG_E_PRIVS) & bit) != 0) return HIT_TRIGGER;
  }
  return HIT_NONE;
}

function hostHit(i: u32, kind: u32, addr: u64): void {
  store<u32>(DEBUG_HIT_KIND, kind);
  store<u32>(DEBUG_HIT_ENTRY, i);
  store<u64>(DEBUG_HIT_ADDR, addr);
}

// ---- loads and stores ----

@inline function overlaps(e: u32, lo: u64, end: u64): bool {
  const a = eAddr(e);
  return lo < a + eLen(e) && a < end;
}

// Checks an access of `size` bytes at va of the given kinds (an AMO is both) before it happens.
// On a match it raises: DEBUG_STOP for a host entry (which wins), the breakpoint exception for a
// trigger that fires in the current privilege. Returns whether it raised.
export function watchHit(va: u64, size: u32, kinds: u32): bool {
  if ((kinds & watchKinds) == 0) return false;
  const end = va + <u64>size;
  const n = hostCount();
  for (let i: u32 = 0; i < n; i++) {
    const e = entry(i);
    const k = eKind(e) & kinds & DATA;
    if (k != 0 && overlaps(e, va, end)) {
      // the address reported is inside both the access and the watched range
      const a = eAddr(e) > va ? eAddr(e) : va;
      hostHit(i, (k & DEBUG_STORE) != 0 ? DEBUG_STORE : DEBUG_LOAD, a);
      raise(DEBUG_STOP, a);
      return true;
    }
  }
  const bit = <u32>1 << <u32>getPriv();
  for (let i: u32 = HOST_MAX; i < LAST; i++) {
    const e = entry(i);
    if ((eKind(e) & kinds & DATA) != 0 && (load<u32>(e + DEBUG_E_PRIVS) & bit) != 0 && overlaps(e, va, end)) {
      raise(CAUSE_BREAKPOINT, va);
      return true;
    }
  }
  return false;
}

// Whether some entry of kind `kind` overlaps the page of va: its TLB entry must not be filled.
export function watchPage(va: u64, kind: u32): bool {
  const page = va & ~<u64>0xfff;
  for (let i: u32 = 0; i < LAST; i++) {
    if (!isUsed(i)) continue;
    const e = entry(i);
    if ((eKind(e) & kind) != 0 && overlaps(e, page, page + 0x1000)) return true;
  }
  return false;
}

// Drops the load and store TLB entries of one virtual page in every set and data view (the TLB
// is direct-mapped by virtual page, so one slot per view).
function purgeDataPage(page: u64): void {
  const idx = tlbIndex(page);
  for (let s: u32 = 0; s < <u32>TLB_SETS; s++) {
    const used = load<u32>(SET_USED + (s << 2));
    for (let v: u32 = 4; v < <u32>TLB_VIEWS; v++) { // data views (fetch views are 0..3)
      if ((used & (1 << v)) == 0) continue;
      const base = TLB_BASE + s * TLB_SET_SIZE + v * TLB_VIEW_SIZE + idx;
      if ((load<u64>(base + TLB_LOAD) & ~<u64>0xfff) == page) store<u64>(base + TLB_LOAD, <u64>-1);
      if ((load<u64>(base + TLB_STORE) & ~<u64>0xfff) == page) store<u64>(base + TLB_STORE, <u64>-1);
    }
  }
}

function purgeEntryPages(e: u32): void {
  if ((eKind(e) & DATA) == 0 || eLen(e) == 0) return;
  const first = eAddr(e) & ~<u64>0xfff;
  const last = (eAddr(e) + eLen(e) - 1) & ~<u64>0xfff;
  // (triggers watch at most 8 bytes; the host refuses ranges over DEBUG_WATCH_MAX_PAGES pages)
  let p = first;
  for (let k: u32 = 0; k < MAX_PAGES; k++) {
    purgeDataPage(p);
    if (p == last) break;
    p += 0x1000;
  }
}

function summarize(): void {
  let kinds: u32 = 0;
  for (let i: u32 = 0; i < LAST; i++) if (isUsed(i)) kinds |= eKind(entry(i));
  watchKinds = kinds & DATA;
}

// Exported for the host: its entries changed (DEBUG_HOST_COUNT and the entries before it).
// `release` != 0 (the debugger detached): with no execute entry left, the marks go too.
export function debugUpdate(release: i32): void {
  summarize();
  markExec();
  if (release != 0 && execMarked) {
    let exec = false;
    for (let i: u32 = 0; i < LAST; i++) if (isUsed(i) && (eKind(entry(i)) & DEBUG_EXEC) != 0) exec = true;
    if (!exec) {
      dropDecodedPages();
      memory.fill(DEBUG_MARKS, 0, DEBUG_MARKS_SIZE);
      execMarked = false;
    }
  }
  const n = hostCount();
  for (let i: u32 = 0; i < n; i++) purgeEntryPages(entry(i));
}

// ---- Sdtrig: tselect, tdata1..3, tinfo ----
// tdata1 fields of types 2 and 6 (the low ones are shared): load, store, execute, U, S, M.
const TD_LOAD: u64 = 1;
const TD_STORE: u64 = 2;
const TD_EXEC: u64 = 4;
const TD_U: u64 = 8;
const TD_S: u64 = 16;
const TD_M: u64 = 64;
const TD_KEEP: u64 = TD_LOAD | TD_STORE | TD_EXEC | TD_U | TD_S | TD_M;
const TYPE2: u64 = 2;
const TYPE6: u64 = 6;
const TINFO: u64 = (1 << 2) | (1 << 6); // types 2 and 6, as QEMU 7.2 reports

// The size code (type 2: sizehi:sizelo in bits 22:21 and 17:16; type 6: bits 19:16).
function sizeCode(t1: u64): u32 {
  if ((t1 >> 60) == TYPE6) return <u32>(t1 >> 16) & 15;
  return (<u32>(t1 >> 16) & 3) | ((<u32>(t1 >> 21) & 3) << 2);
}
// Bytes watched for a size code: any (0) watches 8 bytes as QEMU does on RV64; 1, 2, 4 and 8
// bytes are offered; other codes are not (a write of one keeps size 0).
function sizeBytes(code: u32): u64 {
  switch (code) { case 1: return 1; case 2: return 2; case 3: return 4; }
  return 8;
}
@inline function sizeOffered(code: u32): bool { return code <= 3 || code == 5; }

// A tdata1 write legalised as QEMU 7.2 does: types 2 and 6 only (other types leave the trigger
// unchanged: 0 is returned), dmode 0, match/chain/action/timing/select/hit 0, the size kept if
// offered. Type 6's VU/VS bits need the H extension: 0.
function legalTdata1(v: u64): u64 {
  const type = v >> 60;
  if (type == TYPE2) {
    let n = (TYPE2 << 60) | (v & TD_KEEP);
    if (sizeOffered(sizeCode(v))) n |= v & ((<u64>3 << 16) | (<u64>3 << 21));
    return n;
  }
  if (type == TYPE6) {
    let n = (TYPE6 << 60) | (v & TD_KEEP);
    if (sizeOffered(sizeCode(v))) n |= v & (<u64>15 << 16);
    return n;
  }
  return 0;
}

@inline function selected(): u32 { return <u32>load<u64>(HART_TSELECT) << 3; }

export function triggerRead(num: u32): u64 {
  switch (num) {
    case CSR_TSELECT: return load<u64>(HART_TSELECT);
    case CSR_TDATA1: return load<u64>(HART_TDATA1 + selected());
    case CSR_TDATA2: return load<u64>(HART_TDATA2 + selected());
    case CSR_TINFO: return TINFO;
  }
  return 0; // tdata3: no textra matching offered (QEMU 7.2 reads 0 too)
}

export function triggerWrite(num: u32, v: u64): void {
  switch (num) {
    case CSR_TSELECT: if (v < <u64>TRIGGER_COUNT) store<u64>(HART_TSELECT, v); return;
    case CSR_TDATA1: {
      const n = legalTdata1(v);
      if (n == 0) return;
      store<u64>(HART_TDATA1 + selected(), n);
      triggersChanged();
      return;
    }
    case CSR_TDATA2: store<u64>(HART_TDATA2 + selected(), v); triggersChanged(); return;
  }
  // tdata3 and tinfo: writes ignored
}

// Rebuilds the trigger entries from the loaded hart's tdata registers: after a tdata write, a
// hart reset, or the host loading another hart (harts share the TLBs and decoded pages, so the
// table must describe the hart that runs). Costs four compares when nothing changed.
export function triggersChanged(): void {
  let changed = false;
  for (let t: u32 = 0; t < TRIGGERS; t++) {
    const t1 = load<u64>(HART_TDATA1 + (t << 3));
    const t2 = load<u64>(HART_TDATA2 + (t << 3));
    const privs = <u32>((t1 & TD_U) >> 3) | <u32>((t1 & TD_S) >> 3) | <u32>((t1 & TD_M) >> 3);
    let kind: u32 = ((t1 & TD_LOAD) != 0 ? DEBUG_LOAD : 0) | ((t1 & TD_STORE) != 0 ? DEBUG_STORE : 0) |
      ((t1 & TD_EXEC) != 0 ? DEBUG_EXEC : 0);
    if (privs == 0) kind = 0;
    const len = sizeBytes(sizeCode(t1));
    const e = entry(HOST_MAX + t);
    if (kind == eKind(e) && (kind == 0 || (t2 == eAddr(e) && len == eLen(e) && privs == load<u32>(e + DEBUG_E_PRIVS)))) continue;
    store<u64>(e + DEBUG_E_ADDR, t2);
    store<u64>(e + DEBUG_E_LEN, len);
    store<u32>(e + DEBUG_E_KIND, kind);
    store<u32>(e + DEBUG_E_OWNER, DEBUG_OWNER_TRIGGER);
    store<u32>(e + DEBUG_E_PRIVS, privs);
    purgeEntryPages(e);
    changed = true;
  }
  if (!changed) return;
  summarize();
  markExec();
}

// The reset state (QEMU 7.2's): tselect 0, both triggers of type 2 with nothing enabled.
export function resetTriggers(): void {
  store<u64>(HART_TSELECT, 0);
  for (let t: u32 = 0; t < TRIGGERS; t++) {
    store<u64>(HART_TDATA1 + (t << 3), TYPE2 << 60);
    store<u64>(HART_TDATA2 + (t << 3), 0);
  }
  triggersChanged();
}

// ---- the debugger's view of memory ----
const PTE_V: u64 = 1;
const PTE_R: u64 = 2;
const PTE_W: u64 = 4;
const PTE_X: u64 = 8;
const PPN_MASK: u64 = 0xfffffffffff;

// Exported for the host: the guest-physical address of va in the loaded hart's translation, or
// all ones when nothing valid maps it. A debugger's look: no permission checks, no A/D updates,
// and M-mode sees physical memory (MPRV applies to the hart's own accesses, not the debugger's).
export function debugTranslate(va: u64): u64 {
  const satp = getCsr(CSR_SLOT_SATP);
  const mode = <u32>(satp >> 60);
  if (getPriv() == PRV_M || mode == 0) return va;
  const levels: i32 = mode == 8 ? 3 : 4;
  const top = <i64>va >> (12 + 9 * levels - 1);
  if (top != 0 && top != -1) return <u64>-1;
  let a = (satp & PPN_MASK) << 12;
  for (let i = levels - 1; i >= 0; i--) {
    const pteAddr = a + (((va >> <u64>(12 + 9 * i)) & 511) << 3);
    if (!isMapped(pteAddr)) return <u64>-1; // (a table page without a frame too: paged out, the debugger sees no mapping)
    const pte = load<u64>(hostOf(pteAddr));
    if ((pte & PTE_V) == 0 || (pte & (PTE_R | PTE_W)) == PTE_W) return <u64>-1;
    const ppn = (pte >> 10) & PPN_MASK;
    if ((pte & (PTE_R | PTE_X)) != 0) {
      const offMask = (<u64>1 << <u64>(12 + 9 * i)) - 1;
      return ((ppn << 12) & ~offMask) | (va & offMask);
    }
    a = ppn << 12;
  }
  return <u64>-1;
}
