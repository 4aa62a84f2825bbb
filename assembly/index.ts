// The core's exports: what the host (src/machine) may call. Everything else is internal.
import {
  HART_BASE, HART_SIZE, HART_PRIV, HART_PC, HART_ID, HART_RESERVATION, HART_MTIMECMP,
  RAM_HOST_BASE, REC_REFILL, REC_SCRATCH, TLB_BASE, TLB_SETS, TLB_SET_SIZE, SET_TAGS, STATS_BASE, EXIT_BASE, PRV_M,
  PRV_S, MAP_BASE, MAP_PRESENT, SET_USED, SET_VICTIM, GUEST_TRAP, GUEST_WP, HV_STATS, HV_STATS_COUNT,
  FRAME_FLAGS, DEBUG_BASE, DEBUG_MARKS, DEBUG_MARKS_SIZE, HART_INSTRET, JIT_ENTRY_RETIRED, JIT_COUNTER_STATUS, CSR_SLOT_MEDELEG, CSR_SLOT_MIDELEG, CSR_SLOT_MCOUNTEREN, CSR_SLOT_SCOUNTEREN, CSR_SLOT_MSTATUS,
} from './abi';
import { setRam, setIcount, setHtif, setPc, setX, setGuestState, setCsr, getCsr, memStatus, MEM_OK, MEM_EXIT } from './state';
import {
  flushTlb, flushDecodeCache, invalidateHost, updateViews, selectSet, translate, ACCESS_LOAD, hostWrotePageTables,
  frameReleased, flushEverySet, resetSets,
} from './mmu';
import { resetCsrs, counterRead, csrPeekOk } from './csr';
import { takeTrap, pendingInterrupt } from './trap';
import { decode } from './decode';
import { OP_REFILL } from './opcodes';
import { mulDiv, bitmanip, atomic } from './interp';
import { watchKinds } from './debug';
import { clearStoreHints } from './mmu';
import { jitDropped, jitClearDropped } from './jit';
import { fpExec, fpArith, fpRm, MSTATUS_FS } from './fp';
import { CSR_SLOT_FCSR } from './abi';
import * as SF from './softfloat';
import { OP_FMADD_S, OP_FDIV_S, OP_FADD_D, OP_FDIV_D, OP_ADD_UW } from './opcodes';
export { fetchTlb, loadTlb, storeTlb } from './mmu';
export { jitConfigure, jitFlush, jitClearStats, jitInstall } from './jit';
export { run, step } from './interp';
export { debugUpdate, debugTranslate, triggersChanged as debugReload } from './debug';
export { csrPeek, csrPeekOk, csrPoke } from './csr';
import { resetTriggers } from './debug';
export { invalidateHost, flushTlb, updateViews, selectSet, hostWrotePageTables, frameReleased, flushEverySet, resetSets };

let memoryReady = false;

// Makes linear memory hold `bytes` of real memory (frames) after RAM_HOST_BASE. Returns 0, or
// -1 if the host refused to grow memory. The first call also clears the core's tables.
export function reserve(bytes: u64): i32 {
  const need = <i32>((<u64>RAM_HOST_BASE + bytes + 0xffff) >> 16);
  const have = memory.size();
  if (need > have && memory.grow(need - have) < 0) return -1;
  if (!memoryReady) {
    memoryReady = true;
    // The TLB sets (12 MiB) are not filled here: a set is emptied when it is first selected
    // (mmu.ts selectSet, SET_NEVER_EMPTIED), so a machine that uses one set touches 768 KiB.
    memory.fill(SET_USED, 0xff, TLB_SETS * 4);
    memory.fill(TLB_BASE, 0xff, TLB_SET_SIZE); // set 0 runs until the first selectSet
    store<u32>(SET_USED, 0);
    memory.fill(SET_VICTIM, 0, TLB_SETS * 4);
    memory.fill(SET_TAGS, 0xff, TLB_SETS * 8); // no satp names a set it was not emptied for
    memory.fill(STATS_BASE, 0, 0x100);
    memory.fill(HV_STATS, 0, HV_STATS_COUNT * 8);
    memory.fill(EXIT_BASE, 0, 0x100);
    memory.fill(FRAME_FLAGS, 0, RAM_HOST_BASE - FRAME_FLAGS);
    clearStoreHints();
    memory.fill(DEBUG_BASE, 0, DEBUG_MARKS + DEBUG_MARKS_SIZE - DEBUG_BASE);
    store<u64>(REC_REFILL, OP_REFILL);
    store<u64>(REC_SCRATCH + 8, OP_REFILL);
    store<u64>(REC_SCRATCH + 16, OP_REFILL);
    flushDecodeCache();
  }
  return 0;
}

