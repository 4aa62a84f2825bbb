// The translator: one decoded record page (assembly/decode.ts records, 2048 per 4 KiB page)
// becomes one wasm function, a *region*, together with the code it reaches on the page after it
// (`NextPage`). See docs/ARCHITECTURE.md ("The JIT").
//
// Shape of a region function (entry: i32, rem: i32, page: i64) -> exit kind:
//   load the guest registers it uses into locals, and the count retired (JIT_EXIT_RETIRED)
//   block $exit
//     block $insn
//       loop $L
//         block $U[m-1] … block $U0  br_table(entry) end unit0 … end unit[m-1]
//       end
//     end
//     the exits before an instruction (JIT_EXIT_INSN): count, pc and kind from `mx`
//   end
//   write back the registers it writes
//   a jump to another region's entry: tail-call it (see `chain` below)
//   else JIT_EXIT_PC, JIT_EXIT_RETIRED, JIT_EXIT_REC; return the kind
// Each basic block of the page (a *leader*: a branch target, the instruction after a jump or
// after something the translator does not compile, the start of decoded code) is one code[i],
// in a unit of its own or in a loop group's (`loop` code[h] … code[t] `end`, with trampolines
// before it for entries to its inner blocks; see emitGroup); falling from one into the next
// costs nothing, a forward branch is a direct `br` to the block, a back edge within a group a
// `br` to its loop, any other backward one sets the block index and goes round $L through the
// br_table. Every leader is also an entry point, listed for the core (it marks the records
// there).
//
// Architectural rules (the interpreter's, see interp.ts run()):
// - instructions retired are counted per block as constants, exactly, at every exit;
// - a taken jump inside the region first checks the budget (`cnt > rem` stops, as the
//   interpreter stops at its next REFILL once it has retired more than its budget);
// - loads and stores probe the same TLB entries inline (the view's base comes from the core's
//   exported globals at entry, never baked in); on a miss the region exits with the state the
//   interpreter would have before that instruction, and the interpreter runs it (its slow path
//   walks, fills, faults, exits for MMIO or the pager, drops code a store overwrites);
// - the virtual page comes in as a parameter, so the code is valid wherever the frame is mapped;
// - atomics call the core's atomic(), F/D arithmetic, compares, conversions and fused
//   multiply-adds run on the host FPU where that is exact (else the core's softfloat), Zb* is
//   inline or calls the core, fflags/frm/fcsr are inline;
// - anything else (other CSRs, system instructions, ops added later) ends the block with an
//   exit *before* that instruction: the interpreter runs it.
import * as O from '../../assembly/opcodes';
import { HART_X, HART_F, HART_CSR, CSR_SLOT_MSTATUS, CSR_SLOT_FCSR, JIT_CODEVER, JIT_COUNTER_STATUS, JIT_COMPILE_VA, DECODE_BASE, DECODE_PAGE_SIZE, JIT_WANT, JIT_EXIT_PC, JIT_EXIT_RETIRED, JIT_EXIT_REC, JIT_EXIT_BRANCH, JIT_EXIT_INSN, JIT_EXIT_SMC, JIT_EXIT_NEXT, JIT_STAT_CHAINS, OP_JIT, DECODE_GEN, TLB_ENTRIES } from '../../assembly/abi';
import { Body, ModuleBuilder, Op, Simd, I32, I64, F64, VOID } from './wasm';

// Imports every region module has, in this order (see jit.ts).
export const IMPORT_MULDIV = 0; // jitMulDiv(op: i32, a: i64, b: i64) -> i64 (M and B ops)
export const IMPORT_FP = 1; // jitFp(rec: i64) -> i32 (0 done, 1 leave it to the interpreter)
export const IMPORT_ATOMIC = 2; // jitAtomic(rec: i64) -> i32 (0 done, 1 leave it to the interpreter, 2 done, code dropped)
export const IMPORT_CHAIN = 3; // chain(entry, rem, page, table index) -> exit kind: tail-calls that region (see `chain` below)
export const IMPORT_COUNTER = 4; // jitCounter(rec: i64, retired: i32) -> i64, JIT_COUNTER_STATUS (rdtime, rdcycle, rdinstret)
export const GLOBAL_LOAD_TLB = 0;
export const GLOBAL_STORE_TLB = 1;
export const GLOBAL_FETCH_TLB = 2;
// Every region function's type, type 0 of its module: (entry, rem, page) -> exit kind. It counts
// the instructions it retires on from JIT_EXIT_RETIRED: 0 from the core (jitEnter), what the
// regions it was chained from retired (see `chain`). (Passed as a fourth parameter instead,
// sha256 ran 3-4 % slower: Liftoff allocates the loop's registers differently.)
export const REGION_PARAMS = [I32, I32, I64];
export const REGION_TYPE = 0;

export interface Insn { h: number; lo: number; hi: number; op: number; len: number; rd: number; rs1: number; rs2: number; imm: number }

// The instruction's 64-bit record, as the core's helpers and the exit path take it.
const recordOf = (i: Insn): bigint => BigInt(i.lo >>> 0) | (BigInt(i.hi >>> 0) << 32n);

export function decodeRecord(h: number, lo: number, hi: number): Insn {
  return { h, lo, hi, op: lo & 0xff, len: (lo >> 8) & 6, rd: (lo >>> 11) & 31, rs1: (lo >>> 19) & 31, rs2: (lo >>> 27) & 31, imm: hi | 0 };
}

// A set of register numbers (0..31) that iterates in the order they were added, as a Set does
// (the order of a function's register loads), with a byte per register instead of a hash.
class RegSet {
  private readonly in = new Uint8Array(32);
  private order: number[] = [];
  add(r: number): void { if (!this.in[r]) { this.in[r] = 1; this.order.push(r); } }
  has(r: number): boolean { return this.in[r] === 1; }
  delete(r: number): void { if (this.in[r]) { this.in[r] = 0; this.order = this.order.filter((x) => x !== r); } }
  [Symbol.iterator](): Iterator<number> { return this.order[Symbol.iterator](); }
  sorted(): number[] { const a: number[] = []; for (let r = 0; r < 32; r++) if (this.in[r]) a.push(r); return a; }
}

// Sets of ops, asked about for every instruction of every compile: a byte per op, not a hash.
class OpSet {
  private readonly t = new Uint8Array(256);
  constructor(ops: number[]) { for (const op of ops) this.t[op] = 1; }
  has(op: number): boolean { return this.t[op & 0xff] === 1; }
}
const BRANCHES = new OpSet([O.OP_BEQ, O.OP_BNE, O.OP_BLT, O.OP_BGE, O.OP_BLTU, O.OP_BGEU]);
const BRANCH_COMPARE: Record<number, number> = { [O.OP_BEQ]: Op.i64_eq, [O.OP_BNE]: Op.i64_ne, [O.OP_BLT]: Op.i64_lt_s, [O.OP_BGE]: Op.i64_ge_s, [O.OP_BLTU]: Op.i64_lt_u, [O.OP_BGEU]: Op.i64_ge_u };
const JUMPS = new OpSet([O.OP_J, O.OP_JAL, O.OP_JR, O.OP_JALR]);
const LOADS = new OpSet([O.OP_LB, O.OP_LH, O.OP_LW, O.OP_LD, O.OP_LBU, O.OP_LHU, O.OP_LWU, O.OP_LOAD_X0]);
const STORES = new OpSet([O.OP_SB, O.OP_SH, O.OP_SW, O.OP_SD]);
const MULDIV = new OpSet([O.OP_MULH, O.OP_MULHSU, O.OP_MULHU, O.OP_DIV, O.OP_DIVU, O.OP_REM, O.OP_REMU, O.OP_DIVW, O.OP_DIVUW, O.OP_REMW, O.OP_REMUW]);
// Register-register and register-immediate operations that map onto one wasm operator.
const ALU_RR: Record<number, number> = {
  [O.OP_ADD]: Op.i64_add, [O.OP_SUB]: Op.i64_sub, [O.OP_SLL]: Op.i64_shl, [O.OP_SRL]: Op.i64_shr_u,
  [O.OP_SRA]: Op.i64_shr_s, [O.OP_XOR]: Op.i64_xor, [O.OP_OR]: Op.i64_or, [O.OP_AND]: Op.i64_and,
  [O.OP_MUL]: Op.i64_mul,
};
const ALU_RI: Record<number, number> = {
  [O.OP_ADDI]: Op.i64_add, [O.OP_XORI]: Op.i64_xor, [O.OP_ORI]: Op.i64_or, [O.OP_ANDI]: Op.i64_and,
  [O.OP_SLLI]: Op.i64_shl, [O.OP_SRLI]: Op.i64_shr_u, [O.OP_SRAI]: Op.i64_shr_s,
};
const ALU_W: Record<number, number> = { // 32-bit ops: i32 operator on the low halves
  [O.OP_ADDW]: Op.i32_add, [O.OP_SUBW]: Op.i32_sub, [O.OP_SLLW]: Op.i32_shl, [O.OP_SRLW]: Op.i32_shr_u,
  [O.OP_SRAW]: Op.i32_shr_s, [O.OP_MULW]: Op.i32_mul,
  [O.OP_ADDIW]: Op.i32_add, [O.OP_SLLIW]: Op.i32_shl, [O.OP_SRLIW]: Op.i32_shr_u, [O.OP_SRAIW]: Op.i32_shr_s,
};
const W_IMM = new OpSet([O.OP_ADDIW, O.OP_SLLIW, O.OP_SRLIW, O.OP_SRAIW]);
// Of those, the ones computed in 64 bits and sign-extended from bit 31 (see emitAlu).
const W_WIDE: Record<number, number> = {
  [O.OP_ADDW]: Op.i64_add, [O.OP_SUBW]: Op.i64_sub, [O.OP_MULW]: Op.i64_mul, [O.OP_ADDIW]: Op.i64_add, [O.OP_SLLIW]: Op.i64_shl,
};
// F/D: loads and stores inline (TLB hit, FS as the hot loop wants it), the rest through the
// core's jitFp (the hot loop's own code); FP ops that write an x register.
const FP_MEM = new OpSet([O.OP_FLW, O.OP_FLD, O.OP_FSW, O.OP_FSD]);
const isFpOp = (op: number) => op >= O.OP_FMADD_S && op <= O.OP_FMV_D_X;
const FP_WRITES_X = new OpSet([O.OP_FEQ_S, O.OP_FLT_S, O.OP_FLE_S, O.OP_FEQ_D, O.OP_FLT_D, O.OP_FLE_D,
  O.OP_FCVT_W_S, O.OP_FCVT_WU_S, O.OP_FCVT_L_S, O.OP_FCVT_LU_S, O.OP_FCVT_W_D, O.OP_FCVT_WU_D, O.OP_FCVT_L_D,
  O.OP_FCVT_LU_D, O.OP_FMV_X_W, O.OP_FCLASS_S, O.OP_FMV_X_D, O.OP_FCLASS_D]);
