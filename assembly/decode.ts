// Instruction decoder: turns one instruction into an 8-byte decoded record, which the
// interpreter caches per guest page (see interp.ts). Unprivileged spec chapters 2, 7, 8, 16
// (RV64I, M, A, C), 9 (Zicsr) and 28 (Zba, Zbb, Zbc, Zbs); privileged spec chapter 3.3 (system instructions).
//
// Record layout (little-endian u64):
//   bits  0..7   op id (opcodes.ts)
//   bits  8..15  rd * 8 | length (2 or 4, in bits 1..2 of the byte)
//   bits 16..23  rs1 * 8 (or the 5-bit immediate of csrr*i, times 8)
//   bits 24..31  rs2 * 8 (or the size code funct3 for LOAD_X0)
//   bits 32..63  imm (sign-extended by the user), CSR number, shift amount, or the raw
//                instruction bits for ILLEGAL (they become mtval)
// Writes to x0 never reach the register file: such instructions decode to NOP, LOAD_X0, J or
// JR, and the few remaining handlers (CSR, AMO, SC) test rd themselves.
import {
  OP_ILLEGAL, OP_NOP, OP_LOAD_X0, OP_LUI, OP_AUIPC, OP_JAL, OP_J, OP_JALR, OP_JR,
  OP_BEQ, OP_BNE, OP_BLT, OP_BGE, OP_BLTU, OP_BGEU, OP_LB, OP_LH, OP_LW, OP_LD, OP_LBU, OP_LHU,
  OP_LWU, OP_SB, OP_SH, OP_SW, OP_SD, OP_ADDI, OP_SLTI, OP_SLTIU, OP_XORI, OP_ORI, OP_ANDI,
  OP_SLLI, OP_SRLI, OP_SRAI, OP_ADD, OP_SUB, OP_SLL, OP_SLT, OP_SLTU, OP_XOR, OP_SRL, OP_SRA,
  OP_OR, OP_AND, OP_ADDIW, OP_SLLIW, OP_SRLIW, OP_SRAIW, OP_ADDW, OP_SUBW, OP_SLLW, OP_SRLW,
  OP_SRAW, OP_FENCE, OP_FENCE_I, OP_ECALL, OP_EBREAK, OP_MRET, OP_SRET, OP_WFI, OP_SFENCE_VMA,
  OP_CSRRW, OP_MUL, OP_LR_W, OP_SC_W, OP_AMOSWAP_W, OP_AMOADD_W, OP_AMOXOR_W, OP_AMOAND_W,
  OP_AMOOR_W, OP_AMOMIN_W, OP_AMOMAX_W, OP_AMOMINU_W, OP_AMOMAXU_W, OP_LR_D,
  OP_FLW, OP_FLD, OP_FSW, OP_FSD, OP_FMADD_S, OP_FADD_S, OP_FADD_D, OP_FSQRT_S, OP_FSQRT_D,
  OP_FSGNJ_S, OP_FSGNJ_D, OP_FMIN_S, OP_FMIN_D, OP_FCVT_S_D, OP_FCVT_D_S, OP_FEQ_S, OP_FLT_S,
  OP_FLE_S, OP_FEQ_D, OP_FLT_D, OP_FLE_D, OP_FCVT_W_S, OP_FCVT_S_W, OP_FMV_X_W, OP_FCLASS_S,
  OP_FMV_X_D, OP_FCLASS_D, OP_FMV_W_X, OP_FMV_D_X,
  OP_ADD_UW, OP_SH1ADD, OP_SH1ADD_UW, OP_SLLI_UW, OP_ANDN, OP_ORN, OP_XNOR, OP_CLZ, OP_CTZ, OP_CPOP,
  OP_CLZW, OP_CTZW, OP_CPOPW, OP_MAX, OP_MAXU, OP_MIN, OP_MINU, OP_SEXT_B, OP_SEXT_H, OP_ZEXT_H,
  OP_ROL, OP_ROR, OP_RORI, OP_ROLW, OP_RORW, OP_RORIW, OP_ORC_B, OP_REV8, OP_CLMUL, OP_CLMULH,
  OP_CLMULR, OP_BCLR, OP_BCLRI, OP_BEXT, OP_BEXTI, OP_BINV, OP_BINVI, OP_BSET, OP_BSETI,
} from './opcodes';

