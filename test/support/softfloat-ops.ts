// The operations test/softfloat.test.ts compares (their index is the op number shared with the
// guest program and test/support/softfloat-entry.ts), and the seeded generator of operand
// records biased towards the hard cases.

export type Kind = 'f32' | 'f64' | 'i32' | 'u32' | 'i64' | 'u64' | 'bool' | 'class';

export interface OpDef {
  /** RISC-V mnemonic */
  name: string;
  args: Kind[];
  res: Kind;
  /** takes a rounding mode (the guest uses `dyn`, the frm CSR holds rm) */
  rm: boolean;
  /** operand correlation family */
  family: 'add' | 'mul' | 'div' | 'sqrt' | 'fma' | 'cmp' | 'class' | 'f2i' | 'i2f' | 'f2f';
}

const S: Kind = 'f32';
const D: Kind = 'f64';

function fpOps(sfx: 's' | 'd', T: Kind): OpDef[] {
  return [
    { name: `fadd.${sfx}`, args: [T, T], res: T, rm: true, family: 'add' },
    { name: `fsub.${sfx}`, args: [T, T], res: T, rm: true, family: 'add' },
    { name: `fmul.${sfx}`, args: [T, T], res: T, rm: true, family: 'mul' },
    { name: `fdiv.${sfx}`, args: [T, T], res: T, rm: true, family: 'div' },
    { name: `fsqrt.${sfx}`, args: [T], res: T, rm: true, family: 'sqrt' },
    { name: `fmadd.${sfx}`, args: [T, T, T], res: T, rm: true, family: 'fma' },
    { name: `fmsub.${sfx}`, args: [T, T, T], res: T, rm: true, family: 'fma' },
    { name: `fnmsub.${sfx}`, args: [T, T, T], res: T, rm: true, family: 'fma' },
    { name: `fnmadd.${sfx}`, args: [T, T, T], res: T, rm: true, family: 'fma' },
    { name: `feq.${sfx}`, args: [T, T], res: 'bool', rm: false, family: 'cmp' },
    { name: `flt.${sfx}`, args: [T, T], res: 'bool', rm: false, family: 'cmp' },
    { name: `fle.${sfx}`, args: [T, T], res: 'bool', rm: false, family: 'cmp' },
    { name: `fmin.${sfx}`, args: [T, T], res: T, rm: false, family: 'cmp' },
    { name: `fmax.${sfx}`, args: [T, T], res: T, rm: false, family: 'cmp' },
    { name: `fclass.${sfx}`, args: [T], res: 'class', rm: false, family: 'class' },
    { name: `fcvt.w.${sfx}`, args: [T], res: 'i32', rm: true, family: 'f2i' },
    { name: `fcvt.wu.${sfx}`, args: [T], res: 'u32', rm: true, family: 'f2i' },
    { name: `fcvt.l.${sfx}`, args: [T], res: 'i64', rm: true, family: 'f2i' },
    { name: `fcvt.lu.${sfx}`, args: [T], res: 'u64', rm: true, family: 'f2i' },
  ];
}

export const OPS: OpDef[] = [
  ...fpOps('s', S),
  { name: 'fcvt.s.w', args: ['i32'], res: S, rm: true, family: 'i2f' },
  { name: 'fcvt.s.wu', args: ['u32'], res: S, rm: true, family: 'i2f' },
  { name: 'fcvt.s.l', args: ['i64'], res: S, rm: true, family: 'i2f' },
  { name: 'fcvt.s.lu', args: ['u64'], res: S, rm: true, family: 'i2f' },
  { name: 'fcvt.d.s', args: [S], res: D, rm: false, family: 'f2f' },
  { name: 'fcvt.s.d', args: [D], res: S, rm: true, family: 'f2f' },
  ...fpOps('d', D),
  { name: 'fcvt.d.w', args: ['i32'], res: D, rm: false, family: 'i2f' },
  { name: 'fcvt.d.wu', args: ['u32'], res: D, rm: false, family: 'i2f' },
  { name: 'fcvt.d.l', args: ['i64'], res: D, rm: true, family: 'i2f' },
  { name: 'fcvt.d.lu', args: ['u64'], res: D, rm: true, family: 'i2f' },
];

export const RM_NAMES = ['rne', 'rtz', 'rdn', 'rup', 'rmm'];
export const RECORD_BYTES = 32;
export const RESULT_BYTES = 16;

// ---------------------------------------------------------------------------------------------
// Random numbers: sfc32, seeded from one 32-bit seed.

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;
  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = seed >>> 0;
    for (let i = 0; i < 16; i++) this.u32();
  }
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  /** uniform integer in [0, n) (n <= 2^32) */
  below(n: number): number {
    return Math.floor((this.u32() / 4294967296) * n);
  }
  bit(): number {
    return this.u32() & 1;
  }
  chance(p: number): boolean {
    return this.u32() / 4294967296 < p;
  }
}

