// An independent reference model of the RISC-V F and D instructions (unprivileged spec,
// "F" and "D" chapters, version 2.2), written from the spec with exact BigInt arithmetic.
// The generator (fp-gen.mjs) takes its expected values from QEMU and uses this model only to
// cross-check them: every disagreement must be explained (see the README).
//
// Values are raw register contents as BigInt: 64-bit f-register values (single results are
// NaN-boxed), 64-bit integer register values (unsigned view). Every function returns
// { v: BigInt, flags: number } with flags = fflags bits NV DZ OF UF NX.

export const NV = 16, DZ = 8, OF = 4, UF = 2, NX = 1;
export const RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4;

const M64 = (1n << 64n) - 1n;
const BOX = 0xffffffff00000000n;

export const F32 = { name: 's', p: 24, ebits: 8, bias: 127, width: 32, canon: 0x7fc00000n };
export const F64 = { name: 'd', p: 53, ebits: 11, bias: 1023, width: 64, canon: 0x7ff8000000000000n };
for (const f of [F32, F64]) {
  f.emin = 1 - f.bias;
  f.emax = f.bias;
  f.fbits = f.p - 1;
  f.signBit = 1n << BigInt(f.width - 1);
  f.expMask = (1n << BigInt(f.ebits)) - 1n;
  f.fracMask = (1n << BigInt(f.fbits)) - 1n;
  f.mask = (1n << BigInt(f.width)) - 1n;
}

/**
 * What the last roundPack call saw (used by the generator to pick boundary cases):
 * { inexact, roundBit, below, tiny, overflow, subnormal, odd } or null when the last
 * operation did not round (special operands, exact zero).
 */
export let trace = null;
export function resetTrace() { trace = null; }

const bitlen = (m) => (m === 0n ? 0 : m.toString(2).length);
const pow2 = (k) => 1n << BigInt(k);

/** Register value -> raw bits of the format (single: unboxed, or the canonical NaN). */
export function unbox(fmt, reg) {
  if (fmt === F32) return (reg & BOX) === BOX ? reg & 0xffffffffn : F32.canon;
  return reg & M64;
}
/** Raw bits -> register value. */
export function box(fmt, bits) {
  return fmt === F32 ? BOX | bits : bits;
}

/** Decodes raw bits: { cls, sign, m, e } with |value| = m * 2^e for finite values. */
export function decode(fmt, bits) {
  const sign = (bits & fmt.signBit) !== 0n;
  const ex = Number((bits >> BigInt(fmt.fbits)) & fmt.expMask);
  const frac = bits & fmt.fracMask;
  if (ex === Number(fmt.expMask)) {
    if (frac === 0n) return { cls: 'inf', sign };
    return { cls: (frac >> BigInt(fmt.fbits - 1)) & 1n ? 'qnan' : 'snan', sign };
  }
  if (ex === 0) {
    if (frac === 0n) return { cls: 'zero', sign, m: 0n, e: 0 };
    return { cls: 'sub', sign, m: frac, e: fmt.emin - fmt.fbits };
  }
  return { cls: 'norm', sign, m: frac | pow2(fmt.fbits), e: ex - fmt.bias - fmt.fbits };
}

const isNaN_ = (x) => x.cls === 'qnan' || x.cls === 'snan';
const isFinite_ = (x) => x.cls === 'zero' || x.cls === 'sub' || x.cls === 'norm';

function packInf(fmt, sign) {
  return (sign ? fmt.signBit : 0n) | (fmt.expMask << BigInt(fmt.fbits));
}
function packZero(fmt, sign) {
  return sign ? fmt.signBit : 0n;
}
function packMax(fmt, sign) {
  return (sign ? fmt.signBit : 0n) | ((fmt.expMask - 1n) << BigInt(fmt.fbits)) | fmt.fracMask;
}

/**
 * Rounds m * 2^e (+ a nonzero remainder below the last bit of m when sticky) to a multiple of
 * 2^q. Callers guarantee q > e whenever sticky is set.
 */
