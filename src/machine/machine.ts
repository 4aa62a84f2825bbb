// A QEMU-virt-like RISC-V machine around the wasm core: RAM, the MMIO bus and its devices,
// the harts, the device tree, and the vCPU loop that drives core.run() and serves its exits.
// No Node API here: console, files and timers reach it through MachineConfig.
import * as ABI from '../../assembly/abi';
import { Core } from './core';
import { yieldToEventLoop } from './event-loop';
import { Bus } from './bus';
import { Uart16550 } from '../devices/uart16550';
import { Clint, type ClintHarts } from '../devices/clint';
import { SifiveTest, type PowerEvent } from '../devices/sifive-test';
import { Htif } from '../devices/htif';
import { parseElf, isElf, ElfError } from '../loader/elf';
import { parseFdt } from '../loader/fdt';
import { isLinuxImage, rawRefusal } from '../loader/kernel-image';
import { toSource, allBytes, type ImageSource } from '../loader/image-source';
import { buildVirtDeviceTree, virtioSlot, VIRT_UART, VIRT_CLINT, VIRT_TEST, VIRT_MEM_BASE, VIRT_PLIC, VIRT_RTC, VIRT_VIRTIO_SLOTS } from '../loader/devicetree';
import { Plic } from '../devices/plic';
import { GoldfishRtc } from '../devices/goldfish-rtc';
import { VirtioMmio, VirtioMmioEmpty } from '../devices/virtio-mmio';
import type { GuestMemory } from '../devices/virtqueue';
import { VirtioBlk } from '../devices/virtio-blk';
import { VirtioRng } from '../devices/virtio-rng';
import { VirtioConsole } from '../devices/virtio-console';
import { VirtioNet, type NetPort } from '../devices/virtio-net';
import { VirtioBalloon } from '../devices/virtio-balloon';
import type { BlockBackend } from '../devices/block-backend';
import { ContiguousRam, type GuestRam, type MemoryStats } from './guest-ram';
import {
  encodeSnapshot, decodeSnapshot, jsonSection, readJson, readBytes, packPages, unpackPages, nonZeroPage, SnapshotError, PageImage,
  SNAPSHOT_VERSION, SNAPSHOT_PAGE, type DecodedSnapshot, type SnapshotSection, type SnapshotMachine, type SnapshotDevice, type SnapshotInfo,
} from './snapshot';

export const RAM_BASE = BigInt(VIRT_MEM_BASE);
export const TIMEBASE_HZ = 10_000_000;
// Whether machines compile hot code unless their config says otherwise.
export const DEFAULT_JIT = true;
export const ISA = 'rv64imafdc_zicsr_zifencei_zicntr_zihintpause_zba_zbb_zbc_zbs_sstc';

export interface MachineConfig {
  memSize: number; // bytes of guest RAM
  harts?: number;
  icount?: number; // time follows instructions: 2^icount ns per instruction; absent = host clock
  // The RTC's date at power-on, in ms since the Unix epoch (QEMU's -rtc base=); default: the
  // host's clock. With icount the RTC then advances with the guest's time, not the host's, so
  // that two runs (JIT on and off, or a lockstep pair) read the same dates.
  rtcBase?: number;
  console: (bytes: Uint8Array) => void;
  now?: () => number; // milliseconds, monotonic (performance.now by default)
  bootargs?: string;
  // virtio-mmio devices, in slot order from 0x1000_1000 (IRQ 1, 2, …): put disks first, so
  // the first one is where teaching kernels such as xv6 look for it.
  virtio?: VirtioSpec[];
  warn?: (message: string) => void; // device complaints about the guest (bad descriptors, …)
  // bare: the core is the whole machine (M/S/U, firmware in M). trap: the hypervisor plays
  // M-mode and SBI; the guest's S and U run deprivileged with shadow page tables.
  mode?: 'bare' | 'trap';
  // Trap mode: how shadow page tables follow the guest's PTE writes: trapped sfence.vma (the
  // RISC-V rule) or write-protected guest page-table pages.
  coherence?: 'sfence' | 'wp';
  ticks?: () => number; // shared timebase (the hypervisor's), in TIMEBASE_HZ ticks
  setTicks?: (t: number) => void; // sets that shared timebase (a restore resumes at the snapshot's time)
  // Compile hot guest code to wasm (src/jit/); on by default, `jit: false` keeps the interpreter alone.
  // `jitSamples` (tests) sets how many 4096-instruction samples make a page hot.
  jit?: boolean;
  jitSamples?: number;
  jitMinRun?: number; // instructions per entry a region must average to be kept (0: all)
}

// Where a guest lives in a core shared with other guests (the hypervisor's placement): its RAM
// (the hypervisor's paged RAM, with its frame map) and the TLB sets it owns, setLo .. setLo +
// setCount - 1. With more guests than sets the hypervisor hands sets out on demand: a guest
// may hold none (setCount 0) until onActivate, called before it is loaded, gives it some
// (setSets).
// `exits` is the control program's handler for the trap-mode exits the core leaves to the host
// (SBI calls, the privileged-instruction slow path): the hypervisor hands it in, so the machine
// does not know which control program it runs under.
export interface GuestPlacement { ram: GuestRam; setLo: number; setCount: number; onActivate?: (m: Machine) => void; exits: (m: Machine) => TrapExitHandler }

/** What a trap-mode guest's exits go to (the hypervisor's `TrapExits`). */
export interface TrapExitHandler {
  /** EXIT_SBI: an ecall from the guest's virtual S-mode on hart h. */
  sbi(h: number): void;
  /** EXIT_HV: a privileged instruction the core's fast path left to the host. */
  slowPath(): void;
  /** SBI calls answered, by extension (for --stats and snapshots). */
  readonly sbiCounts: Map<string, number>;
}

export type VirtioSpec =
  | { kind: 'blk'; backend: BlockBackend; serial?: string }
  | { kind: 'rng'; random?: (buf: Uint8Array) => void }
  | { kind: 'console' }
  | { kind: 'net'; port: NetPort; mac: string }
  | { kind: 'balloon' };

export type ExitReason = 'poweroff' | 'reset' | 'htif' | 'timeout' | 'stopped' | 'panic' | 'error';

export interface RunStats {
  instret: bigint;
  seconds: number;
  mips: number;
  exits: Record<string, number>; // by kind: budget, mmio, wfi, htif
  mmioByDevice: Record<string, number>;
  tlbMisses: bigint;
  tlbHits: bigint; // data accesses and page changes that hit the software TLB
  tlbHitRate: number; // hits / (hits + misses)
  decodedPages: bigint;
  traps: bigint;
  // Under the hypervisor: what the guest's memory costs (resident, shared, swapped pages, …).
  memory?: MemoryStats;
  interrupts: bigint;
  codeInvalidations: bigint;
  tlbFlushes: bigint;
  mode: 'bare' | 'trap';
  // Trap mode: exits to the hypervisor by cause, what was reflected to the guest, shadow events.
  hv?: HvStats;
  // With the JIT on: what it compiled and how much ran compiled (for the whole core).
  jit?: JitRunStats;
}

export interface JitRunStats {
  regions: number; // regions (pages) compiled
  compileMs: number;
  translateMs: number; // of compileMs: the translator itself (the rest is V8 compiling the module)
  threadMs: number; // translating and compiling on the JIT's own thread (the CLI's), not the machine's
  threadRegions: number; // of regions: those compiled there
  codeBytes: number; // wasm bytes of live compiled code
  entries: number; // entries into compiled code from the interpreter (run())
  chains: number; // entries from compiled code straight into another region
  insns: number; // instructions retired by compiled code
  share: number; // insns / instructions retired
  exits: Record<string, number>; // exits from compiled code by reason
  drops: number; // regions dropped (stores into code, DMA, reuse of a decoded page, flushes)
  unprofitable: number; // entry points unmarked for good (interpreted): too few instructions per entry
  failed: number; // pages not compiled (nothing to compile, or errors)
  promoted: boolean; // regions handed to V8's optimizing tier (src/jit/jit.ts promoteAt)
}

export interface HvStats {
  exits: Record<string, number>; // csr.<name>, sret, sfence.vma.{all,asid,addr}, wfi, sbi.<ext>, hv.slow
  reflected: Record<string, number>; // exceptions by cause number
  interrupts: Record<string, number>; // interrupts delivered to the guest, by cause number
  shadowFills: number;
  shadowFlushes: number; // shadow sets emptied
  ptWrites: number; // stores that hit write-protected guest page tables
  rootHits: number; // satp writes that found their cached shadow set
  rootMisses: number;
  guestSwitches: number; // times the hypervisor gave the core to this guest
  vcpuSwitches: number; // times it switched between this guest's harts
  guestContextSwitches: number; // the guest's own address-space switches (satp writes)
  hypervisorContextSwitches: number; // guestSwitches + vcpuSwitches
}

const HV_CSR_NAMES = ['sstatus', 'sie', 'sip', 'stvec', 'sscratch', 'sepc', 'scause', 'stval', 'satp', 'scounteren', 'senvcfg', 'other'];

