// virtio-balloon at the device level (virtio 1.x 5.5), with a small fake transport over a fake
// guest memory: inflate and deflate (pages given back to the host), the statistics queue (the
// device holds the driver's buffer and hands it back for fresh figures), free page reporting,
// queue numbering by negotiated features, config writes, the target.
import { describe, it, expect } from 'vitest';
import { Virtqueue, type GuestMemory } from '../src/devices/virtqueue';
import type { VirtioHost } from '../src/devices/virtio-mmio';
import {
  VirtioBalloon, VIRTIO_BALLOON_F_STATS_VQ, VIRTIO_BALLOON_F_PAGE_REPORTING, VIRTIO_BALLOON_F_PAGE_POISON,
} from '../src/devices/virtio-balloon';

const RAM = 0x8000_0000;
const SIZE = 4 << 20;

function setup(features: number[]) {
  const bytes = new Uint8Array(SIZE);
  const dv = new DataView(bytes.buffer);
  const inside = (pa: number, len: number) => pa >= RAM && pa + len <= RAM + SIZE;
  const mem: GuestMemory = {
    read: (pa, len) => (inside(pa, len) ? bytes.subarray(pa - RAM, pa - RAM + len) : null),
    write: (pa, d) => { if (!inside(pa, d.length)) return false; bytes.set(d, pa - RAM); return true; },
  };
  const queues = [0, 1, 2, 3].map((i) => {
    const q = new Virtqueue(mem, 16);
    q.num = 16; q.desc = RAM + i * 0x4000; q.driver = q.desc + 0x1000; q.device = q.desc + 0x2000; q.ready = true;
    return { q, next: 0, avail: 0, used: 0 };
  });
  let configChanges = 0;
  const discarded: [number, number][] = [];
  const dev = new VirtioBalloon({ discard: (pa, len) => discarded.push([pa, len]) });
  const host: VirtioHost = {
    mem, running: true,
    queue: (i) => queues[i]?.q ?? null,
    hasFeature: (bit) => features.includes(bit),
    run: (fn) => fn(),
    configChanged: () => { configChanges++; },
  };
  dev.attach(host);
  let heap = RAM + 0x10_0000;
  // Adds a chain of buffers (data or, for device-writable ones, {addr, len}) to queue i.
  const add = (i: number, bufs: ({ data: Uint8Array } | { addr: number; len: number })[]) => {
    const s = queues[i];
    const ids = bufs.map(() => s.next++ % 16);
    bufs.forEach((b, k) => {
      let addr: number, len: number, flags = 0;
      if ('data' in b) { addr = heap; len = b.data.length; bytes.set(b.data, heap - RAM); heap += (len + 15) & ~15; } else { addr = b.addr; len = b.len; flags = 2; }
      const d = s.q.desc + 16 * ids[k] - RAM;
      dv.setBigUint64(d, BigInt(addr), true); dv.setUint32(d + 8, len, true);
      dv.setUint16(d + 12, flags | (k + 1 < bufs.length ? 1 : 0), true); dv.setUint16(d + 14, ids[k + 1] ?? 0, true);
    });
    dv.setUint16(s.q.driver + 4 + 2 * (s.avail % 16) - RAM, ids[0], true);
    s.avail++;
    dv.setUint16(s.q.driver + 2 - RAM, s.avail, true);
    dev.notify(i);
  };
  const usedCount = (i: number) => dv.getUint16(queues[i].q.device + 2 - RAM, true);
  const le32s = (...v: number[]) => new Uint8Array(Uint32Array.from(v).buffer);
  return { dev, add, usedCount, discarded, le32s, get configChanges() { return configChanges; } };
}

