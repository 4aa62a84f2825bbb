// The decoder against an oracle nobody here wrote: Debian's riscv64-unknown-elf-objdump.
// Every 16-bit encoding, every funct3/funct7/rs2 combination of the majors where those fields
// pick the operation, and a seeded sample of the rest are decoded by the core and disassembled
// by objdump for rv64imafdc_zicsr_zifencei_zba_zbb_zbc_zbs. The two must agree on legal vs
// illegal, and for legal instructions on the operation and every operand.
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as OPS from '../assembly/opcodes';
import { Core } from '../src/machine/core';
import { DECODER_SEEDS, chooseSeeds } from './support/seeds';

const OP_NAMES: string[] = [];
for (const [k, v] of Object.entries(OPS)) if (k.startsWith('OP_') && k !== 'OP_COUNT') OP_NAMES[v as number] = k.slice(3).toLowerCase().replaceAll('_', '.');

interface Insn { m: string; rd?: number; rs1?: number; rs2?: number; imm?: number }
type Decoded = Insn | 'illegal' | 'nop';

const LOADS = ['lb', 'lh', 'lw', 'ld', 'lbu', 'lhu', 'lwu'];

// The core's record, in the canonical form used for comparison.
function fromRecord(r: bigint): Decoded {
  const lo = Number(r & 0xffff_ffffn);
  const imm = Number(BigInt.asIntN(32, r >> 32n));
  const op = lo & 0xff, rd = (lo >>> 11) & 31, rs1 = (lo >>> 19) & 31, rs2 = (lo >>> 27) & 31;
  const name = OP_NAMES[op];
  if (op === OPS.OP_ILLEGAL) return 'illegal';
  if (op === OPS.OP_NOP) return 'nop';
  if (op === OPS.OP_LOAD_X0) return { m: LOADS[rs2], rd: 0, rs1, imm };
  if (op === OPS.OP_J) return { m: 'jal', rd: 0, imm };
  if (op === OPS.OP_JR) return { m: 'jalr', rd: 0, rs1, imm };
  return { m: name, rd, rs1, rs2, imm };
}

// x or f register number (the record does not say which file; the op does)
const reg = (s: string) => { const m = /^[xf](\d+)$/.exec(s.trim()); if (!m) throw new Error(`not a register: ${s}`); return Number(m[1]); };
const RM: Record<string, number> = { rne: 0, rtz: 1, rdn: 2, rup: 3, rmm: 4, dyn: 7 };
const num = (s: string) => Number(s.trim().startsWith('-0x') ? -parseInt(s.trim().slice(3), 16) : s.trim());
const memOp = (s: string) => { const m = /^(-?\d+)\((x\d+)\)$/.exec(s.trim())!; return { imm: Number(m[1]), rs1: reg(m[2]) }; };
// objdump leaves out the rounding mode when it is DYN
const rmOf = (a: string[], n: number) => (a.length > n ? RM[a[n]] ?? -1 : 7);
const sx = (v: number, bits: number) => (v << (32 - bits)) >> (32 - bits);

