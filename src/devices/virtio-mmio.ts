// virtio over MMIO, version 2 (virtio 1.x section 4.2), the transport of QEMU virt's eight
// slots at 0x1000_1000 + n·0x1000 (PLIC source 1 + n). The transport owns the registers, the
// feature negotiation, the device status and the split virtqueues; a VirtioDevice (virtio-blk,
// -rng, -console, -net) only pops chains, serves them and pushes them back.
//
// Everything the driver controls is hostile input. A protocol violation (bad descriptors,
// rings outside RAM, a notification for a queue that is not ready, …) sets
// DEVICE_NEEDS_RESET, raises a configuration-change interrupt (2.1.2), logs one warning, and
// stops the device until the driver resets it: no exception leaves read()/write(), every loop
// is bounded by the queue size, and no allocation is larger than a 64 KiB chunk or a frame.
//
// Devices run synchronously inside the MMIO access that notified them (the guest is paused
// meanwhile), so there are no memory-ordering concerns and no requests in flight.
//
// A driver that never accepts VIRTIO_F_VERSION_1 (xv6-riscv writes only feature word 0) is
// served as QEMU 7.2 serves it on this transport (virtio-mmio with force-legacy=false): the
// spec lets a device refuse such a driver (6.1), QEMU does not, so neither does rvisor.
// FEATURES_OK is granted for any subset of the offer; the rings stay where the Queue*Low/High
// registers put them (there is no legacy QueuePFN layout on a version 2 transport); the
// configuration space and the rings stay little-endian (legacy means guest-endian, and RISC-V
// is little-endian); devices use their legacy framing where QEMU does (virtio-net's 10-byte
// header without num_buffers).
import type { IrqLine, MmioDevice } from './device';
import { Virtqueue, VirtioError, type GuestMemory, type VirtqueueState } from './virtqueue';

export const VIRTIO_F_INDIRECT_DESC = 28;
export const VIRTIO_F_EVENT_IDX = 29;
export const VIRTIO_F_VERSION_1 = 32;

export const STATUS_ACKNOWLEDGE = 1;
export const STATUS_DRIVER = 2;
export const STATUS_DRIVER_OK = 4;
export const STATUS_FEATURES_OK = 8;
export const STATUS_DEVICE_NEEDS_RESET = 0x40;
export const STATUS_FAILED = 0x80;

export const INT_USED_BUFFER = 1;
export const INT_CONFIG_CHANGE = 2;

export const VIRTIO_MMIO_MAGIC = 0x7472_6976; // "virt"
export const VIRTIO_MMIO_VENDOR = 0x554d_4551; // "QEMU", as QEMU's devices report
export const DEFAULT_QUEUE_SIZE = 256;

// Register offsets (4.2.2, table "MMIO Device Register Layout")
const MAGIC = 0x000, VERSION = 0x004, DEVICE_ID = 0x008, VENDOR_ID = 0x00c;
const DEVICE_FEATURES = 0x010, DEVICE_FEATURES_SEL = 0x014;
const DRIVER_FEATURES = 0x020, DRIVER_FEATURES_SEL = 0x024;
const QUEUE_SEL = 0x030, QUEUE_NUM_MAX = 0x034, QUEUE_NUM = 0x038, QUEUE_READY = 0x044;
const QUEUE_NOTIFY = 0x050, INTERRUPT_STATUS = 0x060, INTERRUPT_ACK = 0x064, STATUS = 0x070;
const QUEUE_DESC_LOW = 0x080, QUEUE_DESC_HIGH = 0x084;
const QUEUE_DRIVER_LOW = 0x090, QUEUE_DRIVER_HIGH = 0x094;
const QUEUE_DEVICE_LOW = 0x0a0, QUEUE_DEVICE_HIGH = 0x0a4;
const SHM_SEL = 0x0ac, SHM_LEN_LOW = 0x0b0, SHM_LEN_HIGH = 0x0b4, SHM_BASE_LOW = 0x0b8, SHM_BASE_HIGH = 0x0bc;
const CONFIG_GENERATION = 0x0fc;
const CONFIG = 0x100;

