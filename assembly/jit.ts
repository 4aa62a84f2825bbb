// The core's side of the JIT (issue 12): which decoded pages are hot, how a compiled region is
// entered, and how it is dropped. The translator and the wasm emitter run in the host
// (src/jit/); this file only keeps the bookkeeping that must happen inside the core.
//
// A region is one wasm function compiled from one decoded record page (so it is keyed by the
// host frame, like the records). Its entry points are marked in the record page itself: the
// record there is replaced by an OP_JIT record (abi.ts) and the original saved in JIT_ORIG.
// The interpreter's hot loop does not know OP_JIT, so it hands it to run(), which calls the
// region through the shared function table (the index the marker names) without leaving wasm. Every event that drops decoded records drops the page's region first
// (mmu.ts: stores to code, host writes, slot reuse, flushes), so compiled code can never run
// for bytes that changed.
import {
  DECODE_BASE, DECODE_PAGE_SIZE, DECODE_SLOTS, JIT_SLOTS, JIT_ORIG, JIT_ORIG_COUNT, JIT_ENTRIES,
  JIT_EXIT_RETIRED, JIT_STAT_ENTRIES, JIT_STAT_INSNS, JIT_STAT_EXIT_BRANCH, JIT_STAT_DROPS,
  JIT_STAT_COMPILES, JIT_STATS, JIT_STATS_COUNT, OP_JIT, JIT_MISSED, JIT_MISSED_MAX, JIT_STAT_UNPROFITABLE, JIT_EPOCH,
  JIT_COMPILE_VA, JIT_WANT, JIT_STALE, JIT_STALE_LIMIT, DECODE_TOUCHED, JIT_ENTRY_RETIRED,
} from './abi';
import { fetchTlb, tlbIndex, fetchHit } from './mmu';

// The host compiles the record page of decode slot `slot` (records at `recBase`), puts the
// function in the table, lists its entry points in JIT_ENTRIES and returns how many (0: none).
@external("env", "jitCompile") declare function hostCompile(slot: u32, recBase: u32): i32;

export let jitOn: bool = false;
let threshold: u32 = 16;
// An entry point must retire about this many instructions per entry, or it is unmarked for
// good (0: keep every entry). Entering and leaving compiled code costs about what interpreting a
// few dozen instructions does, so code run a few instructions at a time from elsewhere (a small
// kernel function reached by calls from other pages) runs faster interpreted. The rule is per
// entry, not per page: a page holds small helpers and the loops of its big functions side by
// side (lib/crypto/ecc.c: vli_is_zero next to vli_mult), and the loops must stay compiled.
// Each marker keeps a credit (bits 49..63, signed): + what an entry retired beyond minRun, -
// what it fell short; the entry is unmarked when the credit reaches -CREDIT_LIMIT, so a steady
// shortfall of s instructions drops it after CREDIT_LIMIT / s entries.
let minRun: u32 = 0;
const CREDIT_SHIFT: u64 = 49;
const CREDIT_LIMIT: i32 = 16384;
const ORIG_MASK: u32 = 0x1ffff; // bits 32..48 of a marker: its saved record's index
// The JIT_MISSED list also keeps the entries unmarked for their shortfall, with this bit set: a
// recompile leaves them unmarked, and jumps there are not misses.
const UNMARKED: u16 = 0x8000;
let origNext: u32 = 0;
// Set when a store dropped a region: the compiled code that made it must stop after it.
export let jitDropped: bool = false;
export function jitClearDropped(): void { jitDropped = false; }

// Instructions between two samples of the running page (see run()): a page becomes hot after
// `threshold` samples, i.e. roughly threshold * JIT_CHUNK instructions spent in it.
export const JIT_CHUNK: i32 = 4096;
// The next sample comes JIT_CHUNK instructions after this one, give or take up to 128 (a
// xorshift sequence, the same in every run). A fixed distance, counted from where a sample was
// taken (the first page change after the last one), can lock onto a loop's period: a compiled
// loop calling a small function on another page (interpreted) was sampled at its return to the
// compiled page every time (4096 = 6 * 682 + 4 put each next sample in the callee's 6-instruction
// iteration again), so the callee's page never became hot.
let chunkSeed: u32 = 0x9e3779b9;
export function jitChunk(): i32 {
  let x = chunkSeed;
  x ^= x << 13; x ^= x >> 17; x ^= x << 5;
  chunkSeed = x;
  return JIT_CHUNK - 128 + <i32>(x & 255);
}
const MAX_COMPILES: u32 = 8; // per page, until its slot is reused (self-modifying code)

