// The JIT's host side: the core asks it (import env.jitCompile) to compile a hot decoded
// page; it translates the records (translate.ts), writes a module (wasm.ts), instantiates it
// against the core's memory, globals and slow paths, and puts the region's function in the
// shared table at JIT_TABLE_BASE + decode slot, where the core's run() calls it. No Node API:
// the browser runs the same code (compiles are small, well under Chromium's main-thread limit).
import * as ABI from '../../assembly/abi';
import { ModuleBuilder, Body, I32, I64 } from './wasm';
import { translate, WHOLE_PAGE, SMALL_FUNCTIONS, REGION_PARAMS, REGION_TYPE, type NextPage } from './translate';

// Table layout: the core's own indirect functions (none today) below JIT_TABLE_BASE, one slot
// per decoded page above it.
export const JIT_TABLE_BASE = 16;
// The host's `chain` function (below): a region's parameters and the table index to call.
const CHAIN_PARAMS = [...REGION_PARAMS, I32];
const CODE_CAP = 64 << 20; // bytes of live wasm code before everything is dropped and rebuilt
// Samples (every 4096 instructions, so 2 M instructions) before a page is compiled. 1024 until
// regions stopped carrying memory slow paths (a quarter less code): then 512 took 5-9 % less host
// time on interleaved --icount boots (bench/ab-boot.mjs) and 256 5-15 %, but 256 took the boot's
// peak RSS from 200 to 217 MiB (QEMU's), 512 to 203.
const DEFAULT_SAMPLES = 512;
// Instructions an entry point must retire per entry to stay marked (assembly/jit.ts); 0 keeps
// every entry. 32 was the default until regions loaded registers once and wrote them back at the
// exit: interleaved boots under --icount (same guest instructions, alternating 20 ms slices)
// then took 6-8 % less host time with 0 than with 32, in four rounds of four, and 3 % less than
// with 8. An entry unmarked for a short first run stays interpreted for good, even when its
// later runs are long.
const DEFAULT_MIN_RUN = 0;
// Table indexes a marker can name (abi.ts OP_JIT: 13 bits of table index, 8 of entry).
const TABLE_LIMIT = 1 << 13;
const UNMARKED = 0x8000; // a JIT_MISSED value with this bit: an entry unmarked for its shortfall (assembly/jit.ts)
const INLINE_FIRST = 4; // compiles on the machine's thread before a JIT thread takes over (Jit.inlineLeft)

export interface JitStats {
  regions: number; // regions compiled (since the core started)
  compileMs: number;
  codeBytes: number; // wasm bytes of the live regions
  insnsCompiled: number; // instructions translated
  failed: number; // translations that failed: a translator error or a module that does not validate (a page with nothing to compile is not one)
  flushes: number; // code-cache flushes (cap reached)
  translateMs: number; // of compileMs: translating and writing the module (the rest is V8)
  threadMs: number; // translating and compiling on the JIT's own thread (`thread`), if any
  threadRegions: number; // of regions: those the thread compiled
  discarded: number; // background compiles whose page changed before they were ready
}

interface Job { id: number; viaThread?: boolean; slot: number; recBase: number; epoch: number; info: RegionInfo | null; unmarked: Set<number>; bytes: Uint8Array<ArrayBuffer> | null; module: WebAssembly.Module | null }

// What the translator needs of a page, copied out of the core's memory, so that another thread
// can translate it while the machine runs on.
export interface PageInput {
  recs: Uint32Array<ArrayBuffer>; // its 2048 records (translate.ts `recs`)
  raw: Uint8Array<ArrayBuffer>; // the frame's 4096 bytes, for the instructions not decoded yet
  recBase: number; // where the core keeps the records
}
export interface JobInput {
  page: PageInput;
  next: (PageInput & { slot: number; gen: number; ver: number }) | null; // translate.ts NextPage
  marks: Uint8Array<ArrayBuffer>; // DEBUG_MARKS: halfwords the debugger marked
  missed: number[]; // jump targets the last region lacked (translate.ts extraEntries)
  wholePage: boolean; // WHOLE_PAGE or SMALL_FUNCTIONS
  sweep: boolean; // a recompile: decode to the page's end
}
// A translated region, without its function bodies (the module holds them).
export interface RegionInfo { entries: number[]; func: number[]; local: number[]; insns: number; functions: number }

// A thread that translates and compiles regions for the machine's (src/node/jit-thread.ts): jobs
// go in with submit(); take() returns, without waiting, those finished since the last call.
export interface JitThread {
  readonly alive: boolean; // false once the thread failed: compile on the machine's thread again
  submit(id: number, job: JobInput): void;
  take(): ThreadResult[];
}
export interface ThreadResult { id: number; info: RegionInfo | null; bytes: Uint8Array<ArrayBuffer> | null; module: WebAssembly.Module | null; error: string | null; ms: number }

