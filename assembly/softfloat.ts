// IEEE 754 binary32/binary64 arithmetic with RISC-V F/D semantics, bit-exact with QEMU/SoftFloat.
//
// Conventions
//   - Values travel as bit patterns: u32 (binary32) and u64 (binary64).
//   - `rm` is a resolved RISC-V rounding mode: 0 RNE, 1 RTZ, 2 RDN, 3 RUP, 4 RMM.
//   - Exception flags are OR-ed into `fflags` (RISC-V bit order); nothing here clears it.
//   - Every NaN result is the canonical NaN. Tininess is detected after rounding; UF is raised
//     only for a tiny AND inexact result.
//
// How results are computed
//   Every slow path reduces the exact result to a "round-to-odd" surrogate: a significand with at
//   least two bits more than the target precision whose lowest bit is 1 if (and only if) the exact
//   value had anything below it. Rounding that surrogate once (roundPackF32/F64) gives the same
//   bits and the same flags as rounding the exact value, in every mode and also for subnormal
//   results (which round at a coarser position). Exact arithmetic comes from:
//     f64 add/sub   integer add of 53-bit significands aligned with a sticky ("jam") shift
//     f64 mul/fma   64x64->128 integer products; fma aligns and adds in 128 bits
//     f64 div/sqrt  wasm's correctly rounded f64.div/f64.sqrt on significands scaled to [1,4),
//                   then the exact sign of q*b - a (or r*r - a) from a 128-bit integer product
//                   tells on which side of q the exact quotient lies
//     f32 ops       binary64 arithmetic, which is exact for f32 products and gives the exact error
//                   of f32 sums (Fast2Sum); f32 div uses u64 integer division, sqrt an integer
//                   square root
//   Fast paths (rm == RNE only) return wasm's own result and derive NX from an exactness test;
//   they are taken only when the result can be neither tiny nor overflowed (see each function).

export let fflags: u32 = 0;
export const F32_CANONICAL_NAN: u32 = 0x7fc00000;
export const F64_CANONICAL_NAN: u64 = 0x7ff8000000000000;

// Flag bits (fflags order).
const NX: u32 = 1;
const UF: u32 = 2;
const OF: u32 = 4;
const DZ: u32 = 8;
const NV: u32 = 16;

// Rounding modes.
const RNE: u32 = 0;
const RTZ: u32 = 1;
const RDN: u32 = 2;
const RUP: u32 = 3;
const RMM: u32 = 4;

// Set to false (by the test, in a copy of this file) to run every operation on the exact path.
const FAST_PATHS: bool = true;

// binary64 fields
const F64_SIGN: u64 = 0x8000000000000000;
const F64_ABS: u64 = 0x7fffffffffffffff;
const F64_EXP: u64 = 0x7ff0000000000000;
const F64_FRAC: u64 = 0x000fffffffffffff;
const F64_HIDDEN: u64 = 0x0010000000000000;
const F64_QUIET: u64 = 0x0008000000000000;
const F64_INF: u64 = 0x7ff0000000000000;
const F64_MAX: u64 = 0x7fefffffffffffff;
const F64_ONE: u64 = 0x3ff0000000000000;

// binary32 fields
const F32_SIGN: u32 = 0x80000000;
const F32_ABS: u32 = 0x7fffffff;
const F32_EXP: u32 = 0x7f800000;
const F32_FRAC: u32 = 0x007fffff;
const F32_HIDDEN: u32 = 0x00800000;
const F32_QUIET: u32 = 0x00400000;
const F32_INF: u32 = 0x7f800000;
const F32_MAX: u32 = 0x7f7fffff;

// ---------------------------------------------------------------------------------------------
// Small helpers

// Result of shiftRightJam128 (a 128-bit value as hi:lo).
let g_hi: u64 = 0;
let g_lo: u64 = 0;