// ---------------------------------------------------------------------------------------------
// Bit views

const f64v = new Float64Array(1);
const u32ofF64 = new Uint32Array(f64v.buffer); // [lo, hi] (little-endian hosts)
const f32v = new Float32Array(1);
const u32ofF32 = new Uint32Array(f32v.buffer);

const P32 = 4294967296;
const P20 = 1048576;

export function f32Bits(x: number): number {
  f32v[0] = x;
  return u32ofF32[0];
}
export function f32Val(bits: number): number {
  u32ofF32[0] = bits;
  return f32v[0];
}
/** f64 bits as [hi, lo] go through these two globals to avoid allocation. */
let H = 0;
let L = 0;
function setF64(x: number): void {
  f64v[0] = x;
  L = u32ofF64[0];
  H = u32ofF64[1];
}
function f64Of(hi: number, lo: number): number {
  u32ofF64[0] = lo;
  u32ofF64[1] = hi;
  return f64v[0];
}

/** 52-bit mantissa patterns (a number < 2^52) */
function mant52(r: Rng): number {
  const rnd = (r.u32() & 0xfffff) * P32 + r.u32();
  switch (r.below(10)) {
    case 0:
    case 1:
    case 2:
      return rnd;
    case 3: {
      const k = 2 ** r.below(53);
      return Math.floor(rnd / k) * k; // trailing zeros
    }
    case 4: {
      const k = 2 ** r.below(53);
      return Math.floor(rnd / k) * k + (k - 1); // trailing ones
    }
    case 5:
      return r.below(8);
    case 6:
      return 2 ** 52 - 1 - r.below(8);
    case 7:
      return 2 ** r.below(52);
    case 8: {
      // a few bits set near the top and the bottom (midpoints for narrower roundings)
      return 2 ** r.below(52) + (r.bit() ? 2 ** r.below(52) : 0) + r.below(4);
    }
    default: {
      const k = 2 ** r.below(53);
      return (Math.floor(rnd / k) * k) % 2 ** 52 + (k > 1 ? k / 2 : 0);
    }
  }
}

/** 23-bit mantissa patterns */
function mant23(r: Rng): number {
  const rnd = r.u32() & 0x7fffff;
  switch (r.below(10)) {
    case 0:
    case 1:
    case 2:
      return rnd;
    case 3: {
      const k = 2 ** r.below(24);
      return Math.floor(rnd / k) * k;
    }
    case 4: {
      const k = 2 ** r.below(24);
      return Math.floor(rnd / k) * k + (k - 1);
    }
    case 5:
      return r.below(8);
    case 6:
      return 0x7fffff - r.below(8);
    case 7:
      return 1 << r.below(23);
    case 8:
      return ((1 << r.below(23)) + (r.bit() ? 1 << r.below(23) : 0) + r.below(4)) & 0x7fffff;
    default: {
      const k = 2 ** r.below(24);
      return ((Math.floor(rnd / k) * k) & 0x7fffff) + (k > 1 ? k / 2 : 0);
    }
  }
}

const SPECIAL64: [number, number][] = [
  [0, 0], // 0
  [0, 1], // min subnormal
  [0x000fffff, 0xffffffff], // max subnormal
  [0x00100000, 0], // min normal
  [0x00100000, 1],
  [0x3ff00000, 0], // 1
  [0x3fe00000, 0], // 0.5
  [0x40000000, 0], // 2
  [0x3ff80000, 0], // 1.5
  [0x7fefffff, 0xffffffff], // max
  [0x7fe00000, 0],
  [0x7ff00000, 0], // inf
  [0x7ff80000, 0], // canonical qNaN
  [0x7ff80000, 0x1234], // qNaN payload
  [0x7fffffff, 0xffffffff], // qNaN all ones
  [0x7ff00000, 1], // sNaN
  [0x7ff40000, 0], // sNaN
  [0x7ff7ffff, 0xffffffff], // sNaN
];
const SPECIAL32: number[] = [
  0, 1, 0x007fffff, 0x00800000, 0x00800001, 0x3f800000, 0x3f000000, 0x40000000, 0x3fc00000, 0x7f7fffff,
  0x7f000000, 0x7f800000, 0x7fc00000, 0x7fc01234, 0x7fffffff, 0x7f800001, 0x7fa00000, 0x7fbfffff,
];

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** Random f64 into H:L. */
function genF64(r: Rng): void {
  const sign = r.bit() ? 0x80000000 : 0;
  let e: number;
  switch (r.below(16)) {
    case 0: {
      const s = SPECIAL64[r.below(SPECIAL64.length)];
      H = (s[0] | sign) >>> 0;
      L = s[1];
      return;
    }
    case 1:
      H = r.u32();
      L = r.u32();
      return;
    case 2:
      e = 0;
      break;
    case 3:
      e = 1 + r.below(60);
      break;
    case 4:
      e = 0x7fe - r.below(60);
      break;
    case 5: {
      // inf / NaNs with random payloads
      const m = r.bit() ? mant52(r) : 0;
      const q = r.below(3);
      H = (sign | 0x7ff00000 | (q === 0 ? 0 : q === 1 ? 0x80000 : 0) | Math.floor(m / P32) % P20) >>> 0;
      L = m % P32;
      if (q === 2 && (H & 0xfffff) === 0 && L === 0) L = 1;
      return;
    }
    case 6:
    case 7:
      e = clamp(1023 + r.below(2000) - 1000, 1, 0x7fe);
      break;
    default:
      e = 1023 + r.below(64) - 32;
  }
  const m = mant52(r);
  H = (sign | (e << 20) | Math.floor(m / P32)) >>> 0;
  L = m % P32;
}