// Bare mode, one machine: `ramSize` bytes of RAM at guest-physical `ramBase`, identity-mapped
// onto the frames from RAM_HOST_BASE. Returns 0, or -1 if memory could not grow.
export function init(ramBase: u64, ramSize: u64): i32 {
  if (reserve(ramSize) != 0) return -1;
  const pages = <u32>(ramSize >> 12);
  for (let i: u32 = 0; i < pages; i++) store<u32>(MAP_BASE + (i << 2), (RAM_HOST_BASE + (i << 12)) | MAP_PRESENT);
  setGuest(ramBase, ramSize, MAP_BASE, 0, 1, 0);
  return 0;
}

// Makes a guest the running one: its RAM range, its frame map (entries the host filled), its
// TLB sets and its mode flags (GUEST_TRAP, GUEST_WP). The host then loads one of its harts.
export function setGuest(ramBase: u64, ramSize: u64, map: u32, setLo: u32, setCount: u32, flags: u32): void {
  setRam(ramBase, ramSize);
  setGuestState(map, setLo, setCount, (flags & GUEST_TRAP) != 0, (flags & GUEST_WP) != 0);
  // Trap mode: the shadow set is the one of the hart's satp, which the host loads next
  // (Core.loadHart selects it). Selecting here, by the satp still loaded (the previous guest's),
  // took one of this guest's sets over and emptied it at every guest switch: with one set per
  // guest (16 guests or more), each wake-up of an idle guest refilled its whole shadow.
  if ((flags & GUEST_TRAP) == 0) selectSet();
}

// Puts the hart in its reset state (privileged spec 3.4): M-mode, mstatus.MIE = 0, at `pc`
// with a0 = hart id and a1 = the device-tree address.
export function resetHart(hartId: u64, pc: u64, a1: u64): void {
  memory.fill(HART_BASE, 0, HART_SIZE);
  store<u64>(HART_ID, hartId);
  store<u64>(HART_PRIV, PRV_M);
  store<u64>(HART_RESERVATION, <u64>-1);
  store<u64>(HART_MTIMECMP, <u64>-1);
  resetCsrs();
  resetTriggers();
  setPc(pc);
  setX(10 << 3, hartId);
  setX(11 << 3, a1);
  selectSet();
  flushTlb();
}

// Trap mode: a vCPU entering its guest the way an SBI implementation starts an S-mode payload
// (and HSM hart_start a hart): virtual S-mode, satp = 0, interrupts off, a0 = hart id, a1 =
// opaque. The guest has no M-mode: every exception and S-level interrupt is the guest's own
// (medeleg/mideleg are the hypervisor's, fixed), and the counters are readable from S.
export function resetVcpu(hartId: u64, pc: u64, a1: u64): void {
  resetHart(hartId, pc, a1);
  setCsr(CSR_SLOT_MEDELEG, 0xb1ff);
  setCsr(CSR_SLOT_MIDELEG, 0x222);
  setCsr(CSR_SLOT_MCOUNTEREN, 7);
  // What a guest sees at entry is what OpenSBI (the bare-mode reference) hands an S-mode
  // payload: scounteren = 7 (cycle, time, instret readable from U; Linux's vDSO reads time
  // there, and Linux narrows it to time only when the SBI offers PMU) and mstatus.FS = Dirty.
  // The spec leaves both reset values open; matching OpenSBI keeps bare and trap runs alike.
  setCsr(CSR_SLOT_SCOUNTEREN, 7);
  setCsr(CSR_SLOT_MSTATUS, getCsr(CSR_SLOT_MSTATUS) | (<u64>3 << 13) | (<u64>1 << 63));
  store<u64>(HART_PRIV, PRV_S);
  selectSet();
}

