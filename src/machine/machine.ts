// A QEMU-virt-like RISC-V machine around the wasm core: RAM, the MMIO bus and its devices,
// the harts, the device tree, and the vCPU loop that drives core.run() and serves its exits.
// No Node API here: console, files and timers reach it through MachineConfig.
import * as ABI from '../../assembly/abi';
import { Core } from './core';
import { Bus } from './bus';
import { Uart16550 } from '../devices/uart16550';
import { Clint, type ClintHarts } from '../devices/clint';
import { SifiveTest, type PowerEvent } from '../devices/sifive-test';
import { Htif } from '../devices/htif';
import { parseElf, isElf, ElfError } from '../loader/elf';
import { buildVirtDeviceTree, virtioSlot, VIRT_UART, VIRT_CLINT, VIRT_TEST, VIRT_MEM_BASE, VIRT_PLIC, VIRT_RTC, VIRT_VIRTIO_SLOTS } from '../loader/devicetree';
import { Plic } from '../devices/plic';
import { GoldfishRtc } from '../devices/goldfish-rtc';
import { VirtioMmio } from '../devices/virtio-mmio';
import type { GuestMemory } from '../devices/virtqueue';
import { VirtioBlk } from '../devices/virtio-blk';
import { VirtioRng } from '../devices/virtio-rng';
import { VirtioConsole } from '../devices/virtio-console';
import { VirtioNet, type NetPort } from '../devices/virtio-net';
import type { BlockBackend } from '../devices/block-backend';

export const RAM_BASE = BigInt(VIRT_MEM_BASE);
export const TIMEBASE_HZ = 10_000_000;
export const ISA = 'rv64imafdc_zicsr_zifencei_zicntr_zihintpause';

export interface MachineConfig {
  memSize: number; // bytes of guest RAM
  harts?: number;
  icount?: number; // time follows instructions: 2^icount ns per instruction; absent = host clock
  console: (bytes: Uint8Array) => void;
  now?: () => number; // milliseconds, monotonic (performance.now by default)
  bootargs?: string;
  // virtio-mmio devices, in slot order from 0x1000_1000 (IRQ 1, 2, …): put disks first, so
  // the first one is where teaching kernels such as xv6 look for it.
  virtio?: VirtioSpec[];
  warn?: (message: string) => void; // device complaints about the guest (bad descriptors, …)
}

export type VirtioSpec =
  | { kind: 'blk'; backend: BlockBackend; serial?: string }
  | { kind: 'rng'; random?: (buf: Uint8Array) => void }
  | { kind: 'console' }
  | { kind: 'net'; port: NetPort; mac: string };

export type ExitReason = 'poweroff' | 'reset' | 'htif' | 'timeout' | 'stopped' | 'panic';

export interface RunStats {
  instret: bigint;
  seconds: number;
  mips: number;
  exits: Record<string, number>; // by kind: budget, mmio, wfi, htif
  mmioByDevice: Record<string, number>;
  tlbMisses: bigint;
  decodedPages: bigint;
  traps: bigint;
  interrupts: bigint;
  codeInvalidations: bigint;
  tlbFlushes: bigint;
}

export interface RunResult { reason: ExitReason; exitCode: number; detail?: string; stats: RunStats }

export class UserError extends Error {} // bad input from the user: one line, exit code 2

// Where a kernel goes under firmware (QEMU: the first 2 MiB boundary after the firmware).
const KERNEL_OFFSET = 0x20_0000n;

// A RISC-V Linux `Image` carries "RSC\x05" at offset 0x38 (Documentation/arch/riscv/boot-image-header.rst).
export function isLinuxImage(bytes: Uint8Array): boolean {
  return bytes.length >= 64 && bytes[0x38] === 0x52 && bytes[0x39] === 0x53 && bytes[0x3a] === 0x43 && bytes[0x3b] === 0x05;
}

const BUDGET = 1 << 18; // instructions per core.run() call with one hart
const SMP_BUDGET = 1 << 14; // smaller quanta interleave harts more finely
const SLICE_MS = 25; // yield to the event loop this often