// Field extractors for the interpreter and fp.ts (registers come out already times 8).
@inline export function fRd(r: u64): u32 { return <u32>(r >> 8) & 0xf8; }
@inline export function fLen(r: u64): u64 { return (r >> 8) & 6; }
@inline export function fStep(r: u64): u32 { return (<u32>r >> 6) & 24; } // record bytes to skip: len * 4
@inline export function fRs1(r: u64): u32 { return <u32>(r >> 16) & 0xf8; }
@inline export function fRs2(r: u64): u32 { return <u32>(r >> 24) & 0xf8; }
@inline export function fImm(r: u64): u64 { return <u64>(<i64>r >> 32); }

@inline function rec(op: u32, rd: u32, rs1: u32, rs2: u32, imm: i32, len: u32): u64 {
  return <u64>(op | (((rd << 3) | len) << 8) | (rs1 << 19) | (rs2 << 27)) | (<u64><u32>imm << 32);
}

@inline function illegal(insn: u32, len: u32): u64 {
  return rec(OP_ILLEGAL, 0, 0, 0, <i32>insn, len);
}

// An ALU-style result that only writes rd: with rd = x0 it has no effect at all.
@inline function alu(op: u32, rd: u32, rs1: u32, rs2: u32, imm: i32, len: u32): u64 {
  return rd == 0 ? rec(OP_NOP, 0, 0, 0, 0, len) : rec(op, rd, rs1, rs2, imm, len);
}

@inline function load(op: u32, rd: u32, rs1: u32, imm: i32, len: u32): u64 {
  // A load into x0 still reads memory (it may fault or touch a device).
  return rd == 0 ? rec(OP_LOAD_X0, 0, rs1, op - OP_LB, imm, len) : rec(op, rd, rs1, 0, imm, len);
}

const LOAD_OPS: StaticArray<u8> = [<u8>OP_LB, <u8>OP_LH, <u8>OP_LW, <u8>OP_LD, <u8>OP_LBU, <u8>OP_LHU, <u8>OP_LWU, 0];
const BRANCH_OPS: StaticArray<u8> = [<u8>OP_BEQ, <u8>OP_BNE, 0, 0, <u8>OP_BLT, <u8>OP_BGE, <u8>OP_BLTU, <u8>OP_BGEU];
const OP_IMM_OPS: StaticArray<u8> = [<u8>OP_ADDI, <u8>OP_SLLI, <u8>OP_SLTI, <u8>OP_SLTIU, <u8>OP_XORI, <u8>OP_SRLI, <u8>OP_ORI, <u8>OP_ANDI];
const OP_OPS: StaticArray<u8> = [<u8>OP_ADD, <u8>OP_SLL, <u8>OP_SLT, <u8>OP_SLTU, <u8>OP_XOR, <u8>OP_SRL, <u8>OP_OR, <u8>OP_AND];

// AMO funct5 → op offset from the W (or D) family base, 0xff = reserved.
const AMO_OPS: StaticArray<u8> = [
  <u8>(OP_AMOADD_W - OP_LR_W), <u8>(OP_AMOSWAP_W - OP_LR_W), 0, <u8>(OP_SC_W - OP_LR_W),
  <u8>(OP_AMOXOR_W - OP_LR_W), 0xff, 0xff, 0xff,
  <u8>(OP_AMOOR_W - OP_LR_W), 0xff, 0xff, 0xff, <u8>(OP_AMOAND_W - OP_LR_W), 0xff, 0xff, 0xff,
  <u8>(OP_AMOMIN_W - OP_LR_W), 0xff, 0xff, 0xff, <u8>(OP_AMOMAX_W - OP_LR_W), 0xff, 0xff, 0xff,
  <u8>(OP_AMOMINU_W - OP_LR_W), 0xff, 0xff, 0xff, <u8>(OP_AMOMAXU_W - OP_LR_W), 0xff, 0xff, 0xff,
];