const MSTATUS_FS = 3 << 13;
const MSTATUS_SD = -(1n << 63n);
// F/D arithmetic with a host-FPU fast path (FP_FAST below), and moves and sign injection, which
// are always inline.
const FP_HOST_OP: Record<number, number> = {
  [O.OP_FADD_D]: Op.f64_add, [O.OP_FSUB_D]: Op.f64_sub, [O.OP_FMUL_D]: Op.f64_mul, [O.OP_FDIV_D]: Op.f64_div, [O.OP_FSQRT_D]: Op.f64_sqrt,
  [O.OP_FADD_S]: Op.f32_add, [O.OP_FSUB_S]: Op.f32_sub, [O.OP_FMUL_S]: Op.f32_mul, [O.OP_FDIV_S]: Op.f32_div, [O.OP_FSQRT_S]: Op.f32_sqrt,
};
const FP_INLINE = new OpSet([O.OP_FMV_X_D, O.OP_FMV_X_W, O.OP_FMV_D_X, O.OP_FMV_W_X, O.OP_FSGNJ_D, O.OP_FSGNJN_D, O.OP_FSGNJX_D]);
// F/D operations with an exact fast path inline (else the core's jitFp, which does the same
// as the interpreter): the arithmetic and fcvt.s.d under the hardfloat rule, comparisons and
// min/max without NaNs, conversions whose result is exact (or, for float to integer, truncating
// ones: NX is then all they raise), fcvt.d.s of a number, fused multiply-adds. `emit` runs
// inside the $slow block: it branches out (br_if 0) to take the slow path, else leaves the x
// result on the stack or stores the f result. src 'x': the translator loads rs1 before the split.
interface Scratch { fa: number; fb: number; fr: number; fl: number[] } // i64 locals; fl: FMA_LOCALS f64 ones
interface FpFast { src: 'x' | 'f'; dst: 'x' | 'f'; emit: (f: Body, i: Insn, getX: (r: number) => Body, s: Scratch) => void }
const F_REG = (r: number) => HART_F + r * 8;
// The f registers of the function being emitted live in i64 locals, as the x registers do (see
// emitGroup): fLocal[r] is register r's local there (their bit images, NaN-boxing included).
let fLocal: number[] = [];
const getF = (f: Body, r: number) => f.get(fLocal[r]);
const setF = (f: Body, r: number) => f.set(fLocal[r]);
const ABS = (d: boolean) => (d ? 0x7fffffffffffffffn : 0x7fffffffn);
const EXP_ALL = (d: boolean) => (d ? 0x7ff0000000000000n : 0x7f800000n);
// The f register's value (binary32 in the low half, or binary64) into `into`; a binary32 not
// NaN-boxed is the canonical NaN: slow path.
function fpOperand(f: Body, r: number, into: number, d: boolean): void {
  getF(f, r).set(into);
  if (!d) {
    f.get(into).i64(32).op(Op.i64_shr_u).i64(0xffffffff).op(Op.i64_ne).brIf(0);
    f.get(into).i64(0xffffffff).op(Op.i64_and).set(into);
  }
}
const toFloat = (f: Body, d: boolean) => { if (d) f.op(Op.f64_reinterpret_i64); else f.op(Op.i32_wrap_i64).op(Op.f32_reinterpret_i32); };
const fromFloat = (f: Body, d: boolean) => { if (d) f.op(Op.i64_reinterpret_f64); else f.op(Op.i32_reinterpret_f32).op(Op.i64_extend_i32_u).i64(0xffffffffn << 32n).op(Op.i64_or); };
const notNaN = (f: Body, v: number, d: boolean) => { f.get(v).i64(ABS(d)).op(Op.i64_and).i64(EXP_ALL(d)).op(Op.i64_gt_u).brIf(0); };
// A dynamic rounding mode with a reserved frm is an illegal instruction: slow path.
const rmValid = (f: Body, i: Insn) => {
  if ((i.imm & 7) === 7) f.i32(0).mem(Op.i64_load, 3, HART_CSR + CSR_SLOT_FCSR).i64(5).op(Op.i64_shr_u).i64(7).op(Op.i64_and).i64(4).op(Op.i64_gt_u).brIf(0);
};
// The hardfloat rule's rounding (fp.ts hardArith): round to nearest even (static, or dynamic
// with frm = 0) and fflags.NX already set, so whether this result is inexact changes nothing;
// else the slow path. False when the static mode alone rules it out (then all is `br 0`).
function hardRounding(f: Body, rm: number): boolean {
  if (rm !== 0 && rm !== 7) { f.br(0); return false; }
  f.i32(0).mem(Op.i64_load, 3, HART_CSR + CSR_SLOT_FCSR).i64(rm === 7 ? 0xe1 : 1).op(Op.i64_and).i64(1).op(Op.i64_ne).brIf(0);
  return true;
}
// Pushes (i32) whether the binary64 (binary32) bits in `v` are a finite number in a binade above
// the lowest: the hardfloat rule's results (tininess is decided after rounding on an unbounded
// exponent, which the host does not show).
function aboveLowestBinade(f: Body, v: number, d: boolean): void {
  const two = d ? 2n << 52n : 2n << 23n;
  f.get(v).i64(EXP_ALL(d)).op(Op.i64_and).i64(two).op(Op.i64_sub).i64(EXP_ALL(d) - two).op(Op.i64_lt_u);
}
const FP_FAST: Record<number, FpFast> = {};
// fadd/fsub/fmul/fdiv/fsqrt on the host FPU: operands normal or zero (and a divisor not zero),
// the result above the lowest binade, or a zero from an add or subtract (exact cancellation):
// then the same bits as softfloat's and no new flags.
for (const op of Object.keys(FP_HOST_OP).map(Number)) {
  const d = op >= O.OP_FADD_D;
  const unary = op === O.OP_FSQRT_D || op === O.OP_FSQRT_S, div = op === O.OP_FDIV_D || op === O.OP_FDIV_S;
  const addSub = op === O.OP_FADD_D || op === O.OP_FSUB_D || op === O.OP_FADD_S || op === O.OP_FSUB_S;
  FP_FAST[op] = { src: 'f', dst: 'f', emit: (f, i, _x, { fa, fb, fr }) => {
    if (!hardRounding(f, i.imm & 7)) return;
    const operand = (r: number, into: number) => { fpOperand(f, r, into, d); plain(f, into, d); f.op(Op.i32_eqz).brIf(0); };
    operand(i.rs1, fa);
    if (!unary) operand(i.rs2, fb);
    if (div) f.get(fb).i64(1).op(Op.i64_shl).op(Op.i64_eqz).brIf(0); // DZ or NV
    f.get(fa); toFloat(f, d);
    if (!unary) { f.get(fb); toFloat(f, d); }
    f.op(FP_HOST_OP[op]);
    if (d) f.op(Op.i64_reinterpret_f64); else f.op(Op.i32_reinterpret_f32).op(Op.i64_extend_i32_u);
    f.set(fr);
    aboveLowestBinade(f, fr, d);
    if (addSub) f.get(fr).i64(d ? 1 : 33).op(Op.i64_shl).op(Op.i64_eqz).op(Op.i32_or);
    f.op(Op.i32_eqz).brIf(0);
    f.get(fr);
    if (!d) f.i64(0xffffffffn << 32n).op(Op.i64_or);
    setF(f, i.rd);
  } };
}
for (const [ops, d] of [[[O.OP_FEQ_S, O.OP_FLT_S, O.OP_FLE_S], false], [[O.OP_FEQ_D, O.OP_FLT_D, O.OP_FLE_D], true]] as [number[], boolean][]) {
  ops.forEach((op, k) => {
    FP_FAST[op] = { src: 'f', dst: 'x', emit: (f, i, _x, { fa, fb }) => {
      fpOperand(f, i.rs1, fa, d); notNaN(f, fa, d);
      fpOperand(f, i.rs2, fb, d); notNaN(f, fb, d);
      f.get(fa); toFloat(f, d); f.get(fb); toFloat(f, d);
      f.op(d ? [Op.f64_eq, Op.f64_lt, Op.f64_le][k] : [Op.f32_eq, Op.f32_lt, Op.f32_le][k]).op(Op.i64_extend_i32_u);
    } };
  });
}
for (const [op, d, max] of [[O.OP_FMIN_S, false, false], [O.OP_FMAX_S, false, true], [O.OP_FMIN_D, true, false], [O.OP_FMAX_D, true, true]] as [number, boolean, boolean][]) {
  FP_FAST[op] = { src: 'f', dst: 'f', emit: (f, i, _x, { fa, fb }) => {
    fpOperand(f, i.rs1, fa, d); notNaN(f, fa, d);
    fpOperand(f, i.rs2, fb, d); notNaN(f, fb, d);
    f.get(fa); toFloat(f, d); f.get(fb); toFloat(f, d); // wasm's min/max order -0 below +0, as RISC-V does
    f.op(d ? (max ? Op.f64_max : Op.f64_min) : (max ? Op.f32_max : Op.f32_min)); fromFloat(f, d);
    setF(f, i.rd);
  } };
}
// Integer to float: exact when the integer fits the significand (2^53, 2^24).
for (const [op, d, w, signed] of [
  [O.OP_FCVT_S_W, false, true, true], [O.OP_FCVT_S_WU, false, true, false], [O.OP_FCVT_S_L, false, false, true], [O.OP_FCVT_S_LU, false, false, false],
  [O.OP_FCVT_D_W, true, true, true], [O.OP_FCVT_D_WU, true, true, false], [O.OP_FCVT_D_L, true, false, true], [O.OP_FCVT_D_LU, true, false, false],
] as [number, boolean, boolean, boolean][]) {
  FP_FAST[op] = { src: 'x', dst: 'f', emit: (f, i, getX, { fa }) => {
    rmValid(f, i);
    getX(i.rs1);
    if (w) { if (signed) f.op(Op.i64_extend32_s); else f.i64(0xffffffff).op(Op.i64_and); }
    f.set(fa);
    const limit = d ? 2n ** 53n : 2n ** 24n;
    if (!(d && w)) {
      if (signed) f.get(fa).i64(limit).op(Op.i64_add).i64(2n * limit).op(Op.i64_gt_u).brIf(0);
      else f.get(fa).i64(limit).op(Op.i64_gt_u).brIf(0);
    }
    f.get(fa).op(d ? Op.f64_convert_i64_s : Op.f32_convert_i64_s); fromFloat(f, d);
    setF(f, i.rd);
  } };
}
// Float to integer: inside a range where wasm's truncation cannot trap and the result fits;
// an integral value converts exactly whatever the rounding mode; with RTZ a fraction raises NX.
for (const [op, d, w, signed] of [
  [O.OP_FCVT_W_S, false, true, true], [O.OP_FCVT_WU_S, false, true, false], [O.OP_FCVT_L_S, false, false, true], [O.OP_FCVT_LU_S, false, false, false],
  [O.OP_FCVT_W_D, true, true, true], [O.OP_FCVT_WU_D, true, true, false], [O.OP_FCVT_L_D, true, false, true], [O.OP_FCVT_LU_D, true, false, false],
] as [number, boolean, boolean, boolean][]) {
  // |x| below 2^31 or 2^62 (signed), x in +0 .. below 2^32 or 2^63 (unsigned; the sign bit makes
  // any negative fail the unsigned compare): the bit patterns of those powers of two.
  const e = (w ? (signed ? 31 : 32) : (signed ? 62 : 63));
  const bound = d ? BigInt(1023 + e) << 52n : BigInt(127 + e) << 23n;
  FP_FAST[op] = { src: 'f', dst: 'x', emit: (f, i, _x, { fa }) => {
    fpOperand(f, i.rs1, fa, d);
    f.get(fa); if (signed) f.i64(ABS(d)).op(Op.i64_and);
    f.i64(bound).op(Op.i64_ge_u).brIf(0);
    const integral = () => { f.get(fa); toFloat(f, d); f.op(d ? Op.f64_trunc : Op.f32_trunc); f.get(fa); toFloat(f, d); f.op(d ? Op.f64_eq : Op.f32_eq); };
    if ((i.imm & 7) === 1) {
      integral(); f.op(Op.i32_eqz).if();
      f.i32(0).i32(0).mem(Op.i64_load, 3, HART_CSR + CSR_SLOT_FCSR).i64(1).op(Op.i64_or).mem(Op.i64_store, 3, HART_CSR + CSR_SLOT_FCSR);
      f.end();
    } else {
      rmValid(f, i);
      integral(); f.op(Op.i32_eqz).brIf(0);
    }
    f.get(fa); toFloat(f, d);
    f.op(d ? (signed ? Op.i64_trunc_f64_s : Op.i64_trunc_f64_u) : (signed ? Op.i64_trunc_f32_s : Op.i64_trunc_f32_u));
    if (w && !signed) f.op(Op.i64_extend32_s); // RV64 sign-extends the 32-bit result
  } };
}
FP_FAST[O.OP_FCVT_D_S] = { src: 'f', dst: 'f', emit: (f, i, _x, { fa }) => {
  rmValid(f, i);
  fpOperand(f, i.rs1, fa, false); notNaN(f, fa, false);
  f.get(fa); toFloat(f, false); f.op(Op.f64_promote_f32); fromFloat(f, true); // exact, subnormals too
  setF(f, i.rd);
} };
FP_FAST[O.OP_FCVT_S_D] = { src: 'f', dst: 'f', emit: (f, i, _x, { fa, fb }) => {
  // The hardfloat rule: a normal or zero operand, a result above the lowest binade, or a zero
  // from a zero.
  if (!hardRounding(f, i.imm & 7)) return;
  fpOperand(f, i.rs1, fa, true);
  plain(f, fa, true); f.op(Op.i32_eqz).brIf(0);
  f.get(fa); toFloat(f, true); f.op(Op.f32_demote_f64).op(Op.i32_reinterpret_f32).op(Op.i64_extend_i32_u).set(fb);
  aboveLowestBinade(f, fb, false);
  f.get(fa).i64(1).op(Op.i64_shl).op(Op.i64_eqz).op(Op.i32_or).op(Op.i32_eqz).brIf(0);
  f.get(fb).i64(0xffffffffn << 32n).op(Op.i64_or); setF(f, i.rd);
} };

