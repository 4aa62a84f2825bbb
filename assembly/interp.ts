// The interpret loop: fetch a decoded record from the per-page cache, dispatch on its op with a
// dense switch, repeat until the budget is spent or something needs the host.
//
// Hot-path rules: no allocation, no managed objects, no host calls. The pc and the current
// decoded page live in locals; the page is re-looked-up only when the pc leaves it or after an
// instruction that may change translation (traps, xRET, CSR writes, sfence.vma).
import * as O from './opcodes';
import {
  HART_INSTRET, HART_MTIMECMP, HART_MIP_HW, HART_RESERVATION, HART_RESV_VALUE,
  EXIT_PENDING, EXIT_FAULT, EXIT_IS_WRITE, EXIT_RD, EXIT_SIGNED, EXIT_LEN, EXIT_SIZE, EXIT_VALUE,
  EXIT_VADDR, EXIT_CODE, EXIT_RETIRED, EXIT_BUDGET, EXIT_WFI, CSR_SLOT_MIE, CSR_SLOT_MSTATUS,
  PRV_M, PRV_S, PRV_U, CAUSE_ILLEGAL_INSTRUCTION, CAUSE_BREAKPOINT, CAUSE_LOAD_ACCESS,
  CAUSE_STORE_ACCESS, IRQ_M_TIMER, HART_MTIME,
} from './abi';
import {
  getX, setX, getPc, setPc, getPriv, getCsr, mip, memStatus, MEM_OK, MEM_TRAP, raise,
  pendingCause, pendingTval, icountShift,
} from './state';
import {
  fetchRefill, rawOfRecords, fetchSecondHalf, atomicAddr, flushTlb,
  insnBits, ld8, ld16, ld32, ld64, st8, st16, st32, st64,
} from './mmu';
import { decode } from './decode';
import { takeTrap, checkInterrupts, doMret, doSret } from './trap';
import { csrAccess, readTime } from './csr';

// Record field extractors (see decode.ts for the layout).
@inline function fRd(r: u64): u32 { return <u32>(r >> 8) & 0xf8; }
@inline function fLen(r: u64): u64 { return (r >> 8) & 6; }
@inline function fRs1(r: u64): u32 { return <u32>(r >> 16) & 0xf8; }
@inline function fRs2(r: u64): u32 { return <u32>(r >> 24) & 0xf8; }
@inline function fImm(r: u64): u64 { return <u64>(<i64>r >> 32); }
@inline function sext32(v: u64): u64 { return <u64><i64><i32>v; }

const NO_PAGE: u64 = 1; // never equal to a page address

// Decodes the instruction at pc into its record slot. An instruction that straddles two pages
// is decoded afresh each time (marked CROSS) because the second page may change on its own.
function decodeAt(pc: u64, recBase: u32): u64 {
  const off = <u32>pc & 0xfff;
  const raw = rawOfRecords(recBase) + off;
  let bits = <u32>load<u16>(raw);
  if ((bits & 3) == 3) {
    if (off == 0xffe) {
      store<u64>(recBase + (off << 2), O.OP_CROSS);
      const hi = fetchSecondHalf(pc);
      if (memStatus != MEM_OK) return 0;
      return decode(bits | (hi << 16));
    }
    bits |= <u32>load<u16>(raw + 2) << 16;
  }
  const r = decode(bits);
  store<u64>(recBase + (off << 2), r);
  return r;
}

function illegal(pc: u64): void {
  const bits = insnBits(pc);
  raise(CAUSE_ILLEGAL_INSTRUCTION, bits);
}