// OP-IMM funct3 = 1: slli and the single-bit immediates (Zbs) by funct6, or the Zbb unary
// operations by funct12 (clz, ctz, cpop, sext.b, sext.h); 0 when reserved.
function shiftImmOp(f6: u32, f12: u32): u32 {
  switch (f6) {
    case 0x00: return OP_SLLI;
    case 0x12: return OP_BCLRI;
    case 0x1a: return OP_BINVI;
    case 0x0a: return OP_BSETI;
  }
  switch (f12) {
    case 0x600: return OP_CLZ;
    case 0x601: return OP_CTZ;
    case 0x602: return OP_CPOP;
    case 0x604: return OP_SEXT_B;
    case 0x605: return OP_SEXT_H;
  }
  return 0;
}

// OP with the Zba/Zbb/Zbc/Zbs funct7 values; 0 when reserved.
function opZb(f7: u32, f3: u32): u32 {
  switch (f7) {
    case 0x10: return f3 == 2 ? OP_SH1ADD : f3 == 4 ? OP_SH1ADD + 1 : f3 == 6 ? OP_SH1ADD + 2 : 0;
    case 0x05: { // clmul clmulr clmulh (1..3), min minu max maxu (4..7)
      if (f3 == 1) return OP_CLMUL;
      if (f3 == 2) return OP_CLMULR;
      if (f3 == 3) return OP_CLMULH;
      if (f3 == 4) return OP_MIN;
      if (f3 == 5) return OP_MINU;
      if (f3 == 6) return OP_MAX;
      if (f3 == 7) return OP_MAXU;
      return 0;
    }
    case 0x30: return f3 == 1 ? OP_ROL : f3 == 5 ? OP_ROR : 0;
    case 0x24: return f3 == 1 ? OP_BCLR : f3 == 5 ? OP_BEXT : 0;
    case 0x34: return f3 == 1 ? OP_BINV : 0;
    case 0x14: return f3 == 1 ? OP_BSET : 0;
  }
  return 0;
}

