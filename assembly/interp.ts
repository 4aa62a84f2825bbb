// The interpret loop: load a decoded record, dispatch on its op with a dense switch, repeat.
//
// Hot-path rules: no allocation, no managed objects, no host calls, and no per-instruction
// checks beyond the dispatch itself. `rp` points at the next record; straight-line code just
// advances it. Leaving the current page is caught by sentinel REFILL records (at the end of
// every decoded page, and REC_REFILL, where traps, xRET, CSR writes, sfence.vma and jumps to
// another page send rp). The budget is checked only at taken jumps and REFILL, which every
// loop passes through; straight-line code cannot run past a page without meeting a REFILL.
import * as O from './opcodes';
import {
  HART_INSTRET, HART_MTIMECMP, HART_RESERVATION, HART_RESV_VALUE,
  EXIT_PENDING, EXIT_FAULT, EXIT_IS_WRITE, EXIT_RD, EXIT_SIGNED, EXIT_LEN, EXIT_SIZE, EXIT_VALUE,
  EXIT_VADDR, EXIT_CODE, EXIT_RETIRED, EXIT_BUDGET, EXIT_WFI, CSR_SLOT_MIE, CSR_SLOT_MSTATUS, CSR_SLOT_FCSR,
  REC_REFILL, REC_SCRATCH, HART_F, DECODE_TOUCHED,
  PRV_M, PRV_S, PRV_U, CAUSE_ILLEGAL_INSTRUCTION, CAUSE_BREAKPOINT, CAUSE_LOAD_ACCESS,
  CAUSE_STORE_ACCESS, EXIT_SBI, EXIT_HV, EXIT_PAGE, HV_CSR, HV_SRET,
  HV_SFENCE_ALL, HV_SFENCE_ASID, HV_SFENCE_ADDR, HV_WFI, HV_ECALL, STAT_TLB_HIT, HV_STIMECMP,
} from './abi';
import { EXIT_DEBUG, DEBUG_LOAD, DEBUG_STORE } from './abi';
import { raise } from './state';
import {
  getX, setX, getPc, setPc, getPriv, getCsr, setCsr, mip, memStatus, MEM_OK, MEM_TRAP, MEM_EXIT,
  pendingCause, pendingTval, icountShift, trapMode, wpMode,
} from './state';
import {
  fetchRefill, rawOfRecords, fetchSecondHalf, atomicAddr, flushTlb, flushTlbPage, flushGuestAsid,
  insnBits, loadSlow, storeSlow, fetchTlb, loadTlb, storeTlb, tlbIndex, fetchHit,
} from './mmu';
import { decode, fRd, fLen, fStep, fRs1, fRs2, fImm } from './decode';
import { takeTrap, checkInterrupts, doMret, doSret } from './trap';
import { csrAccess, readTime, updateTimer, stce, stimecmp } from './csr';
import { fpExec, fpArith, fpRm, MSTATUS_FS } from './fp';
import * as SF from './softfloat';
import { jitOn, jitSample, jitEnter, jitMissed, jitOriginal, jitChunk, JIT_CHUNK } from './jit';
// The record a region left at for the interpreter (INSN exit): not to be entered again at once.
let jitNoEnter: u32 = 0;
import { OP_JIT, JIT_EXIT_PC, JIT_EXIT_RETIRED, JIT_EXIT_REC, JIT_EXIT_BRANCH, JIT_EXIT_INSN } from './abi';
import { execMarked, isMarked, execHit, watchKinds, watchHit, DEBUG_STOP, HIT_HOST, HIT_TRIGGER } from './debug';

@inline function sext32(v: u64): u64 { return <u64><i64><i32>v; }

const NO_PAGE: u64 = 1; // never equal to a page address
// A record base no branch can reach from the scratch record (branch offsets are +-16 KiB of
// records), so branches from there always go through REFILL.
const NO_RECORDS: u32 = 0x80000000;

// Decodes the instruction at pc into its record slot. An instruction that straddles two pages
// is decoded afresh each time (marked CROSS) because the second page may change on its own.
// Where the debugger or a trigger may stop (debug.ts) the slot gets OP_DEBUG instead.
function decodeAt(pc: u64, slot: u32): u64 {
  const off = <u32>pc & 0xfff;
  const recBase = slot - (off << 2);
  const raw = rawOfRecords(recBase) + off;
  const watched = execMarked && isMarked(off);
  store<u32>(recBase + DECODE_TOUCHED, load<u32>(recBase + DECODE_TOUCHED) | (1 << (off >> 10)));
  let bits = <u32>load<u16>(raw);
  if ((bits & 3) == 3) {
    if (off == 0xffe) {
      store<u64>(recBase + (off << 2), watched ? O.OP_DEBUG : O.OP_CROSS);
      const hi = fetchSecondHalf(pc);
      if (memStatus != MEM_OK) return 0;
      return decode(bits | (hi << 16));
    }
    bits |= <u32>load<u16>(raw + 2) << 16;
  }
  const r = decode(bits);
  store<u64>(recBase + (off << 2), watched ? O.OP_DEBUG : r);
  return r;
}