@inline function mulhu(a: u64, b: u64): u64 {
  const a0 = a & 0xffffffff, a1 = a >> 32, b0 = b & 0xffffffff, b1 = b >> 32;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const mid = (p00 >> 32) + (p01 & 0xffffffff) + (p10 & 0xffffffff);
  return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
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
function atomic(op: i32, rec: u64): bool {
  const va = getX(fRs1(rec));
  const rd = fRd(rec);
  const isW = op < O.OP_LR_D;
  const size: u32 = isW ? 4 : 8;
  const base = isW ? O.OP_LR_W : O.OP_LR_D;
  const isLr = op == base;
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

// Sets mip.MTIP from mtime and mtimecmp (the host refreshes HART_MTIME in real-time mode).
export function updateTimer(): void {
  const now = icountShift >= 0 ? readTime(load<u64>(HART_INSTRET)) : load<u64>(HART_MTIME);
  const hw = load<u64>(HART_MIP_HW);
  const mtip = <u64>1 << IRQ_M_TIMER;
  store<u64>(HART_MIP_HW, now >= load<u64>(HART_MTIMECMP) ? hw | mtip : hw & ~mtip);
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

// Runs up to `budget` instructions; returns an exit code (abi.ts EXIT_*).
export function run(budget: i32): i32 {
  let pc = getPc();
  store<u32>(EXIT_CODE, EXIT_BUDGET);
  store<u64>(EXIT_RETIRED, 0);
  if (load<u32>(EXIT_PENDING) != 0) pc = completeExit(pc);
  updateTimer();
  pc = checkInterrupts(pc);
  if (icountShift >= 0) {
    // Deterministic time: stop exactly when mtime reaches mtimecmp so the interrupt lands on
    // the same instruction every run.
    const cmp = load<u64>(HART_MTIMECMP);
    const now = readTime(load<u64>(HART_INSTRET));
    if (cmp > now) {
      const insns = ((cmp - now) * 100) >> <u64>icountShift;
      if (insns < <u64>budget) budget = max<i32>(1, <i32>insns);
    }
  }
  let n: i32 = 0; // loop iterations (bounded by budget)
  let lost: i32 = 0; // iterations that did not retire an instruction (traps)
  let synced: i32 = 0; // iterations already added to HART_INSTRET
  let page: u64 = NO_PAGE;
  let recBase: u32 = 0;
  let exitCode: i32 = EXIT_BUDGET;
  memStatus = MEM_OK;
  while (n < budget) {
    n++;
    if ((pc & ~<u64>0xfff) != page) {
      recBase = fetchRefill(pc);
      if (memStatus != MEM_OK) {
        memStatus = MEM_OK; lost++; page = NO_PAGE;
        pc = takeTrap(pc, pendingCause, pendingTval);
        continue;
      }
      page = pc & ~<u64>0xfff;
    }
    let rec = load<u64>(recBase + ((<u32>pc & 0xfff) << 2));
    if ((<u32>rec & 0xfe) == 0) {
      rec = decodeAt(pc, recBase);
      if (memStatus != MEM_OK) {
        memStatus = MEM_OK; lost++; page = NO_PAGE;
        pc = takeTrap(pc, pendingCause, pendingTval);
        continue;
      }
    }
    const op = <i32>rec & 0xff;
    switch (op) {
      case O.OP_NOP: case O.OP_FENCE: case O.OP_FENCE_I: { pc += fLen(rec); break; }
      case O.OP_LUI: { setX(fRd(rec), fImm(rec)); pc += fLen(rec); break; }
      case O.OP_AUIPC: { setX(fRd(rec), pc + fImm(rec)); pc += fLen(rec); break; }
      case O.OP_JAL: { setX(fRd(rec), pc + fLen(rec)); pc += fImm(rec); break; }
      case O.OP_J: { pc += fImm(rec); break; }
      case O.OP_JALR: {
        const t = (getX(fRs1(rec)) + fImm(rec)) & ~<u64>1;
        setX(fRd(rec), pc + fLen(rec));
        pc = t;
        break;
      }
      case O.OP_JR: { pc = (getX(fRs1(rec)) + fImm(rec)) & ~<u64>1; break; }
      case O.OP_BEQ: { pc += getX(fRs1(rec)) == getX(fRs2(rec)) ? fImm(rec) : fLen(rec); break; }
      case O.OP_BNE: { pc += getX(fRs1(rec)) != getX(fRs2(rec)) ? fImm(rec) : fLen(rec); break; }
      case O.OP_BLT: { pc += <i64>getX(fRs1(rec)) < <i64>getX(fRs2(rec)) ? fImm(rec) : fLen(rec); break; }
      case O.OP_BGE: { pc += <i64>getX(fRs1(rec)) >= <i64>getX(fRs2(rec)) ? fImm(rec) : fLen(rec); break; }
      case O.OP_BLTU: { pc += getX(fRs1(rec)) < getX(fRs2(rec)) ? fImm(rec) : fLen(rec); break; }
      case O.OP_BGEU: { pc += getX(fRs1(rec)) >= getX(fRs2(rec)) ? fImm(rec) : fLen(rec); break; }

      case O.OP_LB: case O.OP_LH: case O.OP_LW: case O.OP_LD:
      case O.OP_LBU: case O.OP_LHU: case O.OP_LWU: case O.OP_LOAD_X0: {
        const va = getX(fRs1(rec)) + fImm(rec);
        // LOAD_X0 keeps its width code in the rs2 byte; the others are the op itself.
        const kind = op == O.OP_LOAD_X0 ? (<i32>(rec >> 27) & 7) : op - O.OP_LB;
        let v: u64;
        switch (kind) {
          case 0: v = <u64><i64><i8>ld8(va); break;
          case 1: v = <u64><i64><i16>ld16(va); break;
          case 2: v = sext32(ld32(va)); break;
          case 3: v = ld64(va); break;
          case 4: v = ld8(va); break;
          case 5: v = ld16(va); break;
          default: v = ld32(va); break;
        }
        if (memStatus != MEM_OK) {
          if (memStatus == MEM_TRAP) {
            memStatus = MEM_OK; lost++; page = NO_PAGE;
            pc = takeTrap(pc, pendingCause, pendingTval);
            continue;
          }
          // MMIO: suspend the load; run() resumes it once the host supplies the value.
          store<u32>(EXIT_RD, op == O.OP_LOAD_X0 ? 0 : fRd(rec));
          store<u32>(EXIT_SIGNED, kind < 4 ? 1 : 0);
          store<u32>(EXIT_LEN, <u32>fLen(rec));
          store<u32>(EXIT_PENDING, 1);
          exitCode = load<u32>(EXIT_CODE);
          n--; budget = n;
          continue;
        }
        if (op != O.OP_LOAD_X0) setX(fRd(rec), v);
        pc += fLen(rec);
        break;
      }
      case O.OP_SB: case O.OP_SH: case O.OP_SW: case O.OP_SD: {
        const va = getX(fRs1(rec)) + fImm(rec);
        const v = getX(fRs2(rec));
        if (op == O.OP_SD) st64(va, v);
        else if (op == O.OP_SW) st32(va, v);
        else if (op == O.OP_SH) st16(va, v);
        else st8(va, v);
        if (memStatus != MEM_OK) {
          if (memStatus == MEM_TRAP) {
            memStatus = MEM_OK; lost++; page = NO_PAGE;
            pc = takeTrap(pc, pendingCause, pendingTval);
            continue;
          }
          store<u32>(EXIT_LEN, <u32>fLen(rec));
          store<u32>(EXIT_PENDING, 1);
          exitCode = load<u32>(EXIT_CODE);
          n--; budget = n;
          continue;
        }
        pc += fLen(rec);
        break;
      }

      case O.OP_ADDI: { setX(fRd(rec), getX(fRs1(rec)) + fImm(rec)); pc += fLen(rec); break; }
      case O.OP_SLTI: { setX(fRd(rec), <i64>getX(fRs1(rec)) < <i64>fImm(rec) ? 1 : 0); pc += fLen(rec); break; }
      case O.OP_SLTIU: { setX(fRd(rec), getX(fRs1(rec)) < fImm(rec) ? 1 : 0); pc += fLen(rec); break; }
      case O.OP_XORI: { setX(fRd(rec), getX(fRs1(rec)) ^ fImm(rec)); pc += fLen(rec); break; }
      case O.OP_ORI: { setX(fRd(rec), getX(fRs1(rec)) | fImm(rec)); pc += fLen(rec); break; }
      case O.OP_ANDI: { setX(fRd(rec), getX(fRs1(rec)) & fImm(rec)); pc += fLen(rec); break; }
      case O.OP_SLLI: { setX(fRd(rec), getX(fRs1(rec)) << fImm(rec)); pc += fLen(rec); break; }
      case O.OP_SRLI: { setX(fRd(rec), getX(fRs1(rec)) >> fImm(rec)); pc += fLen(rec); break; }
      case O.OP_SRAI: { setX(fRd(rec), <u64>(<i64>getX(fRs1(rec)) >> fImm(rec))); pc += fLen(rec); break; }
      case O.OP_ADD: { setX(fRd(rec), getX(fRs1(rec)) + getX(fRs2(rec))); pc += fLen(rec); break; }
      case O.OP_SUB: { setX(fRd(rec), getX(fRs1(rec)) - getX(fRs2(rec))); pc += fLen(rec); break; }
      case O.OP_SLL: { setX(fRd(rec), getX(fRs1(rec)) << getX(fRs2(rec))); pc += fLen(rec); break; }
      case O.OP_SLT: { setX(fRd(rec), <i64>getX(fRs1(rec)) < <i64>getX(fRs2(rec)) ? 1 : 0); pc += fLen(rec); break; }
      case O.OP_SLTU: { setX(fRd(rec), getX(fRs1(rec)) < getX(fRs2(rec)) ? 1 : 0); pc += fLen(rec); break; }
      case O.OP_XOR: { setX(fRd(rec), getX(fRs1(rec)) ^ getX(fRs2(rec))); pc += fLen(rec); break; }
      case O.OP_SRL: { setX(fRd(rec), getX(fRs1(rec)) >> getX(fRs2(rec))); pc += fLen(rec); break; }
      case O.OP_SRA: { setX(fRd(rec), <u64>(<i64>getX(fRs1(rec)) >> getX(fRs2(rec)))); pc += fLen(rec); break; }
      case O.OP_OR: { setX(fRd(rec), getX(fRs1(rec)) | getX(fRs2(rec))); pc += fLen(rec); break; }
      case O.OP_AND: { setX(fRd(rec), getX(fRs1(rec)) & getX(fRs2(rec))); pc += fLen(rec); break; }
      case O.OP_ADDIW: { setX(fRd(rec), sext32(getX(fRs1(rec)) + fImm(rec))); pc += fLen(rec); break; }
      case O.OP_SLLIW: { setX(fRd(rec), sext32(<u64>(<u32>getX(fRs1(rec)) << <u32>fImm(rec)))); pc += fLen(rec); break; }
      case O.OP_SRLIW: { setX(fRd(rec), sext32(<u64>(<u32>getX(fRs1(rec)) >> <u32>fImm(rec)))); pc += fLen(rec); break; }
      case O.OP_SRAIW: { setX(fRd(rec), <u64><i64>(<i32>getX(fRs1(rec)) >> <i32>fImm(rec))); pc += fLen(rec); break; }
      case O.OP_ADDW: { setX(fRd(rec), sext32(getX(fRs1(rec)) + getX(fRs2(rec)))); pc += fLen(rec); break; }
      case O.OP_SUBW: { setX(fRd(rec), sext32(getX(fRs1(rec)) - getX(fRs2(rec)))); pc += fLen(rec); break; }
      case O.OP_SLLW: { setX(fRd(rec), sext32(<u64>(<u32>getX(fRs1(rec)) << (<u32>getX(fRs2(rec)) & 31)))); pc += fLen(rec); break; }
      case O.OP_SRLW: { setX(fRd(rec), sext32(<u64>(<u32>getX(fRs1(rec)) >> (<u32>getX(fRs2(rec)) & 31)))); pc += fLen(rec); break; }
      case O.OP_SRAW: { setX(fRd(rec), <u64><i64>(<i32>getX(fRs1(rec)) >> (<i32>getX(fRs2(rec)) & 31))); pc += fLen(rec); break; }

      case O.OP_MUL: { setX(fRd(rec), getX(fRs1(rec)) * getX(fRs2(rec))); pc += fLen(rec); break; }
      case O.OP_MULH: {
        const a = getX(fRs1(rec)), b = getX(fRs2(rec));
        let h = mulhu(a, b);
        if (<i64>a < 0) h -= b;
        if (<i64>b < 0) h -= a;
        setX(fRd(rec), h); pc += fLen(rec); break;
      }
      case O.OP_MULHSU: {
        const a = getX(fRs1(rec)), b = getX(fRs2(rec));
        let h = mulhu(a, b);
        if (<i64>a < 0) h -= b;
        setX(fRd(rec), h); pc += fLen(rec); break;
      }
      case O.OP_MULHU: { setX(fRd(rec), mulhu(getX(fRs1(rec)), getX(fRs2(rec)))); pc += fLen(rec); break; }
      case O.OP_DIV: {
        const a = <i64>getX(fRs1(rec)), b = <i64>getX(fRs2(rec));
        setX(fRd(rec), b == 0 ? <u64>-1 : (a == i64.MIN_VALUE && b == -1) ? <u64>a : <u64>(a / b));
        pc += fLen(rec); break;
      }
      case O.OP_DIVU: {
        const a = getX(fRs1(rec)), b = getX(fRs2(rec));
        setX(fRd(rec), b == 0 ? <u64>-1 : a / b); pc += fLen(rec); break;
      }
      case O.OP_REM: {
        const a = <i64>getX(fRs1(rec)), b = <i64>getX(fRs2(rec));
        setX(fRd(rec), b == 0 ? <u64>a : (a == i64.MIN_VALUE && b == -1) ? 0 : <u64>(a % b));
        pc += fLen(rec); break;
      }
      case O.OP_REMU: {
        const a = getX(fRs1(rec)), b = getX(fRs2(rec));
        setX(fRd(rec), b == 0 ? a : a % b); pc += fLen(rec); break;
      }
      case O.OP_MULW: { setX(fRd(rec), sext32(getX(fRs1(rec)) * getX(fRs2(rec)))); pc += fLen(rec); break; }
      case O.OP_DIVW: {
        const a = <i32>getX(fRs1(rec)), b = <i32>getX(fRs2(rec));
        setX(fRd(rec), <u64><i64>(b == 0 ? -1 : (a == i32.MIN_VALUE && b == -1) ? a : a / b));
        pc += fLen(rec); break;
      }
      case O.OP_DIVUW: {
        const a = <u32>getX(fRs1(rec)), b = <u32>getX(fRs2(rec));
        setX(fRd(rec), sext32(b == 0 ? 0xffffffff : a / b)); pc += fLen(rec); break;
      }
      case O.OP_REMW: {
        const a = <i32>getX(fRs1(rec)), b = <i32>getX(fRs2(rec));
        setX(fRd(rec), <u64><i64>(b == 0 ? a : (a == i32.MIN_VALUE && b == -1) ? 0 : a % b));
        pc += fLen(rec); break;
      }
      case O.OP_REMUW: {
        const a = <u32>getX(fRs1(rec)), b = <u32>getX(fRs2(rec));
        setX(fRd(rec), sext32(b == 0 ? a : a % b)); pc += fLen(rec); break;
      }

      case O.OP_CSRRW: case O.OP_CSRRS: case O.OP_CSRRC:
      case O.OP_CSRRWI: case O.OP_CSRRSI: case O.OP_CSRRCI: {
        // Counters read inside the run must see the instructions retired so far.
        store<u64>(HART_INSTRET, load<u64>(HART_INSTRET) + <u64>(n - 1 - synced - lost));
        synced = n - 1; lost = 0;
        const k = op - O.OP_CSRRW; // 0..5
        const kind = k % 3;
        const rs1 = fRs1(rec);
        const src = k >= 3 ? <u64>(rs1 >> 3) : getX(rs1);
        const rd = fRd(rec);
        // csrrw with rd = x0 does not read; csrrs/csrrc with rs1 (or uimm) = 0 do not write.
        const doRead = kind != 0 || rd != 0;
        const doWrite = kind == 0 || rs1 != 0;
        const v = csrAccess(<u32>fImm(rec) & 0xfff, kind, src, doRead, doWrite, pc);
        if (memStatus != MEM_OK) {
          memStatus = MEM_OK; lost++; page = NO_PAGE;
          pc = takeTrap(pc, pendingCause, pendingTval);
          continue;
        }
        if (rd != 0) setX(rd, v);
        pc += fLen(rec);
        page = NO_PAGE; // translation or privilege state may have changed
        pc = checkInterrupts(pc);
        break;
      }
      case O.OP_ECALL: {
        lost++; page = NO_PAGE;
        pc = takeTrap(pc, 8 + <u64>getPriv(), 0);
        break;
      }
      case O.OP_EBREAK: {
        lost++; page = NO_PAGE;
        pc = takeTrap(pc, CAUSE_BREAKPOINT, pc);
        break;
      }
      case O.OP_MRET: case O.OP_SRET: {
        const priv = getPriv();
        const tsr = (getCsr(CSR_SLOT_MSTATUS) & (1 << 22)) != 0;
        if (op == O.OP_MRET ? priv != PRV_M : (priv == PRV_U || (priv == PRV_S && tsr))) {
          illegal(pc);
        } else {
          pc = op == O.OP_MRET ? doMret() : doSret();
          page = NO_PAGE;
          pc = checkInterrupts(pc);
          break;
        }
        memStatus = MEM_OK; lost++; page = NO_PAGE;
        pc = takeTrap(pc, pendingCause, pendingTval);
        continue;
      }
      case O.OP_WFI: {
        const priv = getPriv();
        const tw = (getCsr(CSR_SLOT_MSTATUS) & (1 << 21)) != 0;
        if (priv == PRV_U || (priv == PRV_S && tw)) {
          illegal(pc);
          memStatus = MEM_OK; lost++; page = NO_PAGE;
          pc = takeTrap(pc, pendingCause, pendingTval);
          continue;
        }
        pc += fLen(rec);
        // Wait only if nothing is pending (global enables do not matter for wfi).
        if ((mip() & getCsr(CSR_SLOT_MIE)) == 0) { exitCode = EXIT_WFI; budget = n; }
        break;
      }
      case O.OP_SFENCE_VMA: {
        const priv = getPriv();
        if (priv == PRV_U || (priv == PRV_S && (getCsr(CSR_SLOT_MSTATUS) & (1 << 20)) != 0)) {
          illegal(pc);
          memStatus = MEM_OK; lost++; page = NO_PAGE;
          pc = takeTrap(pc, pendingCause, pendingTval);
          continue;
        }
        flushTlb();
        page = NO_PAGE;
        pc += fLen(rec);
        break;
      }
      case O.OP_ILLEGAL: {
        lost++; page = NO_PAGE;
        const bits = <u64><u32>fImm(rec);
        pc = takeTrap(pc, CAUSE_ILLEGAL_INSTRUCTION, fLen(rec) == 2 ? bits & 0xffff : bits);
        break;
      }
      default: {
        if (op >= O.OP_LR_W && op <= O.OP_AMOMAXU_D) {
          if (!atomic(op, rec)) {
            memStatus = MEM_OK; lost++; page = NO_PAGE;
            pc = takeTrap(pc, pendingCause, pendingTval);
            continue;
          }
          pc += fLen(rec);
          break;
        }
        // Unreachable for records made by decode(); treat as illegal rather than trust it.
        lost++; page = NO_PAGE;
        pc = takeTrap(pc, CAUSE_ILLEGAL_INSTRUCTION, 0);
        break;
      }
    }
  }
  setPc(pc);
  const retired = <u64>(n - synced - lost);
  store<u64>(HART_INSTRET, load<u64>(HART_INSTRET) + retired);
  store<u64>(EXIT_RETIRED, <u64>n);
  store<u32>(EXIT_CODE, exitCode);
  return exitCode;
}