const MAX_WARNINGS = 16; // per transport, so a guest that keeps breaking the device cannot flood the log

// What a device sees of its transport.
export interface VirtioHost {
  readonly mem: GuestMemory;
  // DRIVER_OK is set and the device does not need a reset: buffers may be used.
  readonly running: boolean;
  // Queue i when the device is running and the driver made the queue ready; otherwise null.
  queue(i: number): Virtqueue | null;
  // Whether the driver accepted feature `bit`.
  hasFeature(bit: number): boolean;
  // Runs host-side work (input arriving, a link change) under the same containment as a
  // notification: protocol errors become DEVICE_NEEDS_RESET, used buffers are signalled after.
  run(fn: () => void): void;
  // The device changed its configuration space: bumps ConfigGeneration and interrupts.
  configChanged(): void;
}

// A virtio device type, independent of the transport.
export interface VirtioDevice {
  readonly name: string;
  readonly deviceId: number; // 5 "Device Types": 1 net, 2 block, 3 console, 4 entropy
  readonly features: bigint; // device-type feature bits; the transport adds VERSION_1, INDIRECT_DESC, EVENT_IDX
  readonly queueCount: number;
  readonly config: Uint8Array; // device configuration space, little-endian
  attach(host: VirtioHost): void;
  // The driver made buffers available in queue i (also called for every ready queue at DRIVER_OK).
  notify(queue: number): void;
  // The driver reset the device: forget negotiated state (host-side buffered input may stay).
  reset(): void;
  writeConfig?(offset: number, size: number, value: number): void;
  saveState?(): unknown;
  loadState?(state: unknown): void;
}

export interface VirtioMmioOptions {
  mem: GuestMemory;
  irq?: IrqLine;
  warn?: (msg: string) => void;
  queueSize?: number; // QueueNumMax, default 256
}

export interface VirtioMmioState {
  status: number; deviceFeaturesSel: number; driverFeaturesSel: number; driverFeatures: string;
  queueSel: number; interruptStatus: number; configGeneration: number;
  queues: VirtqueueState[]; device?: unknown;
}

const TRANSPORT_FEATURES = (1n << BigInt(VIRTIO_F_VERSION_1)) | (1n << BigInt(VIRTIO_F_INDIRECT_DESC)) | (1n << BigInt(VIRTIO_F_EVENT_IDX));

export class VirtioMmio implements MmioDevice, VirtioHost {
  readonly name: string;
  readonly mem: GuestMemory;
  private readonly irq: IrqLine;
  private readonly warn: (msg: string) => void;
  private readonly queues: Virtqueue[];
  private readonly offered: bigint;
  private status = 0;
  private deviceFeaturesSel = 0;
  private driverFeaturesSel = 0;
  private driverFeatures = 0n;
  private queueSel = 0;
  private interruptStatus = 0;
  private configGeneration = 0;
  private irqLevel = false;
  private depth = 0; // nesting of run(): interrupts are signalled when the outermost returns
  private warnings = 0;
  // Both 32-bit halves of each queue address (desc, driver, device) as last written, so the
  // Low and High writes combine in either order.
  private addrLo: number[][];
  private addrHi: number[][];

  constructor(readonly device: VirtioDevice, opts: VirtioMmioOptions) {
    this.name = device.name;
    this.mem = opts.mem;
    this.irq = opts.irq ?? (() => {});
    this.warn = opts.warn ?? ((m) => console.warn(m));
    const size = opts.queueSize ?? DEFAULT_QUEUE_SIZE;
    if (!Number.isInteger(size) || size < 1 || size > 32768) throw new RangeError(`virtio queue size ${size} (1…32768)`);
    this.queues = Array.from({ length: device.queueCount }, () => new Virtqueue(opts.mem, size));
    this.addrLo = this.queues.map(() => [0, 0, 0]);
    this.addrHi = this.queues.map(() => [0, 0, 0]);
    this.offered = device.features | TRANSPORT_FEATURES;
    device.attach(this);
  }

  // ---- VirtioHost ----
  get running(): boolean {
    return (this.status & (STATUS_DRIVER_OK | STATUS_DEVICE_NEEDS_RESET | STATUS_FAILED)) === STATUS_DRIVER_OK;
  }