export class Machine {
  readonly core: Core;
  readonly bus = new Bus();
  readonly uart: Uart16550;
  readonly plic: Plic;
  readonly rtc: GoldfishRtc;
  readonly virtio: VirtioMmio[] = [];
  virtioConsole: VirtioConsole | null = null;
  readonly harts: number;
  readonly memSize: number;
  private readonly cfg: MachineConfig;
  private readonly now: () => number;
  private readonly t0: number;
  private readonly hartBlocks: Uint8Array[];
  private active = 0;
  private waiting: boolean[];
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

  private constructor(core: Core, cfg: MachineConfig) {
    this.core = core;
    this.cfg = cfg;
    this.harts = cfg.harts ?? 1;
    this.memSize = cfg.memSize;
    this.now = cfg.now ?? (() => performance.now());
    this.t0 = this.now();
    this.hartBlocks = Array.from({ length: this.harts }, () => new Uint8Array(ABI.HART_SIZE));
    this.waiting = new Array(this.harts).fill(false);
    core.init(RAM_BASE, cfg.memSize);
    core.exports.configure(cfg.icount ?? -1, 0n, 0n);
    // The PLIC drives each hart's MEIP and SEIP lines (contexts 2h and 2h + 1).
    this.plic = new Plic(this.harts, (h, mode, level) => {
      const v = this.hartView(h);
      const off = ABI.HART_MIP_HW - ABI.HART_BASE;
      const bit = mode === 'M' ? 1n << BigInt(ABI.IRQ_M_EXT) : 1n << BigInt(ABI.IRQ_S_EXT);
      const hw = v.getBigUint64(off, true);
      v.setBigUint64(off, level ? hw | bit : hw & ~bit, true);
      if (level) this.wake?.();
    });
    this.bus.map(VIRT_PLIC.base, VIRT_PLIC.size, this.plic);
    this.uart = new Uart16550((b) => this.consoleOut(Uint8Array.of(b)), this.plic.irq(VIRT_UART.irq));
    this.bus.map(VIRT_UART.base, VIRT_UART.size, this.uart);
    this.rtc = new GoldfishRtc(() => BigInt(Date.now()) * 1_000_000n, this.plic.irq(VIRT_RTC.irq));
    this.bus.map(VIRT_RTC.base, VIRT_RTC.size, this.rtc);
    this.addVirtio(cfg.virtio ?? []);
    this.bus.map(VIRT_CLINT.base, VIRT_CLINT.size, new Clint(this.clintHarts()));
    this.bus.map(VIRT_TEST.base, VIRT_TEST.size, new SifiveTest((e) => this.power(e)));
  }