// The guest-physical address a load at `va` would use in the hart's current mode (A bits set
// as a real access would), or all ones if it would fault. For SBI calls that pass pointers.
// All ones but one: a page of the guest's page tables has no frame (EXIT_ADDR says which);
// the host makes it present and asks again.
export function translateLoad(va: u64): u64 {
  const pa = translate(va, ACCESS_LOAD);
  if (memStatus == MEM_EXIT) { memStatus = MEM_OK; return <u64>-2; }
  if (memStatus != MEM_OK) { memStatus = MEM_OK; return <u64>-1; }
  return pa;
}

// Trap mode, for the TypeScript slow path: deliver an exception to the guest at its pc.
export function reflect(cause: u64, tval: u64): void {
  setPc(takeTrap(load<u64>(HART_PC), cause, tval));
}

export function configure(icountShift: i32, tohost: u64, fromhost: u64): void {
  setIcount(icountShift);
  setHtif(tohost, fromhost);
}

// Drops all cached translations and decoded instructions (after the host rewrites RAM).
export function flushAll(): void { flushDecodeCache(); }

// For the decoder test: the decoded record of one instruction word.
export function decodeWord(insn: u32): u64 { return decode(insn); }


// End of AssemblyScript's static data: must stay below HART_BASE (checked by test/abi.test.ts).
export function staticDataEnd(): usize { return __heap_base; }

// ---- for compiled code (src/jit/): M ops, atomics, F/D slow paths ----
// M ops that are not one wasm operator, and the Zba/Zbb/Zbc/Zbs ops the translator does not inline.
export function jitMulDiv(op: i32, a: u64, b: u64): u64 { return op >= OP_ADD_UW ? bitmanip(op, a, b) : mulDiv(op, a, b); }

// LR, SC or an AMO for compiled code, by the interpreter's own atomic(): 0 done, 1 not done and
// nothing changed (an exception, a page the host must bring in, a watchpoint: the interpreter
// runs it again and takes the same path), 2 done but it dropped compiled code (the region that
// made it must stop). x registers are in memory (compiled code writes them through).
export function jitAtomic(rec: u64): i32 {
  if (watchKinds != 0) return 1;
  jitClearDropped();
  if (!atomic(<i32>rec & 0xff, rec)) { memStatus = MEM_OK; return 1; }
  return jitDropped ? 2 : 0;
}

// A read of cycle, time or instret (csrrs/csrrc rd, 0xc00-0xc02, x0: rdtime and friends, which
// delay loops and clock_gettime's vDSO poll) for compiled code, `retired` the instructions the
// region retired before it: the value the interpreter would read there, with JIT_COUNTER_STATUS 0;
// or status 1 and nothing changed when the interpreter must run it (the read raises, or an
// interrupt is pending and enabled: the interpreter takes it right after a CSR instruction).
// HART_INSTRET lags behind while run() and regions count on (JIT_ENTRY_RETIRED, `retired`).
export function jitCounter(rec: u64, retired: i32): u64 {
  const instret = load<u64>(HART_INSTRET);
  store<u64>(HART_INSTRET, instret + <u64>load<u32>(JIT_ENTRY_RETIRED) + <u64>retired);
  const v = counterRead(<u32>(rec >> 32) & 0xfff);
  const ok = csrPeekOk() && pendingInterrupt() == 0;
  store<u64>(HART_INSTRET, instret);
  store<u32>(JIT_COUNTER_STATUS, ok ? 0 : 1);
  return v;
}

// An F/D register operation (not a load or store) for compiled code, exactly as the hot loop
// runs it: returns 1, with nothing changed, when the interpreter must do it instead (FS not
// Dirty, a reserved rounding mode). x registers it reads or writes are in memory (the caller
// stores them before and reloads after).
export function jitFp(rec: u64): i32 {
  const op = <i32>rec & 0xff;
  if ((getCsr(CSR_SLOT_MSTATUS) & MSTATUS_FS) != MSTATUS_FS) return 1;
  if ((op >= OP_FMADD_S && op <= OP_FDIV_S) || (op >= OP_FADD_D && op <= OP_FDIV_D)) {
    const fcsr = getCsr(CSR_SLOT_FCSR);
    const rm = fpRm(op, rec, fcsr);
    if (rm > 4) return 1;
    SF.fflags = 0;
    fpArith(op, rec, rm, fcsr);
    if (SF.fflags != 0) setCsr(CSR_SLOT_FCSR, fcsr | SF.fflags);
    return 0;
  }
  if (!fpExec(op, rec, 0)) { memStatus = MEM_OK; return 1; }
  return 0;
}