function pageInput(dv: DataView, slot: number, recBase: number): PageInput {
  const raw = (dv.getUint32(ABI.DECODE_TAGS + slot * 4, true) - 1) * 4096;
  return { recs: new Uint32Array(dv.buffer, recBase, 4096).slice(), raw: new Uint8Array(dv.buffer, raw, 4096).slice(), recBase };
}

// Translates a page and writes its module: null when the translator gives up on it; throws on
// a translator bug. `decodeWord` is the core's decoder (any instance of it: a pure function).
export function translateJob(job: JobInput, decodeWord: (insn: number) => bigint): { info: RegionInfo; bytes: Uint8Array<ArrayBuffer> } | null {
  // Decodes halfword h of a frame from its bytes.
  const aheadIn = (raw: Uint8Array) => (h: number): [number, number] | null => {
    // An offset the debugger marked (assembly/debug.ts) must decode to OP_DEBUG: leave it
    // to the interpreter.
    if ((job.marks[h >> 3] >> (h & 7)) & 1) return null;
    let bits = raw[h * 2] | (raw[h * 2 + 1] << 8);
    if ((bits & 3) === 3) {
      if (h === 2047) return null;
      bits = (bits | (raw[h * 2 + 2] << 16) | (raw[h * 2 + 3] << 24)) >>> 0;
    }
    const r = decodeWord(bits);
    return [Number(r & 0xffffffffn), Number(r >> 32n)];
  };
  const n = job.next;
  const next: NextPage | null = n && { recs: n.recs, decodeAhead: aheadIn(n.raw), recBase: n.recBase, slot: n.slot, gen: n.gen, ver: n.ver };
  const region = translate(job.page.recs, aheadIn(job.page.raw), job.missed, job.wholePage ? WHOLE_PAGE : SMALL_FUNCTIONS, job.page.recBase, job.sweep, next);
  if (!region) return null;
  const info = { entries: region.entries, func: region.func, local: region.local, insns: region.insns, functions: region.bodies.length };
  return { info, bytes: regionModule(region.bodies) };
}

interface CoreSide {
  memory: WebAssembly.Memory;
  fetchTlb: WebAssembly.Global;
  loadTlb: WebAssembly.Global;
  storeTlb: WebAssembly.Global;
  jitMulDiv: (op: number, a: bigint, b: bigint) => bigint;
  jitFp: (rec: bigint) => number;
  jitAtomic: (rec: bigint) => number;
  jitCounter: (rec: bigint, retired: number) => bigint;
  jitConfigure: (on: number, base: number, samples: number, minRun: number) => void;
  jitFlush: () => void;
  jitInstall: (slot: number, recBase: number, count: number) => void;
  decodeWord: (insn: number) => bigint;
}

export class Jit {
  readonly table = new WebAssembly.Table({ initial: JIT_TABLE_BASE + ABI.DECODE_SLOTS, element: 'anyfunc' });
  readonly stats: JitStats = { regions: 0, compileMs: 0, codeBytes: 0, insnsCompiled: 0, failed: 0, flushes: 0, translateMs: 0, threadMs: 0, threadRegions: 0, discarded: 0 };
  private core: CoreSide | null = null;
  private imports: WebAssembly.Imports | null = null;
  private bytesOf = new Uint32Array(ABI.DECODE_SLOTS);
  enabled = false;
  lastError: string | null = null; // the last translation that failed (a bug; tests check it)
  samples = DEFAULT_SAMPLES;
  minRun = DEFAULT_MIN_RUN;
  // Table indexes above JIT_TABLE_BASE: those each decoded page's functions hold, and free ones.
  private owned: number[][] = Array.from({ length: ABI.DECODE_SLOTS }, () => []);
  private free: number[] = [];
  private nextIndex = JIT_TABLE_BASE;
  // Background compiles (WebAssembly.compile runs on V8's threads while the machine interprets):
  // per page the job in flight, and the ones whose module is ready to install.
  async = true;
  // One function per page where V8 compiles regions with Liftoff alone (the CLI), small ones
  // where its optimizing tier takes them up (translate.ts WHOLE_PAGE).
  wholePage = false;
  // Promotion (the CLI, src/node/wasm.ts cliJitTiers): once the loaded hart has retired
  // `promoteAt` instructions, the host's `onPromote` lets V8 tier hot region functions up to
  // its optimizing compiler, regions become small functions again, and every region is
  // dropped, so the code that is still hot is compiled again that way. A boot stays well under
  // the mark, and pays neither TurboFan's compile time nor its memory; a long computation gets
  // TurboFan's code for its hot loops (7-Zip's rating about 1.3x).
  promoteAt: bigint | null = null;
  onPromote: (() => void) | null = null;
  promoted = false;
  // Where the CLI translates and compiles with --jit-thread on (src/node/jit-thread.ts), when
  // `async`: the machine's thread then only copies the page out and installs the module.
  thread: JitThread | null = null;
  // Compiles made here before the thread takes over (and before it starts: the worker is made
  // at its first job). A module that comes back late costs a short program its speed, the worker
  // being cold then (5-37 ms a page where a warm one takes 1-2 ms): sha256 (0.1-0.2 s, one
  // region) ran in 0.31-0.37 s against 0.13-0.21 s. The bench programs compile 1-4 regions, so
  // they never start it. (Interleaved boots, bench/ab-boot.mjs, against no thread: 4 first here
  // 0.949-0.971, 16 0.971-0.984, none 0.938-0.973.)
  private inlineLeft = INLINE_FIRST;
  private jobs = 0;
  private pending = new Map<number, Job>();
  private ready: Job[] = [];
  // For tests: called with each region's module bytes.
  onModule: ((slot: number, bytes: Uint8Array) => void) | null = null;

