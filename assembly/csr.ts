// Zicsr: CSR reads and writes with the privileged spec's access rules (2.1, 3.1, 4.1) and WARL
// legalisation. Unknown CSRs and disallowed accesses raise illegal-instruction.
import {
  CSR_SLOT_MSTATUS, CSR_SLOT_MEDELEG, CSR_SLOT_MIDELEG, CSR_SLOT_MIE, CSR_SLOT_MIP_SW,
  CSR_SLOT_MTVEC, CSR_SLOT_MCOUNTEREN, CSR_SLOT_MENVCFG, CSR_SLOT_MSCRATCH, CSR_SLOT_MEPC,
  CSR_SLOT_MCAUSE, CSR_SLOT_MTVAL, CSR_SLOT_STVEC, CSR_SLOT_SCOUNTEREN, CSR_SLOT_SENVCFG,
  CSR_SLOT_SSCRATCH, CSR_SLOT_SEPC, CSR_SLOT_SCAUSE, CSR_SLOT_STVAL, CSR_SLOT_SATP,
  CSR_SLOT_MCOUNTINHIBIT, CSR_SLOT_FCSR, CSR_SLOT_PMPCFG, CSR_SLOT_PMPADDR, HART_ID, HART_INSTRET,
  HART_IDLE_TICKS, HART_CYCLE_OFFSET, PRV_M, PRV_S, PRV_U, CAUSE_ILLEGAL_INSTRUCTION,
  CSR_SLOT_STIMECMP, HART_MTIMECMP, HART_MTIME, HART_MIP_HW, IRQ_M_TIMER, IRQ_S_TIMER,
} from './abi';
import { getCsr, setCsr, getPriv, mip, raise, icountShift, trapMode } from './state';
import { updateViews, flushTlb, insnBits, selectSet } from './mmu';
import { fsEnabled, markFsDirty } from './fp';
import { triggerRead, triggerWrite } from './debug';

// The host's clock in timebase ticks (10 MHz), used when time follows the host.
@external("env", "now")
declare function hostNow(): f64;

// misa: MXL = 2 (XLEN 64); extensions A, C, D, F, I, M, S, U.
export const MISA: u64 = (<u64>2 << 62) | (1 << 0) | (1 << 2) | (1 << 3) | (1 << 5) | (1 << 8) | (1 << 12) | (1 << 18) | (1 << 20);

const MSTATUS_WRITABLE: u64 = 0x7e79aa; // SIE MIE SPIE MPIE SPP MPP FS MPRV SUM MXR TVM TW TSR
const SSTATUS_READ: u64 = 0x80000003000de762; // SIE SPIE UBE SPP VS FS XS SUM MXR UXL SD
const SSTATUS_WRITABLE: u64 = 0xc6122; // SIE SPIE SPP FS SUM MXR
const MSTATUS_XL: u64 = 0xa00000000; // UXL = SXL = 2 (64-bit), read-only
const MIE_WRITABLE: u64 = 0xaaa; // SSIE MSIE STIE MTIE SEIE MEIE
const MIP_WRITABLE: u64 = 0x222; // SSIP STIP SEIP
const MIDELEG_WRITABLE: u64 = 0x222;
const MEDELEG_WRITABLE: u64 = 0xb3ff; // every exception but M-ecall (11) and the reserved 10, 14
const ENVCFG_WRITABLE: u64 = 1; // FIOM (no Zicbo*, Svpbmt)
const MENVCFG_STCE: u64 = <u64>1 << 63; // Sstc: stimecmp drives mip.STIP
const MENVCFG_WRITABLE: u64 = ENVCFG_WRITABLE | MENVCFG_STCE;
const MIP_STIP: u64 = <u64>1 << IRQ_S_TIMER;

// Sstc is on: in trap mode always (the hypervisor, playing M-mode, enables it for its guests),
// in bare mode when M-mode set menvcfg.STCE.
@inline export function stce(): bool { return trapMode || (getCsr(CSR_SLOT_MENVCFG) & MENVCFG_STCE) != 0; }