function roundAt(sign, m, e, sticky, q, rm) {
  if (q <= e) {
    if (sticky) throw new Error('roundAt: not enough bits');
    return { m: m << BigInt(e - q), inexact: false };
  }
  const sh = BigInt(q - e);
  let kept = m >> sh;
  const rem = m & ((1n << sh) - 1n);
  const half = 1n << (sh - 1n);
  const roundBit = rem >= half;
  const below = (rem & (half - 1n)) !== 0n || sticky;
  const inexact = rem !== 0n || sticky;
  let inc = false;
  switch (rm) {
    case RNE: inc = roundBit && (below || (kept & 1n) === 1n); break;
    case RTZ: inc = false; break;
    case RDN: inc = inexact && sign; break;
    case RUP: inc = inexact && !sign; break;
    case RMM: inc = roundBit; break;
    default: throw new Error(`bad rm ${rm}`);
  }
  if (inc) kept += 1n;
  return { m: kept, inexact, roundBit, below };
}

/**
 * Rounds the exact nonzero value (-1)^sign * (m * 2^e + sticky) into fmt: overflow, underflow
 * (tininess detected after rounding, as RISC-V requires) and inexact.
 * opts.tininessBefore switches to before-rounding detection (only used to find test cases).
 */
export function roundPack(fmt, sign, m, e, sticky, rm, opts = {}) {
  if (m === 0n) throw new Error('roundPack of zero');
  const nb = bitlen(m);
  const E = e + nb - 1; // exponent of the leading bit
  const qNorm = E - fmt.fbits;
  const qSub = fmt.emin - fmt.fbits;
  let flags = 0;
  let tiny = false;
  if (opts.tininessBefore) {
    tiny = E < fmt.emin;
  } else if (E < fmt.emin) {
    const u = roundAt(sign, m, e, sticky, qNorm, rm);
    tiny = bitlen(u.m) - 1 + qNorm < fmt.emin;
  }
  const q = Math.max(qNorm, qSub);
  const r = roundAt(sign, m, e, sticky, q, rm);
  const t = { inexact: r.inexact, roundBit: r.roundBit, below: r.below, tiny, overflow: false, subnormal: false,
    odd: ((m >> BigInt(Math.max(0, q - e))) & 1n) === 1n };
  trace = t;
  if (r.inexact) flags |= NX;
  if (tiny && r.inexact) flags |= UF;
  if (r.m === 0n) return { bits: packZero(fmt, sign), flags };
  let mr = r.m;
  let qq = q;
  if (bitlen(mr) > fmt.p) { // carry out of the significand: a power of two
    mr >>= 1n;
    qq += 1;
  }
  const Er = qq + bitlen(mr) - 1;
  if (Er > fmt.emax) {
    t.overflow = true;
    flags |= OF | NX;
    const toInf = rm === RNE || rm === RMM || (rm === RDN && sign) || (rm === RUP && !sign);
    return { bits: toInf ? packInf(fmt, sign) : packMax(fmt, sign), flags };
  }
  let bits;
  if (Er < fmt.emin) {
    // subnormal: qq == qSub
    if (qq !== qSub) throw new Error('subnormal scale');
    t.subnormal = true;
    bits = mr;
  } else {
    // normalize to exactly p bits
    const shift = fmt.p - bitlen(mr);
    mr <<= BigInt(shift);
    qq -= shift;
    const biased = BigInt(qq + fmt.fbits + fmt.bias);
    bits = (biased << BigInt(fmt.fbits)) | (mr & fmt.fracMask);
  }
  return { bits: (sign ? fmt.signBit : 0n) | bits, flags };
}

function nanResult(fmt, ...xs) {
  const flags = xs.some((x) => x.cls === 'snan') ? NV : 0;
  return { bits: fmt.canon, flags };
}

/** Exact signed sum of two finite values (sa, ma*2^ea) + (sb, mb*2^eb): { sign, m, e }. */
function exactSum(sa, ma, ea, sb, mb, eb) {
  const e = Math.min(ea, eb);
  const A = (ma << BigInt(ea - e)) * (sa ? -1n : 1n);
  const B = (mb << BigInt(eb - e)) * (sb ? -1n : 1n);
  const S = A + B;
  return { sign: S < 0n, m: S < 0n ? -S : S, e };
}