// objdump's line (mnemonic, operands, address) in the same canonical form.
function fromObjdump(mn: string, ops: string, addr: number): Decoded {
  if (mn.startsWith('.')) return 'illegal';
  const a = ops.split(',').map((s) => s.trim()).filter((s) => s.length);
  const target = (s: string) => Number(BigInt.asIntN(64, BigInt('0x' + s.split(' ')[0])) - BigInt(addr));
  const base = mn.replace(/\.(aqrl|aq|rl)$/, '');
  if (/^(add|sub|sll|slt|sltu|xor|srl|sra|or|and|mul|mulh|mulhsu|mulhu|div|divu|rem|remu)w?$/.test(base)) {
    return { m: base, rd: reg(a[0]), rs1: reg(a[1]), rs2: reg(a[2]) };
  }
  // Zba, Zbb, Zbc, Zbs
  if (/^(add\.uw|sh[123]add(\.uw)?|andn|orn|xnor|maxu?|minu?|rolw?|rorw?|clmul[hr]?|bclr|bext|binv|bset)$/.test(base)) {
    return { m: base, rd: reg(a[0]), rs1: reg(a[1]), rs2: reg(a[2]) };
  }
  if (/^(clzw?|ctzw?|cpopw?|sext\.[bh]|zext\.h|orc\.b|rev8)$/.test(base)) return { m: base, rd: reg(a[0]), rs1: reg(a[1]) };
  if (/^(slli\.uw|roriw?|bclri|bexti|binvi|bseti)$/.test(base)) return { m: base, rd: reg(a[0]), rs1: reg(a[1]), imm: num(a[2]) };
  if (/^(addi|slti|sltiu|xori|ori|andi|addiw|slli|srli|srai|slliw|srliw|sraiw)$/.test(base)) {
    return { m: base, rd: reg(a[0]), rs1: reg(a[1]), imm: num(a[2]) };
  }
  if (base === 'lui' || base === 'auipc') return { m: base, rd: reg(a[0]), imm: sx(num(a[1]), 20) << 12 };
  if (LOADS.includes(base)) return { m: base, rd: reg(a[0]), ...memOp(a[1]) };
  if (/^s[bhwd]$/.test(base)) return { m: base, rs2: reg(a[0]), ...memOp(a[1]) };
  if (/^b(eq|ne|lt|ge|ltu|geu)$/.test(base)) return { m: base, rs1: reg(a[0]), rs2: reg(a[1]), imm: target(a[2]) };
  if (base === 'jal') return { m: 'jal', rd: reg(a[0]), imm: target(a[1]) };
  if (base === 'jalr') return { m: 'jalr', rd: reg(a[0]), ...memOp(a[1]) };
  if (/^csrr[wsc]i?$/.test(base)) return { m: base, rd: reg(a[0]), rs1: base.endsWith('i') ? num(a[2]) : reg(a[2]) };
  if (/^lr\.[wd]$/.test(base)) return { m: base, rd: reg(a[0]), rs1: reg(a[1].slice(1, -1)) };
  if (/^(sc|amo\w+)\.[wd]$/.test(base)) return { m: base, rd: reg(a[0]), rs2: reg(a[1]), rs1: reg(a[2].slice(1, -1)) };
  if (base === 'fence.tso') return { m: 'fence' };
  if (['fence', 'fence.i', 'ecall', 'ebreak', 'mret', 'sret', 'wfi'].includes(base)) return { m: base };
  if (base === 'sfence.vma') return { m: base, rs1: reg(a[0]), rs2: reg(a[1]) };
  // F and D
  if (/^f(add|sub|mul|div)\.[sd]$/.test(base)) return { m: base, rd: reg(a[0]), rs1: reg(a[1]), rs2: reg(a[2]), imm: rmOf(a, 3) };
  if (/^f(n?madd|n?msub)\.[sd]$/.test(base)) return { m: base, rd: reg(a[0]), rs1: reg(a[1]), rs2: reg(a[2]), imm: reg(a[3]) | (rmOf(a, 4) << 8) };
  // objdump knows the exact conversions only with rm = 0 and then prints no rounding mode
  if (['fcvt.d.s', 'fcvt.d.w', 'fcvt.d.wu'].includes(base)) return { m: base, rd: reg(a[0]), rs1: reg(a[1]), imm: 0 };
  if (/^fsqrt\.[sd]$|^fcvt\./.test(base)) return { m: base, rd: reg(a[0]), rs1: reg(a[1]), imm: rmOf(a, 2) };
  if (/^f(sgnjn?|sgnjx|min|max|eq|lt|le)\.[sd]$/.test(base)) return { m: base, rd: reg(a[0]), rs1: reg(a[1]), rs2: reg(a[2]) };
  if (/^(fmv\.|fclass\.)/.test(base)) return { m: base, rd: reg(a[0]), rs1: reg(a[1]) };
  if (base === 'flw' || base === 'fld') return { m: base, rd: reg(a[0]), ...memOp(a[1]) };
  if (base === 'fsw' || base === 'fsd') return { m: base, rs2: reg(a[0]), ...memOp(a[1]) };
  // RVC: each form expands to its base instruction (unprivileged spec, table 16.x).
  const rd = a.length ? a[0] : '';
  switch (mn) {
    case 'c.nop': return 'nop';
    case 'c.unimp': return 'illegal'; // the all-zero halfword is defined to be illegal
    case 'dret': return 'illegal'; // only legal in Debug Mode, which the hart does not have
    case 'uret': return 'illegal'; // the N extension was withdrawn; the hart does not have it
    // Retired privileged instructions objdump still knows (privileged spec 1.9.1 and earlier):
    // today's hart has neither, so they are illegal.
    case 'sfence.vm': return 'illegal';
    case 'hret': return 'illegal';
    // csrrw x0, cycle, x0: a CSR instruction (illegal at execution: cycle is read-only)
    case 'unimp': return { m: 'csrrw', rd: 0, rs1: 0, imm: 0xc00 };
    case 'c.addi4spn': return { m: 'addi', rd: reg(a[0]), rs1: 2, imm: num(a[2]) };
    case 'c.lw': case 'c.ld': case 'c.fld': return { m: mn.slice(2), rd: reg(a[0]), ...memOp(a[1]) };
    case 'c.fsd': return { m: 'fsd', rs2: reg(a[0]), ...memOp(a[1]) };
    case 'c.fldsp': return { m: 'fld', rd: reg(a[0]), ...memOp(a[1]) };
    case 'c.fsdsp': return { m: 'fsd', rs2: reg(a[0]), ...memOp(a[1]) };
    case 'c.sw': case 'c.sd': return { m: mn.slice(2), rs2: reg(a[0]), ...memOp(a[1]) };
    case 'c.lwsp': case 'c.ldsp': return { m: mn.slice(2, 4), rd: reg(a[0]), ...memOp(a[1]) };
    case 'c.swsp': case 'c.sdsp': return { m: mn.slice(2, 4), rs2: reg(a[0]), ...memOp(a[1]) };
    case 'c.addi': return reg(rd) === 0 ? 'nop' : { m: 'addi', rd: reg(rd), rs1: reg(rd), imm: num(a[1]) };
    case 'c.addiw': return { m: 'addiw', rd: reg(rd), rs1: reg(rd), imm: num(a[1]) };
    case 'c.li': return reg(rd) === 0 ? 'nop' : { m: 'addi', rd: reg(rd), rs1: 0, imm: num(a[1]) };
    case 'c.addi16sp': return { m: 'addi', rd: 2, rs1: 2, imm: num(a[1]) };
    case 'c.lui': return reg(rd) === 0 ? 'nop' : { m: 'lui', rd: reg(rd), imm: sx(num(a[1]), 20) << 12 };
    case 'c.srli': case 'c.srai': case 'c.slli': {
      const m = mn.slice(2);
      return m === 'slli' && reg(rd) === 0 ? 'nop' : { m, rd: reg(rd), rs1: reg(rd), imm: num(a[1]) };
    }
    case 'c.srli64': case 'c.srai64': case 'c.slli64': {
      const m = mn.slice(2, 6);
      return m === 'slli' && reg(rd) === 0 ? 'nop' : { m, rd: reg(rd), rs1: reg(rd), imm: 0 };
    }
    case 'c.andi': return { m: 'andi', rd: reg(rd), rs1: reg(rd), imm: num(a[1]) };
    case 'c.sub': case 'c.xor': case 'c.or': case 'c.and': case 'c.subw': case 'c.addw':
      return { m: mn.slice(2), rd: reg(rd), rs1: reg(rd), rs2: reg(a[1]) };
    case 'c.j': return { m: 'jal', rd: 0, imm: target(a[0]) };
    case 'c.beqz': case 'c.bnez': return { m: mn === 'c.beqz' ? 'beq' : 'bne', rs1: reg(a[0]), rs2: 0, imm: target(a[1]) };
    case 'c.jr': return { m: 'jalr', rd: 0, rs1: reg(a[0]), imm: 0 };
    case 'c.jalr': return { m: 'jalr', rd: 1, rs1: reg(a[0]), imm: 0 };
    case 'c.mv': return reg(rd) === 0 ? 'nop' : { m: 'add', rd: reg(rd), rs1: 0, rs2: reg(a[1]) };
    case 'c.add': return reg(rd) === 0 ? 'nop' : { m: 'add', rd: reg(rd), rs1: reg(rd), rs2: reg(a[1]) };
    case 'c.ebreak': return { m: 'ebreak' };
  }
  throw new Error(`objdump printed an instruction this test does not know: ${mn} ${ops}`);
}