// stimecmp as the running code sees it: trap mode's guests program the vCPU's virtual timer
// (the same comparator SBI set_timer writes), bare mode harts their own Sstc comparator.
@inline export function stimecmp(): u64 { return trapMode ? load<u64>(HART_MTIMECMP) : getCsr(CSR_SLOT_STIMECMP); }

// Sets the timer interrupt lines from the time and the comparators: MTIP from mtimecmp (in
// trap mode the guest's STIP: the vCPU's virtual timer), and in bare mode with Sstc on, STIP
// from stimecmp. In real-time mode the time is the host's view at the last run() entry.
export function updateTimer(): void {
  const now = icountShift >= 0 ? readTime(load<u64>(HART_INSTRET)) : load<u64>(HART_MTIME);
  let hw = load<u64>(HART_MIP_HW);
  const mtip = <u64>1 << (trapMode ? IRQ_S_TIMER : IRQ_M_TIMER);
  hw = now >= load<u64>(HART_MTIMECMP) ? hw | mtip : hw & ~mtip;
  if (!trapMode) hw = stce() && now >= getCsr(CSR_SLOT_STIMECMP) ? hw | MIP_STIP : hw & ~MIP_STIP;
  store<u64>(HART_MIP_HW, hw);
}

// stimecmp from below M: Sstc enabled by M-mode (menvcfg.STCE) and the time counter
// delegated (mcounteren.TM); trap-mode guests always may (virtual M-mode allows it).
function stimecmpAllowed(priv: i32): bool {
  if (priv == PRV_M || trapMode) return true;
  return stce() && (getCsr(CSR_SLOT_MCOUNTEREN) & 2) != 0;
}

// Legalises an mstatus value: SD summarises FS, UXL/SXL fixed, MPP = 2 (reserved) keeps the old.
export function writeMstatus(v: u64): void {
  const old = getCsr(CSR_SLOT_MSTATUS);
  let n = (old & ~MSTATUS_WRITABLE) | (v & MSTATUS_WRITABLE);
  if (((n >> 11) & 3) == 2) n = (n & ~(<u64>3 << 11)) | (old & (<u64>3 << 11));
  n = (n & ~(<u64>1 << 63)) | MSTATUS_XL;
  if (((n >> 13) & 3) == 3) n |= <u64>1 << 63;
  setCsr(CSR_SLOT_MSTATUS, n);
  updateViews();
}

export function readTime(instret: u64): u64 {
  if (icountShift >= 0) return ((instret << <u64>icountShift) / 100) + load<u64>(HART_IDLE_TICKS);
  return <u64>hostNow();
}

// A counter (cycle/time/instret/hpmcounterN) is readable below M only if mcounteren (and for U
// also scounteren) has its bit set.
function counterAllowed(num: u32, priv: i32): bool {
  const bit = <u64>1 << (num & 31);
  if (priv < PRV_M && (getCsr(CSR_SLOT_MCOUNTEREN) & bit) == 0) return false;
  if (priv == PRV_U && (getCsr(CSR_SLOT_SCOUNTEREN) & bit) == 0) return false;
  return true;
}

let csrOk: bool = true;

