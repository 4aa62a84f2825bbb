// Register-level unit tests for the MMIO devices and the bus, with fake memories and fake harts:
// no core, no machine.
import { describe, expect, it } from 'vitest';
import { Uart16550 } from '../src/devices/uart16550';
import { Clint, type ClintHarts } from '../src/devices/clint';
import { SifiveTest, type PowerEvent } from '../src/devices/sifive-test';
import { Htif, type HtifMemory } from '../src/devices/htif';
import type { MmioDevice } from '../src/devices/device';
import { Bus } from '../src/machine/bus';

// UART register offsets
const RBR = 0, THR = 0, DLL = 0, IER = 1, DLM = 1, IIR = 2, FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7;

function uart() {
  const out: number[] = [];
  const irqs: boolean[] = [];
  const u = new Uart16550((b) => out.push(b), (level) => irqs.push(level));
  const irq = () => irqs[irqs.length - 1] ?? false;
  return { u, out, irqs, irq };
}

describe('Uart16550', () => {
  it('sends bytes written to THR to the output, in order', () => {
    const { u, out } = uart();
    for (const c of 'Hi!\n') u.write(THR, 1, c.charCodeAt(0));
    expect(String.fromCharCode(...out)).toBe('Hi!\n');
    u.write(THR, 1, 0x1ff); // only the low byte goes out
    expect(out[out.length - 1]).toBe(0xff);
  });

  it('LSR: transmitter always empty (THRE|TEMT), DR follows the receive FIFO', () => {
    const { u } = uart();
    expect(u.read(LSR, 1)).toBe(0x60);
    u.write(THR, 1, 0x41);
    expect(u.read(LSR, 1) & 0x60).toBe(0x60);
    u.receive(Uint8Array.of(0x31, 0x32));
    expect(u.read(LSR, 1)).toBe(0x61);
    expect(u.read(RBR, 1)).toBe(0x31);
    expect(u.read(LSR, 1) & 1).toBe(1);
    expect(u.read(RBR, 1)).toBe(0x32);
    expect(u.read(LSR, 1)).toBe(0x60);
    expect(u.read(RBR, 1)).toBe(0); // empty FIFO reads 0
    expect(u.rxPending).toBe(0);
  });

  it('DLAB selects the divisor latch at offsets 0 and 1 without touching THR, RBR or IER', () => {
    const { u, out } = uart();
    expect(u.read(LCR, 1)).toBe(0);
    u.write(IER, 1, 0x01);
    u.receive(Uint8Array.of(0x55));
    u.write(LCR, 1, 0x80 | 0x03);
    expect(u.read(LCR, 1)).toBe(0x83);
    expect(u.read(DLL, 1)).toBe(0x0c); // reset divisor: 9600 baud at 1.8432 MHz
    expect(u.read(DLM, 1)).toBe(0);
    u.write(DLL, 1, 0x01);
    u.write(DLM, 1, 0x02);
    expect(u.read(DLL, 1)).toBe(0x01);
    expect(u.read(DLM, 1)).toBe(0x02);
    expect(out).toEqual([]); // the divisor writes did not transmit
    expect(u.rxPending).toBe(1); // reading DLL did not consume the byte
    u.write(LCR, 1, 0x03);
    expect(u.read(IER, 1)).toBe(0x01); // IER kept its value
    expect(u.read(RBR, 1)).toBe(0x55);
    u.write(THR, 1, 0x42);
    expect(out).toEqual([0x42]);
    u.write(LCR, 1, 0x83);
    expect(u.read(DLL, 1)).toBe(0x01); // the latch kept its value
    expect(u.read(DLM, 1)).toBe(0x02);
  });

  it('IER keeps its low four bits', () => {
    const { u } = uart();
    u.write(IER, 1, 0xff);
    expect(u.read(IER, 1)).toBe(0x0f);
  });

  it('IIR: no interrupt after reset and with interrupts disabled', () => {
    const { u, irq } = uart();
    expect(u.read(IIR, 1)).toBe(0x01);
    u.write(THR, 1, 0x41);
    u.receive(Uint8Array.of(1));
    expect(u.read(IIR, 1)).toBe(0x01);
    expect(irq()).toBe(false);
  });

  it('THRI is raised when enabled and acknowledged by reading IIR', () => {
    const { u, irq } = uart();
    u.write(IER, 1, 0x02);
    expect(irq()).toBe(true);
    expect(u.read(IIR, 1)).toBe(0x02);
    expect(irq()).toBe(false);
    expect(u.read(IIR, 1)).toBe(0x01);
    // A transmitted byte empties THR again: THRI comes back.
    u.write(THR, 1, 0x41);
    expect(irq()).toBe(true);
    expect(u.read(IIR, 1)).toBe(0x02);
    expect(u.read(IIR, 1)).toBe(0x01);
    expect(irq()).toBe(false);
    // Re-writing IER with THRI already enabled does not raise it again.
    u.write(IER, 1, 0x02);
    expect(u.read(IIR, 1)).toBe(0x01);
    // Disabling and re-enabling does.
    u.write(IER, 1, 0x00);
    u.write(IER, 1, 0x02);
    expect(u.read(IIR, 1)).toBe(0x02);
  });

  it('THRI pending but disabled does not show, and disabling lowers the line', () => {
    const { u, irq } = uart();
    u.write(IER, 1, 0x02);
    expect(irq()).toBe(true);
    u.write(IER, 1, 0x00);
    expect(irq()).toBe(false);
    expect(u.read(IIR, 1)).toBe(0x01);
  });

  it('RDI is raised while data is present and takes priority over THRI', () => {
    const { u, irq } = uart();
    u.write(IER, 1, 0x01);
    expect(irq()).toBe(false);
    u.receive(Uint8Array.of(0x61, 0x62));
    expect(irq()).toBe(true);
    expect(u.read(IIR, 1)).toBe(0x04);
    expect(u.read(IIR, 1)).toBe(0x04); // reading IIR does not acknowledge RDI
    u.write(IER, 1, 0x03);
    expect(u.read(IIR, 1)).toBe(0x04); // RDI first
    expect(u.read(RBR, 1)).toBe(0x61);
    expect(irq()).toBe(true);
    expect(u.read(RBR, 1)).toBe(0x62);
    expect(u.read(IIR, 1)).toBe(0x02); // now THRI
    expect(u.read(IIR, 1)).toBe(0x01);
    expect(irq()).toBe(false);
  });

  it('FCR: enabling the FIFOs sets IIR bits 7:6; bit 1 clears the receive FIFO', () => {
    const { u, irq } = uart();
    u.write(FCR, 1, 0x01);
    expect(u.read(IIR, 1)).toBe(0xc1);
    u.write(IER, 1, 0x01);
    u.receive(new TextEncoder().encode('abc'));
    expect(u.rxPending).toBe(3);
    expect(u.read(IIR, 1)).toBe(0xc4);
    expect(irq()).toBe(true);
    u.write(FCR, 1, 0x03);
    expect(u.rxPending).toBe(0);
    expect(u.read(LSR, 1) & 1).toBe(0);
    expect(irq()).toBe(false);
    expect(u.read(IIR, 1)).toBe(0xc1);
    u.write(FCR, 1, 0x00);
    expect(u.read(IIR, 1)).toBe(0x01);
  });

  it('loopback (MCR bit 4): transmitted bytes come back on the receive side, not the output', () => {
    const { u, out } = uart();
    u.write(MCR, 1, 0x10);
    expect(u.read(MCR, 1)).toBe(0x10);
    u.write(THR, 1, 0x5a);
    u.write(THR, 1, 0xa5);
    expect(out).toEqual([]);
    expect(u.read(LSR, 1) & 1).toBe(1);
    expect(u.read(RBR, 1)).toBe(0x5a);
    expect(u.read(RBR, 1)).toBe(0xa5);
    u.write(MCR, 1, 0x00);
    u.write(THR, 1, 0x33);
    expect(out).toEqual([0x33]);
    expect(u.rxPending).toBe(0);
  });

  it('MCR keeps five bits; MSR reports DCD, DSR and CTS outside loopback', () => {
    const { u } = uart();
    u.write(MCR, 1, 0xff);
    expect(u.read(MCR, 1)).toBe(0x1f);
    u.write(MCR, 1, 0x03);
    expect(u.read(MSR, 1)).toBe(0xb0);
  });

  it('MSR in loopback mirrors the modem outputs: RTS→CTS, DTR→DSR, OUT1→RI, OUT2→DCD', () => {
    // 16550 data sheet (and QEMU's serial.c): CTS (MSR bit 4) = RTS (MCR bit 1),
    // DSR (bit 5) = DTR (MCR bit 0), RI (bit 6) = OUT1 (bit 2), DCD (bit 7) = OUT2 (bit 3).
    const { u } = uart();
    const msr = (mcr: number) => { u.write(MCR, 1, 0x10 | mcr); return u.read(MSR, 1); };
    expect(msr(0x00)).toBe(0x00);
    expect(msr(0x04)).toBe(0x40);
    expect(msr(0x08)).toBe(0x80);
    expect(msr(0x02)).toBe(0x10); // RTS → CTS
    expect(msr(0x01)).toBe(0x20); // DTR → DSR
  });

  it('bounds the receive FIFO so that a flood cannot exhaust memory', () => {
    const { u } = uart();
    u.receive(new Uint8Array(3000).fill(1));
    u.receive(new Uint8Array(3000).fill(2));
    expect(u.rxPending).toBe(4096);
    expect(u.read(RBR, 1)).toBe(1);
    u.receive(Uint8Array.of(3));
    expect(u.rxPending).toBe(4096);
    let last = 0;
    while (u.rxPending) last = u.read(RBR, 1);
    expect(last).toBe(3); // the oldest bytes are kept; the excess was dropped
  });

  it('SCR is a plain read/write byte; LSR and MSR ignore writes', () => {
    const { u } = uart();
    expect(u.read(SCR, 1)).toBe(0);
    u.write(SCR, 1, 0xa5);
    expect(u.read(SCR, 1)).toBe(0xa5);
    u.write(SCR, 1, 0x1234);
    expect(u.read(SCR, 1)).toBe(0x34);
    u.write(LSR, 1, 0x00);
    u.write(MSR, 1, 0x00);
    expect(u.read(LSR, 1)).toBe(0x60);
    expect(u.read(MSR, 1)).toBe(0xb0);
    expect(u.read(8, 1)).toBe(0); // outside the eight registers
  });

  it('saves and restores its state', () => {
    const { u } = uart();
    u.write(LCR, 1, 0x83);
    u.write(DLL, 1, 7);
    u.write(LCR, 1, 0x03);
    u.write(IER, 1, 0x01);
    u.write(SCR, 1, 9);
    u.receive(Uint8Array.of(4, 5));
    const s = structuredClone(u.saveState());
    const { u: v, irq } = uart();
    v.loadState(s);
    expect(irq()).toBe(true);
    expect(v.read(SCR, 1)).toBe(9);
    expect(v.read(IIR, 1)).toBe(0x04);
    expect(v.read(RBR, 1)).toBe(4);
    expect(u.rxPending).toBe(2); // the copy does not share the FIFO
    v.write(LCR, 1, 0x83);
    expect(v.read(DLL, 1)).toBe(7);
  });
});

