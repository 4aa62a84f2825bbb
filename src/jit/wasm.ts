// A small WebAssembly binary writer for the JIT: LEB128, the sections a region module needs
// (types, imports, functions, exports, code), and a function-body builder with named opcodes.
// Binary format: WebAssembly Core Specification 1.0, chapter 5. No Node API (runs in browsers).

export const I32 = 0x7f;
export const I64 = 0x7e;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const VOID = 0x40; // empty block type

// Opcodes used by the translator (spec 5.4).
export const Op = {
  unreachable: 0x00, nop: 0x01, block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b,
  br: 0x0c, br_if: 0x0d, br_table: 0x0e, return: 0x0f, call: 0x10, call_indirect: 0x11, return_call: 0x12, return_call_indirect: 0x13,
  drop: 0x1a, select: 0x1b,
  local_get: 0x20, local_set: 0x21, local_tee: 0x22, global_get: 0x23, global_set: 0x24,
  i32_load: 0x28, i64_load: 0x29, f32_load: 0x2a, f64_load: 0x2b,
  i32_load8_s: 0x2c, i32_load8_u: 0x2d, i32_load16_s: 0x2e, i32_load16_u: 0x2f,
  i64_load8_s: 0x30, i64_load8_u: 0x31, i64_load16_s: 0x32, i64_load16_u: 0x33,
  i64_load32_s: 0x34, i64_load32_u: 0x35,
  i32_store: 0x36, i64_store: 0x37, f32_store: 0x38, f64_store: 0x39,
  i32_store8: 0x3a, i32_store16: 0x3b, i64_store8: 0x3c, i64_store16: 0x3d, i64_store32: 0x3e,
  i32_const: 0x41, i64_const: 0x42,
  i32_eqz: 0x45, i32_eq: 0x46, i32_ne: 0x47, i32_lt_s: 0x48, i32_lt_u: 0x49, i32_gt_s: 0x4a,
  i32_gt_u: 0x4b, i32_le_s: 0x4c, i32_le_u: 0x4d, i32_ge_s: 0x4e, i32_ge_u: 0x4f,
  i64_eqz: 0x50, i64_eq: 0x51, i64_ne: 0x52, i64_lt_s: 0x53, i64_lt_u: 0x54, i64_gt_s: 0x55,
  i64_gt_u: 0x56, i64_le_s: 0x57, i64_le_u: 0x58, i64_ge_s: 0x59, i64_ge_u: 0x5a,
  i32_add: 0x6a, i32_sub: 0x6b, i32_mul: 0x6c, i32_div_s: 0x6d, i32_div_u: 0x6e,
  i32_rem_s: 0x6f, i32_rem_u: 0x70, i32_and: 0x71, i32_or: 0x72, i32_xor: 0x73,
  i32_shl: 0x74, i32_shr_s: 0x75, i32_shr_u: 0x76, i32_rotl: 0x77, i32_rotr: 0x78,
  i32_clz: 0x67, i32_ctz: 0x68, i32_popcnt: 0x69,
  i64_clz: 0x79, i64_ctz: 0x7a, i64_popcnt: 0x7b,
  i64_add: 0x7c, i64_sub: 0x7d, i64_mul: 0x7e, i64_div_s: 0x7f, i64_div_u: 0x80,
  i64_rem_s: 0x81, i64_rem_u: 0x82, i64_and: 0x83, i64_or: 0x84, i64_xor: 0x85,
  i64_shl: 0x86, i64_shr_s: 0x87, i64_shr_u: 0x88, i64_rotl: 0x89, i64_rotr: 0x8a,
  i32_wrap_i64: 0xa7, i64_extend_i32_s: 0xac, i64_extend_i32_u: 0xad,
  f64_const: 0x44, f64_neg: 0x9a, f64_ne: 0x62,
  f32_eq: 0x5b, f32_lt: 0x5d, f32_le: 0x5f, f64_eq: 0x61, f64_lt: 0x63, f64_le: 0x65,
  f32_trunc: 0x8f, f32_sqrt: 0x91, f32_add: 0x92, f32_sub: 0x93, f32_mul: 0x94, f32_div: 0x95,
  f32_min: 0x96, f32_max: 0x97,
  f64_trunc: 0x9d, f64_sqrt: 0x9f, f64_add: 0xa0, f64_sub: 0xa1, f64_mul: 0xa2, f64_div: 0xa3,
  f64_min: 0xa4, f64_max: 0xa5,
  i64_trunc_f32_s: 0xae, i64_trunc_f32_u: 0xaf, i64_trunc_f64_s: 0xb0, i64_trunc_f64_u: 0xb1,
  f32_convert_i64_s: 0xb4, f32_convert_i64_u: 0xb5, f32_demote_f64: 0xb6,
  f64_convert_i64_s: 0xb9, f64_convert_i64_u: 0xba, f64_promote_f32: 0xbb,
  i32_reinterpret_f32: 0xbc, i64_reinterpret_f64: 0xbd, f32_reinterpret_i32: 0xbe, f64_reinterpret_i64: 0xbf,
  i64_extend8_s: 0xc2, i64_extend16_s: 0xc3, i64_extend32_s: 0xc4,
} as const;

