// The JIT's host side: the core asks it (import env.jitCompile) to compile a hot decoded
// page; it translates the records (translate.ts), writes a module (wasm.ts), instantiates it
// against the core's memory, globals and slow paths, and puts the region's function in the
// shared table at JIT_TABLE_BASE + decode slot, where the core's run() calls it. No Node API:
// the browser runs the same code (compiles are small, well under Chromium's main-thread limit).
import * as ABI from '../../assembly/abi';
import { ModuleBuilder, I32, I64 } from './wasm';
import { translate } from './translate';

// Table layout: the core's own indirect functions (none today) below JIT_TABLE_BASE, one slot
// per decoded page above it.
export const JIT_TABLE_BASE = 16;
const CODE_CAP = 64 << 20; // bytes of live wasm code before everything is dropped and rebuilt
const DEFAULT_SAMPLES = 16; // samples (every 4096 instructions) before a page is compiled

export interface JitStats {
  regions: number; // regions compiled (since the core started)
  compileMs: number;
  codeBytes: number; // wasm bytes of the live regions
  insnsCompiled: number; // instructions translated
  failed: number; // pages the translator gave up on
  flushes: number; // code-cache flushes (cap reached)
  translateMs: number; // of compileMs: translating and writing the module (the rest is V8)
}

interface CoreSide {
  memory: WebAssembly.Memory;
  loadTlb: WebAssembly.Global;
  storeTlb: WebAssembly.Global;
  memStatus: WebAssembly.Global;
  jitLoad: (va: bigint, kind: number) => bigint;
  jitStore: (va: bigint, size: number, v: bigint) => number;
  jitMulDiv: (op: number, a: bigint, b: bigint) => bigint;
  jitFp: (rec: bigint) => number;
  jitConfigure: (on: number, base: number, samples: number) => void;
  jitFlush: () => void;
  decodeWord: (insn: number) => bigint;
}

export class Jit {
  readonly table = new WebAssembly.Table({ initial: JIT_TABLE_BASE + ABI.DECODE_SLOTS, element: 'anyfunc' });
  readonly stats: JitStats = { regions: 0, compileMs: 0, codeBytes: 0, insnsCompiled: 0, failed: 0, flushes: 0, translateMs: 0 };
  private core: CoreSide | null = null;
  private imports: WebAssembly.Imports | null = null;
  private bytesOf = new Uint32Array(ABI.DECODE_SLOTS);
  enabled = false;
  lastError: string | null = null; // the last translation that failed (a bug; tests check it)
  samples = DEFAULT_SAMPLES;
  // For tests: called with each region's module bytes.
  onModule: ((slot: number, bytes: Uint8Array) => void) | null = null;

  attach(core: CoreSide): void {
    this.core = core;
    this.imports = {
      c: {
        load: core.jitLoad, store: core.jitStore, md: core.jitMulDiv, fp: core.jitFp, mem: core.memory,
        ltlb: core.loadTlb, stlb: core.storeTlb, ms: core.memStatus,
      },
    };
  }

  setEnabled(on: boolean, samples = this.samples): void {
    this.enabled = on;
    this.samples = samples;
    this.core!.jitConfigure(on ? 1 : 0, JIT_TABLE_BASE, samples);
    this.dropAll();
  }

  private dropAll(): void {
    for (let s = 0; s < ABI.DECODE_SLOTS; s++) { if (this.bytesOf[s]) this.table.set(JIT_TABLE_BASE + s, null); }
    this.bytesOf.fill(0);
    this.stats.codeBytes = 0;
  }

  // env.jitCompile: returns the number of entry points written to JIT_ENTRIES (0: not compiled).
  compile(slot: number, recBase: number): number {
    const core = this.core!;
    const t0 = performance.now();
    const dv = new DataView(core.memory.buffer);
    let region, bytes;
    try {
      const raw = (dv.getUint32(ABI.DECODE_TAGS + slot * 4, true) - 1) * 4096;
      const ahead = (h: number): [number, number] | null => {
        // An offset the debugger marked (assembly/debug.ts) must decode to OP_DEBUG: leave it
        // to the interpreter.
        if ((dv.getUint8(ABI.DEBUG_MARKS + (h >> 3)) >> (h & 7)) & 1) return null;
        let bits = dv.getUint16(raw + h * 2, true);
        if ((bits & 3) === 3) {
          if (h === 2047) return null;
          bits = (bits | (dv.getUint16(raw + h * 2 + 2, true) << 16)) >>> 0;
        }
        const r = core.decodeWord(bits);
        return [Number(r & 0xffffffffn), Number(r >> 32n)];
      };
      const missed: number[] = [];
      for (let i = 0; i < dv.getUint16(ABI.JIT_MISSED + slot * 64, true); i++) missed.push(dv.getUint16(ABI.JIT_MISSED + slot * 64 + 2 + i * 2, true));
      region = translate((h) => [dv.getUint32(recBase + h * 8, true), dv.getUint32(recBase + h * 8 + 4, true)], ahead, missed);
      if (!region) { this.stats.failed++; return 0; }
      bytes = regionModule(region.body);
    } catch (e) { // a translator bug: run the page interpreted, and say so in --stats
      this.stats.failed++;
      this.lastError = (e as Error).message;
      return 0;
    }
    if (this.stats.codeBytes + bytes.length > CODE_CAP) {
      this.stats.flushes++;
      core.jitFlush();
      this.dropAll();
    }
    let fn: WebAssembly.ExportValue;
    const t1 = performance.now();
    this.stats.translateMs += t1 - t0;
    try {
      const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), this.imports!);
      fn = inst.exports.f;
    } catch (e) {
      this.stats.failed++;
      this.lastError = `region of slot ${slot} does not validate: ${(e as Error).message}`;
      return 0;
    }
    this.onModule?.(slot, bytes);
    this.table.set(JIT_TABLE_BASE + slot, fn as () => unknown);
    this.stats.codeBytes += bytes.length - this.bytesOf[slot];
    this.bytesOf[slot] = bytes.length;
    for (let i = 0; i < region.entries.length; i++) dv.setUint32(ABI.JIT_ENTRIES + i * 4, region.entries[i], true);
    this.stats.regions++;
    this.stats.insnsCompiled += region.insns;
    this.stats.compileMs += performance.now() - t0;
    return region.entries.length;
  }
}

// A module holding one region function, exported as `f`.
export function regionModule(body: import("./wasm").Body): Uint8Array<ArrayBuffer> {
  const m = new ModuleBuilder();
  const tRegion = m.type([I32, I32, I64], [I32]);
  m.import({ module: 'c', name: 'load', kind: 'func', type: m.type([I64, I32], [I64]) });
  m.import({ module: 'c', name: 'store', kind: 'func', type: m.type([I64, I32, I64], [I32]) });
  m.import({ module: 'c', name: 'md', kind: 'func', type: m.type([I32, I64, I64], [I64]) });
  m.import({ module: 'c', name: 'fp', kind: 'func', type: m.type([I64], [I32]) });
  m.import({ module: 'c', name: 'mem', kind: 'memory' });
  m.import({ module: 'c', name: 'ltlb', kind: 'global', valType: I32, mutable: true });
  m.import({ module: 'c', name: 'stlb', kind: 'global', valType: I32, mutable: true });
  m.import({ module: 'c', name: 'ms', kind: 'global', valType: I32, mutable: true });
  m.export('f', m.func(tRegion, body));
  return m.bytes();
}
