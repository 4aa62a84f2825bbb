// The core's exports: what the host (src/machine) may call. Everything else is internal.
import {
  HART_BASE, HART_SIZE, HART_PRIV, HART_ID, HART_RESERVATION, HART_MTIMECMP,
  RAM_HOST_BASE, REC_REFILL, REC_SCRATCH, TLB_BASE, TLB_VIEWS, TLB_VIEW_SIZE, STATS_BASE, EXIT_BASE, PRV_M,
} from './abi';
import { setRam, setIcount, setHtif, setPc, setX } from './state';
import { flushTlb, flushDecodeCache, invalidateRange, updateViews } from './mmu';
import { resetCsrs } from './csr';
import { decode } from './decode';
import { OP_REFILL } from './opcodes';
export { run } from './interp';
export { invalidateRange, flushTlb, updateViews };

// Sizes linear memory for `ramSize` bytes of guest RAM at guest-physical `ramBase`. Returns 0,
// or -1 if the host refused to grow memory.
export function init(ramBase: u64, ramSize: u64): i32 {
  const need = <i32>((<u64>RAM_HOST_BASE + ramSize + 0xffff) >> 16);
  const have = memory.size();
  if (need > have && memory.grow(need - have) < 0) return -1;
  setRam(ramBase, ramSize);
  memory.fill(TLB_BASE, 0xff, TLB_VIEWS * TLB_VIEW_SIZE);
  memory.fill(STATS_BASE, 0, 0x100);
  memory.fill(EXIT_BASE, 0, 0x100);
  flushDecodeCache();
  store<u64>(REC_REFILL, OP_REFILL);
  store<u64>(REC_SCRATCH + 8, OP_REFILL);
  store<u64>(REC_SCRATCH + 16, OP_REFILL);
  return 0;
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
  setPc(pc);
  setX(10 << 3, hartId);
  setX(11 << 3, a1);
  updateViews();
  flushTlb();
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