// SIMD opcodes (after the 0xfd prefix) the translator uses: a binary64 fused multiply-add is
// one lane of relaxed SIMD's f64x2.relaxed_madd (where the host fuses it: translate.ts).
export const Simd = { f64x2_splat: 0x14, f64x2_extract_lane: 0x21, f64x2_relaxed_madd: 0x107 } as const;

export class Bytes {
  private buf: Uint8Array<ArrayBuffer>;
  length = 0;
  // `capacity`: bytes to start with (a whole-page function's code is 20-40 KiB: growing it from
  // 256 bytes by doubling was a tenth of the translator's time).
  constructor(capacity = 256) { this.buf = new Uint8Array(capacity); }

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    grown.set(this.buf.subarray(0, this.length));
    this.buf = grown;
  }
  byte(b: number): this {
    if (this.length === this.buf.length) this.reserve(1);
    this.buf[this.length++] = b;
    return this;
  }
  bytes(bs: ArrayLike<number>): this {
    this.reserve(bs.length);
    for (let i = 0; i < bs.length; i++) this.buf[this.length++] = bs[i];
    return this;
  }
  u32(v: number): this { // unsigned LEB128
    v >>>= 0;
    do {
      let b = v & 0x7f;
      v >>>= 7;
      if (v !== 0) b |= 0x80;
      this.byte(b);
    } while (v !== 0);
    return this;
  }
  s32(v: number): this { // signed LEB128 of a 32-bit value
    v |= 0;
    while (true) {
      const b = v & 0x7f;
      v >>= 7;
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) { this.byte(b); return this; }
      this.byte(b | 0x80);
    }
  }
  s64(v: bigint): this { // signed LEB128 of a 64-bit value
    // In two 32-bit halves (lo unsigned, hi signed): BigInt shifts per byte were a tenth of the
    // translator's time (every memory access names its record for the exit path).
    let lo = Number(v & 0xffffffffn), hi = Number(BigInt.asIntN(32, v >> 32n));
    while (true) {
      const b = lo & 0x7f;
      lo = ((lo >>> 7) | ((hi & 0x7f) << 25)) >>> 0;
      hi >>= 7;
      if ((hi === 0 && lo === 0 && (b & 0x40) === 0) || (hi === -1 && lo === 0xffffffff && (b & 0x40) !== 0)) { this.byte(b); return this; }
      this.byte(b | 0x80);
    }
  }
  name(s: string): this {
    const e = new TextEncoder().encode(s);
    return this.u32(e.length).bytes(e);
  }
  vec(b: Bytes): this { return this.u32(b.length).append(b); }
  append(b: Bytes): this {
    this.reserve(b.length);
    this.buf.set(b.buf.subarray(0, b.length), this.length);
    this.length += b.length;
    return this;
  }
  toArray(): Uint8Array<ArrayBuffer> { return this.buf.slice(0, this.length) as Uint8Array<ArrayBuffer>; }
}

// A function body: locals declared up front, then code. Small helpers keep the translator
// readable; anything else is emitted with op().
export class Body {
  readonly code = new Bytes(8192);
  private locals: number[] = [];
  constructor(readonly params: number[]) {}

  local(type: number): number { this.locals.push(type); return this.params.length + this.locals.length - 1; }
  op(o: number): this { this.code.byte(o); return this; }
  // A SIMD instruction (prefix 0xfd, spec 5.4.8), with its lane index if it takes one.
  simd(o: number, lane?: number): this { this.code.byte(0xfd).u32(o); if (lane !== undefined) this.code.byte(lane); return this; }
  get(l: number): this { this.code.byte(Op.local_get).u32(l); return this; }
  set(l: number): this { this.code.byte(Op.local_set).u32(l); return this; }
  tee(l: number): this { this.code.byte(Op.local_tee).u32(l); return this; }
  gget(g: number): this { this.code.byte(Op.global_get).u32(g); return this; }
  i32(v: number): this { this.code.byte(Op.i32_const).s32(v); return this; }
  i64(v: bigint | number): this {
    // A value within i32 range has the same signed LEB128 either way: skip BigInt for it.
    if (typeof v === 'number' && v === (v | 0)) { this.code.byte(Op.i64_const).s32(v); return this; }
    this.code.byte(Op.i64_const).s64(BigInt(v)); return this;
  }
  f64(v: number): this {
    const b = new Uint8Array(new Float64Array([v]).buffer);
    this.code.byte(Op.f64_const).bytes(b);
    return this;
  }
  mem(o: number, align: number, offset = 0): this { this.code.byte(o).u32(align).u32(offset); return this; }
  br(depth: number): this { this.code.byte(Op.br).u32(depth); return this; }
  brIf(depth: number): this { this.code.byte(Op.br_if).u32(depth); return this; }
  block(type = VOID): this { this.code.byte(Op.block).byte(type); return this; }
  loop(type = VOID): this { this.code.byte(Op.loop).byte(type); return this; }
  if(type = VOID): this { this.code.byte(Op.if).byte(type); return this; }
  else(): this { this.code.byte(Op.else); return this; }
  end(): this { this.code.byte(Op.end); return this; }
  call(f: number): this { this.code.byte(Op.call).u32(f); return this; }
  // Tail calls (the tail-call proposal, in V8 since 11.2); the indirect one through table 0.
  returnCall(f: number): this { this.code.byte(Op.return_call).u32(f); return this; }
  returnCallIndirect(type: number): this { this.code.byte(Op.return_call_indirect).u32(type).u32(0); return this; }
  brTable(depths: number[], dflt: number): this {
    this.code.byte(Op.br_table).u32(depths.length);
    for (const d of depths) this.code.u32(d);
    this.code.u32(dflt);
    return this;
  }

