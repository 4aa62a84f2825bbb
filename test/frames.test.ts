// The frame allocator and the per-guest map table: allocation zeroes, the free list, the core
// map, the table's documented encoding (read here the way the wasm core will, from raw
// memory), RAM bounds, R/D bits and page-by-page copies.
import { describe, it, expect } from 'vitest';
import {
  FrameAllocator, GuestMemoryMap, PAGE_SIZE, MAP_V, MAP_R, MAP_D, MAP_S, MAP_C, OWNER_FREE, OWNER_HOST,
  FAULT_NOT_PRESENT, FAULT_OUT_OF_RANGE, type PageFaultHandler,
} from '../src/hypervisor/frames';
import { Pager } from '../src/hypervisor/pager';
import { MemoryBackingStore } from '../src/hypervisor/backing-store';

const RAM = 0x8000_0000;

describe('FrameAllocator', () => {
  it('hands out the lowest frames first and counts them', () => {
    const fa = new FrameAllocator(new Uint8Array(4 * PAGE_SIZE), 4);
    expect([fa.total, fa.freeCount, fa.usedCount]).toEqual([4, 4, 0]);
    expect([fa.alloc(0, 7), fa.alloc(1, 3), fa.alloc()]).toEqual([0, 1, 2]);
    expect([fa.freeCount, fa.usedCount]).toEqual([1, 3]);
    expect([fa.owner[0], fa.ownerPage[0], fa.owner[1], fa.ownerPage[1], fa.owner[2], fa.owner[3]]).toEqual([0, 7, 1, 3, OWNER_HOST, OWNER_FREE]);
    expect(fa.alloc()).toBe(3);
    expect(fa.alloc()).toBe(-1); // exhausted
    fa.free(1);
    expect(fa.isFree(1)).toBe(true);
    expect([fa.owner[1], fa.ownerPage[1]]).toEqual([OWNER_FREE, -1]);
    expect(fa.alloc(2, 9)).toBe(1); // the freed frame comes back
    expect(fa.offsetOf(3)).toBe(3 * PAGE_SIZE);
  });

  it('zeroes a frame when it is allocated, so nothing leaks to its next owner', () => {
    const real = new Uint8Array(3 * PAGE_SIZE).fill(0xa5); // garbage from the start
    const fa = new FrameAllocator(real, 3);
    for (let f = 0; f < 3; f++) expect(fa.alloc(0, f)).toBe(f);
    for (let f = 0; f < 3; f++) expect(fa.bytes(f).every((b) => b === 0)).toBe(true);
    fa.bytes(1).fill(0x5a);
    fa.free(1);
    expect(real[PAGE_SIZE + 17]).toBe(0x5a); // free does not zero; alloc does
    expect(fa.alloc(1, 0)).toBe(1);
    expect(fa.bytes(1).every((b) => b === 0)).toBe(true);
    expect(real[0]).toBe(0); // neighbours untouched by the zeroing
  });

  it('gives each frame its own 4 KiB of the real array', () => {
    const real = new Uint8Array(5 * PAGE_SIZE);
    const fa = new FrameAllocator(real.subarray(PAGE_SIZE), 4); // a view, as of wasm memory
    const f = fa.alloc();
    const b = fa.bytes(f);
    expect(b.length).toBe(PAGE_SIZE);
    expect(b.byteOffset).toBe(PAGE_SIZE + fa.offsetOf(f));
  });

  it('refuses double frees, unknown frames and bad pools', () => {
    const fa = new FrameAllocator(new Uint8Array(2 * PAGE_SIZE), 2);
    const f = fa.alloc();
    fa.free(f);
    expect(() => fa.free(f)).toThrow(/twice/);
    expect(() => fa.free(2)).toThrow(RangeError);
    expect(() => fa.free(-1)).toThrow(RangeError);
    expect(() => fa.bytes(0.5)).toThrow(RangeError);
    expect(() => fa.alloc(-7)).toThrow(RangeError);
    expect(() => new FrameAllocator(new Uint8Array(PAGE_SIZE), 2)).toThrow(RangeError);
    expect(() => new FrameAllocator(new Uint8Array(PAGE_SIZE), 0)).toThrow(RangeError);
  });
});

