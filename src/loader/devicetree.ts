// The device tree of rvisor's QEMU-virt-like machine. Node names, compatibles and property
// layout follow QEMU 7.2's `virt` machine (qemu-system-riscv64 -machine virt,dumpdtb=…), so the
// same firmware (OpenSBI, U-Boot) and Linux kernels boot on both. Devices that are not
// configured are left out; QEMU's pmu, fw-cfg, flash, platform-bus and PCI nodes are never
// written. No Node APIs: runs in the browser too.

import { FdtWriter } from './fdt';

export type Addr = bigint | number;

export interface MmioDevice {
  base: Addr;
  size: number;
}

export interface VirtDevices {
  /** ns16550a; `irq` is its PLIC source (QEMU: 10), written only when a PLIC is configured */
  uart?: MmioDevice & { irq?: number; clockHz: number };
  /** SiFive CLINT (msip / mtimecmp / mtime) */
  clint?: MmioDevice;
  /** SiFive PLIC with `ndev` sources (QEMU: 96) */
  plic?: MmioDevice & { ndev: number };
  /** SiFive test device (power-off / reboot through syscon) */
  test?: MmioDevice;
  /** goldfish RTC; `irq` is its PLIC source (QEMU: 11) */
  rtc?: MmioDevice & { irq?: number };
  /** virtio-mmio transports, written in this order (Linux probes them in this order: the first disk is vda) */
  virtio?: Array<MmioDevice & { irq: number }>;
}

export interface VirtDtConfig {
  memBase: Addr;
  memSize: Addr;
  harts: number;
  timebaseHz: number;
  /** the single-string `riscv,isa`, e.g. 'rv64imac_zicsr_zifencei_zicntr' */
  isa: string;
  /** `riscv,isa-base`; derived from `isa` when omitted ('rv64i') */
  isaBase?: string;
  /** `riscv,isa-extensions`; derived from `isa` when omitted (['i','m','a','c','zicsr','zifencei','zicntr']) */
  isaExtensions?: string[];
  /** `mmu-type` of each cpu, e.g. 'riscv,sv48'; null leaves it out (no MMU) */
  mmuType?: string | null;
  /** root `model`; default 'riscv-virtio,qemu' as QEMU writes it */
  model?: string;
  bootargs?: string;
  initrd?: { start: Addr; end: Addr };
  /** `/chosen/rng-seed` bytes (Linux mixes them into its entropy pool early) */
  rngSeed?: Uint8Array;
  /** entries of the memory reservation block */
  reserved?: Array<{ address: Addr; size: Addr }>;
  /** the hart that boots (header field boot_cpuid_phys) */
  bootHart?: number;
  devices: VirtDevices;
}

/** QEMU 7.2 virt's memory map: RAM, CLINT, PLIC, UART, test/syscon, goldfish RTC, virtio-mmio. */
export const VIRT_MEM_BASE = 0x8000_0000;
export const VIRT_TIMEBASE_HZ = 10_000_000;
export const VIRT_UART = { base: 0x1000_0000, size: 0x100, irq: 10, clockHz: 3_686_400 };
export const VIRT_CLINT = { base: 0x200_0000, size: 0x1_0000 };
export const VIRT_PLIC = { base: 0xc00_0000, size: 0x60_0000, ndev: 96 };
export const VIRT_TEST = { base: 0x10_0000, size: 0x1000 };
export const VIRT_RTC = { base: 0x10_1000, size: 0x1000, irq: 11 };
export const VIRT_VIRTIO_SLOTS = 8;
/** virtio-mmio slot i (0…7) of QEMU virt: 0x1000_1000 + i·0x1000, PLIC source 1 + i. */
export function virtioSlot(i: number): { base: number; size: number; irq: number } {
  if (!Number.isInteger(i) || i < 0 || i >= VIRT_VIRTIO_SLOTS) throw new RangeError(`virtio-mmio slot ${i} does not exist (0…7)`);
  return { base: 0x1000_1000 + i * 0x1000, size: 0x1000, irq: 1 + i };
}

export const DEFAULT_ISA = 'rv64imac_zicsr_zifencei_zicntr';

/**
 * Splits a single-string ISA ('rv64imac_zicsr_zifencei') into the `riscv,isa-base` and
 * `riscv,isa-extensions` forms of the current binding. 'g' expands to i, m, a, f, d, zicsr, zifencei.
 */
