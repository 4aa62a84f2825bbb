// The pager: first-touch allocation under a real-memory cap, clock (second-chance) eviction,
// page-out of dirty pages only, page-in, the invalidation hooks, guest destruction, both
// backing stores; and, hardest, isolation: seeded random runs with several guests and a small
// cap, where every byte any guest reads is checked against a model of that guest's memory.
//
// npm test runs every seed of PAGER_SEEDS (test/support/seeds.ts); `npm run explore` tries
// fresh ones.
//   RVISOR_PAGER_SEED=123456   run this seed (or a comma-separated list) instead of PAGER_SEEDS
//   RVISOR_EXPLORE=1           run one fresh random seed instead of PAGER_SEEDS
//   RVISOR_PAGER_ROUNDS=200    more rounds per backing store and seed (default 24)
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FrameAllocator, GuestMemoryMap, PAGE_SIZE, MAP_V, MAP_R, MAP_D, MAP_S, OWNER_HOST,
  FAULT_OUT_OF_RANGE, FAULT_NO_MEMORY,
} from '../src/hypervisor/frames';
import { Pager } from '../src/hypervisor/pager';
import { MemoryBackingStore, type BackingStore } from '../src/hypervisor/backing-store';
import { FileBackingStore } from '../src/node/file-backing-store';
import { PAGER_SEEDS, chooseSeeds } from './support/seeds';

const RAM = 0x8000_0000;
const SEEDS = chooseSeeds({ name: 'pager', env: 'RVISOR_PAGER_SEED', list: PAGER_SEEDS });
const ROUNDS = Number(process.env.RVISOR_PAGER_ROUNDS ?? 24);