// Fused multiply-adds: wasm has no fused operation, so the exact result is emulated (Boldo and
// Melquiond, "Emulation of FMA and correctly rounded sums: proved algorithms using rounding to
// odd", IEEE TC 2008): a*b = uh + ul exactly (Dekker's product, Veltkamp's split), c + uh = th +
// tl exactly (TwoSum), v = tl + ul rounded to odd, and th + v rounded to nearest is the fused
// result. It needs no underflow or overflow on the way: operands normal with exponents within
// 2^+-300 (binary64), or any normal binary32 (a product of two is exact in binary64; one sum
// rounded to odd, then to binary32, rounds once: 53 >= 24 + 2). Then the hardfloat rule: RNE,
// NX already set, a normal result above the lowest binade (so no flag can change).
export const FMA_LOCALS = 10; // f64 scratch locals the emulation uses

// Whether this host's wasm has a fused binary64 multiply-add: relaxed SIMD's f64x2.relaxed_madd
// may be fused or not, as the host likes, so one case whose two answers differ decides, once per
// process: 0.1 * 10 - 1 is 2^-54 fused and 0 unfused. False where relaxed SIMD is missing
// (Node 20 has it behind --experimental-wasm-relaxed-simd, which the CLI sets: src/node/wasm.ts;
// Chromium has it by default) or the CPU has no FMA; then the emulation below runs.
let fusedMadd: boolean | null = null;
// Pushes a * b + c (f64 locals) through lane 0 of f64x2.relaxed_madd.
const relaxedMadd = (f: Body, a: number, b: number, c: number) =>
  f.get(a).simd(Simd.f64x2_splat).get(b).simd(Simd.f64x2_splat).get(c).simd(Simd.f64x2_splat)
    .simd(Simd.f64x2_relaxed_madd).simd(Simd.f64x2_extract_lane, 0);
export function hostFusedMadd(): boolean {
  if (fusedMadd !== null) return fusedMadd;
  try {
    const m = new ModuleBuilder(), f = new Body([F64, F64, F64]);
    relaxedMadd(f, 0, 1, 2);
    m.export('f', m.func(m.type([F64, F64, F64], [F64]), f));
    const madd = new WebAssembly.Instance(new WebAssembly.Module(m.bytes())).exports.f as (a: number, b: number, c: number) => number;
    fusedMadd = madd(0.1, 10, -1) === 2 ** -54 && madd(1 + 2 ** -30, 1 - 2 ** -30, -1) === -(2 ** -60);
  } catch {
    fusedMadd = false;
  }
  return fusedMadd;
}
// Tests: forget the answer (after changing V8's flags), or impose one.
export function setHostFusedMadd(v: boolean | null): void { fusedMadd = v; }
const FMA_OPS = [O.OP_FMADD_S, O.OP_FMSUB_S, O.OP_FNMSUB_S, O.OP_FNMADD_S, O.OP_FMADD_D, O.OP_FMSUB_D, O.OP_FNMSUB_D, O.OP_FNMADD_D];
const IS_FMA = new OpSet(FMA_OPS);
FMA_OPS.forEach((op, k) => {
  const d = k >= 4, negProduct = (k & 3) >= 2, negC = (k & 3) === 1 || (k & 3) === 3;
  FP_FAST[op] = { src: 'f', dst: 'f', emit: (f, i, _x, { fa, fb, fl }) => {
    if (!hardRounding(f, (i.imm >> 8) & 7)) return;
    const [A, B, C, P, T, H, L, TH, TL, S] = fl;
    if (d && hostFusedMadd()) {
      // The host's fused operation rounds once, to nearest even (wasm's only mode): with every
      // operand normal or zero and the result a normal above the lowest binade, nothing could
      // overflow, underflow or be invalid, and NX is already set, so the flags stand too.
      ([[i.rs1, A, negProduct], [i.rs2, B, false], [i.imm & 31, C, negC]] as [number, number, boolean][]).forEach(([r, into, neg]) => {
        fpOperand(f, r, fa, true); plain(f, fa, true); f.op(Op.i32_eqz).brIf(0);
        f.get(fa); toFloat(f, true); if (neg) f.op(Op.f64_neg);
        f.set(into);
      });
      relaxedMadd(f, A, B, C).op(Op.i64_reinterpret_f64).set(fb);
      aboveLowestBinade(f, fb, true); f.op(Op.i32_eqz).brIf(0);
      f.get(fb); setF(f, i.rd);
      return;
    }
    // Each operand: in range (above), as a binary64 in its local, negated as the op says. The
    // addend may also be a zero (an accumulator's first step, `ax += dx * inv` from 0.0): the
    // steps below are then exact as they stand (c + uh = uh), the result is the product rounded
    // once, never zero, and with a and b in range it cannot overflow or underflow. nbody ran
    // nearly every fmadd.d through the core's softfloat for want of this.
    const operand = (r: number, into: number, neg: boolean, zeroOk = false) => {
      fpOperand(f, r, fa, d);
      if (d) f.get(fa).i64(52).op(Op.i64_shr_u).i64(0x7ff).op(Op.i64_and).i64(1023 - 300).op(Op.i64_sub).i64(600).op(Op.i64_gt_u);
      else f.get(fa).i64(23).op(Op.i64_shr_u).i64(0xff).op(Op.i64_and).i64(1).op(Op.i64_sub).i64(253).op(Op.i64_gt_u);
      if (zeroOk) f.get(fa).i64(d ? 1 : 33).op(Op.i64_shl).op(Op.i64_eqz).op(Op.i32_eqz).op(Op.i32_and);
      f.brIf(0);
      f.get(fa); toFloat(f, d); if (!d) f.op(Op.f64_promote_f32);
      if (neg) f.op(Op.f64_neg);
      f.set(into);
    };
    operand(i.rs1, A, negProduct); operand(i.rs2, B, false); operand(i.imm & 31, C, negC, true);
    f.get(A).get(B).op(Op.f64_mul).set(P);
    // TwoSum(x, y) into (s, e): s = x + y rounded, e its exact error.
    const twoSum = (x: number, y: number, s: number, e: number) => {
      f.get(x).get(y).op(Op.f64_add).set(s);
      f.get(s).get(x).op(Op.f64_sub).set(T); // bb
      f.get(x).get(s).get(T).op(Op.f64_sub).op(Op.f64_sub).get(y).get(T).op(Op.f64_sub).op(Op.f64_add).set(e);
    };
    let lo: number; // the product's low part (0 for binary32: exact)
    if (d) {
      // Veltkamp's split of A into H + L and of B into TH + TL (scratch), then Dekker's error.
      const split = (x: number, hi: number, low: number) => {
        f.f64(134217729).get(x).op(Op.f64_mul).set(T);
        f.get(T).get(T).get(x).op(Op.f64_sub).op(Op.f64_sub).set(hi);
        f.get(x).get(hi).op(Op.f64_sub).set(low);
      };
      split(A, H, L); split(B, TH, TL);
      // ul = ((ah*bh - p) + ah*bl + al*bh) + al*bl, into S
      f.get(H).get(TH).op(Op.f64_mul).get(P).op(Op.f64_sub);
      f.get(H).get(TL).op(Op.f64_mul).op(Op.f64_add);
      f.get(L).get(TH).op(Op.f64_mul).op(Op.f64_add);
      f.get(L).get(TL).op(Op.f64_mul).op(Op.f64_add).set(S);
      twoSum(C, P, TH, TL); // th + tl = c + uh
      twoSum(TL, S, H, L); // H + L = tl + ul
      lo = TH;
    } else {
      twoSum(C, P, H, L); // H + L = c + a*b exactly
      lo = -1;
    }
    // H rounded to odd: if inexact (L != 0) and H's last bit is even, step to the neighbour
    // towards the exact value.
    f.get(H).op(Op.i64_reinterpret_f64).set(fb);
    f.get(L).f64(0).op(Op.f64_ne).get(fb).i64(1).op(Op.i64_and).op(Op.i64_eqz).op(Op.i32_and).if();
    f.get(fb).i64(1).i64(-1).get(L).f64(0).op(Op.f64_lt).get(H).f64(0).op(Op.f64_lt).op(Op.i32_eq).op(Op.select).op(Op.i64_add).set(fb);
    f.end();
    if (d) {
      f.get(lo).get(fb).op(Op.f64_reinterpret_i64).op(Op.f64_add).op(Op.i64_reinterpret_f64).set(fb);
      aboveLowestBinade(f, fb, true); f.op(Op.i32_eqz).brIf(0);
      f.get(fb); setF(f, i.rd);
    } else {
      f.get(fb).op(Op.f64_reinterpret_i64).op(Op.f32_demote_f64).op(Op.i32_reinterpret_f32).op(Op.i64_extend_i32_u).set(fb);
      aboveLowestBinade(f, fb, false); f.op(Op.i32_eqz).brIf(0);
      f.get(fb).i64(0xffffffffn << 32n).op(Op.i64_or); setF(f, i.rd);
    }
  } };
});

// LR/SC/AMOs run by the core's own atomic() (reservations and the store side's code and
// page-table watching stay in one place); the Zb* ops wasm has an operator for are inlined, the
// rest (clmul, orc.b, the W forms) call the core.
const isAtomic = (op: number) => op >= O.OP_LR_W && op <= O.OP_AMOMAXU_D;
const isBitmanip = (op: number) => op >= O.OP_ADD_UW && op <= O.OP_BSETI;

export function supported(op: number): boolean { return SUPPORTED[op & 0xff] === 1; }
// The translator asks for every instruction of a page, several times: a table, built once.
const SUPPORTED = Uint8Array.from({ length: 256 }, (_v, op) => (supportedOp(op) ? 1 : 0));
function supportedOp(op: number): boolean {
  return FP_MEM.has(op) || isFpOp(op) || isAtomic(op) || isBitmanip(op) || BRANCHES.has(op) || JUMPS.has(op) || LOADS.has(op) || STORES.has(op) || MULDIV.has(op) ||
    op in ALU_RR || op in ALU_RI || op in ALU_W || op === O.OP_LUI || op === O.OP_AUIPC ||
    op === O.OP_NOP || op === O.OP_FENCE || op === O.OP_FENCE_I || op === O.OP_SLT || op === O.OP_SLTU ||
    op === O.OP_SLTI || op === O.OP_SLTIU;
}

// fflags/frm/fcsr: compiled (gcc brackets quiet FP compares with frflags/fsflags, so FP loops
// hold them), and reads of the counters (below); every other CSR leaves to the interpreter.
const isCsr = (op: number) => op >= O.OP_CSRRW && op <= O.OP_CSRRCI;
const isFpCsr = (i: Insn) => isCsr(i.op) && (i.imm & 0xfff) >= 1 && (i.imm & 0xfff) <= 3;
// cycle, time and instret read without a write (rdcycle, rdtime, rdinstret: csrrs/csrrc with
// rs1 or uimm 0): compiled as a call to the core, so that a loop polling the time (Linux's
// delay loops, clock_gettime in the vDSO) does not leave compiled code at every iteration.
const isCounterRead = (i: Insn) => (i.op === O.OP_CSRRS || i.op === O.OP_CSRRC || i.op === O.OP_CSRRSI || i.op === O.OP_CSRRCI) &&
  i.rs1 === 0 && (i.imm & 0xfff) >= 0xc00 && (i.imm & 0xfff) <= 0xc02;
export function compiles(i: Insn): boolean { return supported(i.op) || isFpCsr(i) || isCounterRead(i); }

// The page after the region's own, where it was running when the compile was asked for: loops
// and functions that straddle two pages (7-Zip's session chained 230 M times from one region into
// another, 71 % of them into the page just above or below) then stay in one function. Its
// blocks are reached only from this one's code, through a check (translate.ts `crossInto`) that
// the fetch TLB still maps the virtual page after the entered one to `recBase`, unchanged.
export interface NextPage {
  recs: Uint32Array; // its records, as `translate`'s `recs`
  decodeAhead?: (h: number) => [number, number] | null; // as `translate`'s, for its halfwords
  recBase: number; // where the core keeps them
  slot: number; // its decode slot (JIT_CODEVER)
  gen: number; // the record page's generation when read (assembly/mmu.ts bumpGeneration)
  ver: number; // JIT_CODEVER of the slot when read
}

export interface Region {
  body: Body; // bodies[0] (tests of one-function regions)
  bodies: Body[]; // the functions, one per group of at most GROUP_BLOCKS consecutive blocks
  entries: number[]; // record (halfword) indexes of the entry points (every block's leader)
  func: number[]; // per entry: its function
  local: number[]; // per entry: its index in that function's br_table
  insns: number; // instructions compiled
}