export interface RunResult { reason: ExitReason; exitCode: number; detail?: string; stats: RunStats }

export class UserError extends Error {} // bad input from the user: one line, exit code 2


// Where a kernel goes under firmware (QEMU: the first 2 MiB boundary after the firmware).
const KERNEL_OFFSET = 0x20_0000n;

export { isLinuxImage };

const BUDGET = 1 << 18; // instructions per core.run() call with one hart
const SMP_BUDGET = 1 << 14; // smaller quanta interleave harts more finely
const SLICE_MS = 25; // yield to the event loop this often

export class Machine {
  readonly core: Core;
  readonly bus = new Bus();
  readonly uart: Uart16550;
  readonly plic: Plic;
  readonly rtc: GoldfishRtc;
  private rtcBaseNs: bigint; // the RTC's date at power-on (ns), where an icount run's RTC starts
  readonly virtio: VirtioMmio[] = [];
  virtioConsole: VirtioConsole | null = null;
  balloon: VirtioBalloon | null = null; // a virtio-balloon, when the guest has one
  readonly harts: number;
  readonly memSize: number;
  private readonly cfg: MachineConfig;
  private readonly now: () => number;
  private t0: number;
  private readonly hartBlocks: Uint8Array[];
  private active = 0;
  private waiting: boolean[];
  readonly mode: 'bare' | 'trap';
  private readonly placement: { setLo: number; setCount: number; onActivate?: (m: Machine) => void };
  readonly guestRam: GuestRam;
  private readonly flags: number;
  // Counters saved from the core while another guest ran (core stats block, then HV block).
  private readonly saved = new BigUint64Array(32 + ABI.HV_STATS_COUNT);
  private guestSwitches = 0;
  private vcpuSwitches = 0;
  readonly trap: TrapExitHandler | null;
  // HSM: a trap-mode hart is running unless stopped (harts other than 0 start stopped).
  readonly stopped: boolean[];
  private htif: Htif | null = null;
  private result: { reason: ExitReason; exitCode: number; detail?: string } | null = null;
  private exits: Record<string, number> = { budget: 0, mmio: 0, wfi: 0, htif: 0 };
  private wake: (() => void) | null = null;
  private entry = RAM_BASE; // where the harts start
  private kernelAddr = RAM_BASE; // where the kernel was put (the next stage for firmware)
  private kernelLoaded = false;
  private firmware = false;
  private customDtb: Uint8Array | null = null;
  private paused = false;
  private consoleTail = ''; // the last console line, watched for a kernel panic
  private initrd: { start: number; end: number } | null = null;
  dtbAddr = 0n;

  private constructor(core: Core, cfg: MachineConfig, placement?: GuestPlacement) {
    this.core = core;
    this.cfg = cfg;
    this.harts = cfg.harts ?? 1;
    this.memSize = cfg.memSize;
    this.mode = cfg.mode ?? 'bare';
    this.now = cfg.now ?? (() => performance.now());
    this.t0 = this.now();
    this.hartBlocks = Array.from({ length: this.harts }, () => new Uint8Array(ABI.HART_SIZE));
    this.waiting = new Array(this.harts).fill(false);
    this.stopped = new Array(this.harts).fill(false);
    this.flags = this.mode === 'trap' ? ABI.GUEST_TRAP | (cfg.coherence === 'wp' ? ABI.GUEST_WP : 0) : 0;
    this.pristine = !placement;
    if (placement) {
      this.placement = { setLo: placement.setLo, setCount: placement.setCount, onActivate: placement.onActivate };
      this.guestRam = placement.ram;
      if (placement.ram.size !== cfg.memSize) throw new Error(`guest RAM of ${placement.ram.size} bytes for --mem ${cfg.memSize}`);
    } else {
      core.init(RAM_BASE, cfg.memSize);
      this.placement = { setLo: 0, setCount: 1 };
      this.guestRam = new ContiguousRam(core, cfg.memSize);
    }
    this.guestRam.onHostWrite = (host, len) => this.invalidate(host, len);
    this.guestRam.onRemap = () => {
      if (this.core.owner === this) this.core.exports.flushTlb();
      else this.shadowStale = true;
    };
    this.trap = this.mode === 'trap' ? placement!.exits(this) : null;
    const jit = cfg.jit ?? DEFAULT_JIT;
    // --icount runs must not depend on when V8 finishes a compile: compile synchronously.
    if (cfg.icount !== undefined) core.jit.async = false;
    if (jit !== core.jit.enabled || (cfg.jitSamples !== undefined && cfg.jitSamples !== core.jit.samples) ||
      (cfg.jitMinRun !== undefined && cfg.jitMinRun !== core.jit.minRun)) core.setJit(jit, cfg.jitSamples, cfg.jitMinRun);
    this.activate();
    // The PLIC drives each hart's MEIP and SEIP lines (contexts 2h and 2h + 1).
    this.plic = new Plic(this.harts, (h, mode, level) => {
      const v = this.hartView(h);
      const off = ABI.HART_MIP_HW - ABI.HART_BASE;
      const bit = mode === 'M' ? 1n << BigInt(ABI.IRQ_M_EXT) : 1n << BigInt(ABI.IRQ_S_EXT);
      const hw = v.getBigUint64(off, true);
      v.setBigUint64(off, level ? hw | bit : hw & ~bit, true);
      if (level) this.poke();
    });
    this.bus.map(VIRT_PLIC.base, VIRT_PLIC.size, this.plic);
    this.uart = new Uart16550((b) => this.consoleOut(Uint8Array.of(b)), this.plic.irq(VIRT_UART.irq));
    this.bus.map(VIRT_UART.base, VIRT_UART.size, this.uart);
    this.rtcBaseNs = BigInt(cfg.rtcBase ?? Date.now()) * 1_000_000n;
    const rtcShiftNs = cfg.rtcBase === undefined ? 0n : this.rtcBaseNs - BigInt(Date.now()) * 1_000_000n;
    this.rtc = new GoldfishRtc(cfg.icount === undefined
      ? () => BigInt(Date.now()) * 1_000_000n + rtcShiftNs
      : () => this.rtcBaseNs + this.mtimeOfActive() * BigInt(1e9 / TIMEBASE_HZ), this.plic.irq(VIRT_RTC.irq));
    this.bus.map(VIRT_RTC.base, VIRT_RTC.size, this.rtc);
    this.addVirtio(cfg.virtio ?? []);
    // The CLINT is an M-mode device: a trap-mode guest has SBI's timer and IPIs instead.
    if (this.mode === 'bare') this.bus.map(VIRT_CLINT.base, VIRT_CLINT.size, new Clint(this.clintHarts()));
    this.bus.map(VIRT_TEST.base, VIRT_TEST.size, new SifiveTest((e) => this.power(e)));
  }

  private addVirtio(specs: VirtioSpec[]): void {
    if (specs.length > VIRT_VIRTIO_SLOTS) throw new UserError(`at most ${VIRT_VIRTIO_SLOTS} virtio devices fit the virt machine; remove some`);
    const base = Number(RAM_BASE);
    // Device DMA: bounds-checked against guest RAM, through the guest's frame map (pages come
    // in as they would for the guest itself); writes drop any decoded code they cover. A page
    // that cannot be had (a failing backing store) stops this guest, whichever guest was
    // running when the device got its data (a packet from another guest's NIC).
    const inside = (o: number, len: number) => o >= 0 && len >= 0 && o + len <= this.memSize;
    const mem: GuestMemory = {
      read: (pa, len) => {
        const o = pa - base;
        if (!inside(o, len)) return null;
        const r = this.guestRam.read(o, len);
        if (!r) this.memoryFailed();
        return r;
      },
      write: (pa, data) => {
        const o = pa - base;
        if (!inside(o, data.length)) return false;
        if (this.guestRam.write(o, data)) return true;
        this.memoryFailed();
        return false;
      },
    };
    specs.forEach((spec, i) => {
      const slot = virtioSlot(i);
      let dev;
      switch (spec.kind) {
        case 'blk': dev = new VirtioBlk(spec.backend, { serial: spec.serial }); break;
        case 'rng': dev = new VirtioRng(spec.random); break;
        case 'console': dev = this.virtioConsole = new VirtioConsole((b) => this.consoleOut(b)); break;
        case 'net': dev = new VirtioNet(spec.port, { mac: spec.mac }); break;
        case 'balloon': {
          // Pages the guest gives up (ballooned or reported free) go back to the host at once.
          dev = this.balloon = new VirtioBalloon({
            discard: (pa, len) => { if (inside(pa - base, len) && !this.guestRam.zero(pa - base, len)) this.memoryFailed(); },
          });
          this.balloon.now = this.now;
          break;
        }
      }
      const t = new VirtioMmio(dev, { mem, irq: this.plic.irq(slot.irq), warn: this.cfg.warn ?? ((m) => console.warn(`rvisor: ${m}`)) });
      this.virtio.push(t);
      this.bus.map(slot.base, slot.size, t);
    });
    // The other slots answer as QEMU's empty transports do (device ID 0); the device tree
    // lists only the devices present.
    for (let i = specs.length; i < VIRT_VIRTIO_SLOTS; i++) this.bus.map(virtioSlot(i).base, virtioSlot(i).size, new VirtioMmioEmpty());
  }