// What the wasm core does on a TLB miss, written from the header's encoding only: raw u32
// loads and stores on one linear memory holding both real memory and the table.
function coreLookup(mem: DataView, tableAddr: number, realAddr: number, ramBase: number, ramSize: number, gpa: number, write: boolean): number | 'exit' | 'fault' {
  const rel = gpa - ramBase;
  if (rel < 0 || rel >= ramSize) return 'fault';
  const at = tableAddr + (rel >>> 12) * 4;
  const e = mem.getUint32(at, true);
  if ((e & 1) === 0) return 'exit'; // not present or paged out: the host must fault it in
  mem.setUint32(at, (e | 2 | (write ? 4 : 0)) >>> 0, true); // R, and D for a store
  return realAddr + ((e & ~0xfff) >>> 0) + (rel & 0xfff);
}

describe('GuestMemoryMap', () => {
  const setup = (pages: number, frames = 8) => {
    const fa = new FrameAllocator(new Uint8Array(frames * PAGE_SIZE), frames);
    const pager = new Pager(fa, new MemoryBackingStore());
    return { fa, pager, map: pager.createGuest({ ramSize: pages * PAGE_SIZE }) };
  };

  it('bounds gpas to the guest RAM', () => {
    const { map } = setup(4);
    expect([map.ramBase, map.ramSize, map.pages, map.table.length]).toEqual([RAM, 4 * PAGE_SIZE, 4, 4]);
    expect(map.pageOf(RAM)).toBe(0);
    expect(map.pageOf(RAM + 4 * PAGE_SIZE - 1)).toBe(3);
    for (const bad of [RAM - 1, RAM + 4 * PAGE_SIZE, 0, -RAM, RAM + 0.5, 2 ** 56 + RAM, NaN, Infinity]) {
      expect(map.pageOf(bad)).toBe(-1);
      expect(map.translate(bad)).toBe(FAULT_OUT_OF_RANGE);
      expect(map.touch(bad, true)).toBe(FAULT_OUT_OF_RANGE);
    }
    expect(map.refused).toBe(16);
    expect(map.read(RAM + 4 * PAGE_SIZE - 2, new Uint8Array(4))).toBe(false); // runs off the end
    expect(map.write(RAM - 1, new Uint8Array(2))).toBe(false);
    expect(map.table.every((e) => e === 0)).toBe(true); // nothing was allocated by refusals
  });

  it('allocates on first touch and sets R and D as documented', () => {
    const { fa, map } = setup(4);
    expect(map.translate(RAM + 0x1234)).toBe(FAULT_NOT_PRESENT);
    expect(map.state(1)).toEqual({ kind: 'absent' });
    const off = map.touch(RAM + 0x1234, false);
    const f = fa.owner.indexOf(map.id);
    expect(off).toBe(f * PAGE_SIZE + 0x234);
    expect([fa.owner[f], fa.ownerPage[f]]).toEqual([map.id, 1]);
    expect(map.table[1]).toBe((f << 12) | MAP_V | MAP_R);
    expect(map.state(1)).toEqual({ kind: 'resident', frame: f, referenced: true, dirty: false, slot: -1 });
    map.clearReferenced(1);
    expect(map.referenced(1)).toBe(false);
    expect(map.translate(RAM + 0x1000)).toBe(f * PAGE_SIZE);
    expect(map.table[1]).toBe((f << 12) | MAP_V | MAP_R);
    expect(map.dirty(1)).toBe(false);
    expect(map.translate(RAM + 0x1ffc, true)).toBe(f * PAGE_SIZE + 0xffc);
    expect(map.table[1]).toBe((f << 12) | MAP_V | MAP_R | MAP_D | MAP_C); // a write: dirty, and changed (for the sharing scanner)
    expect(map.dirty(1)).toBe(true);
    expect(map.touch(RAM + 0x1000)).toBe(f * PAGE_SIZE); // resident: no second frame
    expect(fa.usedCount).toBe(1);
    expect(MAP_S).toBe(8);
  });

  it('can live in a shared linear memory that a core reads directly', () => {
    // One buffer as the core's memory: table at 0x100, real memory at 0x1000.
    const mem = new ArrayBuffer(0x1000 + 6 * PAGE_SIZE);
    const view = new DataView(mem);
    const fa = new FrameAllocator(new Uint8Array(mem, 0x1000), 6);
    const pager = new Pager(fa, new MemoryBackingStore(), { cap: 3 });
    const table = new Uint32Array(mem, 0x100, 8);
    const map = pager.createGuest({ ramSize: 8 * PAGE_SIZE, ramBase: 0x8000_0000, table });
    expect(map.table.buffer).toBe(mem);
    const core = (gpa: number, write: boolean): number | 'fault' => {
      for (;;) { // miss → exit → host fault → retry, as run() would
        const r = coreLookup(view, 0x100, 0x1000, RAM, 8 * PAGE_SIZE, gpa, write);
        if (r !== 'exit') return r;
        expect(map.touch(gpa, write)).toBeGreaterThanOrEqual(0);
      }
    };
    for (let p = 0; p < 8; p++) { // more pages than the cap: the core sees evictions happen
      const a = core(RAM + p * PAGE_SIZE + 8, true) as number;
      view.setUint32(a, 0xc0de0000 + p, true);
    }
    for (let p = 7; p >= 0; p--) {
      const a = core(RAM + p * PAGE_SIZE + 8, false) as number;
      expect(view.getUint32(a, true)).toBe(0xc0de0000 + p);
    }
    expect(core(RAM + 8 * PAGE_SIZE, false)).toBe('fault');
    expect(pager.totals().pageOuts).toBeGreaterThan(0); // the core's D bits made them dirty
  });

  it('copies across pages with read and write', () => {
    const { map, fa } = setup(4);
    const data = Uint8Array.from({ length: 3 * PAGE_SIZE }, (_, i) => (i * 7 + 3) & 0xff);
    expect(map.write(RAM + 0x800, data)).toBe(true);
    expect([map.dirty(0), map.dirty(1), map.dirty(2), map.dirty(3)]).toEqual([true, true, true, true]);
    const back = new Uint8Array(data.length);
    expect(map.read(RAM + 0x800, back)).toBe(true);
    expect(back).toEqual(data);
    expect(fa.usedCount).toBe(4);
    expect(map.read(RAM, new Uint8Array(0))).toBe(true);
  });

  it('checks its options and refuses use after destruction', () => {
    const { pager, map } = setup(2);
    expect(() => pager.createGuest({ ramSize: 100 })).toThrow(RangeError);
    expect(() => pager.createGuest({ ramSize: PAGE_SIZE, ramBase: 12 })).toThrow(RangeError);
    expect(() => pager.createGuest({ ramSize: 4 * PAGE_SIZE, table: new Uint32Array(3) })).toThrow(RangeError);
    expect(() => map.state(2)).toThrow(RangeError);
    pager.destroyGuest(map);
    expect(map.destroyed).toBe(true);
    expect(() => map.translate(RAM)).toThrow(/destroyed/);
    expect(() => map.touch(RAM)).toThrow(/destroyed/);
  });

  it('asks its fault handler only for pages inside RAM that are not resident', () => {
    const fa = new FrameAllocator(new Uint8Array(2 * PAGE_SIZE), 2);
    const calls: [number, boolean][] = [];
    const handler: PageFaultHandler = {
      fault(m, page, write) {
        calls.push([page, write]);
        const f = fa.alloc(m.id, page);
        m.table[page] = (f << 12) | MAP_V | MAP_R | (write ? MAP_D : 0);
        return f * PAGE_SIZE;
      },
    };
    const map = new GuestMemoryMap(0, { ramSize: 2 * PAGE_SIZE, ramBase: 0 }, fa, handler);
    expect(map.touch(0x1004, true)).toBe(4);
    expect(map.touch(0x1008)).toBe(8);
    expect(map.touch(0x2000)).toBe(FAULT_OUT_OF_RANGE);
    expect(calls).toEqual([[1, true]]);
  });
});