export function jitConfigure(on: bool, _base: u32, samples: u32, run: u32): void {
  jitOn = on;
  threshold = samples;
  minRun = run;
  jitResetAll();
}

@inline function slotOf(recBase: u32): u32 { return (recBase - DECODE_BASE) / DECODE_PAGE_SIZE; }
@inline function slotInfo(slot: u32): u32 { return JIT_SLOTS + (slot << 3); }
@inline function bumpEpoch(slot: u32): void { store<u32>(JIT_EPOCH + (slot << 2), load<u32>(JIT_EPOCH + (slot << 2)) + 1); }
@inline function bump(stat: u32, by: u64): void { store<u64>(stat, load<u64>(stat) + by); }

// run() samples the page it is entering (virtual page `page`) every JIT_CHUNK instructions.
// A sample landing on a compiled entry is time compiled code will take: not counted.
export function jitSample(recBase: u32, rp: u32, page: u64): void {
  const slot = slotOf(recBase);
  const info = slotInfo(slot);
  if ((load<u32>(rp) & 0xff) == OP_JIT) return;
  // Nor one on an entry unmarked for its shortfall: the region covers it (a recompile would not
  // change anything), and it is run interpreted on purpose.
  if (load<u16>(info, 4) != 0 && listed(slot, <u16>((rp - recBase) >> 3) | UNMARKED)) return;
  const n = load<u32>(info) + 1;
  store<u32>(info, n);
  if (n < threshold) return;
  store<u32>(info, 0);
  compileSlot(slot, recBase, page);
}

// Compiles the record page of `slot` (virtual page `page` where it runs), again if it has a
// region: a live region that still gets samples has code it does not cover (decoded since), or
// one asked for it because the page after it changed (jitEnter).
function compileSlot(slot: u32, recBase: u32, page: u64): void {
  const info = slotInfo(slot);
  const compiles = <u32>load<u16>(info, 6);
  if (compiles >= MAX_COMPILES) { store<u32>(info, 0x80000000); return; } // never again
  // (Only a live one: dropping moves the page's epoch, which would discard a background compile.)
  if (load<u16>(info, 4) != 0) jitDrop(slot);
  store<u16>(JIT_STALE + (slot << 1), 0);
  store<u64>(JIT_COMPILE_VA, page);
  const count = hostCompile(slot, recBase);
  if (count < 0) return; // compiling in the background already (jitInstall follows)
  store<u16>(info, <u16>(compiles + 1), 6);
  if (count > 0) jitInstall(slot, recBase, count);
}

// Marks the `count` entry points listed in JIT_ENTRIES in the records of `slot` (the host has put
// the region's functions in the table). Called from jitSample, or by the host between run()
// calls for a region it compiled in the background, after checking the page's epoch.
export function jitInstall(slot: u32, recBase: u32, count: i32): void {
  const info = slotInfo(slot);
  if (origNext + <u32>count > <u32>JIT_ORIG_COUNT) { jitFlush(); return; }
  // A marker can land where the interpreter never decoded (the translator decodes ahead): its
  // quarter of the records must be emptied when the slot is reused, as a decoded one's is.
  let touched = load<u32>(recBase + DECODE_TOUCHED);
  for (let i: i32 = 0; i < count; i++) {
    const e = load<u32>(JIT_ENTRIES + (<u32>i << 2));
    touched |= 1 << ((e & 0x7ff) >> 9);
    const rp = recBase + ((e & 0x7ff) << 3);
    const orig = load<u64>(rp);
    store<u64>(JIT_ORIG + (origNext << 3), orig);
    store<u64>(rp, <u64>OP_JIT | (<u64>(e >> 11) << 8) | (<u64>origNext << 32));
    origNext++;
  }
  store<u32>(recBase + DECODE_TOUCHED, touched);
  store<u16>(info, 1, 4);
  bump(JIT_STAT_COMPILES, 1);
}