// Blocks and instructions per function. V8 tiers a hot wasm function up to its optimizing compiler, whose time
// grows much faster than the function's size: whole-page functions of kernel code took it 25–400
// ms each (--trace-wasm-compilation-times), 20–50 s of CPU in a Linux boot, on the threads the
// machine runs on. Small functions are tiered up only if they are hot themselves, and cheaply;
// a jump between two functions of a page leaves through the exit the interpreter's REFILL
// chains from (assembly/interp.ts), at about the cost of one dispatch.
export const GROUP_BLOCKS = 32;
export const GROUP_INSNS = 96; // instructions per function (a longer single block stands alone)
export const LOOP_INSNS = 512; // a loop up to this long stays in one function, whatever its size
const GROUP_BLOCKS_MAX = 255; // the marker's entry field (abi.ts OP_JIT)
// With V8's optimizing tier out of the way (the CLI's --liftoff-only, src/node/wasm.ts), whose
// time is what small functions avoid, a function holds as many blocks as the marker can name:
// calls and returns between the functions of a page (a loop calling a small function on its
// page) then stay in wasm instead of leaving through run(). Liftoff's time grows linearly.
export interface Grouping { blocks: number; insns: number }
export const SMALL_FUNCTIONS: Grouping = { blocks: GROUP_BLOCKS, insns: GROUP_INSNS };
export const WHOLE_PAGE: Grouping = { blocks: GROUP_BLOCKS_MAX, insns: 2048 };

