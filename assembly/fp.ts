// F and D instructions (unprivileged spec chapters 11-12): FP register file, fcsr, mstatus.FS,
// NaN-boxing, rounding-mode resolution; the arithmetic itself is in softfloat.ts.
//
// mstatus.FS = Off makes every FP instruction (and fflags/frm/fcsr access, see csr.ts)
// illegal. Any instruction that writes an f register or sets a flag makes FS Dirty (and SD).
import * as O from './opcodes';
import { HART_F, CSR_SLOT_MSTATUS, CSR_SLOT_FCSR, CAUSE_ILLEGAL_INSTRUCTION, CAUSE_LOAD_ACCESS, CAUSE_STORE_ACCESS, EXIT_CODE, EXIT_PAGE } from './abi';
import { getX, setX, getCsr, setCsr, raise, memStatus, MEM_OK, MEM_EXIT } from './state';
import { loadSlow, storeSlow, insnBits } from './mmu';
import * as SF from './softfloat';
import { fRd, fRs1, fRs2, fImm } from './decode';

export const MSTATUS_FS: u64 = 3 << 13;
const MSTATUS_SD: u64 = <u64>1 << 63;
const NAN_BOX: u64 = 0xffffffff00000000;

@inline export function getF(r8: u32): u64 { return load<u64>(r8, HART_F); }
@inline export function setF(r8: u32, v: u64): void { store<u64>(r8, v, HART_F); }

// A single-precision operand: the low half of a properly NaN-boxed register, else the
// canonical NaN (spec 12.2).
@inline function unboxS(v: u64): u32 { return (v & NAN_BOX) == NAN_BOX ? <u32>v : SF.F32_CANONICAL_NAN; }
@inline function boxS(v: u32): u64 { return NAN_BOX | <u64>v; }

@inline export function fsEnabled(): bool { return (getCsr(CSR_SLOT_MSTATUS) & MSTATUS_FS) != 0; }
@inline export function markFsDirty(): void { setCsr(CSR_SLOT_MSTATUS, getCsr(CSR_SLOT_MSTATUS) | MSTATUS_FS | MSTATUS_SD); }


// fadd/fsub/fmul/fdiv on the host's FPU where that gives exactly softfloat's result and flags
// (QEMU's "hardfloat" rule): round to nearest even, fflags.NX already set (so whether this one is
// inexact changes nothing), operands normal or zero, and a result that is normal (not tiny, not
// overflowing, not NaN) or an exact zero. Returns false, having changed nothing, otherwise.
const F64_EXP: u64 = 0x7ff0000000000000;
const F64_MIN_NORMAL_EXP: u64 = 0x0010000000000000;
const F32_EXP: u32 = 0x7f800000;
const F32_MIN_NORMAL_EXP: u32 = 0x00800000;
@inline function plain64(v: u64): bool { const e = v & F64_EXP; return (e != 0 && e != F64_EXP) || (v << 1) == 0; }
@inline function plain32(v: u32): bool { const e = v & F32_EXP; return (e != 0 && e != F32_EXP) || (v << 1) == 0; }
function hardArith(op: i32, rd: u32, rs1: u32, rs2: u32): bool {
  if (op >= O.OP_FADD_D) {
    const a = getF(rs1), b = getF(rs2);
    if (!plain64(a) || !plain64(b)) return false;
    const x = reinterpret<f64>(a), y = reinterpret<f64>(b);
    let r: f64;
    if (op == O.OP_FADD_D) r = x + y;
    else if (op == O.OP_FSUB_D) r = x - y;
    else if (op == O.OP_FMUL_D) r = x * y;
    else { if ((b << 1) == 0) return false; r = x / y; } // DZ or NV
    const rb = reinterpret<u64>(r);
    const e = rb & F64_EXP;
    // A normal result at least one binade above the smallest (tininess is decided after rounding,
    // on an unbounded exponent: at the bottom binade the host cannot tell), or zero from an
    // add/sub (exact cancellation) or from a zero operand.
    if (e == F64_EXP || (e <= F64_MIN_NORMAL_EXP && ((rb << 1) != 0 || (op >= O.OP_FMUL_D && (a << 1) != 0 && (b << 1) != 0)))) return false;
    setF(rd, rb);
    return true;
  }
  const a = unboxS(getF(rs1)), b = unboxS(getF(rs2));
  if (!plain32(a) || !plain32(b)) return false;
  const x = reinterpret<f32>(a), y = reinterpret<f32>(b);
  let r: f32;
  if (op == O.OP_FADD_S) r = x + y;
  else if (op == O.OP_FSUB_S) r = x - y;
  else if (op == O.OP_FMUL_S) r = x * y;
  else { if ((b << 1) == 0) return false; r = x / y; }
  const rb = reinterpret<u32>(r);
  const e = rb & F32_EXP;
  if (e == F32_EXP || (e <= F32_MIN_NORMAL_EXP && ((rb << 1) != 0 || (op >= O.OP_FMUL_S && (a << 1) != 0 && (b << 1) != 0)))) return false;
  setF(rd, boxS(rb));
  return true;
}