function genF32(r: Rng): number {
  const sign = r.bit() ? 0x80000000 : 0;
  let e: number;
  switch (r.below(16)) {
    case 0:
      return (SPECIAL32[r.below(SPECIAL32.length)] | sign) >>> 0;
    case 1:
      return r.u32();
    case 2:
      e = 0;
      break;
    case 3:
      e = 1 + r.below(30);
      break;
    case 4:
      e = 0xfe - r.below(30);
      break;
    case 5: {
      const m = r.bit() ? mant23(r) : 0;
      const q = r.below(3);
      let v = sign | 0x7f800000 | (q === 1 ? 0x400000 : 0) | m;
      if (q === 2) v = (v & ~0x400000) | ((v & 0x3fffff) === 0 ? 1 : 0);
      return v >>> 0;
    }
    case 6:
    case 7:
      e = r.below(254) + 1;
      break;
    default:
      e = 127 + r.below(32) - 16;
  }
  return (sign | (e << 23) | mant23(r)) >>> 0;
}

/** A value related to the f64 hi:lo (nearby, same magnitude, or exponent-shifted); into H:L. */
function nearF64(r: Rng, hi: number, lo: number): void {
  const sign = r.bit() ? 0x80000000 : 0;
  switch (r.below(5)) {
    case 0: // same magnitude
      H = ((hi & 0x7fffffff) | sign) >>> 0;
      L = lo;
      return;
    case 1:
      // a few ulps away (a borrow or carry out of the low word just lands further away)
      H = ((hi & 0x7fffffff) | sign) >>> 0;
      L = (lo + r.below(9) - 4) >>> 0;
      return;
    default: {
      // exponent shifted by a little, mantissa random or shared
      const e = (hi >>> 20) & 0x7ff;
      const ne = clamp(e + r.below(120) - 60, 0, 0x7fe);
      const keep = r.bit();
      const m = mant52(r);
      H = (sign | (ne << 20) | (keep ? hi & 0xfffff : Math.floor(m / P32))) >>> 0;
      L = keep ? (lo ^ (r.bit() ? r.below(16) : 0)) >>> 0 : m % P32;
    }
  }
}

function nearF32(r: Rng, a: number): number {
  const sign = r.bit() ? 0x80000000 : 0;
  switch (r.below(5)) {
    case 0:
      return ((a & 0x7fffffff) | sign) >>> 0;
    case 1: {
      let v = (a & 0x7fffffff) + r.below(9) - 4;
      if (v < 0) v = 0;
      if (v > 0x7f800000) v = 0x7f800000;
      return (v | sign) >>> 0;
    }
    default: {
      const e = (a >>> 23) & 0xff;
      const ne = clamp(e + r.below(60) - 30, 0, 0xfe);
      const m = r.bit() ? (a & 0x7fffff) ^ (r.bit() ? r.below(16) : 0) : mant23(r);
      return (sign | (ne << 23) | m) >>> 0;
    }
  }
}

/** f64 with exponent field e (biased) and a random pattern mantissa, into H:L */
function f64WithExp(r: Rng, e: number): void {
  const m = mant52(r);
  H = ((r.bit() ? 0x80000000 : 0) | (clamp(e, 0, 0x7fe) << 20) | Math.floor(m / P32)) >>> 0;
  L = m % P32;
}
function f32WithExp(r: Rng, e: number): number {
  return ((r.bit() ? 0x80000000 : 0) | (clamp(e, 0, 0xfe) << 23) | mant23(r)) >>> 0;
}

/** A target exponent near the underflow or the overflow threshold (biased, may be out of range). */
function edgeExp(r: Rng, max: number, prec: number): number {
  return r.bit() ? r.below(prec + 8) - prec - 2 : max - 4 + r.below(8);
}

