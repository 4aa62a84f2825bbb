// The layout in assembly/abi.ts is shared by the core and the host; these checks catch edits
// that would make regions overlap or push the core's own static data into the hart block.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import * as A from '../assembly/abi';

describe('core ABI layout', () => {
  it('places the regions in order without overlap', () => {
    const regions: [string, number, number][] = [
      ['hart block', A.HART_BASE, A.HART_BASE + A.HART_SIZE],
      ['statistics', A.STATS_BASE, A.STATS_BASE + 0x100],
      ['REFILL record', A.REC_REFILL, A.REC_REFILL + 8],
      ['scratch records', A.REC_SCRATCH, A.REC_SCRATCH + 24],
      ['trap-mode counters', A.HV_STATS, A.HV_STATS + A.HV_STATS_COUNT * 8],
      ['TLB set tags', A.SET_TAGS, A.SET_TAGS + A.TLB_SETS * 8],
      ['TLB set views used', A.SET_USED, A.SET_USED + A.TLB_SETS * 4],
      ['TLB set victims', A.SET_VICTIM, A.SET_VICTIM + A.TLB_SETS * 4],
      ['TLB set superpage ranges', A.SET_SUPER, A.SET_SUPER + A.TLB_SETS * 16],
      ['debug table header', A.DEBUG_BASE, A.DEBUG_ENTRIES],
      ['debug host entries', A.DEBUG_ENTRIES, A.DEBUG_ENTRIES + A.DEBUG_HOST_MAX * A.DEBUG_ENTRY_SIZE],
      ['debug trigger entries', A.DEBUG_TRIGGERS, A.DEBUG_TRIGGERS + A.TRIGGER_COUNT * A.DEBUG_ENTRY_SIZE],
      ['debug marks', A.DEBUG_MARKS, A.DEBUG_MARKS + A.DEBUG_MARKS_SIZE],
      ['TLB set present bits', A.SET_PRESENT, A.SET_PRESENT + A.TLB_SETS * A.SET_PRESENT_SIZE],
      ['decode tags', A.DECODE_TAGS, A.DECODE_TAGS + A.DECODE_SLOTS * 4],
      ['decoded records', A.DECODE_BASE, A.DECODE_BASE + A.DECODE_SLOTS * A.DECODE_PAGE_SIZE],
      ['JIT exit record and counters', A.JIT_BASE, A.JIT_STATS + A.JIT_STATS_COUNT * 8],
      ['JIT entry list', A.JIT_ENTRIES, A.JIT_ENTRIES + 2048 * 4],
      ['JIT per-page state', A.JIT_SLOTS, A.JIT_SLOTS + A.DECODE_SLOTS * 8],
      ['JIT missed entries', A.JIT_MISSED, A.JIT_MISSED + A.DECODE_SLOTS * 64],
      ['JIT saved records', A.JIT_ORIG, A.JIT_ORIG + A.JIT_ORIG_COUNT * 8],
      ['JIT page epochs', A.JIT_EPOCH, A.JIT_EPOCH + A.DECODE_SLOTS * 4],
      ['store-entry hints', A.STORE_HINTS, A.STORE_HINTS + A.STORE_HINT_COUNT * 8],
      ['TLB sets', A.TLB_BASE, A.TLB_BASE + A.TLB_SETS * A.TLB_SET_SIZE],
      ['frame maps', A.MAP_BASE, A.MAP_BASE + A.MAP_ENTRIES * 4],
      ['frame flags', A.FRAME_FLAGS, A.FRAME_FLAGS + A.MAP_ENTRIES],
      ['real memory', A.RAM_HOST_BASE, A.RAM_HOST_BASE + 1],
    ];
    for (let i = 1; i < regions.length; i++) {
      expect(regions[i][1], `${regions[i][0]} starts after ${regions[i - 1][0]} ends`).toBeGreaterThanOrEqual(regions[i - 1][2]);
    }
  });

  it('keeps hart state, CSR slots and the exit record inside the hart block', () => {
    const end = A.HART_BASE + A.HART_SIZE;
    expect(A.HART_CSR + A.CSR_SLOT_PMPADDR + 64 * 8).toBeLessThanOrEqual(end);
    expect(A.EXIT_BASE).toBeGreaterThanOrEqual(A.HART_BASE);
    expect(A.EXIT_VADDR + 8).toBeLessThanOrEqual(end);
    expect(A.HART_F + 32 * 8).toBeLessThanOrEqual(A.HART_PC);
    // the Sdtrig state sits between the CSR slots and the exit record
    expect(A.HART_TSELECT).toBeGreaterThanOrEqual(A.HART_CSR + A.CSR_SLOT_PMPADDR + 64 * 8);
    expect(A.HART_TDATA1).toBeGreaterThanOrEqual(A.HART_TSELECT + 8);
    expect(A.HART_TDATA2).toBeGreaterThanOrEqual(A.HART_TDATA1 + A.TRIGGER_COUNT * 8);
    expect(A.HART_TDATA2 + A.TRIGGER_COUNT * 8).toBeLessThanOrEqual(A.EXIT_BASE);
    expect(A.DEBUG_TRIGGERS).toBe(A.DEBUG_ENTRIES + A.DEBUG_HOST_MAX * A.DEBUG_ENTRY_SIZE);
    expect(A.DEBUG_MARKS_SIZE * 8).toBe(2048); // one bit per halfword of a page
    expect(A.DEBUG_HIT_ADDR + 8).toBeLessThanOrEqual(A.DEBUG_ENTRIES);
    expect(A.TLB_VIEW_SIZE).toBe(3 * A.TLB_KIND_SIZE);
    expect(A.TLB_SET_SIZE).toBe(A.TLB_VIEWS * A.TLB_VIEW_SIZE);
    expect(A.SET_PRESENT_SIZE * 8).toBe(A.TLB_ENTRIES); // one bit per TLB index
    expect(A.HV_IRQ + 16 * 8).toBeLessThanOrEqual(A.HV_STATS + A.HV_STATS_COUNT * 8);
    expect(A.TLB_KIND_SIZE).toBe(A.TLB_ENTRIES * 16);
    expect(A.DECODE_PAGE_SIZE).toBeGreaterThanOrEqual(2048 * 8 + 8); // records + REFILL sentinel
    expect(A.DECODE_GEN).toBeGreaterThanOrEqual(2048 * 8 + 8); // the generation after them
    expect(A.DECODE_GEN + 4).toBeLessThanOrEqual(A.DECODE_PAGE_SIZE);
  });

  it('leaves the core static data below the hart block', async () => {
    const wasm = readFileSync(new URL('../build/core.wasm', import.meta.url));
    const table = new WebAssembly.Table({ initial: 16, element: 'anyfunc' });
    const { instance } = await WebAssembly.instantiate(wasm, { env: { now: () => 0, table, jitCompile: () => 0, abort: () => { throw new Error('abort'); } } });
    const end = (instance.exports.staticDataEnd as () => number)();
    expect(end).toBeGreaterThan(0);
    expect(end).toBeLessThanOrEqual(A.HART_BASE);
    const mem = instance.exports.memory as WebAssembly.Memory;
    expect(mem.buffer.byteLength).toBeGreaterThanOrEqual(A.RAM_HOST_BASE);
  });
});