// ---- CLINT ----
function fakeHarts(count: number) {
  const msip = new Array<boolean>(count).fill(false);
  const cmp = new Array<bigint>(count).fill(0xffff_ffff_ffff_ffffn);
  const calls: string[] = [];
  let mtime = 0x1234_5678_9abc_def0n;
  const harts: ClintHarts = {
    count,
    msip: (h) => { if (h >= count) throw new Error(`msip(${h}) out of range`); return msip[h]; },
    setMsip: (h, on) => { if (h >= count) throw new Error(`setMsip(${h}) out of range`); calls.push(`msip ${h} ${on}`); msip[h] = on; },
    mtimecmp: (h) => { if (h >= count) throw new Error(`mtimecmp(${h}) out of range`); return cmp[h]; },
    setMtimecmp: (h, v) => { if (h >= count) throw new Error(`setMtimecmp(${h}) out of range`); calls.push(`cmp ${h}`); cmp[h] = v; },
    mtime: () => mtime,
  };
  return { harts, msip, cmp, calls, setTime: (t: bigint) => { mtime = t; } };
}

describe('Clint', () => {
  it('msip: one word per hart, bit 0 only', () => {
    const f = fakeHarts(2);
    const c = new Clint(f.harts);
    expect(c.read(0x0, 4)).toBe(0);
    c.write(0x4, 4, 1);
    expect(f.msip).toEqual([false, true]);
    expect(c.read(0x4, 4)).toBe(1);
    expect(c.read(0x0, 4)).toBe(0);
    c.write(0x0, 4, 0xffff_fffe); // bit 0 clear
    expect(f.msip[0]).toBe(false);
    c.write(0x0, 4, 3);
    expect(f.msip[0]).toBe(true);
    expect(c.read(0x0, 4)).toBe(1);
    c.write(0x4, 4, 0);
    expect(f.msip).toEqual([true, false]);
  });

  it('msip of a hart that does not exist reads 0 and ignores writes', () => {
    const f = fakeHarts(2);
    const c = new Clint(f.harts);
    f.calls.length = 0;
    c.write(0x8, 4, 1);
    c.write(0x3ffc, 4, 1);
    expect(c.read(0x8, 4)).toBe(0);
    expect(c.read(0x3ffc, 4)).toBe(0);
    expect(f.calls).toEqual([]);
  });

  it('mtimecmp: 32-bit halves at 0x4000 + 8h (low) and +4 (high)', () => {
    const f = fakeHarts(2);
    const c = new Clint(f.harts);
    expect(c.read(0x4000, 4)).toBe(0xffff_ffff);
    expect(c.read(0x4004, 4)).toBe(0xffff_ffff);
    c.write(0x4008, 4, 0x1122_3344);
    expect(f.cmp[1]).toBe(0xffff_ffff_1122_3344n);
    c.write(0x400c, 4, 0x5566_7788);
    expect(f.cmp[1]).toBe(0x5566_7788_1122_3344n);
    expect(c.read(0x4008, 4)).toBe(0x1122_3344);
    expect(c.read(0x400c, 4)).toBe(0x5566_7788);
    expect(f.cmp[0]).toBe(0xffff_ffff_ffff_ffffn); // hart 0 untouched
    c.write(0x4000, 4, 0xdead_beef); // values with bit 31 set stay unsigned
    expect(f.cmp[0]).toBe(0xffff_ffff_dead_beefn);
    expect(c.read(0x4000, 4)).toBe(0xdead_beef);
  });

  it('mtimecmp: 64-bit access through the bus, as two halves, low first', () => {
    const f = fakeHarts(2);
    const bus = new Bus();
    bus.map(0x200_0000, 0x10000, new Clint(f.harts));
    expect(bus.write(0x200_4008n, 8, 0x0102_0304_8506_0708n)).toBe(true);
    expect(f.cmp[1]).toBe(0x0102_0304_8506_0708n);
    expect(bus.read(0x200_4008n, 8)).toBe(0x0102_0304_8506_0708n);
    expect(bus.read(0x200_400cn, 4)).toBe(0x0102_0304n);
    // Low half first: the transient value keeps the old high half.
    f.calls.length = 0;
    const seen: bigint[] = [];
    const spy: ClintHarts = { ...f.harts, setMtimecmp: (h, v) => { seen.push(v); f.harts.setMtimecmp(h, v); } };
    const bus2 = new Bus();
    bus2.map(0x200_0000, 0x10000, new Clint(spy));
    bus2.write(0x200_4000n, 8, 0xaaaa_bbbb_cccc_ddddn);
    expect(seen).toEqual([0xffff_ffff_cccc_ddddn, 0xaaaa_bbbb_cccc_ddddn]);
  });

  it('mtimecmp: byte and halfword accesses merge into the register', () => {
    const f = fakeHarts(1);
    const c = new Clint(f.harts);
    c.write(0x4000, 4, 0);
    c.write(0x4004, 4, 0);
    c.write(0x4001, 1, 0xab);
    c.write(0x4006, 2, 0x1234);
    expect(f.cmp[0]).toBe(0x1234_0000_0000_ab00n);
    expect(c.read(0x4001, 1)).toBe(0xab);
    expect(c.read(0x4006, 2)).toBe(0x1234);
  });

  it('mtime reads the machine clock in halves and ignores writes', () => {
    const f = fakeHarts(1);
    const c = new Clint(f.harts);
    expect(c.read(0xbff8, 4)).toBe(0x9abc_def0);
    expect(c.read(0xbffc, 4)).toBe(0x1234_5678);
    f.setTime(42n);
    expect(c.read(0xbff8, 4)).toBe(42);
    expect(c.read(0xbffc, 4)).toBe(0);
    f.calls.length = 0;
    c.write(0xbff8, 4, 7);
    c.write(0xbffc, 4, 7);
    expect(c.read(0xbff8, 4)).toBe(42);
    expect(f.calls).toEqual([]);
    const bus = new Bus();
    bus.map(0x200_0000, 0x10000, c);
    f.setTime(0x0000_0001_ffff_fffen);
    expect(bus.read(0x200_bff8n, 8)).toBe(0x0000_0001_ffff_fffen);
  });

  it('other offsets read 0 and ignore writes', () => {
    const f = fakeHarts(2);
    const c = new Clint(f.harts);
    f.calls.length = 0;
    for (const off of [0x4010, 0x4018, 0x8000, 0xbff0, 0xc000, 0xfffc]) {
      expect(c.read(off, 4), `offset 0x${off.toString(16)}`).toBe(0);
      c.write(off, 4, 0xffff_ffff);
    }
    for (const off of [0x1, 0x2, 0x5]) {
      expect(c.read(off, 1), `offset 0x${off.toString(16)}`).toBe(0);
      c.write(off, 1, 1); // not a word-aligned msip
    }
    expect(f.calls).toEqual([]);
    expect(f.msip).toEqual([false, false]);
    expect(f.cmp).toEqual([0xffff_ffff_ffff_ffffn, 0xffff_ffff_ffff_ffffn]);
  });
});

