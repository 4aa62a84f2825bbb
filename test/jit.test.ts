// The JIT (src/jit/, assembly/jit.ts): the wasm writer's encodings, golden translator output
// for a small page, and lockstep runs of the bench programs JIT vs interpreter (--icount), which
// must agree on the architectural state after every core.run() while most instructions run
// compiled. A planted translation bug must be caught.
import { describe, it, expect } from 'vitest';
import { readFileSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bytes, Body, I32, I64, Op } from '../src/jit/wasm';
import { translate, hostFusedMadd, setHostFusedMadd } from '../src/jit/translate';
import { setFlagsFromString } from 'node:v8';
import { regionModule } from '../src/jit/jit';
import * as O from '../assembly/opcodes';
import * as ABI from '../assembly/abi';
import { lockstep, makeMachine, diffState, pinpoint, type Guest } from './jit-lockstep';
import type { Machine } from '../src/machine/machine';

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');

describe('wasm writer', () => {
  it('encodes LEB128 as the spec says', () => {
    expect(hex(new Bytes().u32(624485).toArray())).toBe('e5 8e 26');
    expect(hex(new Bytes().s32(-123456).toArray())).toBe('c0 bb 78');
    expect(hex(new Bytes().s32(63).toArray())).toBe('3f');
    expect(hex(new Bytes().s32(64).toArray())).toBe('c0 00');
    expect(hex(new Bytes().s32(-64).toArray())).toBe('40');
    expect(hex(new Bytes().s64(-1n).toArray())).toBe('7f');
    expect(hex(new Bytes().s64(0x7fffffffffffffffn).toArray())).toBe('ff ff ff ff ff ff ff ff ff 00');
  });

  it('encodes any 64-bit value as signed LEB128 by the spec (the writer works in 32-bit halves)', () => {
    // The spec's definition, on BigInt: 7 bits at a time until the rest is the sign.
    const reference = (v: bigint): string => {
      const out: number[] = [];
      for (v = BigInt.asIntN(64, v); ;) {
        const b = Number(v & 0x7fn);
        v >>= 7n;
        if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) { out.push(b); break; }
        out.push(b | 0x80);
      }
      return hex(Uint8Array.from(out));
    };
    const values = [0n, 1n, -1n, 63n, 64n, -64n, -65n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, -0x80000000n,
      -0x80000001n, 1n << 62n, -(1n << 63n), (1n << 63n) - 1n, 0xffffffff00000000n, 0x00000000ffffffffn << 31n];
    let x = 0x9e3779b97f4a7c15n; // a fixed sequence (xorshift64), no new seeds
    for (let i = 0; i < 2000; i++) {
      x ^= (x << 13n) & 0xffffffffffffffffn; x ^= x >> 7n; x ^= (x << 17n) & 0xffffffffffffffffn;
      values.push(BigInt.asIntN(64, x) >> BigInt(i % 64));
    }
    for (const v of values) expect(hex(new Bytes().s64(v).toArray()), String(v)).toBe(reference(v));
  });

  it('writes a module that validates and runs', () => {
    const f = new Body([I32, I32, I64]);
    f.get(0).get(1).op(Op.i32_add);
    const bytes = regionModuleOf(f);
    expect(WebAssembly.validate(bytes)).toBe(true);
  });
});

function regionModuleOf(body: Body): Uint8Array<ArrayBuffer> { return regionModule(body); }

// A record as decode.ts makes it.
function rec(op: number, rd: number, rs1: number, rs2: number, imm: number, len = 4): [number, number] {
  return [(op | (((rd << 3) | len) << 8) | (rs1 << 19) | (rs2 << 27)) >>> 0, imm | 0];
}

// A record page as the core holds it (lo and hi words of record h at 2h, 2h + 1), from records by
// halfword index; the others are empty (OP_UNDECODED).
function recordsOf(page: Map<number, [number, number]>): Uint32Array {
  const recs = new Uint32Array(4096);
  for (const [h, [lo, hi]] of page) { recs[2 * h] = lo; recs[2 * h + 1] = hi; }
  return recs;
}

