// Seeded random RV64IMAFDC + Zicsr + Zifencei program generator for the differential test
// against QEMU (test/diff-qemu.test.ts). The seed fully determines the program: the same seed
// and options always give the same assembly text.
//
// Program layout (M-mode, bare metal, QEMU virt memory map, linked at 0x8000_0000):
//   _start     jumps over the data page
//   data       the 4 KiB scratch page (seeded contents), initial x and f registers and fcsr,
//              parameters, strings
//   prologue   prints "RVDIFF 2", sets sp = scratch page + 2048, the record pointer, mtvec and
//              seeded values in the test CSRs, turns FP on (mstatus.FS = Initial), loads
//              f0..f31 and fcsr (valid frm) and x1..x31, then checkpoint 0 (initial state)
//   fixed code checkpoint routine, output helpers, trap handler, epilogue
//   block 0..  16-32 random "items" each (an item is one instruction, or a few that belong
//              together, e.g. `addi t0, sp, 40; amoadd.d a0, a1, (t0)`), then a checkpoint
//   epilogue   prints the record count, the final record, the test CSRs and the scratch
//              memory, then "END", and exits via the test device (0x5555)
// Everything before blk_0 has the same addresses in every variant of a seed.
//
// A checkpoint is `auipc gp, ..; jalr gp, ..(gp); .4byte id`: __ckpt stores x1..x31 (but gp),
// f0..f31 (fsd), fcsr, the id and optionally (runtime flag) a hash of the scratch memory into a
// record of RECORD_WORDS words at RECORD_BASE + RECORD_SIZE * index, prints the record's 32-bit
// hash over the UART (or, from the record index `fullFrom` on, the whole record on an "R"
// line), reloads the x registers and returns past the id. Record k (k >= 1) is the state after
// block k-1. Printing while running means a guest that dies half-way still shows how far it got.
//
// F and D (a share `fpShare` of the items, see FP_WEIGHTS): every F/D instruction with static
// rounding modes 0..4 and dyn, the exact fcvt.d.s/d.w/d.wu through .insn for rm != 0, FP loads
// and stores (also c.fld/c.fsd/c.fldsp/c.fsdsp), fmv between the files, values from pools of
// interesting bit patterns (fp32Pattern, fp64Pattern, NaN-boxed and improperly boxed singles),
// fflags/frm/fcsr traffic. Invariants the items keep between them: frm holds 0..4 (only inside
// `fp.badfrm` is it 5..7, with static rounding only), and mstatus.FS is Dirty (see FS_DIRTY).
//
// Registers the random code never writes: x0, sp (x2: constant scratch base + 2048, moved
// only inside an item by c.addi16sp pairs), gp (x3: link register of the checkpoint calls,
// never read by random code either). Random accesses stay inside the scratch page, above its
// first 64 bytes, which belong to the harness (x5 spill, record pointer, flags).
//
// Hot programs (GenOptions.hot, test/diff-qemu-hot.test.ts) make every block a loop run
// `iterations` times, counted down in tp (which random code then never writes), so that the
// JIT compiles them: a different mix of items (HOT_KIND_WEIGHTS), accesses that fault (the
// `fault` item; a trap handler logs the trap at TRAP_LOG in the scratch page and goes on after
// the access, instead of ending the program), the handler, the checkpoint routine and the
// blocks on pages of their own, and a checkpoint id word the JIT can decode through (hotIdWord).
// A traced hot block records every item of every iteration.
//
// Branches and jumps only go forward, to the start of an item at most 4 items ahead in the same
// block (or to the block end), so every program terminates. The generator computes, per block,
// the fewest instructions any path executes, so a program guarantees a lower bound of executed
// random instructions.

// ---------------------------------------------------------------------------------------------
// Memory layout

export const RAM_BASE = 0x8000_0000;
/** Checkpoint records (256 bytes each) live here; QEMU puts the device tree at 0x87e0_0000. */
export const RECORD_BASE = 0x8400_0000;
export const RECORD_LIMIT = 0x8700_0000;
/** Bytes from one record to the next (a power of two: the record index is a shift away). */
export const RECORD_SIZE = 1024;
export const RECORD_SHIFT = 10;
/**
 * Words of a record that are stored, hashed and printed: 0 id, 1..31 x1..x31 (2 = sp, 3 = the
 * memory hash in place of gp), 32..63 f0..f31 (raw 64 bits), 64 fcsr.
 */
export const RECORD_WORDS = 65;
export const FREG_WORD = 32;
export const FCSR_WORD = 64;
export const SCRATCH_SIZE = 4096;
/** Bytes at the start of the scratch page that belong to the harness (never random-accessed). */
export const SCRATCH_RESERVED = 64;
export const UART_THR = 0x1000_0000;
export const TEST_DEVICE = 0x10_0000;

// ---------------------------------------------------------------------------------------------
// PRNG: xoshiro128** seeded through splitmix32. Everything random comes from here.

export class Rng {
  private s = new Uint32Array(4);
  constructor(seed: number) {
    let x = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      // splitmix32
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
    if ((this.s[0] | this.s[1] | this.s[2] | this.s[3]) === 0) this.s[0] = 1;
  }
  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    const s = this.s;
    const r = Math.imul(rotl32(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl32(s[3], 11);
    return r;
  }
  /** Uniform float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.next() * a.length)];
  }
  /** Pick by weight from [value, weight] pairs. */
  weighted<T>(a: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of a) total += w;
    let r = this.next() * total;
    for (const [v, w] of a) {
      r -= w;
      if (r < 0) return v;
    }
    return a[a.length - 1][0];
  }
  /** Uniform 64-bit value as a signed BigInt. */
  u64(): bigint {
    return BigInt.asIntN(64, (BigInt(this.u32()) << 32n) | BigInt(this.u32()));
  }
}