// Drops the region of decode slot `slot`, if any: the entry markers get their records back.
export function jitDrop(slot: u32): void {
  const info = slotInfo(slot);
  bumpEpoch(slot);
  if (load<u16>(info, 4) == 0) return;
  store<u16>(info, 0, 4);
  const recBase = DECODE_BASE + slot * DECODE_PAGE_SIZE;
  for (let rp = recBase; rp < recBase + 0x4000; rp += 8) {
    const r = load<u64>(rp);
    if ((<u32>r & 0xff) == OP_JIT) store<u64>(rp, jitOriginal(r));
  }
  jitDropped = true;
  bump(JIT_STAT_DROPS, 1);
}

// A store changed code on the page: its region goes. A page that had one was hot and
// likely stays so (Linux patches its text while it boots: static keys, alternatives), so it is
// compiled again after an eighth of the samples, not a whole new threshold (about 2 M more
// instructions interpreted; a Linux boot stored into compiled pages 11 times, and 7 of those
// pages were compiled again). MAX_COMPILES still bounds code that keeps rewriting itself.
export function jitDropChanged(slot: u32): void {
  const info = slotInfo(slot);
  const live = load<u16>(info, 4) != 0;
  jitDrop(slot);
  if (live) store<u32>(info, max<u32>(load<u32>(info), threshold - (threshold >> 3)));
}

// The slot's record page is being emptied or reused: its markers vanish with the records.
export function jitReset(slot: u32): void {
  const info = slotInfo(slot);
  bumpEpoch(slot);
  if (load<u16>(info, 4) != 0) { bump(JIT_STAT_DROPS, 1); jitDropped = true; }
  store<u64>(info, 0);
  store<u16>(JIT_MISSED + (slot << 6), 0);
  store<u16>(JIT_STALE + (slot << 1), 0);
}

// Compiled code jumped to record `rp` of a page that has a region, but not to one of its
// entries (an indirect jump's target): remember it for the page's next compile.
export function jitMissed(recBase: u32, rp: u32): void {
  const slot = slotOf(recBase);
  if (load<u16>(slotInfo(slot), 4) == 0) return;
  const h = <u16>((rp - recBase) >> 3);
  if (listed(slot, h) || listed(slot, h | UNMARKED) || !list(slot, h)) return;
  // Hurry the recompile along: two misses count as a full set of samples.
  const info = slotInfo(slot);
  store<u32>(info, load<u32>(info) + (threshold >> 1));
}

// Whether JIT_MISSED of `slot` holds `v`; list() adds it if there is room.
function listed(slot: u32, v: u16): bool {
  const m = JIT_MISSED + (slot << 6);
  const n = <u32>load<u16>(m);
  for (let i: u32 = 0; i < n; i++) if (load<u16>(m + 2 + (i << 1)) == v) return true;
  return false;
}
function list(slot: u32, v: u16): bool {
  const m = JIT_MISSED + (slot << 6);
  const n = <u32>load<u16>(m);
  if (n >= <u32>JIT_MISSED_MAX) return false;
  store<u16>(m + 2 + (n << 1), v);
  store<u16>(m, <u16>(n + 1));
  return true;
}

// Drops every region (the saved-record area is full, or the host asked).
export function jitFlush(): void {
  for (let s: u32 = 0; s < <u32>DECODE_SLOTS; s++) jitDrop(s);
  origNext = 0;
}

// Forgets everything without touching records (they are being dropped wholesale).
export function jitResetAll(): void {
  memory.fill(JIT_MISSED, 0, DECODE_SLOTS << 6);
  memory.fill(JIT_STALE, 0, DECODE_SLOTS << 1);
  store<u32>(JIT_WANT, 0);
  for (let s: u32 = 0; s < <u32>DECODE_SLOTS; s++) {
    if (load<u16>(slotInfo(s), 4) != 0) jitDropped = true;
    store<u64>(slotInfo(s), 0);
    bumpEpoch(s);
  }
  origNext = 0;
}

