// MMIO dispatch: maps a physical address to the device window that holds it and hands the
// device an offset. 8-byte accesses become two 4-byte accesses (low word first), which every
// device on the virt map accepts.
import type { MmioDevice } from '../devices/device';

interface Window { base: number; size: number; device: MmioDevice }

export class Bus {
  private windows: Window[] = [];
  readonly counts = new Map<string, number>();

  map(base: number, size: number, device: MmioDevice): void {
    for (const w of this.windows) {
      if (base < w.base + w.size && w.base < base + size) throw new Error(`${device.name} overlaps ${w.device.name}`);
    }
    this.windows.push({ base, size, device });
    this.windows.sort((a, b) => a.base - b.base);
  }

  private find(addr: number, size: number): Window | undefined {
    for (const w of this.windows) {
      if (addr >= w.base && addr + size <= w.base + w.size) return w;
    }
    return undefined;
  }

  private count(w: Window): void { this.counts.set(w.device.name, (this.counts.get(w.device.name) ?? 0) + 1); }

  // Returns the value, or undefined when no device answers (the guest gets an access fault).
  read(addr: bigint, size: number): bigint | undefined {
    const a = Number(addr);
    const w = this.find(a, size);
    if (!w) return undefined;
    this.count(w);
    const off = a - w.base;
    if (size === 8) {
      const lo = w.device.read(off, 4) >>> 0;
      const hi = w.device.read(off + 4, 4) >>> 0;
      return (BigInt(hi) << 32n) | BigInt(lo);
    }
    return BigInt(w.device.read(off, size) >>> 0);
  }

  // Returns false when no device answers.
  write(addr: bigint, size: number, value: bigint): boolean {
    const a = Number(addr);
    const w = this.find(a, size);
    if (!w) return false;
    this.count(w);
    const off = a - w.base;
    if (size === 8) {
      w.device.write(off, 4, Number(value & 0xffff_ffffn));
      w.device.write(off + 4, 4, Number((value >> 32n) & 0xffff_ffffn));
    } else {
      w.device.write(off, size, Number(value & 0xffff_ffffn));
    }
    return true;
  }
}