function addCore(fmt, a, sa, b, sb, rm) {
  // a, b decoded with signs overridden by sa/sb
  if (isNaN_(a) || isNaN_(b)) return nanResult(fmt, a, b);
  if (a.cls === 'inf' && b.cls === 'inf') {
    if (sa !== sb) return { bits: fmt.canon, flags: NV };
    return { bits: packInf(fmt, sa), flags: 0 };
  }
  if (a.cls === 'inf') return { bits: packInf(fmt, sa), flags: 0 };
  if (b.cls === 'inf') return { bits: packInf(fmt, sb), flags: 0 };
  const s = exactSum(sa, a.m, a.e, sb, b.m, b.e);
  if (s.m === 0n) {
    const sign = sa === sb ? sa : rm === RDN;
    return { bits: packZero(fmt, sign), flags: 0 };
  }
  return roundPack(fmt, s.sign, s.m, s.e, false, rm);
}

function withBox(fmt, r) {
  return { v: box(fmt, r.bits), flags: r.flags };
}

export function fadd(fmt, ra, rb, rm) {
  const a = decode(fmt, unbox(fmt, ra)), b = decode(fmt, unbox(fmt, rb));
  return withBox(fmt, addCore(fmt, a, a.sign, b, b.sign, rm));
}
export function fsub(fmt, ra, rb, rm) {
  const a = decode(fmt, unbox(fmt, ra)), b = decode(fmt, unbox(fmt, rb));
  return withBox(fmt, addCore(fmt, a, a.sign, b, !b.sign, rm));
}
export function fmul(fmt, ra, rb, rm, opts) {
  const a = decode(fmt, unbox(fmt, ra)), b = decode(fmt, unbox(fmt, rb));
  const sign = a.sign !== b.sign;
  let r;
  if (isNaN_(a) || isNaN_(b)) r = nanResult(fmt, a, b);
  else if ((a.cls === 'inf' && b.cls === 'zero') || (a.cls === 'zero' && b.cls === 'inf')) r = { bits: fmt.canon, flags: NV };
  else if (a.cls === 'inf' || b.cls === 'inf') r = { bits: packInf(fmt, sign), flags: 0 };
  else if (a.cls === 'zero' || b.cls === 'zero') r = { bits: packZero(fmt, sign), flags: 0 };
  else r = roundPack(fmt, sign, a.m * b.m, a.e + b.e, false, rm, opts);
  return withBox(fmt, r);
}
export function fdiv(fmt, ra, rb, rm, opts) {
  const a = decode(fmt, unbox(fmt, ra)), b = decode(fmt, unbox(fmt, rb));
  const sign = a.sign !== b.sign;
  let r;
  if (isNaN_(a) || isNaN_(b)) r = nanResult(fmt, a, b);
  else if (a.cls === 'inf' && b.cls === 'inf') r = { bits: fmt.canon, flags: NV };
  else if (a.cls === 'zero' && b.cls === 'zero') r = { bits: fmt.canon, flags: NV };
  else if (a.cls === 'inf') r = { bits: packInf(fmt, sign), flags: 0 };
  else if (b.cls === 'inf') r = { bits: packZero(fmt, sign), flags: 0 };
  else if (b.cls === 'zero') r = { bits: packInf(fmt, sign), flags: DZ };
  else if (a.cls === 'zero') r = { bits: packZero(fmt, sign), flags: 0 };
  else {
    const k = Math.max(0, fmt.p + 3 + bitlen(b.m) - bitlen(a.m) + 1);
    const num = a.m << BigInt(k);
    const q = num / b.m;
    const rem = num % b.m;
    r = roundPack(fmt, sign, q, a.e - b.e - k, rem !== 0n, rm, opts);
  }
  return withBox(fmt, r);
}