describe('virtio-balloon', () => {
  it('offers stats, deflate on OOM, page poison and free page reporting, and is device 5 with 16 bytes of config', () => {
    const { dev } = setup([]);
    expect(dev.deviceId).toBe(5);
    expect(dev.config.length).toBe(16);
    for (const bit of [1, 2, 4, 5]) expect((dev.features >> BigInt(bit)) & 1n).toBe(1n);
    expect((dev.features >> 3n) & 1n).toBe(0n); // no free page hinting
    expect(dev.features >> 0n & 1n).toBe(0n); // no MUST_TELL_HOST: deflated pages are simply used again
  });

  it('gives inflated pages back to the host and counts both directions', () => {
    const t = setup([VIRTIO_BALLOON_F_STATS_VQ]);
    t.add(0, [{ data: t.le32s(0x80100, 0x80101, 0x803ff) }]);
    expect(t.discarded).toEqual([[0x8010_0000, 4096], [0x8010_1000, 4096], [0x803f_f000, 4096]]);
    expect(t.usedCount(0)).toBe(1);
    expect(t.dev.inflated).toBe(3);
    t.add(1, [{ data: t.le32s(0x80100) }]);
    expect(t.discarded).toHaveLength(3); // deflating needs nothing from the host
    expect(t.dev.inflated).toBe(2);
    expect(t.usedCount(1)).toBe(1);
  });

  it('keeps the stats buffer, reads its records, and hands it back when asked', () => {
    const t = setup([VIRTIO_BALLOON_F_STATS_VQ, VIRTIO_BALLOON_F_PAGE_REPORTING]);
    const rec = (tag: number, v: number) => { const b = new Uint8Array(10); const d = new DataView(b.buffer); d.setUint16(0, tag, true); d.setBigUint64(2, BigInt(v), true); return b; };
    const stats = new Uint8Array(30);
    stats.set(rec(4, 41 << 20), 0); stats.set(rec(5, 64 << 20), 10); stats.set(rec(7, 11 << 20), 20);
    t.add(2, [{ data: stats }]);
    expect(t.dev.stats).toEqual({ memFree: 41 << 20, memTotal: 64 << 20, diskCaches: 11 << 20 });
    expect(t.usedCount(2)).toBe(0); // held by the device
    expect(t.dev.requestStats()).toBe(true);
    expect(t.usedCount(2)).toBe(1);
    expect(t.dev.requestStats()).toBe(false); // nothing held until the driver offers it again
  });

  it('gives reported free pages back (queue 3 with stats, 2 without) and refuses misaligned reports', () => {
    const t = setup([VIRTIO_BALLOON_F_STATS_VQ, VIRTIO_BALLOON_F_PAGE_REPORTING]);
    t.add(3, [{ addr: 0x8020_0000, len: 2 << 20 }, { addr: 0x8060_0000, len: 2 << 20 }]);
    expect(t.discarded).toEqual([[0x8020_0000, 2 << 20], [0x8060_0000, 2 << 20]]);
    expect(t.dev.reportedPages).toBe(1024);
    expect(t.usedCount(3)).toBe(1);
    const u = setup([VIRTIO_BALLOON_F_PAGE_REPORTING]);
    u.add(2, [{ addr: 0x8020_0000, len: 4096 }]);
    expect(u.discarded).toEqual([[0x8020_0000, 4096]]);
    expect(() => u.add(2, [{ addr: 0x8020_0800, len: 4096 }])).toThrow(/not page aligned/);
  });

  it('does not drop reported pages the guest poisons with a nonzero value', () => {
    const t = setup([VIRTIO_BALLOON_F_PAGE_REPORTING, VIRTIO_BALLOON_F_PAGE_POISON]);
    t.dev.writeConfig(12, 4, 0xaa);
    t.add(2, [{ addr: 0x8020_0000, len: 4096 }]);
    expect(t.discarded).toEqual([]);
    t.dev.writeConfig(12, 4, 0); // init_on_free: zeros, which a fresh frame reads as
    t.add(2, [{ addr: 0x8020_0000, len: 4096 }]);
    expect(t.discarded).toEqual([[0x8020_0000, 4096]]);
  });

  it('asks for a target through num_pages and reads the driver\'s actual', () => {
    const t = setup([]);
    t.dev.setTarget(300);
    expect(t.dev.target).toBe(300);
    expect(t.configChanges).toBe(1);
    t.dev.setTarget(300);
    expect(t.configChanges).toBe(1); // no change, no interrupt
    t.dev.writeConfig(4, 4, 280);
    t.dev.writeConfig(0, 4, 5); // num_pages is the device's
    expect([t.dev.actual, t.dev.target]).toEqual([280, 300]);
  });
});