export function jitClearStats(): void { memory.fill(JIT_STATS, 0, JIT_STATS_COUNT * 8); }

// Enters the region of the record page holding `rp` at the entry its OP_JIT record names.
// `page` is the virtual page the pc is on (compiled code is position-independent within a
// page: the same frame may be mapped at several addresses). run() has retired `retired` of its
// `budget`: the region may retire the rest before it must stop at its next taken jump (run()'s
// budget rule), and its counter reads add `retired` to HART_INSTRET, which run() has not yet
// (JIT_ENTRY_RETIRED). Returns the exit kind; JIT_EXIT_PC and JIT_EXIT_RETIRED say where and
// how far.
export function jitEnter(rec: u64, rp: u32, page: u64, budget: i32, retired: i32): i32 {
  const slot = slotOf(rp);
  const code = <u32>(rec >> 8) & 0xffffff;
  store<u32>(JIT_ENTRY_RETIRED, retired);
  // The region counts on from JIT_EXIT_RETIRED (a region that jumps into another passes its
  // count on there).
  store<u32>(JIT_EXIT_RETIRED, 0);
  const k = call_indirect<i32>(code >> 8, <i32>(code & 0xff), budget - retired, page);
  const ran = load<u32>(JIT_EXIT_RETIRED);
  bump(JIT_STAT_ENTRIES, 1);
  bump(JIT_STAT_INSNS, <u64>ran);
  // The entry's credit (see minRun), unless the region was dropped meanwhile.
  if (minRun != 0 && load<u64>(rp) == rec) {
    let credit = <i32>(<i64>rec >> <i64>CREDIT_SHIFT) + min<i32>(<i32>ran, CREDIT_LIMIT) - <i32>minRun;
    if (credit > CREDIT_LIMIT - 1) credit = CREDIT_LIMIT - 1;
    if (credit > -CREDIT_LIMIT) store<u64>(rp, (rec & ((<u64>1 << CREDIT_SHIFT) - 1)) | (<u64>credit << CREDIT_SHIFT));
    else {
      // Not paying: interpreted from now on (the caller goes on from JIT_EXIT_PC through the
      // records, and compiled code jumping here leaves through the dispatcher).
      const recBase = DECODE_BASE + slot * DECODE_PAGE_SIZE;
      store<u64>(rp, jitOriginal(rec));
      list(slot, <u16>((rp - recBase) >> 3) | UNMARKED);
      bump(JIT_STAT_UNPROFITABLE, 1);
    }
  }
  bump(JIT_STAT_EXIT_BRANCH + (<u32>k << 3), 1);
  const want = load<u32>(JIT_WANT);
  if (want != 0) { store<u32>(JIT_WANT, 0); stale(want - 1, load<u64>(JIT_COMPILE_VA)); }
  return k;
}

// The region of `slot` (running at virtual page `page`; this one or one it chained to) left at
// a crossing into the page after its own because that page did not map the code it was
// compiled with (translate.ts `crossInto`). If the fetch TLB holds a live entry for that page
// (a missing one is no news: the interpreter fills it, and the check passes next time), the page
// maps other code now: past JIT_STALE_LIMIT such exits, compile the page again, while no
// compiled code runs.
function stale(slot: u32, page: u64): void {
  if (slot >= <u32>DECODE_SLOTS || load<u16>(slotInfo(slot), 4) == 0) return;
  const va = page + 0x1000;
  if (!fetchHit(fetchTlb + tlbIndex(va), va)) return;
  const c = JIT_STALE + (slot << 1);
  const n = <u32>load<u16>(c) + 1;
  store<u16>(c, <u16>n);
  if (n >= <u32>JIT_STALE_LIMIT) compileSlot(slot, DECODE_BASE + slot * DECODE_PAGE_SIZE, page);
}

// The record an entry marker replaced.
export function jitOriginal(marker: u64): u64 { return load<u64>(JIT_ORIG + ((<u32>(marker >> 32) & ORIG_MASK) << 3)); }