  queue(i: number): Virtqueue | null {
    const q = this.queues[i];
    return q && q.ready && this.running ? q : null;
  }

  hasFeature(bit: number): boolean {
    return ((this.driverFeatures >> BigInt(bit)) & 1n) === 1n && (this.status & STATUS_FEATURES_OK) !== 0;
  }

  run(fn: () => void): void {
    this.depth++;
    try {
      fn();
    } catch (e) {
      this.fail(e);
    } finally {
      if (--this.depth === 0) this.signalUsed();
    }
  }

  configChanged(): void {
    this.configGeneration = (this.configGeneration + 1) >>> 0;
    this.interrupt(INT_CONFIG_CHANGE);
  }

  // True once a protocol violation stopped the device (until the driver resets it).
  get needsReset(): boolean { return (this.status & STATUS_DEVICE_NEEDS_RESET) !== 0; }

  // ---- MMIO ----
  read(offset: number, size: number): number {
    if (offset >= CONFIG) return this.readConfig(offset - CONFIG, size);
    if (size !== 4 || offset & 3) return 0; // 4.2.2.2: registers are 32-bit, aligned
    const q = this.queues[this.queueSel];
    switch (offset) {
      case MAGIC: return VIRTIO_MMIO_MAGIC;
      case VERSION: return 2;
      case DEVICE_ID: return this.device.deviceId;
      case VENDOR_ID: return VIRTIO_MMIO_VENDOR;
      case DEVICE_FEATURES:
        return this.deviceFeaturesSel < 2 ? Number((this.offered >> BigInt(32 * this.deviceFeaturesSel)) & 0xffff_ffffn) : 0;
      case QUEUE_NUM_MAX: return q ? q.maxSize : 0; // 0: this queue does not exist
      case QUEUE_NUM: return q ? q.num : 0;
      case QUEUE_READY: return q?.ready ? 1 : 0;
      case INTERRUPT_STATUS: return this.interruptStatus;
      case STATUS: return this.status;
      case QUEUE_DESC_LOW: case QUEUE_DESC_HIGH: case QUEUE_DRIVER_LOW: case QUEUE_DRIVER_HIGH:
      case QUEUE_DEVICE_LOW: case QUEUE_DEVICE_HIGH: {
        if (!q) return 0;
        const part = (offset - QUEUE_DESC_LOW) >> 4;
        return offset & 4 ? this.addrHi[this.queueSel][part] : this.addrLo[this.queueSel][part];
      }
      case SHM_LEN_LOW: case SHM_LEN_HIGH: case SHM_BASE_LOW: case SHM_BASE_HIGH:
        return 0xffff_ffff; // no shared memory regions: length -1 (4.2.2)
      case CONFIG_GENERATION: return this.configGeneration;
      default: return 0;
    }
  }

  write(offset: number, size: number, value: number): void {
    if (offset >= CONFIG) {
      if (this.device.writeConfig) this.run(() => this.device.writeConfig!(offset - CONFIG, size, value >>> 0));
      return;
    }
    if (size !== 4 || offset & 3) return;
    const v = value >>> 0;
    const q = this.queues[this.queueSel];
    switch (offset) {
      case DEVICE_FEATURES_SEL: this.deviceFeaturesSel = v; return;
      case DRIVER_FEATURES_SEL: this.driverFeaturesSel = v; return;
      case DRIVER_FEATURES: {
        // Features are fixed once FEATURES_OK is set (3.1.1); selectors beyond 1 select nothing.
        if (this.status & STATUS_FEATURES_OK || this.driverFeaturesSel > 1) return;
        const sh = BigInt(32 * this.driverFeaturesSel);
        this.driverFeatures = (this.driverFeatures & ~(0xffff_ffffn << sh)) | (BigInt(v) << sh);
        return;
      }
      case QUEUE_SEL: this.queueSel = v; return;
      case QUEUE_NUM: if (q && !q.ready) q.num = v; return;
      case QUEUE_READY: this.setReady(v & 1); return;
      case QUEUE_NOTIFY: this.notify(v & 0xffff); return;
      case INTERRUPT_ACK:
        this.interruptStatus &= ~v;
        this.updateIrq();
        return;
      case STATUS: this.setStatus(v & 0xff); return;
      case QUEUE_DESC_LOW: case QUEUE_DESC_HIGH: case QUEUE_DRIVER_LOW: case QUEUE_DRIVER_HIGH:
      case QUEUE_DEVICE_LOW: case QUEUE_DEVICE_HIGH: {
        if (!q || q.ready) return; // the driver sets a queue up before enabling it (4.2.3.2)
        const part = (offset - QUEUE_DESC_LOW) >> 4;
        if (offset & 4) this.addrHi[this.queueSel][part] = v;
        else this.addrLo[this.queueSel][part] = v;
        const addr = this.addrHi[this.queueSel][part] * 2 ** 32 + this.addrLo[this.queueSel][part];
        if (part === 0) q.desc = addr;
        else if (part === 1) q.driver = addr;
        else q.device = addr;
        return;
      }
      case SHM_SEL: return;
      default: return; // read-only or unknown
    }
  }