  // Guest console output: to the user, and watched for Linux's panic line.
  private consoleOut(bytes: Uint8Array): void {
    this.cfg.console(bytes);
    for (const b of bytes) {
      if (b === 0x0a) {
        if (this.consoleTail.includes('Kernel panic - not syncing')) {
          this.result ??= { reason: 'panic', exitCode: 1, detail: this.consoleTail.trim() };
        }
        this.consoleTail = '';
      } else if (this.consoleTail.length < 512) {
        this.consoleTail += String.fromCharCode(b);
      }
    }
  }

  // The device tree for the current configuration (memory, harts, devices, /chosen).
  buildDtb(): Uint8Array {
    const clint = this.mode === 'bare' ? VIRT_CLINT : undefined;
    return buildVirtDeviceTree({
      memBase: RAM_BASE, memSize: this.memSize, harts: this.harts, timebaseHz: TIMEBASE_HZ, isa: ISA,
      bootargs: this.cfg.bootargs,
      initrd: this.initrd ?? undefined,
      devices: {
        uart: VIRT_UART, clint, test: VIRT_TEST, plic: VIRT_PLIC, rtc: VIRT_RTC,
        virtio: this.virtio.map((_d, i) => virtioSlot(i)),
      },
    });
  }

  // A machine with its own core and one run of RAM: bare, or a trap-mode guest whose RAM is
  // not paged (the web page's worker). A trap-mode guest with paged RAM (frames on first touch,
  // a cap, sharing) runs under the Hypervisor (Hypervisor.create; createMachine and the CLI
  // make a one-guest hypervisor).
  static async create(wasm: BufferSource | WebAssembly.Module, cfg: MachineConfig): Promise<Machine> {
    Machine.check(cfg);
    // A trap-mode guest needs a control program to take its exits: that is the hypervisor's.
    if (cfg.mode === 'trap') throw new UserError('a trap-mode machine is a hypervisor\'s guest: create it with createMachine() or Hypervisor.create()');
    if (cfg.memSize > 2048 * 1024 * 1024) throw new UserError('at most 2 GiB of guest memory fits in wasm32; use --mem 2G or less');
    let clockOwner: Machine | null = null;
    const core = await Core.create(wasm, () => (clockOwner ? clockOwner.ticks() : 0));
    const m = new Machine(core, cfg);
    clockOwner = m;
    return m;
  }

  // A guest of the hypervisor: a machine in a shared core, at the hypervisor's placement.
  static createIn(core: Core, cfg: MachineConfig, placement: GuestPlacement): Machine {
    Machine.check(cfg);
    return new Machine(core, cfg, placement);
  }

  private static check(cfg: MachineConfig): void {
    if (!Number.isInteger(cfg.memSize) || cfg.memSize < 1 << 20 || cfg.memSize % 4096) {
      throw new UserError(`memory size ${cfg.memSize} is not a whole number of pages of at least 1 MiB; use e.g. --mem 128M`);
    }
    const harts = cfg.harts ?? 1;
    if (!Number.isInteger(harts) || harts < 1 || harts > 64) throw new UserError(`--smp ${harts}: give between 1 and 64 harts`);
  }

  // All of RAM as one array: bare mode only (a hypervisor's guest has its pages wherever the
  // pager put them; use readRam/writeRam).
  get ram(): Uint8Array {
    if (!this.guestRam.contiguous) throw new Error('this guest\'s RAM is paged: use readRam/writeRam');
    this.pristine = false; // whoever takes the view may write it
    return this.guestRam.contiguous();
  }

  // RAM is still as the fresh core made it (all zeros, never touched): a restore need not clear
  // it. A guest of the hypervisor may sit where an earlier one ran, so it never is.
  private pristine: boolean;

  // Copies of guest RAM and writes into it, by offset from the start of RAM, through the frame
  // map (pages are faulted in as needed). Throw when the range is outside RAM or its pages
  // cannot be had.
  readRam(off: number, len: number): Uint8Array {
    const r = this.guestRam.read(off, len);
    if (!r) throw new Error(`guest memory: ${this.guestRam.error}`);
    return r;
  }

  writeRam(off: number, data: Uint8Array): void {
    if (!this.guestRam.write(off, data)) throw new Error(`guest memory: ${this.guestRam.error}`);
  }

  // A file's bytes at `off`: read in place where RAM is one run, else through writeRam.
  private writeRamFrom(off: number, source: ImageSource): void {
    if (!this.guestRam.writeWith) { this.writeRam(off, allBytes(source)); return; }
    if (!this.guestRam.writeWith(off, source.size, (dst) => source.readInto(dst, 0))) throw new Error(`guest memory: ${this.guestRam.error}`);
  }

  // A device or the SBI could not reach a page: the guest cannot go on.
  private memoryFailed(): void {
    this.fail(`the hypervisor stopped this guest: ${this.guestRam.error}`);
    this.poke();
  }

  // Drops decoded instructions covering real memory [host, host + len) after a host write.
  // With write-protect coherence, a write into one of its page tables also makes the guest's
  // shadow stale: empty its sets now if it is loaded, else when it next is (DMA for one guest
  // can happen while another runs, e.g. a packet from the virtual switch).
  private invalidate(host: number, len: number): void {
    this.core.exports.invalidateHost(host, len);
    if (this.flags & ABI.GUEST_WP && this.core.exports.hostWrotePageTables(host, len)) {
      if (this.core.owner === this) this.core.exports.flushTlb();
      else this.shadowStale = true;
    }
  }

  private shadowStale = false;

  // Host clock in timebase ticks since the machine started (or the hypervisor's timebase).
  ticks(): number {
    if (this.cfg.ticks) return this.cfg.ticks();
    return Math.floor((this.now() - this.t0) * (TIMEBASE_HZ / 1000));
  }

  // ---- sharing the core with other guests ----
  // Makes this guest the one loaded in the core: the previous owner saves its running hart and
  // its counters; the TLB sets stay (each guest has its own), so nothing is flushed.
  activate(): void {
    const core = this.core;
    if (core.owner === this) return;
    this.placement.onActivate?.(this);
    if (this.placement.setCount === 0) throw new Error('a guest without TLB sets cannot be loaded');
    core.owner?.deactivate();
    core.exports.setGuest(RAM_BASE, BigInt(this.memSize), this.guestRam.map, this.placement.setLo, this.placement.setCount, this.flags);
    core.trapMode = this.mode === 'trap';
    core.exports.configure(this.cfg.icount ?? -1, this.htifAddrs[0], this.htifAddrs[1]);
    core.loadHart(this.hartBlocks[this.active]);
    core.owner = this;
    if (this.shadowStale) { core.exports.flushTlb(); this.shadowStale = false; }
    this.guestSwitches++;
  }

  /** The TLB sets this guest owns (the hypervisor moves them; emptied by it beforehand). */
  get sets(): { lo: number; count: number } { return { lo: this.placement.setLo, count: this.placement.setCount }; }
  setSets(lo: number, count: number): void {
    if (this.core.owner === this) this.deactivate();
    this.placement.setLo = lo;
    this.placement.setCount = count;
  }

  // Whether step() has anything to do: a hart that is not waiting, or whose interrupt came.
  // The hypervisor asks before loading the guest, so an idle guest costs no switch.
  get wantsToRun(): boolean { return this.wantsToRunAt(this.ticks()); }

  // The same at timebase tick `now` (the hypervisor reads its clock once for all its guests).
  wantsToRunAt(now: number): boolean {
    if (this.result) return true;
    if (this.wakeAt !== null) return now >= this.wakeAt;
    for (let h = 0; h < this.harts; h++) {
      if (this.stopped[h]) continue;
      if (!this.waiting[h] || this.interruptPending(h)) return true;
    }
    this.wakeAt = this.earliestTimer();
    return false;
  }

  // While every hart waits, the tick its earliest timer fires at (null: not known, or not all
  // waiting). The hypervisor asks every guest whether it wants to run and how long until its
  // timer, at each of its wake-ups: reading the harts' state for that made 100 idle guests
  // cost a fifth of a core. Anything that may make an interrupt pending forgets it: poke()
  // (devices, input, IPIs from the host), a turn on the core (step), reset and restore.
  private wakeAt: number | null = null;

  private earliestTimer(): number {
    let t = Infinity;
    for (let h = 0; h < this.harts; h++) {
      if (this.stopped[h]) continue;
      const m = this.hartView(h).getBigUint64(ABI.HART_MTIMECMP - ABI.HART_BASE, true);
      const s = this.stimecmpOf(h);
      const e = s < m ? s : m;
      if (e < 1n << 53n) t = Math.min(t, Number(e));
    }
    return t;
  }