// A NOP record stands for any instruction whose only effect is writing x0.
function agree(core: Decoded, ref: Decoded): boolean {
  if (core === 'illegal' || ref === 'illegal') return core === ref;
  if (core === 'nop') return ref === 'nop' || (typeof ref === 'object' && ref.rd === 0);
  if (ref === 'nop') return false;
  if (core.m !== ref.m) return false;
  for (const k of ['rd', 'rs1', 'rs2', 'imm'] as const) if (ref[k] !== undefined && core[k] !== ref[k]) return false;
  return true;
}

// Encodings where the specification and objdump part ways; the core follows the spec.
function specException(word: number): string | null {
  // FENCE: "base implementations shall ignore" its reserved rs1/rd/fm fields (spec 2.7);
  // objdump refuses to print such a fence. QEMU also executes them as fences.
  if ((word & 0x707f) === 0x000f) return 'fence with reserved fields';
  // FENCE.I: the imm, rs1 and rd fields are reserved and ignored (Zifencei chapter).
  if ((word & 0x707f) === 0x100f) return 'fence.i with reserved fields';
  // fcvt.d.s, fcvt.d.w and fcvt.d.wu are exact, yet their rm field is an ordinary rounding-mode
  // field (spec 12.5, and QEMU accepts any valid mode); objdump only knows them with rm = 0.
  const f7rs2 = word >>> 20;
  if ((word & 0x7f) === 0x53 && [0x420, 0xd20, 0xd21].includes(f7rs2) && ((word >>> 12) & 7) !== 5 && ((word >>> 12) & 7) !== 6) return 'exact fcvt with a rounding mode';
  return null;
}