/** Float -> integer operands: values near 2^31, 2^32, 2^63, 2^64, halves, small values. */
function f2iValue(r: Rng): number {
  const sign = r.bit() ? -1 : 1;
  switch (r.below(6)) {
    case 0: {
      const k = [31, 32, 63, 64][r.below(4)];
      return sign * (2 ** k + (r.below(2049) - 1024) * 2 ** (k - 52 + r.below(30)));
    }
    case 1:
      return sign * (r.below(1 << 20) + [0, 0.5, 0.25, 0.75][r.below(4)]);
    case 2:
      return sign * [0.4, 0.5, 0.6, 1.5, 2.5, 0.999, 1e-300, 0.49999999999999994][r.below(8)];
    case 3:
      return sign * 2 ** (r.below(70) - 3) * (1 + r.below(1 << 20) / (1 << 20));
    case 4:
      return sign * (2 ** r.below(66)) * (1 - 2 ** -(1 + r.below(60)));
    default:
      return sign * (r.u32() + r.below(4) / 4) * 2 ** r.below(34);
  }
}

/** Integer operand as [hi, lo] into H:L. */
function genInt(r: Rng, kind: Kind): void {
  const is32 = kind === 'i32' || kind === 'u32';
  switch (r.below(6)) {
    case 0: {
      const s = [0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 32 - 1, 2 ** 24, 2 ** 24 + 1, 2 ** 53 - 1, -(2 ** 53)][r.below(10)];
      setIntFromNumber(s);
      if (r.bit()) {
        // 64-bit specials
        const t = r.below(4);
        H = [0x7fffffff, 0x80000000, 0xffffffff, 0x80000000][t];
        L = [0xffffffff, 0, 0xffffffff, 1][t];
      }
      break;
    }
    case 1:
      H = r.u32();
      L = r.u32();
      break;
    default: {
      // leading bit at position p, then a rounding-relevant pattern below it
      const p = r.below(is32 ? 32 : 64);
      let hi = 0;
      let lo = 0;
      const setBit = (b: number): void => {
        if (b < 0) return;
        if (b >= 32) hi |= 1 << (b - 32);
        else lo |= 1 << b;
      };
      setBit(p);
      const prec = [24, 53][r.below(2)];
      const cut = p - prec; // first bit below the precision
      switch (r.below(4)) {
        case 0: // halfway (+ maybe sticky)
          setBit(cut);
          if (r.bit()) setBit(r.below(Math.max(cut, 1)) - (cut <= 0 ? 1 : 0));
          if (r.bit()) setBit(cut + 1); // odd
          break;
        case 1: // random bits
          for (let i = 0; i < 6; i++) setBit(r.below(p + 1));
          break;
        case 2: // all ones below p
          for (let b = 0; b < p; b++) setBit(b);
          break;
        default:
          hi |= r.u32() & (p >= 32 ? (p === 63 ? 0x7fffffff : (1 << (p - 32)) - 1) : 0);
          lo |= p >= 32 ? r.u32() : r.u32() & ((2 ** p - 1) >>> 0);
      }
      H = hi >>> 0;
      L = lo >>> 0;
      if (r.bit()) negate64();
    }
  }
  if (is32) {
    // 32-bit operands: the guest's fcvt.s.w reads the low 32 bits; keep the upper half as sign
    // extension (what a real program has) or as garbage half the time (must be ignored).
    H = r.bit() ? (L & 0x80000000 ? 0xffffffff : 0) : r.u32();
  }
}

/** H:L = the two's complement of the integer v (|v| <= 2^53). */
function setIntFromNumber(v: number): void {
  const m = Math.abs(v);
  H = Math.floor(m / P32) >>> 0;
  L = m % P32 >>> 0;
  if (v < 0) negate64();
}

function negate64(): void {
  L = (~L + 1) >>> 0;
  H = (~H + (L === 0 ? 1 : 0)) >>> 0;
}

const MIN_NORMAL64 = 2 ** -1022;
const MIN_NORMAL32 = 2 ** -126;
const MAX32 = 3.4028234663852886e38;

/** Results worth landing on: the underflow and overflow thresholds and the subnormal range. */
function target64(r: Rng): number {
  const s = r.bit() ? -1 : 1;
  switch (r.below(7)) {
    case 0:
    case 6:
      return s * MIN_NORMAL64;
    case 1:
      return s * MIN_NORMAL64 * (1 - 2 ** -(1 + r.below(54)));
    case 2:
    case 3:
      return s * Number.MAX_VALUE;
    case 4:
      return s * 2 ** -1074 * (r.below(16) + 0.5);
    default:
      return s * MIN_NORMAL64 * 2 ** -r.below(53);
  }
}
function target32(r: Rng): number {
  const s = r.bit() ? -1 : 1;
  switch (r.below(7)) {
    case 0:
    case 6:
      return s * MIN_NORMAL32;
    case 1:
      return s * MIN_NORMAL32 * (1 - 2 ** -(1 + r.below(25)));
    case 2:
    case 3:
      return s * MAX32;
    case 4:
      return s * 2 ** -149 * (r.below(16) + 0.5);
    default:
      return s * MIN_NORMAL32 * 2 ** -r.below(24);
  }
}