// Reads the 2048 records of a page: `recs` holds them as they are in the core's memory, lo and hi
// words of record h at 2h and 2h + 1 (a view, not a copy). `decodeAhead(h)` (optional) decodes
// the instruction at halfword h from the page's bytes, for code the interpreter has not run yet
// but that the decoded code falls or branches into (so a loop's exit path is compiled with it);
// null if it cannot (an instruction crossing the page end).
// `recBase`: where the core keeps the page's records (what a region reports at its exit).
// `sweep`: decode ahead past jumps and returns too, to the page's end (see below).
// `next`: the records of the page that follows this one where it was running (the fetch TLB's
// view then), to be compiled into the same functions as its second half, halfwords 2048..4095
// (see `NextPage`).
export function translate(recs: Uint32Array, decodeAhead?: (h: number) => [number, number] | null, extraEntries: number[] = [], group: Grouping = SMALL_FUNCTIONS, recBase = 0, sweep = false, next: NextPage | null = null): Region | null {
  // Halfwords the region covers, and its end as a byte offset from its page.
  const H = next ? 4096 : 2048, LIMIT = 2 * H;
  // 1. The instructions the page's records describe (plus those they lead to), in address order.
  // Typed arrays over the page's halfwords: a page is compiled many times in a boot, and most
  // of its 2048 records are empty.
  const known = new Uint8Array(H), kLo = new Uint32Array(H), kHi = new Int32Array(H);
  let nKnown = 0;
  const learn = (h: number, lo: number, hi: number) => { known[h] = 1; kLo[h] = lo; kHi[h] = hi; nKnown++; };
  for (let h = 0; h < H; h++) {
    const r = h < 2048 ? recs : next!.recs, x = h & 2047;
    const lo = r[2 * x];
    const op = lo & 0xff;
    if (op !== O.OP_UNDECODED && op !== OP_JIT && op !== O.OP_CROSS && ((lo >> 8) & 6) !== 0) learn(h, lo, r[2 * x + 1]);
  }
  const ahead = !decodeAhead ? undefined : !next ? decodeAhead
    : (h: number) => (h < 2048 ? decodeAhead(h) : next.decodeAhead ? next.decodeAhead(h - 2048) : null);
  if (ahead) {
    for (const h of extraEntries) {
      if (known[h]) continue;
      const r = ahead(h);
      if (r) learn(h, r[0], r[1]);
    }
    const work: number[] = [];
    for (let h = 0; h < H; h++) if (known[h]) work.push(h);
    while (work.length && nKnown < H) {
      const h = work.pop()!;
      const op = kLo[h] & 0xff, len = (kLo[h] >> 8) & 6;
      // Not past a jump or a return on a page's first compile: decoding on into the functions
      // laid out after them (which calls from other pages may enter) saved mix 7 of its 12
      // compiles, but made the other programs' regions half again as large and as slow to
      // compile (sha256 2.54x QEMU's time to 2.93x), and the boot's peak RSS 6 MiB higher. A
      // page compiled again (`sweep`: new code on it got hot) is decoded to its end: the code
      // around what got hot tends to follow (mix runs six kernels one after another, whose
      // functions share three pages: 8 compiles instead of 13, 14 % less time in CLI runs; the
      // boot's 104 compiles became 96, no slower, the same peak RSS).
      const fall = sweep || (op !== O.OP_J && op !== O.OP_JR) ? h + (len >> 1) : -1; // calls return
      let target = -1;
      if (BRANCHES.has(op) || op === O.OP_J || op === O.OP_JAL) {
        const t = h * 2 + kHi[h];
        if (t >= 0 && t < LIMIT && (t & 1) === 0) target = t >> 1;
      }
      for (let w = 0; w < 2; w++) {
        const n = w === 0 ? fall : target;
        if (n < 0 || n >= H || known[n] || (n > 0 && known[n - 1] && ((kLo[n - 1] >> 8) & 6) === 4)) continue;
        const r = ahead(n);
        if (!r) continue;
        learn(n, r[0], r[1]);
        work.push(n);
      }
    }
  }
  // Of the next page, only the code this page's code can get to matters (none of it is an
  // entry): what it branches or falls into, and on from there, up to jumps and instructions not
  // compiled. The rest is its own region's business.
  if (next) {
    const reach = new Uint8Array(H), work: number[] = [];
    const seed = (h: number) => { if (h >= 2048 && h < H && known[h] && !reach[h]) { reach[h] = 1; work.push(h); } };
    const follow = (h: number) => {
      const i = decodeRecord(h, kLo[h], kHi[h]);
      if (!compiles(i)) return;
      if (BRANCHES.has(i.op) || i.op === O.OP_J || i.op === O.OP_JAL) { const t = h * 2 + i.imm; if ((t & 1) === 0) seed(t >> 1); }
      if (!JUMPS.has(i.op)) seed(h + (i.len >> 1));
    };
    for (let h = 0; h < 2048; h++) if (known[h]) follow(h);
    while (work.length) follow(work.pop()!);
    for (let h = 2048; h < H; h++) if (!reach[h]) known[h] = 0;
  }
  const insns: Insn[] = [];
  // h -> index in insns (-1: no instruction starts there)
  const atIdx = new Int32Array(H).fill(-1);
  const at = (h: number) => (h >= 0 && h < H ? atIdx[h] : -1);
  for (let h = 0; h < H;) {
    if (!known[h]) { h++; continue; }
    const i = decodeRecord(h, kLo[h], kHi[h]);
    atIdx[h] = insns.length;
    insns.push(i);
    h += i.len >> 1;
  }
  // 2. Leaders: starts of decoded runs, branch targets, instructions after jumps and after
  // instructions that are not compiled.
  // (Typed arrays over the halfwords, not a Set and a Map: asked for every instruction, several
  // times, they were a fifth of the translator's time.)
  const isLeader = new Uint8Array(H);
  for (let k = 0; k < insns.length; k++) {
    const i = insns[k];
    const prev = insns[k - 1];
    if (!compiles(i)) continue;
    // (The next page's first instruction starts a block: code reaches it only through the check
    // that the page is still what it was, see `crossInto`.)
    if (!prev || prev.h + (prev.len >> 1) !== i.h || !compiles(prev) || JUMPS.has(prev.op) || i.h === 2048) isLeader[i.h] = 1;
    if (BRANCHES.has(i.op) || i.op === O.OP_J || i.op === O.OP_JAL) {
      const t = i.h * 2 + i.imm;
      if (t >= 0 && t < LIMIT && (t & 1) === 0 && at(t >> 1) >= 0 && compiles(insns[at(t >> 1)])) isLeader[t >> 1] = 1;
    }
  }
  for (const h of extraEntries) if (at(h) >= 0 && compiles(insns[at(h)])) isLeader[h] = 1;
  const all: number[] = [];
  for (let h = 0; h < H; h++) if (isLeader[h]) all.push(h);
  if (all.length === 0) return null;

  // 3. What the page's code needs: TLB views, FMA scratch.
  let hasLoad = false, hasStore = false, hasFma = false, count = 0;
  for (const i of insns) {
    if (!compiles(i)) continue;
    count++;
    // (F/D loads and stores probe the same views.)
    const v = viewOf(i.op);
    if (v === 0) hasLoad = true;
    if (v === 1) hasStore = true;
    if (IS_FMA.has(i.op)) hasFma = true;
  }

  // 4. One function per group of consecutive blocks (see GROUP_BLOCKS, GROUP_INSNS).
  const bodies: Body[] = [], func: number[] = [], local: number[] = [];
  // A loop (a backward branch or jump within the page, up to LOOP_INSNS long) is never cut: each
  // iteration would leave one function and enter the next.
  const inLoop = new Uint8Array(insns.length + 1); // 1: no cut before instruction k
  for (let k = 0; k < insns.length; k++) {
    const i = insns[k];
    if (!(BRANCHES.has(i.op) || i.op === O.OP_J || i.op === O.OP_JAL) || i.imm >= 0) continue;
    const t = at((i.h * 2 + i.imm) >> 1);
    if (t >= 0 && k - t <= LOOP_INSNS) for (let c = t + 1; c <= k; c++) inLoop[c] = 1;
  }
  for (let lo = 0; lo < all.length;) {
    let hi = lo + 1;
    const base = at(all[lo]);
    while (hi < all.length && hi - lo < GROUP_BLOCKS_MAX &&
      (inLoop[at(all[hi])] || (hi - lo < group.blocks && (hi + 1 < all.length ? at(all[hi + 1]) : insns.length) - base <= group.insns))) hi++;
    const leaders = all.slice(lo, hi);
    leaders.forEach((_h, b) => { func.push(bodies.length); local.push(b); });
    bodies.push(emitGroup(leaders, hi < all.length ? at(all[hi]) : insns.length));
    lo = hi;
  }
  // The next page's blocks are no entry points: its own region has those (its records are not
  // this slot's to mark).
  const own = all.findIndex((h) => h >= 2048);
  if (own >= 0) { all.length = own; func.length = own; local.length = own; }
  return { body: bodies[0], bodies, entries: all, func, local, insns: count };

  // The function of the blocks `leaders`, whose instructions end before insns[end].
  function emitGroup(leaders: number[], end: number): Body {
    const blockOf = new Int32Array(H).fill(-1); // halfword -> its block, -1: not a leader here
    leaders.forEach((h, b) => { blockOf[h] = b; });
    const n = leaders.length;
    const f = new Body(REGION_PARAMS);
    const P_ENTRY = 0, P_REM = 1, P_PAGE = 2;
    // The guest registers the function's instructions read or write, each in a local.
    const used = new RegSet(), written = new RegSet();
    const usedF = new RegSet(), writtenF = new RegSet(); // the same for f registers
    for (let k = at(leaders[0]); k < end; k++) {
      const i = insns[k];
      if (!compiles(i)) continue;
      used.add(i.rs1); used.add(i.rs2);
      if (writesRd(i.op)) { used.add(i.rd); written.add(i.rd); }
      if (isAtomic(i.op)) used.add(i.rd); // reloaded from memory, where the core writes it
      if (FP_MEM.has(i.op) || isFpOp(i.op)) { // x and f fields alike: a spare load costs little
        usedF.add(i.rs1); usedF.add(i.rs2); usedF.add(i.rd);
        if (IS_FMA.has(i.op)) usedF.add(i.imm & 31);
        if (i.op === O.OP_FLW || i.op === O.OP_FLD || (isFpOp(i.op) && !FP_WRITES_X.has(i.op))) writtenF.add(i.rd);
      }
    }
    used.delete(0); written.delete(0);
    const xl: number[] = new Array(32).fill(-1);
    for (const r of used.sorted()) xl[r] = f.local(I64);
    const loadX = (r: number) => { if (r !== 0) f.i32(0).mem(Op.i64_load, 3, HART_X + r * 8).set(xl[r]); };
    fLocal = new Array(32).fill(-1);
    for (const r of usedF.sorted()) fLocal[r] = f.local(I64);
    const loadF = (r: number) => f.i32(0).mem(Op.i64_load, 3, F_REG(r)).set(fLocal[r]);
    const storeF = (r: number) => f.i32(0).get(fLocal[r]).mem(Op.i64_store, 3, F_REG(r));
    const cnt = f.local(I32), kind = f.local(I32), npc = f.local(I64), va = f.local(I64), e = f.local(I32), mx = f.local(I32);
    const st = f.local(I32), ltlb = f.local(I32), stlb = f.local(I32), th = f.local(I32);
    const fa = f.local(I64), fb = f.local(I64), fr = f.local(I64);
    const scratch: Scratch = { fa, fb, fr, fl: hasFma ? Array.from({ length: FMA_LOCALS }, () => f.local(F64)) : [] };
    // The locals of the blocks' probe anchors (emitBlock hostAddress), per view, made when needed.
    const anchorLocals: ({ o: number; host: number; addr: number } | null)[] = [null, null];

    // Guest registers live in their locals for the whole function: loaded at entry, written
    // back to memory once, on the way out ($exit), and before a call into the core that reads
    // them there (flushX). Every register the function writes is loaded too, so storing them
    // all at any exit stores exactly the state after the last instruction that ran: no path
    // needs its own copy-out. Written through to memory instead (each write a store, and
    // Liftoff's constant-address store costs three host instructions), sha256's rounds spent a
    // quarter of their time storing registers they overwrote a few instructions later.
    for (const r of used) loadX(r);
    for (const r of usedF) loadF(r);
    f.i32(0).mem(Op.i32_load, 2, JIT_EXIT_RETIRED).set(cnt);
    if (hasLoad) f.gget(GLOBAL_LOAD_TLB).set(ltlb);
    if (hasStore) f.gget(GLOBAL_STORE_TLB).set(stlb);

    // Loops as wasm loops. A range of blocks [h..t] that some block in it branches back into
    // is a *loop group*: its blocks are emitted inside a wasm `loop`, so a back edge is a `br`
    // to it instead of a round through $L, whose br_table Liftoff compiles to a binary search
    // over all the function's blocks. An entry from outside to a block other than h (every
    // block is an entry point) reaches it through a *trampoline* unit placed before the
    // group's, which sets `inner` for a small dispatch at the loop's top.
    // Groups are disjoint: the shortest ranges are taken first (an inner loop is hotter than
    // the loop around it), and a back edge to a block outside its own group goes round $L.
    const groupOf = new Int32Array(n).fill(-1); // block -> its group's head
    const groupEnd = new Int32Array(n); // head -> the group's last block
    {
      // Each block's back edges, scanning it as emitBlock emits it (were the two to disagree,
      // nothing breaks: a group no branch closes is a loop never taken round, and a back edge
      // outside any group goes round $L).
      const ranges: [number, number][] = [];
      for (let b = 0; b < n; b++) {
        const first = at(leaders[b]);
        for (let j = first; j < end; j++) {
          const i = insns[j];
          if (j > first && (insns[j - 1].h + (insns[j - 1].len >> 1) !== i.h || isLeader[i.h])) break;
          if (!compiles(i)) break;
          if (BRANCHES.has(i.op) || i.op === O.OP_J || i.op === O.OP_JAL) {
            const t = i.h * 2 + i.imm;
            const tb = (t & 1) === 0 && t >= 0 && t < LIMIT ? blockOf[t >> 1] : -1;
            if (tb >= 0 && tb <= b) ranges.push([tb, b]);
          }
          if (JUMPS.has(i.op) || i.h * 2 >= LIMIT) break;
        }
      }
      ranges.sort((x, y) => (x[1] - x[0]) - (y[1] - y[0]) || x[0] - y[0]);
      for (const [h, t] of ranges) {
        let free = true;
        for (let c = h; c <= t && free; c++) if (groupOf[c] !== -1) free = false;
        if (!free) continue;
        for (let c = h; c <= t; c++) groupOf[c] = h;
        groupEnd[h] = t;
      }
    }
    // Units, in emission order: a block alone, the trampolines of a group's inner blocks, then
    // the group. unitOf[b]: where an entry to block b goes.
    type Unit = { kind: 'block', b: number } | { kind: 'tramp', b: number, h: number } | { kind: 'group', h: number, t: number };
    const units: Unit[] = [];
    const unitOf = new Int32Array(n);
    for (let b = 0; b < n;) {
      if (groupOf[b] === b) {
        const t = groupEnd[b];
        for (let c = b + 1; c <= t; c++) { unitOf[c] = units.length; units.push({ kind: 'tramp', b: c, h: b }); }
        unitOf[b] = units.length; units.push({ kind: 'group', h: b, t });
        b = t + 1;
      } else {
        unitOf[b] = units.length; units.push({ kind: 'block', b });
        b++;
      }
    }
    const nU = units.length;
    const inner = units.some((x) => x.kind === 'tramp') ? f.local(I32) : -1;

    f.i32(-1).set(th);
    f.block(); // $exit
    f.block(); // $insn
    f.loop(); // $L
    for (let u = nU - 1; u >= 0; u--) f.block();
    // An indirect jump (jalr) to this page left its target's record index in `th`: find its
    // block by binary search over the leaders and branch to it (not through the br_table: that
    // would be a second search), or leave through REFILL if it is not one.
    f.get(th).i32(-1).op(Op.i32_ne).if();
    // Labels from a leaf's `if`, `depth` ifs deep in the search: the search's ifs, the `if` above,
    // then $U0, $U1, ...
    const search = (lo: number, hi: number, depth: number) => {
      if (hi - lo <= 4) {
        for (let k = lo; k < hi; k++) f.get(th).i32(leaders[k]).op(Op.i32_eq).if().i32(-1).set(th).br(depth + 2 + unitOf[k]).end();
        return;
      }
      const mid = (lo + hi) >> 1;
      f.get(th).i32(leaders[mid]).op(Op.i32_lt_u).if();
      search(lo, mid, depth + 1);
      f.else();
      search(mid, hi, depth + 1);
      f.end();
    };
    search(0, n, 0);
    f.i32(JIT_EXIT_BRANCH).set(kind).br(nU + 3); // npc holds the target
    f.end();
    f.get(P_ENTRY).brTable(leaders.map((_h, b) => unitOf[b]), 0);

    const getX = (r: number) => (r === 0 ? f.i64(0) : f.get(xl[r]));
    const setX = (r: number) => (r === 0 ? f.op(Op.drop) : f.set(xl[r]));
    const storeX = (r: number) => f.i32(0).get(xl[r]).mem(Op.i64_store, 3, HART_X + r * 8);
    // Before the core's jitFp or atomic(), which read the instruction's x operands in memory
    // (and jitFp its f operands, flushF); after jitFp, the f register it wrote (reloadF).
    const flushX = (i: Insn) => { for (const r of new Set([i.rs1, i.rs2])) if (written.has(r)) storeX(r); };
    const flushF = (i: Insn) => { for (const r of new Set([i.rs1, i.rs2, i.imm & 31])) if (writtenF.has(r)) storeF(r); };
    const reloadF = (i: Insn) => { if (writtenF.has(i.rd)) loadF(i.rd); };
    const pcAt = (off: number) => f.get(P_PAGE).i64(off).op(Op.i64_add);
    const slotOfRecords = (recBase - DECODE_BASE) / DECODE_PAGE_SIZE; // this page's decode slot
    const pageEnd = (off: number) => (off < 4096 ? 4096 : 8192); // of the page holding byte offset `off`
    const addCnt = (c: number) => { if (c) f.get(cnt).i32(c).op(Op.i32_add).set(cnt); };
    for (let u = 0; u < nU; u++) {
      const unit = units[u];
      f.end(); // the end of $U[u]: the unit's code follows
      if (unit.kind === 'tramp') { f.i32(unit.b - unit.h).set(inner).br(unitOf[unit.h] - u - 1); continue; }
      if (unit.kind === 'block') { emitBlock(u, unit.b, -1, -1); continue; }
      const { h, t } = unit;
      // A one-block loop (memcpy, a CRC or bignum word loop) needs no dispatch: its only block
      // is its head.
      f.loop(); // $LP
      if (t > h) {
        for (let c = t; c >= h; c--) f.block(); // $I[c]
        // An entry to an inner block: `inner` is its index in the group, and is reset.
        f.get(inner).op(Op.i32_eqz).brIf(0);
        f.get(inner).i32(0).set(inner).brTable(Array.from({ length: t - h + 1 }, (_x, c) => c), 0);
      }
      for (let c = h; c <= t; c++) { if (t > h) f.end(); emitBlock(u, c, h, t); }
      f.end(); // $LP
    }
    f.end(); // $L
    f.br(1); // (every block ends in a jump or an exit: not reached)
    f.end(); // $insn
    // The exits before an instruction (JIT_EXIT_INSN: a TLB miss, an instruction not compiled, a
    // slow path) all come here, with its byte offset and the instructions retired before it in
    // `mx` (see insnExit): a constant and a branch each, where a tail of their own (the count,
    // the pc, the kind) made them a third of the region's bytes.
    f.get(cnt).get(mx).i32(13).op(Op.i32_shr_u).op(Op.i32_add).set(cnt);
    f.get(P_PAGE).get(mx).i32(0x1fff).op(Op.i32_and).op(Op.i64_extend_i32_u).op(Op.i64_add).set(npc);
    f.i32(JIT_EXIT_INSN).set(kind);
    f.end(); // $exit
    for (const r of written.sorted()) storeX(r);
    for (const r of writtenF.sorted()) storeF(r);
    chain();
    f.i32(0).get(npc).mem(Op.i64_store, 3, JIT_EXIT_PC);
    f.i32(0).get(cnt).mem(Op.i32_store, 2, JIT_EXIT_RETIRED);
    // The record page of the exit's pc, which run() goes on from (a jump's exit names none).
    if (leaders[n - 1] >= 2048) f.i32(0).i32(next!.recBase).i32(recBase).get(npc).get(P_PAGE).op(Op.i64_sub).i64(4096).op(Op.i64_ge_u).op(Op.select);
    else f.i32(0).i32(recBase);
    f.mem(Op.i32_store, 2, JIT_EXIT_REC);
    f.get(kind);
    return f;

    // A jump out of the function (to another page, or to a block of the page this function
    // lacks) within the budget: when run()'s REFILL would enter compiled code there (the fetch
    // TLB's entry for npc's page is live, with the record page's generation, and the record at
    // npc is an entry marker), tail-call that region in place of returning to run() (assembly/
    // interp.ts), with the instructions retired so far in JIT_EXIT_RETIRED: it goes on counting
    // from them and checking the same budget. (Through the host's one `chain` function, which
    // alone imports the table: each instance importing it got its own copy of V8's dispatch
    // table, 55 KiB for 2064 entries, and every table.set updated all of them.) Its registers
    // are loaded from memory, where these were just written. Saves the return, run()'s lookup
    // and jitEnter's call: a cross-page call and its return cost two of these.
    function chain(): void {
      f.get(kind).op(Op.i32_eqz).get(cnt).get(P_REM).op(Op.i32_le_s).op(Op.i32_and).if();
      f.get(npc).op(Op.i32_wrap_i64).i32(8).op(Op.i32_shr_u).i32((TLB_ENTRIES - 1) << 4).op(Op.i32_and).gget(GLOBAL_FETCH_TLB).op(Op.i32_add).tee(e)
        .mem(Op.i64_load, 3, 0).get(npc).i64(-4096).op(Op.i64_and).op(Op.i64_eq).if();
      f.get(e).mem(Op.i32_load, 2, 12).get(e).mem(Op.i32_load, 2, 8).tee(th).mem(Op.i32_load, 2, DECODE_GEN).op(Op.i32_eq).if();
      // The marker's low word (abi.ts OP_JIT): op, entry index, table index.
      f.get(th).get(npc).op(Op.i32_wrap_i64).i32(0xfff).op(Op.i32_and).i32(2).op(Op.i32_shl).op(Op.i32_add).mem(Op.i32_load, 2, 0).tee(st)
        .i32(0xff).op(Op.i32_and).i32(OP_JIT).op(Op.i32_eq).if();
      f.i32(0).i32(0).mem(Op.i64_load, 3, JIT_STAT_CHAINS).i64(1).op(Op.i64_add).mem(Op.i64_store, 3, JIT_STAT_CHAINS);
      f.i32(0).get(cnt).mem(Op.i32_store, 2, JIT_EXIT_RETIRED);
      f.get(st).i32(8).op(Op.i32_shr_u).i32(0xff).op(Op.i32_and).get(P_REM).get(npc).i64(-4096).op(Op.i64_and)
        .get(st).i32(16).op(Op.i32_shr_u).returnCall(IMPORT_CHAIN);
      f.end().end().end().end();
    }

    // The code of block b, in unit u; h..t its loop group (-1: none). Label depths from the
    // block's code: inside a group, $I[c] (c > b) is c-b-1 and $LP is t-b; then, `lv` deeper,
    // $U[v] (v > u) is v-u-1, $L is nU-1-u, $insn nU-u and $exit nU-u+1.
    function emitBlock(u: number, b: number, h: number, t: number): void {
      const lv = h < 0 ? 0 : t - b + 1;
      const dExit = (extra: number) => lv + nU - u + 1 + extra;
      const exitTo = (k: number, extra: number, pc: () => void, retired: number) => {
        addCnt(retired);
        pc(); f.set(npc);
        f.i32(k).set(kind).br(dExit(extra));
      };
      // Leaves before the instruction at byte offset `off` (below 8192), `extra` levels of
      // if-nesting deep, `retired` retired before it in the block: through $insn.
      const insnExit = (off: number, extra: number, retired: number) => {
        f.i32(off | (retired << 13)).set(mx).br(lv + nU - u + extra);
      };
      // Control to block tb (of this function), `extra` levels of if-nesting deep; `fall`: at the
      // block's end, where the group's next block or the next unit's code follows.
      const goTo = (tb: number, extra: number, fall: boolean) => {
        if (leaders[b] < 2048 && leaders[tb] >= 2048) crossInto(leaders[tb] * 2, extra, fall);
        if (h >= 0 && tb > b && tb <= t) { if (!(fall && tb === b + 1)) f.br(tb - b - 1 + extra); return; }
        if (h >= 0 && tb === h) { f.br(t - b + extra); return; }
        // (A jump back to an inner block of its own group cannot happen: that shorter range
        // would have been taken first. Were it to, it would go round $L and a trampoline.)
        const v = unitOf[tb];
        if (v > u) { if (!(fall && v === u + 1 && (h < 0 || b === t))) f.br(lv + v - u - 1 + extra); }
        else f.i32(tb).set(P_ENTRY).br(lv + nU - 1 - u + extra);
      };
      // Into the next page's code (byte offset `to`), at `extra` levels of if-nesting: only while
      // the fetch TLB maps the virtual page after this one to the record page the region was
      // built with, whose code has not changed since (JIT_CODEVER; every generation bump moves it
      // too, so the entry's generation being the one seen then makes it live). Else leave for
      // `to`, where chain() or run() goes on as for any other page. (Once there, the region may
      // run that code until it leaves: a store to code, sfence.vma or a satp write all leave.)
      // Falling into the page is a page change, where run() checks its budget as at a taken jump.
      function crossInto(to: number, extra: number, fall: boolean): void {
        const nx = next!;
        if (fall) {
          f.get(cnt).get(P_REM).op(Op.i32_gt_s).if();
          pcAt(to).set(npc); f.i32(JIT_EXIT_BRANCH).set(kind).br(dExit(extra + 1));
          f.end();
        }
        f.get(P_PAGE).i64(4096).op(Op.i64_add).set(va);
        f.gget(GLOBAL_FETCH_TLB).set(st);
        probe(f, va, e, st, 1);
        f.get(e).mem(Op.i32_load, 2, 8).i32(nx.recBase).op(Op.i32_ne).op(Op.i32_or);
        f.get(e).mem(Op.i32_load, 2, 12).i32(nx.gen).op(Op.i32_ne).op(Op.i32_or);
        f.i32(0).mem(Op.i32_load, 2, JIT_CODEVER + nx.slot * 4).i32(nx.ver).op(Op.i32_ne).op(Op.i32_or);
        f.if();
        // Say which region found its page above changed, and where it runs (jitEnter counts
        // it, and past JIT_STALE_LIMIT compiles the page again against what it maps now).
        f.i32(0).get(P_PAGE).mem(Op.i64_store, 3, JIT_COMPILE_VA);
        f.i32(0).i32(slotOfRecords + 1).mem(Op.i32_store, 2, JIT_WANT);
        pcAt(to).set(npc); f.i32(JIT_EXIT_BRANCH).set(kind).br(dExit(extra + 1));
        f.end();
      }
      // A taken jump to in-page byte offset `to`, at `extra` levels of if-nesting.
      const jumpTo = (to: number, extra: number, retired: number) => {
        const tb = (to & 1) === 0 && to >= 0 && to < LIMIT ? blockOf[to >> 1] : -1;
        addCnt(retired);
        if (tb < 0) { pcAt(to).set(npc); f.i32(JIT_EXIT_BRANCH).set(kind).br(dExit(extra)); return; }
        // Budget: stop here if more than `rem` have retired (the interpreter's REFILL rule).
        f.get(cnt).get(P_REM).op(Op.i32_gt_s).if();
        pcAt(to).set(npc); f.i32(JIT_EXIT_BRANCH).set(kind).br(dExit(extra + 1));
        f.end();
        goTo(tb, extra, false);
      };

      // The host address of load or store i (`size` bytes, through TLB view `tlb`), on the stack;
      // returns the offset the access adds to it (its memarg offset).
      // A TLB miss leaves before the access, for the interpreter: its slow path walks, fills,
      // traps, exits for MMIO or the pager and drops code a store overwrites exactly as it
      // would; the hit path then has no merge, which Liftoff pays for in spills, and the region
      // no slow-path code.
      // An access through the same base register as an earlier one of this block, through the
      // same view, with the register unchanged and nothing between them that can leave the
      // block and come back, reuses that probe (`anchor`): if it falls on the same page (the
      // anchor's offset in its page plus the difference of the two immediates stays in the
      // page), its host address is the anchor's plus that difference; if not, it probes for
      // itself (leaving instead would send every access of a base register walking across a
      // page to the interpreter: roms/tests/jit-anchor.S). Nothing compiled between the two
      // can change what the entry said: fills, flushes, remaps and code appearing on a page all
      // happen outside compiled code (a miss leaves; atomics and CSR instructions, which reach
      // the core, end the anchors). A function's prologue (`sd ra, 40(sp)`, `sd s0, 32(sp)`,
      // …), its epilogue and a structure's fields then take a compare and a branch on locals
      // instead of a probe with two loads. Only where a later access is known to reuse it: the
      // probing arm rejoins the common path, and Liftoff makes the common path conform to that
      // arm's registers there (anchors for every access of a function were 20-50 % slower,
      // docs/BENCHMARKS.md).
      const hostAddress = (i: Insn, tlb: number, size: number, off: number, pending: number, k: number): number => {
        // The probe itself, `depth` ifs deep: leaves on a miss, else pushes the host address.
        const probed = (depth: number) => {
          getX(i.rs1); if (i.imm) f.i64(i.imm).op(Op.i64_add);
          f.set(va);
          probe(f, va, e, tlb, size);
          f.if(); insnExit(off, depth + 1, pending); f.end();
          f.get(va).op(Op.i32_wrap_i64).get(e).mem(Op.i32_load, 2, 8).op(Op.i32_add);
        };
        const v = tlb === ltlb ? 0 : 1;
        const a = anchor[v];
        if (a !== null && a.base === i.rs1) {
          // host: the anchor's host address, or (off its page) this access's own probe's, less
          // what the access adds as its memarg offset.
          const d = i.imm - a.imm, add = d >= 0 ? d : 0;
          f.get(a.host); if (d < 0) f.i32(d).op(Op.i32_add); f.set(a.addr);
          f.get(a.o); if (d) f.i32(d).op(Op.i32_add);
          f.i32(4096 - size).op(Op.i32_gt_u).if();
          probed(1);
          if (add) f.i32(add).op(Op.i32_sub);
          f.set(a.addr);
          f.end();
          f.get(a.addr);
          return add;
        }
        probed(0);
        if (!(writesRd(i.op) && i.rd === i.rs1) && reusedAhead(k, v, i.rs1)) {
          anchorLocals[v] ??= { o: f.local(I32), host: f.local(I32), addr: f.local(I32) };
          const { o, host, addr } = anchorLocals[v]!;
          f.tee(host).get(va).op(Op.i32_wrap_i64).i32(0xfff).op(Op.i32_and).set(o);
          anchor[v] = { base: i.rs1, imm: i.imm, o, host, addr };
        }
        return 0;
      };
      // Whether an access after insns[k] in this block, through view v and base register `base`,
      // would reuse insns[k]'s probe (see hostAddress and keepsAnchors).
      const reusedAhead = (k: number, v: number, base: number): boolean => {
        const end = pageEnd(insns[k].h * 2);
        for (let j = k + 1; j < insns.length; j++) {
          const i = insns[j], p = insns[j - 1];
          if (p.h + (p.len >> 1) !== i.h || isLeader[i.h] || !compiles(i) || i.h * 2 >= end) return false;
          if (viewOf(i.op) === v && i.rs1 === base) return true;
          if (JUMPS.has(i.op)) return false;
          if (!keepsAnchors(i.op) || (writesRd(i.op) && i.rd === base)) return false;
        }
        return false;
      };
      const anchor: (Anchor | null)[] = [null, null];

      // F/D inline needs mstatus.FS Dirty (what the interpreter leaves it as after any of them,
      // so no write is needed): else the interpreter runs the instruction.
      // Checked once a block: the code after a check that passed runs with FS Dirty, and nothing
      // compiled can make it otherwise (only CSR writes and traps can, and both leave the block).
      // An F/D store only needs FS not Off (`dirty` false), which proves nothing for later ones.
      let fsKnown = false;
      const fsDirty = (off: number, pending: number, dirty = true) => {
        if (fsKnown) return;
        f.i32(0).mem(Op.i64_load, 3, HART_CSR + CSR_SLOT_MSTATUS).i64(MSTATUS_FS).op(Op.i64_and);
        if (dirty) f.i64(MSTATUS_FS).op(Op.i64_ne); else f.op(Op.i64_eqz);
        f.if(); insnExit(off, 1, pending); f.end();
        fsKnown = dirty;
      };

      let k = at(leaders[b]);
      const first = k;
      let pending = 0;
      let ended = false;
      // After a CSR instruction compiled at byte offset `off`, `len` long: one of the interpreter's
      // REFILL points, where run() stops once more than its budget has retired: stop here too,
      // or --icount runs would differ.
      const refillPoint = (off: number, len: number) => {
        addCnt(pending + 1); pending = 0;
        f.get(cnt).get(P_REM).op(Op.i32_gt_s).if();
        exitTo(JIT_EXIT_BRANCH, 1, () => pcAt(off + len), 0);
        f.end();
      };
      while (k < insns.length) {
        const i = insns[k];
        const off = i.h * 2;
        const prev = insns[k - 1];
        if (k > first && prev.h + (prev.len >> 1) !== i.h) { // a gap: not decoded
          insnExit(prev.h * 2 + prev.len, 0, pending); ended = true; break;
        }
        if (k > first && isLeader[i.h]) { addCnt(pending); pending = 0; break; } // fall into the next block
        if (!compiles(i)) { insnExit(off, 0, pending); ended = true; break; }
        const op = i.op;
        if (BRANCHES.has(op)) {
          getX(i.rs1);
          if (i.rs2 === 0 && (op === O.OP_BEQ || op === O.OP_BNE)) {
            f.op(Op.i64_eqz);
            if (op === O.OP_BNE) f.op(Op.i32_eqz);
          } else {
            getX(i.rs2);
            f.op(BRANCH_COMPARE[op]);
          }
          f.if();
          jumpTo(off + i.imm, 1, pending + 1);
          f.end();
          pending++;
        } else if (op === O.OP_J || op === O.OP_JAL) {
          if (op === O.OP_JAL) { pcAt(off + i.len); setX(i.rd); }
          jumpTo(off + i.imm, 0, pending + 1);
          ended = true; break;
        } else if (op === O.OP_JR || op === O.OP_JALR) {
          getX(i.rs1).i64(i.imm).op(Op.i64_add).i64(-2).op(Op.i64_and).set(npc);
          if (op === O.OP_JALR) { pcAt(off + i.len); setX(i.rd); }
            addCnt(pending + 1);
          f.i32(JIT_EXIT_BRANCH).set(kind);
          // Within the page and the budget: dispatch to the target's block at the loop head.
          f.get(npc).i64(-4096).op(Op.i64_and).get(P_PAGE).op(Op.i64_ne).brIf(dExit(0));
          f.get(cnt).get(P_REM).op(Op.i32_gt_s).brIf(dExit(0));
          f.get(npc).get(P_PAGE).op(Op.i64_sub).i64(1).op(Op.i64_shr_u).op(Op.i32_wrap_i64).set(th);
          f.br(lv + nU - 1 - u);
          ended = true; break;
        } else if (LOADS.has(op)) {
          const kd = op === O.OP_LOAD_X0 ? (i.lo >>> 27) & 7 : op - O.OP_LB;
          const memOff = hostAddress(i, ltlb, 1 << (kd & 3), off, pending, k);
          f.mem([Op.i64_load8_s, Op.i64_load16_s, Op.i64_load32_s, Op.i64_load, Op.i64_load8_u, Op.i64_load16_u, Op.i64_load32_u][kd], 0, memOff);
          if (op === O.OP_LOAD_X0) f.op(Op.drop); else setX(i.rd);
          pending++;
        } else if (STORES.has(op)) {
          const memOff = hostAddress(i, stlb, 1 << (op - O.OP_SB), off, pending, k);
          getX(i.rs2);
          f.mem([Op.i64_store8, Op.i64_store16, Op.i64_store32, Op.i64_store][op - O.OP_SB], 0, memOff);
          pending++;
        } else if (FP_MEM.has(op)) {
          const isLoad = op === O.OP_FLW || op === O.OP_FLD;
          const size = op === O.OP_FLW || op === O.OP_FSW ? 4 : 8;
          // FS: loads want Dirty, stores not Off (the slow path does the rest): else exit.
          fsDirty(off, pending, isLoad);
          const memOff = hostAddress(i, isLoad ? ltlb : stlb, size, off, pending, k);
          if (isLoad) {
            if (size === 8) f.mem(Op.i64_load, 0, memOff);
            else f.mem(Op.i64_load32_u, 0, memOff).i64(-4294967296n).op(Op.i64_or); // NaN-boxed
            setF(f, i.rd);
          } else {
            getF(f, i.rs2);
            f.mem(size === 8 ? Op.i64_store : Op.i64_store32, 0, memOff);
          }
          pending++;
        } else if (FP_INLINE.has(op)) {
          fsDirty(off, pending);
          if (op === O.OP_FMV_X_D || op === O.OP_FMV_X_W) {
            getF(f, i.rs1);
            if (op === O.OP_FMV_X_W) f.op(Op.i64_extend32_s);
            setX(i.rd);
          } else if (op === O.OP_FMV_D_X || op === O.OP_FMV_W_X) {
            getX(i.rs1);
            if (op === O.OP_FMV_W_X) f.i64(0xffffffffn << 32n).op(Op.i64_or);
            setF(f, i.rd);
          } else if (op === O.OP_FSGNJ_D || op === O.OP_FSGNJN_D || op === O.OP_FSGNJX_D) {
            getF(f, i.rs1).i64(0x7fffffffffffffffn).op(Op.i64_and);
            if (op === O.OP_FSGNJX_D) { getF(f, i.rs1); getF(f, i.rs2); f.op(Op.i64_xor); }
            else { getF(f, i.rs2); if (op === O.OP_FSGNJN_D) f.i64(-1).op(Op.i64_xor); }
            f.i64(-0x8000000000000000n).op(Op.i64_and).op(Op.i64_or);
            setF(f, i.rd);
          }
          pending++;
        } else if (isFpCsr(i)) {
          fsDirty(off, pending);
          const csr = i.imm & 0xfff, kind = (op - O.OP_CSRRW) % 3;
          const field = () => { // the CSR's value from the fcsr image in fa
            f.get(fa);
            if (csr === 2) f.i64(5).op(Op.i64_shr_u).i64(7).op(Op.i64_and);
            else f.i64(csr === 1 ? 0x1f : 0xff).op(Op.i64_and);
          };
          f.i32(0).mem(Op.i64_load, 3, HART_CSR + CSR_SLOT_FCSR).set(fa);
          // csrrs/csrrc with rs1 (or uimm) = 0 do not write (csr.ts csrAccess).
          if (kind === 0 || i.rs1 !== 0) {
            const src = () => { if (op >= O.OP_CSRRWI) f.i64(i.rs1); else getX(i.rs1); };
            if (kind === 0) src();
            else { field(); src(); if (kind === 2) f.i64(-1).op(Op.i64_xor).op(Op.i64_and); else f.op(Op.i64_or); }
            f.set(fb);
            f.i32(0);
            if (csr === 1) f.get(fa).i64(~0x1f).op(Op.i64_and).get(fb).i64(0x1f).op(Op.i64_and).op(Op.i64_or);
            else if (csr === 2) f.get(fa).i64(0x1f).op(Op.i64_and).get(fb).i64(7).op(Op.i64_and).i64(5).op(Op.i64_shl).op(Op.i64_or);
            else f.get(fb).i64(0xff).op(Op.i64_and);
            f.mem(Op.i64_store, 3, HART_CSR + CSR_SLOT_FCSR);
            f.i32(0).i32(0).mem(Op.i64_load, 3, HART_CSR + CSR_SLOT_MSTATUS).i64(BigInt(MSTATUS_FS) | MSTATUS_SD).op(Op.i64_or);
            f.mem(Op.i64_store, 3, HART_CSR + CSR_SLOT_MSTATUS);
          }
          if (i.rd !== 0) { field(); setX(i.rd); }
          refillPoint(off, i.len);
        } else if (isCounterRead(i)) {
          // The core reads it as the interpreter would, told how many instructions retired
          // before it; status 1: the interpreter runs it (it raises, or an interrupt is due).
          f.i64(recordOf(i)).get(cnt);
          if (pending) f.i32(pending).op(Op.i32_add);
          f.call(IMPORT_COUNTER).set(fa);
          f.i32(0).mem(Op.i32_load, 2, JIT_COUNTER_STATUS).if(); insnExit(off, 1, pending); f.end();
          if (i.rd !== 0) { f.get(fa); setX(i.rd); }
          refillPoint(off, i.len);
        } else if (op in FP_FAST) {
          fsDirty(off, pending);
          const k = FP_FAST[op];
          f.block(k.dst === 'x' ? I64 : VOID); // $done
          f.block(); // $slow
          k.emit(f, i, getX, scratch);
          f.br(1);
          f.end(); // $slow
          flushX(i); flushF(i);
          f.i64(recordOf(i)).call(IMPORT_FP);
          f.if(); insnExit(off, 2, pending); f.end();
          if (k.dst === 'x') { if (i.rd) f.i32(0).mem(Op.i64_load, 3, HART_X + i.rd * 8); else f.i64(0); } else reloadF(i);
          f.end(); // $done
          if (k.dst === 'x') setX(i.rd);
          pending++;
        } else if (isFpOp(op)) {
          flushX(i); flushF(i);
          f.i64(recordOf(i)).call(IMPORT_FP);
          f.if(); insnExit(off, 1, pending); f.end();
          if (FP_WRITES_X.has(op)) loadX(i.rd); else reloadF(i); // written in memory by the core
          pending++;
        } else if (isAtomic(op)) {
          flushX(i);
          f.i64(recordOf(i)).call(IMPORT_ATOMIC).tee(st);
          f.if();
          f.get(st).i32(1).op(Op.i32_eq).if(); insnExit(off, 2, pending); f.end();
          // It wrote over compiled code: stop after it, as a store does, with rd as the core
          // wrote it (rd's local would otherwise be written back over it at the exit, when the
          // function writes rd elsewhere).
          loadX(i.rd);
          const next = off + i.len;
          exitTo(next >= pageEnd(off) ? JIT_EXIT_BRANCH : JIT_EXIT_SMC, 1, () => pcAt(next), pending + 1);
          f.end();
          loadX(i.rd); // written to memory by the core
          pending++;
        } else if (op === O.OP_NOP || op === O.OP_FENCE || op === O.OP_FENCE_I) {
          // Nothing to do: stores already dropped any code they overwrote (see jit.ts).
          pending++;
        } else {
          emitAlu(f, i, getX, scratch);
          setX(i.rd);
          pending++;
        }
        if (!keepsAnchors(op)) anchor[0] = anchor[1] = null;
        else if (writesRd(op)) for (let v = 0; v < 2; v++) if (anchor[v]?.base === i.rd) anchor[v] = null;
        k++;
        if (k >= insns.length || insns[k].h * 2 >= pageEnd(off)) break; // (a block stays on its page)
      }
      if (!ended) {
        // Ran off the block: into the next leader (handled above), the end of the page, or the end
        // of the decoded code.
        const last = insns[k - 1];
        const next = last.h * 2 + last.len;
        if (k < insns.length && blockOf[insns[k].h] >= 0 && next === insns[k].h * 2) {
            addCnt(pending);
          goTo(blockOf[insns[k].h], 0, true);
        } else if (next >= pageEnd(last.h * 2)) {
          exitTo(JIT_EXIT_BRANCH, 0, () => pcAt(next), pending); // off its page, unchecked: a jump
        } else if (k < insns.length && isLeader[insns[k].h] && next === insns[k].h * 2) {
          exitTo(JIT_EXIT_NEXT, 0, () => pcAt(next), pending); // into another function of the page
        } else {
          insnExit(next, 0, pending);
        }
      }
    }
  }
}