/** High 64 bits of the 128-bit product a*b (the low half is a*b with wrapping). */
@inline function mulHi(a: u64, b: u64): u64 {
  const a0 = a & 0xffffffff, a1 = a >> 32;
  const b0 = b & 0xffffffff, b1 = b >> 32;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const mid = (p00 >> 32) + (p01 & 0xffffffff) + (p10 & 0xffffffff);
  return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

/** a >> n, OR-ing a 1 into bit 0 if any bit shifted out was 1 (n may exceed 63). */
@inline function shiftRightJam64(a: u64, n: u32): u64 {
  if (n == 0) return a;
  if (n < 64) return (a >> n) | <u64>((a << (64 - n)) != 0);
  return <u64>(a != 0);
}

/** 128-bit (hi:lo) >> n with jamming into bit 0; result in g_hi:g_lo. */
@inline function shiftRightJam128(hi: u64, lo: u64, n: u32): void {
  if (n == 0) {
    g_hi = hi;
    g_lo = lo;
  } else if (n < 64) {
    g_lo = (hi << (64 - n)) | (lo >> n) | <u64>((lo << (64 - n)) != 0);
    g_hi = hi >> n;
  } else if (n == 64) {
    g_lo = hi | <u64>(lo != 0);
    g_hi = 0;
  } else if (n < 128) {
    g_lo = (hi >> (n - 64)) | <u64>(((hi << (128 - n)) | lo) != 0);
    g_hi = 0;
  } else {
    g_lo = <u64>((hi | lo) != 0);
    g_hi = 0;
  }
}

@inline function isNaN64(a: u64): bool {
  return (a & F64_ABS) > F64_INF;
}
@inline function isSNaN64(a: u64): bool {
  return (a & F64_ABS) > F64_INF && (a & F64_QUIET) == 0;
}
@inline function isNaN32(a: u32): bool {
  return (a & F32_ABS) > F32_INF;
}
@inline function isSNaN32(a: u32): bool {
  return (a & F32_ABS) > F32_INF && (a & F32_QUIET) == 0;
}

/** Round increment for `rm` applied to `sign`, given the round-bit mask (half = (mask+1)/2). */
@inline function roundIncrement(rm: u32, sign: bool, mask: u64): u64 {
  if (rm == RNE || rm == RMM) return (mask >> 1) + 1;
  if (rm == RTZ) return 0;
  return (rm == RDN) == sign ? mask : 0;
}

// ---------------------------------------------------------------------------------------------
// Rounding and packing

/**
 * Round and pack a binary64. The value is sig * 2^(e - 1023 - 62) with sig in [2^62, 2^63)
 * (so `e` is the biased exponent the result has if it is normal; it may be <= 0 or > 0x7fe).
 * Bit 0 of sig may be a sticky bit. Sets NX/UF/OF.
 */
function roundPackF64(sign: bool, e: i32, sig: u64, rm: u32): u64 {
  const s: u64 = sign ? F64_SIGN : 0;
  const incr = roundIncrement(rm, sign, 0x3ff);
  if (<u32>(e - 1) >= 0x7fd) {
    if (e <= 0) {
      // Tiny after rounding: below 2^-1022 even when rounded to 53 bits with unbounded exponent.
      const tiny = e < 0 || sig + incr < 0x8000000000000000;
      sig = shiftRightJam64(sig, <u32>(1 - e));
      e = 1;
      if (tiny && (sig & 0x3ff) != 0) fflags |= UF;
    } else if (e > 0x7fe || sig + incr >= 0x8000000000000000) {
      fflags |= OF | NX;
      return s | (incr != 0 ? F64_INF : F64_MAX);
    }
  }
  const rbits = sig & 0x3ff;
  if (rbits != 0) fflags |= NX;
  sig = (sig + incr) >> 10;
  if (rm == RNE && rbits == 0x200) sig &= ~(<u64>1);
  // A carry out of the significand bumps the exponent by itself (the hidden bit adds 1 too).
  return s | ((<u64>(e - 1) << 52) + sig);
}

/** roundPackF64 for any nonzero sig (normalizes it first; sig may use bit 63). */
function normRoundPackF64(sign: bool, e: i32, sig: u64, rm: u32): u64 {
  const lz = <i32>clz(sig);
  if (lz == 0) {
    sig = (sig >> 1) | (sig & 1);
    e += 1;
  } else {
    sig <<= <u64>(lz - 1);
    e -= lz - 1;
  }
  return roundPackF64(sign, e, sig, rm);
}

/**
 * Round and pack a binary32. The value is sig * 2^(e - 127 - 62) with sig in [2^62, 2^63)
 * (39 round bits below the 24-bit significand). Sets NX/UF/OF.
 */
function roundPackF32(sign: bool, e: i32, sig: u64, rm: u32): u32 {
  const s: u32 = sign ? F32_SIGN : 0;
  const incr = roundIncrement(rm, sign, 0x7fffffffff);
  if (<u32>(e - 1) >= 0xfd) {
    if (e <= 0) {
      const tiny = e < 0 || sig + incr < 0x8000000000000000;
      sig = shiftRightJam64(sig, <u32>(1 - e));
      e = 1;
      if (tiny && (sig & 0x7fffffffff) != 0) fflags |= UF;
    } else if (e > 0xfe || sig + incr >= 0x8000000000000000) {
      fflags |= OF | NX;
      return s | (incr != 0 ? F32_INF : F32_MAX);
    }
  }
  const rbits = sig & 0x7fffffffff;
  if (rbits != 0) fflags |= NX;
  let r = <u32>((sig + incr) >> 39);
  if (rm == RNE && rbits == 0x4000000000) r &= ~(<u32>1);
  return s | ((<u32>(e - 1) << 23) + r);
}

function normRoundPackF32(sign: bool, e: i32, sig: u64, rm: u32): u32 {
  const lz = <i32>clz(sig);
  if (lz == 0) {
    sig = (sig >> 1) | (sig & 1);
    e += 1;
  } else {
    sig <<= <u64>(lz - 1);
    e -= lz - 1;
  }
  return roundPackF32(sign, e, sig, rm);
}

/**
 * Round to binary32 a nonzero, finite binary64 value `bits` (normal: all callers pass values of
 * f32 magnitude, far from f64's subnormal range).
 */
@inline function f64BitsToF32(bits: u64, rm: u32): u32 {
  const e = <i32>((bits >> 52) & 0x7ff) - (1023 - 127);
  return roundPackF32((bits >> 63) != 0, e, ((bits & F64_FRAC) | F64_HIDDEN) << 10, rm);
}

/**
 * Round-to-odd binary64 surrogate of s + err, where s = RNE(exact) and err = exact - s (both
 * exact, s nonzero): if err != 0 and s has an even significand, step one ulp towards the exact
 * value. The result's lowest significand bit is then a sticky bit for any coarser rounding.
 */
@inline function roundToOddBits(s: f64, err: f64): u64 {
  let bits = reinterpret<u64>(s);
  if (err != 0 && (bits & 1) == 0) {
    bits = (err > 0) == (s > 0) ? bits + 1 : bits - 1;
  }
  return bits;
}

// ---------------------------------------------------------------------------------------------
// binary64 arithmetic

function addF64Slow(a: u64, b: u64, rm: u32): u64 {
  let ea = <i32>((a >> 52) & 0x7ff);
  let eb = <i32>((b >> 52) & 0x7ff);
  if (ea == 0x7ff || eb == 0x7ff) {
    if (isNaN64(a) || isNaN64(b)) {
      if (isSNaN64(a) || isSNaN64(b)) fflags |= NV;
      return F64_CANONICAL_NAN;
    }
    if (ea == 0x7ff) {
      if (eb == 0x7ff && ((a ^ b) >> 63) != 0) {
        fflags |= NV;
        return F64_CANONICAL_NAN;
      }
      return a;
    }
    return b;
  }
  if ((a & F64_ABS) == 0) {
    if ((b & F64_ABS) == 0) {
      if (((a ^ b) >> 63) == 0) return a;
      return rm == RDN ? F64_SIGN : 0;
    }
    return b;
  }
  if ((b & F64_ABS) == 0) return a;
  // Order by magnitude: |a| >= |b|.
  if ((a & F64_ABS) < (b & F64_ABS)) {
    const t = a;
    a = b;
    b = t;
    const te = ea;
    ea = eb;
    eb = te;
  }
  let sa = a & F64_FRAC;
  let sb = b & F64_FRAC;
  if (ea == 0) ea = 1;
  else sa |= F64_HIDDEN;
  if (eb == 0) eb = 1;
  else sb |= F64_HIDDEN;
  // Significands at bit 61 (room for the carry); the value is sig * 2^((ea+1) - 1023 - 62).
  sa <<= 9;
  sb = shiftRightJam64(sb << 9, <u32>(ea - eb));
  const sign = (a >> 63) != 0;
  let sig: u64;
  if (((a ^ b) >> 63) == 0) {
    sig = sa + sb;
  } else {
    sig = sa - sb;
    if (sig == 0) return rm == RDN ? F64_SIGN : 0;
  }
  return normRoundPackF64(sign, ea + 1, sig, rm);
}

/** a + b. Fast path: wasm's RNE sum; NX from Fast2Sum (|x| >= |y| => s exact iff s - x == y). */
export function f64_add(a: u64, b: u64, rm: u32): u64 {
  if (FAST_PATHS && rm == RNE) {
    const x = reinterpret<f64>(a), y = reinterpret<f64>(b);
    const s = x + y;
    const sbits = reinterpret<u64>(s);
    // A finite sum means finite operands and no overflow; a sum whose magnitude is below 2^-1022
    // is always exact (both operands are multiples of 2^-1074), so UF can never be raised.
    if ((sbits & F64_EXP) != F64_EXP) {
      const xBig = (a & F64_ABS) >= (b & F64_ABS);
      const big = xBig ? x : y, small = xBig ? y : x;
      if (s - big != small) fflags |= NX;
      return sbits;
    }
  }
  return addF64Slow(a, b, rm);
}

export function f64_sub(a: u64, b: u64, rm: u32): u64 {
  return f64_add(a, b ^ F64_SIGN, rm);
}

function mulF64Slow(a: u64, b: u64, rm: u32): u64 {
  const sign = ((a ^ b) >> 63) != 0;
  const s: u64 = sign ? F64_SIGN : 0;
  let ea = <i32>((a >> 52) & 0x7ff);
  let eb = <i32>((b >> 52) & 0x7ff);
  let sa = a & F64_FRAC;
  let sb = b & F64_FRAC;
  if (ea == 0x7ff || eb == 0x7ff) {
    if (isNaN64(a) || isNaN64(b)) {
      if (isSNaN64(a) || isSNaN64(b)) fflags |= NV;
      return F64_CANONICAL_NAN;
    }
    if ((a & F64_ABS) == 0 || (b & F64_ABS) == 0) {
      fflags |= NV;
      return F64_CANONICAL_NAN;
    }
    return s | F64_INF;
  }
  if ((a & F64_ABS) == 0 || (b & F64_ABS) == 0) return s;
  if (ea == 0) {
    const sh = <i32>clz(sa) - 11;
    sa <<= <u64>sh;
    ea = 1 - sh;
  } else sa |= F64_HIDDEN;
  if (eb == 0) {
    const sh = <i32>clz(sb) - 11;
    sb <<= <u64>sh;
    eb = 1 - sh;
  } else sb |= F64_HIDDEN;
  const x = sa << 10, y = sb << 11;
  const hi = mulHi(x, y);
  const lo = x * y;
  // hi is in [2^61, 2^63); the value is hi * 2^((ea + eb - 1022) - 1023 - 62).
  return normRoundPackF64(sign, ea + eb - 1022, hi | <u64>(lo != 0), rm);
}

/**
 * a * b. Fast path: normal operands and a result with biased exponent in [2, 0x7fe] (no overflow,
 * not tiny). Exact iff sa*sb == sp << k (k = 52 or 53): any inexact product differs from sp<<k
 * by a nonzero amount below 2^63, so comparing the low 64 bits is enough.
 */
export function f64_mul(a: u64, b: u64, rm: u32): u64 {
  if (FAST_PATHS && rm == RNE) {
    const ea = <u32>((a >> 52) & 0x7ff), eb = <u32>((b >> 52) & 0x7ff);
    if (ea - 1 < 0x7fe && eb - 1 < 0x7fe) {
      const p = reinterpret<u64>(reinterpret<f64>(a) * reinterpret<f64>(b));
      const ep = <u32>((p >> 52) & 0x7ff);
      if (ep - 2 < 0x7fd) {
        const k = 52 + ep + 1023 - ea - eb;
        const sa = (a & F64_FRAC) | F64_HIDDEN, sb = (b & F64_FRAC) | F64_HIDDEN;
        if (sa * sb != ((p & F64_FRAC) | F64_HIDDEN) << k) fflags |= NX;
        return p;
      }
    }
  }
  return mulF64Slow(a, b, rm);
}

function divF64Slow(a: u64, b: u64, rm: u32): u64 {
  const sign = ((a ^ b) >> 63) != 0;
  const s: u64 = sign ? F64_SIGN : 0;
  let ea = <i32>((a >> 52) & 0x7ff);
  let eb = <i32>((b >> 52) & 0x7ff);
  let sa = a & F64_FRAC;
  let sb = b & F64_FRAC;
  if (ea == 0x7ff || eb == 0x7ff) {
    if (isNaN64(a) || isNaN64(b)) {
      if (isSNaN64(a) || isSNaN64(b)) fflags |= NV;
      return F64_CANONICAL_NAN;
    }
    if (ea == 0x7ff) {
      if (eb == 0x7ff) {
        fflags |= NV;
        return F64_CANONICAL_NAN;
      }
      return s | F64_INF;
    }
    return s; // finite / inf
  }
  if ((b & F64_ABS) == 0) {
    if ((a & F64_ABS) == 0) {
      fflags |= NV;
      return F64_CANONICAL_NAN;
    }
    fflags |= DZ;
    return s | F64_INF;
  }
  if ((a & F64_ABS) == 0) return s;
  if (ea == 0) {
    const sh = <i32>clz(sa) - 11;
    sa <<= <u64>sh;
    ea = 1 - sh;
  } else sa |= F64_HIDDEN;
  if (eb == 0) {
    const sh = <i32>clz(sb) - 11;
    sb <<= <u64>sh;
    eb = 1 - sh;
  } else sb |= F64_HIDDEN;
  // q = RNE(sa/sb) from the hardware, on significands scaled into [1, 2): q is in (1/2, 2).
  const q = reinterpret<u64>(
    reinterpret<f64>(F64_ONE | (sa & F64_FRAC)) / reinterpret<f64>(F64_ONE | (sb & F64_FRAC)),
  );
  const eq = <i32>((q >> 52) & 0x7ff) - 1023; // -1 or 0
  const m = (q & F64_FRAC) | F64_HIDDEN; // q = m * 2^(eq - 52)
  // Sign of m*sb - sa*2^(52-eq), i.e. of q - exact.
  const phi = mulHi(m, sb), plo = m * sb;
  const sh = <u64>(52 - eq);
  const ahi = sa >> (64 - sh), alo = sa << sh;
  let sig = m << 3;
  if (phi < ahi || (phi == ahi && plo < alo)) sig |= 1; // q below the exact quotient
  else if (phi != ahi || plo != alo) sig -= 1; // q above it
  // The value is sig * 2^(eq - 55) * 2^(ea - eb).
  return normRoundPackF64(sign, eq + ea - eb + 1030, sig, rm);
}

/**
 * a / b. Fast path: normal operands, quotient with biased exponent in [2, 0x7fe]. Exact iff
 * sq*sb == sa << k (k = 52 or 53); an inexact quotient makes the difference nonzero and below
 * 2^52 in magnitude, so the low 64 bits decide.
 */
export function f64_div(a: u64, b: u64, rm: u32): u64 {
  if (FAST_PATHS && rm == RNE) {
    const ea = <u32>((a >> 52) & 0x7ff), eb = <u32>((b >> 52) & 0x7ff);
    if (ea - 1 < 0x7fe && eb - 1 < 0x7fe) {
      const q = reinterpret<u64>(reinterpret<f64>(a) / reinterpret<f64>(b));
      const eq = <u32>((q >> 52) & 0x7ff);
      if (eq - 2 < 0x7fd) {
        const k = 52 + ea + 1023 - eb - eq;
        const sa = (a & F64_FRAC) | F64_HIDDEN, sb = (b & F64_FRAC) | F64_HIDDEN;
        if (((q & F64_FRAC) | F64_HIDDEN) * sb != sa << k) fflags |= NX;
        return q;
      }
    }
  }
  return divF64Slow(a, b, rm);
}

function sqrtF64Slow(a: u64, rm: u32): u64 {
  if (isNaN64(a)) {
    if (isSNaN64(a)) fflags |= NV;
    return F64_CANONICAL_NAN;
  }
  if ((a & F64_ABS) == 0) return a; // sqrt(+-0) = +-0
  if ((a >> 63) != 0) {
    fflags |= NV;
    return F64_CANONICAL_NAN;
  }
  if (a == F64_INF) return a;
  let ea = <i32>(a >> 52);
  let sa = a & F64_FRAC;
  if (ea == 0) {
    const sh = <i32>clz(sa) - 11;
    sa <<= <u64>sh;
    ea = 1 - sh;
  } else sa |= F64_HIDDEN;
  const E = ea - 1023;
  const odd = E & 1;
  // x = xi * 2^-52 in [1, 4); r = RNE(sqrt(x)) in [1, 2) from the hardware.
  const x = reinterpret<f64>(((<u64>(1023 + odd)) << 52) | (sa & F64_FRAC));
  const r = reinterpret<u64>(Math.sqrt(x));
  const m = (r & F64_FRAC) | F64_HIDDEN; // r = m * 2^-52
  const xi = sa << <u64>odd;
  // Sign of m*m - xi*2^52.
  const phi = mulHi(m, m), plo = m * m;
  const xhi = xi >> 12, xlo = xi << 52;
  let sig = m << 3;
  if (phi < xhi || (phi == xhi && plo < xlo)) sig |= 1;
  else if (phi != xhi || plo != xlo) sig -= 1;
  // The value is sig * 2^-55 * 2^((E - odd) / 2).
  return normRoundPackF64(false, ((E - odd) >> 1) + 1030, sig, rm);
}

/**
 * sqrt(a). Fast path: positive normal a. Exact iff sr*sr == sa << k (k = 52 or 53); an inexact
 * root makes the difference nonzero and below 2^54, so the low 64 bits decide. A square root can
 * neither overflow nor underflow.
 */
export function f64_sqrt(a: u64, rm: u32): u64 {
  if (FAST_PATHS && rm == RNE) {
    const ea = <u32>(a >> 52); // includes the sign: negative values fail the range test
    if (ea - 1 < 0x7fe) {
      const r = reinterpret<u64>(Math.sqrt(reinterpret<f64>(a)));
      const er = <u32>(r >> 52);
      const k = 52 + ea + 1023 - 2 * er;
      const sr = (r & F64_FRAC) | F64_HIDDEN;
      if (sr * sr != ((a & F64_FRAC) | F64_HIDDEN) << k) fflags |= NX;
      return r;
    }
  }
  return sqrtF64Slow(a, rm);
}

/** a*b + c with a single rounding (exact 128-bit arithmetic). */
export function f64_fma(a: u64, b: u64, c: u64, rm: u32): u64 {
  const signP = ((a ^ b) >> 63) != 0;
  const signC = (c >> 63) != 0;
  const aAbs = a & F64_ABS, bAbs = b & F64_ABS, cAbs = c & F64_ABS;
  if (aAbs >= F64_INF || bAbs >= F64_INF || cAbs >= F64_INF) {
    const infZero = (aAbs == F64_INF && bAbs == 0) || (aAbs == 0 && bAbs == F64_INF);
    if (aAbs > F64_INF || bAbs > F64_INF || cAbs > F64_INF) {
      // RISC-V: inf*0 raises NV even when the addend is a quiet NaN.
      if (isSNaN64(a) || isSNaN64(b) || isSNaN64(c) || infZero) fflags |= NV;
      return F64_CANONICAL_NAN;
    }
    if (infZero) {
      fflags |= NV;
      return F64_CANONICAL_NAN;
    }
    if (aAbs == F64_INF || bAbs == F64_INF) {
      if (cAbs == F64_INF && signC != signP) {
        fflags |= NV;
        return F64_CANONICAL_NAN;
      }
      return (signP ? F64_SIGN : 0) | F64_INF;
    }
    return c; // c = +-inf, product finite
  }
  if (aAbs == 0 || bAbs == 0) {
    if (cAbs == 0) {
      if (signP == signC) return c;
      return rm == RDN ? F64_SIGN : 0;
    }
    return c;
  }
  let ea = <i32>(aAbs >> 52), eb = <i32>(bAbs >> 52);
  let sa = a & F64_FRAC, sb = b & F64_FRAC;
  if (ea == 0) {
    const sh = <i32>clz(sa) - 11;
    sa <<= <u64>sh;
    ea = 1 - sh;
  } else sa |= F64_HIDDEN;
  if (eb == 0) {
    const sh = <i32>clz(sb) - 11;
    sb <<= <u64>sh;
    eb = 1 - sh;
  } else sb |= F64_HIDDEN;
  // P = (sa << 10) * (sb << 10), in [2^124, 2^126); its value is P * 2^(kP - 1023 - 124).
  const x = sa << 10, y = sb << 10;
  let pHi = mulHi(x, y);
  let pLo = x * y;
  const kP = ea + eb - 1023;
  if (cAbs == 0) {
    // Exact product, one rounding (x + 0 = x for nonzero x).
    return normRoundPackF64(signP, kP + 2, pHi | <u64>(pLo != 0), rm);
  }
  let ec = <i32>(cAbs >> 52);
  let sc = c & F64_FRAC;
  if (ec == 0) {
    const sh = <i32>clz(sc) - 11;
    sc <<= <u64>sh;
    ec = 1 - sh;
  } else sc |= F64_HIDDEN;
  // C = sc << 72, in [2^124, 2^125); its value is C * 2^(ec - 1023 - 124).
  let cHi = sc << 8;
  let cLo: u64 = 0;
  // X: the operand with the larger scale, unshifted (its bit 0 is 0); Y: the other, aligned with
  // a sticky shift. X +- jam(Y) is then the round-to-odd image of the exact X +- Y.
  let k: i32;
  let sign: bool;
  let xHi: u64, xLo: u64, yHi: u64, yLo: u64;
  if (kP >= ec) {
    k = kP;
    sign = signP;
    xHi = pHi;
    xLo = pLo;
    shiftRightJam128(cHi, cLo, <u32>(kP - ec));
  } else {
    k = ec;
    sign = signC;
    xHi = cHi;
    xLo = cLo;
    shiftRightJam128(pHi, pLo, <u32>(ec - kP));
  }
  yHi = g_hi;
  yLo = g_lo;
  let rHi: u64, rLo: u64;
  if (signP == signC) {
    rLo = xLo + yLo;
    rHi = xHi + yHi + <u64>(rLo < xLo);
  } else {
    rLo = xLo - yLo;
    rHi = xHi - yHi - <u64>(xLo < yLo);
    if ((rHi >> 63) != 0) {
      // |Y| > |X| (only possible for scale differences <= 1, where the shift was exact).
      rLo = -rLo;
      rHi = ~rHi + <u64>(rLo == 0);
      sign = !sign;
    }
    if ((rHi | rLo) == 0) return rm == RDN ? F64_SIGN : 0;
  }
  // Compress to 64 bits with the leading 1 at bit 62 (sticky jam); R < 2^127.
  let L: i32;
  let sig: u64;
  if (rHi != 0) {
    L = 127 - <i32>clz(rHi);
    const n = <u32>(L - 62); // 2..64
    if (n == 64) sig = rHi | <u64>(rLo != 0);
    else sig = (rHi << (64 - n)) | (rLo >> n) | <u64>((rLo << (64 - n)) != 0);
  } else {
    L = 63 - <i32>clz(rLo);
    if (L >= 62) sig = shiftRightJam64(rLo, <u32>(L - 62));
    else sig = rLo << <u64>(62 - L);
  }
  return roundPackF64(sign, k + L - 124, sig, rm);
}

// ---------------------------------------------------------------------------------------------
// binary32 arithmetic

/** The zero an exact sum of +-0 or an exact cancellation gives. */
@inline function zeroSum32(a: u32, b: u32, rm: u32): u32 {
  if (((a ^ b) >> 31) == 0) return a & F32_SIGN;
  return rm == RDN ? F32_SIGN : 0;
}

function addF32Slow(a: u32, b: u32, rm: u32): u32 {
  const ea = a & F32_EXP, eb = b & F32_EXP;
  if (ea == F32_EXP || eb == F32_EXP) {
    if (isNaN32(a) || isNaN32(b)) {
      if (isSNaN32(a) || isSNaN32(b)) fflags |= NV;
      return F32_CANONICAL_NAN;
    }
    if (ea == F32_EXP) {
      if (eb == F32_EXP && ((a ^ b) >> 31) != 0) {
        fflags |= NV;
        return F32_CANONICAL_NAN;
      }
      return a;
    }
    return b;
  }
  // Exact in binary64 arithmetic: s = RNE53(x + y), err = exact - s by Fast2Sum.
  const x = <f64>reinterpret<f32>(a), y = <f64>reinterpret<f32>(b);
  const s = x + y;
  if (s == 0) return zeroSum32(a, b, rm);
  const xBig = (a & F32_ABS) >= (b & F32_ABS);
  const big = xBig ? x : y, small = xBig ? y : x;
  const err = small - (s - big);
  return f64BitsToF32(roundToOddBits(s, err), rm);
}

/** a + b. Fast path: wasm's f32 RNE sum, NX by Fast2Sum in binary32 (as for f64_add). */
export function f32_add(a: u32, b: u32, rm: u32): u32 {
  if (FAST_PATHS && rm == RNE) {
    const x = reinterpret<f32>(a), y = reinterpret<f32>(b);
    const s = x + y;
    const sbits = reinterpret<u32>(s);
    if ((sbits & F32_EXP) != F32_EXP) {
      const xBig = (a & F32_ABS) >= (b & F32_ABS);
      const big = xBig ? x : y, small = xBig ? y : x;
      if (s - big != small) fflags |= NX;
      return sbits;
    }
  }
  return addF32Slow(a, b, rm);
}

export function f32_sub(a: u32, b: u32, rm: u32): u32 {
  return f32_add(a, b ^ F32_SIGN, rm);
}

function mulF32Slow(a: u32, b: u32, rm: u32): u32 {
  const s: u32 = (a ^ b) & F32_SIGN;
  if ((a & F32_EXP) == F32_EXP || (b & F32_EXP) == F32_EXP) {
    if (isNaN32(a) || isNaN32(b)) {
      if (isSNaN32(a) || isSNaN32(b)) fflags |= NV;
      return F32_CANONICAL_NAN;
    }
    if ((a & F32_ABS) == 0 || (b & F32_ABS) == 0) {
      fflags |= NV;
      return F32_CANONICAL_NAN;
    }
    return s | F32_INF;
  }
  if ((a & F32_ABS) == 0 || (b & F32_ABS) == 0) return s;
  // The binary64 product of two binary32 values is exact (48 bits, no over/underflow).
  const p = <f64>reinterpret<f32>(a) * <f64>reinterpret<f32>(b);
  return f64BitsToF32(reinterpret<u64>(p), rm);
}

/**
 * a * b. Fast path: the exact binary64 product rounded by f32.demote (RNE); taken when the
 * result's biased exponent is in [2, 0xfe] (not tiny, no overflow) or the product is an exact
 * zero. NX iff the demoted value differs from the exact product.
 */
export function f32_mul(a: u32, b: u32, rm: u32): u32 {
  if (FAST_PATHS && rm == RNE) {
    const p = <f64>reinterpret<f32>(a) * <f64>reinterpret<f32>(b);
    const r = <f32>p;
    const rbits = reinterpret<u32>(r);
    if (((rbits & F32_EXP) - 0x01000000) < 0x7e800000) {
      if (<f64>r != p) fflags |= NX;
      return rbits;
    }
    if (p == 0) return rbits; // an operand was zero (products of nonzero f32 are >= 2^-298)
  }
  return mulF32Slow(a, b, rm);
}

function divF32Slow(a: u32, b: u32, rm: u32): u32 {
  const sign = ((a ^ b) >> 31) != 0;
  const s: u32 = (a ^ b) & F32_SIGN;
  let ea = <i32>((a >> 23) & 0xff);
  let eb = <i32>((b >> 23) & 0xff);
  let sa = a & F32_FRAC;
  let sb = b & F32_FRAC;
  if (ea == 0xff || eb == 0xff) {
    if (isNaN32(a) || isNaN32(b)) {
      if (isSNaN32(a) || isSNaN32(b)) fflags |= NV;
      return F32_CANONICAL_NAN;
    }
    if (ea == 0xff) {
      if (eb == 0xff) {
        fflags |= NV;
        return F32_CANONICAL_NAN;
      }
      return s | F32_INF;
    }
    return s;
  }
  if ((b & F32_ABS) == 0) {
    if ((a & F32_ABS) == 0) {
      fflags |= NV;
      return F32_CANONICAL_NAN;
    }
    fflags |= DZ;
    return s | F32_INF;
  }
  if ((a & F32_ABS) == 0) return s;
  if (ea == 0) {
    const sh = <i32>clz(sa) - 8;
    sa <<= <u32>sh;
    ea = 1 - sh;
  } else sa |= F32_HIDDEN;
  if (eb == 0) {
    const sh = <i32>clz(sb) - 8;
    sb <<= <u32>sh;
    eb = 1 - sh;
  } else sb |= F32_HIDDEN;
  // Integer division: q has 40 or 41 bits, the remainder gives the sticky bit.
  const num = (<u64>sa) << 40;
  const q = num / <u64>sb;
  const sig = q | <u64>(q * <u64>sb != num);
  // The value is sig * 2^-40 * 2^(ea - eb).
  return normRoundPackF32(sign, ea - eb + 149, sig, rm);
}

/**
 * a / b. Fast path: wasm's f32 RNE quotient when its biased exponent is in [2, 0xfe] (so both
 * operands are finite, b is nonzero, no overflow, not tiny). NX iff q*b != a, where the binary64
 * product of two binary32 values is exact.
 */
export function f32_div(a: u32, b: u32, rm: u32): u32 {
  if (FAST_PATHS && rm == RNE) {
    const y = reinterpret<f32>(b);
    const q = reinterpret<f32>(a) / y;
    const qbits = reinterpret<u32>(q);
    if (((qbits & F32_EXP) - 0x01000000) < 0x7e800000) {
      if (<f64>q * <f64>y != <f64>reinterpret<f32>(a)) fflags |= NX;
      return qbits;
    }
  }
  return divF32Slow(a, b, rm);
}

function sqrtF32Slow(a: u32, rm: u32): u32 {
  if (isNaN32(a)) {
    if (isSNaN32(a)) fflags |= NV;
    return F32_CANONICAL_NAN;
  }
  if ((a & F32_ABS) == 0) return a;
  if ((a >> 31) != 0) {
    fflags |= NV;
    return F32_CANONICAL_NAN;
  }
  if (a == F32_INF) return a;
  let ea = <i32>(a >> 23);
  let sa = a & F32_FRAC;
  if (ea == 0) {
    const sh = <i32>clz(sa) - 8;
    sa <<= <u32>sh;
    ea = 1 - sh;
  } else sa |= F32_HIDDEN;
  const E = ea - 127;
  const odd = E & 1;
  // X = sa << (27 + odd) in [2^50, 2^52) (exact as an f64); r = floor(sqrt(X)) in [2^25, 2^26).
  const X = (<u64>sa) << <u64>(27 + odd);
  let r = <u64>Math.sqrt(<f64>X);
  if (r * r > X) r -= 1;
  if ((r + 1) * (r + 1) <= X) r += 1;
  const sig = r | <u64>(r * r != X);
  // The value is sig * 2^((E - odd)/2 - 25).
  return normRoundPackF32(false, ((E - odd) >> 1) + 164, sig, rm);
}

/**
 * sqrt(a). Fast path: a positive, finite, nonzero (subnormals too: their roots are normal);
 * wasm's f32.sqrt is correctly rounded, and NX iff r*r != a (exact in binary64).
 */
export function f32_sqrt(a: u32, rm: u32): u32 {
  if (FAST_PATHS && rm == RNE) {
    if (a - 1 < F32_INF - 1) {
      const x = reinterpret<f32>(a);
      const r = Mathf.sqrt(x);
      if (<f64>r * <f64>r != <f64>x) fflags |= NX;
      return reinterpret<u32>(r);
    }
  }
  return sqrtF32Slow(a, rm);
}

/**
 * a*b + c with one rounding. The binary64 product is exact; the binary64 sum s and its exact
 * error (Fast2Sum) give a round-to-odd surrogate of the exact result (53 >= 24 + 2 bits), which is
 * rounded once: by f32.demote when RNE and the result is normal-range (not tiny, no overflow),
 * otherwise by roundPackF32.
 */
export function f32_fma(a: u32, b: u32, c: u32, rm: u32): u32 {
  const signP = ((a ^ b) >> 31) != 0;
  const aAbs = a & F32_ABS, bAbs = b & F32_ABS, cAbs = c & F32_ABS;
  if (aAbs >= F32_INF || bAbs >= F32_INF || cAbs >= F32_INF) {
    const infZero = (aAbs == F32_INF && bAbs == 0) || (aAbs == 0 && bAbs == F32_INF);
    if (aAbs > F32_INF || bAbs > F32_INF || cAbs > F32_INF) {
      if (isSNaN32(a) || isSNaN32(b) || isSNaN32(c) || infZero) fflags |= NV;
      return F32_CANONICAL_NAN;
    }
    if (infZero) {
      fflags |= NV;
      return F32_CANONICAL_NAN;
    }
    if (aAbs == F32_INF || bAbs == F32_INF) {
      if (cAbs == F32_INF && ((c >> 31) != 0) != signP) {
        fflags |= NV;
        return F32_CANONICAL_NAN;
      }
      return (signP ? F32_SIGN : 0) | F32_INF;
    }
    return c;
  }
  const p = <f64>reinterpret<f32>(a) * <f64>reinterpret<f32>(b); // exact
  if (p == 0) {
    // Exact zero product: the result is c, or a zero by the sum-of-zeros rule.
    if (cAbs == 0) return zeroSum32(signP ? F32_SIGN : 0, c, rm);
    return c;
  }
  const z = <f64>reinterpret<f32>(c);
  const s = p + z;
  if (s == 0) return rm == RDN ? F32_SIGN : 0; // exact cancellation (c != 0 here)
  const pBig = reinterpret<u64>(p) << 1 >= reinterpret<u64>(z) << 1;
  const big = pBig ? p : z, small = pBig ? z : p;
  const err = small - (s - big);
  const bits = roundToOddBits(s, err);
  if (FAST_PATHS && rm == RNE) {
    const r = <f32>reinterpret<f64>(bits);
    const rbits = reinterpret<u32>(r);
    if (((rbits & F32_EXP) - 0x01000000) < 0x7e800000) {
      if (<f64>r != reinterpret<f64>(bits)) fflags |= NX; // bits is odd whenever err != 0
      return rbits;
    }
  }
  return f64BitsToF32(bits, rm);
}

// ---------------------------------------------------------------------------------------------
// Comparisons, min/max, classify

export function f32_eq(a: u32, b: u32): bool {
  if (isNaN32(a) || isNaN32(b)) {
    if (isSNaN32(a) || isSNaN32(b)) fflags |= NV;
    return false;
  }
  return reinterpret<f32>(a) == reinterpret<f32>(b);
}

export function f32_lt(a: u32, b: u32): bool {
  if (isNaN32(a) || isNaN32(b)) {
    fflags |= NV;
    return false;
  }
  return reinterpret<f32>(a) < reinterpret<f32>(b);
}

export function f32_le(a: u32, b: u32): bool {
  if (isNaN32(a) || isNaN32(b)) {
    fflags |= NV;
    return false;
  }
  return reinterpret<f32>(a) <= reinterpret<f32>(b);
}

export function f64_eq(a: u64, b: u64): bool {
  if (isNaN64(a) || isNaN64(b)) {
    if (isSNaN64(a) || isSNaN64(b)) fflags |= NV;
    return false;
  }
  return reinterpret<f64>(a) == reinterpret<f64>(b);
}

export function f64_lt(a: u64, b: u64): bool {
  if (isNaN64(a) || isNaN64(b)) {
    fflags |= NV;
    return false;
  }
  return reinterpret<f64>(a) < reinterpret<f64>(b);
}

export function f64_le(a: u64, b: u64): bool {
  if (isNaN64(a) || isNaN64(b)) {
    fflags |= NV;
    return false;
  }
  return reinterpret<f64>(a) <= reinterpret<f64>(b);
}

// minimumNumber / maximumNumber (F/D 2.2): a NaN operand yields the other operand; two NaNs the
// canonical NaN; NV for any signalling NaN; -0 < +0.

export function f32_min(a: u32, b: u32): u32 {
  const an = isNaN32(a), bn = isNaN32(b);
  if (an || bn) {
    if (isSNaN32(a) || isSNaN32(b)) fflags |= NV;
    if (an && bn) return F32_CANONICAL_NAN;
    return an ? b : a;
  }
  const x = reinterpret<f32>(a), y = reinterpret<f32>(b);
  if (x < y) return a;
  if (y < x) return b;
  return a | b; // equal: identical bits, or +0 and -0 (-0 wins)
}

export function f32_max(a: u32, b: u32): u32 {
  const an = isNaN32(a), bn = isNaN32(b);
  if (an || bn) {
    if (isSNaN32(a) || isSNaN32(b)) fflags |= NV;
    if (an && bn) return F32_CANONICAL_NAN;
    return an ? b : a;
  }
  const x = reinterpret<f32>(a), y = reinterpret<f32>(b);
  if (x > y) return a;
  if (y > x) return b;
  return a & b;
}

export function f64_min(a: u64, b: u64): u64 {
  const an = isNaN64(a), bn = isNaN64(b);
  if (an || bn) {
    if (isSNaN64(a) || isSNaN64(b)) fflags |= NV;
    if (an && bn) return F64_CANONICAL_NAN;
    return an ? b : a;
  }
  const x = reinterpret<f64>(a), y = reinterpret<f64>(b);
  if (x < y) return a;
  if (y < x) return b;
  return a | b;
}

export function f64_max(a: u64, b: u64): u64 {
  const an = isNaN64(a), bn = isNaN64(b);
  if (an || bn) {
    if (isSNaN64(a) || isSNaN64(b)) fflags |= NV;
    if (an && bn) return F64_CANONICAL_NAN;
    return an ? b : a;
  }
  const x = reinterpret<f64>(a), y = reinterpret<f64>(b);
  if (x > y) return a;
  if (y > x) return b;
  return a & b;
}

/** fclass mask: bit 0 -inf, 1 -normal, 2 -subnormal, 3 -0, 4 +0, 5 +subnormal, 6 +normal, 7 +inf, 8 sNaN, 9 qNaN. */
export function f32_classify(a: u32): u32 {
  const neg = (a >> 31) != 0;
  const e = (a >> 23) & 0xff, f = a & F32_FRAC;
  if (e == 0xff) {
    if (f == 0) return neg ? 1 : 1 << 7;
    return (f & F32_QUIET) != 0 ? 1 << 9 : 1 << 8;
  }
  if (e == 0) {
    if (f == 0) return neg ? 1 << 3 : 1 << 4;
    return neg ? 1 << 2 : 1 << 5;
  }
  return neg ? 1 << 1 : 1 << 6;
}

export function f64_classify(a: u64): u32 {
  const neg = (a >> 63) != 0;
  const e = <u32>((a >> 52) & 0x7ff), f = a & F64_FRAC;
  if (e == 0x7ff) {
    if (f == 0) return neg ? 1 : 1 << 7;
    return (f & F64_QUIET) != 0 ? 1 << 9 : 1 << 8;
  }
  if (e == 0) {
    if (f == 0) return neg ? 1 << 3 : 1 << 4;
    return neg ? 1 << 2 : 1 << 5;
  }
  return neg ? 1 << 1 : 1 << 6;
}

// ---------------------------------------------------------------------------------------------
// Conversions between formats

/** Exact; NaN gives the canonical NaN (NV if signalling). */
export function f32_to_f64(a: u32): u64 {
  if (isNaN32(a)) {
    if (isSNaN32(a)) fflags |= NV;
    return F64_CANONICAL_NAN;
  }
  return reinterpret<u64>(<f64>reinterpret<f32>(a)); // f64.promote is exact for non-NaN
}

/**
 * binary64 -> binary32. Fast path: f32.demote (RNE) when the result's biased exponent is in
 * [2, 0xfe]; NX iff promoting the result back differs.
 */
export function f64_to_f32(a: u64, rm: u32): u32 {
  const e = <i32>((a >> 52) & 0x7ff);
  const sign = (a >> 63) != 0;
  if (e == 0x7ff) {
    if ((a & F64_FRAC) != 0) {
      if ((a & F64_QUIET) == 0) fflags |= NV;
      return F32_CANONICAL_NAN;
    }
    return sign ? F32_SIGN | F32_INF : F32_INF;
  }
  if ((a & F64_ABS) == 0) return sign ? F32_SIGN : 0;
  if (FAST_PATHS && rm == RNE) {
    const x = reinterpret<f64>(a);
    const r = <f32>x;
    const rbits = reinterpret<u32>(r);
    if (((rbits & F32_EXP) - 0x01000000) < 0x7e800000) {
      if (<f64>r != x) fflags |= NX;
      return rbits;
    }
  }
  if (e == 0) {
    // binary64 subnormals are far below binary32's range: all that matters is that it is nonzero.
    return roundPackF32(sign, -1000, 0x4000000000000000, rm);
  }
  return roundPackF32(sign, e - (1023 - 127), ((a & F64_FRAC) | F64_HIDDEN) << 10, rm);
}

// ---------------------------------------------------------------------------------------------
// Integer -> float

export function i32_to_f32(a: u32, rm: u32): u32 {
  const v = <i32>a;
  if (v > -0x1000000 && v < 0x1000000) return reinterpret<u32>(<f32>v); // exact
  const sign = v < 0;
  const mag: u64 = sign ? <u64>(-(<i64>v)) : <u64>v;
  return normRoundPackF32(sign, 189, mag, rm);
}

export function u32_to_f32(a: u32, rm: u32): u32 {
  if (a < 0x1000000) return reinterpret<u32>(<f32>a);
  return normRoundPackF32(false, 189, <u64>a, rm);
}

export function i64_to_f32(a: u64, rm: u32): u32 {
  const v = <i64>a;
  if (v > -0x1000000 && v < 0x1000000) return reinterpret<u32>(<f32>v);
  const sign = v < 0;
  return normRoundPackF32(sign, 189, sign ? 0 - a : a, rm);
}

export function u64_to_f32(a: u64, rm: u32): u32 {
  if (a < 0x1000000) return reinterpret<u32>(<f32>a);
  return normRoundPackF32(false, 189, a, rm);
}

export function i32_to_f64(a: u32, rm: u32): u64 {
  return reinterpret<u64>(<f64><i32>a); // always exact
}

export function u32_to_f64(a: u32, rm: u32): u64 {
  return reinterpret<u64>(<f64>a);
}

export function i64_to_f64(a: u64, rm: u32): u64 {
  const v = <i64>a;
  if (v > -0x20000000000000 && v < 0x20000000000000) return reinterpret<u64>(<f64>v);
  const sign = v < 0;
  return normRoundPackF64(sign, 1085, sign ? 0 - a : a, rm);
}

export function u64_to_f64(a: u64, rm: u32): u64 {
  if (a < 0x20000000000000) return reinterpret<u64>(<f64>a);
  return normRoundPackF64(false, 1085, a, rm);
}

// ---------------------------------------------------------------------------------------------
// Float -> integer (RISC-V saturating semantics)

/**
 * Convert a non-NaN binary64 to an integer. `max` is the largest result (0x7fff..., 0xffff...),
 * `minMag` the magnitude of the most negative result (2^31 or 2^63 signed, 0 unsigned); the
 * returned bits are the two's complement result. Out of range (after rounding) saturates with NV
 * and no NX; otherwise NX if inexact. NaN is the caller's.
 */
function f64ToInt(a: u64, rm: u32, max: u64, minMag: u64): u64 {
  const sign = (a >> 63) != 0;
  const e = <i32>((a >> 52) & 0x7ff);
  if ((a & F64_ABS) == 0) return 0;
  const sig = (a & F64_FRAC) | (e != 0 ? F64_HIDDEN : 0);
  const E = e - 1023; // for subnormals (e = 0) anything below -1 behaves alike
  let int: u64, frac: u64;
  if (E >= 64) {
    fflags |= NV;
    return sign ? 0 - minMag : max;
  } else if (E >= 52) {
    int = sig << <u64>(E - 52);
    frac = 0;
  } else if (E >= -1) {
    const sh = <u64>(52 - E); // 1..53
    int = sig >> sh;
    frac = sig << (64 - sh);
  } else {
    int = 0;
    frac = 1; // nonzero, below one half
  }
  let inc = false;
  if (frac != 0) {
    if (rm == RNE) inc = frac > 0x8000000000000000 || (frac == 0x8000000000000000 && (int & 1) != 0);
    else if (rm == RMM) inc = frac >= 0x8000000000000000;
    else if (rm == RDN) inc = sign;
    else if (rm == RUP) inc = !sign;
  }
  if (inc) int += 1;
  if (sign) {
    if (int > minMag) {
      fflags |= NV;
      return 0 - minMag;
    }
  } else if (int > max) {
    fflags |= NV;
    return max;
  }
  if (frac != 0) fflags |= NX;
  return sign ? 0 - int : int;
}

@inline function f64ToIntChecked(a: u64, rm: u32, max: u64, minMag: u64): u64 {
  if (isNaN64(a)) {
    fflags |= NV;
    return max;
  }
  return f64ToInt(a, rm, max, minMag);
}

@inline function f32ToIntChecked(a: u32, rm: u32, max: u64, minMag: u64): u64 {
  if (isNaN32(a)) {
    fflags |= NV;
    return max;
  }
  return f64ToInt(reinterpret<u64>(<f64>reinterpret<f32>(a)), rm, max, minMag);
}

export function f32_to_i32(a: u32, rm: u32): u32 {
  return <u32>f32ToIntChecked(a, rm, 0x7fffffff, 0x80000000);
}
export function f32_to_u32(a: u32, rm: u32): u32 {
  return <u32>f32ToIntChecked(a, rm, 0xffffffff, 0);
}
export function f32_to_i64(a: u32, rm: u32): u64 {
  return f32ToIntChecked(a, rm, 0x7fffffffffffffff, 0x8000000000000000);
}
export function f32_to_u64(a: u32, rm: u32): u64 {
  return f32ToIntChecked(a, rm, 0xffffffffffffffff, 0);
}
export function f64_to_i32(a: u64, rm: u32): u32 {
  return <u32>f64ToIntChecked(a, rm, 0x7fffffff, 0x80000000);
}
export function f64_to_u32(a: u64, rm: u32): u32 {
  return <u32>f64ToIntChecked(a, rm, 0xffffffff, 0);
}
export function f64_to_i64(a: u64, rm: u32): u64 {
  return f64ToIntChecked(a, rm, 0x7fffffffffffffff, 0x8000000000000000);
}
export function f64_to_u64(a: u64, rm: u32): u64 {
  return f64ToIntChecked(a, rm, 0xffffffffffffffff, 0);
}