// Operand classes for the directed part: every combination of these, in every rounding mode.
const CLASSES32 = [
  0, 0x80000000, 1, 0x807fffff, 0x00800000, 0xbf800000, 0x3f800000, 0xff7fffff, 0x7f7fffff, 0x7f800000,
  0xff800000, 0x7fc00000, 0xffc01234, 0x7f800001,
];
const CLASSES64: [number, number][] = [
  [0, 0], [0x80000000, 0], [0, 1], [0x800fffff, 0xffffffff], [0x00100000, 0], [0xbff00000, 0],
  [0x3ff00000, 0], [0xffefffff, 0xffffffff], [0x7fefffff, 0xffffffff], [0x7ff00000, 0], [0xfff00000, 0],
  [0x7ff80000, 0], [0xfff80000, 0x1234], [0x7ff00000, 1],
];
const CLASSES_INT: [number, number][] = [
  [0, 0], [0, 1], [0xffffffff, 0xffffffff], [0, 0x7fffffff], [0xffffffff, 0x80000000], [0, 0xffffffff],
  [0x7fffffff, 0xffffffff], [0x80000000, 0], [0xffffffff, 0xffffffff],
];

/** A mantissa with one to three bits set, often including the lowest one. */
function sparse52(r: Rng): number {
  let m = r.bit() ? 1 : 0;
  for (let k = r.below(3); k >= 0; k--) m += 2 ** r.below(52);
  return m % 2 ** 52;
}
function sparse23(r: Rng): number {
  let m = r.bit() ? 1 : 0;
  for (let k = r.below(3); k >= 0; k--) m |= 1 << r.below(23);
  return m & 0x7fffff;
}

/**
 * Directed records: for every op, every combination of operand classes (zeros, subnormals,
 * one, max, infinities, quiet and signalling NaNs) in every rounding mode. Fills from record 0
 * while there is room; returns the number written.
 */