// Reads a CSR; sets csrOk = false when it does not exist.
function read(num: u32, priv: i32): u64 {
  const instret = load<u64>(HART_INSTRET);
  if (num <= 3 && num != 0) { // fflags, frm, fcsr: only while mstatus.FS is not Off
    if (!fsEnabled()) { csrOk = false; return 0; }
    const fcsr = getCsr(CSR_SLOT_FCSR);
    return num == 1 ? fcsr & 0x1f : num == 2 ? (fcsr >> 5) & 7 : fcsr & 0xff;
  }
  switch (num) {
    case 0x300: return getCsr(CSR_SLOT_MSTATUS);
    case 0x301: return MISA;
    case 0x302: return getCsr(CSR_SLOT_MEDELEG);
    case 0x303: return getCsr(CSR_SLOT_MIDELEG);
    case 0x304: return getCsr(CSR_SLOT_MIE);
    case 0x305: return getCsr(CSR_SLOT_MTVEC);
    case 0x306: return getCsr(CSR_SLOT_MCOUNTEREN);
    case 0x30a: return getCsr(CSR_SLOT_MENVCFG);
    case 0x320: return getCsr(CSR_SLOT_MCOUNTINHIBIT);
    case 0x340: return getCsr(CSR_SLOT_MSCRATCH);
    case 0x341: return getCsr(CSR_SLOT_MEPC);
    case 0x342: return getCsr(CSR_SLOT_MCAUSE);
    case 0x343: return getCsr(CSR_SLOT_MTVAL);
    case 0x344: return mip();
    case 0xf11: case 0xf12: case 0xf13: case 0xf15: return 0; // mvendorid marchid mimpid mconfigptr
    case 0xf14: return load<u64>(HART_ID);
    case 0x7a0: case 0x7a1: case 0x7a2: case 0x7a3: case 0x7a4: return triggerRead(num); // Sdtrig
    case 0xb00: return instret + load<u64>(HART_CYCLE_OFFSET); // mcycle
    case 0xb02: return instret; // minstret
    case 0x100: return getCsr(CSR_SLOT_MSTATUS) & SSTATUS_READ;
    case 0x104: return getCsr(CSR_SLOT_MIE) & getCsr(CSR_SLOT_MIDELEG);
    case 0x105: return getCsr(CSR_SLOT_STVEC);
    case 0x106: return getCsr(CSR_SLOT_SCOUNTEREN);
    case 0x10a: return getCsr(CSR_SLOT_SENVCFG);
    case 0x140: return getCsr(CSR_SLOT_SSCRATCH);
    case 0x141: return getCsr(CSR_SLOT_SEPC);
    case 0x142: return getCsr(CSR_SLOT_SCAUSE);
    case 0x143: return getCsr(CSR_SLOT_STVAL);
    case 0x144: return mip() & getCsr(CSR_SLOT_MIDELEG);
    case 0x180: return getCsr(CSR_SLOT_SATP);
    case 0x14d: if (!stimecmpAllowed(priv)) { csrOk = false; return 0; } return stimecmp();
  }
  if (num >= 0xc00 && num <= 0xc1f) { // cycle, time, instret, hpmcounter3..31
    if (!counterAllowed(num, priv)) { csrOk = false; return 0; }
    if (num == 0xc00) return instret + load<u64>(HART_CYCLE_OFFSET);
    if (num == 0xc01) return readTime(instret);
    if (num == 0xc02) return instret;
    return 0;
  }
  if ((num >= 0xb03 && num <= 0xb1f) || (num >= 0x323 && num <= 0x33f)) return 0; // mhpm*: WARL 0
  if (num >= 0x3a0 && num <= 0x3af) { // pmpcfg: only even numbers exist on RV64
    if ((num & 1) != 0) { csrOk = false; return 0; }
    return getCsr(CSR_SLOT_PMPCFG + ((num - 0x3a0) << 2));
  }
  if (num >= 0x3b0 && num <= 0x3ef) return getCsr(CSR_SLOT_PMPADDR + ((num - 0x3b0) << 3));
  csrOk = false;
  return 0;
}

function pmpLocked(i: u32): bool {
  const cfg = getCsr(CSR_SLOT_PMPCFG + ((i >> 3) << 3));
  return ((cfg >> ((i & 7) * 8)) & 0x80) != 0;
}