  attach(core: CoreSide): void {
    this.core = core;
    this.imports = {
      c: {
        md: core.jitMulDiv, fp: core.jitFp, amo: core.jitAtomic, mem: core.memory,
        ltlb: core.loadTlb, stlb: core.storeTlb, ftlb: core.fetchTlb, ch: chainFunction(this.table), ctr: core.jitCounter,
      },
    };
  }

  setEnabled(on: boolean, samples = this.samples, minRun = this.minRun): void {
    this.enabled = on;
    this.samples = samples;
    this.minRun = minRun;
    this.core!.jitConfigure(on ? 1 : 0, JIT_TABLE_BASE, samples, minRun);
    this.dropAll();
  }

  private dropAll(): void {
    for (let i = JIT_TABLE_BASE; i < this.nextIndex; i++) this.table.set(i, null);
    for (const o of this.owned) o.length = 0;
    this.pending.clear();
    this.ready.length = 0;
    this.free.length = 0;
    this.nextIndex = JIT_TABLE_BASE;
    this.bytesOf.fill(0);
    this.stats.codeBytes = 0;
  }

  // The core dropped the page's previous region before asking for this one: its indexes are free.
  private release(slot: number): void {
    for (const i of this.owned[slot]) { this.table.set(i, null); this.free.push(i); }
    this.owned[slot].length = 0;
  }

  private allocate(slot: number): number {
    let i = this.free.pop();
    if (i === undefined) {
      i = this.nextIndex++;
      if (i >= this.table.length) this.table.grow(Math.min(this.table.length, TABLE_LIMIT - this.table.length));
    }
    this.owned[slot].push(i);
    return i;
  }