  deactivate(): void {
    const core = this.core;
    if (core.owner !== this) return;
    core.saveHart(this.hartBlocks[this.active]);
    const v = core.dv;
    // Most counters did not move during a turn (an idle guest's especially): skip those.
    for (let i = 0; i < 32 + ABI.HV_STATS_COUNT; i++) {
      const off = i < 32 ? ABI.STATS_BASE + i * 8 : ABI.HV_STATS + (i - 32) * 8;
      if (v.getUint32(off, true) === 0 && v.getUint32(off + 4, true) === 0) continue;
      this.saved[i] += v.getBigUint64(off, true);
      v.setBigUint64(off, 0n, true);
    }
    core.owner = null;
  }

  private htifAddrs: [bigint, bigint] = [0n, 0n];

  // Loads an ELF executable's PT_LOAD segments at their physical addresses; the harts will
  // start at its entry. Finds HTIF's tohost/fromhost symbols if present.
  loadElf(bytes: Uint8Array, what: string): void {
    this.entry = this.placeElf(bytes, what);
  }

  // Loads M-mode firmware (`--bios FILE`): an ELF at its addresses, or a raw binary such as
  // OpenSBI's fw_dynamic.bin at the start of RAM (silently: firmware usually is raw). The harts
  // start in it.
  loadFirmware(input: Uint8Array | ImageSource, what: string): void {
    if (this.mode === 'trap') throw new UserError(`${what}: trap mode has no M-mode to run firmware in (the hypervisor is the SBI); drop --bios or use --mode bare`);
    const source = toSource(input);
    if (isElf(source.head)) {
      this.entry = this.placeElf(allBytes(source), what);
    } else {
      this.refuseRaw(source.head, what);
      this.placeRaw(source, RAM_BASE, what);
      this.entry = RAM_BASE;
    }
    this.firmware = true;
  }

  // Loads the kernel (`--kernel FILE`), as QEMU's virt machine does: an ELF at its addresses;
  // anything else at the kernel address, which is the first 2 MiB boundary after the firmware
  // (0x8020_0000; fw_dynamic's info names it), or the start of RAM without firmware, where the
  // harts then start in M-mode. A Linux Image is expected there; any other file is loaded as a
  // raw binary with a one-line notice, unless it cannot be code at all (empty, compressed,
  // text: refused). Without firmware a Linux Image is refused too: it needs an SBI.
  loadKernel(input: Uint8Array | ImageSource, what: string): void {
    this.kernelLoaded = true;
    const source = toSource(input);
    const elf = isElf(source.head);
    const image = !elf && isLinuxImage(source.head);
    if (!elf && !image) this.refuseRaw(source.head, what);
    if (this.mode === 'bare' && !this.firmware && image) {
      throw new UserError(`${what}: a Linux Image needs firmware (an SBI): add --bios opensbi, or drop --bios none for trap mode`);
    }
    if (elf) {
      this.kernelAddr = this.placeElf(allBytes(source), what);
    } else {
      // Trap mode starts its payload as an SBI firmware would; bare mode without firmware
      // starts the harts at the start of RAM, as QEMU's -bios none does.
      this.kernelAddr = this.mode === 'bare' && !this.firmware ? RAM_BASE : RAM_BASE + KERNEL_OFFSET;
      this.placeRaw(source, this.kernelAddr, what);
      if (!image) {
        const how = this.mode === 'trap' ? 'started there in S-mode' : this.firmware ? 'the firmware jumps there' : 'started there in M-mode';
        this.notice(`${what}: neither an ELF nor a Linux Image; loaded as a raw binary at 0x${this.kernelAddr.toString(16)} (${how}), as QEMU does`);
      }
    }
    if (this.mode === 'trap' || !this.firmware) this.entry = this.kernelAddr;
  }

  // A file that is neither an ELF nor a Linux Image, and cannot be a raw binary either.
  private refuseRaw(bytes: Uint8Array, what: string): void {
    const why = rawRefusal(bytes);
    if (why) throw new UserError(`${what}: ${why}; rvisor runs an ELF, a Linux Image or a raw binary`);
  }

  // One line for the user about how a file was taken (the CLI prints it on stderr).
  private notice(message: string): void {
    (this.cfg.warn ?? ((m) => console.warn(`rvisor: ${m}`)))(message);
  }

  // A file's bytes at guest-physical `pa`, claimed against other loads. `where` names the
  // place in the error when they do not fit.
  private placeRaw(source: ImageSource, pa: bigint, what: string, where = `at 0x${pa.toString(16)} do not fit in RAM`): void {
    this.loads++;
    const off = Number(pa - RAM_BASE);
    if (off < 0 || off + source.size > this.memSize) throw new UserError(`${what}: ${source.size} bytes ${where}; raise --mem`);
    this.claimRam(off, off + source.size, what);
    this.writeRamFrom(off, source);
    this.placed.push({ start: off, end: off + source.size, what, load: this.loads });
    this.core.exports.flushAll();
  }

  // Bytes loaded from files (RAM offsets), so reset() can refuse to put the device tree on them
  // and a later image cannot silently overwrite an earlier one. `load` numbers the load call.
  private placed: { start: number; end: number; what: string; load: number }[] = [];
  private loads = 0;

  // Refuses an image whose bytes [start, end) would overwrite an image loaded before it (a
  // firmware that the kernel would clobber, a kernel under its initrd, …).
  private claimRam(start: number, end: number, what: string): void {
    const hit = this.placed.find((p) => p.load !== this.loads && p.start < end && start < p.end);
    if (hit) {
      const at = (o: number) => `0x${(RAM_BASE + BigInt(o)).toString(16)}`;
      throw new UserError(`${what} (${at(start)}-${at(end)}) would overwrite ${hit.what} (${at(hit.start)}-${at(hit.end)}); ` +
        'the two images overlap in RAM: use smaller images, or link the kernel elsewhere');
    }
  }

  private placeElf(bytes: Uint8Array, what: string): bigint {
    this.loads++;
    const img = parseElf(bytes, what);
    const ramEnd = Number(RAM_BASE) + this.memSize;
    for (const s of img.segments) {
      if (s.paddr < Number(RAM_BASE) || s.paddr + s.memSize > ramEnd) {
        throw new ElfError(`${what}: segment at 0x${s.paddr.toString(16)} (+0x${s.memSize.toString(16)}) is outside RAM ` +
          `0x${RAM_BASE.toString(16)}-0x${ramEnd.toString(16)}; link it inside RAM or raise --mem`);
      }
      const off = s.paddr - Number(RAM_BASE);
      this.claimRam(off, off + s.memSize, what);
      if (!this.guestRam.zero(off, s.memSize)) throw new Error(`guest memory: ${this.guestRam.error}`);
      this.writeRam(off, s.fileData);
      this.placed.push({ start: off, end: off + s.fileData.length, what, load: this.loads });
    }
    this.core.exports.flushAll();
    const tohost = img.symbols.get('tohost');
    if (tohost !== undefined) {
      const fromhost = img.symbols.get('fromhost') ?? 0n;
      this.htifAddrs = [tohost, fromhost];
      this.core.exports.configure(this.cfg.icount ?? -1, tohost, fromhost);
      this.htif = new Htif(this.htifMemory(), tohost, fromhost, (b) => this.consoleOut(b));
    }
    return img.entry;
  }

  // Puts every hart at the entry point in M-mode (a0 = hart id, a1 = device tree), as QEMU
  // does with -bios none.
  // Uses this device tree blob instead of the generated one (QEMU's -dtb), after checking that
  // it is one (a broken blob would leave the kernel hanging without a word): FdtError if not.
  // A tree whose memory is not this machine's RAM gets a warning.
  useDtb(bytes: Uint8Array, what = 'device tree'): void {
    const root = parseFdt(bytes, what);
    const ram = { base: RAM_BASE, end: RAM_BASE + BigInt(this.memSize) };
    const mems = root.children.filter((n) => n.name === 'memory' || n.name.startsWith('memory@'));
    const cells = (name: string, dflt: number) => {
      const p = root.props.get(name);
      return p && p.length === 4 ? new DataView(p.buffer, p.byteOffset, 4).getUint32(0) : dflt;
    };
    const ac = cells('#address-cells', 2), sc = cells('#size-cells', 1);
    const num = (b: Uint8Array, at: number, n: number) => {
      let v = 0n;
      for (let i = 0; i < n; i++) v = (v << 32n) | BigInt(new DataView(b.buffer, b.byteOffset + at + i * 4, 4).getUint32(0));
      return v;
    };
    const inRam = ac >= 1 && ac <= 2 && sc >= 1 && sc <= 2 && mems.some((n) => {
      const reg = n.props.get('reg');
      if (!reg || reg.length < (ac + sc) * 4) return false;
      const base = num(reg, 0, ac), size = num(reg, ac * 4, sc);
      return base >= ram.base && base + size <= ram.end && size > 0n;
    });
    if (!inRam) {
      (this.cfg.warn ?? console.warn)(`${what}: no memory node inside this machine's RAM (0x${ram.base.toString(16)}-0x${ram.end.toString(16)}); the guest may not find its memory`);
    }
    this.customDtb = bytes;
  }