  private addVirtio(specs: VirtioSpec[]): void {
    if (specs.length > VIRT_VIRTIO_SLOTS) throw new UserError(`at most ${VIRT_VIRTIO_SLOTS} virtio devices fit the virt machine; remove some`);
    const base = Number(RAM_BASE);
    // Device DMA: bounds-checked against guest RAM; writes drop any decoded code they cover.
    const mem: GuestMemory = {
      read: (pa, len) => {
        const o = pa - base;
        return o >= 0 && len >= 0 && o + len <= this.memSize ? this.ram.subarray(o, o + len) : null;
      },
      write: (pa, data) => {
        const o = pa - base;
        if (!(o >= 0 && o + data.length <= this.memSize)) return false;
        this.ram.set(data, o);
        this.core.exports.invalidateRange(BigInt(pa), BigInt(data.length));
        return true;
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
      }
      const t = new VirtioMmio(dev, { mem, irq: this.plic.irq(slot.irq), warn: this.cfg.warn ?? ((m) => console.warn(`rvisor: ${m}`)) });
      this.virtio.push(t);
      this.bus.map(slot.base, slot.size, t);
    });
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
    return buildVirtDeviceTree({
      memBase: RAM_BASE, memSize: this.memSize, harts: this.harts, timebaseHz: TIMEBASE_HZ, isa: ISA,
      bootargs: this.cfg.bootargs,
      initrd: this.initrd ?? undefined,
      devices: {
        uart: VIRT_UART, clint: VIRT_CLINT, test: VIRT_TEST, plic: VIRT_PLIC, rtc: VIRT_RTC,
        virtio: this.virtio.map((_d, i) => virtioSlot(i)),
      },
    });
  }

  static async create(wasm: BufferSource | WebAssembly.Module, cfg: MachineConfig): Promise<Machine> {
    if (!Number.isInteger(cfg.memSize) || cfg.memSize < 1 << 20 || cfg.memSize % 4096) {
      throw new UserError(`memory size ${cfg.memSize} is not a whole number of pages of at least 1 MiB; use e.g. --mem 128M`);
    }
    if (cfg.memSize > 2048 * 1024 * 1024) throw new UserError('at most 2 GiB of guest memory fits in wasm32; use --mem 2G or less');
    const harts = cfg.harts ?? 1;
    if (!Number.isInteger(harts) || harts < 1 || harts > 64) throw new UserError(`--smp ${harts}: give between 1 and 64 harts`);
    let clockOwner: Machine | null = null;
    const core = await Core.create(wasm, () => (clockOwner ? clockOwner.ticks() : 0));
    const m = new Machine(core, cfg);
    clockOwner = m;
    return m;
  }

  get ram(): Uint8Array { return this.core.ram(this.memSize); }

  // Host clock in timebase ticks since the machine started.
  ticks(): number { return Math.floor((this.now() - this.t0) * (TIMEBASE_HZ / 1000)); }

  // Loads an ELF executable's PT_LOAD segments at their physical addresses; the harts will
  // start at its entry. Finds HTIF's tohost/fromhost symbols if present.
  loadElf(bytes: Uint8Array, what: string): void {
    this.entry = this.placeElf(bytes, what);
  }

  // Loads M-mode firmware (`--bios FILE`): an ELF at its addresses, or a raw binary such as
  // OpenSBI's fw_dynamic.bin at the start of RAM. The harts start in it.
  loadFirmware(bytes: Uint8Array, what: string): void {
    if (isElf(bytes)) {
      this.entry = this.placeElf(bytes, what);
    } else {
      this.placeRaw(bytes, RAM_BASE, what);
      this.entry = RAM_BASE;
    }
    this.firmware = true;
  }

  // Loads the kernel (`--kernel FILE`). Without firmware it must be an ELF, started in M-mode.
  // Under firmware an ELF goes to its addresses and anything else (a Linux Image) to the first
  // 2 MiB boundary after the firmware, where QEMU puts it; fw_dynamic's info names that address.
  loadKernel(bytes: Uint8Array, what: string): void {
    this.kernelLoaded = true;
    if (!this.firmware) {
      if (!isElf(bytes)) {
        const hint = isLinuxImage(bytes) ? 'a Linux Image needs firmware: add --bios opensbi' : 'pass an RV64 ELF executable';
        throw new UserError(`${what}: not an ELF file; ${hint}`);
      }
      this.loadElf(bytes, what);
      this.kernelAddr = this.entry;
      return;
    }
    if (isElf(bytes)) {
      this.kernelAddr = this.placeElf(bytes, what);
    } else {
      this.kernelAddr = RAM_BASE + KERNEL_OFFSET;
      this.placeRaw(bytes, this.kernelAddr, what);
    }
  }

  private placeRaw(bytes: Uint8Array, pa: bigint, what: string): void {
    const off = Number(pa - RAM_BASE);
    if (off + bytes.length > this.memSize) {
      throw new UserError(`${what}: ${bytes.length} bytes at 0x${pa.toString(16)} do not fit in RAM; raise --mem`);
    }
    this.ram.set(bytes, off);
    this.core.exports.flushAll();
  }

  private placeElf(bytes: Uint8Array, what: string): bigint {
    const img = parseElf(bytes, what);
    const ramEnd = Number(RAM_BASE) + this.memSize;
    for (const s of img.segments) {
      if (s.paddr < Number(RAM_BASE) || s.paddr + s.memSize > ramEnd) {
        throw new ElfError(`${what}: segment at 0x${s.paddr.toString(16)} (+0x${s.memSize.toString(16)}) is outside RAM ` +
          `0x${RAM_BASE.toString(16)}-0x${ramEnd.toString(16)}; link it inside RAM or raise --mem`);
      }
      const off = s.paddr - Number(RAM_BASE);
      this.ram.fill(0, off, off + s.memSize);
      this.ram.set(s.fileData, off);
    }
    this.core.exports.flushAll();
    const tohost = img.symbols.get('tohost');
    if (tohost !== undefined) {
      const fromhost = img.symbols.get('fromhost') ?? 0n;
      this.core.exports.configure(this.cfg.icount ?? -1, tohost, fromhost);
      this.htif = new Htif(this.htifMemory(), tohost, fromhost, (b) => this.consoleOut(b));
    }
    return img.entry;
  }

  // Puts every hart at the entry point in M-mode (a0 = hart id, a1 = device tree), as QEMU
  // does with -bios none.
  // Uses this device tree blob instead of the generated one (QEMU's -dtb).
  useDtb(bytes: Uint8Array): void { this.customDtb = bytes; }

  reset(): void {
    const dtb = this.customDtb ?? this.buildDtb();
    // Where QEMU puts it: the top of RAM (or of the first GiB), 2 MiB aligned.
    const top = Math.min(this.memSize, 0x4000_0000);
    const off = Math.floor((top - dtb.length) / 0x20_0000) * 0x20_0000;
    this.ram.set(dtb, off);
    this.dtbAddr = RAM_BASE + BigInt(off);
    // OpenSBI's fw_dynamic reads where to go next from this block (a2), as QEMU provides it
    // from its boot ROM: magic "OSBI", version 2, next address, next mode S, options, boot hart
    // (hart 0, as QEMU passes it). Other firmware ignores a2.
    const infoOff = off - 0x1000;
    const info = new DataView(this.ram.buffer, this.ram.byteOffset + infoOff, 48);
    // Without a kernel the next address is 0, as QEMU passes it.
    [0x4942534fn, 2n, this.kernelLoaded ? this.kernelAddr : 0n, 1n, 0n, 0n].forEach((v, i) => info.setBigUint64(i * 8, v, true));
    for (let h = this.harts - 1; h >= 0; h--) {
      this.core.exports.resetHart(BigInt(h), this.entry, this.dtbAddr);
      this.core.setX(12, RAM_BASE + BigInt(infoOff));
      this.core.saveHart(this.hartBlocks[h]);
    }
    this.active = 0; // hart 0's state is the one left in the core
    this.waiting.fill(false);
    this.result = null;
  }

  // Places an initrd where QEMU does: kernel + min(RAM / 2, 128 MiB), and names it in /chosen.
  loadInitrd(bytes: Uint8Array, what: string): void {
    const off = Number(this.kernelAddr - RAM_BASE) + Math.min(this.memSize / 2, 128 << 20);
    if (off < 0 || off + bytes.length > this.memSize) {
      throw new UserError(`${what}: ${bytes.length} bytes do not fit in RAM above the kernel; raise --mem`);
    }
    this.ram.set(bytes, off);
    this.core.exports.flushAll();
    const start = Number(RAM_BASE) + off;
    this.initrd = { start, end: start + bytes.length };
  }

  input(bytes: Uint8Array): void {
    this.uart.receive(bytes);
    this.wake?.();
  }

  // Holds the guest still (the monitor) until resume().
  pause(): void { this.paused = true; }

  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  stop(): void {
    this.result ??= { reason: 'stopped', exitCode: 0 };
    this.wake?.();
  }

  // Runs until the guest powers off or exits, the timeout passes, or stop() is called.
  async run(opts: { timeoutMs?: number } = {}): Promise<RunResult> {
    const start = this.now();
    const instret0 = this.totalInstret();
    const deadline = opts.timeoutMs ? start + opts.timeoutMs : Infinity;
    while (!this.result) {
      if (this.paused) {
        await new Promise<void>((resolve) => { const t = setTimeout(resolve, 50); this.wake = () => { clearTimeout(t); resolve(); }; });
        continue;
      }
      const sliceEnd = this.now() + SLICE_MS;
      let allWaiting = false;
      do {
        allWaiting = true;
        for (let h = 0; h < this.harts && !this.result; h++) {
          if (this.waiting[h] && !this.interruptPending(h)) continue;
          this.waiting[h] = false;
          allWaiting = false;
          this.runHart(h);
        }
      } while (!this.result && !allWaiting && this.now() < sliceEnd);
      if (this.result) break;
      if (this.now() >= deadline) { this.result = { reason: 'timeout', exitCode: 124 }; break; }
      if (allWaiting) await this.sleepUntilInterrupt(deadline);
      else await yieldToEventLoop();
    }
    const seconds = (this.now() - start) / 1000;
    const instret = this.totalInstret() - instret0;
    return { ...this.result, stats: this.stats(instret, seconds) };
  }

  private runHart(h: number): void {
    this.switchTo(h);
    const core = this.core;
    if (this.cfg.icount === undefined) core.setU64(ABI.HART_MTIME, BigInt(this.ticks()));
    const code = core.exports.run(this.harts > 1 ? SMP_BUDGET : BUDGET);
    switch (code) {
      case ABI.EXIT_BUDGET: this.exits.budget++; break;
      case ABI.EXIT_MMIO: this.exits.mmio++; this.mmio(); break;
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
      default: throw new Error(`core returned unknown exit code ${code}`);
    }
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
    if (BigInt(this.ticks()) >= v.getBigUint64(ABI.HART_MTIMECMP - ABI.HART_BASE, true)) mip |= 1n << 7n;
    return (mip & mie) !== 0n;
  }

  private async sleepUntilInterrupt(deadline: number): Promise<void> {
    let ms = 50;
    for (let h = 0; h < this.harts; h++) {
      const cmp = this.hartView(h).getBigUint64(ABI.HART_MTIMECMP - ABI.HART_BASE, true);
      const dt = Number(cmp - BigInt(this.ticks())) / (TIMEBASE_HZ / 1000);
      ms = Math.min(ms, Math.max(0, dt));
    }
    ms = Math.min(ms, Math.max(0, deadline - this.now()));
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => { this.wake = null; resolve(); }, Math.ceil(ms));
      this.wake = () => { clearTimeout(t); this.wake = null; resolve(); };
    });
  }

  // ---- harts ----
  private switchTo(h: number): void {
    if (h === this.active) return;
    this.core.saveHart(this.hartBlocks[this.active]);
    this.core.loadHart(this.hartBlocks[h]);
    this.active = h;
  }

  // A view whose offset HART_BASE-relative fields address hart h's state wherever it lives.
  private hartView(h: number): DataView {
    if (h === this.active) return new DataView(this.core.memory.buffer, ABI.HART_BASE, ABI.HART_SIZE);
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
        if (on) this.wake?.();
      },
      mtimecmp: (h) => this.hartView(h).getBigUint64(field(h, ABI.HART_MTIMECMP), true),
      setMtimecmp: (h, val) => this.hartView(h).setBigUint64(field(h, ABI.HART_MTIMECMP), val, true),
      mtime: () => this.mtimeOfActive(),
    };
  }

  private totalInstret(): bigint {
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
        const off = ramOff(pa, 8);
        return new DataView(this.ram.buffer, this.ram.byteOffset + off, 8).getBigUint64(0, true);
      },
      writeU64: (pa: bigint, v: bigint) => {
        const off = ramOff(pa, 8);
        new DataView(this.ram.buffer, this.ram.byteOffset + off, 8).setBigUint64(0, v, true);
        this.core.exports.invalidateRange(pa, 8n);
      },
      readBytes: (pa: bigint, len: number) => {
        const off = ramOff(pa, len);
        return this.ram.slice(off, off + len);
      },
    };
  }

  stats(instret = this.totalInstret(), seconds = (this.now() - this.t0) / 1000): RunStats {
    const c = this.core;
    return {
      instret,
      seconds,
      mips: seconds > 0 ? Number(instret) / seconds / 1e6 : 0,
      exits: { ...this.exits },
      mmioByDevice: Object.fromEntries(this.bus.counts),
      tlbMisses: c.stat(ABI.STAT_TLB_MISS),
      decodedPages: c.stat(ABI.STAT_DECODE_PAGES),
      traps: c.stat(ABI.STAT_TRAPS),
      interrupts: c.stat(ABI.STAT_INTERRUPTS),
      codeInvalidations: c.stat(ABI.STAT_CODE_INVALIDATIONS),
      tlbFlushes: c.stat(ABI.STAT_TLB_FLUSH),
    };
  }
}

const yieldToEventLoop: () => Promise<void> =
  typeof (globalThis as { setImmediate?: unknown }).setImmediate === 'function'
    ? () => new Promise((r) => (globalThis as unknown as { setImmediate: (f: () => void) => void }).setImmediate(r))
    : () => new Promise((r) => setTimeout(r, 0));