  // env.jitCompile: returns the number of entry points written to JIT_ENTRIES (0: not compiled,
  // -1: compiling in the background, installed later by installReady).
  compile(slot: number, recBase: number): number {
    if (this.pending.has(slot)) return -1;
    const core = this.core!;
    const t0 = performance.now();
    const dv = new DataView(core.memory.buffer);
    // JIT_MISSED (assembly/jit.ts): jump targets the last region lacked, and (bit 15) entries
    // it unmarked for running too few instructions, which stay unmarked.
    const missed: number[] = [];
    for (let i = 0; i < dv.getUint16(ABI.JIT_MISSED + slot * 64, true); i++) missed.push(dv.getUint16(ABI.JIT_MISSED + slot * 64 + 2 + i * 2, true));
    const unmarked = new Set(missed.filter((h) => h >= UNMARKED).map((h) => h - UNMARKED));
    const input: JobInput = {
      page: pageInput(dv, slot, recBase),
      next: this.nextPage(dv, slot),
      marks: new Uint8Array(dv.buffer, ABI.DEBUG_MARKS, ABI.DEBUG_MARKS_SIZE).slice(),
      missed: missed.filter((h) => h < UNMARKED),
      wholePage: this.wholePage,
      sweep: dv.getUint16(ABI.JIT_SLOTS + slot * 8 + 6, true) > 0, // a recompile: the whole page (translate.ts `sweep`)
    };
    const epoch = dv.getUint32(ABI.JIT_EPOCH + slot * 4, true);
    const thread = this.async && this.thread?.alive ? this.thread : null;
    if (thread && this.inlineLeft === 0) {
      const job: Job = { id: ++this.jobs, slot, recBase, epoch, info: null, unmarked, bytes: null, module: null };
      this.pending.set(slot, job);
      thread.submit(job.id, input);
      this.stats.compileMs += performance.now() - t0;
      return -1;
    }
    let out;
    try {
      out = translateJob(input, core.decodeWord);
      if (!out) return 0; // nothing on the page compiles (no instruction it can run)
    } catch (e) { // a translator bug: run the page interpreted, and say so in --stats
      this.stats.failed++;
      this.lastError = (e as Error).message;
      return 0;
    }
    const { info, bytes } = out;
    this.stats.translateMs += performance.now() - t0;
    if (thread) this.inlineLeft--;
    // (A thread that died leaves the compiles here, synchronous as before it came.)
    else if (this.async && !this.thread) {
      const job: Job = { id: ++this.jobs, slot, recBase, epoch, info, unmarked, bytes, module: null };
      this.pending.set(slot, job);
      WebAssembly.compile(bytes).then(
        (m) => { job.module = m; if (this.pending.get(slot) === job) this.ready.push(job); },
        (e) => { if (this.pending.get(slot) === job) this.pending.delete(slot); this.fail(slot, (e as Error).message); },
      );
      this.stats.compileMs += performance.now() - t0;
      return -1;
    }
    let module: WebAssembly.Module;
    try { module = new WebAssembly.Module(bytes); } catch (e) {
      this.fail(slot, (e as Error).message);
      return 0;
    }
    const n = this.install(slot, info, bytes, module, unmarked);
    this.stats.compileMs += performance.now() - t0;
    return n;
  }

  private fail(slot: number, why: string): void {
    this.stats.failed++;
    this.lastError = `region of slot ${slot} does not validate: ${why}`;
  }

  // The page after the one being compiled, where the hart was running (JIT_COMPILE_VA), if the
  // fetch TLB holds it and it has decoded records: compiled into the same region (translate.ts
  // NextPage). (With small functions a crossing only stays in wasm where both sides fall in one
  // function, as a loop's do.)
  private nextPage(dv: DataView, slot: number): JobInput['next'] {
    const va = (dv.getBigUint64(ABI.JIT_COMPILE_VA, true) & ~0xfffn) + 4096n;
    const e = this.core!.fetchTlb.value + Number((va >> 12n) & BigInt(ABI.TLB_ENTRIES - 1)) * 16;
    if (dv.getBigUint64(e, true) !== va) return null;
    const recBase = dv.getUint32(e + 8, true), gen = dv.getUint32(e + 12, true);
    const s = (recBase - ABI.DECODE_BASE) / ABI.DECODE_PAGE_SIZE;
    if (s === slot || gen !== dv.getUint32(recBase + ABI.DECODE_GEN, true) || dv.getUint32(ABI.DECODE_TAGS + s * 4, true) === 0) return null;
    return { ...pageInput(dv, s, recBase), slot: s, gen, ver: dv.getUint32(ABI.JIT_CODEVER + s * 4, true) };
  }

  // Installs the regions compiled in the background whose pages have not changed since (their
  // epoch, assembly/jit.ts). The machine calls it between run() calls, when no compiled code
  // is running, so the result does not depend on when V8 finished.
  installReady(): void {
    if (this.promoteAt !== null && !this.promoted && this.enabled) this.promoteIfDue();
    if (this.thread) for (const r of this.thread.take()) this.finished(r);
    if (this.ready.length === 0) return;
    const core = this.core!;
    const dv = new DataView(core.memory.buffer);
    const t0 = performance.now();
    for (const job of this.ready) {
      if (this.pending.get(job.slot) !== job) continue;
      this.pending.delete(job.slot);
      const live = dv.getUint16(ABI.JIT_SLOTS + job.slot * 8 + 4, true) !== 0;
      if (live || dv.getUint32(ABI.JIT_EPOCH + job.slot * 4, true) !== job.epoch) { this.stats.discarded++; continue; }
      const n = this.install(job.slot, job.info!, job.bytes!, job.module!, job.unmarked);
      if (n > 0) core.jitInstall(job.slot, job.recBase, n);
      if (job.viaThread) this.stats.threadRegions++;
    }
    this.ready.length = 0;
    this.stats.compileMs += performance.now() - t0;
  }

