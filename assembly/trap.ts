// Trap entry and return, and interrupt selection: privileged spec 3.1.6-3.1.9, 3.1.14 and 3.3.
import {
  CSR_SLOT_MSTATUS, CSR_SLOT_MEDELEG, CSR_SLOT_MIDELEG, CSR_SLOT_MIE, CSR_SLOT_MTVEC,
  CSR_SLOT_MEPC, CSR_SLOT_MCAUSE, CSR_SLOT_MTVAL, CSR_SLOT_STVEC, CSR_SLOT_SEPC, CSR_SLOT_SCAUSE,
  CSR_SLOT_STVAL, PRV_M, PRV_S, PRV_U, HART_RESERVATION, STAT_TRAPS, STAT_INTERRUPTS, HV_REFLECT, HV_IRQ,
} from './abi';
import { getCsr, setCsr, getPriv, setPrivRaw, mip, trapMode } from './state';
import { updateViews } from './mmu';

export const MSTATUS_SIE: u64 = 1 << 1;
export const MSTATUS_MIE: u64 = 1 << 3;
export const MSTATUS_SPIE: u64 = 1 << 5;
export const MSTATUS_MPIE: u64 = 1 << 7;
export const MSTATUS_SPP: u64 = 1 << 8;
export const MSTATUS_MPP: u64 = 3 << 11;
export const MSTATUS_MPRV: u64 = 1 << 17;

export function setPriv(p: i32): void {
  setPrivRaw(p);
  updateViews();
}

// Enters the trap handler for `cause` (bit 63 set for interrupts) taken at `pc`; returns the
// handler's address. Exceptions from S or U that medeleg/mideleg delegate go to S-mode.
export function takeTrap(pc: u64, cause: u64, tval: u64): u64 {
  const interrupt = (cause >> 63) != 0;
  const code = cause & 63;
  const priv = getPriv();
  const deleg = getCsr(interrupt ? CSR_SLOT_MIDELEG : CSR_SLOT_MEDELEG);
  store<u64>(HART_RESERVATION, <u64>-1); // a trap breaks any LR/SC sequence
  store<u64>(interrupt ? STAT_INTERRUPTS : STAT_TRAPS, load<u64>(interrupt ? STAT_INTERRUPTS : STAT_TRAPS) + 1);
  let ms = getCsr(CSR_SLOT_MSTATUS);
  let tvec: u64;
  // Trap mode: the guest has no M-mode, so whatever it raises is reflected to its own S-mode
  // (the hypervisor's exits never get here).
  if (trapMode) {
    const c = (interrupt ? HV_IRQ : HV_REFLECT) + (<u32>(code & 15) << 3);
    store<u64>(c, load<u64>(c) + 1);
  }
  if (priv <= PRV_S && (trapMode || ((deleg >> code) & 1) != 0)) {
    setCsr(CSR_SLOT_SCAUSE, cause);
    setCsr(CSR_SLOT_SEPC, pc);
    setCsr(CSR_SLOT_STVAL, tval);
    ms = (ms & ~(MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE)) | (<u64>priv << 8) |
      ((ms & MSTATUS_SIE) << 4);
    setCsr(CSR_SLOT_MSTATUS, ms);
    tvec = getCsr(CSR_SLOT_STVEC);
    setPriv(PRV_S);
  } else {
    setCsr(CSR_SLOT_MCAUSE, cause);
    setCsr(CSR_SLOT_MEPC, pc);
    setCsr(CSR_SLOT_MTVAL, tval);
    ms = (ms & ~(MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE)) | (<u64>priv << 11) |
      ((ms & MSTATUS_MIE) << 4);
    setCsr(CSR_SLOT_MSTATUS, ms);
    tvec = getCsr(CSR_SLOT_MTVEC);
    setPriv(PRV_M);
  }
  // Vectored mode (MODE = 1) sends interrupts to BASE + 4 * cause.
  if ((tvec & 1) != 0 && interrupt) return (tvec & ~<u64>3) + (code << 2);
  return tvec & ~<u64>3;
}

// The highest-priority pending and enabled interrupt, as an mcause value, or 0 for none.
// Order (3.1.9): MEI, MSI, MTI, SEI, SSI, STI; interrupts for M-mode before those for S-mode.
export function pendingInterrupt(): u64 {
  const pending = mip() & getCsr(CSR_SLOT_MIE);
  if (pending == 0) return 0;
  const priv = getPriv();
  const ms = getCsr(CSR_SLOT_MSTATUS);
  const mideleg = getCsr(CSR_SLOT_MIDELEG);
  const mEnabled = priv < PRV_M || (ms & MSTATUS_MIE) != 0;
  const sEnabled = priv < PRV_S || (priv == PRV_S && (ms & MSTATUS_SIE) != 0);
  let irqs = mEnabled ? pending & ~mideleg : 0;
  if (irqs == 0 && sEnabled) irqs = pending & mideleg;
  if (irqs == 0) return 0;
  const I: u64 = <u64>1 << 63;
  if (irqs & (1 << 11)) return I | 11;
  if (irqs & (1 << 3)) return I | 3;
  if (irqs & (1 << 7)) return I | 7;
  if (irqs & (1 << 9)) return I | 9;
  if (irqs & (1 << 1)) return I | 1;
  if (irqs & (1 << 5)) return I | 5;
  return 0;
}

export function checkInterrupts(pc: u64): u64 {
  const cause = pendingInterrupt();
  return cause == 0 ? pc : takeTrap(pc, cause, 0);
}

// mret: privilege from MPP, MIE from MPIE; MPRV cleared when leaving M (spec 1.12, 3.1.6.1).
export function doMret(): u64 {
  const ms = getCsr(CSR_SLOT_MSTATUS);
  const mpp = <i32>(ms >> 11) & 3;
  let n = (ms & ~(MSTATUS_MIE | MSTATUS_MPP)) | ((ms & MSTATUS_MPIE) >> 4) | MSTATUS_MPIE;
  if (mpp != PRV_M) n &= ~MSTATUS_MPRV;
  setCsr(CSR_SLOT_MSTATUS, n);
  setPriv(mpp);
  return getCsr(CSR_SLOT_MEPC);
}

export function doSret(): u64 {
  const ms = getCsr(CSR_SLOT_MSTATUS);
  const spp = <i32>(ms >> 8) & 1;
  const n = (ms & ~(MSTATUS_SIE | MSTATUS_SPP | MSTATUS_MPRV)) | ((ms & MSTATUS_SPIE) >> 4) | MSTATUS_SPIE;
  setCsr(CSR_SLOT_MSTATUS, n);
  setPriv(spp == 1 ? PRV_S : PRV_U);
  return getCsr(CSR_SLOT_SEPC);
}
