// Goldfish RTC registers: time in two halves (low latches high), setting the clock, the alarm
// and its interrupt.
import { describe, it, expect } from 'vitest';
import { GoldfishRtc } from '../src/devices/goldfish-rtc';

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
