// SiFive CLINT (ACLINT MSWI + MTIMER) as on QEMU's virt machine at 0x200_0000:
// msip[h] at 0x0000 + 4h, mtimecmp[h] at 0x4000 + 8h, mtime at 0xbff8. The registers live in
// the harts' state (the core compares mtime with mtimecmp itself), so this device only
// translates MMIO into calls on the machine's per-hart timer interface.
import type { MmioDevice } from './device';

export interface ClintHarts {
  readonly count: number;
  msip(hart: number): boolean;
  setMsip(hart: number, on: boolean): void;
  mtimecmp(hart: number): bigint;
  setMtimecmp(hart: number, v: bigint): void;
  mtime(): bigint;
}

const MSIP = 0x0;
const MTIMECMP = 0x4000;
const MTIME = 0xbff8;

export class Clint implements MmioDevice {
  readonly name = 'clint';
  constructor(private readonly harts: ClintHarts) {}

  read(offset: number, size: number): number {
    if (offset < MTIMECMP) {
      const h = offset >> 2;
      return h < this.harts.count && (offset & 3) === 0 ? (this.harts.msip(h) ? 1 : 0) : 0;
    }
    if (offset >= MTIME && offset < MTIME + 8) return half(this.harts.mtime(), offset - MTIME, size);
    const h = (offset - MTIMECMP) >> 3;
    if (offset < MTIME && h < this.harts.count) return half(this.harts.mtimecmp(h), (offset - MTIMECMP) & 7, size);
    return 0;
  }

  write(offset: number, size: number, value: number): void {
    if (offset < MTIMECMP) {
      const h = offset >> 2;
      if (h < this.harts.count && (offset & 3) === 0) this.harts.setMsip(h, (value & 1) !== 0);
      return;
    }
    const h = (offset - MTIMECMP) >> 3;
    if (offset < MTIME && h < this.harts.count) {
      this.harts.setMtimecmp(h, merge(this.harts.mtimecmp(h), (offset - MTIMECMP) & 7, size, value));
    }
    // mtime is read-only here: it follows the host clock (or instructions retired with --icount)
  }
}

// Reads `size` bytes at byte offset `off` (0..7) of a 64-bit register.
function half(v: bigint, off: number, size: number): number {
  const mask = (1n << BigInt(size * 8)) - 1n;
  return Number((v >> BigInt(off * 8)) & mask);
}

function merge(old: bigint, off: number, size: number, value: number): bigint {
  const sh = BigInt(off * 8);
  const mask = ((1n << BigInt(size * 8)) - 1n) << sh;
  return (old & ~mask) | ((BigInt(value >>> 0) << sh) & mask);
}
