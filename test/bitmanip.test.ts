// Zba, Zbb, Zbc, Zbs against the specification's own pseudocode (unprivileged spec chapter 28),
// written here again in BigInt, on edge values and a fixed list of seeded random operands.
// The differential test compares the same instructions with QEMU; this test also covers the
// case QEMU 7.2 gets wrong (ctzw of a value whose low 32 bits are zero is 32; QEMU counts on
// into the upper half), so a shared mistake of both emulators could not pass unnoticed.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { assembleWords } from './support/guest-build';
import { Machine } from '../src/machine/machine';
import * as A from '../assembly/abi';

const M64 = (1n << 64n) - 1n;
const u64 = (v: bigint) => v & M64;
const s64 = (v: bigint) => BigInt.asIntN(64, v);
const sext32 = (v: bigint) => u64(BigInt.asIntN(32, v));
const lo32 = (v: bigint) => v & 0xffff_ffffn;
const bit = (v: bigint, i: bigint) => (v >> i) & 1n;
const rotl = (v: bigint, n: bigint, w: bigint) => { n %= w; const m = (1n << w) - 1n; return ((v << n) | (v >> ((w - n) % w))) & m; };
const countLead = (v: bigint, w: bigint) => { let n = 0n; for (let i = w - 1n; i >= 0n && bit(v, i) === 0n; i--) n++; return n; };
const countTrail = (v: bigint, w: bigint) => { let n = 0n; for (let i = 0n; i < w && bit(v, i) === 0n; i++) n++; return n; };
const popcount = (v: bigint) => { let n = 0n; for (; v; v >>= 1n) n += v & 1n; return n; };

// clmul, clmulh, clmulr exactly as the spec's loops state them
function clmul(a: bigint, b: bigint): bigint { let r = 0n; for (let i = 0n; i < 64n; i++) if (bit(b, i)) r ^= a << i; return u64(r); }
function clmulh(a: bigint, b: bigint): bigint { let r = 0n; for (let i = 1n; i < 64n; i++) if (bit(b, i)) r ^= a >> (64n - i); return r; }
function clmulr(a: bigint, b: bigint): bigint { let r = 0n; for (let i = 0n; i < 64n; i++) if (bit(b, i)) r ^= a >> (63n - i); return r; }

type Ref = (a: bigint, b: bigint) => bigint;
const REG: Record<string, Ref> = {
  'add.uw': (a, b) => u64(lo32(a) + b),
  sh1add: (a, b) => u64((a << 1n) + b), sh2add: (a, b) => u64((a << 2n) + b), sh3add: (a, b) => u64((a << 3n) + b),
  'sh1add.uw': (a, b) => u64((lo32(a) << 1n) + b), 'sh2add.uw': (a, b) => u64((lo32(a) << 2n) + b), 'sh3add.uw': (a, b) => u64((lo32(a) << 3n) + b),
  andn: (a, b) => a & ~b & M64, orn: (a, b) => u64(a | ~b), xnor: (a, b) => u64(~(a ^ b)),
  max: (a, b) => (s64(a) > s64(b) ? a : b), maxu: (a, b) => (a > b ? a : b),
  min: (a, b) => (s64(a) < s64(b) ? a : b), minu: (a, b) => (a < b ? a : b),
  rol: (a, b) => rotl(a, b & 63n, 64n), ror: (a, b) => rotl(a, (64n - (b & 63n)) % 64n, 64n),
  rolw: (a, b) => sext32(rotl(lo32(a), b & 31n, 32n)), rorw: (a, b) => sext32(rotl(lo32(a), (32n - (b & 31n)) % 32n, 32n)),
  clmul, clmulh, clmulr,
  bclr: (a, b) => a & ~(1n << (b & 63n)) & M64, bext: (a, b) => bit(a, b & 63n),
  binv: (a, b) => a ^ (1n << (b & 63n)), bset: (a, b) => a | (1n << (b & 63n)),
};
const UNARY: Record<string, (a: bigint) => bigint> = {
  clz: (a) => countLead(a, 64n), ctz: (a) => countTrail(a, 64n), cpop: popcount,
  clzw: (a) => countLead(lo32(a), 32n), ctzw: (a) => countTrail(lo32(a), 32n), cpopw: (a) => popcount(lo32(a)),
  'sext.b': (a) => u64(BigInt.asIntN(8, a)), 'sext.h': (a) => u64(BigInt.asIntN(16, a)), 'zext.h': (a) => a & 0xffffn,
  'orc.b': (a) => { let r = 0n; for (let i = 0n; i < 64n; i += 8n) if ((a >> i) & 0xffn) r |= 0xffn << i; return r; },
  rev8: (a) => { let r = 0n; for (let i = 0n; i < 8n; i++) r |= ((a >> (i * 8n)) & 0xffn) << ((7n - i) * 8n); return r; },
};
const IMM: Record<string, [Ref, number]> = { // reference on (rs1, shamt), largest shamt
  'slli.uw': [(a, s) => u64(lo32(a) << s), 63], rori: [REG.ror, 63], roriw: [REG.rorw, 31],
  bclri: [REG.bclr, 63], bexti: [REG.bext, 63], binvi: [REG.binv, 63], bseti: [REG.bset, 63],
};