// ---- SiFive test finisher ----
describe('SifiveTest', () => {
  const finisher = () => {
    const events: PowerEvent[] = [];
    return { t: new SifiveTest((e) => events.push(e)), events };
  };

  it('0x5555 powers off with exit code 0', () => {
    const { t, events } = finisher();
    t.write(0, 4, 0x5555);
    expect(events).toEqual([{ kind: 'poweroff', code: 0 }]);
  });

  it('(code << 16) | 0x3333 powers off with that exit code', () => {
    const { t, events } = finisher();
    t.write(0, 4, (7 << 16) | 0x3333);
    t.write(0, 4, 0x3333);
    t.write(0, 4, (0xffff << 16) | 0x3333);
    expect(events).toEqual([{ kind: 'poweroff', code: 7 }, { kind: 'poweroff', code: 0 }, { kind: 'poweroff', code: 0xffff }]);
  });

  it('0x7777 resets', () => {
    const { t, events } = finisher();
    t.write(0, 4, 0x7777);
    expect(events).toEqual([{ kind: 'reset' }]);
  });

  it('ignores other values and other offsets; reads 0', () => {
    const { t, events } = finisher();
    for (const v of [0, 1, 0x5554, 0x4444, 0x1234, 0xffff_ffff]) t.write(0, 4, v);
    t.write(4, 4, 0x5555);
    t.write(8, 4, 0x3333);
    expect(events).toEqual([]);
    expect(t.read(0, 4)).toBe(0);
  });
});