export function splitIsa(isa: string): { base: string; extensions: string[] } {
  const parts = isa.toLowerCase().split('_').filter((p) => p !== '');
  const m = /^rv(32|64|128)([a-z0-9]*)$/.exec(parts[0] ?? '');
  if (!m) throw new Error(`device tree: ISA string "${isa}" does not start with rv32/rv64 (e.g. "${DEFAULT_ISA}")`);
  const ext: string[] = [];
  const add = (e: string) => {
    if (!ext.includes(e)) ext.push(e);
  };
  const single = m[2].replace(/\d+(p\d+)?/g, ''); // drop version numbers such as i2p1
  for (const ch of single) {
    if (ch === 'g') ['i', 'm', 'a', 'f', 'd', 'zicsr', 'zifencei'].forEach(add);
    else add(ch);
  }
  for (const p of parts.slice(1)) add(p.replace(/\d+(p\d+)?$/, ''));
  const base = `rv${m[1]}${ext.includes('e') ? 'e' : 'i'}`;
  return { base, extensions: ext };
}

const hex = (v: Addr) => BigInt(v).toString(16);

function checkCount(what: string, v: number, min: number, max: number): void {
  if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`device tree: ${what} ${v} is out of range (${min}…${max})`);
}

/** Builds the DTB of a QEMU-virt-like machine. */
export function buildVirtDeviceTree(cfg: VirtDtConfig): Uint8Array {
  checkCount('hart count', cfg.harts, 1, 1024);
  checkCount('timebase frequency', cfg.timebaseHz, 1, 0xffffffff);
  const dev = cfg.devices ?? {};
  const isa = cfg.isa ?? DEFAULT_ISA;
  const split = splitIsa(isa);
  const isaBase = cfg.isaBase ?? split.base;
  const isaExtensions = cfg.isaExtensions ?? split.extensions;
  const mmuType = cfg.mmuType === undefined ? 'riscv,sv48' : cfg.mmuType;
  const w = new FdtWriter();
  const cpuPh = (h: number) => w.phandle(`cpu${h}`);
  const intcPh = (h: number) => w.phandle(`cpu${h}-intc`);
  for (let h = 0; h < cfg.harts; h++) {
    cpuPh(h);
    intcPh(h);
  }
  const harts = [...Array(cfg.harts).keys()];
  const plic = dev.plic;
  const plicPh = plic ? w.phandle('plic') : 0;
  const testPh = dev.test ? w.phandle('test') : 0;
  for (const r of cfg.reserved ?? []) w.reserve(r.address, r.size);

  w.begin('');
  w.propU32('#address-cells', 2);
  w.propU32('#size-cells', 2);
  w.propString('compatible', 'riscv-virtio');
  w.propString('model', cfg.model ?? 'riscv-virtio,qemu');

  // /chosen
  w.begin('chosen');
  if (cfg.initrd) {
    const { start, end } = cfg.initrd;
    if (BigInt(end) < BigInt(start)) throw new RangeError(`device tree: initrd end 0x${hex(end)} is below its start 0x${hex(start)}`);
    const small = BigInt(end) <= 0xffffffffn;
    // one cell when it fits, as QEMU writes it; Linux reads either width
    if (small) {
      w.propU32('linux,initrd-end', Number(end));
      w.propU32('linux,initrd-start', Number(start));
    } else {
      w.propU64('linux,initrd-end', end);
      w.propU64('linux,initrd-start', start);
    }
  }
  if (cfg.rngSeed) w.propBytes('rng-seed', cfg.rngSeed);
  if (dev.uart) w.propString('stdout-path', `/soc/serial@${hex(dev.uart.base)}`);
  if (cfg.bootargs !== undefined) w.propString('bootargs', cfg.bootargs);
  w.end();

  // syscon power-off and reboot: at the root, referring to the test device, as in QEMU
  if (dev.test) {
    for (const [name, value] of [
      ['poweroff', 0x5555],
      ['reboot', 0x7777],
    ] as const) {
      w.begin(name);
      w.propU32('value', value);
      w.propU32('offset', 0);
      w.propU32('regmap', testPh);
      w.propString('compatible', `syscon-${name}`);
      w.end();
    }
  }

  // /memory
  w.begin(`memory@${hex(cfg.memBase)}`);
  w.propString('device_type', 'memory');
  w.propU64s('reg', [cfg.memBase, cfg.memSize]);
  w.end();

  // /cpus
  w.begin('cpus');
  w.propU32('#address-cells', 1);
  w.propU32('#size-cells', 0);
  w.propU32('timebase-frequency', cfg.timebaseHz);
  for (const h of harts) {
    w.begin(`cpu@${h.toString(16)}`);
    w.propU32('phandle', cpuPh(h));
    w.propString('device_type', 'cpu');
    w.propU32('reg', h);
    w.propString('status', 'okay');
    w.propString('compatible', 'riscv');
    w.propString('riscv,isa', isa);
    w.propString('riscv,isa-base', isaBase);
    w.propStrings('riscv,isa-extensions', isaExtensions);
    if (mmuType) w.propString('mmu-type', mmuType);
    w.begin('interrupt-controller');
    w.propU32('#interrupt-cells', 1);
    w.propEmpty('interrupt-controller');
    w.propString('compatible', 'riscv,cpu-intc');
    w.propU32('phandle', intcPh(h));
    w.end();
    w.end();
  }
  w.begin('cpu-map');
  w.begin('cluster0');
  for (const h of harts) {
    w.begin(`core${h}`);
    w.propU32('cpu', cpuPh(h));
    w.end();
  }
  w.end();
  w.end();
  w.end();

  // /soc
  w.begin('soc');
  w.propU32('#address-cells', 2);
  w.propU32('#size-cells', 2);
  w.propString('compatible', 'simple-bus');
  w.propEmpty('ranges');
  const irqProps = (node: string, irq: number | undefined, required: boolean) => {
    if (irq === undefined) return;
    if (!plic) {
      if (required) throw new Error(`device tree: ${node} needs interrupt ${irq}, but no PLIC is configured`);
      return;
    }
    checkCount(`${node} interrupt`, irq, 1, plic.ndev);
    w.propU32('interrupts', irq);
    w.propU32('interrupt-parent', plicPh);
  };
  if (dev.rtc) {
    const name = `rtc@${hex(dev.rtc.base)}`;
    w.begin(name);
    irqProps(name, dev.rtc.irq, false);
    w.propU64s('reg', [dev.rtc.base, dev.rtc.size]);
    w.propString('compatible', 'google,goldfish-rtc');
    w.end();
  }
  if (dev.uart) {
    const name = `serial@${hex(dev.uart.base)}`;
    w.begin(name);
    irqProps(name, dev.uart.irq, false);
    w.propU32('clock-frequency', dev.uart.clockHz);
    w.propU64s('reg', [dev.uart.base, dev.uart.size]);
    w.propString('compatible', 'ns16550a');
    w.end();
  }
  if (dev.test) {
    w.begin(`test@${hex(dev.test.base)}`);
    w.propU32('phandle', testPh);
    w.propU64s('reg', [dev.test.base, dev.test.size]);
    w.propStrings('compatible', ['sifive,test1', 'sifive,test0', 'syscon']);
    w.end();
  }
  for (const v of dev.virtio ?? []) {
    const name = `virtio_mmio@${hex(v.base)}`;
    w.begin(name);
    irqProps(name, v.irq, true);
    w.propU64s('reg', [v.base, v.size]);
    w.propString('compatible', 'virtio,mmio');
    w.end();
  }
  if (plic) {
    checkCount('PLIC riscv,ndev', plic.ndev, 1, 1023);
    w.begin(`plic@${hex(plic.base)}`);
    w.propU32('phandle', plicPh);
    w.propU32('riscv,ndev', plic.ndev);
    w.propU64s('reg', [plic.base, plic.size]);
    // context 2h = M-mode external interrupt (11), 2h+1 = S-mode external interrupt (9)
    w.propCells('interrupts-extended', harts.flatMap((h) => [intcPh(h), 11, intcPh(h), 9]));
    w.propEmpty('interrupt-controller');
    w.propStrings('compatible', ['sifive,plic-1.0.0', 'riscv,plic0']);
    w.propU32('#address-cells', 0);
    w.propU32('#interrupt-cells', 1);
    w.end();
  }
  if (dev.clint) {
    w.begin(`clint@${hex(dev.clint.base)}`);
    // machine software interrupt (3) and machine timer interrupt (7) of each hart
    w.propCells('interrupts-extended', harts.flatMap((h) => [intcPh(h), 3, intcPh(h), 7]));
    w.propU64s('reg', [dev.clint.base, dev.clint.size]);
    w.propStrings('compatible', ['sifive,clint0', 'riscv,clint0']);
    w.end();
  }
  w.end(); // soc

  w.end(); // root
  return w.finish(cfg.bootHart ?? 0);
}