  reset(): void {
    this.wakeAt = null;
    const dtb = this.customDtb ?? this.buildDtb();
    // Where QEMU puts it: the top of RAM (or of the first GiB), 2 MiB aligned.
    const top = Math.min(this.memSize, 0x4000_0000);
    const off = Math.floor((top - dtb.length) / 0x20_0000) * 0x20_0000;
    // Bare mode also gets OpenSBI's fw_dynamic info block in the page below the tree.
    const low = this.mode === 'bare' ? off - 0x1000 : off;
    const hit = this.placed.find((p) => p.start < off + dtb.length && low < p.end);
    if (hit || low < 0) {
      throw new UserError(`the device tree (at 0x${(RAM_BASE + BigInt(Math.max(0, off))).toString(16)}, the top of RAM) would overwrite ` +
        `${hit ? hit.what : 'the start of RAM'}; raise --mem`);
    }
    this.writeRam(off, dtb);
    this.dtbAddr = RAM_BASE + BigInt(off);
    // OpenSBI's fw_dynamic reads where to go next from this block (a2), as QEMU provides it
    // from its boot ROM: magic "OSBI", version 2, next address, next mode S, options, boot hart
    // (hart 0, as QEMU passes it). Other firmware ignores a2.
    const infoOff = off - 0x1000;
    if (this.mode === 'bare') {
      const info = new DataView(new ArrayBuffer(48));
      // Without a kernel the next address is 0, as QEMU passes it.
      [0x4942534fn, 2n, this.kernelLoaded ? this.kernelAddr : 0n, 1n, 0n, 0n].forEach((v, i) => info.setBigUint64(i * 8, v, true));
      this.writeRam(infoOff, new Uint8Array(info.buffer));
    }
    this.activate();
    for (let h = this.harts - 1; h >= 0; h--) {
      if (this.mode === 'trap') {
        this.core.exports.resetVcpu(BigInt(h), this.entry, this.dtbAddr);
      } else {
        this.core.exports.resetHart(BigInt(h), this.entry, this.dtbAddr);
        this.core.setX(12, RAM_BASE + BigInt(infoOff));
      }
      this.core.saveHart(this.hartBlocks[h]);
    }
    this.active = 0; // hart 0's state is the one left in the core
    this.waiting.fill(false);
    // Trap mode: only the boot hart runs; SBI HSM starts the others (as OpenSBI does).
    this.stopped.fill(this.mode === 'trap');
    this.stopped[0] = false;
    this.result = null;
  }

  // Places an initrd where QEMU does: kernel + min(RAM / 2, 128 MiB), and names it in /chosen.
  loadInitrd(input: Uint8Array | ImageSource, what: string): void {
    const source = toSource(input);
    const pa = this.kernelAddr + BigInt(Math.min(this.memSize / 2, 128 << 20));
    this.placeRaw(source, pa, what, 'do not fit in RAM above the kernel');
    this.initrd = { start: Number(pa), end: Number(pa) + source.size };
  }

  input(bytes: Uint8Array): void {
    this.uart.receive(bytes);
    this.poke();
  }

  // Something may have made an interrupt pending: end a sleep (ours or the hypervisor's).
  poke(): void {
    this.wakeAt = null;
    this.wake?.();
    this.onWake?.();
  }

  // For the trap-mode exits: set the outcome, write console output, take input.
  setResult(r: { reason: ExitReason; exitCode: number; detail?: string }): void { this.result ??= r; }
  console(bytes: Uint8Array): void { this.consoleOut(bytes); }
  takeInput(max: number): Uint8Array { return this.uart.take(max); }
  setWaiting(h: number): void { this.waiting[h] = true; }
  // Holds the guest still (the monitor) until resume().
  pause(): void { this.paused = true; }

  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  stop(): void {
    this.result ??= { reason: 'stopped', exitCode: 0 };
    this.paused = false; // a guest stopped from the monitor ends, whoever runs it
    this.wake?.();
  }

  // Runs until the guest powers off or exits, the timeout passes, or stop() is called.
  async run(opts: { timeoutMs?: number } = {}): Promise<RunResult> {
    const start = this.now();
    const instret0 = this.instret;
    const deadline = opts.timeoutMs ? start + opts.timeoutMs : Infinity;
    while (!this.result) {
      if (this.paused) {
        await new Promise<void>((resolve) => { const t = setTimeout(resolve, 50); this.wake = () => { clearTimeout(t); resolve(); }; });
        continue;
      }
      const state = this.step(this.now() + SLICE_MS);
      if (state === 'done') break;
      if (this.now() >= deadline) { this.result = { reason: 'timeout', exitCode: 124 }; break; }
      if (state === 'idle') await this.sleepUntilInterrupt(deadline);
      else await yieldToEventLoop();
    }
    const seconds = (this.now() - start) / 1000;
    const instret = this.instret - instret0;
    return { ...this.finalResult(), stats: this.stats(instret, seconds) };
  }

  // The outcome once step() said 'done' (or stop()/a timeout decided it).
  finalResult(): { reason: ExitReason; exitCode: number; detail?: string } {
    return this.result ?? { reason: 'stopped', exitCode: 0 };
  }

  get isPaused(): boolean { return this.paused; }

  /** Ends the run with this outcome (the hypervisor's verdict on a guest that misbehaved). */
  fail(detail: string): void { this.result ??= { reason: 'error', exitCode: 1, detail }; }

  // Runs the harts (round-robin) until `sliceEnd` (ms), the guest finishes, or every hart
  // waits for an interrupt: 'busy', 'done' or 'idle'. One quantum of the hypervisor.
  step(sliceEnd: number): 'busy' | 'done' | 'idle' {
    this.pristine = false;
    this.wakeAt = null;
    this.activate();
    let allWaiting = false;
    do {
      allWaiting = true;
      for (let h = 0; h < this.harts && !this.result && !this.paused; h++) {
        if (this.stopped[h]) continue;
        if (this.waiting[h] && !this.interruptPending(h)) continue;
        this.waiting[h] = false;
        allWaiting = false;
        this.runHart(h);
      }
    } while (!this.result && !allWaiting && !this.paused && this.now() < sliceEnd);
    return this.result ? 'done' : allWaiting ? 'idle' : 'busy';
  }

  // Milliseconds until the earliest timer of a waiting hart (at most `cap`).
  msToNextTimer(cap = 50): number {
    return Math.min(cap, Math.max(0, (this.nextTimerTick() - this.ticks()) / (TIMEBASE_HZ / 1000)));
  }

  // The tick the earliest timer of a waiting hart fires at (Infinity: none).
  nextTimerTick(): number { return this.wakeAt ?? this.earliestTimer(); }

  // ---- steal time (SBI STA) ----
  // Timebase ticks this guest was ready to run while others had the core (the hypervisor
  // counts them), and per hart the guest-physical address of its STA record, if registered.
  stealTicks = 0;
  readonly stealShmem: (bigint | null)[] = [];
  private stealSeq: number[] = [];

  addSteal(ticks: number): void {
    if (ticks <= 0) return;
    this.stealTicks += ticks;
    for (let h = 0; h < this.harts; h++) if (this.stealShmem[h] != null) this.publishSteal(h);
  }

  // Writes hart h's STA record (ext-steal-time): sequence odd, steal in ns, sequence even.
  publishSteal(h: number): void {
    const at = this.stealShmem[h];
    if (at == null) return;
    const off = Number(at - RAM_BASE);
    const seq = (this.stealSeq[h] ?? 0) + 2;
    this.stealSeq[h] = seq;
    const rec = new DataView(new ArrayBuffer(16));
    rec.setUint32(0, seq - 1, true);
    this.writeRam(off, new Uint8Array(rec.buffer, 0, 4));
    rec.setUint32(0, seq, true);
    rec.setBigUint64(8, BigInt(this.stealTicks) * BigInt(1e9 / TIMEBASE_HZ), true);
    this.writeRam(off + 8, new Uint8Array(rec.buffer, 8, 8));
    this.writeRam(off, new Uint8Array(rec.buffer, 0, 4));
  }

  /** Called by devices and input: something may have woken a waiting hart. */
  onWake: (() => void) | null = null;

  private runHart(h: number): void {
    this.switchTo(h);
    const core = this.core;
    if (this.cfg.icount === undefined) core.setU64(ABI.HART_MTIME, BigInt(this.ticks()));
    core.jit.installReady();
    this.serve(h, core.exports.run(this.harts > 1 ? SMP_BUDGET : BUDGET));
  }