  private readConfig(off: number, size: number): number {
    const cfg = this.device.config;
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = v * 256 + (off + i < cfg.length ? cfg[off + i] : 0);
    return v >>> 0;
  }

  private setReady(on: number): void {
    const q = this.queues[this.queueSel];
    if (!q) return;
    if (!on) { q.ready = false; return; }
    if (q.ready) return;
    const why = q.check();
    if (why) { this.fail(new VirtioError(`queue ${this.queueSel}: ${why}`)); return; }
    q.restart();
    q.ready = true;
  }

  private notify(i: number): void {
    if (this.status & (STATUS_DEVICE_NEEDS_RESET | STATUS_FAILED)) return;
    const q = this.queues[i];
    if (!q || !q.ready) {
      this.fail(new VirtioError(`notification for queue ${i}, which ${q ? 'is not ready' : 'does not exist'}`));
      return;
    }
    // Before DRIVER_OK the device must not use buffers (3.1.1); DRIVER_OK serves every queue.
    if (!(this.status & STATUS_DRIVER_OK)) return;
    this.run(() => this.device.notify(i));
  }

  private setStatus(v: number): void {
    if (v === 0) { this.reset(); return; }
    const old = this.status;
    if (v & STATUS_FEATURES_OK && !(old & STATUS_FEATURES_OK) && !this.featuresAcceptable()) {
      v &= ~STATUS_FEATURES_OK; // the driver reads it back and gives up (3.1.1 step 6)
    }
    this.status = v | (old & STATUS_DEVICE_NEEDS_RESET);
    if (v & STATUS_FEATURES_OK && !(old & STATUS_FEATURES_OK)) {
      for (const q of this.queues) {
        q.eventIdx = this.hasFeature(VIRTIO_F_EVENT_IDX);
        q.indirect = this.hasFeature(VIRTIO_F_INDIRECT_DESC);
      }
    }
    if (v & STATUS_DRIVER_OK && !(old & STATUS_DRIVER_OK)) {
      if (!(v & STATUS_FEATURES_OK)) { this.fail(new VirtioError('DRIVER_OK without FEATURES_OK')); return; }
      // Buffers made available before DRIVER_OK (or input waiting for them) are served now.
      this.run(() => { this.queues.forEach((q, i) => { if (q.ready && this.running) this.device.notify(i); }); });
    }
  }

  // The driver may accept only what was offered (QEMU would drop the rest silently; refusing
  // tells the driver). VERSION_1 is not required: see the top of this file.
  private featuresAcceptable(): boolean {
    return (this.driverFeatures & ~this.offered) === 0n;
  }

  private reset(): void {
    this.status = 0;
    this.deviceFeaturesSel = this.driverFeaturesSel = this.queueSel = 0;
    this.driverFeatures = 0n;
    for (const q of this.queues) { q.reset(); q.eventIdx = q.indirect = false; }
    for (const a of [...this.addrLo, ...this.addrHi]) a.fill(0);
    this.interruptStatus = 0;
    this.updateIrq();
    this.device.reset();
  }