function directedRecords(n: number, u32: Uint32Array): number {
  let i = 0;
  const put = (opIndex: number, rm: number, ops: [number, number][]): void => {
    if (i >= n) return;
    const w = i * 8;
    u32[w] = opIndex;
    u32[w + 1] = rm;
    for (let j = 0; j < 3; j++) {
      u32[w + 2 + 2 * j] = ops[j] ? ops[j][1] >>> 0 : 0;
      u32[w + 3 + 2 * j] = ops[j] ? ops[j][0] >>> 0 : 0;
    }
    i++;
  };
  OPS.forEach((op, opIndex) => {
    const classes = op.args.map((k): [number, number][] =>
      k === 'f32' ? CLASSES32.map((v) => [0, v]) : k === 'f64' ? CLASSES64 : CLASSES_INT,
    );
    const combos: [number, number][][] = [[]];
    for (const cl of classes) {
      const next: [number, number][][] = [];
      for (const c of combos) for (const v of cl) next.push([...c, v]);
      combos.splice(0, combos.length, ...next);
    }
    for (const c of combos) for (let rm = 0; rm < (op.rm ? 5 : 1); rm++) put(opIndex, rm, c);
  });
  const opNamed = (name: string): number => OPS.findIndex((o) => o.name === name);
  const allRm = (name: string, ops: [number, number][]): void => {
    for (let rm = 0; rm < 5; rm++) put(opNamed(name), rm, ops);
  };
  const neg = (v: [number, number]): [number, number] => [(v[0] ^ 0x80000000) >>> 0, v[1]];
  const s32 = (v: number): [number, number] => [0, v >>> 0];
  // Results that round up to the smallest normal from just below it: tiny after rounding only
  // when the exact value is below the 53-bit (24-bit) rounding point of 2^-1022 (2^-126).
  // (1 - 2^-53) / 2^1022 is the only tiny inexact quotient of normals that rounds to 2^-1022.
  const th64: [string, [number, number], [number, number]][] = [
    ['fdiv.d', [0x3fefffff, 0xffffffff], [0x7fd00000, 0]], // (1 - 2^-53) / 2^1022
    ['fdiv.d', [0x3fefffff, 0xfffffffe], [0x7fd00000, 0]],
    ['fmul.d', [0x3fefffff, 0xffffffff], [0x00100000, 0]], // (1 - 2^-53) * 2^-1022
    ['fmul.d', [0x3fefffff, 0xfffffffe], [0x00100000, 0]],
    ['fmul.d', [0x3fe00000, 0x00000001], [0x00200000, 0]], // rounds onto the smallest normal
    ['fmul.d', [0x3fefffff, 0xffffffff], [0x7fe00000, 0]], // max-ish products near overflow
    ['fmul.d', [0x3ff00000, 0x00000001], [0x7fefffff, 0xffffffff]],
    ['fdiv.d', [0x7fefffff, 0xffffffff], [0x3fefffff, 0xffffffff]],
  ];
  for (const [name, a, b] of th64) {
    for (const [x, y] of [[a, b], [neg(a), b], [a, neg(b)], [neg(a), neg(b)]]) allRm(name, [x, y]);
  }
  const th32: [string, number, number][] = [
    ['fdiv.s', 0x3f7fffff, 0x7e800000], // (1 - 2^-24) / 2^126
    ['fdiv.s', 0x3f7ffffe, 0x7e800000],
    ['fmul.s', 0x3f7fffff, 0x00800000],
    ['fmul.s', 0x3f7ffffe, 0x00800000],
    ['fmul.s', 0x3f000001, 0x01000000],
    ['fmul.s', 0x3f7fffff, 0x7f000000],
    ['fmul.s', 0x3f800001, 0x7f7fffff],
    ['fdiv.s', 0x7f7fffff, 0x3f7fffff],
  ];
  for (const [name, a, b] of th32) {
    for (const sa of [0, 0x80000000]) for (const sb of [0, 0x80000000]) allRm(name, [s32(a ^ sa), s32(b ^ sb)]);
  }
  // binary64 values at and around binary32's smallest normal and its rounding point below it
  for (const lo of [0, 1, 0xffffffff]) {
    for (const hi of [0x380fffff, 0x38100000, 0x380fe000, 0x380ff000, 0x47efffff]) {
      allRm('fcvt.s.d', [[hi, lo]]);
      allRm('fcvt.s.d', [[(hi | 0x80000000) >>> 0, lo]]);
    }
  }
  allRm('fcvt.s.d', [[0x380fffff, 0xe0000000]]); // 2^-126 * (1 - 2^-24) exactly
  allRm('fcvt.s.d', [[0x47efffff, 0xf0000000]]); // binary32 max + half an ulp
  // FMA with products whose two bits are far apart (significands 2^k + 1 and 2^2k - 2^k + 1
  // multiply to 2^3k + 1): against c = +-2^e for every alignment, the low product bit is the only
  // thing below the rounding point, so every sticky shift must keep it.
  for (const k of [25, 26]) {
    const ma = 2 ** (52 - k); // (2^k + 1) << (52 - k), minus the hidden bit
    const mb = (2 ** (2 * k) - 2 ** k + 1) * 2 ** (53 - 2 * k) - 2 ** 52;
    const a: [number, number] = [0x3ff00000 | Math.floor(ma / P32), ma % P32];
    const b: [number, number] = [0x3ff00000 | Math.floor(mb / P32), mb % P32];
    for (let e = 1023 - 140; e <= 1023 + 140; e++) {
      for (const sc of [0, 0x80000000]) {
        const c: [number, number] = [(sc | (e << 20)) >>> 0, 0];
        allRm('fmadd.d', [a, b, c]);
      }
    }
  }
  for (const k of [8, 9, 10, 11]) {
    const a = 0x3f800000 | (1 << (23 - k));
    const b = 0x3f800000 | (((2 ** (2 * k) - 2 ** k + 1) * 2 ** (24 - 2 * k)) & 0x7fffff);
    for (let e = 127 - 70; e <= 127 + 70; e++) {
      for (const sc of [0, 0x80000000]) allRm('fmadd.s', [s32(a), s32(b), s32(sc | (e << 23))]);
    }
  }
  return i;
}

/**
 * Fill `n` records into `u32` (8 words each: op, rm, a.lo, a.hi, b.lo, b.hi, c.lo, c.hi): first
 * the directed records, then random ones cycling through the ops in order with a random rm.
 * Returns the number of directed records.
 */
