// AssemblyScript entry for test/softfloat.test.ts: runs a batch of operation records through
// assembly/softfloat.ts. The op numbers are OPS' indices in test/support/softfloat-ops.ts.
//
// Record in:  op u32, rm u32, a u64, b u64, c u64                       (32 bytes)
// Record out: result u64 (32-bit results sign-extended, as in an RV64 x register), fflags u64

import * as sf from '../../assembly/softfloat';

const S32: u64 = 0x80000000;
const S64: u64 = 0x8000000000000000;

@inline function sx(v: u32): u64 {
  return <u64>(<i64>(<i32>v));
}

export function heapBase(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

export const OP_COUNT: i32 = 48;

export function runBatch(inPtr: usize, n: i32, outPtr: usize): void {
  for (let i = 0; i < n; i++) {
    const p = inPtr + ((<usize>i) << 5);
    const op = load<u32>(p);
    const rm = load<u32>(p, 4);
    const a = load<u64>(p, 8);
    const b = load<u64>(p, 16);
    const c = load<u64>(p, 24);
    const a32 = <u32>a, b32 = <u32>b, c32 = <u32>c;
    sf.fflags = 0;
    let r: u64 = 0;
    switch (op) {
      case 0: r = sx(sf.f32_add(a32, b32, rm)); break;
      case 1: r = sx(sf.f32_sub(a32, b32, rm)); break;
      case 2: r = sx(sf.f32_mul(a32, b32, rm)); break;
      case 3: r = sx(sf.f32_div(a32, b32, rm)); break;
      case 4: r = sx(sf.f32_sqrt(a32, rm)); break;
      case 5: r = sx(sf.f32_fma(a32, b32, c32, rm)); break;
      case 6: r = sx(sf.f32_fma(a32, b32, c32 ^ <u32>S32, rm)); break; // fmsub
      case 7: r = sx(sf.f32_fma(a32 ^ <u32>S32, b32, c32, rm)); break; // fnmsub
      case 8: r = sx(sf.f32_fma(a32 ^ <u32>S32, b32, c32 ^ <u32>S32, rm)); break; // fnmadd
      case 9: r = <u64>sf.f32_eq(a32, b32); break;
      case 10: r = <u64>sf.f32_lt(a32, b32); break;
      case 11: r = <u64>sf.f32_le(a32, b32); break;
      case 12: r = sx(sf.f32_min(a32, b32)); break;
      case 13: r = sx(sf.f32_max(a32, b32)); break;
      case 14: r = <u64>sf.f32_classify(a32); break;
      case 15: r = sx(sf.f32_to_i32(a32, rm)); break;
      case 16: r = sx(sf.f32_to_u32(a32, rm)); break;
      case 17: r = sf.f32_to_i64(a32, rm); break;
      case 18: r = sf.f32_to_u64(a32, rm); break;
      case 19: r = sx(sf.i32_to_f32(a32, rm)); break;
      case 20: r = sx(sf.u32_to_f32(a32, rm)); break;
      case 21: r = sx(sf.i64_to_f32(a, rm)); break;
      case 22: r = sx(sf.u64_to_f32(a, rm)); break;
      case 23: r = sf.f32_to_f64(a32); break;
      case 24: r = sx(sf.f64_to_f32(a, rm)); break;
      case 25: r = sf.f64_add(a, b, rm); break;
      case 26: r = sf.f64_sub(a, b, rm); break;
      case 27: r = sf.f64_mul(a, b, rm); break;
      case 28: r = sf.f64_div(a, b, rm); break;
      case 29: r = sf.f64_sqrt(a, rm); break;
      case 30: r = sf.f64_fma(a, b, c, rm); break;
      case 31: r = sf.f64_fma(a, b, c ^ S64, rm); break;
      case 32: r = sf.f64_fma(a ^ S64, b, c, rm); break;
      case 33: r = sf.f64_fma(a ^ S64, b, c ^ S64, rm); break;
      case 34: r = <u64>sf.f64_eq(a, b); break;
      case 35: r = <u64>sf.f64_lt(a, b); break;
      case 36: r = <u64>sf.f64_le(a, b); break;
      case 37: r = sf.f64_min(a, b); break;
      case 38: r = sf.f64_max(a, b); break;
      case 39: r = <u64>sf.f64_classify(a); break;
      case 40: r = sx(sf.f64_to_i32(a, rm)); break;
      case 41: r = sx(sf.f64_to_u32(a, rm)); break;
      case 42: r = sf.f64_to_i64(a, rm); break;
      case 43: r = sf.f64_to_u64(a, rm); break;
      case 44: r = sf.i32_to_f64(a32, rm); break;
      case 45: r = sf.u32_to_f64(a32, rm); break;
      case 46: r = sf.i64_to_f64(a, rm); break;
      case 47: r = sf.u64_to_f64(a, rm); break;
      default: r = 0xdeadbeefdeadbeef;
    }
    const q = outPtr + ((<usize>i) << 4);
    store<u64>(q, r);
    store<u64>(q, <u64>sf.fflags, 8);
  }
}