export function decode32(insn: u32): u64 {
  const rd = (insn >> 7) & 31;
  const f3 = (insn >> 12) & 7;
  const rs1 = (insn >> 15) & 31;
  const rs2 = (insn >> 20) & 31;
  const f7 = insn >> 25;
  const immI = <i32>insn >> 20;
  switch (insn & 0x7f) {
    case 0x03: { // LOAD
      if (f3 == 7) break;
      return load(<u32>unchecked(LOAD_OPS[f3]), rd, rs1, immI, 4);
    }
    case 0x0f: { // MISC-MEM: unused fields of FENCE and FENCE.I are ignored, as the spec says
      if (f3 == 0) return rec(OP_FENCE, 0, 0, 0, 0, 4);
      if (f3 == 1) return rec(OP_FENCE_I, 0, 0, 0, 0, 4);
      break;
    }
    case 0x13: { // OP-IMM
      const shamt = <i32>(insn >> 20) & 63;
      if (f3 == 1) {
        const op = shiftImmOp(insn >> 26, insn >> 20);
        if (op == 0) break;
        return alu(op, rd, rs1, 0, shamt, 4);
      }
      if (f3 == 5) {
        const f6 = insn >> 26;
        const f12 = insn >> 20;
        if (f6 == 0) return alu(OP_SRLI, rd, rs1, 0, shamt, 4);
        if (f6 == 0x10) return alu(OP_SRAI, rd, rs1, 0, shamt, 4);
        if (f6 == 0x18) return alu(OP_RORI, rd, rs1, 0, shamt, 4);
        if (f6 == 0x12) return alu(OP_BEXTI, rd, rs1, 0, shamt, 4);
        if (f12 == 0x287) return alu(OP_ORC_B, rd, rs1, 0, 0, 4);
        if (f12 == 0x6b8) return alu(OP_REV8, rd, rs1, 0, 0, 4);
        break;
      }
      return alu(<u32>unchecked(OP_IMM_OPS[f3]), rd, rs1, 0, immI, 4);
    }
    case 0x17: return alu(OP_AUIPC, rd, 0, 0, <i32>(insn & 0xfffff000), 4);
    case 0x37: return alu(OP_LUI, rd, 0, 0, <i32>(insn & 0xfffff000), 4);
    case 0x1b: { // OP-IMM-32
      if (f3 == 0) return alu(OP_ADDIW, rd, rs1, 0, immI, 4);
      if (f3 == 1) {
        if (f7 == 0) return alu(OP_SLLIW, rd, rs1, 0, rs2, 4);
        if ((insn >> 26) == 0x02) return alu(OP_SLLI_UW, rd, rs1, 0, <i32>(insn >> 20) & 63, 4);
        const f12 = insn >> 20;
        if (f12 >= 0x600 && f12 <= 0x602) return alu(OP_CLZW + f12 - 0x600, rd, rs1, 0, 0, 4);
        break;
      }
      if (f3 == 5 && f7 == 0) return alu(OP_SRLIW, rd, rs1, 0, rs2, 4);
      if (f3 == 5 && f7 == 0x20) return alu(OP_SRAIW, rd, rs1, 0, rs2, 4);
      if (f3 == 5 && f7 == 0x30) return alu(OP_RORIW, rd, rs1, 0, rs2, 4);
      break;
    }
    case 0x23: { // STORE
      if (f3 > 3) break;
      const immS = ((<i32>insn >> 25) << 5) | <i32>rd;
      return rec(OP_SB + f3, 0, rs1, rs2, immS, 4);
    }
    case 0x2f: { // AMO
      if (f3 != 2 && f3 != 3) break;
      const k = <u32>unchecked(AMO_OPS[insn >> 27]);
      if (k == 0xff) break;
      const lr = (insn >> 27) == 2;
      if (lr && rs2 != 0) break;
      return rec((f3 == 2 ? OP_LR_W : OP_LR_D) + (lr ? 0 : k), rd, rs1, rs2, 0, 4);
    }
    case 0x33: { // OP
      if (f7 == 0) return alu(<u32>unchecked(OP_OPS[f3]), rd, rs1, rs2, 0, 4);
      if (f7 == 0x20) {
        if (f3 == 0) return alu(OP_SUB, rd, rs1, rs2, 0, 4);
        if (f3 == 5) return alu(OP_SRA, rd, rs1, rs2, 0, 4);
        if (f3 == 4) return alu(OP_XNOR, rd, rs1, rs2, 0, 4);
        if (f3 == 6) return alu(OP_ORN, rd, rs1, rs2, 0, 4);
        if (f3 == 7) return alu(OP_ANDN, rd, rs1, rs2, 0, 4);
        break;
      }
      if (f7 == 1) return alu(OP_MUL + f3, rd, rs1, rs2, 0, 4);
      const op = opZb(f7, f3);
      if (op == 0) break;
      return alu(op, rd, rs1, rs2, 0, 4);
    }
    case 0x3b: { // OP-32
      if (f7 == 0) {
        if (f3 == 0) return alu(OP_ADDW, rd, rs1, rs2, 0, 4);
        if (f3 == 1) return alu(OP_SLLW, rd, rs1, rs2, 0, 4);
        if (f3 == 5) return alu(OP_SRLW, rd, rs1, rs2, 0, 4);
        break;
      }
      if (f7 == 0x20) {
        if (f3 == 0) return alu(OP_SUBW, rd, rs1, rs2, 0, 4);
        if (f3 == 5) return alu(OP_SRAW, rd, rs1, rs2, 0, 4);
        break;
      }
      if (f7 == 1) {
        // mulw(0) divw(4) divuw(5) remw(6) remuw(7): ops MULW, DIVW, DIVUW, REMW, REMUW
        if (f3 == 0) return alu(OP_MUL + 8, rd, rs1, rs2, 0, 4);
        if (f3 >= 4) return alu(OP_MUL + 5 + f3, rd, rs1, rs2, 0, 4);
        break;
      }
      if (f7 == 0x04) { // add.uw, zext.h (RV64 zext.h is packw with rs2 = x0)
        if (f3 == 0) return alu(OP_ADD_UW, rd, rs1, rs2, 0, 4);
        if (f3 == 4 && rs2 == 0) return alu(OP_ZEXT_H, rd, rs1, 0, 0, 4);
        break;
      }
      if (f7 == 0x10 && (f3 & 1) == 0 && f3 != 0) return alu(OP_SH1ADD_UW + (f3 >> 1) - 1, rd, rs1, rs2, 0, 4);
      if (f7 == 0x30 && f3 == 1) return alu(OP_ROLW, rd, rs1, rs2, 0, 4);
      if (f7 == 0x30 && f3 == 5) return alu(OP_RORW, rd, rs1, rs2, 0, 4);
      break;
    }
    case 0x63: { // BRANCH
      const op = <u32>unchecked(BRANCH_OPS[f3]);
      if (op == 0) break;
      const immB = ((<i32>insn >> 31) << 12) | <i32>(((insn >> 7) & 1) << 11) |
        <i32>(((insn >> 25) & 63) << 5) | <i32>(((insn >> 8) & 15) << 1);
      return rec(op, 0, rs1, rs2, immB, 4);
    }
    case 0x67: { // JALR
      if (f3 != 0) break;
      return rec(rd == 0 ? OP_JR : OP_JALR, rd, rs1, 0, immI, 4);
    }
    case 0x6f: { // JAL
      const immJ = ((<i32>insn >> 31) << 20) | <i32>(insn & 0xff000) |
        <i32>(((insn >> 20) & 1) << 11) | <i32>(((insn >> 21) & 0x3ff) << 1);
      return rec(rd == 0 ? OP_J : OP_JAL, rd, 0, 0, immJ, 4);
    }
    case 0x07: { // LOAD-FP
      if (f3 == 2) return rec(OP_FLW, rd, rs1, 0, immI, 4);
      if (f3 == 3) return rec(OP_FLD, rd, rs1, 0, immI, 4);
      break;
    }
    case 0x27: { // STORE-FP
      const immS = ((<i32>insn >> 25) << 5) | <i32>rd;
      if (f3 == 2) return rec(OP_FSW, 0, rs1, rs2, immS, 4);
      if (f3 == 3) return rec(OP_FSD, 0, rs1, rs2, immS, 4);
      break;
    }
    case 0x43: case 0x47: case 0x4b: case 0x4f: { // FMADD, FMSUB, FNMSUB, FNMADD
      const fmt = (insn >> 25) & 3;
      if (fmt > 1 || f3 == 5 || f3 == 6) break; // H and Q formats; reserved rounding modes
      return rec(OP_FMADD_S + fmt * 4 + ((insn >> 2) & 3), rd, rs1, rs2, <i32>((insn >> 27) | (f3 << 8)), 4);
    }
    case 0x53: { // OP-FP
      const r = decodeOpFp(f7, f3, rd, rs1, rs2);
      if (r != 0) return r;
      break;
    }
    case 0x73: { // SYSTEM
      if (f3 == 0) {
        if (insn == 0x00000073) return rec(OP_ECALL, 0, 0, 0, 0, 4);
        if (insn == 0x00100073) return rec(OP_EBREAK, 0, 0, 0, 0, 4);
        if (insn == 0x30200073) return rec(OP_MRET, 0, 0, 0, 0, 4);
        if (insn == 0x10200073) return rec(OP_SRET, 0, 0, 0, 0, 4);
        if (insn == 0x10500073) return rec(OP_WFI, 0, 0, 0, 0, 4);
        if ((insn & 0xfe007fff) == 0x12000073) return rec(OP_SFENCE_VMA, 0, rs1, rs2, 0, 4);
        break;
      }
      if (f3 == 4) break;
      // csrrw(1) csrrs(2) csrrc(3) csrrwi(5) csrrsi(6) csrrci(7) map to the six CSR ops in order.
      return rec(OP_CSRRW + (f3 & 3) - 1 + (f3 >> 2) * 3, rd, rs1, 0, <i32>(insn >> 20), 4);
    }
  }
  return illegal(insn, 4);
}