describe('translator', () => {
  it('has an entry-marker op no decoded record uses', () => {
    const ops = Object.entries(O).filter(([k]) => k !== 'OP_COUNT').map(([, v]) => v);
    expect(ops).not.toContain(ABI.OP_JIT);
    expect(ABI.OP_JIT).toBeGreaterThanOrEqual(O.OP_COUNT);
  });

  // A counting loop at the start of a page: addi a0,a0,1; addi a1,a1,-1; bnez a1,-4; ecall
  const page = new Map<number, [number, number]>([
    [0, rec(O.OP_ADDI, 10, 10, 0, 1)],
    [2, rec(O.OP_ADDI, 11, 11, 0, -1)],
    [4, rec(O.OP_BNE, 0, 11, 0, -4)],
    [6, rec(O.OP_ECALL, 0, 0, 0, 0)],
  ]);
  const region = translate(recordsOf(page))!;

  it('finds the blocks and entries of a page', () => {
    expect(region.entries).toEqual([0, 2]); // the page's first instruction and the loop head
    expect(region.insns).toBe(3); // ecall is left to the interpreter
  });

  it('emits the same code as before (golden)', () => {
    const bytes = regionModule(region.body);
    expect(WebAssembly.validate(bytes)).toBe(true);
    // A region jumps into another through the host's `chain` function, not the table: V8 gives
    // every instance that imports the table its own dispatch table (55 KiB for 2064 entries).
    expect(WebAssembly.Module.imports(new WebAssembly.Module(bytes)).map((i) => i.kind)).not.toContain('table');
    // The registers the function uses (a0, a1) are loaded into their locals once, at entry
    // (i32.const 0; i64.load offset HART_X + 80 and + 88; local.set), before the region's block
    // and loop, and never again: the loop body reads a1's local. The branch on i64.eqz, the
    // retired count +2 and the budget check before going round, in a wasm loop of its own (a
    // one-block loop: `loop` twice, the region's and the block's).
    const code = hex(bytes);
    const entry = code.slice(0, code.indexOf('02 40 02 40 03 40')); // block $exit, block $insn, loop $L
    expect(entry).toContain('41 00 29 03 d0 80 04 21 03 41 00 29 03 d8 80 04 21 04');
    // No other load of a0 or a1 (the exit's chain into another region loads its TLB entry, its
    // record and a counter, none of them a register).
    expect(code.split(' 29 03 d0 80 04').length - 1).toBe(1);
    expect(code.split(' 29 03 d8 80 04').length - 1).toBe(1);
    expect(code.split('03 40').length - 1).toBe(2);
    expect(hex(bytes)).toMatchInlineSnapshot(`"00 61 73 6d 01 00 00 00 01 22 05 60 03 7f 7f 7e 01 7f 60 03 7f 7e 7e 01 7e 60 01 7e 01 7f 60 04 7f 7f 7e 7f 01 7f 60 02 7e 7f 01 7e 02 4d 09 01 63 02 6d 64 00 01 01 63 02 66 70 00 02 01 63 03 61 6d 6f 00 02 01 63 02 63 68 00 03 01 63 03 63 74 72 00 04 01 63 03 6d 65 6d 02 00 00 01 63 04 6c 74 6c 62 03 7f 01 01 63 04 73 74 6c 62 03 7f 01 01 63 04 66 74 6c 62 03 7f 01 03 02 01 00 07 06 01 02 66 30 00 05 0a 92 03 01 8f 03 05 02 7e 02 7f 02 7e 06 7f 03 7e 41 00 29 03 d0 80 04 21 03 41 00 29 03 d8 80 04 21 04 41 00 28 02 88 80 c4 10 21 05 41 7f 21 0e 02 40 02 40 03 40 02 40 02 40 20 0e 41 7f 47 04 40 20 0e 41 00 46 04 40 41 7f 21 0e 0c 02 0b 20 0e 41 02 46 04 40 41 7f 21 0e 0c 03 0b 41 00 21 06 0c 05 0b 20 00 0e 02 00 01 00 0b 20 03 42 01 7c 21 03 20 05 41 01 6a 21 05 0b 03 40 20 04 42 7f 7c 21 04 20 04 50 45 04 40 20 05 41 02 6a 21 05 20 05 20 01 4a 04 40 20 02 42 04 7c 21 07 41 00 21 06 0c 05 0b 0c 01 0b 41 8c 80 01 21 0a 0c 02 0b 0b 0c 01 0b 20 05 20 0a 41 0d 76 6a 21 05 20 02 20 0a 41 ff 3f 71 ad 7c 21 07 41 01 21 06 0b 41 00 20 03 37 03 d0 80 04 41 00 20 04 37 03 d8 80 04 20 06 45 20 05 20 01 4c 71 04 40 20 07 a7 41 08 76 41 f0 ff 00 71 23 02 6a 22 09 29 03 00 20 07 42 80 60 83 51 04 40 20 09 28 02 0c 20 09 28 02 08 22 0e 28 02 88 80 01 46 04 40 20 0e 20 07 a7 41 ff 1f 71 41 02 74 6a 28 02 00 22 0b 41 ff 01 71 41 fe 01 46 04 40 41 00 41 00 29 03 88 81 c4 10 42 01 7c 37 03 88 81 c4 10 41 00 20 05 36 02 88 80 c4 10 20 0b 41 08 76 41 ff 01 71 20 01 20 07 42 80 60 83 20 0b 41 10 76 12 03 0b 0b 0b 0b 41 00 20 07 37 03 80 80 c4 10 41 00 20 05 36 02 88 80 c4 10 41 00 41 00 36 02 8c 80 c4 10 20 06 0b"`);
  });

  // Decoding ahead: a page's first compile stops at a return (the function laid out after it
  // may never run); a recompile (`sweep`) decodes on to the page's end, so the next function is
  // compiled, and is an entry, before it gets hot.
  it('decodes past a return only when the page is compiled again', () => {
    const seen = new Map<number, [number, number]>([[0, rec(O.OP_ADDI, 10, 10, 0, 1)], [2, rec(O.OP_JR, 0, 1, 0, 0)]]);
    const unseen = new Map<number, [number, number]>([[4, rec(O.OP_ADDI, 11, 11, 0, 2)], [6, rec(O.OP_JR, 0, 1, 0, 0)]]);
    const ahead = (h: number) => unseen.get(h) ?? null;
    expect(translate(recordsOf(seen), ahead)!.entries).toEqual([0]);
    const again = translate(recordsOf(seen), ahead, [], undefined, 0, true)!;
    expect(again.entries).toEqual([0, 4]);
    expect(again.insns).toBe(4);
  });

  // A page whose only memory accesses are F/D loads and stores: they probe the TLB views too, so
  // the function must read both views' bases (the core's globals 0 and 1) at entry. Left out,
  // the probes read the TLB at address 0 of the core's memory, and fld from guest address 0 hit
  // there and read the core instead of faulting.
  it('reads the TLB views for F/D loads and stores alone', () => {
    const fp = new Map<number, [number, number]>([
      [0, rec(O.OP_FLD, 1, 10, 0, 0)],
      [2, rec(O.OP_FSD, 0, 10, 1, 8)],
      [4, rec(O.OP_ECALL, 0, 0, 0, 0)],
    ]);
    const r = translate(recordsOf(fp))!;
    expect(r.insns).toBe(2);
    const code = hex(regionModule(r.body));
    const entry = code.slice(code.indexOf('0a '), code.indexOf('02 40 03 40')); // code section, up to block $exit
    expect(entry).toContain('23 00 21'); // global.get 0 (load view); local.set
    expect(entry).toContain('23 01 21'); // global.get 1 (store view); local.set
  });

  // A loop of two blocks entered in its middle, as gcc lays out sha256's rounds:
  // j L2; L1: addi a0,a0,1; L2: addi a1,a1,-1; bnez a1,L1; ecall
  it('puts a loop of several blocks in a wasm loop of its own, entered in the middle through a trampoline', () => {
    const two = new Map<number, [number, number]>([
      [0, rec(O.OP_J, 0, 0, 0, 8)],
      [2, rec(O.OP_ADDI, 10, 10, 0, 1)],
      [4, rec(O.OP_ADDI, 11, 11, 0, -1)],
      [6, rec(O.OP_BNE, 0, 11, 0, -8)],
      [8, rec(O.OP_ECALL, 0, 0, 0, 0)],
    ]);
    const r = translate(recordsOf(two))!;
    expect(r.entries).toEqual([0, 2, 4]);
    const bytes = regionModule(r.body);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const code = hex(bytes).slice(hex(bytes).indexOf('02 40 03 40')); // from block $exit, loop $L
    // Two loops: the region's $L and the group's. The back edge is a br to the group's loop:
    // nothing but the br_table's own index sets the entry parameter (local.set 0), so no jump
    // goes round $L. The trampoline (the entry to L2) sets the group's dispatch index to 1.
    expect(code.split('03 40').length - 1).toBe(2);
    expect(code).not.toContain('21 00');
    expect(code).toMatch(/41 01 21 [0-9a-f]{2} 0c 00/); // i32.const 1; local.set inner; br $U[group]
  });
});