  encode(): Bytes {
    const b = new Bytes(this.code.length + 16 + 6 * this.locals.length);
    // Run-length encode the local declarations.
    const groups: [number, number][] = [];
    for (const t of this.locals) {
      if (groups.length && groups[groups.length - 1][1] === t) groups[groups.length - 1][0]++;
      else groups.push([1, t]);
    }
    b.u32(groups.length);
    for (const [n, t] of groups) b.u32(n).byte(t);
    b.append(this.code).byte(Op.end);
    return b;
  }
}

export type Import =
  | { module: string; name: string; kind: 'func'; type: number }
  | { module: string; name: string; kind: 'memory' }
  | { module: string; name: string; kind: 'global'; valType: number; mutable: boolean }
  | { module: string; name: string; kind: 'table' }; // of funcref, any size

// A module: function types, imports, functions (each with a type and body) and exports.
export class ModuleBuilder {
  private types: { params: number[]; results: number[] }[] = [];
  private imports: Import[] = [];
  private funcs: { type: number; body: Body }[] = [];
  private exportsList: { name: string; func: number }[] = [];
  private importedFuncs = 0;

  type(params: number[], results: number[]): number {
    const i = this.types.findIndex((t) => t.params.join() === params.join() && t.results.join() === results.join());
    if (i >= 0) return i;
    this.types.push({ params, results });
    return this.types.length - 1;
  }
  // Returns the function or global index of the import (functions and globals count apart).
  import(imp: Import): number {
    this.imports.push(imp);
    if (imp.kind === 'func') return this.importedFuncs++;
    if (imp.kind === 'global') return this.imports.filter((i) => i.kind === 'global').length - 1;
    return 0;
  }
  func(type: number, body: Body): number { this.funcs.push({ type, body }); return this.importedFuncs + this.funcs.length - 1; }
  export(name: string, func: number): void { this.exportsList.push({ name, func }); }

  bytes(): Uint8Array<ArrayBuffer> {
    // (Sized up front: the code section is most of a region's bytes.)
    const bodies = this.funcs.map((f) => f.body.encode());
    const codeBytes = bodies.reduce((n, b) => n + b.length + 5, 5);
    const out = new Bytes(codeBytes + 1024).bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    const section = (id: number, content: Bytes) => { out.byte(id).vec(content); };
    const types = new Bytes().u32(this.types.length);
    for (const t of this.types) {
      types.byte(0x60).u32(t.params.length).bytes(t.params).u32(t.results.length).bytes(t.results);
    }
    section(1, types);
    if (this.imports.length) {
      const imps = new Bytes().u32(this.imports.length);
      for (const i of this.imports) {
        imps.name(i.module).name(i.name);
        if (i.kind === 'func') imps.byte(0x00).u32(i.type);
        else if (i.kind === 'memory') imps.byte(0x02).byte(0x00).u32(0);
        else if (i.kind === 'table') imps.byte(0x01).byte(0x70).byte(0x00).u32(0);
        else imps.byte(0x03).byte(i.valType).byte(i.mutable ? 1 : 0);
      }
      section(2, imps);
    }
    const fns = new Bytes().u32(this.funcs.length);
    for (const f of this.funcs) fns.u32(f.type);
    section(3, fns);
    const exps = new Bytes().u32(this.exportsList.length);
    for (const e of this.exportsList) exps.name(e.name).byte(0x00).u32(e.func);
    section(7, exps);
    const code = new Bytes(codeBytes).u32(this.funcs.length);
    for (const b of bodies) code.vec(b);
    section(10, code);
    return out.toArray();
  }
}