  // What the vCPU loop does with an exit of hart h (the loaded one).
  private serve(h: number, code: number): void {
    switch (code) {
      case ABI.EXIT_SBI: this.exits.sbi = (this.exits.sbi ?? 0) + 1; this.trap!.sbi(h); break;
      case ABI.EXIT_HV: this.exits.hv = (this.exits.hv ?? 0) + 1; this.trap!.slowPath(); break;
      case ABI.EXIT_BUDGET: this.exits.budget++; break;
      case ABI.EXIT_MMIO: this.exits.mmio++; this.mmio(); break;
      case ABI.EXIT_PAGE: {
        // A hidden page fault: the page gets a frame (first touch) or comes back from the
        // backing store, and the instruction runs again.
        this.exits.page = (this.exits.page ?? 0) + 1;
        const off = Number(this.core.u64(ABI.EXIT_ADDR) - RAM_BASE);
        if (!this.guestRam.fault(off, this.core.u32(ABI.EXIT_IS_WRITE) !== 0)) this.memoryFailed();
        break;
      }
      case ABI.EXIT_WFI: {
        this.exits.wfi++;
        if (this.cfg.icount !== undefined) this.skipIdleTime();
        else this.waiting[h] = true;
        break;
      }
      case ABI.EXIT_HTIF: {
        this.exits.htif++;
        const r = this.htif?.handle();
        if (r) this.result = { reason: 'htif', exitCode: r.exit };
        break;
      }
      case ABI.EXIT_DEBUG: { // a debugger's breakpoint or watchpoint: every hart stops
        this.exits.debug = (this.exits.debug ?? 0) + 1;
        this.paused = true;
        this.onDebugStop?.(h);
        break;
      }
      default: throw new Error(`core returned unknown exit code ${code}`);
    }
  }

  // ---- for a debugger (src/debug) ----
  /** Called when hart h stopped at a debugger's breakpoint or watchpoint; the machine is paused. */
  onDebugStop: ((hart: number) => void) | null = null;

  /**
   * Runs exactly one instruction of hart h, or takes one exception (the debugger's single step,
   * while paused). Returns the core's exit code: EXIT_DEBUG when a watchpoint stopped it before
   * its access, otherwise the step is done (an MMIO access is served and completed).
   */
  stepHart(h: number): number {
    this.switchTo(h);
    const core = this.core;
    if (this.cfg.icount === undefined) core.setU64(ABI.HART_MTIME, BigInt(this.ticks()));
    let code = core.exports.step();
    // A page without a frame (the fetch, a table, the data): bring it in and step again; a
    // step touches at most a handful of pages.
    for (let i = 0; code === ABI.EXIT_PAGE && i < 16 && !this.result; i++) { this.serve(h, code); code = core.exports.step(); }
    if (code === ABI.EXIT_MMIO) { this.serve(h, code); code = core.exports.step(); }
    if (code !== ABI.EXIT_BUDGET && code !== ABI.EXIT_DEBUG) this.serve(h, code);
    return code;
  }

  // Serves the MMIO access described by the exit record; the core finishes the instruction
  // (or raises an access fault) on its next run().
  private mmio(): void {
    const core = this.core;
    const addr = core.u64(ABI.EXIT_ADDR);
    const size = core.u32(ABI.EXIT_SIZE);
    if (core.u32(ABI.EXIT_IS_WRITE)) {
      if (!this.bus.write(addr, size, core.u64(ABI.EXIT_VALUE))) core.setU32(ABI.EXIT_FAULT, 1);
    } else {
      const v = this.bus.read(addr, size);
      if (v === undefined) core.setU32(ABI.EXIT_FAULT, 1);
      else core.setU64(ABI.EXIT_VALUE, v);
    }
  }

  // --icount: a waiting hart jumps straight to its next timer interrupt.
  private skipIdleTime(): void {
    const core = this.core;
    const cmp = core.u64(ABI.HART_MTIMECMP);
    const now = this.mtimeOfActive();
    if (cmp !== 0xffff_ffff_ffff_ffffn && cmp > now) core.setU64(ABI.HART_IDLE_TICKS, core.u64(ABI.HART_IDLE_TICKS) + (cmp - now));
  }

  private mtimeOfActive(): bigint {
    const core = this.core;
    if (this.cfg.icount === undefined) return BigInt(this.ticks());
    return ((core.instret << BigInt(this.cfg.icount)) / 100n) + core.u64(ABI.HART_IDLE_TICKS);
  }

  // Could hart h take an interrupt now (wfi wakes on pending & enabled, ignoring mstatus)?
  private interruptPending(h: number): boolean {
    const v = this.hartView(h);
    const mie = v.getBigUint64(ABI.HART_CSR + ABI.CSR_SLOT_MIE - ABI.HART_BASE, true);
    let mip = v.getBigUint64(ABI.HART_CSR + ABI.CSR_SLOT_MIP_SW - ABI.HART_BASE, true) |
      v.getBigUint64(ABI.HART_MIP_HW - ABI.HART_BASE, true);
    const timerBit = this.mode === 'trap' ? ABI.IRQ_S_TIMER : ABI.IRQ_M_TIMER;
    const now = BigInt(this.ticks());
    if (now >= v.getBigUint64(ABI.HART_MTIMECMP - ABI.HART_BASE, true)) mip |= 1n << BigInt(timerBit);
    if (now >= this.stimecmpOf(h)) mip |= 1n << BigInt(ABI.IRQ_S_TIMER);
    return (mip & mie) !== 0n;
  }

  // Bare mode with Sstc on (menvcfg.STCE): hart h's stimecmp; otherwise never (all ones). In
  // trap mode the guest's stimecmp is the vCPU's virtual timer, HART_MTIMECMP.
  private stimecmpOf(h: number): bigint {
    const v = this.hartView(h);
    const menvcfg = v.getBigUint64(ABI.HART_CSR + ABI.CSR_SLOT_MENVCFG - ABI.HART_BASE, true);
    if (this.mode === 'trap' || menvcfg >> 63n === 0n) return 0xffff_ffff_ffff_ffffn;
    return v.getBigUint64(ABI.HART_CSR + ABI.CSR_SLOT_STIMECMP - ABI.HART_BASE, true);
  }