// The arithmetic that the interpreter's hot loop also runs inline: fadd/fsub/fmul/fdiv and the
// fused multiply-adds, both formats, with `rm` already resolved and `fcsr` as it was before.
// Flags go to SF.fflags.
@inline export function fpArith(op: i32, rec: u64, rm: u32, fcsr: u64): void {
  const rd = fRd(rec), rs1 = fRs1(rec), rs2 = fRs2(rec);
  if (op >= O.OP_FADD_S && rm == 0 && (fcsr & 1) != 0 && hardArith(op, rd, rs1, rs2)) return;
  if (op >= O.OP_FADD_D) { // fadd.d fsub.d fmul.d fdiv.d
    const a = getF(rs1), b = getF(rs2);
    setF(rd, op == O.OP_FADD_D ? SF.f64_add(a, b, rm) : op == O.OP_FSUB_D ? SF.f64_sub(a, b, rm) :
      op == O.OP_FMUL_D ? SF.f64_mul(a, b, rm) : SF.f64_div(a, b, rm));
  } else if (op >= O.OP_FADD_S) { // fadd.s fsub.s fmul.s fdiv.s
    const a = unboxS(getF(rs1)), b = unboxS(getF(rs2));
    setF(rd, boxS(op == O.OP_FADD_S ? SF.f32_add(a, b, rm) : op == O.OP_FSUB_S ? SF.f32_sub(a, b, rm) :
      op == O.OP_FMUL_S ? SF.f32_mul(a, b, rm) : SF.f32_div(a, b, rm)));
  } else if (op >= O.OP_FMADD_D) {
    // fmsub = a*b - c, fnmsub = -(a*b) + c, fnmadd = -(a*b) - c (NaN results are canonical, so
    // flipping an operand's sign is exact)
    const k = op - O.OP_FMADD_D;
    let a = getF(rs1);
    let c = getF((<u32>fImm(rec) << 3) & 0xf8);
    if (k >= 2) a ^= 0x8000000000000000;
    if (k == 1 || k == 3) c ^= 0x8000000000000000;
    setF(rd, SF.f64_fma(a, getF(rs2), c, rm));
  } else {
    const k = op - O.OP_FMADD_S;
    let a = unboxS(getF(rs1));
    let c = unboxS(getF((<u32>fImm(rec) << 3) & 0xf8));
    if (k >= 2) a ^= 0x80000000;
    if (k == 1 || k == 3) c ^= 0x80000000;
    setF(rd, boxS(SF.f32_fma(a, unboxS(getF(rs2)), c, rm)));
  }
}

// The rounding mode of an instruction with an rm field (fused ops keep it in imm bits 8..10):
// static, or frm for DYN; 5..7 means the instruction is illegal.
@inline export function fpRm(op: i32, rec: u64, fcsr: u64): u32 {
  let rm = op <= O.OP_FNMADD_D ? (<u32>fImm(rec) >> 8) & 7 : <u32>fImm(rec) & 7;
  if (rm == 7) rm = <u32>(fcsr >> 5) & 7;
  return rm;
}