// A load or store's TLB view for the probe anchors (emitBlock hostAddress): 0 load, 1 store,
// -1 neither.
function viewOf(op: number): number {
  if (LOADS.has(op) || op === O.OP_FLW || op === O.OP_FLD) return 0;
  if (STORES.has(op) || op === O.OP_FSW || op === O.OP_FSD) return 1;
  return -1;
}
// Whether a compiled instruction leaves the probe anchors valid after it (but for its rd). Its
// exits leave for good, so what matters is the code that runs on in the block: ALU, multiply and
// divide (pure helpers), branches (the path not taken), loads and stores (a miss leaves), F/D
// (jitFp touches no memory). Not atomics: the core's atomic() accesses memory itself.
function keepsAnchors(op: number): boolean {
  return !(isAtomic(op) || isCsr(op));
}
interface Anchor { base: number; imm: number; o: number; host: number; addr: number }

function writesRd(op: number): boolean {
  if (FP_WRITES_X.has(op)) return true;
  return !(isAtomic(op) || FP_MEM.has(op) || isFpOp(op) || BRANCHES.has(op) || STORES.has(op) || op === O.OP_J || op === O.OP_JR || op === O.OP_LOAD_X0 ||
    op === O.OP_NOP || op === O.OP_FENCE || op === O.OP_FENCE_I);
}