const program = (name: string): Guest => {
  const elf = readFileSync(new URL(`../bench/programs/${name}.elf`, import.meta.url));
  return { setup: (m) => { m.loadKernel(elf, `${name}.elf`); m.reset(); } };
};

// A self-checking ROM of roms/tests run compiled: in lockstep with the interpreter (every region
// kept, a page compiled at its `samples`-th sample) with more than `minShare` of its
// instructions compiled, then through the CLI with the same settings, where it must pass.
async function romCompiled(name: string, minShare: number, samples = 1, maxRuns = 20_000): Promise<void> {
  const elf = readFileSync(new URL(`../roms/tests/${name}.elf`, import.meta.url));
  const r = await lockstep({ setup: (m) => { m.loadKernel(elf, `${name}.elf`); m.reset(); }, cfg: { jitMinRun: 0 } }, maxRuns, samples);
  console.log(`${name}: ${r.steps} runs, ${r.instret} instructions, ${(r.share * 100).toFixed(1)} % compiled`);
  expect(r.diverged).toBeNull();
  expect(r.share).toBeGreaterThan(minShare);
  const cli = spawnSync(process.execPath, ['dist/cli.js', 'run', '--bios', 'none', '--kernel', `roms/tests/${name}.elf`, '--jit', 'on', '--icount', '0', '--timeout', '20'],
    { cwd: new URL('..', import.meta.url).pathname, encoding: 'utf8', env: { ...process.env, RVISOR_JIT_SAMPLES: String(samples), RVISOR_JIT_MIN_RUN: '0' } });
  expect(cli.stdout, cli.stderr).toContain(`PASS ${name}`);
}

