// Register-level tests of the PLIC: priorities, pending bits, enables, thresholds, claim and
// complete, the level-triggered gateway and the per-context external interrupt lines.
import { describe, expect, it } from 'vitest';
import { Plic, type PlicMode } from '../src/devices/plic';

const PRIO = (s: number) => 4 * s;
const PENDING = 0x1000;
const ENABLE = (ctx: number) => 0x2000 + 0x80 * ctx;
const THRESHOLD = (ctx: number) => 0x20_0000 + 0x1000 * ctx;
const CLAIM = (ctx: number) => 0x20_0004 + 0x1000 * ctx;

function setup(harts = 1) {
  const calls: Array<[number, PlicMode, boolean]> = [];
  const lines = new Map<string, boolean>();
  const p = new Plic(harts, (h, m, l) => { calls.push([h, m, l]); lines.set(`${h}${m}`, l); });
  const line = (h: number, m: PlicMode) => lines.get(`${h}${m}`) ?? false;
  return { p, calls, line };
}

describe('Plic', () => {
  it('priorities keep 3 bits; source 0 has none', () => {
    const { p } = setup();
    p.write(PRIO(1), 4, 0xff);
    expect(p.read(PRIO(1), 4)).toBe(7);
    p.write(PRIO(95), 4, 5);
    expect(p.read(PRIO(95), 4)).toBe(5);
    p.write(PRIO(0), 4, 7);
    expect(p.read(PRIO(0), 4)).toBe(0);
    expect(p.read(PRIO(96), 4)).toBe(0); // beyond the sources
  });

  it('enable bits exist for sources 1…95 of each context only', () => {
    const { p } = setup(2);
    p.write(ENABLE(0), 4, 0xffff_ffff);
    expect(p.read(ENABLE(0), 4)).toBe(0xffff_fffe);
    p.write(ENABLE(3) + 8, 4, 0xffff_ffff); // sources 64…95
    expect(p.read(ENABLE(3) + 8, 4)).toBe(0xffff_ffff);
    p.write(ENABLE(3) + 12, 4, 0xffff_ffff); // sources 96…127 do not exist
    expect(p.read(ENABLE(3) + 12, 4)).toBe(0);
    p.write(ENABLE(4), 4, 0xffff_ffff); // context 4 needs a third hart
    expect(p.read(ENABLE(4), 4)).toBe(0);
    expect(p.read(ENABLE(1), 4)).toBe(0);
  });

  it('a rising level latches a pending bit; pending bits are read-only', () => {
    const { p } = setup();
    const irq = p.irq(10);
    expect(p.read(PENDING, 4)).toBe(0);
    irq(true);
    expect(p.read(PENDING, 4)).toBe(1 << 10);
    p.write(PENDING, 4, 0);
    expect(p.read(PENDING, 4)).toBe(1 << 10);
    irq(false); // the gateway already forwarded the request
    expect(p.read(PENDING, 4)).toBe(1 << 10);
    p.irq(33)(true);
    expect(p.read(PENDING + 4, 4)).toBe(2);
  });

  it('raises the context line for a pending, enabled source above the threshold', () => {
    const { p, line, calls } = setup();
    const irq = p.irq(10);
    irq(true);
    expect(calls).toEqual([]); // not enabled, priority 0
    p.write(ENABLE(1), 4, 1 << 10);
    expect(calls).toEqual([]); // priority 0 never interrupts
    p.write(PRIO(10), 4, 1);
    expect(calls).toEqual([[0, 'S', true]]);
    expect(line(0, 'M')).toBe(false);
    p.write(THRESHOLD(1), 4, 1); // priority must exceed the threshold
    expect(line(0, 'S')).toBe(false);
    expect(p.read(THRESHOLD(1), 4)).toBe(1);
    p.write(THRESHOLD(1), 4, 0);
    expect(line(0, 'S')).toBe(true);
    expect(calls.length).toBe(3);
    p.write(PRIO(10), 4, 1); // no change, no call
    expect(calls.length).toBe(3);
  });

  it('claim returns the highest priority, ties to the lowest id, then 0', () => {
    const { p, line } = setup();
    p.write(ENABLE(0), 4, 0xffff_fffe);
    p.write(ENABLE(0) + 4, 4, 0xffff_ffff);
    for (const [s, prio] of [[5, 2], [3, 2], [40, 6], [7, 1]]) { p.write(PRIO(s), 4, prio); p.irq(s)(true); }
    expect(line(0, 'M')).toBe(true);
    expect(p.read(CLAIM(0), 4)).toBe(40);
    expect(p.read(CLAIM(0), 4)).toBe(3);
    expect(p.read(CLAIM(0), 4)).toBe(5);
    expect(line(0, 'M')).toBe(true);
    expect(p.read(CLAIM(0), 4)).toBe(7);
    expect(line(0, 'M')).toBe(false);
    expect(p.read(CLAIM(0), 4)).toBe(0);
    expect(p.read(PENDING, 4)).toBe(0);
  });

  it('claim honours the threshold', () => {
    const { p } = setup();
    p.write(ENABLE(0), 4, 1 << 4);
    p.write(PRIO(4), 4, 3);
    p.irq(4)(true);
    p.write(THRESHOLD(0), 4, 3);
    expect(p.read(CLAIM(0), 4)).toBe(0);
    expect(p.read(PENDING, 4)).toBe(1 << 4);
    p.write(THRESHOLD(0), 4, 2);
    expect(p.read(CLAIM(0), 4)).toBe(4);
  });

  it('level-triggered gateway: one request per claim/complete round; re-pends if still high', () => {
    const { p, line } = setup();
    const irq = p.irq(1);
    p.write(ENABLE(1), 4, 2);
    p.write(PRIO(1), 4, 1);
    irq(true);
    expect(p.read(CLAIM(1), 4)).toBe(1);
    expect(line(0, 'S')).toBe(false);
    irq(true); // still high while in service: nothing new
    expect(p.read(PENDING, 4)).toBe(0);
    expect(p.read(CLAIM(1), 4)).toBe(0);
    p.write(CLAIM(1), 4, 1); // complete with the line still high
    expect(p.read(PENDING, 4)).toBe(2);
    expect(line(0, 'S')).toBe(true);
    expect(p.read(CLAIM(1), 4)).toBe(1);
    irq(false);
    p.write(CLAIM(1), 4, 1); // complete with the line low: quiet
    expect(p.read(PENDING, 4)).toBe(0);
    expect(line(0, 'S')).toBe(false);
    irq(true); // a new rising level
    expect(line(0, 'S')).toBe(true);
  });

  it('completion of a source not enabled for the context is ignored', () => {
    const { p } = setup();
    const irq = p.irq(2);
    p.write(ENABLE(0), 4, 1 << 2);
    p.write(PRIO(2), 4, 1);
    irq(true);
    expect(p.read(CLAIM(0), 4)).toBe(2);
    p.write(ENABLE(0), 4, 0); // masked during handling
    p.write(CLAIM(0), 4, 2);
    p.write(ENABLE(0), 4, 1 << 2);
    expect(p.read(CLAIM(0), 4)).toBe(0); // still in service: the completion did not count
    p.write(CLAIM(0), 4, 2);
    expect(p.read(CLAIM(0), 4)).toBe(2); // line still high: pending again after the real completion
    p.write(CLAIM(0), 4, 0); // id 0 and ids beyond the sources are ignored
    p.write(CLAIM(0), 4, 1000);
  });

  it('routes contexts 2h (M) and 2h+1 (S) to the right hart and mode', () => {
    const { p, calls } = setup(2);
    for (let s = 1; s <= 4; s++) p.write(PRIO(s), 4, 1);
    for (let ctx = 0; ctx < 4; ctx++) p.write(ENABLE(ctx), 4, 1 << (ctx + 1));
    p.irq(1)(true);
    p.irq(2)(true);
    p.irq(3)(true);
    p.irq(4)(true);
    expect(calls).toEqual([[0, 'M', true], [0, 'S', true], [1, 'M', true], [1, 'S', true]]);
    calls.length = 0;
    expect(p.read(CLAIM(3), 4)).toBe(4);
    expect(calls).toEqual([[1, 'S', false]]);
    expect(p.read(CLAIM(2), 4)).toBe(3);
    expect(calls).toEqual([[1, 'S', false], [1, 'M', false]]);
    expect(p.read(THRESHOLD(4), 4)).toBe(0); // no such context
    expect(p.read(CLAIM(4), 4)).toBe(0);
  });

  it('a source enabled in two contexts is claimed once', () => {
    const { p, line } = setup(2);
    p.write(PRIO(9), 4, 1);
    p.write(ENABLE(1), 4, 1 << 9);
    p.write(ENABLE(3), 4, 1 << 9);
    p.irq(9)(true);
    expect(line(0, 'S') && line(1, 'S')).toBe(true);
    expect(p.read(CLAIM(3), 4)).toBe(9);
    expect(line(0, 'S') || line(1, 'S')).toBe(false);
    expect(p.read(CLAIM(1), 4)).toBe(0);
  });

  it('only aligned 32-bit accesses do anything (a byte read does not claim)', () => {
    const { p } = setup();
    p.write(PRIO(1), 4, 1);
    p.write(ENABLE(0), 4, 2);
    p.irq(1)(true);
    expect(p.read(CLAIM(0), 1)).toBe(0);
    expect(p.read(CLAIM(0) + 1, 4)).toBe(0);
    p.write(PRIO(1), 2, 7);
    expect(p.read(PRIO(1), 4)).toBe(1);
    expect(p.read(CLAIM(0), 4)).toBe(1);
  });

  it('rejects lines of sources that do not exist', () => {
    const { p } = setup();
    expect(() => p.irq(0)).toThrow(RangeError);
    expect(() => p.irq(96)).toThrow(RangeError);
    expect(() => p.irq(95)).not.toThrow();
  });

  it('saveState/loadState round-trips and re-announces the lines', () => {
    const { p } = setup();
    p.write(PRIO(3), 4, 4);
    p.write(ENABLE(0), 4, 1 << 3);
    p.irq(3)(true);
    const s = JSON.parse(JSON.stringify(p.saveState()));
    const b = setup();
    b.p.loadState(s);
    expect(b.calls).toEqual([[0, 'M', true], [0, 'S', false]]);
    expect(b.p.read(PRIO(3), 4)).toBe(4);
    expect(b.p.read(CLAIM(0), 4)).toBe(3);
    b.p.write(CLAIM(0), 4, 3);
    expect(b.p.read(PENDING, 4)).toBe(1 << 3); // the level was restored as high
  });
});