// Pushes (TLB tag != page of the access's last byte), the entry chosen by va's page: a hit
// means the whole access is on that page. A misaligned access within a page hits (the host's
// loads and stores need no alignment, and the interpreter's slow path does the same bytes);
// one that crosses into the next page misses (that page's entry is another). The interpreter's
// own probe makes every misaligned access miss; compiled code leaves the region on a miss, and
// loops with misaligned accesses (randprog's) would spend most of their time outside it.
function probe(f: Body, va: number, e: number, tlb: number, size: number): void {
  // The entry's offset, ((va >> 12) & 1023) << 4, from the low half alone (four host
  // instructions in Liftoff, against seven for the i64 shift, wrap, mask and shift).
  f.get(va).op(Op.i32_wrap_i64).i32(8).op(Op.i32_shr_u).i32((TLB_ENTRIES - 1) << 4).op(Op.i32_and)
    .get(tlb).op(Op.i32_add).tee(e).mem(Op.i64_load, 3, 0);
  f.get(va); if (size > 1) f.i64(size - 1).op(Op.i64_add);
  f.i64(-4096).op(Op.i64_and).op(Op.i64_ne);
}

function emitAlu(f: Body, i: Insn, getX: (r: number) => Body, s: Scratch): void {
  const op = i.op;
  if (op === O.OP_LUI) { f.i64(i.imm); return; }
  if (op === O.OP_AUIPC) { f.get(2).i64(i.h * 2 + i.imm).op(Op.i64_add); return; }
  // A move (`mv`, `li`, `sext.w`: compilers' glue) is its operand: Liftoff folds no constants,
  // and would add the zero.
  const identity = op === O.OP_ADD || op === O.OP_OR || op === O.OP_XOR;
  if (identity && (i.rs1 === 0 || i.rs2 === 0)) { getX(i.rs1 === 0 ? i.rs2 : i.rs1); return; }
  if ((op === O.OP_ADDI || op === O.OP_ORI || op === O.OP_XORI) && (i.rs1 === 0 || i.imm === 0)) {
    if (i.rs1 === 0) f.i64(i.imm); else getX(i.rs1);
    return;
  }
  if (op === O.OP_ADDIW && i.imm === 0) { getX(i.rs1).op(Op.i64_extend32_s); return; }
  if (op in ALU_RR) { getX(i.rs1); getX(i.rs2); f.op(ALU_RR[op]); return; }
  if (op in ALU_RI) { getX(i.rs1); f.i64(i.imm).op(ALU_RI[op]); return; }
  // The W forms whose low 32 bits an i64 operation gets right, then sign-extended: no i32.wrap_i64
  // of the operands, which Liftoff emits as a move of its own (a register's 32-bit copy).
  if (op in W_WIDE) {
    getX(i.rs1);
    if (op === O.OP_ADDIW) f.i64(i.imm); else if (op === O.OP_SLLIW) f.i64(i.imm & 31); else getX(i.rs2);
    f.op(W_WIDE[op]).op(Op.i64_extend32_s);
    return;
  }
  // srliw and sraiw by n > 0: the low word to the top, then an arithmetic or logical shift by
  // 32 + n brings it down sign- or zero-extended, already RV64's result (a logical shift by
  // n > 0 leaves bit 31 clear, so its sign extension is itself); by 0 both are sext.w.
  if (op === O.OP_SRLIW || op === O.OP_SRAIW) {
    getX(i.rs1);
    if ((i.imm & 31) === 0) { f.op(Op.i64_extend32_s); return; }
    f.i64(32).op(Op.i64_shl).i64(32 + (i.imm & 31)).op(op === O.OP_SRLIW ? Op.i64_shr_u : Op.i64_shr_s);
    return;
  }
  if (op in ALU_W) {
    getX(i.rs1).op(Op.i32_wrap_i64);
    if (W_IMM.has(op)) f.i32(i.imm); else getX(i.rs2).op(Op.i32_wrap_i64);
    f.op(ALU_W[op]).op(Op.i64_extend_i32_s);
    return;
  }
  if (op === O.OP_SLT || op === O.OP_SLTU) { getX(i.rs1); getX(i.rs2); f.op(op === O.OP_SLT ? Op.i64_lt_s : Op.i64_lt_u).op(Op.i64_extend_i32_u); return; }
  if (op === O.OP_SLTI || op === O.OP_SLTIU) { getX(i.rs1); f.i64(i.imm).op(op === O.OP_SLTI ? Op.i64_lt_s : Op.i64_lt_u).op(Op.i64_extend_i32_u); return; }
  if (op in DIVREM) { emitDivRem(f, i, getX); return; }
  if (op === O.OP_MULHU || op === O.OP_MULH || op === O.OP_MULHSU) { emitMulHigh(f, i, getX, s); return; }
  if (MULDIV.has(op)) { f.i32(op); getX(i.rs1); getX(i.rs2); f.call(IMPORT_MULDIV); return; }
  if (isBitmanip(op)) { emitBitmanip(f, i, getX, s.fr); return; }
  throw new Error(`translate: no ALU rule for op ${op}`);
}