const tmp = mkdtempSync(join(tmpdir(), 'rvisor-pager-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function pool(frames: number) {
  return new FrameAllocator(new Uint8Array(frames * PAGE_SIZE), frames);
}
const gpa = (page: number, off = 0) => RAM + page * PAGE_SIZE + off;

describe('Pager', () => {
  it('evicts never-written pages without a write and dirty ones with one', () => {
    const store = new MemoryBackingStore();
    const pager = new Pager(pool(4), store, { cap: 2 });
    const g = pager.createGuest({ ramSize: 8 * PAGE_SIZE });
    const real = pager.frames.real;
    g.touch(gpa(0)); // read only: zeros
    real[g.touch(gpa(1, 5), true)] = 0x11;
    g.touch(gpa(2)); // cap reached: the clock evicts page 0 (after a turn clearing R bits)
    expect(g.state(0)).toEqual({ kind: 'absent' });
    expect(store.writes).toBe(0);
    expect(pager.stats(g.id)).toMatchObject({ faults: 3, zeroFills: 3, pageOuts: 0, drops: 1, resident: 2, pagedOut: 0 });
    g.touch(gpa(3)); // evicts page 1, which is dirty
    expect(g.state(1)).toEqual({ kind: 'paged-out', slot: 0 });
    expect(g.table[1]).toBe((0 << 12) | MAP_S);
    expect(store.writes).toBe(1);
    expect(real[g.touch(gpa(1, 5))]).toBe(0x11); // page-in
    expect(pager.stats(g.id)).toMatchObject({ pageIns: 1, pageOuts: 1 });
    const st = g.state(1);
    expect(st).toMatchObject({ kind: 'resident', dirty: false, slot: 0 }); // the store copy is kept
    expect(store.slotsInUse).toBe(1);
  });

  it('drops a clean paged-in page without writing it again, and rewrites the same slot once dirty', () => {
    const store = new MemoryBackingStore();
    const pager = new Pager(pool(2), store, { cap: 1 });
    const g = pager.createGuest({ ramSize: 4 * PAGE_SIZE });
    const real = pager.frames.real;
    real[g.touch(gpa(0), true)] = 1;
    g.touch(gpa(1)); // page 0 out: write 1
    expect(real[g.touch(gpa(0))]).toBe(1); // in, read only
    g.touch(gpa(1)); // page 0 out again, clean: no write
    expect(store.writes).toBe(1);
    expect(g.state(0)).toEqual({ kind: 'paged-out', slot: 0 });
    real[g.touch(gpa(0), true)] = 2; // in, then written
    g.touch(gpa(2));
    expect(store.writes).toBe(2);
    expect(g.state(0)).toEqual({ kind: 'paged-out', slot: 0 }); // same slot
    expect(real[g.touch(gpa(0))]).toBe(2);
    expect(pager.totals()).toMatchObject({ pageOuts: 2, pageIns: 3, slotsInUse: 1 });
  });

  it('gives referenced pages a second chance (clock)', () => {
    const aged: number[] = [];
    const unmapped: number[] = [];
    const pager = new Pager(pool(3), new MemoryBackingStore(), {
      onAge: (_g, p) => aged.push(p), onUnmap: (_g, p) => unmapped.push(p),
    });
    const g = pager.createGuest({ ramSize: 8 * PAGE_SIZE });
    for (const p of [0, 1, 2]) g.touch(gpa(p)); // frames 0, 1, 2, all referenced
    g.touch(gpa(3)); // a full turn clears R of 0, 1, 2; the hand comes back to page 0
    expect(aged).toEqual([0, 1, 2]);
    expect(unmapped).toEqual([0]);
    g.translate(gpa(1)); // page 1 used again: R set
    g.touch(gpa(4)); // hand at frame 1: page 1 referenced (second chance), page 2 is not
    expect(aged).toEqual([0, 1, 2, 1]);
    expect(unmapped).toEqual([0, 2]);
    expect(g.state(1).kind).toBe('resident');
  });

  it('tells onUnmap before each page leaves its frame, with the frame', () => {
    const events: string[] = [];
    let pager!: Pager;
    pager = new Pager(pool(2), new MemoryBackingStore(), {
      cap: 1,
      onUnmap: (guest, page, frame) => {
        const m = pager.guest(guest)!;
        // Still mapped when the hook runs: the core can find what to drop.
        expect(m.state(page)).toMatchObject({ kind: 'resident', frame });
        events.push(`${guest}:${page}@${frame}`);
      },
    });
    const a = pager.createGuest({ ramSize: 2 * PAGE_SIZE });
    const b = pager.createGuest({ ramSize: 2 * PAGE_SIZE });
    a.touch(gpa(1), true);
    b.touch(gpa(0));
    a.touch(gpa(0));
    pager.destroyGuest(a);
    expect(events).toEqual(['0:1@0', '1:0@0', '0:0@0']);
  });

  it('evicts down to a lowered cap and fails a fault when no frame can be had', () => {
    const fa = pool(4);
    const pager = new Pager(fa, new MemoryBackingStore());
    const g = pager.createGuest({ ramSize: 8 * PAGE_SIZE });
    for (let p = 0; p < 4; p++) g.write(gpa(p), new Uint8Array([p + 1]));
    expect(pager.totals().resident).toBe(4);
    pager.setCap(2);
    expect(pager.totals()).toMatchObject({ resident: 2, pagedOut: 2, pageOuts: 2, cap: 2 });
    expect(fa.usedCount).toBe(2);
    const h1 = fa.alloc(OWNER_HOST);
    const h2 = fa.alloc(OWNER_HOST); // the hypervisor takes the two free frames
    expect([h1, h2].every((f) => f >= 0)).toBe(true);
    for (let p = 0; p < 4; p++) { // the guest pages among its two frames
      const b = new Uint8Array(1);
      expect(g.read(gpa(p), b)).toBe(true);
      expect(b[0]).toBe(p + 1);
    }
    pager.destroyGuest(g);
    fa.alloc(OWNER_HOST); fa.alloc(OWNER_HOST); // now every frame is the host's
    const g2 = pager.createGuest({ ramSize: PAGE_SIZE });
    expect(g2.touch(RAM)).toBe(FAULT_NO_MEMORY);
    expect(() => pager.setCap(0)).toThrow(RangeError);
    expect(() => pager.setCap(5)).toThrow(RangeError);
  });

  it('frees all frames and backing slots of a destroyed guest and reuses its id', () => {
    const store = new MemoryBackingStore();
    const fa = pool(4);
    const pager = new Pager(fa, store, { cap: 3 });
    const a = pager.createGuest({ ramSize: 16 * PAGE_SIZE });
    const b = pager.createGuest({ ramSize: 16 * PAGE_SIZE });
    for (let p = 0; p < 16; p++) a.write(gpa(p), new Uint8Array([0xaa]));
    b.write(gpa(0), new Uint8Array([0xbb]));
    expect(store.slotsInUse).toBe(14); // 16 written, 2 still resident beside b's page
    pager.destroyGuest(a.id);
    expect(store.slotsInUse).toBe(0);
    expect(fa.usedCount).toBe(1);
    expect(pager.guestIds).toEqual([1]);
    expect(a.table.every((e) => e === 0)).toBe(true);
    const c = pager.createGuest({ ramSize: 16 * PAGE_SIZE });
    expect(c.id).toBe(0);
    const seen = new Uint8Array(16 * PAGE_SIZE);
    expect(c.read(RAM, seen)).toBe(true);
    expect(seen.every((x) => x === 0)).toBe(true); // a fresh guest sees zeros only
    expect(pager.stats(0)).toMatchObject({ zeroFills: 16, pageIns: 0, pageOuts: 0, drops: 13 }); // its own events only
    expect(pager.totals()).toMatchObject({ guests: 2, resident: 3, slotsInUse: 1 });
    expect(() => pager.destroyGuest(a)).toThrow(/not a live guest/);
    expect(() => pager.stats(5)).toThrow(/not a live guest/);
  });

  it('brings pages in from a page source on first touch, drops clean ones back to it, and lets it go when no page needs it', () => {
    const store = new MemoryBackingStore();
    const pager = new Pager(pool(4), store, { cap: 2 });
    const g = pager.createGuest({ ramSize: 8 * PAGE_SIZE });
    const reads: number[] = [];
    const source = { read: (page: number, into: Uint8Array) => { reads.push(page); into.fill(0x40 + page); } };
    pager.attachSource(g, source, [1, 2, 5]);
    expect(() => pager.attachSource(g, source, [3])).toThrow(/still has pages from another source/);
    expect([1, 2, 5].map((p) => g.state(p).kind)).toEqual(['in-source', 'in-source', 'in-source']);
    expect(g.translate(gpa(1))).toBeLessThan(0); // not resident: the core exits, the host faults it in
    const peeked = new Uint8Array(PAGE_SIZE);
    pager.peek(g, 2, peeked); // a host read: no frame
    expect(peeked[0]).toBe(0x42);
    expect(pager.stats(g.id)).toMatchObject({ sourced: 3, resident: 0, faults: 0 });
    const real = pager.frames.real;
    expect(real[g.touch(gpa(1, 9))]).toBe(0x41);
    real[g.touch(gpa(2, 9), true)] = 0x99; // brought in, then written
    expect(pager.stats(g.id)).toMatchObject({ sourced: 1, sourceIns: 2, resident: 2 });
    g.touch(gpa(0)); // cap reached: page 1 (clean) goes back to the source without a write
    g.touch(gpa(3)); // and page 2 (dirty) to the store
    expect(g.state(1)).toEqual({ kind: 'in-source' });
    expect(g.state(2)).toEqual({ kind: 'paged-out', slot: 0 });
    expect(store.writes).toBe(1);
    expect(real[g.touch(gpa(1, 9))]).toBe(0x41); // from the source again
    expect(real[g.touch(gpa(2, 9))]).toBe(0x99); // from the store
    expect(reads).toEqual([2, 1, 2, 1]);
    expect(g.source).toBe(source);
    pager.discard(g, 5); // given back: zeros from now on
    expect(g.state(5)).toEqual({ kind: 'absent' });
    expect(real[g.touch(gpa(5))]).toBe(0);
    pager.discard(g, 1);
    expect(g.source).toBeNull(); // no page needs it any more
    expect(pager.stats(g.id)).toMatchObject({ sourced: 0 });
    pager.attachSource(g, source, [6]);
    pager.destroyGuest(g);
    expect(g.source).toBeNull();
    expect(pager.totals()).toMatchObject({ sourced: 0, resident: 0 });
  });

  it('a page source that fails stops the fault with an error naming the snapshot, and nothing is lost', () => {
    const pager = new Pager(pool(4), new MemoryBackingStore());
    const g = pager.createGuest({ ramSize: 4 * PAGE_SIZE });
    let fail = true;
    pager.attachSource(g, { read: (_p, into) => { if (fail) throw new Error('chunk 0 does not inflate'); into.fill(7); } }, [0]);
    expect(() => g.touch(gpa(0))).toThrow(/page 0x80000000 from the snapshot it was restored from, but it cannot be read: chunk 0 does not inflate/);
    expect(g.state(0)).toEqual({ kind: 'in-source' });
    expect(pager.frames.freeCount).toBe(4);
    fail = false;
    expect(pager.frames.real[g.touch(gpa(0))]).toBe(7);
  });

  it('refuses a map that belongs to another pager', () => {
    const p1 = new Pager(pool(1), new MemoryBackingStore());
    const p2 = new Pager(pool(1), new MemoryBackingStore());
    const g = p1.createGuest({ ramSize: PAGE_SIZE });
    expect(() => p2.fault(g, 0, false)).toThrow(/not a live guest/);
  });

  it('needs onUnmap: a translation cached past an eviction would reach another guest', () => {
    // What the hook prevents: guest A caches a real offset (as a TLB would), guest B's fault
    // takes the frame, and a write through the stale offset lands in B's page.
    const pager = new Pager(pool(1), new MemoryBackingStore());
    const a = pager.createGuest({ ramSize: PAGE_SIZE });
    const b = pager.createGuest({ ramSize: PAGE_SIZE });
    const stale = a.touch(RAM, true);
    let dropped = false;
    pager.onUnmap = (guest) => { if (guest === a.id) dropped = true; };
    b.write(RAM, new Uint8Array([0xbb]));
    expect(dropped).toBe(true);
    expect(b.translate(RAM)).toBe(stale); // same frame, now B's
  });
});

describe('FileBackingStore', () => {
  it('keeps slots at their positions in a file and shrinks it when the last slots go', () => {
    const path = join(tmp, 'swap');
    const s = FileBackingStore.open(path);
    const page = (v: number) => new Uint8Array(PAGE_SIZE).fill(v);
    s.write(3, page(3));
    s.write(0, page(0xf0));
    expect(statSync(path).size).toBe(4 * PAGE_SIZE);
    const into = new Uint8Array(PAGE_SIZE);
    s.read(3, into);
    expect(into.every((x) => x === 3)).toBe(true);
    s.write(3, page(4)); // overwrite in place
    s.read(3, into);
    expect(into[4095]).toBe(4);
    expect(() => s.read(1, into)).toThrow(/holds nothing/);
    expect(() => s.write(1, new Uint8Array(10))).toThrow(RangeError);
    s.free(3);
    expect(statSync(path).size).toBe(PAGE_SIZE);
    expect(() => s.free(3)).toThrow(/holds nothing/);
    s.read(0, into);
    expect(into[0]).toBe(0xf0);
    expect(s.slotsInUse).toBe(1);
    s.close();
    expect(() => s.read(0, into)).toThrow(/closed/);
  });

  it('without a path uses an anonymous temporary file', () => {
    const s = FileBackingStore.open();
    expect(existsSync(s.path)).toBe(false); // unlinked once open
    s.write(7, new Uint8Array(PAGE_SIZE).fill(7));
    const into = new Uint8Array(PAGE_SIZE);
    s.read(7, into);
    expect(into[100]).toBe(7);
    s.close();
  });
});

// ---- isolation: the property test ----

describe('isolation', () => {
  const stores: [string, () => MemoryBackingStore | FileBackingStore][] = [
    ['memory', () => new MemoryBackingStore()],
    ['file', () => FileBackingStore.open()],
  ];
  for (const SEED of SEEDS) for (const [name, make] of stores) {
    it(`several guests under a small cap never see each other's bytes (${name} backing store, ${ROUNDS} rounds, seed ${SEED})`, () => {
      console.log(`[pager] seed ${SEED} (replay with RVISOR_PAGER_SEED=${SEED}), ${name} backing store`);
      const sum = { pageIns: 0, pageOuts: 0, drops: 0, zeroFills: 0, refused: 0, unmaps: 0, destroyed: 0, reusedZeroed: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        let r: ReturnType<typeof isolationRun>;
        try {
          r = isolationRun((SEED * 1000 + round) >>> 0, make);
        } catch (e) {
          if (e instanceof Failure) throw new Error(`round ${round}, ${e.message}\n  replay: RVISOR_PAGER_SEED=${SEED}`);
          throw e;
        }
        sum.pageIns += r.t.pageIns; sum.pageOuts += r.t.pageOuts; sum.drops += r.t.drops; sum.zeroFills += r.t.zeroFills;
        sum.refused += r.t.refused; sum.unmaps += r.unmaps; sum.destroyed += r.destroyed; sum.reusedZeroed += r.zeroFillsOnReusedFrames;
      }
      console.log(`[pager] seed ${SEED}, ${name} store, ${ROUNDS} rounds: ${JSON.stringify(sum)}`);
      // The runs exercised what they claim to test.
      for (const k of Object.keys(sum) as (keyof typeof sum)[]) expect(sum[k], k).toBeGreaterThan(0);
    });
  }
});

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Every value a guest stores carries its tag in the top byte of each 32-bit word, so a word
// read from the wrong frame says whose it is.
const TAG_BASE = 0xa0;
const tagOf = (word: number) => word >>> 24;

class Failure extends Error {}

function isolationRun(seed: number, makeStore: () => BackingStore & { slotsInUse: number; has(slot: number): boolean; close?(): void }) {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const where = { op: 0, what: '' };
  const fail = (msg: string): never => { throw new Failure(`seed ${seed}, op ${where.op} (${where.what}): ${msg}`); };

  const total = 12 + int(20);
  const fa = pool(total);
  const hostFrames: number[] = [];
  for (let i = int(3); i > 0; i--) { // the hypervisor's own frames: never paged, never given out
    const f = fa.alloc(OWNER_HOST);
    fa.bytes(f).fill(0xee);
    hostFrames.push(f);
  }
  const store = makeStore();
  const pager = new Pager(fa, store, { cap: 1 + int(total - hostFrames.length) });

  // The simulated core: a TLB of (guest, page, write) → real offset that is trusted on a hit
  // and filled from the raw table on a miss. onUnmap and onAge drop entries.
  const tlb = new Map<string, number>();
  const key = (g: number, p: number, w: boolean) => `${g}:${p}:${w ? 'w' : 'r'}`;
  let unmaps = 0;
  const framesThatHeldData = new Set<number>();
  pager.onUnmap = (g, p, f) => {
    unmaps++;
    tlb.delete(key(g, p, false)); tlb.delete(key(g, p, true));
    if (fa.bytes(f).some((x) => x !== 0)) framesThatHeldData.add(f);
  };
  // A core may also drop entries when the clock ages a page (so the next access sets R
  // again); then onUnmap finds none left to drop. Half the rounds do not, so that evicting a
  // page with live TLB entries, where only onUnmap stands between a guest and a reused frame,
  // happens too.
  if (int(2)) pager.onAge = (g, p) => { tlb.delete(key(g, p, false)); tlb.delete(key(g, p, true)); };
  let zeroFillsOnReusedFrames = 0;

  type Guest = { map: GuestMemoryMap; model: Uint8Array; tag: number };
  const guests: Guest[] = [];
  let tags = 0;
  const newGuest = () => {
    const pages = 1 + int(20);
    const ramBase = int(2) ? RAM : int(16) * 0x1000_0000;
    const map = pager.createGuest({ ramSize: pages * PAGE_SIZE, ramBase });
    guests.push({ map, model: new Uint8Array(pages * PAGE_SIZE), tag: TAG_BASE + (tags++ % 0x50) });
  };
  for (let n = 2 + int(4); n > 0; n--) newGuest();

  const real = fa.real;
  const dv = new DataView(real.buffer, real.byteOffset, real.byteLength);
  const mdv = (g: Guest) => new DataView(g.model.buffer);
  const word = (g: Guest) => ((g.tag << 24) | int(1 << 24)) >>> 0;

  // The core's path: TLB hit, else the raw table, else exit to the host (touch) and retry.
  const coreAccess = (g: Guest, addr: number, write: boolean): number => {
    const m = g.map;
    const page = m.pageOf(addr);
    const off = (addr - m.ramBase) % PAGE_SIZE;
    const hit = tlb.get(key(m.id, page, write));
    if (hit !== undefined) return hit + off;
    for (let tries = 0; tries < 2; tries++) {
      const e = m.table[page];
      if (e & MAP_V) {
        m.table[page] = e | MAP_R | (write ? MAP_D : 0);
        const base = (e >>> 12) * PAGE_SIZE;
        tlb.set(key(m.id, page, write), base);
        return base + off;
      }
      const before = pager.totals().zeroFills;
      const r = m.touch(addr, write);
      if (r < 0) fail(`touch of ${addr.toString(16)} in guest ${m.id} gave ${r}`);
      if (pager.totals().zeroFills > before && framesThatHeldData.has(Math.floor(r / PAGE_SIZE))) zeroFillsOnReusedFrames++;
    }
    return fail('page not resident right after its fault');
  };

  const checkWord = (g: Guest, rel: number, got: number) => {
    const want = mdv(g).getUint32(rel, true);
    if (got === want) return;
    const owner = guests.find((o) => o.tag === tagOf(got));
    fail(`guest ${g.map.id} read ${got.toString(16)} at +${rel.toString(16)}, expected ${want.toString(16)}` +
      (owner && owner !== g ? ` — that is guest ${owner.map.id}'s data` : ''));
  };

  const checkAll = () => {
    const frameUser = new Map<number, string>();
    const slotUser = new Map<number, string>();
    let resident = 0;
    let pagedOut = 0;
    const buf = new Uint8Array(PAGE_SIZE);
    for (const g of guests) {
      const m = g.map;
      let gRes = 0;
      for (let p = 0; p < m.pages; p++) {
        const e = m.table[p];
        const want = g.model.subarray(p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
        const who = `guest ${m.id} page ${p}`;
        if (e & MAP_V) {
          const f = e >>> 12;
          if (f >= total) fail(`${who}: frame ${f} out of the pool`);
          if (frameUser.has(f)) fail(`frame ${f} mapped by ${who} and ${frameUser.get(f)}`);
          frameUser.set(f, who);
          if (fa.owner[f] !== m.id || fa.ownerPage[f] !== p) fail(`${who}: frame ${f} owned by ${fa.owner[f]}/${fa.ownerPage[f]}`);
          if ((e & 0xfd0) !== 0) fail(`${who}: reserved bits (or a shared frame) in ${e.toString(16)}`); // MAP_C may be set
          if (!equal(fa.bytes(f), want)) fail(`${who}: frame ${f} holds the wrong bytes (${tagsIn(fa.bytes(f))})`);
          if (m.slots[p] >= 0) {
            const s = m.slots[p];
            if (slotUser.has(s)) fail(`slot ${s} used by ${who} and ${slotUser.get(s)}`);
            slotUser.set(s, who);
            if (!store.has(s)) fail(`${who}: kept slot ${s} is not in the store`);
            if ((e & MAP_D) === 0) { // clean: the copy must be identical
              store.read(s, buf);
              if (!equal(buf, want)) fail(`${who}: clean page differs from its slot ${s}`);
            }
          }
          gRes++;
        } else {
          if (m.slots[p] !== -1) fail(`${who}: slot kept for a page that is not resident`);
          if (e & MAP_S) {
            const s = e >>> 12;
            if ((e & 0xff7) !== 0) fail(`${who}: stray bits in paged-out entry ${e.toString(16)}`);
            if (slotUser.has(s)) fail(`slot ${s} used by ${who} and ${slotUser.get(s)}`);
            slotUser.set(s, who);
            store.read(s, buf);
            if (!equal(buf, want)) fail(`${who}: slot ${s} holds the wrong bytes (${tagsIn(buf)})`);
            pagedOut++;
          } else {
            if (e !== 0) fail(`${who}: not-present entry is ${e.toString(16)}`);
            if (want.some((x) => x !== 0)) fail(`${who}: written data was lost (page dropped)`);
          }
        }
      }
      if (pager.stats(m.id).resident !== gRes) fail(`guest ${m.id}: stats say ${pager.stats(m.id).resident} resident, table ${gRes}`);
      resident += gRes;
    }
    for (let f = 0; f < total; f++) { // no frame owned by a guest without its table mapping it
      if (fa.owner[f] >= 0 && !frameUser.has(f)) fail(`frame ${f} owned by guest ${fa.owner[f]} but mapped by no page`);
    }
    for (const f of hostFrames) if (fa.owner[f] !== OWNER_HOST || fa.bytes(f).some((x) => x !== 0xee)) fail(`host frame ${f} was touched`);
    const t = pager.totals();
    if (resident > pager.cap) fail(`${resident} frames resident over the cap ${pager.cap}`);
    if (t.resident !== resident || t.pagedOut !== pagedOut) fail(`totals ${t.resident}/${t.pagedOut}, tables ${resident}/${pagedOut}`);
    if (fa.usedCount !== resident + hostFrames.length) fail(`${fa.usedCount} frames used, ${resident} resident + ${hostFrames.length} host`);
    if (store.slotsInUse !== slotUser.size || t.slotsInUse !== slotUser.size) fail(`store has ${store.slotsInUse} slots, pager ${t.slotsInUse}, tables ${slotUser.size}`);
    for (const [k, off] of tlb) { // every cached translation still points at that page's frame
      const [g, p] = k.split(':').map(Number);
      const e = pager.guest(g)?.table[p] ?? 0;
      if ((e & MAP_V) === 0 || (e >>> 12) * PAGE_SIZE !== off) fail(`stale TLB entry ${k}`);
    }
  };

  const ops = 400 + int(800);
  let destroyed = 0;
  for (where.op = 0; where.op < ops; where.op++) {
    const g = guests[int(guests.length)];
    const m = g.map;
    const size = m.ramSize;
    const r = int(100);
    if (r < 25) { // store a word through the core's path
      where.what = 'core store';
      const rel = int(size / 4) * 4;
      const w = word(g);
      dv.setUint32(coreAccess(g, m.ramBase + rel, true), w, true);
      mdv(g).setUint32(rel, w, true);
    } else if (r < 50) { // load a word through the core's path
      where.what = 'core load';
      const rel = int(size / 4) * 4;
      checkWord(g, rel, dv.getUint32(coreAccess(g, m.ramBase + rel, false), true));
    } else if (r < 58) { // fill a page through touch + the real array
      where.what = 'fill page';
      const p = int(m.pages);
      const at = m.touch(m.ramBase + p * PAGE_SIZE, true);
      for (let i = 0; i < PAGE_SIZE; i += 4) {
        const w = word(g);
        dv.setUint32(at + i, w, true);
        mdv(g).setUint32(p * PAGE_SIZE + i, w, true);
      }
    } else if (r < 68) { // verify a whole page through translate/touch
      where.what = 'verify page';
      const p = int(m.pages);
      const at = int(2) ? m.touch(m.ramBase + p * PAGE_SIZE) : m.translate(m.ramBase + p * PAGE_SIZE);
      if (at >= 0) for (let i = 0; i < PAGE_SIZE; i += 4) checkWord(g, p * PAGE_SIZE + i, dv.getUint32(at + i, true));
    } else if (r < 76) { // copy a range in or out with map.write / map.read
      where.what = 'range copy';
      const rel = int(size);
      const len = 1 + int(Math.min(size - rel, 3 * PAGE_SIZE));
      if (int(2)) {
        const data = new Uint8Array(len);
        const v = new DataView(data.buffer);
        for (let i = 0; i + 4 <= len; i += 4) v.setUint32(i, word(g), true);
        if (!m.write(m.ramBase + rel, data)) fail('write refused inside RAM');
        g.model.set(data, rel);
      } else {
        const into = new Uint8Array(len);
        if (!m.read(m.ramBase + rel, into)) fail('read refused inside RAM');
        const want = g.model.subarray(rel, rel + len);
        if (!equal(into, want)) fail(`range read +${rel.toString(16)}…+${len.toString(16)} differs (${tagsIn(into)})`);
      }
    } else if (r < 84) { // outside RAM: refused, and nothing changes
      where.what = 'outside RAM';
      const bad = int(2) ? m.ramBase + size + int(4) * PAGE_SIZE + int(PAGE_SIZE) : m.ramBase - 1 - int(4 * PAGE_SIZE);
      const usedBefore = fa.usedCount;
      const res = [m.translate(bad, true), m.touch(bad, true), m.touch(bad)];
      if (res.some((x) => x !== FAULT_OUT_OF_RANGE)) fail(`gpa ${bad.toString(16)} outside RAM gave ${res}`);
      if (m.write(bad, new Uint8Array([1])) || m.read(bad, new Uint8Array(1))) fail('copy outside RAM accepted');
      if (fa.usedCount !== usedBefore) fail('a refused access allocated a frame');
    } else if (r < 92) { // every guest's whole memory and the pager's books
      where.what = 'check all';
      checkAll();
    } else if (r < 96) { // change the cap
      where.what = 'set cap';
      pager.setCap(1 + int(total - hostFrames.length));
    } else if (guests.length > 1 || int(2)) { // destroy a guest (and maybe start another)
      where.what = 'destroy';
      const slotsBefore = store.slotsInUse;
      const usedBefore = fa.usedCount;
      const st = pager.stats(m.id);
      const own = Array.from(m.table).filter((e) => e & MAP_S).length + Array.from(m.slots).filter((s) => s >= 0).length;
      pager.destroyGuest(m);
      guests.splice(guests.indexOf(g), 1);
      destroyed++;
      if (store.slotsInUse !== slotsBefore - own) fail(`destroy left ${store.slotsInUse - (slotsBefore - own)} slots behind`);
      if (fa.usedCount !== pager.totals().resident + hostFrames.length || fa.usedCount > usedBefore - st.resident) fail('destroy left frames behind');
      if (fa.owner.some((o) => o === m.id)) fail('a frame still names the destroyed guest');
      for (const k of tlb.keys()) if (k.startsWith(`${m.id}:`)) fail(`TLB entry ${k} survived destruction`);
      if (guests.length < 6 && int(3)) newGuest();
      if (guests.length === 0) newGuest();
    }
  }
  where.what = 'final check';
  checkAll();
  const t = pager.totals();
  store.close?.();
  return { t, unmaps, destroyed, zeroFillsOnReusedFrames };
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0 && a.length % 4 === 0) {
    const x = new Uint32Array(a.buffer, a.byteOffset, a.length / 4);
    const y = new Uint32Array(b.buffer, b.byteOffset, b.length / 4);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function tagsIn(b: Uint8Array): string { // which guests' tags a wrong page holds
  const tags = new Set<string>();
  for (let i = 3; i < b.length; i += 4) if (b[i]) tags.add(b[i].toString(16));
  return tags.size ? `tags ${[...tags].slice(0, 6).join(',')}` : 'zeros';
}