// Writes a CSR already known to exist and be writable at this privilege.
function write(num: u32, v: u64): void {
  switch (num) {
    case 0x001: setCsr(CSR_SLOT_FCSR, (getCsr(CSR_SLOT_FCSR) & ~<u64>0x1f) | (v & 0x1f)); markFsDirty(); return;
    case 0x002: setCsr(CSR_SLOT_FCSR, (getCsr(CSR_SLOT_FCSR) & 0x1f) | ((v & 7) << 5)); markFsDirty(); return;
    case 0x003: setCsr(CSR_SLOT_FCSR, v & 0xff); markFsDirty(); return;
    case 0x300: writeMstatus(v); return;
    case 0x302: setCsr(CSR_SLOT_MEDELEG, v & MEDELEG_WRITABLE); return;
    case 0x303: setCsr(CSR_SLOT_MIDELEG, v & MIDELEG_WRITABLE); return;
    case 0x304: setCsr(CSR_SLOT_MIE, v & MIE_WRITABLE); return;
    case 0x305: if ((v & 3) < 2) setCsr(CSR_SLOT_MTVEC, v); return; // reserved modes: ignored
    case 0x306: setCsr(CSR_SLOT_MCOUNTEREN, v & 0xffffffff); return;
    case 0x30a: setCsr(CSR_SLOT_MENVCFG, v & MENVCFG_WRITABLE); updateTimer(); return;
    case 0x320: setCsr(CSR_SLOT_MCOUNTINHIBIT, v & 0xfffffffd); return;
    case 0x340: setCsr(CSR_SLOT_MSCRATCH, v); return;
    case 0x341: setCsr(CSR_SLOT_MEPC, v & ~<u64>1); return;
    case 0x342: setCsr(CSR_SLOT_MCAUSE, v); return;
    case 0x343: setCsr(CSR_SLOT_MTVAL, v); return;
    case 0x7a0: case 0x7a1: case 0x7a2: case 0x7a3: case 0x7a4: triggerWrite(num, v); return; // Sdtrig
    case 0x344: setCsr(CSR_SLOT_MIP_SW, v & (stce() ? MIP_WRITABLE & ~MIP_STIP : MIP_WRITABLE)); return; // Sstc: STIP read-only
    // An instruction that writes mcycle or minstret does not also count itself in it
    // (privileged spec 3.1.11): this one retires after the write and adds 1 to both, so the
    // written counter is stored one lower. mcycle keeps its course while minstret jumps.
    case 0xb00: store<u64>(HART_CYCLE_OFFSET, v - 1 - load<u64>(HART_INSTRET)); return;
    case 0xb02: {
      const cycle = load<u64>(HART_INSTRET) + load<u64>(HART_CYCLE_OFFSET);
      store<u64>(HART_INSTRET, v - 1);
      store<u64>(HART_CYCLE_OFFSET, cycle - (v - 1));
      return;
    }
    case 0x14d: {
      if (trapMode) store<u64>(HART_MTIMECMP, v);
      else { setCsr(CSR_SLOT_STIMECMP, v); setCsr(CSR_SLOT_MIP_SW, getCsr(CSR_SLOT_MIP_SW) & ~MIP_STIP); }
      updateTimer();
      return;
    }
    case 0x100: {
      const ms = getCsr(CSR_SLOT_MSTATUS);
      writeMstatus((ms & ~SSTATUS_WRITABLE) | (v & SSTATUS_WRITABLE));
      return;
    }
    case 0x104: {
      const m = getCsr(CSR_SLOT_MIDELEG) & MIE_WRITABLE;
      setCsr(CSR_SLOT_MIE, (getCsr(CSR_SLOT_MIE) & ~m) | (v & m));
      return;
    }
    case 0x105: if ((v & 3) < 2) setCsr(CSR_SLOT_STVEC, v); return;
    case 0x106: setCsr(CSR_SLOT_SCOUNTEREN, v & 0xffffffff); return;
    case 0x10a: setCsr(CSR_SLOT_SENVCFG, v & ENVCFG_WRITABLE); return;
    case 0x140: setCsr(CSR_SLOT_SSCRATCH, v); return;
    case 0x141: setCsr(CSR_SLOT_SEPC, v & ~<u64>1); return;
    case 0x142: setCsr(CSR_SLOT_SCAUSE, v); return;
    case 0x143: setCsr(CSR_SLOT_STVAL, v); return;
    case 0x144: {
      const m = getCsr(CSR_SLOT_MIDELEG) & 2; // only SSIP is writable through sip
      setCsr(CSR_SLOT_MIP_SW, (getCsr(CSR_SLOT_MIP_SW) & ~m) | (v & m));
      return;
    }
    case 0x180: {
      // WARL: an unsupported MODE leaves satp unchanged (Linux probes Sv57, Sv48, Sv39 so).
      const mode = v >> 60;
      if (mode != 0 && mode != 8 && mode != 9) return;
      setCsr(CSR_SLOT_SATP, v); // MODE, 16-bit ASID and 44-bit PPN are all writable
      // Bare mode: the TLB is not tagged, so it starts afresh. Trap mode: switch to the shadow
      // set of this address space (cached across switches).
      if (trapMode) selectSet(); else flushTlb();
      return;
    }
  }
  if (num >= 0x3a0 && num <= 0x3af) {
    // pmpcfg: WARL storage; locked entries keep their value, bits 5-6 read as zero.
    const slot = CSR_SLOT_PMPCFG + ((num - 0x3a0) << 2);
    const old = getCsr(slot);
    let n: u64 = 0;
    for (let i: u32 = 0; i < 8; i++) {
      const sh = <u64>(i * 8);
      const idx = ((num - 0x3a0) << 2) + i;
      n |= (pmpLocked(idx) ? (old >> sh) & 0xff : (v >> sh) & 0x9f) << sh;
    }
    setCsr(slot, n);
    return;
  }
  if (num >= 0x3b0 && num <= 0x3ef) {
    const i = num - 0x3b0;
    if (!pmpLocked(i)) setCsr(CSR_SLOT_PMPADDR + (i << 3), v & 0x3fffffffffffff);
  }
  // counters and mhpm*: writes ignored (read-only zero or WARL zero)
}

