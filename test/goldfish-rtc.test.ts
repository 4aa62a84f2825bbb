// Goldfish RTC registers: time in two halves (low latches high), setting the clock, the alarm
// and its interrupt.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { GoldfishRtc } from '../src/devices/goldfish-rtc';
import { Machine } from '../src/machine/machine';

function rtc(start: bigint) {
  let now = start;
  const irqs: boolean[] = [];
  const dev = new GoldfishRtc(() => now, (l) => irqs.push(l));
  return { dev, irqs, advance: (ns: bigint) => { now += ns; } };
}

const read64 = (d: GoldfishRtc) => { const lo = d.read(0x00, 4) >>> 0; return (BigInt(d.read(0x04, 4) >>> 0) << 32n) | BigInt(lo); };

describe('goldfish RTC', () => {
  it('reads the host clock in nanoseconds, high half latched by the low read', () => {
    const { dev, advance } = rtc(0x1234_5678_9abc_def0n);
    expect(read64(dev)).toBe(0x1234_5678_9abc_def0n);
    dev.read(0x00, 4);
    advance(1n << 40n); // the high half read next still belongs to the latched low half
    expect(dev.read(0x04, 4) >>> 0).toBe(0x1234_5678);
  });

  it('lets the guest set the clock, which then keeps running', () => {
    const { dev, advance } = rtc(1_000_000n);
    dev.write(0x04, 4, 0);
    dev.write(0x00, 4, 5_000);
    expect(read64(dev)).toBe(5_000n);
    advance(250n);
    expect(read64(dev)).toBe(5_250n);
  });

  it('fires the alarm once the clock passes it, and clears the interrupt on request', () => {
    const { dev, irqs, advance } = rtc(1_000n);
    dev.write(0x10, 4, 1); // IRQ_ENABLED
    dev.write(0x0c, 4, 0);
    dev.write(0x08, 4, 2_000); // ALARM_LOW arms
    expect(dev.read(0x18, 4)).toBe(1); // ALARM_STATUS: armed
    dev.poll();
    expect(irqs.includes(true)).toBe(false);
    advance(1_500n);
    dev.poll();
    expect(irqs[irqs.length - 1]).toBe(true);
    expect(dev.read(0x18, 4)).toBe(0);
    dev.write(0x1c, 4, 1); // CLEAR_INTERRUPT
    expect(irqs[irqs.length - 1]).toBe(false);
  });

  it('ignores unknown offsets and keeps its state across save and load', () => {
    const { dev } = rtc(42n);
    dev.write(0x40, 4, 7);
    expect(dev.read(0x40, 4)).toBe(0);
    dev.write(0x04, 4, 0);
    dev.write(0x00, 4, 100);
    const copy = rtc(42n).dev;
    copy.loadState(JSON.parse(JSON.stringify(dev.saveState())));
    expect(read64(copy)).toBe(100n);
  });
});

// On the machine: --rtc-base sets the date at power-on; with --icount the RTC follows the
// guest's time (10 MHz timebase ticks of 100 ns, from instructions), so two machines, JIT on
// and off, read the same dates at the same instruction (test/jit-linux.test.ts relies on it).
describe('the machine\'s RTC', () => {
  const wasm = readFileSync(new URL('../build/core.wasm', import.meta.url));
  const elf = readFileSync(new URL('../bench/programs/crc.elf', import.meta.url));
  const base = Date.UTC(2026, 0, 1);
  it('with --icount: the base at power-on, then the base plus the guest\'s time, the same JIT on and off', async () => {
    const reads: bigint[][] = [];
    for (const jit of [false, true]) {
      const m = await Machine.create(wasm, { memSize: 16 << 20, icount: 0, rtcBase: base, jit, console: () => {} });
      m.loadKernel(elf, 'crc.elf');
      m.reset();
      const r = [read64(m.rtc)];
      for (let i = 0; i < 5; i++) m.step(0);
      r.push(read64(m.rtc));
      const ticks = m.core.instret / 100n; // 2^0 ns an instruction, 100 ns a tick
      expect(r[0]).toBe(BigInt(base) * 1_000_000n);
      expect(r[1]).toBe(BigInt(base) * 1_000_000n + ticks * 100n);
      expect(r[1]).toBeGreaterThan(r[0]);
      reads.push([r[1], m.core.instret]);
    }
    expect(reads[0]).toEqual(reads[1]);
  });
  it('without --icount: the base, then running with the host\'s clock', async () => {
    const m = await Machine.create(wasm, { memSize: 16 << 20, rtcBase: base, console: () => {} });
    const t = read64(m.rtc) - BigInt(base) * 1_000_000n;
    expect(t >= 0n && t < 5_000_000_000n).toBe(true);
  });
});
