// QEMU virt's "test" device (sifive,test0, used as syscon) at 0x10_0000: a 32-bit write of
// 0x5555 powers off with success, (code << 16) | 0x3333 powers off with exit code `code`,
// 0x7777 resets. Linux's syscon-poweroff and syscon-reboot drivers write it.
import type { MmioDevice } from './device';

export type PowerEvent = { kind: 'poweroff'; code: number } | { kind: 'reset' };

const FINISHER_FAIL = 0x3333;
const FINISHER_PASS = 0x5555;
const FINISHER_RESET = 0x7777;

export class SifiveTest implements MmioDevice {
  readonly name = 'sifive-test';
  constructor(private readonly onPower: (e: PowerEvent) => void) {}

  read(_offset: number, _size: number): number { return 0; }

  write(offset: number, _size: number, value: number): void {
    if (offset !== 0) return;
    const status = value & 0xffff;
    if (status === FINISHER_PASS) this.onPower({ kind: 'poweroff', code: 0 });
    else if (status === FINISHER_FAIL) this.onPower({ kind: 'poweroff', code: (value >>> 16) & 0xffff });
    else if (status === FINISHER_RESET) this.onPower({ kind: 'reset' });
  }
}