  private async sleepUntilInterrupt(deadline: number): Promise<void> {
    const ms = Math.min(this.msToNextTimer(), Math.max(0, deadline - this.now()));
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => { this.wake = null; resolve(); }, Math.ceil(ms));
      this.wake = () => { clearTimeout(t); this.wake = null; resolve(); };
    });
  }

  // ---- harts ----
  switchTo(h: number): void {
    this.activate();
    if (h === this.active) return;
    this.core.saveHart(this.hartBlocks[this.active]);
    this.core.loadHart(this.hartBlocks[h]);
    this.active = h;
    this.vcpuSwitches++;
  }

  get activeHart(): number { return this.active; }

  // A view whose offset HART_BASE-relative fields address hart h's state wherever it lives.
  hartView(h: number): DataView {
    if (h === this.active && this.core.owner === this) return new DataView(this.core.memory.buffer, ABI.HART_BASE, ABI.HART_SIZE);
    const b = this.hartBlocks[h];
    return new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  private clintHarts(): ClintHarts {
    const field = (h: number, off: number) => off - ABI.HART_BASE;
    return {
      count: this.harts,
      msip: (h) => (this.hartView(h).getBigUint64(field(h, ABI.HART_MIP_HW), true) & 8n) !== 0n,
      setMsip: (h, on) => {
        const v = this.hartView(h);
        const hw = v.getBigUint64(field(h, ABI.HART_MIP_HW), true);
        v.setBigUint64(field(h, ABI.HART_MIP_HW), on ? hw | 8n : hw & ~8n, true);
        if (on) this.poke();
      },
      mtimecmp: (h) => this.hartView(h).getBigUint64(field(h, ABI.HART_MTIMECMP), true),
      setMtimecmp: (h, val) => { this.wakeAt = null; this.hartView(h).setBigUint64(field(h, ABI.HART_MTIMECMP), val, true); },
      mtime: () => this.mtimeOfActive(),
    };
  }

  /** Instructions all harts retired since reset. */
  get instret(): bigint {
    let t = 0n;
    for (let h = 0; h < this.harts; h++) t += this.hartView(h).getBigUint64(ABI.HART_INSTRET - ABI.HART_BASE, true);
    return t;
  }

  private power(e: PowerEvent): void {
    this.result = e.kind === 'poweroff' ? { reason: 'poweroff', exitCode: e.code } : { reason: 'reset', exitCode: 0 };
  }

  private htifMemory() {
    const ramOff = (pa: bigint, len: number) => {
      const off = Number(pa - RAM_BASE);
      if (pa < RAM_BASE || off + len > this.memSize) throw new RangeError('HTIF address outside RAM');
      return off;
    };
    return {
      readU64: (pa: bigint) => {
        const b = this.readRam(ramOff(pa, 8), 8);
        return new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
      },
      writeU64: (pa: bigint, v: bigint) => {
        const b = new Uint8Array(8);
        new DataView(b.buffer).setBigUint64(0, v, true);
        this.writeRam(ramOff(pa, 8), b);
      },
      readBytes: (pa: bigint, len: number) => this.readRam(ramOff(pa, len), len),
    };
  }

  // A counter of the core's stats block (STATS_BASE) or HV block, including what earlier turns
  // on the core left in `saved`.
  private counter(off: number): bigint {
    const i = off >= ABI.HV_STATS ? 32 + (off - ABI.HV_STATS) / 8 : (off - ABI.STATS_BASE) / 8;
    return this.saved[i] + (this.core.owner === this ? this.core.u64(off) : 0n);
  }

  stats(instret = this.instret, seconds = (this.now() - this.t0) / 1000): RunStats {
    const n = (off: number) => this.counter(off);
    const st: RunStats = {
      instret,
      seconds,
      mips: seconds > 0 ? Number(instret) / seconds / 1e6 : 0,
      exits: { ...this.exits },
      mmioByDevice: Object.fromEntries(this.bus.counts),
      tlbMisses: n(ABI.STAT_TLB_MISS),
      tlbHits: n(ABI.STAT_TLB_HIT),
      tlbHitRate: 0,
      decodedPages: n(ABI.STAT_DECODE_PAGES),
      traps: n(ABI.STAT_TRAPS),
      interrupts: n(ABI.STAT_INTERRUPTS),
      codeInvalidations: n(ABI.STAT_CODE_INVALIDATIONS),
      tlbFlushes: n(ABI.STAT_TLB_FLUSH),
      mode: this.mode,
    };
    if (this.core.jit.enabled) {
      const j = this.core.jit.stats;
      const c = (off: number) => Number(this.core.u64(off));
      const insns = c(ABI.JIT_STAT_INSNS);
      st.jit = {
        regions: j.regions, compileMs: Math.round(j.compileMs * 10) / 10, translateMs: Math.round(j.translateMs * 10) / 10, threadMs: Math.round(j.threadMs * 10) / 10, threadRegions: j.threadRegions, codeBytes: j.codeBytes,
        entries: c(ABI.JIT_STAT_ENTRIES), chains: c(ABI.JIT_STAT_CHAINS), insns, share: Number(instret) ? insns / Number(instret) : 0,
        exits: { branch: c(ABI.JIT_STAT_EXIT_BRANCH), insn: c(ABI.JIT_STAT_EXIT_INSN), smc: c(ABI.JIT_STAT_EXIT_SMC), next: c(ABI.JIT_STAT_EXIT_NEXT) },
        drops: c(ABI.JIT_STAT_DROPS), unprofitable: c(ABI.JIT_STAT_UNPROFITABLE), failed: j.failed, promoted: this.core.jit.promoted,
      };
    }
    const mem = this.guestRam.stats?.();
    if (mem) st.memory = mem;
    const lookups = st.tlbHits + st.tlbMisses;
    st.tlbHitRate = lookups ? Number(st.tlbHits) / Number(lookups) : 0;
    if (this.mode === 'trap') {
      const num = (off: number) => Number(n(off));
      const exits: Record<string, number> = {};
      const put = (k: string, v: number) => { if (v) exits[k] = v; };
      HV_CSR_NAMES.forEach((name, i) => put(`csr.${name}`, num(ABI.HV_CSR + i * 8)));
      put('csr.stimecmp', num(ABI.HV_STIMECMP));
      put('sret', num(ABI.HV_SRET));
      put('sfence.vma.all', num(ABI.HV_SFENCE_ALL));
      put('sfence.vma.asid', num(ABI.HV_SFENCE_ASID));
      put('sfence.vma.addr', num(ABI.HV_SFENCE_ADDR));
      put('wfi', num(ABI.HV_WFI));
      for (const [ext, c] of this.trap!.sbiCounts) put(`sbi.${ext}`, c);
      for (const [dev, c] of this.bus.counts) put(`mmio.${dev}`, c);
      const byCause = (base: number) => {
        const r: Record<string, number> = {};
        for (let i = 0; i < 16; i++) { const v = num(base + i * 8); if (v) r[i] = v; }
        return r;
      };
      st.hv = {
        exits, reflected: byCause(ABI.HV_REFLECT), interrupts: byCause(ABI.HV_IRQ),
        shadowFills: num(ABI.HV_SHADOW_FILL), shadowFlushes: num(ABI.HV_SHADOW_FLUSH), ptWrites: num(ABI.HV_PT_WRITE),
        rootHits: num(ABI.HV_ROOT_HIT), rootMisses: num(ABI.HV_ROOT_MISS),
        guestSwitches: this.guestSwitches, vcpuSwitches: this.vcpuSwitches,
        guestContextSwitches: num(ABI.HV_ROOT_HIT) + num(ABI.HV_ROOT_MISS),
        hypervisorContextSwitches: this.guestSwitches + this.vcpuSwitches,
      };
    }
    return st;
  }

  // ---- snapshots (the file format is snapshot.ts's) ----
  /** What this machine is, for a snapshot's info section (and for building one to restore into). */
  describe(): SnapshotMachine {
    const c = this.cfg;
    const devices: SnapshotDevice[] = (c.virtio ?? []).map((v): SnapshotDevice => {
      switch (v.kind) {
        case 'blk': return { kind: 'blk', size: v.backend.size, readonly: v.backend.readonly, serial: v.serial, contents: v.backend.holds ?? 'none', path: v.backend.path };
        case 'net': return { kind: 'net', mac: v.mac };
        default: return { kind: v.kind };
      }
    });
    return { config: { memSize: this.memSize, harts: this.harts, mode: this.mode, coherence: c.coherence, icount: c.icount, bootargs: c.bootargs }, devices };
  }

  /**
   * Saves the running machine to one snapshot file: every hart, RAM (non-zero pages, deflated),
   * every device with its virtqueues, and the contents of in-memory disks and snapshot=on
   * overlays. The guest is held still meanwhile (between two slices of run()), then goes on.
   */
  async snapshot(): Promise<Uint8Array> {
    const wasPaused = this.paused;
    this.paused = true;
    try {
      const info: SnapshotInfo = { version: SNAPSHOT_VERSION, created: new Date().toISOString(), machine: this.describe() };
      return await encodeSnapshot([jsonSection('info', info), ...this.snapshotSections('')]);
    } finally {
      if (!wasPaused) this.resume();
    }
  }

  /**
   * Resumes the state of a snapshot in this machine, which must be built like the one that saved
   * it (same memory, harts, mode and devices: readSnapshotInfo says which). Everything is
   * checked before anything changes; a bad file throws SnapshotError with one line.
   */
  async restore(bytes: Uint8Array | DecodedSnapshot): Promise<void> {
    const sections = bytes instanceof Map ? bytes : await decodeSnapshot(bytes);
    const info = readJson<SnapshotInfo>(sections, 'info');
    if (info.guests) throw new SnapshotError(`this snapshot holds the ${info.guests.length} guests of a hypervisor (${info.guests.map((g) => g.name).join(', ')}); restore it with Hypervisor.restore`);
    this.checkCompatible(info.machine, '');
    this.restoreSections(sections, '')();
  }

  /** The machine's sections, names prefixed (the hypervisor stores several guests in one file). */
  snapshotSections(prefix: string): SnapshotSection[] {
    if (this.core.owner === this) this.core.saveHart(this.hartBlocks[this.active]);
    const counters = Array.from(this.saved, (v, i) => {
      const off = i < 32 ? ABI.STATS_BASE + i * 8 : ABI.HV_STATS + (i - 32) * 8;
      return String(v + (this.core.owner === this ? this.core.u64(off) : 0n));
    });
    const state = {
      active: this.active, waiting: this.waiting, stopped: this.stopped, exits: this.exits,
      entry: String(this.entry), kernelAddr: String(this.kernelAddr), kernelLoaded: this.kernelLoaded, firmware: this.firmware,
      consoleTail: this.consoleTail, initrd: this.initrd, dtbAddr: String(this.dtbAddr), htif: this.htifAddrs.map(String),
      counters, guestSwitches: this.guestSwitches, vcpuSwitches: this.vcpuSwitches,
      ticks: this.mtimeNow(), rtcBaseNs: String(this.rtcBaseNs), sbiCounts: this.trap ? [...this.trap.sbiCounts] : [],
      mmioCounts: [...this.bus.counts],
    };
    const devices = { uart: this.uart.saveState(), plic: this.plic.saveState(), rtc: this.rtc.saveState(), virtio: this.virtio.map((v) => v.saveState()) };
    // Paged RAM page by page through its map (pages without a frame are zeros, paged-out ones
    // come from the backing store without a frame); contiguous RAM in place.
    const contiguous = this.guestRam.contiguous?.();
    const pageOf = contiguous ? nonZeroPage(contiguous) : (p: number) => {
      if (this.guestRam.absent?.(p)) return null;
      const b = this.readRam(p * SNAPSHOT_PAGE, SNAPSHOT_PAGE);
      return nonZeroPage(b)(0);
    };
    const sections: SnapshotSection[] = [
      jsonSection(`${prefix}machine`, state),
      { name: `${prefix}harts`, data: this.hartBlocks.map((b) => b.slice()), compress: true },
      jsonSection(`${prefix}devices`, devices, true),
      { name: `${prefix}ram`, pages: { count: this.memSize / SNAPSHOT_PAGE, page: pageOf } },
    ];
    (this.cfg.virtio ?? []).forEach((v, i) => {
      if (v.kind !== 'blk' || !v.backend.heldChunks) return;
      const chunks = v.backend.heldChunks();
      sections.push({ name: `${prefix}disk${i}`, data: packPages(Math.ceil(v.backend.size / SNAPSHOT_PAGE), (p) => chunks.get(p) ?? null), compress: true });
    });
    return sections;
  }

  // Timebase ticks now: the host clock's (or, with --icount, the active hart's instruction time).
  private mtimeNow(): number { return this.cfg.icount === undefined ? this.ticks() : 0; }

  /** Throws SnapshotError unless a snapshot of `want` fits this machine. */
  checkCompatible(want: SnapshotMachine, what: string): void {
    const have = this.describe();
    const diff = (k: string, a: unknown, b: unknown) => new SnapshotError(`the snapshot${what} was taken with ${k} ${a}; this machine has ${b}`);
    const a = want.config, b = have.config;
    if (a.memSize !== b.memSize) throw diff('memory of', `${a.memSize >> 20} MiB`, `${b.memSize >> 20} MiB`);
    if (a.harts !== b.harts) throw diff('harts:', a.harts, b.harts);
    if (a.mode !== b.mode) throw diff('mode', a.mode, b.mode);
    if ((a.coherence ?? 'sfence') !== (b.coherence ?? 'sfence') && a.mode === 'trap') throw diff('coherence', a.coherence, b.coherence);
    if ((a.icount ?? -1) !== (b.icount ?? -1)) throw diff('icount', a.icount ?? 'off', b.icount ?? 'off');
    const kinds = (d: SnapshotDevice[]) => d.map((x) => (x.kind === 'blk' ? `blk(${x.size})` : x.kind)).join(', ') || 'none';
    if (kinds(want.devices) !== kinds(have.devices)) throw diff('virtio devices', kinds(want.devices), kinds(have.devices));
    want.devices.forEach((d, i) => {
      const h = have.devices[i];
      if (d.kind === 'blk' && h.kind === 'blk' && d.contents !== 'none' && h.contents !== d.contents) {
        throw new SnapshotError(`the snapshot${what}'s disk ${i} holds ${d.contents === 'all' ? 'the whole disk' : 'a snapshot=on overlay'}; give that disk as ${d.contents === 'all' ? 'an in-memory disk' : 'snapshot=on'}`);
      }
    });
  }

  /** Checks this machine's sections in a decoded snapshot and returns the function that applies them. */
  restoreSections(sections: DecodedSnapshot, prefix: string): () => void {
    const bad = (why: string) => new SnapshotError(`not a usable rvisor snapshot: ${why}`);
    type State = {
      active: number; waiting: boolean[]; stopped: boolean[]; exits: Record<string, number>; entry: string; kernelAddr: string;
      kernelLoaded: boolean; firmware: boolean; consoleTail: string; initrd: { start: number; end: number } | null; dtbAddr: string;
      htif: string[]; counters: string[]; guestSwitches: number; vcpuSwitches: number; ticks: number; rtcBaseNs?: string;
      sbiCounts: [string, number][]; mmioCounts: [string, number][];
    };
    const st = readJson<State>(sections, `${prefix}machine`);
    const devices = readJson<{ uart: unknown; plic: unknown; rtc: unknown; virtio: unknown[] }>(sections, `${prefix}devices`);
    const harts = readBytes(sections, `${prefix}harts`);
    const ram = sections.get(`${prefix}ram`);
    if (harts.length !== this.harts * ABI.HART_SIZE) throw bad(`${prefix}harts: ${harts.length} bytes for ${this.harts} harts`);
    if (!ram) throw bad(`it has no ${prefix}ram section`);
    if (!(ram instanceof PageImage)) throw bad(`its ${prefix}ram section is not a page image`);
    if (ram.pages !== this.memSize / SNAPSHOT_PAGE) throw bad(`${prefix}ram: ${ram.pages} pages, the machine has ${this.memSize / SNAPSHOT_PAGE}`);
    // Paged RAM takes the image's pages on first touch (adoptImage); other RAM gets them all
    // now, inflated here so that a chunk that does not inflate is refused before any change.
    const lazy = !this.guestRam.contiguous && this.guestRam.adoptImage !== undefined;
    const pages: [number, Uint8Array][] = [];
    if (!lazy) ram.forEach((p, data) => pages.push([p, data]));
    if (!Number.isInteger(st.active) || st.active < 0 || st.active >= this.harts || st.counters?.length !== this.saved.length ||
      st.waiting?.length !== this.harts || st.stopped?.length !== this.harts || !Array.isArray(devices.virtio) || devices.virtio.length !== this.virtio.length) {
      throw bad(`${prefix}machine: its state does not fit ${this.harts} harts and ${this.virtio.length} virtio devices`);
    }
    const disks: [number, Map<number, Uint8Array>][] = [];
    (this.cfg.virtio ?? []).forEach((v, i) => {
      if (v.kind !== 'blk' || !v.backend.restoreChunks) return;
      const d = readBytes(sections, `${prefix}disk${i}`);
      disks.push([i, unpackPages(d, Math.ceil(v.backend.size / SNAPSHOT_PAGE), `${prefix}disk${i}`)]);
    });
    return () => {
      this.activate();
      this.hartBlocks.forEach((b, h) => b.set(harts.subarray(h * ABI.HART_SIZE, (h + 1) * ABI.HART_SIZE)));
      this.active = st.active;
      this.core.loadHart(this.hartBlocks[this.active]);
      // Pages the file leaves out are zero: a fresh machine's RAM already is (clearing it would
      // make the host commit every page of it).
      if (this.guestRam.contiguous) {
        const clean = this.pristine;
        const mem = this.ram;
        if (!clean) mem.fill(0);
        for (const [p, data] of pages) mem.set(data, p * SNAPSHOT_PAGE);
      } else { // paged: every frame given back, then the file's pages taken in (shared where alike)
        if (!this.guestRam.zero(0, this.memSize)) throw new Error(`guest memory: ${this.guestRam.error}`);
        if (lazy && !this.guestRam.adoptImage!(ram)) throw new Error(`guest memory: ${this.guestRam.error}`);
        // Not matched against shared frames page by page as loaders' pages are: the sharing scan
        // finds identical pages later, as it does those a guest writes (hashing all of them here
        // was a fifth of `rvisor run --restore`'s time).
        const share = this.guestRam.shareLoads;
        this.guestRam.shareLoads &&= false;
        try {
          for (const [p, data] of pages) this.writeRam(p * SNAPSHOT_PAGE, data);
        } finally {
          if (share !== undefined) this.guestRam.shareLoads = share;
        }
      }
      this.waiting = [...st.waiting];
      st.stopped.forEach((v, i) => { this.stopped[i] = v; });
      this.exits = { ...st.exits };
      this.entry = BigInt(st.entry);
      this.kernelAddr = BigInt(st.kernelAddr);
      this.kernelLoaded = st.kernelLoaded;
      this.firmware = st.firmware;
      this.consoleTail = st.consoleTail;
      this.initrd = st.initrd;
      this.dtbAddr = BigInt(st.dtbAddr);
      this.htifAddrs = [BigInt(st.htif[0]), BigInt(st.htif[1])];
      this.htif = this.htifAddrs[0] ? new Htif(this.htifMemory(), this.htifAddrs[0], this.htifAddrs[1], (b) => this.consoleOut(b)) : null;
      this.core.exports.configure(this.cfg.icount ?? -1, this.htifAddrs[0], this.htifAddrs[1]);
      st.counters.forEach((v, i) => { this.saved[i] = BigInt(v); });
      const v = this.core.dv;
      for (let i = 0; i < 32; i++) v.setBigUint64(ABI.STATS_BASE + i * 8, 0n, true);
      for (let i = 0; i < ABI.HV_STATS_COUNT; i++) v.setBigUint64(ABI.HV_STATS + i * 8, 0n, true);
      this.guestSwitches = st.guestSwitches;
      this.vcpuSwitches = st.vcpuSwitches;
      this.bus.counts.clear();
      for (const [k, n] of st.mmioCounts) this.bus.counts.set(k, n);
      if (this.trap) { this.trap.sbiCounts.clear(); for (const [k, n] of st.sbiCounts) this.trap.sbiCounts.set(k, n); }
      this.wakeAt = null;
      // Time goes on from the snapshot's: the guest's timers are relative to it.
      if (this.cfg.icount === undefined && !this.cfg.ticks) this.t0 = this.now() - st.ticks / (TIMEBASE_HZ / 1000);
      else if (this.cfg.icount === undefined) this.cfg.setTicks?.(st.ticks);
      this.uart.loadState(devices.uart);
      this.plic.loadState(devices.plic);
      if (st.rtcBaseNs !== undefined) this.rtcBaseNs = BigInt(st.rtcBaseNs); // (older files: this process's)
      this.rtc.loadState(devices.rtc);
      this.virtio.forEach((t, i) => t.loadState(devices.virtio[i]));
      for (const [i, chunks] of disks) {
        const spec = this.cfg.virtio![i];
        if (spec.kind === 'blk') spec.backend.restoreChunks!(chunks);
      }
      // No cached translation or decoded code survives: the caches are rebuilt from the restored
      // RAM and harts (and any compiled code a JIT keeps must be dropped the same way).
      this.core.exports.flushAll();
      this.shadowStale = false;
      this.result = null;
    };
  }
}