// The high half of a 64×64-bit product, which wasm has no operator for (the bignum loops of
// the kernel's crypto self-tests run one per word): from 32-bit halves, u = ah·bl + (al·bl >> 32)
// and ah·bh + (u >> 32) + ((al·bh + (u & M)) >> 32), none of which can overflow; a signed
// operand's sign then takes the other operand off (two's complement: x = x_u - 2^64 when x < 0).
function emitMulHigh(f: Body, i: Insn, getX: (r: number) => Body, { fa: a, fb: b, fr: u }: Scratch): void {
  getX(i.rs1); f.set(a);
  getX(i.rs2); f.set(b);
  const lo = (x: number) => f.get(x).i64(0xffffffff).op(Op.i64_and);
  const hi = (x: number) => f.get(x).i64(32).op(Op.i64_shr_u);
  hi(a); lo(b); f.op(Op.i64_mul); lo(a); lo(b); f.op(Op.i64_mul).i64(32).op(Op.i64_shr_u).op(Op.i64_add).set(u);
  hi(a); hi(b); f.op(Op.i64_mul).get(u).i64(32).op(Op.i64_shr_u).op(Op.i64_add);
  lo(a); hi(b); f.op(Op.i64_mul); lo(u); f.op(Op.i64_add).i64(32).op(Op.i64_shr_u).op(Op.i64_add);
  if (i.op !== O.OP_MULHU) f.get(a).i64(63).op(Op.i64_shr_s).get(b).op(Op.i64_and).op(Op.i64_sub);
  if (i.op === O.OP_MULH) f.get(b).i64(63).op(Op.i64_shr_s).get(a).op(Op.i64_and).op(Op.i64_sub);
}

// Division and remainder inline, with RISC-V's answers where wasm would trap: a zero divisor
// gives all ones (div) or the dividend (rem); the one overflow (most negative / -1) gives the
// dividend (div; here -a, which wraps to it) and 0 (rem, which wasm's rem_s already gives).
// [operator, 32-bit, signed, remainder]
const DIVREM: Record<number, [number, boolean, boolean, boolean]> = {
  [O.OP_DIV]: [Op.i64_div_s, false, true, false], [O.OP_DIVU]: [Op.i64_div_u, false, false, false],
  [O.OP_REM]: [Op.i64_rem_s, false, true, true], [O.OP_REMU]: [Op.i64_rem_u, false, false, true],
  [O.OP_DIVW]: [Op.i32_div_s, true, true, false], [O.OP_DIVUW]: [Op.i32_div_u, true, false, false],
  [O.OP_REMW]: [Op.i32_rem_s, true, true, true], [O.OP_REMUW]: [Op.i32_rem_u, true, false, true],
};
function emitDivRem(f: Body, i: Insn, getX: (r: number) => Body): void {
  const [oper, w, signed, rem] = DIVREM[i.op];
  const a = () => { getX(i.rs1); if (w) f.op(Op.i32_wrap_i64); };
  const b = () => { getX(i.rs2); if (w) f.op(Op.i32_wrap_i64); };
  const wide = () => { if (w) f.op(Op.i64_extend_i32_s); };
  b(); f.op(w ? Op.i32_eqz : Op.i64_eqz).if(I64);
  if (rem) { a(); wide(); } else f.i64(-1);
  f.else();
  if (signed && !rem) { // most negative / -1 traps in wasm: -a is the answer (wrapping)
    b(); if (w) f.i32(-1).op(Op.i32_eq); else f.i64(-1).op(Op.i64_eq);
    f.if(I64);
    if (w) { f.i32(0); a(); f.op(Op.i32_sub); } else { f.i64(0); a(); f.op(Op.i64_sub); }
    wide();
    f.else();
  }
  a(); b(); f.op(oper); wide();
  if (signed && !rem) f.end();
  f.end();
}

// Zba/Zbb/Zbs as interp.ts bitmanip() computes them; b is rs2 or, for the immediate forms, imm.
// `t`: an i64 scratch local.
function emitBitmanip(f: Body, i: Insn, getX: (r: number) => Body, t: number): void {
  const op = i.op;
  const a = () => getX(i.rs1);
  const b = () => { if (i.rs2 !== 0) { getX(i.rs2); if (i.imm) f.i64(i.imm).op(Op.i64_add); } else f.i64(i.imm); };
  const uw = () => a().i64(0xffffffff).op(Op.i64_and);
  const bit = () => { f.i64(1); b(); f.op(Op.i64_shl); };
  switch (op) {
    case O.OP_ADD_UW: uw(); b(); f.op(Op.i64_add); return;
    case O.OP_SH1ADD: case O.OP_SH2ADD: case O.OP_SH3ADD: a().i64(op - O.OP_SH1ADD + 1).op(Op.i64_shl); b(); f.op(Op.i64_add); return;
    case O.OP_SH1ADD_UW: case O.OP_SH2ADD_UW: case O.OP_SH3ADD_UW: uw().i64(op - O.OP_SH1ADD_UW + 1).op(Op.i64_shl); b(); f.op(Op.i64_add); return;
    case O.OP_SLLI_UW: uw(); b(); f.op(Op.i64_shl); return;
    case O.OP_ANDN: a(); b(); f.i64(-1).op(Op.i64_xor).op(Op.i64_and); return;
    case O.OP_ORN: a(); b(); f.i64(-1).op(Op.i64_xor).op(Op.i64_or); return;
    case O.OP_XNOR: a(); b(); f.op(Op.i64_xor).i64(-1).op(Op.i64_xor); return;
    case O.OP_CLZ: a().op(Op.i64_clz); return;
    case O.OP_CTZ: a().op(Op.i64_ctz); return;
    case O.OP_CPOP: a().op(Op.i64_popcnt); return;
    case O.OP_MAX: case O.OP_MAXU: case O.OP_MIN: case O.OP_MINU: {
      const cmp = { [O.OP_MAX]: Op.i64_gt_s, [O.OP_MAXU]: Op.i64_gt_u, [O.OP_MIN]: Op.i64_lt_s, [O.OP_MINU]: Op.i64_lt_u }[op]!;
      a(); b(); a(); b(); f.op(cmp).op(Op.select); return;
    }
    case O.OP_SEXT_B: a().op(Op.i64_extend8_s); return;
    case O.OP_SEXT_H: a().op(Op.i64_extend16_s); return;
    case O.OP_ZEXT_H: a().i64(0xffff).op(Op.i64_and); return;
    case O.OP_ROL: case O.OP_ROR: case O.OP_RORI: rotate(f, () => a().set(t), () => f.get(t), b, op !== O.OP_ROL, false); return;
    case O.OP_BCLR: case O.OP_BCLRI: a(); bit(); f.i64(-1).op(Op.i64_xor).op(Op.i64_and); return;
    case O.OP_BINV: case O.OP_BINVI: a(); bit(); f.op(Op.i64_xor); return;
    case O.OP_BSET: case O.OP_BSETI: a(); bit(); f.op(Op.i64_or); return;
    case O.OP_BEXT: case O.OP_BEXTI: a(); b(); f.op(Op.i64_shr_u).i64(1).op(Op.i64_and); return;
    // The W forms on the low word (the counts fit in 6 bits; rotations sign-extend bit 31).
    case O.OP_CLZW: a().op(Op.i32_wrap_i64).op(Op.i32_clz).op(Op.i64_extend_i32_u); return;
    case O.OP_CTZW: a().op(Op.i32_wrap_i64).op(Op.i32_ctz).op(Op.i64_extend_i32_u); return;
    case O.OP_CPOPW: a().op(Op.i32_wrap_i64).op(Op.i32_popcnt).op(Op.i64_extend_i32_u); return;
    case O.OP_ROLW: case O.OP_RORW: case O.OP_RORIW:
      rotate(f, () => a().set(t), () => f.get(t).op(Op.i32_wrap_i64), () => { b(); f.op(Op.i32_wrap_i64); }, op !== O.OP_ROLW, true);
      f.op(Op.i64_extend_i32_s);
      return;
    // orc.b (Linux's strlen, strcmp and strncmp with Zbb test a word for a zero byte with it):
    // the top bit of each byte of ((x & 0x7f..) + 0x7f..) | x is set where the byte is not
    // zero (no carry crosses a byte); m holds those bits, and m | (m - (m >> 7)) makes each 0xff.
    case O.OP_ORC_B: {
      a().i64(0x7f7f7f7f7f7f7f7fn).op(Op.i64_and).i64(0x7f7f7f7f7f7f7f7fn).op(Op.i64_add);
      a().op(Op.i64_or).i64(-0x7f7f7f7f7f7f7f80n).op(Op.i64_and).tee(t);
      f.get(t).get(t).i64(7).op(Op.i64_shr_u).op(Op.i64_sub).op(Op.i64_or);
      return;
    }
    // rev8: bytes swapped in pairs, then halfwords, then the two words.
    case O.OP_REV8: {
      a().tee(t).i64(8).op(Op.i64_shr_u).i64(0x00ff00ff00ff00ffn).op(Op.i64_and);
      f.get(t).i64(0x00ff00ff00ff00ffn).op(Op.i64_and).i64(8).op(Op.i64_shl).op(Op.i64_or).tee(t);
      f.i64(16).op(Op.i64_shr_u).i64(0x0000ffff0000ffffn).op(Op.i64_and);
      f.get(t).i64(0x0000ffff0000ffffn).op(Op.i64_and).i64(16).op(Op.i64_shl).op(Op.i64_or);
      rotate(f, () => f.set(t), () => f.get(t), () => f.i64(32), true, false);
      return;
    }
    default: f.i32(op); a(); b(); f.call(IMPORT_MULDIV); return;
  }
}

// A rotation as two shifts and an or: Liftoff (V8 11.3, the CLI's tier) compiles wasm's
// rotate operators to calls into C, about 4.5 ns each against well under 1 for the shifts
// (docs/BENCHMARKS.md, seventeenth stage). `save` puts the value in a local, `value` pushes it
// (i64, or its low word for `w`), `count` pushes the count (the same width). Shifts take their
// count modulo the width, so the other shift is by 0 - count, and a count of 0 ors the value
// with itself.
function rotate(f: Body, save: () => void, value: () => void, count: () => void, right: boolean, w: boolean): void {
  const [first, second] = right ? [w ? Op.i32_shr_u : Op.i64_shr_u, w ? Op.i32_shl : Op.i64_shl] : [w ? Op.i32_shl : Op.i64_shl, w ? Op.i32_shr_u : Op.i64_shr_u];
  save();
  value(); count(); f.op(first);
  value(); if (w) f.i32(0); else f.i64(0); count(); f.op(w ? Op.i32_sub : Op.i64_sub).op(second);
  f.op(w ? Op.i32_or : Op.i64_or);
}

// Pushes (i32) whether the f register image in local `v` (binary64, or binary32 in the low half)
// is a normal number or a zero: exponent field in 1 .. max-1, or all bits but the sign clear.
function plain(f: Body, v: number, d: boolean): void {
  const EXP = d ? 0x7ff0000000000000n : 0x7f800000n, ONE = d ? 1n << 52n : 1n << 23n;
  f.get(v).i64(EXP).op(Op.i64_and).i64(ONE).op(Op.i64_sub).i64(EXP - ONE).op(Op.i64_lt_u);
  f.get(v).i64(d ? 1 : 33).op(Op.i64_shl).op(Op.i64_eqz).op(Op.i32_or);
}