// ---- HTIF ----
const BASE = 0x8000_0000n;
function fakeMemory(size = 0x10000) {
  const bytes = new Uint8Array(size);
  const dv = new DataView(bytes.buffer);
  const off = (pa: bigint, len: number) => {
    const o = Number(pa - BASE);
    if (pa < BASE || o + len > size) throw new RangeError(`fake memory: 0x${pa.toString(16)} outside`);
    return o;
  };
  const writes: bigint[] = [];
  const mem: HtifMemory = {
    readU64: (pa) => dv.getBigUint64(off(pa, 8), true),
    writeU64: (pa, v) => { writes.push(pa); dv.setBigUint64(off(pa, 8), v, true); },
    readBytes: (pa, len) => bytes.slice(off(pa, len), off(pa, len) + len),
  };
  return { mem, bytes, writes, u64: (pa: bigint) => dv.getBigUint64(off(pa, 8), true), setU64: (pa: bigint, v: bigint) => dv.setBigUint64(off(pa, 8), v, true) };
}

describe('Htif', () => {
  const TOHOST = BASE + 0x1000n;
  const FROMHOST = BASE + 0x1040n;
  const setup = (fromhost = FROMHOST) => {
    const m = fakeMemory();
    const out: number[] = [];
    const h = new Htif(m.mem, TOHOST, fromhost, (b) => out.push(...b));
    return { m, out, h };
  };

  it('does nothing while tohost is 0', () => {
    const { m, out, h } = setup();
    expect(h.handle()).toBeNull();
    expect(out).toEqual([]);
    expect(m.writes).toEqual([]);
  });

  it('exit: tohost = (code << 1) | 1', () => {
    const { m, h } = setup();
    m.setU64(TOHOST, 1n);
    expect(h.handle()).toEqual({ exit: 0 });
    expect(m.u64(TOHOST)).toBe(0n);
    m.setU64(TOHOST, (3n << 1n) | 1n);
    expect(h.handle()).toEqual({ exit: 3 });
    m.setU64(TOHOST, (1234n << 1n) | 1n);
    expect(h.handle()).toEqual({ exit: 1234 });
  });

  it('syscall write through a magic_mem block writes the bytes and sets fromhost', () => {
    const { m, out, h } = setup();
    const block = BASE + 0x2000n;
    const buf = BASE + 0x3000n;
    const text = new TextEncoder().encode('hello, htif\n');
    m.bytes.set(text, Number(buf - BASE));
    m.setU64(block, 64n); // SYS_write
    m.setU64(block + 8n, 1n); // fd
    m.setU64(block + 16n, buf);
    m.setU64(block + 24n, BigInt(text.length));
    m.setU64(TOHOST, block);
    expect(h.handle()).toBeNull();
    expect(new TextDecoder().decode(Uint8Array.from(out))).toBe('hello, htif\n');
    expect(m.u64(block)).toBe(BigInt(text.length)); // return value
    expect(m.u64(FROMHOST)).toBe(1n);
    expect(m.u64(TOHOST)).toBe(0n);
  });

  it('syscall write to a bad fd returns -EBADF; other syscalls -ENOSYS', () => {
    const { m, out, h } = setup();
    const block = BASE + 0x2000n;
    m.setU64(block, 64n);
    m.setU64(block + 8n, 5n);
    m.setU64(block + 16n, BASE + 0x3000n);
    m.setU64(block + 24n, 4n);
    m.setU64(TOHOST, block);
    h.handle();
    expect(out).toEqual([]);
    expect(m.u64(block)).toBe(BigInt.asUintN(64, -9n));
    m.setU64(block, 93n); // exit syscall: not served
    m.setU64(TOHOST, block);
    h.handle();
    expect(m.u64(block)).toBe(BigInt.asUintN(64, -38n));
  });

  it('putchar: device 1, command 1', () => {
    const { m, out, h } = setup();
    for (const c of 'ok') {
      m.setU64(TOHOST, (1n << 56n) | (1n << 48n) | BigInt(c.charCodeAt(0)));
      expect(h.handle()).toBeNull();
      expect(m.u64(TOHOST)).toBe(0n);
      expect(m.u64(FROMHOST)).toBe((1n << 56n) | (1n << 48n));
    }
    expect(String.fromCharCode(...out)).toBe('ok');
  });

  it('without a fromhost symbol it never writes address 0', () => {
    const { m, out, h } = setup(0n);
    m.setU64(TOHOST, (1n << 56n) | (1n << 48n) | 0x41n);
    h.handle(); // would throw in the fake memory if it wrote fromhost at 0
    expect(out).toEqual([0x41]);
    expect(m.writes).toEqual([TOHOST]);
  });

  it('ignores unknown devices and commands (but consumes tohost)', () => {
    const { m, out, h } = setup();
    m.setU64(TOHOST, (2n << 56n) | 0x41n);
    expect(h.handle()).toBeNull();
    m.setU64(TOHOST, (1n << 56n) | 0x41n); // device 1, command 0 (getchar)
    expect(h.handle()).toBeNull();
    expect(out).toEqual([]);
    expect(m.u64(TOHOST)).toBe(0n);
  });
});