// Executes one F/D instruction at pc. Returns false with an exception raised.
export function fpExec(op: i32, rec: u64, pc: u64): bool {
  if (!fsEnabled()) { raise(CAUSE_ILLEGAL_INSTRUCTION, insnBits(pc)); return false; }
  const rd = fRd(rec), rs1 = fRs1(rec), rs2 = fRs2(rec);
  // Loads and stores: transfers, no NaN-box checks. MMIO is not offered to FP accesses.
  if (op <= O.OP_FSD) {
    const va = getX(rs1) + fImm(rec);
    if (op == O.OP_FLW || op == O.OP_FLD) {
      const v = loadSlow(va, op == O.OP_FLW ? 4 : 8);
      if (memStatus == MEM_EXIT && load<u32>(EXIT_CODE) != EXIT_PAGE) raise(CAUSE_LOAD_ACCESS, va);
      if (memStatus != MEM_OK) return false;
      setF(rd, op == O.OP_FLW ? boxS(<u32>v) : v);
      markFsDirty();
    } else {
      storeSlow(va, op == O.OP_FSW ? 4 : 8, getF(rs2));
      if (memStatus == MEM_EXIT && load<u32>(EXIT_CODE) != EXIT_PAGE) raise(CAUSE_STORE_ACCESS, va);
      if (memStatus != MEM_OK) return false;
    }
    return true;
  }
  // Moves and sign injection: no rounding mode, no flags.
  switch (op) {
    case O.OP_FMV_X_W: { if (rd != 0) setX(rd, <u64><i64><i32>getF(rs1)); return true; }
    case O.OP_FMV_X_D: { if (rd != 0) setX(rd, getF(rs1)); return true; }
    case O.OP_FMV_W_X: { setF(rd, boxS(<u32>getX(rs1))); markFsDirty(); return true; }
    case O.OP_FMV_D_X: { setF(rd, getX(rs1)); markFsDirty(); return true; }
    case O.OP_FCLASS_S: { if (rd != 0) setX(rd, SF.f32_classify(unboxS(getF(rs1)))); return true; }
    case O.OP_FCLASS_D: { if (rd != 0) setX(rd, SF.f64_classify(getF(rs1))); return true; }
    case O.OP_FSGNJ_S: case O.OP_FSGNJN_S: case O.OP_FSGNJX_S: {
      const a = unboxS(getF(rs1)), b = unboxS(getF(rs2));
      const sign = op == O.OP_FSGNJ_S ? b : op == O.OP_FSGNJN_S ? ~b : a ^ b;
      setF(rd, boxS((a & 0x7fffffff) | (sign & 0x80000000)));
      markFsDirty();
      return true;
    }
    case O.OP_FSGNJ_D: case O.OP_FSGNJN_D: case O.OP_FSGNJX_D: {
      const a = getF(rs1), b = getF(rs2);
      const sign = op == O.OP_FSGNJ_D ? b : op == O.OP_FSGNJN_D ? ~b : a ^ b;
      setF(rd, (a & 0x7fffffffffffffff) | (sign & 0x8000000000000000));
      markFsDirty();
      return true;
    }
  }
  // Everything else may raise flags; most use a rounding mode.
  let rm: u32 = 0;
  if (op <= O.OP_FNMADD_D || (op >= O.OP_FADD_S && op <= O.OP_FDIV_S) || (op >= O.OP_FADD_D && op <= O.OP_FDIV_D) ||
      op == O.OP_FSQRT_S || op == O.OP_FSQRT_D || op == O.OP_FCVT_S_D || op == O.OP_FCVT_D_S || op >= O.OP_FCVT_W_S) {
    rm = fpRm(op, rec, getCsr(CSR_SLOT_FCSR));
    if (rm > 4) { raise(CAUSE_ILLEGAL_INSTRUCTION, insnBits(pc)); return false; }
  }
  SF.fflags = 0;
  let writesF = true;
  switch (op) {
    case O.OP_FMADD_S: case O.OP_FMSUB_S: case O.OP_FNMSUB_S: case O.OP_FNMADD_S:
    case O.OP_FMADD_D: case O.OP_FMSUB_D: case O.OP_FNMSUB_D: case O.OP_FNMADD_D:
    case O.OP_FADD_S: case O.OP_FSUB_S: case O.OP_FMUL_S: case O.OP_FDIV_S:
      fpArith(op, rec, rm, getCsr(CSR_SLOT_FCSR));
      break;
    case O.OP_FSQRT_S: setF(rd, boxS(SF.f32_sqrt(unboxS(getF(rs1)), rm))); break;
    case O.OP_FMIN_S: setF(rd, boxS(SF.f32_min(unboxS(getF(rs1)), unboxS(getF(rs2))))); break;
    case O.OP_FMAX_S: setF(rd, boxS(SF.f32_max(unboxS(getF(rs1)), unboxS(getF(rs2))))); break;
    case O.OP_FADD_D: case O.OP_FSUB_D: case O.OP_FMUL_D: case O.OP_FDIV_D:
      fpArith(op, rec, rm, getCsr(CSR_SLOT_FCSR));
      break;
    case O.OP_FSQRT_D: setF(rd, SF.f64_sqrt(getF(rs1), rm)); break;
    case O.OP_FMIN_D: setF(rd, SF.f64_min(getF(rs1), getF(rs2))); break;
    case O.OP_FMAX_D: setF(rd, SF.f64_max(getF(rs1), getF(rs2))); break;
    case O.OP_FCVT_S_D: setF(rd, boxS(SF.f64_to_f32(getF(rs1), rm))); break;
    case O.OP_FCVT_D_S: setF(rd, SF.f32_to_f64(unboxS(getF(rs1)))); break;
    case O.OP_FCVT_S_W: setF(rd, boxS(SF.i32_to_f32(<u32>getX(rs1), rm))); break;
    case O.OP_FCVT_S_WU: setF(rd, boxS(SF.u32_to_f32(<u32>getX(rs1), rm))); break;
    case O.OP_FCVT_S_L: setF(rd, boxS(SF.i64_to_f32(getX(rs1), rm))); break;
    case O.OP_FCVT_S_LU: setF(rd, boxS(SF.u64_to_f32(getX(rs1), rm))); break;
    case O.OP_FCVT_D_W: setF(rd, SF.i32_to_f64(<u32>getX(rs1), rm)); break;
    case O.OP_FCVT_D_WU: setF(rd, SF.u32_to_f64(<u32>getX(rs1), rm)); break;
    case O.OP_FCVT_D_L: setF(rd, SF.i64_to_f64(getX(rs1), rm)); break;
    case O.OP_FCVT_D_LU: setF(rd, SF.u64_to_f64(getX(rs1), rm)); break;
    default: {
      // Results that go to an integer register: comparisons and conversions.
      writesF = false;
      let v: u64;
      switch (op) {
        case O.OP_FEQ_S: v = SF.f32_eq(unboxS(getF(rs1)), unboxS(getF(rs2))) ? 1 : 0; break;
        case O.OP_FLT_S: v = SF.f32_lt(unboxS(getF(rs1)), unboxS(getF(rs2))) ? 1 : 0; break;
        case O.OP_FLE_S: v = SF.f32_le(unboxS(getF(rs1)), unboxS(getF(rs2))) ? 1 : 0; break;
        case O.OP_FEQ_D: v = SF.f64_eq(getF(rs1), getF(rs2)) ? 1 : 0; break;
        case O.OP_FLT_D: v = SF.f64_lt(getF(rs1), getF(rs2)) ? 1 : 0; break;
        case O.OP_FLE_D: v = SF.f64_le(getF(rs1), getF(rs2)) ? 1 : 0; break;
        case O.OP_FCVT_W_S: v = <u64><i64><i32>SF.f32_to_i32(unboxS(getF(rs1)), rm); break;
        case O.OP_FCVT_WU_S: v = <u64><i64><i32>SF.f32_to_u32(unboxS(getF(rs1)), rm); break;
        case O.OP_FCVT_L_S: v = SF.f32_to_i64(unboxS(getF(rs1)), rm); break;
        case O.OP_FCVT_LU_S: v = SF.f32_to_u64(unboxS(getF(rs1)), rm); break;
        case O.OP_FCVT_W_D: v = <u64><i64><i32>SF.f64_to_i32(getF(rs1), rm); break;
        case O.OP_FCVT_WU_D: v = <u64><i64><i32>SF.f64_to_u32(getF(rs1), rm); break;
        case O.OP_FCVT_L_D: v = SF.f64_to_i64(getF(rs1), rm); break;
        default: v = SF.f64_to_u64(getF(rs1), rm); break; // fcvt.lu.d
      }
      if (rd != 0) setX(rd, v);
    }
  }
  const flags = SF.fflags;
  if (flags != 0) setCsr(CSR_SLOT_FCSR, getCsr(CSR_SLOT_FCSR) | flags);
  if (writesF || flags != 0) markFsDirty();
  return true;
}