// Encodings objdump prints but the spec reserves (QEMU raises illegal-instruction too).
function reservedBySpec(word: number): string | null {
  if (word === 0x6101) return 'c.addi16sp with nzimm = 0 is reserved';
  // rounding modes 5 and 6 are reserved (spec 11.2); objdump prints them as "unknown"
  const major = word & 0x7f, rm = (word >>> 12) & 7;
  if ((major === 0x53 || major === 0x43 || major === 0x47 || major === 0x4b || major === 0x4f) && (rm === 5 || rm === 6)) return 'reserved rounding mode';
  return null;
}

// Major opcodes whose funct3/funct7/rs2 fields select the operation (rs2 does for the Zbb
// unary ops, OP-FP conversions and SYSTEM's funct12): every combination of the three is
// generated. The other majors only have funct3 (and funct7 as immediate bits): sampled.
const SWEPT_MAJORS = [0x13, 0x1b, 0x33, 0x3b, 0x53, 0x73, 0x2f];

function* words(seed: number): Generator<number> {
  for (let w = 0; w < 0x10000; w++) if ((w & 3) !== 3) yield w; // every compressed encoding
  let s = seed >>> 0 || 1;
  const rnd = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
  for (const low of SWEPT_MAJORS) {
    for (let f3 = 0; f3 < 8; f3++) for (let f7 = 0; f7 < 128; f7++) for (let rs2 = 0; rs2 < 32; rs2++) {
      yield ((f7 << 25) | (rs2 << 20) | (rnd() & 0xf8f80) | (f3 << 12) | low) >>> 0;
    }
  }
  for (let major = 0; major < 32; major++) {
    if ((major & 7) === 7) continue; // 48-bit and longer encodings
    const low = (major << 2) | 3;
    if (SWEPT_MAJORS.includes(low)) continue;
    for (let i = 0; i < 2500; i++) yield ((rnd() & ~0x7f) | low) >>> 0;
    for (let f3 = 0; f3 < 8; f3++) for (let f7 = 0; f7 < 128; f7 += 4) yield (((f7 << 25) | (rnd() & 0x1ff_8f80) | (f3 << 12) | low) >>> 0);
  }
  // SYSTEM with funct3 = 0: every funct12 with rd and rs1 zero (the privileged instructions)
  for (let f12 = 0; f12 < 4096; f12++) yield ((f12 << 20) | 0x73) >>> 0;
}

const SEEDS = chooseSeeds({ name: 'decoder', env: 'RVISOR_DECODER_SEED', list: DECODER_SEEDS });

describe('decoder agrees with riscv64-unknown-elf-objdump', () => {
  let core: Core;
  beforeAll(async () => {
    core = await Core.create(readFileSync(new URL('../build/core.wasm', import.meta.url)), () => 0);
  });

  it.each(SEEDS)('on all 16-bit and ~300k 32-bit encodings (seed %i)', (seed) => {
    console.log(`[decoder] seed ${seed} (replay with RVISOR_DECODER_SEED=${seed})`);
    const list = [...words(seed)];
    const dir = mkdtempSync(join(tmpdir(), 'rvisor-decoder-'));
    writeFileSync(join(dir, 'w.s'), list.map((w) => `.insn 0x${w.toString(16)}`).join('\n') + '\n');
    execFileSync('riscv64-unknown-elf-as', ['-march=rv64imafdc_zicsr_zifencei_zba_zbb_zbc_zbs', '-o', join(dir, 'w.o'), join(dir, 'w.s')]);
    const dump = execFileSync('riscv64-unknown-elf-objdump', ['-d', '-M', 'no-aliases,numeric', join(dir, 'w.o')], { maxBuffer: 1 << 28 }).toString();
    const lines = dump.split('\n').filter((l) => /^\s+[0-9a-f]+:\t/.test(l));
    expect(lines.length).toBe(list.length);
    const mismatches: string[] = [];
    let exceptions = 0;
    lines.forEach((line, i) => {
      const [addrField, , mn = '', ops = ''] = line.split('\t');
      const addr = parseInt(addrField, 16);
      const word = list[i];
      const mine = fromRecord(core.exports.decodeWord(word));
      const ref = fromObjdump(mn.trim(), ops.replace(/#.*/, ''), addr);
      if (agree(mine, ref)) return;
      if (ref === 'illegal' && specException(word)) { exceptions++; return; }
      if (mine === 'illegal' && reservedBySpec(word)) return;
      mismatches.push(`0x${word.toString(16).padStart(8, '0')}: core ${JSON.stringify(mine)}, objdump ${mn.trim()} ${ops.trim()}`);
    });
    expect(mismatches.slice(0, 20), `${mismatches.length} mismatches (seed ${seed})`).toEqual([]);
    expect(exceptions).toBeGreaterThan(0); // the random sample does hit the documented cases
  });
});