// 0x2614_0080_0000_0000 is the operand on which QEMU 7.2's ctzw was seen to answer 39.
const EDGE = [0n, 1n, 2n, 0x80n, 0xffn, 0x8000n, 0xffffn, 0x7fff_ffffn, 0x8000_0000n, 0xffff_ffffn, 0x1_0000_0000n,
  0x2614_0080_0000_0000n, 0x7fff_ffff_ffff_ffffn, 0x8000_0000_0000_0000n, M64, 0x0123_4567_89ab_cdefn, 0xff00_00ff_0000_ff00n];
const SEEDS = [0x5eed_b17, 0x2024];

function operands(seed: number): bigint[] {
  let s = BigInt(seed) | 1n;
  const next = () => { s ^= s >> 12n; s ^= (s << 25n) & M64; s ^= s >> 27n; return (s * 0x2545f4914f6cdd1dn) & M64; };
  const r = [...EDGE];
  for (let i = 0; i < 24; i++) r.push(next());
  return r;
}

interface Case { text: string; a: bigint; b: bigint; want: bigint }

// Every case is one instruction `op x3, x1, x2` (or its unary/immediate form) assembled by
// GNU as; the core runs it alone (it is followed by a jump to itself).
function cases(seed: number): Case[] {
  const vals = operands(seed);
  const out: Case[] = [];
  for (const [op, f] of Object.entries(REG)) for (const a of vals) for (const b of [vals[(out.length * 7) % vals.length], a, 63n, 31n]) out.push({ text: `${op} x3, x1, x2`, a, b, want: f(a, b) });
  for (const [op, f] of Object.entries(UNARY)) for (const a of vals) out.push({ text: `${op} x3, x1`, a, b: 0n, want: f(a) });
  for (const [op, [f, max]] of Object.entries(IMM)) for (const a of vals) for (const s of [0, 1, 31, max, (out.length * 13) % (max + 1)]) out.push({ text: `${op} x3, x1, ${s}`, a, b: 0n, want: f(a, BigInt(s)) });
  return out;
}

describe('Zba, Zbb, Zbc, Zbs follow the specification', () => {
  let m: Machine;
  beforeAll(async () => {
    m = await Machine.create(readFileSync(new URL('../build/core.wasm', import.meta.url)), { memSize: 16 << 20, console: () => {}, warn: () => {} });
    m.reset();
  });

  it.each(SEEDS)('on edge values and seeded random operands (seed %i)', (seed) => {
    const list = cases(seed);
    const words = assembleWords(list.map((c) => c.text));
    expect(words.length).toBe(list.length);
    const c = m.core;
    const bad: string[] = [];
    list.forEach((k, i) => {
      // the instruction, then `j .`, at the start of RAM; run(1) stops at the jump
      c.exports.flushAll();
      m.writeRam(0, new Uint8Array(new Uint32Array([words[i], 0x0000006f]).buffer));
      c.setU64(A.HART_PC, 0x8000_0000n);
      c.setX(1, k.a);
      c.setX(2, k.b);
      c.setX(3, 0xdead_beefn);
      c.exports.run(1);
      const got = c.x(3);
      if (got !== k.want) bad.push(`${k.text} with x1=0x${k.a.toString(16)} x2=0x${k.b.toString(16)}: got 0x${got.toString(16)}, want 0x${k.want.toString(16)}`);
    });
    expect(bad.slice(0, 10), `${bad.length} of ${list.length} wrong`).toEqual([]);
    expect(list.length).toBeGreaterThan(2000);
  });
});