function isqrt(n) {
  if (n < 2n) return n;
  let x = pow2(Math.ceil(bitlen(n) / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

export function fsqrt(fmt, ra, rm) {
  const a = decode(fmt, unbox(fmt, ra));
  let r;
  if (isNaN_(a)) r = nanResult(fmt, a);
  else if (a.cls === 'zero') r = { bits: packZero(fmt, a.sign), flags: 0 };
  else if (a.sign) r = { bits: fmt.canon, flags: NV };
  else if (a.cls === 'inf') r = { bits: packInf(fmt, false), flags: 0 };
  else {
    let m = a.m, e = a.e;
    if (e % 2 !== 0) { m <<= 1n; e -= 1; }
    let k = Math.max(0, fmt.p + 4 - Math.floor(bitlen(m) / 2));
    const n = m << BigInt(2 * k);
    const s = isqrt(n);
    const rem = n - s * s;
    r = roundPack(fmt, false, s, (e - 2 * k) / 2, rem !== 0n, rm);
  }
  return withBox(fmt, r);
}

/** negProd: the product is negated (fnmsub, fnmadd); negAdd: the addend is negated (fmsub, fnmadd). */
export function ffma(fmt, ra, rb, rc, rm, negProd, negAdd) {
  const a = decode(fmt, unbox(fmt, ra)), b = decode(fmt, unbox(fmt, rb)), c = decode(fmt, unbox(fmt, rc));
  const infZero = (a.cls === 'inf' && b.cls === 'zero') || (a.cls === 'zero' && b.cls === 'inf');
  let r;
  if (isNaN_(a) || isNaN_(b) || isNaN_(c)) {
    // spec: NV when the multiplicands are infinity and zero, even if the addend is a quiet NaN
    r = { bits: fmt.canon, flags: ([a, b, c].some((x) => x.cls === 'snan') || infZero) ? NV : 0 };
    return withBox(fmt, r);
  }
  const sp = (a.sign !== b.sign) !== negProd;
  const sc = c.sign !== negAdd;
  if (infZero) return withBox(fmt, { bits: fmt.canon, flags: NV });
  if (a.cls === 'inf' || b.cls === 'inf') {
    if (c.cls === 'inf' && sc !== sp) return withBox(fmt, { bits: fmt.canon, flags: NV });
    return withBox(fmt, { bits: packInf(fmt, sp), flags: 0 });
  }
  if (c.cls === 'inf') return withBox(fmt, { bits: packInf(fmt, sc), flags: 0 });
  const pm = a.m * b.m, pe = a.e + b.e;
  const s = exactSum(sp, pm, pe, sc, c.m, c.e);
  if (s.m === 0n) {
    let sign;
    if (pm === 0n && c.m === 0n) sign = sp === sc ? sp : rm === RDN;
    else sign = rm === RDN;
    return withBox(fmt, { bits: packZero(fmt, sign), flags: 0 });
  }
  return withBox(fmt, roundPack(fmt, s.sign, s.m, s.e, false, rm));
}

/** FP -> integer. width 32 or 64; result sign-extended to 64 bits as RV64 does for W forms. */
export function fcvtToInt(fmt, ra, rm, width, signed) {
  const a = decode(fmt, unbox(fmt, ra));
  const W = BigInt(width);
  const max = signed ? (1n << (W - 1n)) - 1n : (1n << W) - 1n;
  const min = signed ? -(1n << (W - 1n)) : 0n;
  let val, flags = 0;
  if (isNaN_(a)) { val = max; flags = NV; }
  else if (a.cls === 'inf') { val = a.sign ? min : max; flags = NV; }
  else if (a.cls === 'zero') val = 0n;
  else {
    const r = roundAt(a.sign, a.m, a.e, false, 0, rm);
    const iv = a.sign ? -r.m : r.m;
    if (iv > max) { val = max; flags = NV; }
    else if (iv < min) { val = min; flags = NV; }
    else { val = iv; flags = r.inexact ? NX : 0; }
  }
  // to a 64-bit register: the W forms sign-extend bit 31 (also FCVT.WU)
  let reg = val & ((1n << W) - 1n);
  if (width === 32 && (reg >> 31n) & 1n) reg |= 0xffffffff00000000n;
  return { v: reg & M64, flags };
}

/** integer -> FP. The W forms read the low 32 bits of the register. */
export function fcvtFromInt(fmt, reg, rm, width, signed) {
  const W = BigInt(width);
  let x = reg & ((1n << W) - 1n);
  if (signed && (x >> (W - 1n)) & 1n) x -= 1n << W;
  if (x === 0n) return { v: box(fmt, 0n), flags: 0 };
  const sign = x < 0n;
  const r = roundPack(fmt, sign, sign ? -x : x, 0, false, rm);
  return withBox(fmt, r);
}

/** fcvt.s.d (to = F32) and fcvt.d.s (to = F64). */
export function fcvtFF(from, to, ra, rm) {
  const a = decode(from, unbox(from, ra));
  let r;
  if (isNaN_(a)) r = nanResult(to, a);
  else if (a.cls === 'inf') r = { bits: packInf(to, a.sign), flags: 0 };
  else if (a.cls === 'zero') r = { bits: packZero(to, a.sign), flags: 0 };
  else r = roundPack(to, a.sign, a.m, a.e, false, rm);
  return withBox(to, r);
}

function cmpFinite(a, b) {
  // -1, 0, 1 for non-NaN values (zeros equal regardless of sign)
  const val = (x) => {
    if (x.cls === 'inf') return { inf: true, s: x.sign };
    return { inf: false, s: x.sign, m: x.m, e: x.e };
  };
  const A = val(a), B = val(b);
  const az = a.cls === 'zero', bz = b.cls === 'zero';
  if (az && bz) return 0;
  const sgn = (x, z) => (z ? 0 : x.s ? -1 : 1);
  const sa = sgn(A, az), sb = sgn(B, bz);
  if (sa !== sb) return sa < sb ? -1 : 1;
  // same sign, nonzero
  let mag;
  if (A.inf && B.inf) mag = 0;
  else if (A.inf) mag = 1;
  else if (B.inf) mag = -1;
  else {
    const e = Math.min(A.e, B.e);
    const x = A.m << BigInt(A.e - e), y = B.m << BigInt(B.e - e);
    mag = x === y ? 0 : x > y ? 1 : -1;
  }
  return sa < 0 ? -mag : mag;
}

export function fcmp(fmt, op, ra, rb) {
  const a = decode(fmt, unbox(fmt, ra)), b = decode(fmt, unbox(fmt, rb));
  if (isNaN_(a) || isNaN_(b)) {
    const snan = a.cls === 'snan' || b.cls === 'snan';
    return { v: 0n, flags: op === 'eq' ? (snan ? NV : 0) : NV };
  }
  const c = cmpFinite(a, b);
  const t = op === 'eq' ? c === 0 : op === 'lt' ? c < 0 : c <= 0;
  return { v: t ? 1n : 0n, flags: 0 };
}

export function fminmax(fmt, isMax, ra, rb) {
  const xa = unbox(fmt, ra), xb = unbox(fmt, rb);
  const a = decode(fmt, xa), b = decode(fmt, xb);
  const flags = a.cls === 'snan' || b.cls === 'snan' ? NV : 0;
  if (isNaN_(a) && isNaN_(b)) return { v: box(fmt, fmt.canon), flags };
  if (isNaN_(a)) return { v: box(fmt, xb), flags };
  if (isNaN_(b)) return { v: box(fmt, xa), flags };
  let c = cmpFinite(a, b);
  if (c === 0 && a.cls === 'zero' && b.cls === 'zero') c = a.sign === b.sign ? 0 : a.sign ? -1 : 1;
  const pickA = isMax ? c >= 0 : c <= 0;
  return { v: box(fmt, pickA ? xa : xb), flags };
}

export function fclass(fmt, ra) {
  const a = decode(fmt, unbox(fmt, ra));
  const bit = {
    inf: a.sign ? 0 : 7, norm: a.sign ? 1 : 6, sub: a.sign ? 2 : 5, zero: a.sign ? 3 : 4, snan: 8, qnan: 9,
  }[a.cls];
  return { v: 1n << BigInt(bit), flags: 0 };
}

export function fsgnj(fmt, kind, ra, rb) {
  const xa = unbox(fmt, ra), xb = unbox(fmt, rb);
  const sa = xa & fmt.signBit, sb = xb & fmt.signBit;
  const s = kind === 'j' ? sb : kind === 'n' ? sb ^ fmt.signBit : sa ^ sb;
  return { v: box(fmt, (xa & ~fmt.signBit & fmt.mask) | s), flags: 0 };
}

/** fmv.x.w / fmv.x.d: raw transfer (no NaN-box check), W sign-extends bit 31. */
export function fmvToInt(fmt, ra) {
  if (fmt === F64) return { v: ra & M64, flags: 0 };
  let v = ra & 0xffffffffn;
  if (v >> 31n) v |= 0xffffffff00000000n;
  return { v, flags: 0 };
}
/** fmv.w.x / fmv.d.x. */
export function fmvFromInt(fmt, reg) {
  return { v: fmt === F64 ? reg & M64 : BOX | (reg & 0xffffffffn), flags: 0 };
}
