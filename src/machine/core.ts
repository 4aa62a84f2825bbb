// The host's handle on the wasm core: instantiation, typed views of its linear memory at the
// offsets of assembly/abi.ts, and thin wrappers over its exports. No Node API here: the same
// file runs in a browser.
import { instantiateSync } from '@assemblyscript/loader';
import * as ABI from '../../assembly/abi';
import { Jit } from '../jit/jit';

interface CoreExports {
  memory: WebAssembly.Memory;
  init(ramBase: bigint, ramSize: bigint): number;
  reserve(bytes: bigint): number;
  setGuest(ramBase: bigint, ramSize: bigint, map: number, setLo: number, setCount: number, flags: number): void;
  selectSet(): void;
  resetHart(hartId: bigint, pc: bigint, a1: bigint): void;
  resetVcpu(hartId: bigint, pc: bigint, a1: bigint): void;
  reflect(cause: bigint, tval: bigint): void;
  translateLoad(va: bigint): bigint;
  configure(icountShift: number, tohost: bigint, fromhost: bigint): void;
  run(budget: number): number;
  flushAll(): void;
  flushTlb(): void;
  updateViews(): void;
  invalidateHost(host: number, len: number): void;
  hostWrotePageTables(host: number, len: number): number;
  frameReleased(host: number): void;
  flushEverySet(): void;
  resetSets(lo: number, count: number): void;
  decodeWord(insn: number): bigint;
  fetchTlb: WebAssembly.Global;
  loadTlb: WebAssembly.Global;
  storeTlb: WebAssembly.Global;
  jitMulDiv(op: number, a: bigint, b: bigint): bigint;
  jitFp(rec: bigint): number;
  jitAtomic(rec: bigint): number;
  jitCounter(rec: bigint, retired: number): bigint;
  jitConfigure(on: number, base: number, samples: number, minRun: number): void;
  jitInstall(slot: number, recBase: number, count: number): void;
  jitFlush(): void;
  jitClearStats(): void;
  // the debugger (src/debug) and Sdtrig (assembly/debug.ts)
  step(): number;
  debugUpdate(release: number): void;
  debugReload(): void;
  debugTranslate(va: bigint): bigint;
  csrPeek(num: number): bigint;
  csrPeekOk(): number;
  csrPoke(num: number, v: bigint): void;
}

export type Clock = () => number; // timebase ticks (10 MHz) since the machine started

export class Core {
  readonly exports: CoreExports;
  private view!: DataView;
  private bytes!: Uint8Array;

  /** The JIT (src/jit/): off until a machine turns it on (setJit). */
  readonly jit: Jit;

  private constructor(instance: WebAssembly.Instance, jit: Jit) {
    this.exports = instance.exports as unknown as CoreExports;
    this.jit = jit;
    jit.attach(this.exports);
    this.refreshViews();
  }

  // Turns compiled execution on or off (dropping compiled code either way). `samples`: how
  // many 4096-instruction samples make a page hot (tests use small values).
  // `minRun`: instructions per entry a region must average to be kept (0: keep all).
  setJit(on: boolean, samples?: number, minRun?: number): void { this.jit.setEnabled(on, samples, minRun); }

  // `clock` answers the core's reads of the time CSR in real-time mode. The core is
  // instantiated through @assemblyscript/loader, whose `abort` import turns the core's
  // assertions (the debug build's) into readable errors ("abort: <message> at <file>:<line>:<col>");
  // the calls themselves go to the raw exports, so the loader's wrappers cost nothing per exit.
  // The JIT (src/jit/) adds the function table and the compile callback.
  static async create(wasm: BufferSource | WebAssembly.Module, clock: Clock): Promise<Core> {
    const jit = new Jit();
    const imports = {
      env: {
        now: () => clock(),
        table: jit.table,
        jitCompile: (slot: number, recBase: number) => jit.compile(slot, recBase),
      } as Record<string, unknown>,
    };
    const module = wasm instanceof WebAssembly.Module ? wasm : await WebAssembly.compile(wasm);
    // Synchronous: the loader's asynchronous instantiate() asks whether its argument is a fetch
    // Response, and in Node the first look at the global Response loads the fetch implementation
    // (about 20 ms of every CLI start). A compiled 48 KiB module instantiates at once anywhere.
    const { instance } = instantiateSync(module, imports);
    return new Core(instance, jit);
  }

  // Memory growth detaches old ArrayBuffers: views are re-acquired after init().
  private refreshViews(): void {
    const buf = this.exports.memory.buffer;
    this.view = new DataView(buf);
    this.bytes = new Uint8Array(buf);
  }

  init(ramBase: bigint, ramSize: number): void {
    if (this.exports.init(ramBase, BigInt(ramSize)) !== 0) {
      throw new Error(`cannot allocate ${ramSize >> 20} MiB of guest memory; try a smaller --mem`);
    }
    this.refreshViews();
  }

  // Makes room for `bytes` of real memory (the frames every guest's RAM lives in).
  reserve(bytes: number): void {
    if (this.exports.reserve(BigInt(bytes)) !== 0) {
      throw new Error(`cannot allocate ${bytes >> 20} MiB of real memory for the guests; give them less --mem`);
    }
    this.refreshViews();
  }

  /** The machine whose guest state is loaded in the core (the hypervisor switches it). */
  owner: { deactivate(): void } | null = null;

  get memory(): Uint8Array { return this.bytes; }
  get dv(): DataView { return this.view; }

  // Real memory as a byte array: `size` bytes from `offset` bytes into the frames.
  ram(size: number, offset = 0): Uint8Array { return new Uint8Array(this.exports.memory.buffer, ABI.RAM_HOST_BASE + offset, size); }

  u32(off: number): number { return this.view.getUint32(off, true); }
  setU32(off: number, v: number): void { this.view.setUint32(off, v >>> 0, true); }
  u64(off: number): bigint { return this.view.getBigUint64(off, true); }
  setU64(off: number, v: bigint): void { this.view.setBigUint64(off, BigInt.asUintN(64, v), true); }

  x(reg: number): bigint { return this.u64(ABI.HART_X + reg * 8); }
  setX(reg: number, v: bigint): void { if (reg !== 0) this.setU64(ABI.HART_X + reg * 8, v); }
  get pc(): bigint { return this.u64(ABI.HART_PC); }
  get priv(): number { return this.u32(ABI.HART_PRIV); }
  get instret(): bigint { return this.u64(ABI.HART_INSTRET); }
  csr(slot: number): bigint { return this.u64(ABI.HART_CSR + slot); }

  // The hart block (registers, CSRs, timer state) for saving and restoring harts.
  saveHart(into: Uint8Array): void { into.set(this.bytes.subarray(ABI.HART_BASE, ABI.HART_BASE + ABI.HART_SIZE)); }
  // TLB entries are not tagged by hart, but they only depend on the address space (satp) and
  // the view (privilege, SUM, MXR): harts in the same address space can share them.
  loadHart(from: Uint8Array): void {
    const satp = ABI.HART_CSR + ABI.CSR_SLOT_SATP;
    const same = new DataView(from.buffer, from.byteOffset + satp - ABI.HART_BASE, 8).getBigUint64(0, true) === this.u64(satp);
    this.bytes.set(from, ABI.HART_BASE);
    this.exports.debugReload(); // the debug table holds the loaded hart's triggers
    if (this.trapMode) this.exports.selectSet(); // shadow sets are tagged by satp
    else if (same) this.exports.updateViews();
    else this.exports.flushTlb();
  }

  /** Set by setGuest: the running guest is in trap mode. */
  trapMode = false;

  stat(off: number): bigint { return this.u64(off); }
}