function rotl32(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Derive the seed of program `index` of a run from the run seed. */
export function programSeed(runSeed: number, index: number): number {
  const r = new Rng((runSeed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  r.u32();
  return r.u32();
}

// ---------------------------------------------------------------------------------------------
// Registers

const ABI = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
] as const;
export const regName = (r: number): string => ABI[r];
/** Registers the random code may write. */
const POOL: readonly number[] = [1, ...Array.from({ length: 28 }, (_, i) => i + 4)];
/** The pool of hot programs: without tp (x4), their loop counter. */
const HOT_POOL: readonly number[] = POOL.filter((r) => r !== 4);
/** x8..x15, the registers compressed instructions can name with 3 bits. */
const CPOOL: readonly number[] = [8, 9, 10, 11, 12, 13, 14, 15];

export const FABI = [
  'ft0', 'ft1', 'ft2', 'ft3', 'ft4', 'ft5', 'ft6', 'ft7', 'fs0', 'fs1', 'fa0', 'fa1', 'fa2', 'fa3', 'fa4', 'fa5',
  'fa6', 'fa7', 'fs2', 'fs3', 'fs4', 'fs5', 'fs6', 'fs7', 'fs8', 'fs9', 'fs10', 'fs11', 'ft8', 'ft9', 'ft10', 'ft11',
] as const;
export const fregName = (r: number): string => FABI[r];

// ---------------------------------------------------------------------------------------------
// Values

const M64 = (1n << 64n) - 1n;
const s64 = (v: bigint): bigint => BigInt.asIntN(64, v);
const hex = (v: bigint): string => '0x' + BigInt.asUintN(64, v).toString(16);

/** Values that matter for mul/div/shift/slt edge cases. */
const EDGE64: readonly bigint[] = [
  0n, 1n, -1n, 2n, -2n, 3n, 7n, 31n, 32n, 33n, 63n, 64n, 0x7fffn, 0x8000n, 0xffffn,
  0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, -0x80000000n, -0x7fffffffn,
  0x7fffffffffffffffn, -0x8000000000000000n, -0x7fffffffffffffffn, 0x8000000000000000n - 2n,
  0x00000000ffff0000n, 0x5555555555555555n, -0x5555555555555556n, 0x0123456789abcdefn,
  0x8000000080000000n, 0x7fffffff80000000n, 0xffffffff7fffffffn, 0x80000001n, -0x80000001n,
];

function randValue(rng: Rng): bigint {
  switch (rng.int(0, 7)) {
    case 0:
    case 1:
      return s64(rng.pick(EDGE64));
    case 2:
      return BigInt(rng.int(-100, 100));
    case 3:
      return BigInt(rng.u32() | 0); // sign-extended 32-bit
    case 4:
      return BigInt(rng.u32()); // zero-extended 32-bit
    case 5: {
      // edge value with a few bits flipped
      let v = s64(rng.pick(EDGE64));
      for (let i = rng.int(1, 3); i > 0; i--) v ^= 1n << BigInt(rng.int(0, 63));
      return s64(v);
    }
    default:
      return rng.u64();
  }
}

// ---------------------------------------------------------------------------------------------
// Floating-point values

/** Single-precision bit patterns that matter: zeros, subnormals, normal limits, ±1 and its
 *  neighbours, infinities, quiet and signalling NaNs with payloads, halves (ties in fcvt),
 *  the integer conversion limits (2^31, 2^32, 2^63, 2^64 and their neighbours), 2^24. */
const SP_SPECIAL: readonly number[] = [
  0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x007fffff, 0x807fffff, 0x00400000, 0x00800000, 0x80800000,
  0x3f800000, 0xbf800000, 0x3f800001, 0x3f7fffff, 0xbf800001, 0x7f7fffff, 0xff7fffff, 0x7f7ffffe,
  0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fc00123, 0xffd55555, 0x7f800001, 0xff800001, 0x7fa00000,
  0x7fbfffff, 0xffa0beef, 0x3f000000, 0xbf000000, 0x3fc00000, 0xbfc00000, 0x40200000, 0xc0600000, 0x40000000,
  0x40400000, 0x4f000000, 0xcf000000, 0x4effffff, 0xceffffff, 0xcf000001, 0x4f800000, 0x4f7fffff, 0x5f000000,
  0xdf000000, 0x5effffff, 0xdf000001, 0x5f800000, 0x5f7fffff, 0x4b800000, 0x4b7fffff, 0x4b800001, 0xcb800001,
  0x3dcccccd, 0x3eaaaaab, 0x34000000, 0x00800001, 0x0c800000, 0x72800000, 0xbe800000,
];
/** The same for double precision, plus values around the single-precision limits (fcvt.s.d). */
const DP_SPECIAL: readonly bigint[] = [
  0x0000000000000000n, 0x8000000000000000n, 0x0000000000000001n, 0x8000000000000001n, 0x000fffffffffffffn,
  0x800fffffffffffffn, 0x0008000000000000n, 0x0010000000000000n, 0x8010000000000000n, 0x3ff0000000000000n,
  0xbff0000000000000n, 0x3ff0000000000001n, 0x3fefffffffffffffn, 0xbff0000000000001n, 0x7fefffffffffffffn,
  0xffefffffffffffffn, 0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n, 0xfff8000000000000n,
  0x7ff800000000beefn, 0xfffaaaaaaaaaaaaan, 0x7ff0000000000001n, 0xfff0000000000001n, 0x7ff4000000000000n,
  0x7ff7ffffffffffffn, 0xfff0000000000abcn, 0x3fe0000000000000n, 0xbfe0000000000000n, 0x3ff8000000000000n,
  0xbff8000000000000n, 0x4004000000000000n, 0xc00c000000000000n, 0x4000000000000000n, 0x4008000000000000n,
  0x41e0000000000000n, 0xc1e0000000000000n, 0x41dfffffffc00000n, 0x41dfffffffe00000n, 0x41dffffffff00000n,
  0xc1e0000000200000n, 0xc1e0000000100000n, 0x41f0000000000000n, 0x41efffffffe00000n, 0x41effffffff00000n,
  0x43e0000000000000n, 0xc3e0000000000000n, 0x43dfffffffffffffn, 0xc3e0000000000001n, 0x43f0000000000000n,
  0x43efffffffffffffn, 0x4340000000000000n, 0x433fffffffffffffn, 0x4340000000000001n, 0x3fb999999999999an,
  0x3fd5555555555555n, 0x47efffffe0000000n, 0x47effffff0000000n, 0x47efffffefffffffn, 0x47f0000000000000n,
  0x3810000000000000n, 0x380fffffffffffffn, 0x36a0000000000000n, 0x3690000000000000n, 0x3690000000000001n,
  0x36b8000000000000n, 0xb80fffffe0000000n, 0x3cb0000000000000n, 0x0000000080000000n,
];

const f32Buf = new DataView(new ArrayBuffer(8));
const f32bits = (x: number): number => {
  f32Buf.setFloat32(0, x);
  return f32Buf.getUint32(0);
};
const f64bits = (x: number): bigint => {
  f32Buf.setFloat64(0, x);
  return f32Buf.getBigUint64(0);
};

/** A single-precision bit pattern (32 bits, unsigned). */
export function fp32Pattern(rng: Rng): number {
  switch (rng.int(0, 11)) {
    case 0:
    case 1:
    case 2:
      return rng.pick(SP_SPECIAL);
    case 3: // a neighbour of a special value
      return (rng.pick(SP_SPECIAL) ^ (1 << rng.int(0, rng.chance(0.5) ? 2 : 22))) >>> 0;
    case 4: // a small exact value: k / 2^j
      return f32bits(rng.int(-64, 64) / 2 ** rng.int(0, 4));
    case 5:
    case 6:
    case 7: {
      // moderate exponent, random mantissa (half of them with few significant bits: exact sums)
      const e = 127 + rng.int(-40, 40);
      let m = rng.u32() & 0x7fffff;
      if (rng.chance(0.5)) m &= ~((1 << rng.int(8, 22)) - 1);
      return ((rng.chance(0.5) ? 0x80000000 : 0) | (e << 23) | m) >>> 0;
    }
    case 8: {
      // exponent at the subnormal or the overflow end
      const e = rng.chance(0.5) ? rng.int(0, 3) : rng.int(250, 254);
      return ((rng.chance(0.5) ? 0x80000000 : 0) | (e << 23) | (rng.u32() & 0x7fffff)) >>> 0;
    }
    case 9: // an integer-like value (conversion limits)
      return f32bits(Number(s64(rng.pick(EDGE64)) + BigInt(rng.int(-2, 2))));
    default:
      return rng.u32();
  }
}

/** A double-precision bit pattern (64 bits, unsigned). */
export function fp64Pattern(rng: Rng): bigint {
  switch (rng.int(0, 12)) {
    case 0:
    case 1:
    case 2:
      return rng.pick(DP_SPECIAL);
    case 3:
      return rng.pick(DP_SPECIAL) ^ (1n << BigInt(rng.int(0, rng.chance(0.5) ? 2 : 51)));
    case 4:
      return f64bits(rng.int(-64, 64) / 2 ** rng.int(0, 4));
    case 5:
    case 6:
    case 7: {
      const e = BigInt(1023 + rng.int(-70, 70));
      let m = BigInt.asUintN(52, rng.u64());
      if (rng.chance(0.5)) m &= ~((1n << BigInt(rng.int(20, 51))) - 1n);
      return (rng.chance(0.5) ? 1n << 63n : 0n) | (e << 52n) | m;
    }
    case 8: {
      const e = BigInt(rng.chance(0.5) ? rng.int(0, 3) : rng.int(2042, 2046));
      return (rng.chance(0.5) ? 1n << 63n : 0n) | (e << 52n) | BigInt.asUintN(52, rng.u64());
    }
    case 9: {
      // a single-precision value as a double: exact, a tie between two singles, or in between
      // (fcvt.s.d rounding, also in the single subnormal and overflow ranges)
      f32Buf.setUint32(0, fp32Pattern(rng));
      let d = f64bits(f32Buf.getFloat32(0));
      if ((d & 0x7ff0000000000000n) !== 0x7ff0000000000000n) {
        const r = rng.int(0, 2);
        if (r === 1) d += 1n << 28n;
        else if (r === 2) d += BigInt(rng.u32() & 0x1fffffff);
      }
      return d;
    }
    case 10:
      return f64bits(Number(s64(rng.pick(EDGE64))) + rng.pick([0, 0, 0.5, -0.5, 1, -1, 0.25, 1.5]));
    default:
      return BigInt.asUintN(64, rng.u64());
  }
}

const BOX = 0xffffffff00000000n;
/** A single-precision value in a 64-bit f register: NaN-boxed, or (15 %) improperly boxed. */
export function boxedSingle(rng: Rng, bits = fp32Pattern(rng)): bigint {
  if (!rng.chance(0.15)) return BOX | BigInt(bits);
  const upper = rng.pick([0n, 0xfffffffen, 0x7fffffffn, 0xffff7fffn, 0x00000001n, BigInt(rng.u32())]);
  return (upper << 32n) | BigInt(bits);
}

function imm12(rng: Rng): number {
  const r = rng.next();
  if (r < 0.25) return rng.pick([0, 1, -1, 2047, -2048, 2, -2, 0x7ff, 0x400, -0x400, 31, 32, 63, 64]);
  if (r < 0.55) return rng.int(-32, 31);
  return rng.int(-2048, 2047);
}
function shamt(rng: Rng, max: number): number {
  return rng.chance(0.3) ? rng.pick([0, 1, max >> 1, (max >> 1) + 1, max - 1, max].filter((x) => x <= max)) : rng.int(0, max);
}
const sext12 = (v: bigint): bigint => BigInt.asIntN(12, v);

/** Materialise a 64-bit constant: the same kind of sequence `li` gives, counted exactly. */
export function liSeq(rd: string, v: bigint): string[] {
  v = s64(v);
  if (v >= -2048n && v <= 2047n) return [`addi ${rd}, zero, ${v}`];
  if (v >= -(1n << 31n) && v < 1n << 31n) {
    const lo = sext12(v);
    const hi = ((v - lo) >> 12n) & 0xfffffn;
    const out = [`lui ${rd}, 0x${hi.toString(16)}`];
    if (lo !== 0n) out.push(`addiw ${rd}, ${rd}, ${lo}`);
    return out;
  }
  const lo = sext12(v);
  let hi = (v - lo) >> 12n;
  let shift = 12;
  while ((hi & 1n) === 0n) {
    hi >>= 1n;
    shift++;
  }
  const out = liSeq(rd, hi);
  out.push(`slli ${rd}, ${rd}, ${shift}`);
  if (lo !== 0n) out.push(`addi ${rd}, ${rd}, ${lo}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// CSRs. Only state that is deterministic in both emulators and whose written values are legal
// (WARL/WLRL fields get values every implementation must keep the same way).
//
// What Debian's QEMU 7.2 (-machine virt, default rv64 CPU) does that these masks steer around
// (probed with small guests):
//   - mepc/sepc keep bit 0 as written (the spec says it reads as 0).
//   - mtvec/stvec: a write with MODE >= 2 is ignored entirely (BASE too); all 62 BASE bits stick.
//   - mstatus.MPP keeps the reserved value 2; mstatus/sstatus.UXL take any nonzero value written
//     (1 and 3 included; writing 0 leaves it alone); VS (0x600) is writable though misa has no
//     V; MPV/GVA are writable (the CPU has H).
//   - The CPU has H and Sscofpmf: mideleg reads the VS bits 0x1444 as 1 and writes 0x2222; mie
//     writes 0x3eee; medeleg writes 0xf0bfff, bit 11 (ecall from M) included.
//   - mcounteren/scounteren/mcountinhibit/pmpaddr* store all 64 bits.
//   - satp: Sv39, Sv48 and Sv57 are accepted, ASID is 16 bits, other MODEs make the write a
//     no-op; MODE=Bare stores the other fields as written.
//   - menvcfg/senvcfg have CBIE/CBCFE/CBZE (+PBMTE/STCE in menvcfg); misa = 0x80000000001411ad;
//     marchid = mimpid = 0x70216; mip.MTIP is 1 from reset (mtimecmp resets to 0); the seed CSR
//     traps; writing tdata1 aborts QEMU itself.

type CsrOp = 'rw' | 'rs' | 'rc' | 'rwi' | 'rsi' | 'rci';
export interface CsrSpec {
  name: string;
  /** Read-only CSR: only csrrs/csrrc with x0 / zero immediate. */
  readOnly?: boolean;
  /** Never read (QEMU shows state another implementation need not have). */
  writeOnly?: boolean;
  /** Any 64-bit value may be written, including straight from a random register. */
  full?: boolean;
  /** Bits that may be set/cleared/written. */
  mask?: bigint;
  /** Only csrrw with a generated value (and reads): set/clear could form illegal values. */
  rwOnly?: boolean;
  /** Custom generator for csrrw values. */
  value?: (rng: Rng) => bigint;
  /** Custom fix-up for csrrs/csrrc masks. */
  setClr?: (rng: Rng, op: 'rs' | 'rc', v: bigint) => bigint;
  /** Mask applied in the final dump. */
  dumpMask?: bigint;
  /**
   * Bits every csrrw writes as 1 and that a csrrwi (which clears them) is followed by a csrs
   * of: mstatus/sstatus.FS stays Dirty (3), so FP stays on and both emulators agree on FS (see
   * FS_DIRTY).
   */
  keep?: bigint;
}

const MSTATUS_MASK = 0x7c19a2n; // SIE SPIE MPIE SPP MPP SUM MXR TVM TW TSR (no MIE, MPRV, FS, VS, UXL)
const MPP = 0x1800n;
/**
 * mstatus.FS. The prologue sets it to Initial and then writes the f registers, which makes it
 * Dirty; random code keeps it Dirty (csrrw of mstatus/sstatus writes FS = 3, csrrs/csrrc masks
 * leave FS out, a csrrwi is followed by a csrs of FS). Only the `fp.status` item lowers it, to
 * Initial or Clean, reads it, and raises it again with an f-register or FP CSR write, which
 * makes it Dirty in every implementation. Instructions that only raise flags (QEMU 7.2 leaves
 * FS alone, rvisor and the spec make it Dirty) or only read FP state (the spec allows either)
 * never run while FS is not Dirty, so mstatus/sstatus reads and SD agree.
 */
export const FS_MASK = 0x6000n;
export const FS_DIRTY = 0x6000n;

export const CSRS: readonly CsrSpec[] = [
  { name: 'mscratch', full: true },
  { name: 'sscratch', full: true },
  { name: 'mtval', full: true },
  { name: 'stval', full: true },
  { name: 'mepc', mask: ~1n & M64 }, // QEMU 7.2 keeps bit 0 (spec: always 0): never write it
  { name: 'sepc', mask: ~1n & M64 },
  {
    name: 'mcause',
    rwOnly: true,
    value: (rng) => (rng.chance(0.3) ? (1n << 63n) | BigInt(rng.pick([1, 3, 5, 7, 9, 11])) : BigInt(rng.pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 15]))),
  },
  {
    name: 'scause',
    rwOnly: true,
    value: (rng) => (rng.chance(0.3) ? (1n << 63n) | BigInt(rng.pick([1, 5, 9])) : BigInt(rng.pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 13, 15]))),
  },
  // MODE 0 or 1 only: QEMU ignores the whole write for MODE >= 2. mtvec is restored right after.
  { name: 'mtvec', mask: ~2n & M64, value: (rng) => (rng.u64() & ~3n) | BigInt(rng.int(0, 1)) },
  { name: 'stvec', mask: ~2n & M64, value: (rng) => (rng.u64() & ~3n) | BigInt(rng.int(0, 1)) },
  { name: 'mie', mask: 0xaaan }, // SSIE MSIE STIE MTIE SEIE MEIE (QEMU also has VS*, SGEIE, LCOFIE)
  { name: 'sie', mask: 0x222n },
  { name: 'mideleg', mask: 0x222n, writeOnly: true, dumpMask: 0x222n }, // QEMU reads VS bits 0x1444 as 1
  { name: 'medeleg', mask: 0xb3ffn }, // QEMU 7.2 also lets bit 11 (ecall from M) and H bits be set
  { name: 'mcounteren', mask: 0xffffffffn }, // QEMU keeps all 64 bits
  { name: 'scounteren', mask: 0xffffffffn },
  {
    name: 'satp',
    rwOnly: true,
    // Bare with zero fields, Sv39 with any ASID/PPN, or an unsupported MODE (write ignored).
    value: (rng) => {
      const r = rng.int(0, 9);
      if (r < 2) return 0n;
      if (r < 7) return s64((8n << 60n) | (rng.u64() & ((1n << 60n) - 1n)));
      const mode = BigInt(rng.pick([1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 14, 15]));
      return s64((mode << 60n) | (rng.u64() & ((1n << 60n) - 1n)));
    },
  },
  {
    name: 'mstatus',
    mask: MSTATUS_MASK,
    value: (rng) => (rng.u64() & MSTATUS_MASK & ~MPP) | (BigInt(rng.pick([0, 1, 3])) << 11n) | FS_DIRTY,
    keep: FS_DIRTY,
    // MPP is WARL with 2 reserved; QEMU 7.2 stores 2. Never let set/clear form it.
    setClr: (rng, op, v) => (v & ~MPP) | (op === 'rs' ? rng.pick([0n, 0x800n, 0x1800n]) : rng.pick([0n, 0x1000n, 0x1800n])),
  },
  { name: 'sstatus', mask: 0xc0122n, keep: FS_DIRTY }, // SIE SPIE SPP SUM MXR
  { name: 'menvcfg', mask: 1n }, // FIOM only (QEMU also has CBIE/CBCFE/CBZE/PBMTE/STCE)
  { name: 'senvcfg', mask: 1n },
  { name: 'mhartid', readOnly: true },
  { name: 'mconfigptr', readOnly: true },
  // Sdtrig (the two triggers QEMU 7.2 offers). tdata1 only gets type 2 (QEMU 7.2 ignores types
  // 0, 3, 15 and asserts on others) with a trigger that can never fire: no U/S/M bit or no
  // load/store/execute bit (a firing trigger's mtval is 0 on QEMU, the address on rvisor), and
  // a size QEMU keeps. tselect 2 and 3 are ignored by both. tdata2 takes any value.
  { name: 'tselect', rwOnly: true, value: (rng) => BigInt(rng.int(0, 3)) },
  {
    name: 'tdata1',
    rwOnly: true,
    value: (rng) => {
      const bits = rng.chance(0.5) ? BigInt(rng.int(0, 7)) : BigInt(rng.pick([0, 8, 16, 64, 24, 72, 80, 88])); // rwx | U S M
      const size = BigInt(rng.pick([0, 1, 2, 3, 5]));
      return (2n << 60n) | bits | ((size & 3n) << 16n) | ((size >> 2n) << 21n);
    },
  },
  { name: 'tdata2', full: true },
  { name: 'tinfo', readOnly: true },
];

// ---------------------------------------------------------------------------------------------
// Items and blocks

export type Mode = 'rvc' | 'norvc';
export interface Item {
  kind: string;
  /** Assembly lines (instructions and, for checkpoints, data). */
  lines: string[];
  /** Instructions executed when the item runs to its end (or to its branch). */
  insns: number;
  /** Whether GNU as may / must use compressed encodings for this item. */
  mode: Mode;
  /** Forward branch/jump target: item index in the block (== items.length for the block end). */
  target?: number;
  /** True for jumps that always go to the target. */
  uncond?: boolean;
  /** The branch is compressed (c.beqz/c.bnez: +-256 bytes). */
  shortRange?: boolean;
}
export interface Block {
  items: Item[];
  /** Fewest / most random instructions any path through the block executes. */
  minExec: number;
  maxExec: number;
}

export interface GenOptions {
  /** Program seed (32-bit). */
  seed: number;
  /** Keep adding blocks until the guaranteed executed random instructions reach this. */
  minInsns: number;
  /** Emit a checkpoint before every item of this block and stop after it (diagnosis). */
  traceBlock?: number;
  /** Stop after this block (diagnosis). The blocks before it are the same as without. */
  stopAfter?: number;
  /** Hash the scratch memory into every checkpoint record (diagnosis; only data changes). */
  memHash?: boolean;
  /** Print full records from this record index on (default: only the last). */
  fullFrom?: number;
  /** Hot programs: print full records only below this record index (default: all from fullFrom on). */
  fullEnd?: number;
  /** Replace the instructions of one item or several (harness self-test: a deliberately wrong program). */
  perturb?: Perturbation | Perturbation[];
  /** Share of the non-branch items that are F/D items (default FP_SHARE; 0: none). */
  fpShare?: number;
  /** Loop every block (see HotOptions, HOT_KIND_WEIGHTS); a different program from the same seed. */
  hot?: HotOptions;
}

/** Default share of F/D items among the non-branch items (branches are 10 % of all items). */
export const FP_SHARE = 0.13;

export interface Perturbation {
  block: number;
  item: number;
  lines: string[];
}

export interface Program {
  seed: number;
  asm: string;
  blocks: Block[];
  /** Random instructions generated (all blocks, including ones a branch may skip). */
  generated: number;
  /** Guaranteed executed random instructions (sum of block minima, times the iterations of a hot program). */
  minExecuted: number;
  maxExecuted: number;
  /** Count of every mnemonic generated (coverage). */
  mnemonics: Map<string, number>;
  options: GenOptions;
}

/** Scratch offsets are relative to the start of the scratch page P; sp = P + 2048. */
const SP_OFF = 2048;

type Fmt = 's' | 'd';
const FREGS: readonly number[] = Array.from({ length: 32 }, (_, i) => i);
/** Instructions an item's lines execute (`lla` is auipc + addi). */
const countInsns = (lines: string[]): number => lines.reduce((n, l) => n + (l.startsWith('lla ') ? 2 : 1), 0);
const STATIC_RM = ['rne', 'rtz', 'rdn', 'rup', 'rmm'] as const;
const RM_NAMES = ['rne', 'rtz', 'rdn', 'rup', 'rmm', '5', '6', 'dyn'];
const F = fregName;
const X = regName;

/** F/D item kinds and their weights (relative to each other). */
const FP_WEIGHTS = [
  ['arith', 10],
  ['sqrt', 2],
  ['minmax', 3],
  ['sgnj', 3],
  ['fma', 6],
  ['cvtfi', 5],
  ['cvtif', 4],
  ['cvtff', 3],
  ['cmp', 4],
  ['class', 2],
  ['mvx', 3],
  ['li', 11],
  ['mem', 6],
  ['cmem', 4],
  ['csr', 5],
  ['badfrm', 0.7],
  ['status', 0.7],
] as const;
type FpKind = (typeof FP_WEIGHTS)[number][0];
/** Kinds that may follow each other inside `fp.badfrm` (frm = 5..7: static rounding only). */
const FP_STATIC_KINDS: readonly FpKind[] = ['arith', 'sqrt', 'minmax', 'sgnj', 'fma', 'cvtfi', 'cvtif', 'cvtff', 'cmp', 'class', 'mvx', 'mem'];
/** Kinds after which the accrued flags are sometimes read and cleared (one item's flags seen). */
const FP_FLAGGING: readonly FpKind[] = ['arith', 'sqrt', 'minmax', 'fma', 'cvtfi', 'cvtif', 'cvtff', 'cmp'];

class BlockGen {
  recent: number[] = [];
  /**
   * What each f register last received as far as the generator knows ('s': a boxed single or
   * an improperly boxed one meant for single operations, 'd': anything else; a branch may skip
   * the write). Sources prefer the matching format, so most operations see meaningful values.
   */
  ftype: Fmt[];
  recentF: number[] = [];
  /** Inside `fp.badfrm` frm holds 5..7: every rounding mode must be static. */
  staticOnly = false;
  /** Registers random code may write (hot programs keep tp for their loops). */
  private pool: readonly number[];
  /** Lowest scratch offset random accesses use (hot programs keep a trap log below it). */
  private scratchLo: number;
  constructor(
    private rng: Rng,
    private fpShare: number,
    ftype: Fmt[],
    private hot = false,
  ) {
    this.ftype = [...ftype];
    this.pool = hot ? HOT_POOL : POOL;
    this.scratchLo = hot ? HOT_RESERVED : SCRATCH_RESERVED;
  }

  dest(allowZero = 0.03): number {
    const r = this.rng.chance(allowZero) ? 0 : this.rng.pick(this.pool);
    if (r) {
      this.recent.push(r);
      if (this.recent.length > 8) this.recent.shift();
    }
    return r;
  }
  cdest(): number {
    const r = this.rng.pick(CPOOL);
    this.recent.push(r);
    if (this.recent.length > 8) this.recent.shift();
    return r;
  }
  src(): number {
    const rng = this.rng;
    const r = rng.next();
    if (r < 0.04) return 0;
    if (r < 0.06) return 2; // sp: constant but a legitimate operand
    if (r < 0.5 && this.recent.length) return rng.pick(this.recent);
    return rng.pick(this.pool);
  }
  csrc(): number {
    const inRecent = this.recent.filter((r) => r >= 8 && r <= 15);
    if (inRecent.length && this.rng.chance(0.5)) return this.rng.pick(inRecent);
    return this.rng.pick(CPOOL);
  }
  /** A temporary for an address or constant, distinct from `avoid`. */
  temp(avoid: number[] = [], compressed = false): number {
    for (;;) {
      const r = compressed ? this.rng.pick(CPOOL) : this.rng.pick(this.pool);
      if (!avoid.includes(r)) return r;
    }
  }

  /** A scratch offset (from P) for an access of `size` bytes. */
  addr(size: number, aligned: boolean): number {
    const rng = this.rng;
    const hot = rng.chance(0.75);
    const lo = hot ? SP_OFF - 64 : this.scratchLo;
    const hi = (hot ? SP_OFF + 512 : SCRATCH_SIZE) - size;
    let a = rng.int(lo, hi);
    if (aligned) {
      a &= ~(size - 1);
      if (a < lo) a += size;
    }
    return a;
  }
  /** `addi rt, sp, k` so that rt + off == P + a, k in 12 bits. */
  baseFor(rt: number, a: number, off: number): string {
    const k = a - off - SP_OFF;
    if (k < -2048 || k > 2047) throw new Error('baseFor out of range');
    return `addi ${regName(rt)}, sp, ${k}`;
  }
  /** An offset `off` in [lo, hi] (multiple of `mult`) such that the base stays in range. */
  offFor(a: number, lo: number, hi: number, mult: number): number {
    for (;;) {
      const off = this.rng.int(lo / mult, hi / mult) * mult;
      const k = a - off - SP_OFF;
      if (k >= -2048 && k <= 2047) return off;
    }
  }

  item(): Item {
    const rng = this.rng;
    if (this.fpShare > 0 && rng.chance(this.fpShare)) return this.fpItem();
    const kind = rng.weighted<string>(this.hot ? HOT_KIND_WEIGHTS : KIND_WEIGHTS);
    switch (kind) {
      case 'alu':
        return this.alu();
      case 'alui':
        return this.alui();
      case 'upper':
        return this.upper();
      case 'mul':
        return this.mul();
      case 'bitmanip':
        return this.bitmanip();
      case 'li':
        return this.li();
      case 'load':
        return this.load();
      case 'store':
        return this.store();
      case 'amo':
        return this.amo();
      case 'lrsc':
        return this.lrsc();
      case 'calu':
        return this.calu();
      case 'cmem':
        return this.cmem();
      case 'csr':
        return this.csr();
      case 'fence':
        return this.fence();
      case 'fault':
        return this.fault();
      default:
        throw new Error(kind);
    }
  }

  mode(): Mode {
    return this.rng.chance(0.4) ? 'rvc' : 'norvc';
  }

  alu(): Item {
    const rng = this.rng;
    const op = rng.pick(['add', 'sub', 'sll', 'slt', 'sltu', 'xor', 'srl', 'sra', 'or', 'and', 'addw', 'subw', 'sllw', 'srlw', 'sraw']);
    const a = this.src();
    const b = rng.chance(0.08) ? a : this.src();
    const d = this.dest();
    return { kind: 'alu', lines: [`${op} ${regName(d)}, ${regName(a)}, ${regName(b)}`], insns: 1, mode: this.mode() };
  }

  alui(): Item {
    const rng = this.rng;
    const op = rng.pick(['addi', 'slti', 'sltiu', 'xori', 'ori', 'andi', 'slli', 'srli', 'srai', 'addiw', 'slliw', 'srliw', 'sraiw']);
    const a = this.src();
    const d = this.dest();
    let imm: number;
    if (op === 'slli' || op === 'srli' || op === 'srai') imm = shamt(rng, 63);
    else if (op.endsWith('iw') && op !== 'addiw') imm = shamt(rng, 31);
    else imm = imm12(rng);
    return { kind: 'alui', lines: [`${op} ${regName(d)}, ${regName(a)}, ${imm}`], insns: 1, mode: this.mode() };
  }

  upper(): Item {
    const rng = this.rng;
    const op = rng.chance(0.6) ? 'lui' : 'auipc';
    const imm = rng.chance(0.3) ? rng.pick([0, 1, 0x7ffff, 0x80000, 0xfffff, 0x80001]) : rng.int(0, 0xfffff);
    const d = this.dest();
    return { kind: 'upper', lines: [`${op} ${regName(d)}, 0x${imm.toString(16)}`], insns: 1, mode: this.mode() };
  }

  mul(): Item {
    const rng = this.rng;
    const op = rng.pick(['mul', 'mulh', 'mulhsu', 'mulhu', 'div', 'divu', 'rem', 'remu', 'mulw', 'divw', 'divuw', 'remw', 'remuw']);
    const lines: string[] = [];
    const a = this.src();
    let b = this.src();
    if (rng.chance(0.3)) {
      // force an edge case: divide by zero, by -1, or the most negative dividend
      const w = op.endsWith('w');
      if (rng.chance(0.5)) {
        b = this.temp([a]);
        lines.push(...liSeq(regName(b), rng.pick([0n, -1n, 1n, w ? 0xffffffff00000000n : -1n, 2n])));
      } else if (a !== 0 && a !== 2) {
        const minv = w ? rng.pick([-0x80000000n, 0x80000000n, 0x1234567880000000n]) : -0x8000000000000000n;
        lines.push(...liSeq(regName(a), minv));
        if (rng.chance(0.6)) {
          b = this.temp([a]);
          lines.push(...liSeq(regName(b), -1n));
        }
      }
    }
    const d = this.dest();
    lines.push(`${op} ${regName(d)}, ${regName(a)}, ${regName(b)}`);
    return { kind: 'mul', lines, insns: lines.length, mode: this.mode() };
  }

  /** Zba, Zbb, Zbc, Zbs: register, unary and immediate forms. */
  bitmanip(): Item {
    const rng = this.rng;
    const a = this.src();
    const d = this.dest();
    const form = rng.int(0, 2);
    let line: string;
    if (form === 0) {
      const op = rng.pick(BITMANIP_REG);
      line = `${op} ${regName(d)}, ${regName(a)}, ${regName(rng.chance(0.08) ? a : this.src())}`;
    } else if (form === 1) {
      const op = rng.pick(BITMANIP_UNARY);
      if (op === 'ctzw') {
        // QEMU 7.2's ctzw counts on into the upper word when the lower one is zero (the spec
        // says 32; test/bitmanip.test.ts checks that case): give it a set bit in the low word.
        const t = this.temp([a]);
        const lines = [`bseti ${regName(t)}, ${regName(a)}, ${rng.int(0, 31)}`, `ctzw ${regName(d)}, ${regName(t)}`];
        return { kind: 'bitmanip', lines, insns: 2, mode: this.mode() };
      }
      line = `${op} ${regName(d)}, ${regName(a)}`;
    } else {
      const op = rng.pick(BITMANIP_IMM);
      line = `${op} ${regName(d)}, ${regName(a)}, ${shamt(rng, op === 'roriw' ? 31 : 63)}`;
    }
    return { kind: 'bitmanip', lines: [line], insns: 1, mode: this.mode() };
  }

  li(): Item {
    const d = this.dest(0);
    const lines = liSeq(regName(d), randValue(this.rng));
    return { kind: 'li', lines, insns: lines.length, mode: this.mode() };
  }

  load(): Item {
    const rng = this.rng;
    const [op, size] = rng.pick([['lb', 1], ['lh', 2], ['lw', 4], ['ld', 8], ['lbu', 1], ['lhu', 2], ['lwu', 4]] as const);
    const a = this.addr(size, rng.chance(0.7));
    const d = this.dest();
    if (rng.chance(0.35)) return { kind: 'load', lines: [`${op} ${regName(d)}, ${a - SP_OFF}(sp)`], insns: 1, mode: this.mode() };
    const rt = this.temp();
    const off = this.offFor(a, -2048, 2047, 1);
    return {
      kind: 'load',
      lines: [this.baseFor(rt, a, off), `${op} ${regName(d)}, ${off}(${regName(rt)})`],
      insns: 2,
      mode: this.mode(),
    };
  }

  store(): Item {
    const rng = this.rng;
    const [op, size] = rng.pick([['sb', 1], ['sh', 2], ['sw', 4], ['sd', 8]] as const);
    const a = this.addr(size, rng.chance(0.7));
    const v = this.src();
    if (rng.chance(0.35)) return { kind: 'store', lines: [`${op} ${regName(v)}, ${a - SP_OFF}(sp)`], insns: 1, mode: this.mode() };
    const rt = this.temp();
    const off = this.offFor(a, -2048, 2047, 1);
    return {
      kind: 'store',
      lines: [this.baseFor(rt, a, off), `${op} ${regName(v)}, ${off}(${regName(rt)})`],
      insns: 2,
      mode: this.mode(),
    };
  }

  amo(): Item {
    const rng = this.rng;
    const op = rng.pick(['amoswap', 'amoadd', 'amoxor', 'amoand', 'amoor', 'amomin', 'amomax', 'amominu', 'amomaxu']);
    const w = rng.chance(0.5) ? 'w' : 'd';
    const ord = rng.pick(['', '', '.aq', '.rl', '.aqrl']);
    const size = w === 'w' ? 4 : 8;
    if (rng.chance(0.05)) {
      // straight through sp (P + 2048 is 8-aligned)
      const v = this.src();
      const d = this.dest();
      return { kind: 'amo', lines: [`${op}.${w}${ord} ${regName(d)}, ${regName(v)}, (sp)`], insns: 1, mode: this.mode() };
    }
    const a = this.addr(size, true);
    const rt = this.temp();
    const v = rng.chance(0.1) ? rt : this.src();
    const d = this.dest(0.05);
    return {
      kind: 'amo',
      lines: [this.baseFor(rt, a, 0), `${op}.${w}${ord} ${regName(d)}, ${regName(v)}, (${regName(rt)})`],
      insns: 2,
      mode: this.mode(),
    };
  }

  /**
   * LR/SC. Always paired inside one item so no reservation outlives it and no store comes
   * between: (1) lr; 0-3 ALU ops; sc to the same address (succeeds), optionally followed by a
   * second sc (fails: the first sc consumed the reservation); (2) lr; sc to an address in
   * another 64-byte granule (fails).
   */
  lrsc(): Item {
    const rng = this.rng;
    const w = rng.chance(0.5) ? 'w' : 'd';
    const size = w === 'w' ? 4 : 8;
    const ordL = rng.pick(['', '', '.aq', '.aqrl']);
    const ordS = rng.pick(['', '', '.rl', '.aqrl']);
    const a = this.addr(size, true);
    const rt = this.temp();
    const lines = [this.baseFor(rt, a, 0)];
    const rd1 = this.temp([rt]);
    this.recent.push(rd1);
    lines.push(`lr.${w}${ordL} ${regName(rd1)}, (${regName(rt)})`);
    const fail = rng.chance(0.2);
    if (fail) {
      let b: number;
      do b = this.addr(size, true);
      while (b >> 6 === a >> 6);
      const rt2 = this.temp([rt]);
      lines.push(this.baseFor(rt2, b, 0));
      const v = this.src();
      const rd2 = this.dest(0.05);
      lines.push(`sc.${w}${ordS} ${regName(rd2)}, ${regName(v)}, (${regName(rt2)})`);
    } else {
      for (let i = rng.int(0, 3); i > 0; i--) {
        const op = rng.pick(['add', 'xor', 'sub', 'or', 'and', 'sll', 'addw', 'mul']);
        let d: number;
        do d = this.dest(0);
        while (d === rt);
        lines.push(`${op} ${regName(d)}, ${regName(this.src())}, ${regName(this.src())}`);
      }
      const v = this.src();
      const second = rng.chance(0.25);
      let rd2: number;
      do rd2 = this.dest(0.05);
      while (second && rd2 === rt);
      lines.push(`sc.${w}${ordS} ${regName(rd2)}, ${regName(v)}, (${regName(rt)})`);
      if (second) lines.push(`sc.${w} ${regName(this.dest(0.05))}, ${regName(this.src())}, (${regName(rt)})`);
    }
    return { kind: 'lrsc', lines, insns: lines.length, mode: this.mode() };
  }

  /** Explicit compressed ALU instructions. */
  calu(): Item {
    const rng = this.rng;
    const op = rng.pick([
      'c.li', 'c.lui', 'c.addi', 'c.addiw', 'c.slli', 'c.srli', 'c.srai', 'c.andi', 'c.mv', 'c.add',
      'c.sub', 'c.xor', 'c.or', 'c.and', 'c.subw', 'c.addw', 'c.nop', 'c.addi4spn',
    ]);
    const nz = (lo: number, hi: number): number => {
      for (;;) {
        const v = rng.int(lo, hi);
        if (v !== 0) return v;
      }
    };
    let line: string;
    switch (op) {
      case 'c.li':
        line = `c.li ${regName(this.dest(0))}, ${rng.int(-32, 31)}`;
        break;
      case 'c.lui': {
        let d: number;
        do d = this.dest(0);
        while (d === 2);
        const v = rng.chance(0.5) ? rng.int(1, 31) : rng.int(0xfffe0, 0xfffff);
        line = `c.lui ${regName(d)}, 0x${v.toString(16)}`;
        break;
      }
      case 'c.addi': {
        const d = this.dest(0);
        line = `c.addi ${regName(d)}, ${nz(-32, 31)}`;
        break;
      }
      case 'c.addiw':
        line = `c.addiw ${regName(this.dest(0))}, ${rng.int(-32, 31)}`;
        break;
      case 'c.slli':
        line = `c.slli ${regName(this.dest(0))}, ${rng.chance(0.3) ? rng.pick([1, 31, 32, 63]) : rng.int(1, 63)}`;
        break;
      case 'c.srli':
      case 'c.srai':
        line = `${op} ${regName(this.cdest())}, ${rng.chance(0.3) ? rng.pick([1, 31, 32, 63]) : rng.int(1, 63)}`;
        break;
      case 'c.andi':
        line = `c.andi ${regName(this.cdest())}, ${rng.int(-32, 31)}`;
        break;
      case 'c.mv':
      case 'c.add': {
        let s: number;
        do s = this.src();
        while (s === 0);
        line = `${op} ${regName(this.dest(0))}, ${regName(s)}`;
        break;
      }
      case 'c.nop':
        line = 'c.nop';
        break;
      case 'c.addi4spn':
        line = `c.addi4spn ${regName(this.cdest())}, sp, ${rng.int(1, 255) * 4}`;
        break;
      default: {
        const s = this.csrc();
        line = `${op} ${regName(this.cdest())}, ${regName(s)}`;
      }
    }
    return { kind: 'calu', lines: [line], insns: 1, mode: 'rvc' };
  }

  /** Explicit compressed loads/stores, sp-relative ones and c.addi16sp pairs. */
  cmem(): Item {
    const rng = this.rng;
    const op = rng.pick(['c.lw', 'c.ld', 'c.sw', 'c.sd', 'c.lwsp', 'c.ldsp', 'c.swsp', 'c.sdsp', 'c.addi16sp']);
    switch (op) {
      case 'c.lw':
      case 'c.ld':
      case 'c.sw':
      case 'c.sd': {
        const size = op.endsWith('w') ? 4 : 8;
        const a = this.addr(size, rng.chance(0.7));
        const off = this.offFor(a, 0, size === 4 ? 124 : 248, size);
        const rt = this.temp([], true);
        const base = this.baseFor(rt, a, off);
        const r = op.startsWith('c.l') ? this.cdest() : this.csrc();
        return { kind: 'cmem', lines: [base, `${op} ${regName(r)}, ${off}(${regName(rt)})`], insns: 2, mode: 'rvc' };
      }
      case 'c.addi16sp': {
        // move sp, do 1-3 sp-relative accesses, move it back
        let k = 0;
        while (k === 0) k = rng.int(-31, 31) * 16;
        const lines = [`c.addi16sp sp, ${k}`];
        for (let i = rng.int(1, 3); i > 0; i--) lines.push(this.spOp(rng.pick(['c.lwsp', 'c.ldsp', 'c.swsp', 'c.sdsp'])));
        lines.push(`c.addi16sp sp, ${-k}`);
        return { kind: 'cmem', lines, insns: lines.length, mode: 'rvc' };
      }
      default:
        return { kind: 'cmem', lines: [this.spOp(op)], insns: 1, mode: 'rvc' };
    }
  }
  spOp(op: string): string {
    const rng = this.rng;
    const size = op === 'c.lwsp' || op === 'c.swsp' ? 4 : 8;
    const off = rng.int(0, size === 4 ? 63 : 63) * size;
    if (op.startsWith('c.l')) return `${op} ${regName(this.dest(0))}, ${off}(sp)`;
    return `${op} ${regName(this.src())}, ${off}(sp)`;
  }

  csr(): Item {
    const rng = this.rng;
    const c = rng.pick(CSRS);
    const ops: CsrOp[] = c.readOnly ? ['rs', 'rc', 'rsi', 'rci'] : c.rwOnly ? ['rw', 'rs', 'rwi', 'rsi'] : ['rw', 'rs', 'rc', 'rwi', 'rsi', 'rci'];
    const op = rng.pick(ops);
    const lines: string[] = [];
    const rd = c.writeOnly ? 0 : this.dest(0.15);
    const readOnlyForm = c.readOnly || (c.rwOnly && (op === 'rs' || op === 'rsi'));
    const mask = c.mask ?? M64;
    if (op === 'rw' || op === 'rs' || op === 'rc') {
      let rs: number;
      if (readOnlyForm) rs = 0;
      else if (c.full && rng.chance(0.6)) rs = this.src();
      else {
        let v: bigint;
        if (op === 'rw' && c.value) v = c.value(rng);
        else {
          v = rng.chance(0.2) ? mask : rng.chance(0.1) ? 0n : randValue(rng) & mask;
          if (c.setClr && op !== 'rw') v = c.setClr(rng, op, v);
        }
        if (op === 'rw' && c.keep) v |= c.keep;
        rs = this.temp();
        lines.push(...liSeq(regName(rs), v));
      }
      lines.push(`csrr${op[1]} ${regName(rd)}, ${c.name}, ${regName(rs)}`);
    } else {
      let u: number;
      if (readOnlyForm) u = 0;
      else if (op === 'rwi' && c.value) {
        u = Number(c.value(rng) & 31n);
        if (c.name === 'satp' || c.name === 'mcause' || c.name === 'scause') u = c.name === 'satp' ? 0 : rng.pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 13, 15]);
      } else {
        u = rng.int(0, 31) & Number(mask & 31n);
        if (c.setClr && op !== 'rwi') u = Number(c.setClr(rng, op === 'rsi' ? 'rs' : 'rc', BigInt(u)) & 31n);
      }
      lines.push(`csrr${op[1]}i ${regName(rd)}, ${c.name}, ${u}`);
      if (op === 'rwi' && c.keep) {
        const t = this.temp([rd]);
        lines.push(...liSeq(regName(t), c.keep), `csrs ${c.name}, ${regName(t)}`);
      }
    }
    if (c.name === 'mtvec') {
      // keep the trap handler reachable
      const t = this.temp();
      lines.push(`lla ${regName(t)}, __trap`, `csrw mtvec, ${regName(t)}`);
      return { kind: 'csr', lines, insns: lines.length + 1, mode: this.mode() }; // lla = 2
    }
    return { kind: 'csr', lines, insns: lines.length, mode: this.mode() };
  }

  // ---- F and D ----

  fmt(): Fmt {
    return this.rng.chance(0.5) ? 's' : 'd';
  }
  fdest(fmt: Fmt, compressed = false): number {
    const r = compressed ? this.rng.int(8, 15) : this.rng.int(0, 31);
    this.ftype[r] = fmt;
    this.recentF.push(r);
    if (this.recentF.length > 8) this.recentF.shift();
    return r;
  }
  /** A source f register, mostly one holding a value of format `fmt`. */
  fsrc(fmt?: Fmt, compressed = false): number {
    const rng = this.rng;
    const ok = (r: number): boolean => (!compressed || (r >= 8 && r <= 15)) && (fmt === undefined || this.ftype[r] === fmt);
    if (rng.chance(0.93)) {
      const recent = this.recentF.filter(ok);
      if (recent.length && rng.chance(0.5)) return rng.pick(recent);
      const all = FREGS.filter(ok);
      if (all.length) return rng.pick(all);
    }
    return compressed ? rng.int(8, 15) : rng.int(0, 31);
  }
  /** A rounding-mode operand: static (0..4), explicit dyn, or none (the assembler's dyn). */
  rm(): string {
    const rng = this.rng;
    if (this.staticOnly) return ', ' + rng.pick(STATIC_RM);
    const r = rng.next();
    if (r < 0.25) return '';
    if (r < 0.35) return ', dyn';
    return ', ' + rng.pick(STATIC_RM);
  }
  /**
   * fcvt.d.s / fcvt.d.w / fcvt.d.wu are exact and GNU as 2.40 only encodes them with rm = 0 (RNE);
   * any other valid rm (1..4, 7 = dyn) goes through .insn.
   */
  exactCvt(op: 'fcvt.d.s' | 'fcvt.d.w' | 'fcvt.d.wu', rd: number, rs: string): string {
    const rng = this.rng;
    const rm = this.staticOnly ? rng.int(0, 4) : rng.weighted([[0, 4], [7, 2], [1, 1], [2, 1], [3, 1], [4, 1]] as const);
    if (rm === 0) return `${op} ${F(rd)}, ${rs}`;
    const funct7 = op === 'fcvt.d.s' ? 0x21 : 0x69;
    const rs2 = op === 'fcvt.d.wu' ? 'x1' : 'x0';
    return `.insn r 0x53, ${rm}, 0x${funct7.toString(16)}, ${F(rd)}, ${rs}, ${rs2} # ${op} ${F(rd)}, ${rs}, ${RM_NAMES[rm]}`;
  }

  fpItem(): Item {
    const kind = this.rng.weighted(this.hot ? HOT_FP_WEIGHTS : FP_WEIGHTS);
    const lines = this.fpLines(kind);
    if (FP_FLAGGING.includes(kind) && this.rng.chance(this.hot ? HOT_FFLAGS_SWAP : 0.2)) {
      // swap the accrued flags out (csrrw: this item's flags alone), or read them
      lines.push(`csrr${this.rng.chance(0.8) ? 'w' : 's'} ${X(this.dest(0.1))}, fflags, zero`);
    }
    return { kind: 'fp.' + kind, lines, insns: countInsns(lines), mode: kind === 'cmem' ? 'rvc' : this.mode() };
  }

  fpLines(kind: FpKind): string[] {
    const rng = this.rng;
    switch (kind) {
      case 'arith': {
        const fmt = this.fmt();
        const op = rng.pick(['fadd', 'fsub', 'fmul', 'fdiv']);
        const a = this.fsrc(fmt);
        const b = rng.chance(0.08) ? a : this.fsrc(fmt);
        return [`${op}.${fmt} ${F(this.fdest(fmt))}, ${F(a)}, ${F(b)}${this.rm()}`];
      }
      case 'sqrt': {
        const fmt = this.fmt();
        const a = this.fsrc(fmt);
        return [`fsqrt.${fmt} ${F(this.fdest(fmt))}, ${F(a)}${this.rm()}`];
      }
      case 'minmax': {
        const fmt = this.fmt();
        const a = this.fsrc(fmt);
        const b = rng.chance(0.08) ? a : this.fsrc(fmt);
        return [`${rng.pick(['fmin', 'fmax'])}.${fmt} ${F(this.fdest(fmt))}, ${F(a)}, ${F(b)}`];
      }
      case 'sgnj': {
        // rs1 == rs2: fmv / fneg / fabs
        const fmt = this.fmt();
        const a = this.fsrc(fmt);
        const b = rng.chance(0.25) ? a : this.fsrc(fmt);
        return [`${rng.pick(['fsgnj', 'fsgnjn', 'fsgnjx'])}.${fmt} ${F(this.fdest(fmt))}, ${F(a)}, ${F(b)}`];
      }
      case 'fma': {
        const fmt = this.fmt();
        const op = rng.pick(['fmadd', 'fmsub', 'fnmadd', 'fnmsub']);
        const a = this.fsrc(fmt);
        const b = rng.chance(0.08) ? a : this.fsrc(fmt);
        const c = rng.chance(0.08) ? a : this.fsrc(fmt);
        return [`${op}.${fmt} ${F(this.fdest(fmt))}, ${F(a)}, ${F(b)}, ${F(c)}${this.rm()}`];
      }
      case 'cvtfi': {
        const fmt = this.fmt();
        const a = this.fsrc(fmt);
        return [`fcvt.${rng.pick(['w', 'wu', 'l', 'lu'])}.${fmt} ${X(this.dest())}, ${F(a)}${this.rm()}`];
      }
      case 'cvtif': {
        const fmt = this.fmt();
        const it = rng.pick(['w', 'wu', 'l', 'lu']);
        const lines: string[] = [];
        let a = this.src();
        if (rng.chance(0.3)) {
          // an integer around a precision limit (2^24, 2^53) or a conversion limit
          a = this.temp();
          const k = rng.pick([24, 25, 31, 32, 53, 54, 63, 64]);
          const v = rng.chance(0.7) ? (1n << BigInt(k)) + BigInt(rng.int(-3, 3)) : s64(rng.pick(EDGE64));
          lines.push(...liSeq(X(a), s64(rng.chance(0.3) ? -v : v)));
        }
        const d = this.fdest(fmt);
        if (fmt === 'd' && (it === 'w' || it === 'wu')) lines.push(this.exactCvt(`fcvt.d.${it}`, d, X(a)));
        else lines.push(`fcvt.${fmt}.${it} ${F(d)}, ${X(a)}${this.rm()}`);
        return lines;
      }
      case 'cvtff': {
        if (rng.chance(0.5)) {
          const a = this.fsrc('d');
          return [`fcvt.s.d ${F(this.fdest('s'))}, ${F(a)}${this.rm()}`];
        }
        const a = this.fsrc('s');
        return [this.exactCvt('fcvt.d.s', this.fdest('d'), F(a))];
      }
      case 'cmp': {
        const fmt = this.fmt();
        const a = this.fsrc(fmt);
        const b = rng.chance(0.1) ? a : this.fsrc(fmt);
        return [`${rng.pick(['feq', 'flt', 'fle'])}.${fmt} ${X(this.dest())}, ${F(a)}, ${F(b)}`];
      }
      case 'class': {
        const fmt = this.fmt();
        return [`fclass.${fmt} ${X(this.dest())}, ${F(this.fsrc(fmt))}`];
      }
      case 'mvx': {
        switch (rng.int(0, 3)) {
          case 0:
            return [`fmv.x.w ${X(this.dest())}, ${F(this.fsrc(rng.chance(0.7) ? 's' : undefined))}`];
          case 1:
            return [`fmv.x.d ${X(this.dest())}, ${F(this.fsrc())}`];
          case 2: {
            const a = this.src();
            return [`fmv.w.x ${F(this.fdest('s'))}, ${X(a)}`];
          }
          default: {
            const a = this.src();
            return [`fmv.d.x ${F(this.fdest('d'))}, ${X(a)}`];
          }
        }
      }
      case 'li': {
        // an interesting value into an f register through an x register
        const t = this.temp();
        if (rng.chance(0.35)) {
          // fmv.w.x boxes the low 32 bits and ignores the upper ones
          const bits = fp32Pattern(rng);
          const upper = rng.pick([0n, 0xffffffffn, BigInt(rng.u32())]);
          return [...liSeq(X(t), s64((upper << 32n) | BigInt(bits))), `fmv.w.x ${F(this.fdest('s'))}, ${X(t)}`];
        }
        const single = rng.chance(0.4);
        const v = single ? boxedSingle(rng) : fp64Pattern(rng);
        return [...liSeq(X(t), s64(v)), `fmv.d.x ${F(this.fdest(single ? 's' : 'd'))}, ${X(t)}`];
      }
      case 'mem': {
        const [op, size] = rng.pick([['flw', 4], ['fld', 8], ['fsw', 4], ['fsd', 8]] as const);
        const a = this.addr(size, rng.chance(this.hot ? HOT_FP_ALIGNED : 0.85));
        const fr = op === 'flw' ? this.fdest('s') : op === 'fld' ? this.fdest('d') : this.fsrc(op === 'fsw' && rng.chance(0.7) ? 's' : undefined);
        if (rng.chance(0.35)) return [`${op} ${F(fr)}, ${a - SP_OFF}(sp)`];
        const rt = this.temp();
        const off = this.offFor(a, -2048, 2047, 1);
        return [this.baseFor(rt, a, off), `${op} ${F(fr)}, ${off}(${X(rt)})`];
      }
      case 'cmem': {
        const op = rng.pick(['c.fld', 'c.fsd', 'c.fldsp', 'c.fsdsp', 'c.addi16sp']);
        switch (op) {
          case 'c.fld':
          case 'c.fsd': {
            const a = this.addr(8, rng.chance(this.hot ? HOT_FP_ALIGNED : 0.8));
            const off = this.offFor(a, 0, 248, 8);
            const rt = this.temp([], true);
            const fr = op === 'c.fld' ? this.fdest('d', true) : this.fsrc(undefined, true);
            return [this.baseFor(rt, a, off), `${op} ${F(fr)}, ${off}(${X(rt)})`];
          }
          case 'c.addi16sp': {
            // move sp, do 1-3 sp-relative FP (and integer) accesses, move it back
            let k = 0;
            while (k === 0) k = rng.int(-31, 31) * 16;
            const lines = [`c.addi16sp sp, ${k}`];
            for (let i = rng.int(1, 3); i > 0; i--) {
              const o = rng.pick(['c.fldsp', 'c.fsdsp', 'c.fldsp', 'c.fsdsp', 'c.ldsp', 'c.sdsp']);
              lines.push(o.startsWith('c.f') ? this.fspOp(o) : this.spOp(o));
            }
            lines.push(`c.addi16sp sp, ${-k}`);
            return lines;
          }
          default:
            return [this.fspOp(op)];
        }
      }
      case 'csr':
        return this.fpCsr();
      case 'badfrm':
        return this.fpBadFrm();
      case 'status':
        return this.fpStatus();
    }
  }
  fspOp(op: string): string {
    const off = this.rng.int(0, 63) * 8;
    return `${op} ${F(op === 'c.fldsp' ? this.fdest('d') : this.fsrc())}, ${off}(sp)`;
  }

  /**
   * fflags/frm/fcsr traffic. frm (also as fcsr bits 7:5) always holds 0..4 afterwards, because
   * a dynamic-rounding instruction may follow: csrrw/csrrwi write a valid value (with garbage
   * in the bits above the field, which are ignored); a csrrs/csrrsi that may form 5..7 is
   * followed by a csrrci of bit 2 (set bits 0/1: gives 1..3) or of bits 0-1 (set 4: gives 4);
   * csrrc cannot form an invalid value from a valid one.
   */
  fpCsr(): string[] {
    const rng = this.rng;
    const csr = rng.pick(['fflags', 'frm', 'fcsr'] as const);
    const op = rng.pick(['rw', 'rs', 'rc', 'rwi', 'rsi', 'rci'] as const);
    const rd = this.dest(0.2);
    const width = csr === 'fflags' ? 5 : csr === 'frm' ? 3 : 8;
    const rmShift = csr === 'frm' ? 0 : csr === 'fcsr' ? 5 : -1;
    const imm = op.endsWith('i');
    const lines: string[] = [];
    let v = rng.chance(0.1) ? 0n : BigInt(rng.int(0, (1 << (imm ? 5 : width)) - 1));
    if (!imm && rng.chance(0.3)) v |= BigInt.asUintN(64, randValue(rng)) << BigInt(width); // ignored upper bits
    if (rmShift >= 0 && (op === 'rw' || op === 'rwi')) {
      const f = (v >> BigInt(rmShift)) & 7n;
      if (f > 4n) v ^= (f ^ BigInt(rng.int(0, 4))) << BigInt(rmShift);
    }
    if (imm) lines.push(`csrr${op[1]}i ${X(rd)}, ${csr}, ${v}`);
    else if (v === 0n && rng.chance(0.5)) lines.push(`csrr${op[1]} ${X(rd)}, ${csr}, zero`);
    else if (csr === 'fflags' && op !== 'rc' && rng.chance(0.4)) {
      v = 0n; // any register: only the low 5 bits count (the value is unknown: no frm fix-up needed)
      lines.push(`csrr${op[1]} ${X(rd)}, ${csr}, ${X(this.src())}`);
    } else {
      const t = this.temp([rd]);
      lines.push(...liSeq(X(t), s64(v)), `csrr${op[1]} ${X(rd)}, ${csr}, ${X(t)}`);
    }
    if (rmShift >= 0 && (op === 'rs' || op === 'rsi')) {
      const f = (v >> BigInt(rmShift)) & 7n;
      if (f & 3n) lines.push(`csrrci ${X(this.dest(0.7))}, frm, 4`);
      else if (f === 4n) lines.push(`csrrci ${X(this.dest(0.7))}, frm, 3`);
    }
    return lines;
  }

  /**
   * frm = 5..7 (reserved): instructions with a static rounding mode or none still run; then
   * frm is read and made valid again. No dynamic-rounding instruction runs in between (it
   * would be illegal).
   */
  fpBadFrm(): string[] {
    const rng = this.rng;
    const lines: string[] = [];
    const rdA = this.dest(0.3);
    const bad = rng.int(5, 7);
    switch (rng.int(0, 3)) {
      case 0:
        lines.push(`csrrwi ${X(rdA)}, frm, ${bad | (rng.int(0, 3) << 3)}`);
        break;
      case 1: {
        const t = this.temp([rdA]);
        lines.push(...liSeq(X(t), BigInt(bad | (rng.int(0, 255) << 3))), `csrrw ${X(rdA)}, frm, ${X(t)}`);
        break;
      }
      case 2: {
        const t = this.temp([rdA]);
        lines.push(...liSeq(X(t), BigInt((bad << 5) | rng.int(0, 31))), `csrrw ${X(rdA)}, fcsr, ${X(t)}`);
        break;
      }
      default:
        lines.push(`csrrsi ${X(rdA)}, frm, ${bad}`); // 0..4 | 5..7 is 5..7
    }
    this.staticOnly = true;
    for (let i = rng.int(0, 3); i > 0; i--) lines.push(...this.fpLines(rng.pick(FP_STATIC_KINDS)));
    this.staticOnly = false;
    if (rng.chance(0.7)) lines.push(`csrrs ${X(this.dest(0.1))}, ${rng.pick(['frm', 'fcsr'])}, zero`);
    const rdC = this.dest(0.3);
    switch (rng.int(0, 3)) {
      case 0:
        lines.push(`csrrwi ${X(rdC)}, frm, ${rng.int(0, 4)}`);
        break;
      case 1:
        lines.push(`csrrci ${X(rdC)}, frm, 4`); // 5..7 -> 1..3
        break;
      case 2:
        lines.push(`csrrci ${X(rdC)}, frm, 3`); // 5..7 -> 4
        break;
      default: {
        const t = this.temp([rdC]);
        lines.push(...liSeq(X(t), BigInt((rng.int(0, 4) << 5) | rng.int(0, 31))), `csrrw ${X(rdC)}, fcsr, ${X(t)}`);
      }
    }
    return lines;
  }

  /**
   * mstatus.FS: from Dirty down to Initial or Clean (read back), optionally instructions that
   * only read FP state (the spec lets them leave FS alone or make it Dirty: not observed), then
   * an instruction that writes an f register or an FP CSR (Dirty in every implementation), read
   * back. See FS_DIRTY.
   */
  fpStatus(): string[] {
    const rng = this.rng;
    const st = rng.chance(0.7) ? 'mstatus' : 'sstatus';
    const fs = rng.int(1, 2); // Initial, Clean
    const lines: string[] = [];
    const t = this.temp();
    if (rng.chance(0.5)) {
      lines.push(...liSeq(X(t), fs === 1 ? 0x4000n : 0x2000n), `csrrc ${X(this.dest(0.3))}, ${st}, ${X(t)}`);
    } else {
      lines.push(...liSeq(X(t), FS_MASK), `csrc ${st}, ${X(t)}`, ...liSeq(X(t), BigInt(fs) << 13n), `csrs ${st}, ${X(t)}`);
    }
    lines.push(`csrr ${X(this.dest(0))}, ${rng.chance(0.7) ? st : rng.pick(['mstatus', 'sstatus'])}`);
    for (let i = rng.int(0, 2); i > 0; i--) {
      switch (rng.int(0, 3)) {
        case 0: {
          const [op, size] = rng.pick([['fsw', 4], ['fsd', 8]] as const);
          lines.push(`${op} ${F(this.fsrc())}, ${this.addr(size, true) - SP_OFF}(sp)`);
          break;
        }
        case 1:
          lines.push(`fmv.x.${rng.pick(['w', 'd'])} ${X(this.dest())}, ${F(this.fsrc())}`);
          break;
        case 2:
          lines.push(`fclass.${this.fmt()} ${X(this.dest())}, ${F(this.fsrc())}`);
          break;
        default:
          lines.push(`csrr ${X(this.dest())}, ${rng.pick(['fflags', 'frm', 'fcsr'])}`);
      }
    }
    switch (rng.int(0, 4)) {
      case 0:
        lines.push(...this.fpLines(rng.pick(['arith', 'sgnj', 'fma', 'cvtif', 'cvtff', 'minmax', 'li'] as const)));
        break;
      case 1: {
        const [op, fmt] = rng.pick([['flw', 's'], ['fld', 'd']] as const);
        lines.push(`${op} ${F(this.fdest(fmt))}, ${this.addr(8, true) - SP_OFF}(sp)`);
        break;
      }
      case 2: {
        const fmt = this.fmt();
        const a = this.src();
        lines.push(`fmv.${fmt === 's' ? 'w' : 'd'}.x ${F(this.fdest(fmt))}, ${X(a)}`);
        break;
      }
      case 3:
        lines.push(`csrrwi ${X(this.dest(0.5))}, ${rng.pick(['fflags', 'frm'])}, ${rng.int(0, 4)}`);
        break;
      default:
        lines.push(`csrr${rng.pick(['s', 'c'])}i ${X(this.dest(0.5))}, fflags, ${rng.int(1, 31)}`);
    }
    lines.push(`csrr ${X(this.dest(0))}, ${st}`);
    return lines;
  }

  fence(): Item {
    const rng = this.rng;
    const sets = ['r', 'w', 'rw', 'i', 'o', 'io', 'iorw', 'ir', 'ow'];
    const line = rng.weighted([
      ['fence', 3],
      [`fence ${rng.pick(sets)}, ${rng.pick(sets)}`, 3],
      ['fence.i', 2],
      ['fence.tso', 1],
      ['nop', 1],
    ] as const);
    return { kind: 'fence', lines: [line], insns: 1, mode: this.mode() };
  }

  /**
   * An access that traps (hot programs only; their trap handler logs it and goes on after it):
   * aligned loads and stores (integer, F/D, compressed) where nothing is mapped, LR and AMOs
   * there or misaligned inside the scratch page. Never a misaligned access outside RAM: QEMU
   * 7.2 reports those as access faults with a different mtval, rvisor (and the spec's
   * preference) as misaligned. Never SC: QEMU 7.2 fails an SC without a reservation before
   * it checks the address. Half of them are preceded by a branch that is never taken, to the
   * instruction after the access: a branch target, where the JIT has an entry, so the handler
   * returns into compiled code (as to an exception-table fixup label); after the others the
   * interpreter runs on to the next entry.
   */
  fault(): Item {
    const it = this.faultAccess();
    if (!this.rng.chance(0.5)) return it;
    return { ...it, lines: ['bne zero, zero, 1f', ...it.lines, '1:'], insns: it.insns + 1 };
  }
  faultAccess(): Item {
    const rng = this.rng;
    const X0_RANGE = (size: number): number => rng.int(-2048 / size, 2048 / size - 1) * size; // [0, 2 KiB) and the top 2 KiB
    const far = (): string => `0x${rng.int(0x90000, 0xfffff).toString(16)}`; // lui: 0xffffffff9xxxx000 and up, nothing there
    const ints = [['lb', 1], ['lh', 2], ['lw', 4], ['ld', 8], ['lbu', 1], ['lhu', 2], ['lwu', 4], ['sb', 1], ['sh', 2], ['sw', 4], ['sd', 8]] as const;
    const fps = [['flw', 4], ['fld', 8], ['fsw', 4], ['fsd', 8]] as const;
    const reg = (op: string): string => {
      if (op === 'flw' || op === 'fld') return F(this.fdest(op === 'flw' ? 's' : 'd'));
      if (op.startsWith('f')) return F(this.fsrc());
      return X(op.startsWith('l') ? this.dest() : this.src());
    };
    const r = rng.int(0, 9);
    if (r < 3) {
      // through x0
      const [op, size] = r < 2 ? rng.pick(ints) : rng.pick(fps);
      return { kind: 'fault', lines: [`${op} ${reg(op)}, ${X0_RANGE(size)}(zero)`], insns: 1, mode: 'norvc' };
    }
    if (r < 6) {
      // through a base register far above RAM (the assembler may compress the access)
      const rt = this.temp([], rng.chance(0.5));
      const [op, size] = r < 5 ? rng.pick(ints) : rng.pick(fps);
      return { kind: 'fault', lines: [`lui ${X(rt)}, ${far()}`, `${op} ${reg(op)}, ${rng.int(0, 255) * size}(${X(rt)})`], insns: 2, mode: this.mode() };
    }
    if (r < 7) {
      // explicitly compressed
      const rt = this.temp([], true);
      const op = rng.pick(['c.lw', 'c.ld', 'c.sw', 'c.sd', 'c.fld', 'c.fsd']);
      const size = op.endsWith('w') ? 4 : 8;
      const rr = op === 'c.fld' ? F(this.fdest('d', true)) : op === 'c.fsd' ? F(this.fsrc(undefined, true)) : X(op.startsWith('c.l') ? this.cdest() : this.csrc());
      return { kind: 'fault', lines: [`lui ${X(rt)}, ${far()}`, `${op} ${rr}, ${rng.int(0, 31) * size}(${X(rt)})`], insns: 2, mode: 'rvc' };
    }
    // LR and AMOs: aligned where nothing is mapped, or misaligned in the scratch page
    const w = rng.chance(0.5) ? 'w' : 'd';
    const size = w === 'w' ? 4 : 8;
    const rt = this.temp();
    const base = rng.chance(0.5) ? `lui ${X(rt)}, ${far()}` : this.baseFor(rt, this.addr(size, false) | 1, 0);
    const ord = rng.pick(['', '', '.aq', '.rl', '.aqrl']);
    if (r < 8) return { kind: 'fault', lines: [base, `lr.${w}${ord} ${X(this.dest())}, (${X(rt)})`], insns: 2, mode: this.mode() };
    const op = rng.pick(['amoswap', 'amoadd', 'amoxor', 'amoand', 'amoor', 'amomin', 'amomax', 'amominu', 'amomaxu']);
    return { kind: 'fault', lines: [base, `${op}.${w}${ord} ${X(this.dest())}, ${X(this.src())}, (${X(rt)})`], insns: 2, mode: this.mode() };
  }

  /** A forward branch or jump item to `target` (patched in by the block builder). */
  branch(): Item {
    const rng = this.rng;
    const kind = rng.weighted(this.hot ? HOT_BRANCH_WEIGHTS : BRANCH_WEIGHTS);
    const T = '@T'; // replaced by the target label
    switch (kind) {
      case 'b': {
        const op = rng.pick(['beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu']);
        const a = this.src();
        const b = rng.chance(0.1) ? a : this.src();
        return { kind: 'branch', lines: [`${op} ${regName(a)}, ${regName(b)}, ${T}`], insns: 1, mode: this.mode() };
      }
      case 'cb': {
        const op = rng.pick(['c.beqz', 'c.bnez']);
        return { kind: 'branch', lines: [`${op} ${regName(this.csrc())}, ${T}`], insns: 1, mode: 'rvc', shortRange: true };
      }
      case 'jal':
        return { kind: 'jump', lines: [`jal ${regName(rng.chance(0.3) ? 0 : this.dest(0))}, ${T}`], insns: 1, mode: this.mode(), uncond: true };
      case 'cj':
        return { kind: 'jump', lines: [`c.j ${T}`], insns: 1, mode: 'rvc', uncond: true };
      case 'jalr': {
        // lla rt, target; [addi rt, rt, -d (+1)]; jalr rd, d(rt)   (bit 0 of the sum is ignored)
        const rt = this.temp();
        const rd = rng.chance(0.2) ? 0 : rng.chance(0.2) ? rt : this.dest(0);
        const lines = [`lla ${regName(rt)}, ${T}`];
        let insns = 2;
        let d = 0;
        if (rng.chance(0.6)) {
          d = imm12(rng);
          const odd = rng.chance(0.3) ? 1 : 0;
          if (-d + odd < -2048 || -d + odd > 2047) d = 0;
          else if (d !== 0 || odd) {
            lines.push(`addi ${regName(rt)}, ${regName(rt)}, ${-d + odd}`);
            insns++;
          }
        }
        lines.push(`jalr ${regName(rd)}, ${d}(${regName(rt)})`);
        return { kind: 'jump', lines, insns: insns + 1, mode: this.mode(), uncond: true };
      }
      case 'cjr':
      case 'cjalr': {
        const rt = this.temp();
        return {
          kind: 'jump',
          lines: [`lla ${regName(rt)}, ${T}`, `${kind === 'cjr' ? 'c.jr' : 'c.jalr'} ${regName(rt)}`],
          insns: 3,
          mode: 'rvc',
          uncond: true,
        };
      }
    }
  }

  block(): Block {
    const rng = this.rng;
    const n = rng.int(16, 32);
    const items: Item[] = [];
    for (let i = 0; i < n; i++) items.push(rng.chance(0.1) ? this.branch() : this.item());
    // Choose targets: 1..4 items ahead (or the block end); compressed branches only as far as
    // +-256 bytes allows even with a trace checkpoint (12 bytes) before every item.
    for (let i = 0; i < n; i++) {
      const it = items[i];
      if (!it.lines.some((l) => l.includes('@T'))) continue;
      let t = Math.min(n, i + rng.int(1, 4));
      if (it.shortRange) {
        let bytes = 0;
        for (let j = i + 1; j < t; j++) {
          bytes += 4 * items[j].insns + 12;
          if (bytes > 200) {
            t = j;
            break;
          }
        }
      }
      it.target = t;
    }
    // Fewest / most instructions executed from each item to the block end.
    const minE = new Array<number>(n + 1).fill(0);
    const maxE = new Array<number>(n + 1).fill(0);
    for (let i = n - 1; i >= 0; i--) {
      const it = items[i];
      if (it.target === undefined) {
        minE[i] = it.insns + minE[i + 1];
        maxE[i] = it.insns + maxE[i + 1];
      } else if (it.uncond) {
        minE[i] = it.insns + minE[it.target];
        maxE[i] = it.insns + maxE[it.target];
      } else {
        minE[i] = it.insns + Math.min(minE[i + 1], minE[it.target]);
        maxE[i] = it.insns + Math.max(maxE[i + 1], maxE[it.target]);
      }
    }
    return { items, minExec: minE[0], maxExec: maxE[0] };
  }
}

export const BITMANIP_REG = [
  'add.uw', 'sh1add', 'sh2add', 'sh3add', 'sh1add.uw', 'sh2add.uw', 'sh3add.uw', 'andn', 'orn', 'xnor',
  'max', 'maxu', 'min', 'minu', 'rol', 'ror', 'rolw', 'rorw', 'clmul', 'clmulh', 'clmulr', 'bclr', 'bext', 'binv', 'bset',
];
export const BITMANIP_UNARY = ['clz', 'ctz', 'cpop', 'clzw', 'ctzw', 'cpopw', 'sext.b', 'sext.h', 'zext.h', 'orc.b', 'rev8'];
export const BITMANIP_IMM = ['slli.uw', 'rori', 'roriw', 'bclri', 'bexti', 'binvi', 'bseti'];

const KIND_WEIGHTS = [
  ['alu', 16],
  ['alui', 14],
  ['upper', 3],
  ['mul', 9],
  ['bitmanip', 6],
  ['li', 4],
  ['load', 9],
  ['store', 7],
  ['amo', 4],
  ['lrsc', 2],
  ['calu', 12],
  ['cmem', 6],
  ['csr', 5],
  ['fence', 1],
] as const;

// ---------------------------------------------------------------------------------------------
// Hot programs (GenOptions.hot): every block is a counted loop, so that most of the run happens
// in code the JIT has compiled. The mix leans towards what the JIT compiles (src/jit/translate.ts
// supported()): CSR traffic and Zb* operations, which end a compiled block, are rare, and so are
// misaligned F/D accesses (they leave compiled code at run time). Atomics, faulting accesses
// and F/D stay in every loop.

/** Scratch bytes below which hot programs never access at random: 64..95 hold the trap log. */
export const HOT_RESERVED = 96;
/** Offset in the scratch page of the fullEnd parameter (GenOptions), in the harness's part. */
const HOT_FULL_END = 56;
/** Offset in the scratch page of the trap log: count, hash, last mcause, last mtval (u64 each). */
export const TRAP_LOG = 64;

const BRANCH_WEIGHTS = [
  ['b', 10],
  ['cb', 3],
  ['jal', 2],
  ['cj', 1],
  ['jalr', 2],
  ['cjr', 1],
  ['cjalr', 1],
] as const;
/**
 * Indirect jumps are rarer in hot programs: the JIT learns an indirect jump's target only when
 * compiled code first takes it (a miss hurries a recompile of the page, assembly/jit.ts
 * jitMissed), and a page is compiled at most eight times, so a page with many of them keeps
 * running the code behind their targets interpreted.
 */
const HOT_BRANCH_WEIGHTS: readonly (readonly [(typeof BRANCH_WEIGHTS)[number][0], number])[] = BRANCH_WEIGHTS.map(([k, w]) => [
  k,
  k === 'jalr' ? 0.25 : k === 'cjr' || k === 'cjalr' ? 0.1 : w,
]);
const HOT_KIND_WEIGHTS: readonly (readonly [string, number])[] = [
  ['alu', 16],
  ['alui', 14],
  ['upper', 3],
  ['mul', 9],
  ['bitmanip', 0.2],
  ['li', 4],
  ['load', 9],
  ['store', 7],
  ['amo', 0.4],
  ['lrsc', 0.2],
  ['calu', 12],
  ['cmem', 6],
  ['csr', 0.1],
  ['fence', 1],
  ['fault', 0.08],
];
const HOT_FP_WEIGHTS: readonly (readonly [FpKind, number])[] = FP_WEIGHTS.map(([k, w]) => [k, k === 'csr' ? 0.5 : k === 'badfrm' || k === 'status' ? 0.1 : w]);
/** Chance that a flag-raising F/D item is followed by a read of fflags (a CSR access). */
const HOT_FFLAGS_SWAP = 0.02;
/** Chance that an F/D load or store is aligned. */
const HOT_FP_ALIGNED = 0.95;

export interface HotOptions {
  /** Times every block runs (a loop counted in tp); its record is taken after the last time. */
  iterations: number;
}

// ---------------------------------------------------------------------------------------------
// Assembly emission

// auipc+jalr rather than jal: programs are larger than jal's +-1 MiB reach.
let callSite = 0;
const ckptCall = (id: number, hot = false): string[] => {
  const l = `.Lck${callSite++}`;
  return [`${l}: auipc gp, %pcrel_hi(__ckpt)`, `jalr gp, %pcrel_lo(${l})(gp)`, hot ? hotIdWord(id) : `.4byte 0x${(id >>> 0).toString(16)}`];
};
/**
 * The id word of a hot program's checkpoint is `lui zero, ..` (bit 19 of its immediate stands
 * for bit 31 of the id: trace ids), an instruction the JIT compiles. The JIT decodes ahead of
 * the interpreter, through a call's return address, so it reaches the next block and compiles
 * the page's blocks together; a raw id word stops it there, and a page whose blocks are found
 * one at a time runs out of recompiles (assembly/jit.ts MAX_COMPILES) after eight.
 */
function hotIdWord(id: number): string {
  const v = id >= 0x8000_0000 ? 0x80000 | (id & 0x7ffff) : id;
  if ((id & 0x7fff_ffff) >= 0x80000) throw new Error(`checkpoint id ${id} does not fit a hot program's id word`);
  return `lui zero, 0x${v.toString(16)}`;
}
/** Record id of the checkpoint before item `i` of the traced block. */
export const traceId = (i: number): number => (0x8000_0000 | i) >>> 0;

/** Label of item `i` of block `b`. */
const label = (b: number, i: number): string => `.L${b}_${i}`;

/** One line of assembly for an item; a branch target shows as <item N> (N = count: block end). */
export function itemText(it: Item): string {
  const t = it.target === undefined ? '' : `<item ${it.target}>`;
  return it.lines.map((l) => l.replace('@T', t)).join('; ');
}

function fixedCode(hot: boolean): string {
  const saved = [1, 4, ...Array.from({ length: 26 }, (_, i) => i + 6)]; // all but zero, sp, gp, t0
  // the id of a hot program's checkpoint from its `lui zero, id` word (see hotIdWord)
  const hotId = hot ? ['srli t1, t1, 12', 'srli t2, t1, 19', 'slli t2, t2, 31', 'slli t1, t1, 45', 'srli t1, t1, 45', 'or t1, t1, t2'].map((l) => `  ${l}\n`).join('') : '';
  return `
.option norvc
# ---- checkpoint: gp = return address, 0(gp) = 32-bit id ----
# Stores the record, then prints it: its 32-bit hash (a newline after every 16th record), or for
# records at or after the fullFrom parameter the whole record on a line "R index: ${RECORD_WORDS} words".
# Every register but sp/gp is reloaded from the record on the way out. The f registers and fcsr
# are stored (fsd, csrr: neither changes FP state or mstatus.FS) and left alone.
__ckpt:
  sd t0, -2048(sp)
  ld t0, -2040(sp)
  sd sp, 16(t0)
${saved.map((r) => `  sd ${regName(r)}, ${r * 8}(t0)`).join('\n')}
  ld t1, -2048(sp)
  sd t1, 40(t0)
${Array.from({ length: 32 }, (_, i) => `  fsd ${fregName(i)}, ${(FREG_WORD + i) * 8}(t0)`).join('\n')}
  csrr t1, fcsr
  sd t1, ${FCSR_WORD * 8}(t0)
  lhu t1, 0(gp)
  lhu t2, 2(gp)
  slli t2, t2, 16
  or t1, t1, t2
${hotId}  sd t1, 0(t0)
  ld t1, -2032(sp)
  li t2, 0
  beqz t1, 2f
  addi t3, sp, ${SCRATCH_RESERVED - SP_OFF}
  addi t4, sp, 2047
  addi t4, t4, ${SCRATCH_SIZE - SP_OFF - 2047}
1:ld t1, 0(t3)
  xor t2, t2, t1
  slli t1, t2, 13
  srli t5, t2, 51
  or t2, t1, t5
  slli t1, t2, 3
  add t2, t2, t1
  addi t3, t3, 8
  bltu t3, t4, 1b
2:sd t2, 24(t0)
  addi t1, t0, ${RECORD_SIZE}
  sd t1, -2040(sp)
  mv s0, t0
  li s11, ${UART_THR}
  li t1, ${RECORD_BASE}
  sub s1, s0, t1
  srli s1, s1, ${RECORD_SHIFT}
  ld t1, -2024(sp)
${hot ? `  bltu s1, t1, 4f\n  ld t1, ${HOT_FULL_END - SP_OFF}(sp)\n  bltu s1, t1, 5f\n4:` : '  bgeu s1, t1, 5f'}
  mv a0, s0
  call __rechash
  li a1, 8
  call __puthex
  andi t1, s1, 15
  li t2, 15
  bne t1, t2, 7f
  li a0, 10
  call __putc
  j 7f
5:li a0, 10
  call __putc
  li a0, 82
  call __putc
  li a0, 32
  call __putc
  mv a0, s1
  li a1, 8
  call __puthex
  li a0, 58
  call __putc
  mv a0, s0
  call __putrec
  li a0, 10
  call __putc
7:mv t0, s0
${saved.map((r) => `  ld ${regName(r)}, ${r * 8}(t0)`).join('\n')}
  ld t0, 40(t0)
  jalr zero, 4(gp)

# ---- output helpers (s11 = UART) ----
# a0 = record address -> a0 = 32-bit hash (in the low half); clobbers t3-t6, a2
__rechash:
  li t3, 0
  addi t5, a0, ${RECORD_WORDS * 8}
1:ld t6, 0(a0)
  xor t3, t3, t6
  slli t6, t3, 13
  srli a2, t3, 51
  or t3, t6, a2
  slli t6, t3, 3
  add t3, t3, t6
  addi a0, a0, 8
  bltu a0, t5, 1b
  srli t6, t3, 32
  xor a0, t3, t6
  ret
# a0 = record address: prints " w0 w1 ... w${RECORD_WORDS - 1}"; clobbers a0-a5, t3, t4, t6
__putrec:
  mv t6, ra
  mv t3, a0
  addi t4, a0, ${RECORD_WORDS * 8}
1:li a0, 32
  call __putc
  ld a0, 0(t3)
  li a1, 16
  call __puthex
  addi t3, t3, 8
  bltu t3, t4, 1b
  mv ra, t6
  ret
__putc:
  sb a0, 0(s11)
  ret
__puts:
  lbu a3, 0(a0)
  beqz a3, 1f
  sb a3, 0(s11)
  addi a0, a0, 1
  j __puts
1:ret
# a0 = value, a1 = number of hex digits; clobbers a3-a5
__puthex:
  slli a3, a1, 2
1:addi a3, a3, -4
  srl a4, a0, a3
  andi a4, a4, 15
  addi a4, a4, 48
  li a5, 58
  blt a4, a5, 2f
  addi a4, a4, 39
2:sb a4, 0(s11)
  bnez a3, 1b
  ret
__exit:
  li t0, ${TEST_DEVICE}
  sw a0, 0(t0)
1:j 1b

# ---- trap handler: no random instruction may trap ----
.option rvc
.balign ${hot ? 4096 : 4}
.option norvc
${hot ? hotTrap() : ''}__trap${hot ? '_fatal' : ''}:
  li s11, ${UART_THR}
  lla a0, __str_trap
  call __puts
  csrr a0, mcause
  li a1, 16
  call __puthex
  li a0, 32
  call __putc
  csrr a0, mepc
  li a1, 16
  call __puthex
  li a0, 32
  call __putc
  csrr a0, mtval
  li a1, 16
  call __puthex
  li a0, 10
  call __putc
  li a0, 0x13333
  j __exit

# ---- epilogue: record count, final record, CSRs, scratch memory ----
__epilogue:
  li s11, ${UART_THR}
  li s0, ${RECORD_BASE}
  ld s1, -2040(sp)
  sub s2, s1, s0
  srli s2, s2, ${RECORD_SHIFT}
  li a0, 10
  call __putc
  li a0, 72
  call __putc
  li a0, 32
  call __putc
  mv a0, s2
  li a1, 8
  call __puthex
  li a0, 10
  call __putc
  li a0, 70
  call __putc
  li a0, 32
  call __putc
  addi a0, s2, -1
  li a1, 8
  call __puthex
  li a0, 58
  call __putc
  addi a0, s1, -${RECORD_SIZE}
  call __putrec
  li a0, 10
  call __putc
  li a0, 67
  call __putc
${CSRS.map(
  (c) => `  li a0, 32
  call __putc
  csrr a0, ${c.name}
${c.dumpMask !== undefined ? `  li t0, ${hex(c.dumpMask)}\n  and a0, a0, t0\n` : ''}  li a1, 16
  call __puthex`,
).join('\n')}
  li a0, 10
  call __putc
  li a0, 77
  call __putc
  li a0, 10
  call __putc
  addi s3, sp, ${SCRATCH_RESERVED - SP_OFF}
  addi s4, sp, 2047
  addi s4, s4, ${SCRATCH_SIZE - SP_OFF - 2047}
  li s5, 0
9:lbu a0, 0(s3)
  li a1, 2
  call __puthex
  addi s3, s3, 1
  addi s5, s5, 1
  andi t0, s5, 63
  bnez t0, 10f
  li a0, 10
  call __putc
10:bltu s3, s4, 9b
  lla a0, __str_end
  call __puts
  li a0, 0x5555
  j __exit
`;
}

/**
 * A hot program's trap handler: an access fault or a misaligned LR/AMO (causes 4..7) is logged
 * at TRAP_LOG (count, hash of mcause, mtval and mepc, the last mcause and mtval) and skipped,
 * anything else goes to __trap_fatal. It uses t0..t2, saved in the harness's part of the
 * scratch page (sp never moves across a faulting item). For AMOs the log and mcause get the
 * spec's store/AMO causes (6, 7): QEMU 7.2 reports load causes (4, 5) for them.
 */
function hotTrap(): string {
  const at = (off: number): string => `${off - SP_OFF}(sp)`;
  const mix = (v: string): string => `  xor t2, t2, ${v}\n  slli t0, t2, 13\n  srli t2, t2, 51\n  or t2, t2, t0\n  slli t0, t2, 3\n  add t2, t2, t0`;
  return `__trap:
  sd t0, ${at(32)}
  sd t1, ${at(40)}
  sd t2, ${at(48)}
  csrr t0, mcause
  addi t1, t0, -4
  li t2, 4
  bgeu t1, t2, __trap_fatal
  csrr t1, mepc
  lhu t2, 0(t1)
  andi t2, t2, 0x7f
  addi t2, t2, -0x2f
  bnez t2, 1f
  lhu t2, 2(t1)
  srli t2, t2, 11
  addi t2, t2, -2
  beqz t2, 1f
  ori t0, t0, 2
  csrw mcause, t0
1:sd t0, ${at(TRAP_LOG + 16)}
  ld t2, ${at(TRAP_LOG)}
  addi t2, t2, 1
  sd t2, ${at(TRAP_LOG)}
  ld t2, ${at(TRAP_LOG + 8)}
${mix('t0')}
  csrr t0, mtval
  sd t0, ${at(TRAP_LOG + 24)}
${mix('t0')}
${mix('t1')}
  sd t2, ${at(TRAP_LOG + 8)}
  lhu t0, 0(t1)
  andi t0, t0, 3
  addi t1, t1, 2
  addi t0, t0, -3
  bnez t0, 2f
  addi t1, t1, 2
2:csrw mepc, t1
  ld t0, ${at(32)}
  ld t1, ${at(40)}
  ld t2, ${at(48)}
  mret
`;
}

/** Names of the CSRs in the final dump, in order. */
export const DUMP_CSRS = CSRS.map((c) => c.name);

function initialCsrValue(rng: Rng, c: CsrSpec): bigint {
  if (c.value) return c.value(rng);
  const mask = c.mask ?? M64;
  return randValue(rng) & mask;
}

export function generate(opts: GenOptions): Program {
  callSite = 0;
  // Independent streams so that options never change the random content.
  const initRng = new Rng(opts.seed ^ 0x5a5a5a5a);
  const blockRng = new Rng(opts.seed);

  // Initial state.
  const regInit: bigint[] = [];
  for (let r = 0; r < 32; r++) regInit.push(s64(randValue(initRng)));
  const csrInit = new Map<string, bigint>();
  for (const c of CSRS) if (!c.readOnly) csrInit.set(c.name, s64(initialCsrValue(initRng, c)));
  const scratch: bigint[] = [];
  for (let i = 0; i < SCRATCH_SIZE / 8; i++) scratch.push(i < SCRATCH_RESERVED / 8 ? 0n : s64(randValue(initRng)));
  const hot = opts.hot;
  if (hot) for (let i = TRAP_LOG / 8; i < HOT_RESERVED / 8; i++) scratch[i] = 0n;
  if (hot && !(Number.isInteger(hot.iterations) && hot.iterations >= 1 && hot.iterations < 2 ** 31)) throw new Error(`bad hot.iterations ${hot.iterations}`);
  // f registers: boxed (or improperly boxed) singles and doubles from the pools; fcsr with a
  // valid frm (dynamic rounding must work) and random accrued flags.
  const fregInit: bigint[] = [];
  const ftype: Fmt[] = [];
  for (let r = 0; r < 32; r++) {
    const single = initRng.chance(0.5);
    ftype.push(single ? 's' : 'd');
    fregInit.push(s64(single ? boxedSingle(initRng) : fp64Pattern(initRng)));
  }
  const fcsrInit = BigInt((initRng.int(0, 4) << 5) | initRng.int(0, 31));

  // Blocks.
  const gen = new BlockGen(blockRng, opts.fpShare ?? FP_SHARE, ftype, !!hot);
  const iterations = hot?.iterations ?? 1;
  const blocks: Block[] = [];
  let minExecuted = 0;
  let maxExecuted = 0;
  let generated = 0;
  const lastBlock = opts.traceBlock ?? opts.stopAfter;
  while (lastBlock !== undefined ? blocks.length <= lastBlock : minExecuted < opts.minInsns) {
    const b = gen.block();
    blocks.push(b);
    minExecuted += b.minExec * iterations;
    maxExecuted += b.maxExec * iterations;
    for (const it of b.items) generated += it.insns;
  }

  // Emit. Everything before blk_0 (data, prologue, fixed code) has the same addresses in every
  // variant of a seed (trace, perturbed), so code addresses that reach registers (lla __trap,
  // the scratch pointer) do not move; only code after a traced block or a perturbed item does.
  const fullFrom = opts.fullFrom ?? 0xffffffff;
  if (opts.fullEnd !== undefined && !hot) throw new Error('fullEnd is for hot programs');
  const out: string[] = [];
  out.push(
    `# rvisor differential test program, seed 0x${(opts.seed >>> 0).toString(16)}`,
    `# blocks=${blocks.length} generated=${generated} minExecuted=${minExecuted}`,
    '.option norelax',
    '.option norvc',
    '.section .text',
    '.globl _start',
    '_start:',
    '  j __prologue',
    '.balign 4096',
    '__scratch:',
    ...chunk(scratch, 4).map((c) => '  .8byte ' + c.map(hex).join(', ')),
    '__reginit:',
    ...chunk(regInit, 4).map((c) => '  .8byte ' + c.map(hex).join(', ')),
    '__freginit:',
    ...chunk([...fregInit, fcsrInit], 4).map((c) => '  .8byte ' + c.map(hex).join(', ')),
    '__params:',
    `  .8byte ${opts.memHash ? 1 : 0}, ${fullFrom}${hot ? `, ${opts.fullEnd ?? 0xffffffff}` : ''}`,
    '__str_hdr: .asciz "RVDIFF 2\\n"',
    '__str_end: .asciz "END\\n"',
    '__str_trap: .asciz "\\nTRAP "',
    '.balign 4096',
    '__prologue:',
    `  lla sp, __scratch`,
    `  addi sp, sp, 2047`,
    `  addi sp, sp, ${SP_OFF - 2047}`,
    `  li t0, ${RECORD_BASE}`,
    `  sd t0, -2040(sp)`,
    `  lla t0, __params`,
    `  ld t1, 0(t0)`,
    `  sd t1, -2032(sp)`,
    `  ld t1, 8(t0)`,
    `  sd t1, -2024(sp)`,
    ...(hot ? ['  ld t1, 16(t0)', `  sd t1, ${HOT_FULL_END - SP_OFF}(sp)`] : []),
    `  lla t0, __trap`,
    `  csrw mtvec, t0`,
  );
  out.push('  csrw satp, zero'); // the reset value is not architectural; a bad MODE is ignored
  for (const c of CSRS) {
    if (c.readOnly || c.name === 'mtvec') continue;
    out.push(`  li t0, ${hex(csrInit.get(c.name)! & ~(c.keep ?? 0n))}`, `  csrw ${c.name}, t0`);
  }
  // FP on: FS = Initial; loading the f registers makes it Dirty (see FS_DIRTY).
  out.push(`  li t0, ${hex(FS_MASK)}`, '  csrc mstatus, t0', '  li t0, 0x2000', '  csrs mstatus, t0', '  lla t0, __freginit');
  for (let r = 0; r < 32; r++) out.push(`  fld ${fregName(r)}, ${r * 8}(t0)`);
  out.push('  ld t1, 256(t0)', '  csrw fcsr, t1');
  out.push(`  li s11, ${UART_THR}`, `  lla a0, __str_hdr`, `  call __puts`);
  out.push(`  lla t0, __reginit`);
  for (let r = 1; r < 32; r++) if (r !== 2 && r !== 3 && r !== 5) out.push(`  ld ${regName(r)}, ${r * 8}(t0)`);
  out.push(`  ld t0, 40(t0)`);
  // A hot block's loop counter is set before the checkpoint in front of it, so that the
  // checkpoint returns to the loop head: a branch target, where compiled code is entered.
  const loopCount = hot ? liSeq('tp', BigInt(iterations)).map((l) => '  ' + l) : [];
  out.push(...loopCount);
  out.push(...ckptCall(0, !!hot).map((l) => '  ' + l));
  out.push('  j blk_0');
  out.push(fixedCode(!!hot));
  // Pages of their own for the blocks, the checkpoint routine and the trap handler (with the
  // epilogue): the JIT keeps or drops a page's compiled code by how it runs (assembly/jit.ts).
  if (hot) out.push('.balign 4096');

  let mode: Mode = 'norvc';
  const setMode = (m: Mode): void => {
    if (m !== mode) {
      out.push(`.option ${m}`);
      mode = m;
    }
  };
  const mnemonics = new Map<string, number>();
  const perturbed = new Map<string, Perturbation>();
  for (const p of opts.perturb === undefined ? [] : Array.isArray(opts.perturb) ? opts.perturb : [opts.perturb]) perturbed.set(`${p.block}/${p.item}`, p);
  for (let b = 0; b < blocks.length; b++) {
    const blk = blocks[b];
    const targets = new Set<number>();
    for (const it of blk.items) if (it.target !== undefined) targets.add(it.target);
    const trace = b === opts.traceBlock;
    out.push(`blk_${b}:`);
    if (hot) out.push(`.Lh${b}:`);
    for (let i = 0; i < blk.items.length; i++) {
      let it = blk.items[i];
      const p = perturbed.get(`${b}/${i}`);
      if (p) it = { ...it, lines: p.lines };
      if (targets.has(i)) out.push(`${label(b, i)}:`);
      if (trace) {
        setMode('norvc');
        out.push(...ckptCall(traceId(i), !!hot).map((l) => '  ' + l));
      }
      setMode(it.mode);
      for (const l of it.lines) {
        out.push('  ' + (it.target !== undefined ? l.replace('@T', label(b, it.target)) : l));
        const m = l.split(' ')[0];
        mnemonics.set(m, (mnemonics.get(m) ?? 0) + 1);
      }
    }
    if (targets.has(blk.items.length)) out.push(`${label(b, blk.items.length)}:`);
    setMode('norvc');
    if (hot) out.push('  addi tp, tp, -1', `  bnez tp, .Lh${b}`, ...loopCount);
    out.push(...ckptCall(b + 1, !!hot).map((l) => '  ' + l));
  }
  // The epilogue is far behind (more than jal's reach); the registers are recorded already.
  out.push('  lla t0, __epilogue', '  jr t0');
  // The ELF's ISA attribute follows the last .option: with C in it, objdump decodes compressed
  // instructions also in a copy without symbols (guest-build.ts: disassemble).
  out.push('.option rvc', '');

  // a traced hot block records every item of every iteration
  const traced = opts.traceBlock !== undefined ? 64 + (hot ? iterations * (blocks[opts.traceBlock].items.length + 1) : 0) : 0;
  const recordsNeeded = blocks.length + 1 + traced;
  if (RECORD_BASE + recordsNeeded * RECORD_SIZE > RECORD_LIMIT) throw new Error('program too large for the record area');

  return { seed: opts.seed, asm: out.join('\n'), blocks, generated, minExecuted, maxExecuted, mnemonics, options: opts };
}

function chunk<T>(a: T[], n: number): T[][] {
  const r: T[][] = [];
  for (let i = 0; i < a.length; i += n) r.push(a.slice(i, i + n));
  return r;
}