export function generateRecords(seed: number, n: number, u32: Uint32Array): number {
  const r = new Rng(seed);
  const first = directedRecords(n, u32);
  for (let i = first; i < n; i++) {
    const opIndex = i % OPS.length;
    const op = OPS[opIndex];
    const w = i * 8;
    u32[w] = opIndex;
    u32[w + 1] = r.below(5);
    const T = op.args[0];
    let aH = 0;
    let aL = 0;
    let bH = 0;
    let bL = 0;
    let cH = 0;
    let cL = 0;
    if (T === 'f64') {
      genF64(r);
      aH = H;
      aL = L;
      if (op.args.length >= 2) {
        genF64(r);
        bH = H;
        bL = L;
      }
      if (op.args.length >= 3) {
        genF64(r);
        cH = H;
        cL = L;
      }
      const corr = r.chance(0.6);
      switch (op.family) {
        case 'add':
        case 'cmp':
          if (corr) {
            nearF64(r, aH, aL);
            bH = H;
            bL = L;
          }
          break;
        case 'mul':
        case 'div':
          if (corr) {
            // exponents whose sum/difference lands near the underflow or overflow threshold
            const ea = (aH >>> 20) & 0x7ff;
            const t = edgeExp(r, 0x7fe, 53);
            f64WithExp(r, op.family === 'mul' ? t - ea + 1023 : ea - t + 1023);
            bH = H;
            bL = L;
            if (op.family === 'div' && r.bit()) {
              // exact quotients: a = b * small integer
              setF64(f64Of(bH, bL) * (1 + r.below(64)));
              aH = H;
              aL = L;
            }
          }
          break;
        case 'sqrt':
          if (corr) {
            // perfect squares (few mantissa bits), squares of randoms, and their neighbours
            if (r.bit()) genF64(r);
            else f64WithExp(r, 1023 + r.below(1000) - 500); // squares stay in range
            let x = f64Of(H & 0x7fffffff, r.bit() ? 0 : L);
            if (r.bit()) {
              // exact squares: x with at most 26 significant bits
              const keep = r.below(26); // mantissa bits kept
              const m = Math.floor(((H & 0xfffff) * P32 + L) / 2 ** (52 - keep)) * 2 ** (52 - keep);
              x = f64Of((H & 0x7ff00000) | Math.floor(m / P32), m % P32);
            }
            setF64(x * x);
            aH = H;
            aL = (L + (r.bit() ? 0 : r.below(5) - 2)) >>> 0;
          }
          break;
        case 'fma':
          if (corr) {
            // c near -(a*b): cancellation, ties and sticky bits in the sum
            const p = f64Of(aH, aL) * f64Of(bH, bL);
            if (Number.isFinite(p) && p !== 0) {
              setF64(-p);
              if (r.bit()) {
                cH = H;
                cL = (L + r.below(9) - 4) >>> 0;
              } else {
                nearF64(r, H, L);
                cH = H;
                cL = L;
              }
            }
          }
          break;
        case 'f2i':
          if (corr) {
            setF64(f2iValue(r));
            aH = H;
            aL = L;
          }
          break;
        case 'f2f':
          if (corr) {
            // doubles around binary32's range limits, rounding points, and subnormals
            const e = r.bit() ? 1023 - 126 - r.below(30) : 1023 + 127 + r.below(3) - 1;
            f64WithExp(r, r.bit() ? e : 1023 + r.below(40) - 20);
            aH = H;
            aL = L;
            if (r.bit()) aL = (aL & 0xe0000000) | (r.bit() ? 0x10000000 : 0x0fffffff);
          }
          break;
        default:
      }
      if (op.family === 'fma' && r.chance(0.15)) {
        // sparse products far below or above c: long runs of zeros between their bits make the
        // sticky bits of the alignment decide the rounding
        const ea = 1023 + r.below(40) - 20;
        const eb = 1023 + r.below(40) - 20;
        const ma = sparse52(r);
        const mb = sparse52(r);
        aH = ((r.bit() ? 0x80000000 : 0) | (ea << 20) | Math.floor(ma / P32)) >>> 0;
        aL = ma % P32;
        bH = ((r.bit() ? 0x80000000 : 0) | (eb << 20) | Math.floor(mb / P32)) >>> 0;
        bL = mb % P32;
        const ec = clamp(ea + eb - 1023 + (r.bit() ? 1 : -1) * r.below(140), 1, 0x7fe);
        const mc = r.bit() ? sparse52(r) : r.bit() ? 0 : 2 ** 52 - 1;
        cH = ((r.bit() ? 0x80000000 : 0) | (ec << 20) | Math.floor(mc / P32)) >>> 0;
        cL = mc % P32;
      }
      if (r.chance(0.4) && (op.family === 'add' || op.family === 'mul' || op.family === 'div' || op.family === 'fma')) {
        // aim the exact result at a threshold: b from a and the target, then a few ulps off
        const T = target64(r);
        const av = f64Of(aH, aL);
        const bv = op.family === 'add' ? T - av : op.family === 'div' ? av / T : T / av;
        if (Number.isFinite(av) && av !== 0 && Number.isFinite(bv) && bv !== 0) {
          setF64(bv);
          bH = H;
          bL = (L + (r.bit() ? r.below(3) - 1 : r.below(9) - 4)) >>> 0;
          if (op.family === 'fma') {
            const p = av * f64Of(bH, bL);
            setF64(r.bit() ? T - p : T * 2 ** -r.below(80) * (r.bit() ? -1 : 1));
            cH = H;
            cL = (L + (r.bit() ? 0 : r.below(5) - 2)) >>> 0;
            // fmsub/fnm*: the guest negates c and/or the product; undo that on half of them
            if (r.bit() && op.name !== 'fmadd.d') {
              cH = (cH ^ 0x80000000) >>> 0;
            }
          }
        }
      }
      if (op.family === 'f2f' && r.chance(0.3)) {
        // doubles at (or a few ulps from) binary32 rounding points near its thresholds
        const T = target32(r) * (1 + (r.bit() ? -1 : 1) * 2 ** -(24 + r.below(4)));
        setF64(T);
        aH = H;
        aL = (L + r.below(9) - 4) >>> 0;
      }
    } else if (T === 'f32') {
      let a = genF32(r);
      let b = op.args.length >= 2 ? genF32(r) : 0;
      let c = op.args.length >= 3 ? genF32(r) : 0;
      const corr = r.chance(0.6);
      switch (op.family) {
        case 'add':
        case 'cmp':
          if (corr) b = nearF32(r, a);
          break;
        case 'mul':
        case 'div':
          if (corr) {
            const ea = (a >>> 23) & 0xff;
            const t = edgeExp(r, 0xfe, 24);
            b = f32WithExp(r, op.family === 'mul' ? t - ea + 127 : ea - t + 127);
            if (op.family === 'div' && r.bit()) a = f32Bits(f32Val(b) * (1 + r.below(64)));
          }
          break;
        case 'sqrt':
          if (corr) {
            let x = f32Val((r.bit() ? genF32(r) : f32WithExp(r, 127 + r.below(120) - 60)) & 0x7fffffff);
            if (r.bit()) x = f32Val(f32Bits(x) & (0x7fffffff << (23 - r.below(12)))); // exact squares
            a = (f32Bits(x * x) + (r.bit() ? 0 : r.below(5) - 2)) >>> 0;
          }
          break;
        case 'fma':
          if (corr) {
            const p = f32Val(a) * f32Val(b); // exact in binary64
            if (Number.isFinite(p) && p !== 0) {
              // -p rounded to f32 in two ways, then nudged
              const q = r.bit() ? Math.fround(-p) : -p;
              const qb = f32Bits(q);
              c = r.bit() ? (qb + r.below(9) - 4) >>> 0 : nearF32(r, qb);
              if (r.chance(0.3)) {
                // the exact remainder of the product, for a tiny result
                c = f32Bits(-(p - Math.fround(p)));
              }
            }
          }
          break;
        case 'f2i':
          if (corr) a = f32Bits(f2iValue(r));
          break;
        default:
      }
      if (op.family === 'fma' && r.chance(0.15)) {
        const ea = 127 + r.below(20) - 10;
        const eb = 127 + r.below(20) - 10;
        a = ((r.bit() ? 0x80000000 : 0) | (ea << 23) | sparse23(r)) >>> 0;
        b = ((r.bit() ? 0x80000000 : 0) | (eb << 23) | sparse23(r)) >>> 0;
        const ec = clamp(ea + eb - 127 + (r.bit() ? 1 : -1) * r.below(60), 1, 0xfe);
        c = ((r.bit() ? 0x80000000 : 0) | (ec << 23) | (r.bit() ? sparse23(r) : r.bit() ? 0 : 0x7fffff)) >>> 0;
      }
      if (r.chance(0.4) && (op.family === 'add' || op.family === 'mul' || op.family === 'div' || op.family === 'fma')) {
        const T = target32(r);
        const av = f32Val(a);
        const bv = op.family === 'add' ? T - av : op.family === 'div' ? av / T : T / av;
        if (Number.isFinite(av) && av !== 0 && Number.isFinite(bv) && bv !== 0) {
          b = (f32Bits(bv) + (r.bit() ? r.below(3) - 1 : r.below(9) - 4)) >>> 0;
          if (op.family === 'fma') {
            const p = av * f32Val(b); // exact
            c = f32Bits(r.bit() ? T - p : T * 2 ** -r.below(40) * (r.bit() ? -1 : 1));
            if (r.bit()) c = (c + r.below(5) - 2) >>> 0;
            if (r.bit() && op.name !== 'fmadd.s') c = (c ^ 0x80000000) >>> 0;
          }
        }
      }
      aL = a;
      bL = b;
      cL = c;
    } else {
      genInt(r, T);
      aH = H;
      aL = L;
    }
    u32[w + 2] = aL;
    u32[w + 3] = aH;
    u32[w + 4] = bL;
    u32[w + 5] = bH;
    u32[w + 6] = cL;
    u32[w + 7] = cH;
  }
  return first;
}