@inline function mulhu(a: u64, b: u64): u64 {
  const a0 = a & 0xffffffff, a1 = a >> 32, b0 = b & 0xffffffff, b1 = b >> 32;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const mid = (p00 >> 32) + (p01 & 0xffffffff) + (p10 & 0xffffffff);
  return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

// The M-extension operations that are not a single wasm instruction. Division by zero and
// overflow give the spec's results (unprivileged spec 13.2); wasm would trap on them.
export function mulDiv(op: i32, a: u64, b: u64): u64 {
  switch (op) {
    case O.OP_MULH: {
      let h = mulhu(a, b);
      if (<i64>a < 0) h -= b;
      if (<i64>b < 0) h -= a;
      return h;
    }
    case O.OP_MULHSU: {
      let h = mulhu(a, b);
      if (<i64>a < 0) h -= b;
      return h;
    }
    case O.OP_MULHU: return mulhu(a, b);
    case O.OP_DIV: {
      if (b == 0) return <u64>-1;
      if (a == <u64>i64.MIN_VALUE && b == <u64>-1) return a;
      return <u64>(<i64>a / <i64>b);
    }
    case O.OP_DIVU: return b == 0 ? <u64>-1 : a / b;
    case O.OP_REM: {
      if (b == 0) return a;
      if (a == <u64>i64.MIN_VALUE && b == <u64>-1) return 0;
      return <u64>(<i64>a % <i64>b);
    }
    case O.OP_REMU: return b == 0 ? a : a % b;
    case O.OP_DIVW: {
      const x = <i32>a, y = <i32>b;
      if (y == 0) return <u64>-1;
      if (x == i32.MIN_VALUE && y == -1) return sext32(<u64><u32>x);
      return <u64><i64>(x / y);
    }
    case O.OP_DIVUW: {
      const x = <u32>a, y = <u32>b;
      return sext32(y == 0 ? 0xffffffff : x / y);
    }
    case O.OP_REMW: {
      const x = <i32>a, y = <i32>b;
      if (y == 0) return <u64><i64>x;
      if (x == i32.MIN_VALUE && y == -1) return 0;
      return <u64><i64>(x % y);
    }
    default: { // remuw
      const x = <u32>a, y = <u32>b;
      return sext32(y == 0 ? x : x % y);
    }
  }
}

// Carry-less multiply (Zbc): the low and high halves of the 128-bit product.
function clmulLo(a: u64, b: u64): u64 {
  let r: u64 = 0;
  for (let i: u64 = 0; i < 64; i++) if (((b >> i) & 1) != 0) r ^= a << i;
  return r;
}
// clmulh (width 64): bits 127..64 of the product; clmulr (width 63): bits 126..63.
function clmulHi(a: u64, b: u64, width: u64): u64 {
  let r: u64 = 0;
  for (let i: u64 = width - 63; i < 64; i++) if (((b >> i) & 1) != 0) r ^= a >> (width - i);
  return r;
}

// Zba, Zbb, Zbc, Zbs (unprivileged spec chapter 28). `b` is rs2, or the immediate for the
// immediate forms; wasm's shifts and rotates already take the amount modulo 64 (or 32).
export function bitmanip(op: i32, a: u64, b: u64): u64 {
  switch (op) {
    case O.OP_ADD_UW: return (a & 0xffffffff) + b;
    case O.OP_SH1ADD: return (a << 1) + b;
    case O.OP_SH2ADD: return (a << 2) + b;
    case O.OP_SH3ADD: return (a << 3) + b;
    case O.OP_SH1ADD_UW: return ((a & 0xffffffff) << 1) + b;
    case O.OP_SH2ADD_UW: return ((a & 0xffffffff) << 2) + b;
    case O.OP_SH3ADD_UW: return ((a & 0xffffffff) << 3) + b;
    case O.OP_SLLI_UW: return (a & 0xffffffff) << b;
    case O.OP_ANDN: return a & ~b;
    case O.OP_ORN: return a | ~b;
    case O.OP_XNOR: return ~(a ^ b);
    case O.OP_CLZ: return clz(a);
    case O.OP_CTZ: return ctz(a);
    case O.OP_CPOP: return popcnt(a);
    case O.OP_CLZW: return <u64>clz(<u32>a);
    case O.OP_CTZW: return <u64>ctz(<u32>a);
    case O.OP_CPOPW: return <u64>popcnt(<u32>a);
    case O.OP_MAX: return <i64>a > <i64>b ? a : b;
    case O.OP_MAXU: return a > b ? a : b;
    case O.OP_MIN: return <i64>a < <i64>b ? a : b;
    case O.OP_MINU: return a < b ? a : b;
    case O.OP_SEXT_B: return <u64><i64><i8>a;
    case O.OP_SEXT_H: return <u64><i64><i16>a;
    case O.OP_ZEXT_H: return a & 0xffff;
    case O.OP_ROL: return rotl(a, b);
    case O.OP_ROR: case O.OP_RORI: return rotr(a, b);
    case O.OP_ROLW: return sext32(<u64>rotl(<u32>a, <u32>b));
    case O.OP_RORW: case O.OP_RORIW: return sext32(<u64>rotr(<u32>a, <u32>b));
    case O.OP_ORC_B: {
      let r: u64 = 0;
      for (let i: u64 = 0; i < 64; i += 8) if (((a >> i) & 0xff) != 0) r |= <u64>0xff << i;
      return r;
    }
    case O.OP_REV8: return bswap(a);
    case O.OP_CLMUL: return clmulLo(a, b);
    case O.OP_CLMULH: return clmulHi(a, b, 64);
    case O.OP_CLMULR: return clmulHi(a, b, 63);
    case O.OP_BCLR: case O.OP_BCLRI: return a & ~(<u64>1 << (b & 63));
    case O.OP_BEXT: case O.OP_BEXTI: return (a >> (b & 63)) & 1;
    case O.OP_BINV: case O.OP_BINVI: return a ^ (<u64>1 << (b & 63));
    default: return a | (<u64>1 << (b & 63)); // bset, bseti
  }
}

function amo32(op: i32, h: u32, b: u64): u64 {
  const old = load<u32>(h);
  const s = <u32>b;
  let n: u32;
  switch (op) {
    case O.OP_AMOSWAP_W: n = s; break;
    case O.OP_AMOADD_W: n = old + s; break;
    case O.OP_AMOXOR_W: n = old ^ s; break;
    case O.OP_AMOAND_W: n = old & s; break;
    case O.OP_AMOOR_W: n = old | s; break;
    case O.OP_AMOMIN_W: n = <i32>old < <i32>s ? old : s; break;
    case O.OP_AMOMAX_W: n = <i32>old > <i32>s ? old : s; break;
    case O.OP_AMOMINU_W: n = old < s ? old : s; break;
    default: n = old > s ? old : s; break; // amomaxu.w
  }
  store<u32>(h, n);
  return sext32(old);
}

function amo64(op: i32, h: u32, s: u64): u64 {
  const old = load<u64>(h);
  let n: u64;
  switch (op) {
    case O.OP_AMOSWAP_D: n = s; break;
    case O.OP_AMOADD_D: n = old + s; break;
    case O.OP_AMOXOR_D: n = old ^ s; break;
    case O.OP_AMOAND_D: n = old & s; break;
    case O.OP_AMOOR_D: n = old | s; break;
    case O.OP_AMOMIN_D: n = <i64>old < <i64>s ? old : s; break;
    case O.OP_AMOMAX_D: n = <i64>old > <i64>s ? old : s; break;
    case O.OP_AMOMINU_D: n = old < s ? old : s; break;
    default: n = old > s ? old : s; break; // amomaxu.d
  }
  store<u64>(h, n);
  return old;
}

// LR, SC and AMOs. Returns false if an exception was raised. SC succeeds when the reservation
// is for this address and memory still holds the value the LR saw (QEMU's rule).
export function atomic(op: i32, rec: u64): bool {
  const va = getX(fRs1(rec));
  const rd = fRd(rec);
  const isW = op < O.OP_LR_D;
  const size: u32 = isW ? 4 : 8;
  const base = isW ? O.OP_LR_W : O.OP_LR_D;
  const isLr = op == base;
  // Watch points see LR as a load, an AMO as both, and SC as a store when it may write (QEMU's rule).
  if (watchKinds != 0 && watchHit(va, size, isLr ? DEBUG_LOAD : op != base + 1 ? DEBUG_LOAD | DEBUG_STORE :
    load<u64>(HART_RESERVATION) == va ? DEBUG_STORE : 0)) return false;
  const h = atomicAddr(va, size, isLr);
  if (h == 0) return false;
  let result: u64;
  if (isLr) {
    result = isW ? sext32(<u64>load<u32>(h)) : load<u64>(h);
    store<u64>(HART_RESERVATION, va);
    store<u64>(HART_RESV_VALUE, result);
  } else if (op == base + 1) { // sc
    const ok = load<u64>(HART_RESERVATION) == va &&
      (isW ? sext32(<u64>load<u32>(h)) : load<u64>(h)) == load<u64>(HART_RESV_VALUE);
    if (ok) { if (isW) store<u32>(h, <u32>getX(fRs2(rec))); else store<u64>(h, getX(fRs2(rec))); }
    store<u64>(HART_RESERVATION, <u64>-1);
    result = ok ? 0 : 1;
  } else {
    result = isW ? amo32(op, h, getX(fRs2(rec))) : amo64(op, h, getX(fRs2(rec)));
  }
  if (rd != 0) setX(rd, result);
  return true;
}

// Finishes an access that left wasm: the host has put a load's value in EXIT_VALUE, or set
// EXIT_FAULT when no device answered.
function completeExit(pc: u64): u64 {
  store<u32>(EXIT_PENDING, 0);
  if (load<u32>(EXIT_FAULT) != 0) {
    store<u32>(EXIT_FAULT, 0);
    const cause = load<u32>(EXIT_IS_WRITE) != 0 ? CAUSE_STORE_ACCESS : CAUSE_LOAD_ACCESS;
    return takeTrap(pc, cause, load<u64>(EXIT_VADDR));
  }
  if (load<u32>(EXIT_IS_WRITE) == 0) {
    const rd = load<u32>(EXIT_RD);
    let v = load<u64>(EXIT_VALUE);
    const size = load<u32>(EXIT_SIZE);
    if (size < 8) {
      const sh = <u64>(64 - size * 8);
      v = load<u32>(EXIT_SIGNED) != 0 ? <u64>(<i64>(v << sh) >> sh) : (v << sh) >> sh;
    }
    if (rd != 0) setX(rd, v);
  }
  store<u64>(HART_INSTRET, load<u64>(HART_INSTRET) + 1);
  return pc + <u64>load<u32>(EXIT_LEN);
}


// ---- rare instructions, kept out of run() so its loop stays small ----
// run() passes the instruction's pc in coldPc; cold() returns the next record pointer, and when
// that is REC_REFILL, coldPc holds the next pc. coldRetired tells whether the instruction
// retired; coldExit >= 0 asks run() to return that exit code.
let coldPc: u64 = 0;
let coldRetired: bool = true;
let coldExit: i32 = -1;

@inline function trapTo(cause: u64, tval: u64): u32 {
  // A host watchpoint (debug.ts) is no exception: stop at the instruction, for the debugger.
  if (cause == DEBUG_STOP) { coldExit = EXIT_DEBUG; coldRetired = false; return REC_REFILL; }
  coldPc = takeTrap(coldPc, cause, tval);
  coldRetired = false;
  return REC_REFILL;
}

@inline function bumpStat(stat: u32): void { store<u64>(stat, load<u64>(stat) + 1); }

// A hidden page fault (mmu.ts: pageExit) stopped the instruction at coldPc before it had any
// effect: leave run() with EXIT_PAGE; the host makes the page present and it runs again.
@inline function isPageExit(): bool { return memStatus == MEM_EXIT && load<u32>(EXIT_CODE) == EXIT_PAGE; }
function pageFaultExit(): u32 {
  memStatus = MEM_OK;
  coldExit = EXIT_PAGE;
  coldRetired = false;
  return REC_REFILL;
}

// Trap mode: the exit counter of a guest S-level CSR (HV_CSR order, or HV_STIMECMP). The first
// 9 of HV_CSR and stimecmp are emulated here (the wasm fast path); scounteren, senvcfg and the
// rest exit to the TypeScript slow path.
function hvCsrCounter(num: u32): u32 {
  switch (num) {
    case 0x100: return HV_CSR; case 0x104: return HV_CSR + 8; case 0x144: return HV_CSR + 16;
    case 0x105: return HV_CSR + 24; case 0x140: return HV_CSR + 32; case 0x141: return HV_CSR + 40;
    case 0x142: return HV_CSR + 48; case 0x143: return HV_CSR + 56; case 0x180: return HV_CSR + 64;
    case 0x14d: return HV_STIMECMP; case 0x106: return HV_CSR + 72; case 0x10a: return HV_CSR + 80;
  }
  return HV_CSR + 88;
}
const HV_CSR_SLOW: u32 = HV_CSR + 72; // counters from here to HV_SRET count slow-path exits

// Trap mode: hands the instruction at pc to the hypervisor's TypeScript side (EXIT_HV).
function hvExit(rec: u64, pc: u64): u32 {
  store<u64>(EXIT_VALUE, insnBits(pc));
  store<u32>(EXIT_LEN, <u32>fLen(rec));
  coldExit = EXIT_HV;
  coldRetired = false;
  coldPc = pc;
  return REC_REFILL;
}

function cold(op: i32, rec: u64, rp: u32): u32 {
  const pc = coldPc;
  coldRetired = true;
  // Trap mode: guest S runs deprivileged, so each privileged instruction it executes is an exit
  // to the hypervisor, counted by cause. The common ones are emulated right here against the
  // vCPU's virtual CSRs; from guest U they are the guest's own illegal-instruction exceptions.
  const vS = trapMode && getPriv() == PRV_S;
  switch (op) {
    case O.OP_CSRRW: case O.OP_CSRRS: case O.OP_CSRRC:
    case O.OP_CSRRWI: case O.OP_CSRRSI: case O.OP_CSRRCI: {
      if (vS && ((<u32>fImm(rec) >> 8) & 3) == 1) {
        const c = hvCsrCounter(<u32>fImm(rec) & 0xfff);
        bumpStat(c);
        if (c >= HV_CSR_SLOW && c < <u32>HV_SRET) return hvExit(rec, pc);
      }
      const k = op - O.OP_CSRRW; // 0..5
      const kind = k % 3;
      const rs1 = fRs1(rec);
      const src = k >= 3 ? <u64>(rs1 >> 3) : getX(rs1);
      const rd = fRd(rec);
      // csrrw with rd = x0 does not read; csrrs/csrrc with rs1 (or uimm) = 0 do not write.
      const v = csrAccess(<u32>fImm(rec) & 0xfff, kind, src, kind != 0 || rd != 0, kind == 0 || rs1 != 0, pc);
      if (memStatus != MEM_OK) { memStatus = MEM_OK; return trapTo(pendingCause, pendingTval); }
      if (rd != 0) setX(rd, v);
      // Translation, privilege or interrupt enables may have changed.
      coldPc = checkInterrupts(pc + fLen(rec));
      return REC_REFILL;
    }
    case O.OP_ECALL: {
      if (vS) { // an SBI call: the hypervisor plays M-mode
        bumpStat(HV_ECALL);
        coldExit = EXIT_SBI;
        coldRetired = false;
        return REC_REFILL;
      }
      return trapTo(8 + <u64>getPriv(), 0);
    }
    case O.OP_EBREAK: return trapTo(CAUSE_BREAKPOINT, pc);
    case O.OP_MRET: case O.OP_SRET: {
      const priv = getPriv();
      const tsr = (getCsr(CSR_SLOT_MSTATUS) & (1 << 22)) != 0;
      if (op == O.OP_MRET ? priv != PRV_M : (priv == PRV_U || (priv == PRV_S && tsr))) {
        return trapTo(CAUSE_ILLEGAL_INSTRUCTION, insnBits(pc));
      }
      if (vS) bumpStat(HV_SRET);
      coldPc = checkInterrupts(op == O.OP_MRET ? doMret() : doSret());
      return REC_REFILL;
    }
    case O.OP_WFI: {
      const priv = getPriv();
      if (priv == PRV_U || (priv == PRV_S && (getCsr(CSR_SLOT_MSTATUS) & (1 << 21)) != 0)) {
        return trapTo(CAUSE_ILLEGAL_INSTRUCTION, insnBits(pc));
      }
      if (vS) bumpStat(HV_WFI);
      coldPc = pc + fLen(rec);
      // Wait only if nothing is pending (global enables do not matter for wfi).
      if ((mip() & getCsr(CSR_SLOT_MIE)) == 0) coldExit = EXIT_WFI;
      return REC_REFILL;
    }
    case O.OP_SFENCE_VMA: {
      const priv = getPriv();
      if (priv == PRV_U || (priv == PRV_S && (getCsr(CSR_SLOT_MSTATUS) & (1 << 20)) != 0)) {
        return trapTo(CAUSE_ILLEGAL_INSTRUCTION, insnBits(pc));
      }
      // sfence.vma rs1: only that page's translations (unless superpages might be involved,
      // see flushTlbPage); rs1 = x0: everything. Bare mode does not tag ASIDs, so rs2 does not
      // narrow; trap mode's shadow sets are per address space, so an ASID fence empties only its
      // sets. With write-protected page tables the shadow is already coherent: nothing to do.
      if (vS) bumpStat(fRs1(rec) != 0 ? HV_SFENCE_ADDR : fRs2(rec) != 0 ? HV_SFENCE_ASID : HV_SFENCE_ALL);
      if (vS && wpMode) { /* coherent by write protection */ }
      else if (fRs1(rec) != 0) flushTlbPage(getX(fRs1(rec)));
      else if (vS && fRs2(rec) != 0) flushGuestAsid(getX(fRs2(rec)));
      else flushTlb();
      coldPc = pc + fLen(rec);
      return REC_REFILL;
    }
    case O.OP_ILLEGAL: {
      const bits = <u64><u32>fImm(rec);
      return trapTo(CAUSE_ILLEGAL_INSTRUCTION, fLen(rec) == 2 ? bits & 0xffff : bits);
    }
    case O.OP_UNDECODED: {
      // First execution of this slot: decode it in place; run() dispatches it next.
      coldRetired = false;
      decodeAt(pc, rp);
      if (isPageExit()) return pageFaultExit();
      if (memStatus != MEM_OK) { memStatus = MEM_OK; return trapTo(pendingCause, pendingTval); }
      return rp;
    }
    case O.OP_MULH: case O.OP_MULHSU: case O.OP_MULHU: case O.OP_DIV: case O.OP_DIVU: case O.OP_REM:
    case O.OP_REMU: case O.OP_DIVW: case O.OP_DIVUW: case O.OP_REMW: case O.OP_REMUW: {
      setX(fRd(rec), mulDiv(op, getX(fRs1(rec)), getX(fRs2(rec))));
      return rp + fStep(rec);
    }
  }
  if (op >= O.OP_LR_W && op <= O.OP_AMOMAXU_D) {
    if (!atomic(op, rec)) {
      if (isPageExit()) return pageFaultExit();
      memStatus = MEM_OK;
      return trapTo(pendingCause, pendingTval);
    }
    return rp + fStep(rec);
  }
  // Unreachable for records made by decode(); treat as illegal rather than trust it.
  return trapTo(CAUSE_ILLEGAL_INSTRUCTION, 0);
}

// A load or store left wasm or faulted: either take the exception (returns REC_REFILL with
// coldPc set) or suspend the access for the host (coldExit set; run() completes it later).
function memSlow(rec: u64, pc: u64, isLoad: bool, kind: i32): u32 {
  coldPc = pc;
  if (memStatus == MEM_TRAP) { memStatus = MEM_OK; return trapTo(pendingCause, pendingTval); }
  if (isPageExit()) return pageFaultExit();
  memStatus = MEM_OK;
  if (isLoad) {
    store<u32>(EXIT_RD, (<i32>rec & 0xff) == O.OP_LOAD_X0 ? 0 : fRd(rec));
    store<u32>(EXIT_SIGNED, kind < 4 ? 1 : 0);
  }
  store<u32>(EXIT_LEN, <u32>fLen(rec));
  store<u32>(EXIT_PENDING, 1);
  coldExit = load<u32>(EXIT_CODE);
  coldRetired = false;
  return REC_REFILL;
}

// ---- the debugger's single step ----
let stepping = false;
let stepPaged = false; // stepStart met a page without a frame

// Runs exactly one instruction, or takes one exception, and returns the exit code (EXIT_BUDGET
// when the step is done; EXIT_MMIO, EXIT_SBI, EXIT_HV: the host finishes it, and an MMIO access
// is completed by the next step(), which is then the step; EXIT_DEBUG: a host watchpoint stopped
// it before its access). Interrupts are not taken. run(budget) is not exact for small budgets
// (straight-line code only meets the budget at jumps and page ends), so the instruction runs
// from the scratch record, whose REFILL successor ends the run.
export function step(): i32 {
  stepping = true;
  const code = run(1);
  stepping = false;
  return code;
}

// Puts the instruction at pc into the scratch record; false when fetching it (or an execute
// trigger) raised an exception, taken with sNextPc as the handler. The debugger's own
// breakpoints do not stop a step.
function stepStart(pc: u64): bool {
  const recBase = fetchRefill(pc);
  if (memStatus == MEM_OK && execHit(pc, false) == HIT_TRIGGER) raise(CAUSE_BREAKPOINT, pc);
  const r = memStatus == MEM_OK ? decodeAt(pc, recBase + ((<u32>pc & 0xfff) << 2)) : 0;
  if (isPageExit()) { memStatus = MEM_OK; sNextPc = pc; stepPaged = true; return false; } // the host brings the page in
  if (memStatus != MEM_OK) { memStatus = MEM_OK; sNextPc = takeTrap(pc, pendingCause, pendingTval); return false; }
  store<u64>(REC_SCRATCH, r);
  sRp = REC_SCRATCH;
  sPcBias = pc - <u64>(REC_SCRATCH >> 2);
  return true;
}

// Stores the loop's counters back into the hart and returns the exit code.
function finish(pc: u64, retired: i32, code: i32): i32 {
  setPc(pc);
  store<u64>(HART_INSTRET, load<u64>(HART_INSTRET) + <u64>retired);
  store<u64>(EXIT_RETIRED, <u64>retired);
  store<u32>(EXIT_CODE, code);
  coldExit = -1;
  return code;
}

// ---- the loop state, shared by hot() and run() ----
// The pc is not kept up to date: it is derived from the record pointer when an instruction
// needs it, pc = pcBias + rp / 4, which holds inside a decoded page and in the scratch record.
// `page` is the page whose records rp walks (NO_PAGE while running the scratch record),
// `recBase` the start of those records, `nextPc` where REC_REFILL resumes, and n the number of
// records dispatched in this run().
let sRp: u32 = REC_REFILL;
let sN: i32 = 0;
let sPage: u64 = NO_PAGE;
let sRecBase: u32 = NO_RECORDS;
let sPcBias: u64 = 0;
let sNextPc: u64 = 0;

// The hot loop. It executes only what needs no call: integer ALU and multiply, branches and
// jumps, loads and stores that hit the TLB, and page changes that hit the fetch TLB. Anything
// else makes it return with sRp at that record, unexecuted, for run() to finish. Keeping calls
// out lets the wasm compiler hold the loop state in machine registers.
function hot(budget: i32): void {
  let rp = sRp, n = sN, page = sPage, recBase = sRecBase, pcBias = sPcBias, nextPc = sNextPc;
  let hits: i32 = 0; // TLB hits (data accesses and page changes), a register until we leave
  while (true) {
    const rec = load<u64>(rp);
    const op = <i32>rec & 0xff;
    n++;
    switch (op) {
      case O.OP_ADDI: { setX(fRd(rec), getX(fRs1(rec)) + fImm(rec)); rp += fStep(rec); continue; }
      case O.OP_ADD: { setX(fRd(rec), getX(fRs1(rec)) + getX(fRs2(rec))); rp += fStep(rec); continue; }
      case O.OP_LD: {
        const va = getX(fRs1(rec)) + fImm(rec);
        const e = loadTlb + tlbIndex(va);
        if (load<u64>(e) != (va & ~<u64>0xff8)) break;
        hits++;
        setX(fRd(rec), load<u64>(<u32>va + load<u32>(e, 8))); rp += fStep(rec); continue;
      }
      case O.OP_SD: {
        const va = getX(fRs1(rec)) + fImm(rec);
        const e = storeTlb + tlbIndex(va);
        if (load<u64>(e) != (va & ~<u64>0xff8)) break;
        hits++;
        store<u64>(<u32>va + load<u32>(e, 8), getX(fRs2(rec))); rp += fStep(rec); continue;
      }
      case O.OP_BEQ: case O.OP_BNE: case O.OP_BLT: case O.OP_BGE: case O.OP_BLTU: case O.OP_BGEU: {
        const a = getX(fRs1(rec)), b = getX(fRs2(rec));
        let taken: bool;
        switch (op) {
          case O.OP_BEQ: taken = a == b; break;
          case O.OP_BNE: taken = a != b; break;
          case O.OP_BLT: taken = <i64>a < <i64>b; break;
          case O.OP_BGE: taken = <i64>a >= <i64>b; break;
          case O.OP_BLTU: taken = a < b; break;
          default: taken = a >= b; break;
        }
        if (!taken) { rp += fStep(rec); continue; }
        // Branch offsets are within +-4 KiB: stay on the record page when the target is on it.
        const nrp = rp + (<u32>(rec >> 32) << 2);
        if (nrp - recBase < 0x4000 && n <= budget) { rp = nrp; continue; }
        nextPc = pcBias + <u64>(rp >> 2) + fImm(rec);
        rp = REC_REFILL;
        continue;
      }
      case O.OP_JAL: case O.OP_J: {
        const pc = pcBias + <u64>(rp >> 2);
        if (op == O.OP_JAL) setX(fRd(rec), pc + fLen(rec));
        const t = pc + fImm(rec);
        if ((t & ~<u64>0xfff) == page && n <= budget) rp = <u32>(t - pcBias) << 2;
        else { nextPc = t; rp = REC_REFILL; }
        continue;
      }
      case O.OP_JALR: case O.OP_JR: {
        const t = (getX(fRs1(rec)) + fImm(rec)) & ~<u64>1;
        if (op == O.OP_JALR) setX(fRd(rec), pcBias + <u64>(rp >> 2) + fLen(rec));
        if ((t & ~<u64>0xfff) == page && n <= budget) rp = <u32>(t - pcBias) << 2;
        else { nextPc = t; rp = REC_REFILL; }
        continue;
      }
      case O.OP_REFILL: {
        // Leaving the page: a fetch-TLB hit gives the new page's records without a call.
        const pc = rp == REC_REFILL ? nextPc : pcBias + <u64>(rp >> 2);
        const e = fetchTlb + tlbIndex(pc);
        if (n > budget || !fetchHit(e, pc)) {
          nextPc = pc; rp = REC_REFILL; break;
        }
        n--; // not an instruction
        hits++;
        recBase = load<u32>(e, 8);
        page = pc & ~<u64>0xfff;
        pcBias = page - <u64>(recBase >> 2);
        rp = recBase + ((<u32>pc & 0xfff) << 2);
        continue;
      }
      case O.OP_NOP: case O.OP_FENCE: case O.OP_FENCE_I: { rp += fStep(rec); continue; }
      case O.OP_LUI: { setX(fRd(rec), fImm(rec)); rp += fStep(rec); continue; }
      case O.OP_AUIPC: { setX(fRd(rec), pcBias + <u64>(rp >> 2) + fImm(rec)); rp += fStep(rec); continue; }
      case O.OP_LW: case O.OP_LWU: {
        const va = getX(fRs1(rec)) + fImm(rec);
        const e = loadTlb + tlbIndex(va);
        if (load<u64>(e) != (va & ~<u64>0xffc)) break;
        hits++;
        const v = <u64>load<u32>(<u32>va + load<u32>(e, 8));
        setX(fRd(rec), op == O.OP_LW ? sext32(v) : v); rp += fStep(rec); continue;
      }
      case O.OP_LH: case O.OP_LHU: {
        const va = getX(fRs1(rec)) + fImm(rec);
        const e = loadTlb + tlbIndex(va);
        if (load<u64>(e) != (va & ~<u64>0xffe)) break;
        hits++;
        const v = <u64>load<u16>(<u32>va + load<u32>(e, 8));
        setX(fRd(rec), op == O.OP_LH ? <u64><i64><i16>v : v); rp += fStep(rec); continue;
      }
      case O.OP_LB: case O.OP_LBU: {
        const va = getX(fRs1(rec)) + fImm(rec);
        const e = loadTlb + tlbIndex(va);
        if (load<u64>(e) != (va & ~<u64>0xfff)) break;
        hits++;
        const v = <u64>load<u8>(<u32>va + load<u32>(e, 8));
        setX(fRd(rec), op == O.OP_LB ? <u64><i64><i8>v : v); rp += fStep(rec); continue;
      }
      case O.OP_SW: {
        const va = getX(fRs1(rec)) + fImm(rec);
        const e = storeTlb + tlbIndex(va);
        if (load<u64>(e) != (va & ~<u64>0xffc)) break;
        hits++;
        store<u32>(<u32>va + load<u32>(e, 8), <u32>getX(fRs2(rec))); rp += fStep(rec); continue;
      }
      case O.OP_SH: {
        const va = getX(fRs1(rec)) + fImm(rec);
        const e = storeTlb + tlbIndex(va);
        if (load<u64>(e) != (va & ~<u64>0xffe)) break;
        hits++;
        store<u16>(<u32>va + load<u32>(e, 8), <u16>getX(fRs2(rec))); rp += fStep(rec); continue;
      }
      case O.OP_SB: {
        const va = getX(fRs1(rec)) + fImm(rec);
        const e = storeTlb + tlbIndex(va);
        if (load<u64>(e) != (va & ~<u64>0xfff)) break;
        hits++;
        store<u8>(<u32>va + load<u32>(e, 8), <u8>getX(fRs2(rec))); rp += fStep(rec); continue;
      }
      // FP loads and stores, once mstatus.FS is already Dirty (the slow path handles Off,
      // which traps, and Initial/Clean, which it turns Dirty).
      case O.OP_FLD: {
        if ((getCsr(CSR_SLOT_MSTATUS) & MSTATUS_FS) != MSTATUS_FS) break;
        const va = getX(fRs1(rec)) + fImm(rec);
        const e = loadTlb + tlbIndex(va);
        if (load<u64>(e) != (va & ~<u64>0xff8)) break;
        hits++;
        store<u64>(fRd(rec), load<u64>(<u32>va + load<u32>(e, 8)), HART_F); rp += fStep(rec); continue;
      }
      case O.OP_FSD: {
        if ((getCsr(CSR_SLOT_MSTATUS) & MSTATUS_FS) == 0) break;
        const va = getX(fRs1(rec)) + fImm(rec);
        const e = storeTlb + tlbIndex(va);
        if (load<u64>(e) != (va & ~<u64>0xff8)) break;
        hits++;
        store<u64>(<u32>va + load<u32>(e, 8), load<u64>(fRs2(rec), HART_F)); rp += fStep(rec); continue;
      }
      case O.OP_FLW: {
        if ((getCsr(CSR_SLOT_MSTATUS) & MSTATUS_FS) != MSTATUS_FS) break;
        const va = getX(fRs1(rec)) + fImm(rec);
        const e = loadTlb + tlbIndex(va);
        if (load<u64>(e) != (va & ~<u64>0xffc)) break;
        hits++;
        store<u64>(fRd(rec), 0xffffffff00000000 | <u64>load<u32>(<u32>va + load<u32>(e, 8)), HART_F); rp += fStep(rec); continue;
      }
      case O.OP_FSW: {
        if ((getCsr(CSR_SLOT_MSTATUS) & MSTATUS_FS) == 0) break;
        const va = getX(fRs1(rec)) + fImm(rec);
        const e = storeTlb + tlbIndex(va);
        if (load<u64>(e) != (va & ~<u64>0xffc)) break;
        hits++;
        store<u32>(<u32>va + load<u32>(e, 8), <u32>load<u64>(fRs2(rec), HART_F)); rp += fStep(rec); continue;
      }
      // FP arithmetic, once FS is Dirty and the rounding mode is valid (fp.ts has the rest).
      case O.OP_FADD_D: case O.OP_FSUB_D: case O.OP_FMUL_D: case O.OP_FDIV_D:
      case O.OP_FADD_S: case O.OP_FSUB_S: case O.OP_FMUL_S: case O.OP_FDIV_S:
      case O.OP_FMADD_S: case O.OP_FMSUB_S: case O.OP_FNMSUB_S: case O.OP_FNMADD_S:
      case O.OP_FMADD_D: case O.OP_FMSUB_D: case O.OP_FNMSUB_D: case O.OP_FNMADD_D: {
        if ((getCsr(CSR_SLOT_MSTATUS) & MSTATUS_FS) != MSTATUS_FS) break;
        const fcsr = getCsr(CSR_SLOT_FCSR);
        const rm = fpRm(op, rec, fcsr);
        if (rm > 4) break;
        SF.fflags = 0;
        fpArith(op, rec, rm, fcsr);
        if (SF.fflags != 0) setCsr(CSR_SLOT_FCSR, fcsr | SF.fflags);
        rp += fStep(rec);
        continue;
      }
      // The other F/D register operations, once FS is Dirty: fp.ts does them. It can only fail
      // on a reserved rounding mode, before any effect; then run() takes the trap.
      case O.OP_FSQRT_S: case O.OP_FSGNJ_S: case O.OP_FSGNJN_S: case O.OP_FSGNJX_S:
      case O.OP_FMIN_S: case O.OP_FMAX_S: case O.OP_FSQRT_D: case O.OP_FSGNJ_D:
      case O.OP_FSGNJN_D: case O.OP_FSGNJX_D: case O.OP_FMIN_D: case O.OP_FMAX_D:
      case O.OP_FCVT_S_D: case O.OP_FCVT_D_S: case O.OP_FEQ_S: case O.OP_FLT_S:
      case O.OP_FLE_S: case O.OP_FEQ_D: case O.OP_FLT_D: case O.OP_FLE_D:
      case O.OP_FCVT_W_S: case O.OP_FCVT_WU_S: case O.OP_FCVT_L_S: case O.OP_FCVT_LU_S:
      case O.OP_FCVT_W_D: case O.OP_FCVT_WU_D: case O.OP_FCVT_L_D: case O.OP_FCVT_LU_D:
      case O.OP_FCVT_S_W: case O.OP_FCVT_S_WU: case O.OP_FCVT_S_L: case O.OP_FCVT_S_LU:
      case O.OP_FCVT_D_W: case O.OP_FCVT_D_WU: case O.OP_FCVT_D_L: case O.OP_FCVT_D_LU:
      case O.OP_FMV_X_W: case O.OP_FCLASS_S: case O.OP_FMV_X_D: case O.OP_FCLASS_D:
      case O.OP_FMV_W_X: case O.OP_FMV_D_X: {
        if ((getCsr(CSR_SLOT_MSTATUS) & MSTATUS_FS) != MSTATUS_FS) break;
        if (!fpExec(op, rec, 0)) { memStatus = MEM_OK; break; }
        rp += fStep(rec);
        continue;
      }
      case O.OP_SLTI: { setX(fRd(rec), <i64>getX(fRs1(rec)) < <i64>fImm(rec) ? 1 : 0); rp += fStep(rec); continue; }
      case O.OP_SLTIU: { setX(fRd(rec), getX(fRs1(rec)) < fImm(rec) ? 1 : 0); rp += fStep(rec); continue; }
      case O.OP_XORI: { setX(fRd(rec), getX(fRs1(rec)) ^ fImm(rec)); rp += fStep(rec); continue; }
      case O.OP_ORI: { setX(fRd(rec), getX(fRs1(rec)) | fImm(rec)); rp += fStep(rec); continue; }
      case O.OP_ANDI: { setX(fRd(rec), getX(fRs1(rec)) & fImm(rec)); rp += fStep(rec); continue; }
      case O.OP_SLLI: { setX(fRd(rec), getX(fRs1(rec)) << fImm(rec)); rp += fStep(rec); continue; }
      case O.OP_SRLI: { setX(fRd(rec), getX(fRs1(rec)) >> fImm(rec)); rp += fStep(rec); continue; }
      case O.OP_SRAI: { setX(fRd(rec), <u64>(<i64>getX(fRs1(rec)) >> fImm(rec))); rp += fStep(rec); continue; }
      case O.OP_SUB: { setX(fRd(rec), getX(fRs1(rec)) - getX(fRs2(rec))); rp += fStep(rec); continue; }
      case O.OP_SLL: { setX(fRd(rec), getX(fRs1(rec)) << getX(fRs2(rec))); rp += fStep(rec); continue; }
      case O.OP_SLT: { setX(fRd(rec), <i64>getX(fRs1(rec)) < <i64>getX(fRs2(rec)) ? 1 : 0); rp += fStep(rec); continue; }
      case O.OP_SLTU: { setX(fRd(rec), getX(fRs1(rec)) < getX(fRs2(rec)) ? 1 : 0); rp += fStep(rec); continue; }
      case O.OP_XOR: { setX(fRd(rec), getX(fRs1(rec)) ^ getX(fRs2(rec))); rp += fStep(rec); continue; }
      case O.OP_SRL: { setX(fRd(rec), getX(fRs1(rec)) >> getX(fRs2(rec))); rp += fStep(rec); continue; }
      case O.OP_SRA: { setX(fRd(rec), <u64>(<i64>getX(fRs1(rec)) >> getX(fRs2(rec)))); rp += fStep(rec); continue; }
      case O.OP_OR: { setX(fRd(rec), getX(fRs1(rec)) | getX(fRs2(rec))); rp += fStep(rec); continue; }
      case O.OP_AND: { setX(fRd(rec), getX(fRs1(rec)) & getX(fRs2(rec))); rp += fStep(rec); continue; }
      case O.OP_ADDIW: { setX(fRd(rec), sext32(getX(fRs1(rec)) + fImm(rec))); rp += fStep(rec); continue; }
      case O.OP_SLLIW: { setX(fRd(rec), sext32(<u64>(<u32>getX(fRs1(rec)) << <u32>fImm(rec)))); rp += fStep(rec); continue; }
      case O.OP_SRLIW: { setX(fRd(rec), sext32(<u64>(<u32>getX(fRs1(rec)) >> <u32>fImm(rec)))); rp += fStep(rec); continue; }
      case O.OP_SRAIW: { setX(fRd(rec), <u64><i64>(<i32>getX(fRs1(rec)) >> <i32>fImm(rec))); rp += fStep(rec); continue; }
      case O.OP_ADDW: { setX(fRd(rec), sext32(getX(fRs1(rec)) + getX(fRs2(rec)))); rp += fStep(rec); continue; }
      case O.OP_SUBW: { setX(fRd(rec), sext32(getX(fRs1(rec)) - getX(fRs2(rec)))); rp += fStep(rec); continue; }
      case O.OP_SLLW: { setX(fRd(rec), sext32(<u64>(<u32>getX(fRs1(rec)) << (<u32>getX(fRs2(rec)) & 31)))); rp += fStep(rec); continue; }
      case O.OP_SRLW: { setX(fRd(rec), sext32(<u64>(<u32>getX(fRs1(rec)) >> (<u32>getX(fRs2(rec)) & 31)))); rp += fStep(rec); continue; }
      case O.OP_SRAW: { setX(fRd(rec), <u64><i64>(<i32>getX(fRs1(rec)) >> (<i32>getX(fRs2(rec)) & 31))); rp += fStep(rec); continue; }
      case O.OP_MUL: { setX(fRd(rec), getX(fRs1(rec)) * getX(fRs2(rec))); rp += fStep(rec); continue; }
      case O.OP_MULW: { setX(fRd(rec), sext32(getX(fRs1(rec)) * getX(fRs2(rec)))); rp += fStep(rec); continue; }
    }
    // Not for the hot loop: hand the record to run(), unexecuted.
    sRp = rp; sN = n - 1; sPage = page; sRecBase = recBase; sPcBias = pcBias; sNextPc = nextPc;
    store<u64>(STAT_TLB_HIT, load<u64>(STAT_TLB_HIT) + <u64>hits);
    return;
  }
}

// Loads and stores that missed the TLB, in one place: the width and signedness come from the
// op. Returns the next record pointer; traps and host exits go through memSlow().
function memOp(op: i32, rec: u64, rp: u32, pc: u64): u32 {
  const va = getX(fRs1(rec)) + fImm(rec);
  if (op >= O.OP_SB && op <= O.OP_SD) {
    storeSlow(va, 1 << (op - O.OP_SB), getX(fRs2(rec)));
    if (memStatus != MEM_OK) return memSlow(rec, pc, false, 0);
    return rp + fStep(rec);
  }
  // funct3 order: lb lh lw ld lbu lhu lwu; LOAD_X0 keeps it in the rs2 byte.
  const kind = op == O.OP_LOAD_X0 ? <i32>(rec >> 27) & 7 : op - O.OP_LB;
  const size = 1 << (kind & 3);
  let v = loadSlow(va, size);
  if (memStatus != MEM_OK) return memSlow(rec, pc, true, kind);
  if (op == O.OP_LOAD_X0) return rp + fStep(rec);
  if (kind < 3) { const sh = <u64>(64 - 8 * size); v = <u64>(<i64>(v << sh) >> sh); } // sign-extend
  setX(fRd(rec), v);
  return rp + fStep(rec);
}

// Runs up to about `budget` instructions; returns an exit code (abi.ts EXIT_*).
export function run(budget: i32): i32 {
  let pc = getPc();
  store<u32>(EXIT_CODE, EXIT_BUDGET);
  if (load<u32>(EXIT_PENDING) != 0) {
    pc = completeExit(pc);
    if (stepping) return finish(pc, 0, EXIT_BUDGET); // finishing the suspended access is the step
  }
  updateTimer();
  if (!stepping) pc = checkInterrupts(pc); // a debugger's step takes no interrupt (QEMU's default)
  if (icountShift >= 0) {
    // Deterministic time: stop when mtime reaches mtimecmp, so the interrupt lands on the
    // same instruction every run.
    const mcmp = load<u64>(HART_MTIMECMP);
    const cmp = stce() && stimecmp() < mcmp ? stimecmp() : mcmp;
    const now = readTime(load<u64>(HART_INSTRET));
    if (cmp > now) {
      const insns = ((cmp - now) * 100) >> <u64>icountShift;
      if (insns < <u64>budget) budget = max<i32>(1, <i32>insns);
    }
  }
  sRp = REC_REFILL; sN = 0; sPage = NO_PAGE; sRecBase = NO_RECORDS; sPcBias = 0; sNextPc = pc;
  let lost: i32 = 0; // dispatches that retired nothing (traps, REFILL, decoding)
  // The budget counts retired instructions: run() stops at the first REFILL (a taken jump, a
  // page change, a trap) after more than `budget` retired, which compiled code can match
  // exactly. With the JIT on, hot() also stops every JIT_CHUNK instructions to sample the page.
  let chunkEnd = jitOn ? JIT_CHUNK : budget;
  let stuck: i32 = 0; // cold dispatches that retired nothing
  const stuckLimit: i32 = (budget << 2) + 4096;
  jitNoEnter = 0;
  memStatus = MEM_OK;
  coldExit = -1;
  if (stepping) {
    budget = 1;
    stepPaged = false;
    if (!stepStart(pc)) return finish(sNextPc, 0, stepPaged ? EXIT_PAGE : EXIT_BUDGET); // the step took a trap (or a hidden page fault)
  }
  while (true) {
    hot(min(budget, chunkEnd) + lost);
    // Finish the one record hot() refused, with everything that may call out.
    let rp = sRp;
    const n = ++sN;
    let rec = load<u64>(rp);
    let op = <i32>rec & 0xff;
    if (op == O.OP_REFILL) {
      lost++;
      const p = rp == REC_REFILL ? sNextPc : sPcBias + <u64>(rp >> 2);
      // (A fetch that faults into a handler that faults again retires nothing: the dispatch
      // bound keeps such a loop from holding run() forever.)
      if (stepping || n - lost > budget || lost > (budget << 2) + 4096) return finish(p, n - lost, EXIT_BUDGET);
      const recBase = fetchRefill(p);
      if (isPageExit()) { memStatus = MEM_OK; return finish(p, n - lost, EXIT_PAGE); }
      if (memStatus != MEM_OK) {
        memStatus = MEM_OK; sPage = NO_PAGE; sRecBase = NO_RECORDS; sRp = REC_REFILL;
        sNextPc = takeTrap(p, pendingCause, pendingTval);
        continue;
      }
      sRecBase = recBase;
      sPage = p & ~<u64>0xfff;
      sPcBias = sPage - <u64>(recBase >> 2);
      sRp = recBase + ((<u32>p & 0xfff) << 2);
      if (n - lost > chunkEnd) { chunkEnd = n - lost + jitChunk(); jitSample(recBase, sRp, sPage); }
      continue;
    }
    if (op == OP_JIT && rp == jitNoEnter) {
      // The region just left before this instruction for the interpreter to do (an F/D case
      // it does not handle): run the original record below instead of entering again.
      jitNoEnter = 0;
      rec = jitOriginal(rec);
      op = <i32>rec & 0xff;
    } else if (op == OP_JIT) {
      // A compiled region's entry (assembly/jit.ts): run it, then continue where it stopped.
      lost++;
      let k = jitEnter(rec, rp, sPage, budget, n - lost);
      sN += load<i32>(JIT_EXIT_RETIRED);
      let at = load<u64>(JIT_EXIT_PC);
      // Chaining: a jump to another region's entry (or this one's, after jalr) goes straight
      // there when the interpreter's REFILL would (fetch-TLB hit, budget not spent).
      while (k == JIT_EXIT_BRANCH && sN - lost <= budget) {
        const e = fetchTlb + tlbIndex(at);
        if (!fetchHit(e, at)) break;
        const rb = load<u32>(e, 8);
        const r2 = rb + ((<u32>at & 0xfff) << 2);
        const rec2 = load<u64>(r2);
        if ((<i32>rec2 & 0xff) != OP_JIT) { jitMissed(rb, r2); break; }
        sRecBase = rb;
        sPage = at & ~<u64>0xfff;
        sPcBias = sPage - <u64>(rb >> 2);
        k = jitEnter(rec2, r2, sPage, budget, sN - lost);
        sN += load<i32>(JIT_EXIT_RETIRED);
        at = load<u64>(JIT_EXIT_PC);
      }
      if (k == JIT_EXIT_BRANCH) { sRp = REC_REFILL; sNextPc = at; continue; }
      // The region that returned may be another page's, which the last one jumped into.
      const rb = load<u32>(JIT_EXIT_REC);
      if (rb != sRecBase) {
        sRecBase = rb;
        sPage = at & ~<u64>0xfff;
        sPcBias = sPage - <u64>(rb >> 2);
      }
      sRp = sRecBase + ((<u32>at & 0xfff) << 2);
      if (k == JIT_EXIT_INSN) jitNoEnter = sRp;
      continue;
    }
    const here = sPcBias + <u64>(rp >> 2);
    if (op == O.OP_CROSS || op == O.OP_DEBUG) {
      // An instruction straddling two pages: decode it afresh and run it from the scratch
      // record, which is followed by REFILL records. NO_PAGE sends its jumps to REFILL.
      // OP_DEBUG (debug.ts): a debugger breakpoint stops before it, an execute trigger raises
      // the breakpoint exception; otherwise it runs the same way.
      lost++;
      if (op == O.OP_DEBUG) {
        const hit = execHit(here, true);
        if (hit == HIT_HOST) return finish(here, n - lost, EXIT_DEBUG);
        if (hit == HIT_TRIGGER) { sRp = REC_REFILL; sNextPc = takeTrap(here, CAUSE_BREAKPOINT, here); continue; }
      }
      const r = decodeAt(here, rp);
      if (isPageExit()) { memStatus = MEM_OK; return finish(here, n - lost, EXIT_PAGE); }
      if (memStatus != MEM_OK) { memStatus = MEM_OK; sRp = REC_REFILL; sNextPc = takeTrap(here, pendingCause, pendingTval); continue; }
      store<u64>(REC_SCRATCH, r);
      sRp = REC_SCRATCH;
      sPcBias = here - <u64>(REC_SCRATCH >> 2);
      sPage = NO_PAGE;
      sRecBase = NO_RECORDS;
      continue;
    }
    coldRetired = true;
    if ((op >= O.OP_LB && op <= O.OP_SD) || op == O.OP_LOAD_X0) {
      rp = memOp(op, rec, rp, here);
    } else if (op >= O.OP_ADD_UW && op <= O.OP_BSETI) {
      // Zb*: the decoder made rd = x0 a NOP.
      // Register forms have imm = 0, immediate forms rs2 = x0, so rs2 + imm is the operand.
      setX(fRd(rec), bitmanip(op, getX(fRs1(rec)), getX(fRs2(rec)) + fImm(rec)));
      rp += fStep(rec);
    } else if (op >= O.OP_FLW && op <= O.OP_FMV_D_X) {
      // F/D go straight to fp.ts: they read no counters, so no instret sync is needed.
      if (fpExec(op, rec, here)) rp += fStep(rec);
      else if (isPageExit()) { coldPc = here; rp = pageFaultExit(); }
      else { memStatus = MEM_OK; coldPc = here; rp = trapTo(pendingCause, pendingTval); }
    } else {
      // Counters read by CSR instructions must see the instructions retired so far.
      store<u64>(HART_INSTRET, load<u64>(HART_INSTRET) + <u64>(n - 1 - lost));
      budget -= n - 1 - lost; chunkEnd -= n - 1 - lost; sN = 1; lost = 0;
      coldPc = here;
      rp = cold(op, rec, rp);
    }
    if (!coldRetired) lost++;
    if (coldExit >= 0) return finish(coldPc, sN - lost, coldExit);
    // The cold path restarts `lost` (it settles instret), so a cold instruction that traps into a
    // handler that traps again at once would never meet the REFILL bound: bound it here too.
    if (!coldRetired && ++stuck > stuckLimit) return finish(rp == REC_REFILL ? coldPc : sPcBias + <u64>(rp >> 2), sN - lost, EXIT_BUDGET);
    if (rp == REC_REFILL) sNextPc = coldPc;
    sRp = rp;
  }
  return 0;
}