  // A driver error: stop, tell the driver through NEEDS_RESET and a config interrupt, and
  // warn once for this episode.
  private fail(e: unknown): void {
    if (this.status & STATUS_DEVICE_NEEDS_RESET) return;
    this.status |= STATUS_DEVICE_NEEDS_RESET;
    for (const q of this.queues) q.stopped = true;
    const msg = e instanceof VirtioError ? e.message : `internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`;
    if (this.warnings < MAX_WARNINGS) {
      this.warnings++;
      const more = this.warnings === MAX_WARNINGS ? ' (further warnings from this device suppressed)' : '';
      try { this.warn(`${this.name}: ${msg}; device needs reset${more}`); } catch { /* a logger must not break the device */ }
    }
    this.interrupt(INT_CONFIG_CHANGE);
  }

  private signalUsed(): void {
    if (this.status & STATUS_DEVICE_NEEDS_RESET) return;
    let any = false;
    try {
      for (const q of this.queues) if (q.shouldSignal()) any = true;
    } catch (e) {
      this.fail(e);
      return;
    }
    if (any) this.interrupt(INT_USED_BUFFER);
  }

  private interrupt(bit: number): void {
    this.interruptStatus |= bit;
    this.updateIrq();
  }

  private updateIrq(): void {
    const level = this.interruptStatus !== 0;
    if (level !== this.irqLevel) {
      this.irqLevel = level;
      this.irq(level);
    }
  }

  saveState(): VirtioMmioState {
    return {
      status: this.status, deviceFeaturesSel: this.deviceFeaturesSel, driverFeaturesSel: this.driverFeaturesSel,
      driverFeatures: this.driverFeatures.toString(), queueSel: this.queueSel, interruptStatus: this.interruptStatus,
      configGeneration: this.configGeneration, queues: this.queues.map((q) => q.saveState()),
      device: this.device.saveState?.(),
    };
  }

  loadState(state: unknown): void {
    const s = state as VirtioMmioState;
    this.status = s.status;
    this.deviceFeaturesSel = s.deviceFeaturesSel;
    this.driverFeaturesSel = s.driverFeaturesSel;
    this.driverFeatures = BigInt(s.driverFeatures);
    this.queueSel = s.queueSel;
    this.interruptStatus = s.interruptStatus;
    this.configGeneration = s.configGeneration;
    s.queues.forEach((qs, i) => {
      const q = this.queues[i];
      if (!q) return;
      q.loadState(qs);
      q.eventIdx = this.hasFeature(VIRTIO_F_EVENT_IDX);
      q.indirect = this.hasFeature(VIRTIO_F_INDIRECT_DESC);
      for (const [part, addr] of [q.desc, q.driver, q.device].entries()) {
        this.addrLo[i][part] = addr % 2 ** 32;
        this.addrHi[i][part] = Math.floor(addr / 2 ** 32);
      }
    });
    if (s.device !== undefined) this.device.loadState?.(s.device);
    for (const q of this.queues) q.stopped = (this.status & STATUS_DEVICE_NEEDS_RESET) !== 0;
    this.irqLevel = this.interruptStatus !== 0;
    this.irq(this.irqLevel);
  }
}

// A virtio-mmio slot with nothing plugged in, as QEMU virt's unused transports answer: the
// magic value, version 2 and the vendor, device ID 0 ("no device", 4.2.3.1.1: the driver
// ignores the slot), every other register 0, writes ignored. Probing all eight slots, as
// teaching kernels written against QEMU do, then finds the same thing on both.
export class VirtioMmioEmpty implements MmioDevice {
  readonly name = 'virtio-mmio (empty)';

  read(offset: number, size: number): number {
    if (size !== 4 || offset & 3) return 0;
    switch (offset) {
      case MAGIC: return VIRTIO_MMIO_MAGIC;
      case VERSION: return 2;
      case VENDOR_ID: return VIRTIO_MMIO_VENDOR;
      default: return 0;
    }
  }

  write(_offset: number, _size: number, _value: number): void {}
}