// Executes one Zicsr instruction at pc. kind: 0 rw, 1 rs, 2 rc. Returns the old value for rd,
// or raises illegal-instruction (tval = the instruction bits) and returns 0.
export function csrAccess(num: u32, kind: u32, src: u64, doRead: bool, doWrite: bool, pc: u64): u64 {
  const priv = getPriv();
  csrOk = true;
  // The CSR number encodes the lowest privilege (bits 9:8) and read-only (bits 11:10 = 3).
  if (priv < <i32>((num >> 8) & 3) || (doWrite && (num >> 10) == 3)) { csrOk = false; }
  // TVM traps S-mode satp accesses.
  else if (num == 0x180 && priv == PRV_S && (getCsr(CSR_SLOT_MSTATUS) & (1 << 20)) != 0) csrOk = false;
  let old: u64 = 0;
  if (csrOk) old = read(num, priv);
  if (!csrOk) { raise(CAUSE_ILLEGAL_INSTRUCTION, insnBits(pc)); return 0; }
  if (doWrite) {
    // Only mip's software-writable bits take part in csrrs/csrrc: a device's SEIP or MTIP level
    // must not be copied into the software SEIP bit (privileged spec 3.1.9).
    const base = num == 0x344 ? getCsr(CSR_SLOT_MIP_SW) : old;
    const v = kind == 0 ? src : kind == 1 ? base | src : base & ~src;
    write(num, v);
  }
  return doRead ? old : 0;
}

// cycle, time or instret (num 0xc00-0xc02) as csrrs rd, num, x0 reads it at the current
// privilege, for compiled code; csrPeekOk() false when the read would raise (the caller leaves it
// to the interpreter, which raises). The same rules and values as csrAccess.
export function counterRead(num: u32): u64 { csrOk = true; return read(num, getPriv()); }

export function resetCsrs(): void {
  setCsr(CSR_SLOT_MSTATUS, MSTATUS_XL);
}

// For the debugger (src/debug): CSR `num` as M-mode reads it and writes it, without the access
// rules of instructions (fflags/frm/fcsr still need mstatus.FS on). csrPeekOk() says whether
// the last csrPeek found the CSR (or the last counterRead was allowed).
export function csrPeek(num: u32): u64 { csrOk = true; return read(num, PRV_M); }
export function csrPeekOk(): bool { return csrOk; }
export function csrPoke(num: u32, v: u64): void { write(num, v); }