// ---- Bus ----
class FakeDevice implements MmioDevice {
  log: string[] = [];
  regs = new Map<number, number>();
  constructor(readonly name: string) {}
  read(offset: number, size: number): number {
    this.log.push(`r ${offset} ${size}`);
    return this.regs.get(offset) ?? 0;
  }
  write(offset: number, size: number, value: number): void {
    this.log.push(`w ${offset} ${size} 0x${(value >>> 0).toString(16)}`);
    this.regs.set(offset, value);
  }
}

describe('Bus', () => {
  const setup = () => {
    const bus = new Bus();
    const a = new FakeDevice('a');
    const b = new FakeDevice('b');
    bus.map(0x1000_0000, 0x100, a);
    bus.map(0x10_0000, 0x1000, b);
    return { bus, a, b };
  };

  it('dispatches by address and hands the device its offset', () => {
    const { bus, a, b } = setup();
    a.regs.set(5, 0x60);
    expect(bus.read(0x1000_0005n, 1)).toBe(0x60n);
    expect(bus.write(0x10_0000n, 4, 0x5555n)).toBe(true);
    expect(bus.write(0x10_0ffcn, 4, 1n)).toBe(true);
    expect(a.log).toEqual(['r 5 1']);
    expect(b.log).toEqual(['w 0 4 0x5555', 'w 4092 4 0x1']);
    expect(bus.counts.get('a')).toBe(1);
    expect(bus.counts.get('b')).toBe(2);
  });

  it('returns values unsigned and passes only the low 32 bits of a narrower write', () => {
    const { bus, a } = setup();
    a.regs.set(0, -1);
    expect(bus.read(0x1000_0000n, 4)).toBe(0xffff_ffffn);
    bus.write(0x1000_0004n, 4, 0xffff_ffff_8000_0001n);
    expect(a.log[a.log.length - 1]).toBe('w 4 4 0x80000001');
  });

  it('throws when a window overlaps another', () => {
    const { bus } = setup();
    expect(() => bus.map(0x1000_00ff, 0x10, new FakeDevice('c'))).toThrow(/c overlaps a/);
    expect(() => bus.map(0x0ff_ffff0, 0x20, new FakeDevice('d'))).toThrow(/overlaps/);
    expect(() => bus.map(0x10_0800, 0x10, new FakeDevice('e'))).toThrow(/e overlaps b/);
    expect(() => bus.map(0x0, 0x2000_0000, new FakeDevice('f'))).toThrow(/overlaps/);
    bus.map(0x1000_0100, 0x100, new FakeDevice('g')); // adjacent is fine
    bus.map(0x0f_f000, 0x1000, new FakeDevice('h'));
  });

  it('unmapped reads return undefined and unmapped writes return false', () => {
    const { bus, a, b } = setup();
    expect(bus.read(0x0n, 4)).toBeUndefined();
    expect(bus.read(0x1000_0100n, 1)).toBeUndefined();
    expect(bus.write(0x0n, 4, 1n)).toBe(false);
    expect(bus.write(0x2000_0000n, 8, 1n)).toBe(false);
    // An access that runs past the end of a window does not reach the device.
    expect(bus.read(0x1000_00fen, 4)).toBeUndefined();
    expect(bus.write(0x10_0ffcn, 8, 1n)).toBe(false);
    expect(a.log).toEqual([]);
    expect(b.log).toEqual([]);
    expect(bus.counts.size).toBe(0);
  });

  it('splits an 8-byte access into two 4-byte accesses, low word first', () => {
    const { bus, b } = setup();
    expect(bus.write(0x10_0010n, 8, 0x8765_4321_fedc_ba98n)).toBe(true);
    expect(b.log).toEqual(['w 16 4 0xfedcba98', 'w 20 4 0x87654321']);
    b.log = [];
    expect(bus.read(0x10_0010n, 8)).toBe(0x8765_4321_fedc_ba98n);
    expect(b.log).toEqual(['r 16 4', 'r 20 4']);
    expect(bus.counts.get('b')).toBe(2); // one per guest access
  });
});