// OP-FP (chapters 11.6-11.9, 12.3-12.5); 0 for a reserved encoding. Bit 0 of funct7 is the
// format (0 = S, 1 = D). Reserved rounding modes (5, 6) are illegal here; DYN with a reserved
// frm is illegal at execution.
function decodeOpFp(f7: u32, f3: u32, rd: u32, rs1: u32, rs2: u32): u64 {
  const d = f7 & 1;
  const rmOk = f3 != 5 && f3 != 6;
  switch (f7 & ~1) {
    case 0x00: case 0x04: case 0x08: case 0x0c: // fadd fsub fmul fdiv
      if (!rmOk) return 0;
      return rec((d ? OP_FADD_D : OP_FADD_S) + (f7 >> 2), rd, rs1, rs2, f3, 4);
    case 0x2c:
      if (rs2 != 0 || !rmOk) return 0;
      return rec(d ? OP_FSQRT_D : OP_FSQRT_S, rd, rs1, 0, f3, 4);
    case 0x10:
      if (f3 > 2) return 0;
      return rec((d ? OP_FSGNJ_D : OP_FSGNJ_S) + f3, rd, rs1, rs2, 0, 4);
    case 0x14:
      if (f3 > 1) return 0;
      return rec((d ? OP_FMIN_D : OP_FMIN_S) + f3, rd, rs1, rs2, 0, 4);
    case 0x20: // fcvt.s.d (f7 0x20, rs2 1) and fcvt.d.s (f7 0x21, rs2 0)
      if (rs2 != (d ^ 1) || !rmOk) return 0;
      return rec(d ? OP_FCVT_D_S : OP_FCVT_S_D, rd, rs1, 0, f3, 4);
    case 0x50: {
      if (f3 > 2) return 0;
      const base = d ? OP_FLE_D : OP_FLE_S; // fle (0), flt (1), feq (2)
      return rec(f3 == 2 ? (d ? OP_FEQ_D : OP_FEQ_S) : f3 == 1 ? (d ? OP_FLT_D : OP_FLT_S) : base, rd, rs1, rs2, 0, 4);
    }
    case 0x60: // fcvt.{w,wu,l,lu}.{s,d}
      if (rs2 > 3 || !rmOk) return 0;
      return rec(OP_FCVT_W_S + d * 4 + rs2, rd, rs1, 0, f3, 4);
    case 0x68: // fcvt.{s,d}.{w,wu,l,lu}
      if (rs2 > 3 || !rmOk) return 0;
      return rec(OP_FCVT_S_W + d * 4 + rs2, rd, rs1, 0, f3, 4);
    case 0x70:
      if (rs2 != 0 || f3 > 1) return 0;
      return rec(f3 == 0 ? (d ? OP_FMV_X_D : OP_FMV_X_W) : (d ? OP_FCLASS_D : OP_FCLASS_S), rd, rs1, 0, 0, 4);
    case 0x78:
      if (rs2 != 0 || f3 != 0) return 0;
      return rec(d ? OP_FMV_D_X : OP_FMV_W_X, rd, rs1, 0, 0, 4);
  }
  return 0;
}