describe('lockstep JIT vs interpreter (--icount)', () => {
  // Small functions (the library's regions) and one function per page (the CLI's, jit.ts
  // wholePage), whose calls and returns within the page stay inside one function.
  for (const [name, wholePage] of [['crc', false], ['sort', false], ['state', false], ['sha256', false], ['nbody', false],
    ['crc', true], ['sort', true], ['integrate', true], ['nbody', true]] as const) {
    it(`${name}${wholePage ? ' (whole-page regions)' : ''}: same state after every run(), mostly compiled`, async () => {
      const r = await lockstep({ ...program(name), wholePage }, 120);
      console.log(`${name}${wholePage ? ' (whole page)' : ''}: ${r.steps} runs, ${r.instret} instructions, ${(r.share * 100).toFixed(1)} % compiled`);
      expect(r.diverged).toBeNull();
      expect(r.share).toBeGreaterThan(0.9);
    });
  }

  it('catches a planted translation bug and pinpoints the guest instruction', async () => {
    const a = await makeMachine(program('crc'), false);
    const b = await makeMachine(program('crc'), true);
    plantAddi(b);
    let found: string | null = null;
    let run = 0;
    for (let i = 0; i < 50 && !found; i++) {
      a.step(0); b.step(0);
      run = i + 1;
      found = diffState(a, b);
    }
    expect(found).not.toBeNull();
    const p = await pinpoint(program('crc'), run, 2, plantAddi);
    expect(p).not.toBeNull();
    console.log(`planted addi bug: after run() ${run}, pinpointed to pc ${p!.pc.toString(16)}: ${p!.insn.toString(16)} (differing ${p!.registers.join(' ')})`);
    // The instruction found is an ADDI (or its compressed forms), the one kind the plant changed.
    const rec = b.core.exports.decodeWord(p!.insn);
    expect(Number(rec & 0xffn)).toBe(O.OP_ADDI);
  });
});