  // A job back from the thread: ready to install if it is still the page's job.
  private finished(r: ThreadResult): void {
    this.stats.threadMs += r.ms;
    let job: Job | undefined;
    for (const j of this.pending.values()) if (j.id === r.id) job = j;
    if (!job) return; // dropped meanwhile (dropAll)
    if (!r.module) {
      this.pending.delete(job.slot);
      if (r.error) { this.stats.failed++; this.lastError = r.error; }
      return;
    }
    job.viaThread = true;
    job.info = r.info;
    job.bytes = r.bytes;
    job.module = r.module;
    this.ready.push(job);
  }

  private promoteIfDue(): void {
    const core = this.core!;
    if (new DataView(core.memory.buffer).getBigUint64(ABI.HART_INSTRET, true) <= this.promoteAt!) return;
    this.promoted = true;
    this.wholePage = false;
    this.onPromote?.();
    core.jitFlush();
    this.dropAll();
  }

  // Instantiates a compiled region, puts its functions in the table and lists its entries in
  // JIT_ENTRIES for the core (all but `unmarked`); returns how many.
  private install(slot: number, region: RegionInfo, bytes: Uint8Array<ArrayBuffer>, module: WebAssembly.Module, unmarked: Set<number>): number {
    const core = this.core!;
    const dv = new DataView(core.memory.buffer);
    this.release(slot);
    if (this.stats.codeBytes + bytes.length > CODE_CAP || this.nextIndex - this.free.length + region.functions > TABLE_LIMIT) {
      this.stats.flushes++;
      core.jitFlush();
      this.dropAll();
    }
    const inst = new WebAssembly.Instance(module, this.imports!);
    this.onModule?.(slot, bytes);
    const index: number[] = [];
    for (let g = 0; g < region.functions; g++) {
      const i = this.allocate(slot);
      this.table.set(i, inst.exports[`f${g}`] as () => unknown);
      index.push(i);
    }
    this.stats.codeBytes += bytes.length - this.bytesOf[slot];
    this.bytesOf[slot] = bytes.length;
    // Each entry: record index in bits 0..10, then the marker's code (abi.ts OP_JIT).
    let n = 0;
    for (let i = 0; i < region.entries.length; i++) {
      if (unmarked.has(region.entries[i])) continue;
      dv.setUint32(ABI.JIT_ENTRIES + n++ * 4, (region.entries[i] | (index[region.func[i]] << 19) | (region.local[i] << 11)) >>> 0, true);
    }
    this.stats.regions++;
    this.stats.insnsCompiled += region.insns;
    return n;
  }
}

// A module holding a region's functions, exported as f0, f1, …
export function regionModule(bodies: import("./wasm").Body | import("./wasm").Body[]): Uint8Array<ArrayBuffer> {
  if (!Array.isArray(bodies)) bodies = [bodies];
  const m = new ModuleBuilder();
  const tRegion = m.type(REGION_PARAMS, [I32]);
  if (tRegion !== REGION_TYPE) throw new Error('regionModule: the region type must be type 0 (translate.ts REGION_TYPE)');
  m.import({ module: 'c', name: 'md', kind: 'func', type: m.type([I32, I64, I64], [I64]) });
  m.import({ module: 'c', name: 'fp', kind: 'func', type: m.type([I64], [I32]) });
  m.import({ module: 'c', name: 'amo', kind: 'func', type: m.type([I64], [I32]) });
  m.import({ module: 'c', name: 'ch', kind: 'func', type: m.type(CHAIN_PARAMS, [I32]) });
  m.import({ module: 'c', name: 'ctr', kind: 'func', type: m.type([I64, I32], [I64]) });
  m.import({ module: 'c', name: 'mem', kind: 'memory' });
  m.import({ module: 'c', name: 'ltlb', kind: 'global', valType: I32, mutable: true });
  m.import({ module: 'c', name: 'stlb', kind: 'global', valType: I32, mutable: true });
  m.import({ module: 'c', name: 'ftlb', kind: 'global', valType: I32, mutable: true });
  bodies.forEach((body, g) => m.export(`f${g}`, m.func(tRegion, body)));
  return m.bytes();
}

// The one function that tail-calls a region through the table, for regions that jump into
// another (translate.ts `chain`): chain(entry, rem, page, index) is table[index](entry, rem, page).
function chainFunction(table: WebAssembly.Table): WebAssembly.ExportValue {
  const m = new ModuleBuilder();
  const t = m.type(REGION_PARAMS, [I32]);
  m.import({ module: 'c', name: 'tab', kind: 'table' });
  const f = new Body(CHAIN_PARAMS);
  f.get(0).get(1).get(2).get(3).returnCallIndirect(t);
  m.export('ch', m.func(m.type(CHAIN_PARAMS, [I32]), f));
  return new WebAssembly.Instance(new WebAssembly.Module(m.bytes()), { c: { tab: table } }).exports.ch;
}