// RVC, unprivileged spec chapter 16: each compressed instruction expands to its base form.
export function decode16(insn: u32): u64 {
  const f3 = insn >> 13;
  const rdp = 8 + ((insn >> 2) & 7); // rd' / rs2'
  const rs1p = 8 + ((insn >> 7) & 7); // rs1' / rd'
  const rd = (insn >> 7) & 31;
  const rs2 = (insn >> 2) & 31;
  // CI-format 6-bit signed immediate: imm[5] = bit 12, imm[4:0] = bits 6:2
  const immCI = ((<i32>(insn << 19) >> 31) << 5) | <i32>((insn >> 2) & 31);
  switch (insn & 3) {
    case 0: {
      switch (f3) {
        case 0: { // c.addi4spn
          const imm = ((insn >> 7) & 0x30) | ((insn >> 1) & 0x3c0) | ((insn >> 4) & 4) | ((insn >> 2) & 8);
          if (imm == 0) break;
          return rec(OP_ADDI, rdp, 2, 0, imm, 2);
        }
        case 1: { // c.fld
          const imm = ((insn >> 7) & 0x38) | ((insn << 1) & 0xc0);
          return rec(OP_FLD, rdp, rs1p, 0, imm, 2);
        }
        case 5: { // c.fsd
          const imm = ((insn >> 7) & 0x38) | ((insn << 1) & 0xc0);
          return rec(OP_FSD, 0, rs1p, rdp, imm, 2);
        }
        case 2: { // c.lw
          const imm = ((insn >> 7) & 0x38) | ((insn >> 4) & 4) | ((insn << 1) & 0x40);
          return rec(OP_LW, rdp, rs1p, 0, imm, 2);
        }
        case 3: { // c.ld
          const imm = ((insn >> 7) & 0x38) | ((insn << 1) & 0xc0);
          return rec(OP_LD, rdp, rs1p, 0, imm, 2);
        }
        case 6: { // c.sw
          const imm = ((insn >> 7) & 0x38) | ((insn >> 4) & 4) | ((insn << 1) & 0x40);
          return rec(OP_SW, 0, rs1p, rdp, imm, 2);
        }
        case 7: { // c.sd
          const imm = ((insn >> 7) & 0x38) | ((insn << 1) & 0xc0);
          return rec(OP_SD, 0, rs1p, rdp, imm, 2);
        }
      }
      break; // 4 is reserved
    }
    case 1: {
      switch (f3) {
        case 0: return alu(OP_ADDI, rd, rd, 0, immCI, 2); // c.addi (c.nop when rd = 0)
        case 1: { // c.addiw
          if (rd == 0) break;
          return rec(OP_ADDIW, rd, rd, 0, immCI, 2);
        }
        case 2: return alu(OP_ADDI, rd, 0, 0, immCI, 2); // c.li
        case 3: {
          if (rd == 2) { // c.addi16sp
            const imm = ((<i32>(insn << 19) >> 31) << 9) | <i32>(((insn >> 2) & 0x10) |
              ((insn << 1) & 0x40) | ((insn << 4) & 0x180) | ((insn << 3) & 0x20));
            if (imm == 0) break;
            return rec(OP_ADDI, 2, 2, 0, imm, 2);
          }
          if (immCI == 0) break; // c.lui with nzimm = 0 is reserved
          return alu(OP_LUI, rd, 0, 0, immCI << 12, 2);
        }
        case 4: {
          const f2 = (insn >> 10) & 3;
          const shamt = ((insn >> 7) & 0x20) | ((insn >> 2) & 31);
          if (f2 == 0) return rec(OP_SRLI, rs1p, rs1p, 0, shamt, 2);
          if (f2 == 1) return rec(OP_SRAI, rs1p, rs1p, 0, shamt, 2);
          if (f2 == 2) return rec(OP_ANDI, rs1p, rs1p, 0, immCI, 2);
          const f = (insn >> 5) & 3;
          if ((insn & 0x1000) == 0) {
            const op = f == 0 ? OP_SUB : f == 1 ? OP_XOR : f == 2 ? OP_OR : OP_AND;
            return rec(op, rs1p, rs1p, rdp, 0, 2);
          }
          if (f == 0) return rec(OP_SUBW, rs1p, rs1p, rdp, 0, 2);
          if (f == 1) return rec(OP_ADDW, rs1p, rs1p, rdp, 0, 2);
          break;
        }
        case 5: { // c.j
          const imm = ((<i32>(insn << 19) >> 31) << 11) | <i32>(((insn >> 7) & 0x10) |
            ((insn >> 1) & 0x300) | ((insn << 2) & 0x400) | ((insn >> 1) & 0x40) |
            ((insn << 1) & 0x80) | ((insn >> 2) & 0xe) | ((insn << 3) & 0x20));
          return rec(OP_J, 0, 0, 0, imm, 2);
        }
        default: { // c.beqz (6), c.bnez (7)
          const imm = ((<i32>(insn << 19) >> 31) << 8) | <i32>(((insn >> 7) & 0x18) |
            ((insn << 1) & 0xc0) | ((insn >> 2) & 6) | ((insn << 3) & 0x20));
          return rec(f3 == 6 ? OP_BEQ : OP_BNE, 0, rs1p, 0, imm, 2);
        }
      }
      break;
    }
    case 2: {
      switch (f3) {
        case 0: { // c.slli
          const shamt = ((insn >> 7) & 0x20) | rs2;
          return alu(OP_SLLI, rd, rd, 0, shamt, 2);
        }
        case 1: { // c.fldsp (any f register, f0 included)
          const imm = ((insn >> 7) & 0x20) | ((insn >> 2) & 0x18) | ((insn << 4) & 0x1c0);
          return rec(OP_FLD, rd, 2, 0, imm, 2);
        }
        case 5: { // c.fsdsp
          const imm = ((insn >> 7) & 0x38) | ((insn >> 1) & 0x1c0);
          return rec(OP_FSD, 0, 2, rs2, imm, 2);
        }
        case 2: { // c.lwsp
          if (rd == 0) break;
          const imm = ((insn >> 7) & 0x20) | ((insn >> 2) & 0x1c) | ((insn << 4) & 0xc0);
          return rec(OP_LW, rd, 2, 0, imm, 2);
        }
        case 3: { // c.ldsp
          if (rd == 0) break;
          const imm = ((insn >> 7) & 0x20) | ((insn >> 2) & 0x18) | ((insn << 4) & 0x1c0);
          return rec(OP_LD, rd, 2, 0, imm, 2);
        }
        case 4: {
          if ((insn & 0x1000) == 0) {
            if (rs2 == 0) { // c.jr
              if (rd == 0) break;
              return rec(OP_JR, 0, rd, 0, 0, 2);
            }
            return alu(OP_ADD, rd, 0, rs2, 0, 2); // c.mv
          }
          if (rs2 == 0) {
            if (rd == 0) return rec(OP_EBREAK, 0, 0, 0, 0, 2); // c.ebreak
            return rec(OP_JALR, 1, rd, 0, 0, 2); // c.jalr
          }
          return alu(OP_ADD, rd, rd, rs2, 0, 2); // c.add
        }
        case 6: { // c.swsp
          const imm = ((insn >> 7) & 0x3c) | ((insn >> 1) & 0xc0);
          return rec(OP_SW, 0, 2, rs2, imm, 2);
        }
        case 7: { // c.sdsp
          const imm = ((insn >> 7) & 0x38) | ((insn >> 1) & 0x1c0);
          return rec(OP_SD, 0, 2, rs2, imm, 2);
        }
      }
      break;
    }
  }
  return illegal(insn, 2);
}

// Decodes an instruction given its first 32 bits (only the low 16 are used when compressed).
export function decode(insn: u32): u64 {
  if ((insn & 3) != 3) return decode16(insn & 0xffff);
  // 48-bit and longer encodings (bits 4:2 = 111) are not supported: illegal, length 4.
  if ((insn & 0x1c) == 0x1c) return illegal(insn, 4);
  return decode32(insn);
}