// Plant: the translator sees every ADDI with its immediate off by one.
function plantAddi(b: Machine): void {
  {
    const jit = b.core.jit as unknown as { compile: (slot: number, recBase: number) => number };
    const orig = jit.compile.bind(jit);
    jit.compile = (slot, recBase) => {
      const dv = new DataView(b.core.exports.memory.buffer);
      const saved: [number, number][] = [];
      for (let h = 0; h < 2048; h++) {
        const lo = dv.getUint32(recBase + h * 8, true);
        if ((lo & 0xff) === O.OP_ADDI) { saved.push([h, dv.getUint32(recBase + h * 8 + 4, true)]); dv.setUint32(recBase + h * 8 + 4, saved[saved.length - 1][1] + 1, true); }
      }
      const n = orig(slot, recBase);
      for (const [h, imm] of saved) {
        const lo = dv.getUint32(recBase + h * 8, true);
        if ((lo & 0xff) !== ABI.OP_JIT) dv.setUint32(recBase + h * 8 + 4, imm, true); // entry markers keep the saved record
      }
      return n;
    };
  }
}

describe('directed', () => {
  it('self-modifying code on the same page, another page and inside a running loop (roms/tests/jit-smc.S)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rvisor-jit-'));
    const stats = join(dir, 'stats.json');
    const r = spawnSync(process.execPath, ['dist/cli.js', 'run', '--bios', 'none', '--kernel', 'roms/tests/jit-smc.elf', '--jit', 'on', '--icount', '0',
      '--stats-json', stats, '--timeout', '20'], { cwd: new URL('..', import.meta.url).pathname, encoding: 'utf8', env: { ...process.env, RVISOR_JIT_SAMPLES: '1' } });
    expect(r.stdout, r.stderr).toContain('PASS jit-smc');
    const s = JSON.parse(readFileSync(stats, 'utf8'));
    const jit = s.jit ?? s.stats?.jit;
    expect(jit.regions).toBeGreaterThan(0);
    // A store into a page holding code misses the store TLB: it leaves the region, and the
    // interpreter's store drops the region (the one that made it, too).
    expect(jit.exits.insn).toBeGreaterThan(0);
    expect(jit.drops).toBeGreaterThan(0);
  });

  // DMA into code: the host (a device, a loader) writes over a function that runs compiled, in a
  // loop that stores its result; the next call must run the new bytes.
  it('a host write (DMA) over compiled code drops it before it runs again', async () => {
    const le = (...w: number[]) => new Uint8Array(new Uint32Array(w).buffer);
    const g: Guest = {
      setup: (m) => {
        m.writeRam(0, le(0x00001297, 0x0fc000ef, 0x00a2b023, 0xff9ff06f)); // auipc t0,1; 1: jal f; sd a0,0(t0); j 1b
        m.writeRam(0x100, le(0x00100513, 0x00008067)); // f: li a0,1; ret
        m.reset();
        m.core.setU64(ABI.HART_PC, 0x8000_0000n);
      },
      cfg: { jitMinRun: 0 },
    };
    const m = await makeMachine(g, true, 1);
    const result = () => new DataView(m.readRam(0x1000, 8).buffer).getBigUint64(0, true);
    for (let i = 0; i < 20; i++) m.step(0);
    expect(result()).toBe(1n);
    const before = m.stats().jit!;
    expect(before.regions).toBeGreaterThan(0);
    expect(before.share).toBeGreaterThan(0.9);
    m.writeRam(0x100, le(0x00200513)); // li a0,2
    for (let i = 0; i < 20; i++) m.step(0);
    expect(result()).toBe(2n);
    expect(m.stats().jit!.drops).toBeGreaterThan(before.drops);
  });

  // roms/tests/jit-amo-zb.S: every AMO kind, LR/SC, a misaligned AMO faulting every 8th
  // iteration, an AMO rewriting hot code, and Zba/Zbb/Zbc/Zbs, all in hot loops: they run in
  // compiled regions (the core's atomic() for the A ops), in lockstep with the interpreter.
  // In both region shapes: with one function per page (the CLI's), the function also writes
  // the AMO's rd elsewhere, and an AMO that drops code must leave with the rd the core wrote
  // (it once left with the stale local, written back over it: check 3 failed, amoswap gave 0).
  for (const wholePage of [false, true]) {
    it(`atomics, a faulting AMO, an AMO over hot code and bit-manipulation in compiled loops (roms/tests/jit-amo-zb.S)${wholePage ? ', whole-page regions' : ''}`, async () => {
      const elf = readFileSync(new URL('../roms/tests/jit-amo-zb.elf', import.meta.url));
      const r = await lockstep({ setup: (m) => { m.loadKernel(elf, 'jit-amo-zb.elf'); m.reset(); }, cfg: { jitMinRun: 0 }, wholePage }, 20_000, 1);
      console.log(`jit-amo-zb${wholePage ? ' (whole page)' : ''}: ${r.steps} runs, ${r.instret} instructions, ${(r.share * 100).toFixed(1)} % compiled`);
      expect(r.diverged).toBeNull();
      expect(r.share).toBeGreaterThan(0.9);
    });
  }

  // Promotion (jit.ts promoteAt; the CLI's): past the mark, between two run() calls, every
  // region is dropped, the host's hook runs once (the CLI turns V8's tiering on there), and
  // the code still hot is compiled again as small functions. The program's output must not
  // change, and it must go on running compiled.
  it('promotes regions to small functions once past the mark, once, with the same results', async () => {
    const run = async (promoteAt: bigint | null) => {
      let out = '';
      const m = await makeMachine({ ...program('crc'), wholePage: true, cfg: { console: (b) => { out += String.fromCharCode(...b); } } }, true, 8);
      let hooks = 0, regionsAtPromotion = -1;
      m.core.jit.promoteAt = promoteAt;
      m.core.jit.onPromote = () => { hooks++; regionsAtPromotion = m.core.jit.stats.regions; };
      while (m.step(0) !== 'done');
      return { out: out.replace(/ticks=\d+/, ''), hooks, regionsAtPromotion, jit: m.core.jit, stats: m.stats().jit! };
    };
    const plain = await run(null);
    const promoted = await run(50_000_000n);
    expect(plain.hooks).toBe(0);
    expect(plain.jit.promoted).toBe(false);
    expect(promoted.out).toBe(plain.out);
    expect(promoted.out).toContain('BENCH name=crc');
    expect(promoted.hooks).toBe(1);
    expect(promoted.jit.promoted).toBe(true);
    expect(promoted.jit.wholePage).toBe(false);
    expect(promoted.stats.regions).toBeGreaterThan(promoted.regionsAtPromotion); // compiled again after the drop
    expect(promoted.stats.share).toBeGreaterThan(0.9);
  });

  // roms/tests/jit-mulh.S: mulh/mulhu/mulhsu over every pair of a table of edge values in a hot
  // loop; compiled, they are built from 32-bit halves (translate.ts emitMulHigh). The checksum
  // the ROM checks is QEMU's.
  it('the high halves of 64-bit products, compiled (roms/tests/jit-mulh.S)', () => romCompiled('jit-mulh', 0.9));

  // roms/tests/jit-counters.S: rdinstret, rdcycle and rdtime in hot loops (a delay loop on time
  // among them), compiled as calls to the core (translate.ts isCounterRead). In lockstep under
  // --icount every value read must be the interpreter's, to the instruction; before, each read
  // left compiled code, and a delay loop under --icount ran 3x slower than the interpreter alone.
  it('counter reads, compiled (roms/tests/jit-counters.S)', () => romCompiled('jit-counters', 0.9));

  // roms/tests/jit-profit.S: a page whose entries are mostly two-instruction calls, and a loop
  // of 400 instructions. The profitability rule (minRun 32; off by default) unmarks the short entries and
  // keeps the loop compiled; a rule per page dropped it all (1 % compiled, against 70 % here).
  // In lockstep too: an entry unmarked in the middle of a run changes nothing architectural.
  it('short entries are unmarked, a long loop on their page stays compiled (roms/tests/jit-profit.S)', async () => {
    const elf = readFileSync(new URL('../roms/tests/jit-profit.elf', import.meta.url));
    let out = '';
    const g: Guest = { setup: (m) => { m.loadKernel(elf, 'jit-profit.elf'); m.reset(); }, cfg: { jitMinRun: 32, console: (b) => { out += String.fromCharCode(...b); } } };
    const m = await makeMachine(g, true, 8);
    while (m.step(0) !== 'done');
    const jit = m.stats().jit!;
    expect(out).toContain('PASS jit-profit');
    expect(jit.unprofitable).toBeGreaterThan(0);
    expect(jit.share).toBeGreaterThan(0.6);
    const r = await lockstep(g, 20_000, 8);
    expect(r.diverged).toBeNull();
  });

  // roms/tests/jit-directed.S: a fault at every position of a hot straight-line run (the faulting
  // load leaves its destination alone, mepc names it), a timer interrupt ending a compiled loop
  // that polls memory, and a hot loop across a page boundary. The ROM checks itself (roms.test.ts
  // runs it on the default settings); here every page is compiled at its first sample and every
  // region is kept, and the state is compared with the interpreter's after every run().
  it('faults at every position, a timer interrupt in a compiled loop, a loop across a page boundary (roms/tests/jit-directed.S)', () => romCompiled('jit-directed', 0.15));

  // roms/tests/fp-hardfloat.S: fadd/fsub/fmul/fdiv/fsqrt (.s and .d) at the edges of the host-FPU
  // fast path (RNE with NX already set, normal or zero operands, a normal result above the lowest
  // binade): the smallest normal reached by rounding with and without tininess, subnormal results,
  // underflow, exact zeros, overflow, DZ/NV, NaN and non-boxed operands, the other rounding modes,
  // each with fflags cleared and with NX preset; the table is run in a loop, so the stubs run
  // compiled (inline host ops in translate.ts) in lockstep with the interpreter (fp.ts hardArith).
  it('FP arithmetic at the edges of the hardfloat fast path, compiled (roms/tests/fp-hardfloat.S)', () => romCompiled('fp-hardfloat', 0.5));

  // roms/tests/rv64{f,d}-jit.S: every row of the F and D conformance tables (expected values
  // QEMU's), run four times, every other time with NX preset: the inline fast paths (compares
  // and min/max without NaNs, exact conversions, truncating float-to-integer with NX,
  // fcvt.d.s, fcvt.s.d and the arithmetic under the hardfloat rule) and their slow paths, in
  // lockstep with the interpreter. A page is compiled at its 32nd sample, once the first pass
  // has run (and so decoded) every stub: a page compiled earlier would miss most of them.
  // roms/tests/jit-fp.S: fflags/frm/fcsr through every CSR form in a hot loop, and conversions
  // and compares in straight-line code falling into a branch target (FS Clean leaves an access
  // to the interpreter).
  it.each([['rv64f-jit', 32], ['rv64d-jit', 32], ['fp-fma-jit', 32], ['jit-fp', 1]] as const)('F/D conversions, compares and FP CSRs compiled (roms/tests/%s.S)',
    (name, samples) => romCompiled(name, 0.85, samples, 200_000), 60_000);

  // The same table through the host's fused f64x2.relaxed_madd, as the CLI runs fmadd.d (it sets
  // V8's relaxed-SIMD flag); the test above ran the emulation. The probe must find it fused
  // exactly where the CPU has FMA.
  it('fused multiply-adds through the host\'s relaxed_madd, compiled (roms/tests/fp-fma-jit.S)', async () => {
    setFlagsFromString('--experimental-wasm-relaxed-simd');
    setHostFusedMadd(null);
    try {
      expect(hostFusedMadd()).toBe(/\bfma\b/.test(readFileSync('/proc/cpuinfo', 'utf8')));
      await romCompiled('fp-fma-jit', 0.85, 32, 200_000);
    } finally {
      setFlagsFromString('--no-experimental-wasm-relaxed-simd');
      setHostFusedMadd(null);
    }
  }, 60_000);
});
