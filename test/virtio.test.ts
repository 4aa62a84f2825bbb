// Register-level tests of the virtio-mmio transport, the split virtqueues and the virtio
// devices, driven by a small test driver over a fake guest memory: no core, no machine.
import { describe, expect, it } from 'vitest';
import {
  VirtioMmio, VirtioMmioEmpty, type VirtioDevice, VIRTIO_F_VERSION_1, VIRTIO_F_INDIRECT_DESC, VIRTIO_F_EVENT_IDX,
  STATUS_ACKNOWLEDGE, STATUS_DRIVER, STATUS_FEATURES_OK, STATUS_DRIVER_OK, STATUS_DEVICE_NEEDS_RESET,
} from '../src/devices/virtio-mmio';
import type { GuestMemory } from '../src/devices/virtqueue';
import {
  VirtioBlk, VIRTIO_BLK_T_IN, VIRTIO_BLK_T_OUT, VIRTIO_BLK_T_FLUSH, VIRTIO_BLK_T_GET_ID,
  VIRTIO_BLK_S_OK, VIRTIO_BLK_S_IOERR, VIRTIO_BLK_S_UNSUPP, VIRTIO_BLK_F_RO, VIRTIO_BLK_F_FLUSH,
} from '../src/devices/virtio-blk';
import { MemoryBlockBackend, OverlayBlockBackend, type BlockBackend } from '../src/devices/block-backend';
import { VirtioRng } from '../src/devices/virtio-rng';
import { VirtioConsole, VIRTIO_CONSOLE_F_SIZE } from '../src/devices/virtio-console';
import { VirtioNet, VIRTIO_NET_F_MAC, VIRTIO_NET_F_STATUS, type NetPort } from '../src/devices/virtio-net';
import { NetSwitch, NetTestPeer, inetChecksum } from '../src/devices/net-switch';
import { FileBlockBackend } from '../src/node/file-block-backend';
import { UserError } from '../src/machine/machine';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// ---- fake guest memory: 1 MiB of RAM at 0x8000_0000 ----
const RAM = 0x8000_0000;
const RAM_SIZE = 1 << 20;

function fakeMemory() {
  const bytes = new Uint8Array(RAM_SIZE);
  const inside = (pa: number, len: number) => pa >= RAM && pa + len <= RAM + RAM_SIZE;
  let reads = 0;
  const mem: GuestMemory = {
    // A view, as the machine's implementation returns: callers must copy what they keep.
    read: (pa, len) => { reads++; return inside(pa, len) ? bytes.subarray(pa - RAM, pa - RAM + len) : null; },
    write: (pa, data) => {
      if (!inside(pa, data.length)) return false;
      bytes.set(data, pa - RAM);
      return true;
    },
  };
  const dv = new DataView(bytes.buffer);
  return {
    mem, bytes,
    get reads() { return reads; },
    u8: (pa: number) => bytes[pa - RAM],
    u16: (pa: number) => dv.getUint16(pa - RAM, true),
    u32: (pa: number) => dv.getUint32(pa - RAM, true),
    set16: (pa: number, v: number) => dv.setUint16(pa - RAM, v, true),
    set32: (pa: number, v: number) => dv.setUint32(pa - RAM, v, true),
    set64: (pa: number, v: number) => dv.setBigUint64(pa - RAM, BigInt(v), true),
    put: (pa: number, data: Uint8Array) => bytes.set(data, pa - RAM),
    get: (pa: number, len: number) => bytes.slice(pa - RAM, pa - RAM + len),
  };
}
type FakeMem = ReturnType<typeof fakeMemory>;

// ---- register offsets ----
const R = {
  MAGIC: 0x000, VERSION: 0x004, DEVICE_ID: 0x008, VENDOR_ID: 0x00c, DEVICE_FEATURES: 0x010, DEVICE_FEATURES_SEL: 0x014,
  DRIVER_FEATURES: 0x020, DRIVER_FEATURES_SEL: 0x024, QUEUE_SEL: 0x030, QUEUE_NUM_MAX: 0x034, QUEUE_NUM: 0x038,
  QUEUE_READY: 0x044, QUEUE_NOTIFY: 0x050, INTERRUPT_STATUS: 0x060, INTERRUPT_ACK: 0x064, STATUS: 0x070,
  QUEUE_DESC_LOW: 0x080, QUEUE_DESC_HIGH: 0x084, QUEUE_DRIVER_LOW: 0x090, QUEUE_DRIVER_HIGH: 0x094,
  QUEUE_DEVICE_LOW: 0x0a0, QUEUE_DEVICE_HIGH: 0x0a4, SHM_SEL: 0x0ac, SHM_LEN_LOW: 0x0b0, SHM_LEN_HIGH: 0x0b4,
  CONFIG_GENERATION: 0x0fc, CONFIG: 0x100,
};
const F = (bit: number) => 1n << BigInt(bit);
const NEXT = 1, WRITE = 2, INDIRECT = 4;

interface Buf { addr: number; len: number; write?: boolean }
interface QueueLayout { num: number; desc: number; avail: number; used: number; nextDesc: number; availIdx: number; lastUsed: number }

// A minimal virtio driver: negotiation, queue setup, chains (direct or through an indirect
// table), notifications, and reading the used ring.
class TestDriver {
  readonly warnings: string[] = [];
  irqLevel = false;
  irqEdges = 0;
  readonly dev: VirtioMmio;
  readonly queues: QueueLayout[] = [];
  private heap = RAM + 0x8_0000; // buffers and indirect tables

  constructor(readonly m: FakeMem, device: VirtioDevice, queueSize?: number) {
    this.dev = new VirtioMmio(device, {
      mem: m.mem, queueSize, warn: (msg) => this.warnings.push(msg),
      irq: (l) => { if (l && !this.irqLevel) this.irqEdges++; this.irqLevel = l; },
    });
  }

  r(off: number, size = 4): number { return this.dev.read(off, size) >>> 0; }
  w(off: number, v: number, size = 4): void { this.dev.write(off, size, v); }

  offered(): bigint {
    this.w(R.DEVICE_FEATURES_SEL, 0);
    const lo = this.r(R.DEVICE_FEATURES);
    this.w(R.DEVICE_FEATURES_SEL, 1);
    const hi = this.r(R.DEVICE_FEATURES);
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  // Steps 1-6 of 3.1.1; returns whether FEATURES_OK stuck.
  negotiate(features?: bigint): boolean {
    this.w(R.STATUS, 0);
    this.w(R.STATUS, STATUS_ACKNOWLEDGE);
    this.w(R.STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER);
    const f = features ?? this.offered();
    this.w(R.DRIVER_FEATURES_SEL, 0);
    this.w(R.DRIVER_FEATURES, Number(f & 0xffff_ffffn));
    this.w(R.DRIVER_FEATURES_SEL, 1);
    this.w(R.DRIVER_FEATURES, Number(f >> 32n));
    this.w(R.STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK);
    return (this.r(R.STATUS) & STATUS_FEATURES_OK) !== 0;
  }

  setupQueue(i: number, num = 16): QueueLayout {
    const base = RAM + 0x1_0000 * i;
    const q: QueueLayout = { num, desc: base, avail: base + 0x1000, used: base + 0x2000, nextDesc: 0, availIdx: 0, lastUsed: 0 };
    this.m.bytes.fill(0, base - RAM, base - RAM + 0x4000);
    this.w(R.QUEUE_SEL, i);
    this.w(R.QUEUE_NUM, num);
    this.w(R.QUEUE_DESC_LOW, q.desc); this.w(R.QUEUE_DESC_HIGH, 0);
    this.w(R.QUEUE_DRIVER_LOW, q.avail); this.w(R.QUEUE_DRIVER_HIGH, 0);
    this.w(R.QUEUE_DEVICE_LOW, q.used); this.w(R.QUEUE_DEVICE_HIGH, 0);
    this.w(R.QUEUE_READY, 1);
    this.queues[i] = q;
    return q;
  }

  // Negotiation, every queue, DRIVER_OK.
  init(opts: { features?: bigint; num?: number } = {}): void {
    expect(this.negotiate(opts.features)).toBe(true);
    const n = this.dev.device.queueCount;
    for (let i = 0; i < n; i++) this.setupQueue(i, opts.num ?? 16);
    this.w(R.STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK | STATUS_DRIVER_OK);
  }

  alloc(len: number, align = 16): number {
    this.heap = Math.ceil(this.heap / align) * align;
    const a = this.heap;
    this.heap += len;
    return a;
  }

  buf(data: Uint8Array | number, write = false): Buf {
    const len = typeof data === 'number' ? data : data.length;
    const addr = this.alloc(Math.max(len, 1));
    if (typeof data !== 'number') this.m.put(addr, data);
    else this.m.bytes.fill(0xcc, addr - RAM, addr - RAM + len);
    return { addr, len, write };
  }

  writeDesc(table: number, i: number, d: { addr: number; len: number; flags: number; next: number }): void {
    const a = table + 16 * i;
    this.m.set64(a, d.addr);
    this.m.set32(a + 8, d.len);
    this.m.set16(a + 12, d.flags);
    this.m.set16(a + 14, d.next);
  }

  // Puts a chain in the descriptor table (or an indirect table) and makes it available.
  add(qi: number, bufs: Buf[], opts: { indirect?: boolean; publish?: boolean } = {}): number {
    const q = this.queues[qi];
    let head: number;
    if (opts.indirect) {
      const table = this.alloc(16 * bufs.length);
      bufs.forEach((b, i) => this.writeDesc(table, i, { addr: b.addr, len: b.len, flags: (b.write ? WRITE : 0) | (i + 1 < bufs.length ? NEXT : 0), next: i + 1 }));
      head = q.nextDesc;
      q.nextDesc = (q.nextDesc + 1) % q.num;
      this.writeDesc(q.desc, head, { addr: table, len: 16 * bufs.length, flags: INDIRECT, next: 0 });
    } else {
      const ids = bufs.map(() => { const d = q.nextDesc; q.nextDesc = (q.nextDesc + 1) % q.num; return d; });
      bufs.forEach((b, i) => this.writeDesc(q.desc, ids[i], { addr: b.addr, len: b.len, flags: (b.write ? WRITE : 0) | (i + 1 < bufs.length ? NEXT : 0), next: ids[i + 1] ?? 0 }));
      head = ids[0];
    }
    this.publish(qi, head, opts.publish);
    return head;
  }

  publish(qi: number, head: number, bumpIdx = true): void {
    const q = this.queues[qi];
    this.m.set16(q.avail + 4 + 2 * (q.availIdx % q.num), head);
    q.availIdx = (q.availIdx + 1) & 0xffff;
    if (bumpIdx !== false) this.m.set16(q.avail + 2, q.availIdx);
  }

  kick(qi: number): void { this.w(R.QUEUE_NOTIFY, qi); }

  // Like Linux, ask for an interrupt at the next used buffer (used_event = last seen used idx).
  autoUsedEvent = true;

  // Used elements the device added since the last call.
  used(qi: number): Array<{ id: number; len: number }> {
    const q = this.queues[qi];
    const idx = this.m.u16(q.used + 2);
    const out: Array<{ id: number; len: number }> = [];
    while (q.lastUsed !== idx) {
      const e = q.used + 4 + 8 * (q.lastUsed % q.num);
      out.push({ id: this.m.u32(e), len: this.m.u32(e + 4) });
      q.lastUsed = (q.lastUsed + 1) & 0xffff;
    }
    if (this.autoUsedEvent) this.m.set16(q.avail + 4 + 2 * q.num, q.lastUsed);
    return out;
  }

  ack(): number {
    const s = this.r(R.INTERRUPT_STATUS);
    this.w(R.INTERRUPT_ACK, s);
    return s;
  }

  get needsReset(): boolean { return (this.r(R.STATUS) & STATUS_DEVICE_NEEDS_RESET) !== 0; }
}

const enc = (s: string) => new TextEncoder().encode(s);

function blkHeader(type: number, sector: number): Uint8Array {
  const h = new Uint8Array(16);
  const dv = new DataView(h.buffer);
  dv.setUint32(0, type, true);
  dv.setBigUint64(8, BigInt(sector), true);
  return h;
}

function disk(sectors = 64): { backend: MemoryBlockBackend; flushes: () => number } {
  const data = new Uint8Array(sectors * 512);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7 + (i >> 9)) & 0xff;
  const backend = new MemoryBlockBackend(data);
  let flushes = 0;
  backend.flush = () => { flushes++; };
  return { backend, flushes: () => flushes };
}

function blkDriver(backend: BlockBackend = disk().backend, serial = 'rvisor-disk0') {
  const m = fakeMemory();
  const d = new TestDriver(m, new VirtioBlk(backend, { serial }));
  return { m, d };
}

// ---- transport ----
describe('virtio-mmio transport', () => {
  it('identifies itself as a version 2 device', () => {
    const { d } = blkDriver();
    expect(d.r(R.MAGIC)).toBe(0x7472_6976);
    expect(d.r(R.VERSION)).toBe(2);
    expect(d.r(R.DEVICE_ID)).toBe(2);
    expect(d.r(R.VENDOR_ID)).toBe(0x554d_4551);
    expect(d.r(R.STATUS)).toBe(0);
    expect(d.r(R.CONFIG_GENERATION)).toBe(0);
    d.w(R.SHM_SEL, 0);
    expect(d.r(R.SHM_LEN_LOW)).toBe(0xffff_ffff); // no shared memory regions
    expect(d.r(R.SHM_LEN_HIGH)).toBe(0xffff_ffff);
    expect(d.dev.read(R.MAGIC, 1)).toBe(0); // registers are 32-bit only
    expect(d.dev.read(R.MAGIC + 2, 4)).toBe(0);
  });

  it('an empty slot answers as QEMU\'s: magic, version 2, vendor, device ID 0, writes ignored', () => {
    const e = new VirtioMmioEmpty();
    expect([R.MAGIC, R.VERSION, R.DEVICE_ID, R.VENDOR_ID].map((o) => e.read(o, 4) >>> 0)).toEqual([0x7472_6976, 2, 0, 0x554d_4551]);
    e.write(R.STATUS, 4, 0xf);
    expect(e.read(R.STATUS, 4)).toBe(0);
    expect(e.read(R.DEVICE_FEATURES, 4)).toBe(0);
    expect(e.read(R.MAGIC, 1)).toBe(0);
  });

  it('offers VERSION_1, INDIRECT_DESC and EVENT_IDX besides the device features', () => {
    const { d } = blkDriver();
    const f = d.offered();
    expect(f & F(VIRTIO_F_VERSION_1)).toBeTruthy();
    expect(f & F(VIRTIO_F_INDIRECT_DESC)).toBeTruthy();
    expect(f & F(VIRTIO_F_EVENT_IDX)).toBeTruthy();
    expect(f & F(VIRTIO_BLK_F_FLUSH)).toBeTruthy();
    expect(f & F(VIRTIO_BLK_F_RO)).toBe(0n);
    d.w(R.DEVICE_FEATURES_SEL, 2);
    expect(d.r(R.DEVICE_FEATURES)).toBe(0);
  });

  it('FEATURES_OK for any subset of the offer, with or without VERSION_1 (as QEMU), never for more', () => {
    const { d } = blkDriver();
    const offered = d.offered();
    expect(d.negotiate(offered | F(40))).toBe(false); // something not offered
    expect(d.negotiate(F(3))).toBe(false); // not offered either, in word 0
    expect(d.negotiate(offered & ~F(VIRTIO_F_VERSION_1))).toBe(true); // a driver that never accepts VERSION_1
    expect(d.dev.hasFeature(VIRTIO_F_VERSION_1)).toBe(false);
    expect(d.dev.hasFeature(VIRTIO_F_EVENT_IDX)).toBe(true);
    expect(d.negotiate(0n)).toBe(true);
    expect(d.dev.hasFeature(VIRTIO_F_EVENT_IDX)).toBe(false);
    expect(d.negotiate(F(VIRTIO_F_VERSION_1))).toBe(true);
    expect(d.dev.hasFeature(VIRTIO_F_VERSION_1)).toBe(true);
    expect(d.dev.hasFeature(VIRTIO_F_EVENT_IDX)).toBe(false);
    // Feature writes after FEATURES_OK are ignored.
    d.w(R.DRIVER_FEATURES_SEL, 0);
    d.w(R.DRIVER_FEATURES, Number(F(VIRTIO_F_EVENT_IDX)));
    expect(d.dev.hasFeature(VIRTIO_F_EVENT_IDX)).toBe(false);
    expect(d.warnings).toEqual([]);
  });

  it('queue registers: QueueNumMax per queue, setup values read back, frozen while ready', () => {
    const { d } = blkDriver();
    d.negotiate();
    d.w(R.QUEUE_SEL, 0);
    expect(d.r(R.QUEUE_NUM_MAX)).toBe(256);
    expect(d.r(R.QUEUE_READY)).toBe(0);
    d.w(R.QUEUE_SEL, 1);
    expect(d.r(R.QUEUE_NUM_MAX)).toBe(0); // virtio-blk has one queue
    const q = d.setupQueue(0, 8);
    expect(d.r(R.QUEUE_READY)).toBe(1);
    expect(d.r(R.QUEUE_NUM)).toBe(8);
    expect(d.r(R.QUEUE_DESC_LOW)).toBe(q.desc);
    expect(d.r(R.QUEUE_DRIVER_LOW)).toBe(q.avail);
    expect(d.r(R.QUEUE_DEVICE_LOW)).toBe(q.used);
    d.w(R.QUEUE_NUM, 4);
    d.w(R.QUEUE_DESC_LOW, 0x1234_0000);
    expect(d.r(R.QUEUE_NUM)).toBe(8);
    expect(d.r(R.QUEUE_DESC_LOW)).toBe(q.desc);
    d.w(R.QUEUE_READY, 0);
    expect(d.r(R.QUEUE_READY)).toBe(0);
  });

  it('a smaller QueueNumMax can be configured', () => {
    const m = fakeMemory();
    const d = new TestDriver(m, new VirtioRng(), 64);
    expect(d.r(R.QUEUE_NUM_MAX)).toBe(64);
  });

  it('writing 0 to Status resets the device: status, queues, interrupt', () => {
    const { d } = blkDriver();
    d.init();
    d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_FLUSH, 0)), d.buf(1, true)]);
    d.kick(0);
    expect(d.irqLevel).toBe(true);
    d.w(R.STATUS, 0);
    expect(d.r(R.STATUS)).toBe(0);
    expect(d.r(R.INTERRUPT_STATUS)).toBe(0);
    expect(d.irqLevel).toBe(false);
    d.w(R.QUEUE_SEL, 0);
    expect(d.r(R.QUEUE_READY)).toBe(0);
    expect(d.r(R.QUEUE_NUM)).toBe(0);
    expect(d.r(R.QUEUE_DESC_LOW)).toBe(0);
    expect(d.dev.hasFeature(VIRTIO_F_VERSION_1)).toBe(false);
  });

  it('buffers made available before DRIVER_OK are served at DRIVER_OK', () => {
    const { d, m } = blkDriver();
    d.negotiate();
    d.setupQueue(0);
    const status = d.buf(1, true);
    d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_GET_ID, 0)), d.buf(20, true), status]);
    d.kick(0);
    expect(d.used(0)).toEqual([]);
    expect(d.irqLevel).toBe(false);
    d.w(R.STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK | STATUS_DRIVER_OK);
    expect(d.used(0).length).toBe(1);
    expect(m.u8(status.addr)).toBe(VIRTIO_BLK_S_OK);
    expect(d.irqLevel).toBe(true);
    expect(d.warnings).toEqual([]);
  });

  it('used-buffer interrupt: InterruptStatus bit 0 until acknowledged', () => {
    const { d } = blkDriver();
    d.init();
    d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_FLUSH, 0)), d.buf(1, true)]);
    d.kick(0);
    expect(d.r(R.INTERRUPT_STATUS)).toBe(1);
    expect(d.irqLevel).toBe(true);
    d.w(R.INTERRUPT_ACK, 1);
    expect(d.r(R.INTERRUPT_STATUS)).toBe(0);
    expect(d.irqLevel).toBe(false);
  });

  it('without EVENT_IDX, avail flags NO_INTERRUPT suppresses the interrupt', () => {
    const { d } = blkDriver();
    d.init({ features: F(VIRTIO_F_VERSION_1) | F(VIRTIO_BLK_F_FLUSH) });
    d.m.set16(d.queues[0].avail, 1); // VIRTQ_AVAIL_F_NO_INTERRUPT
    d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_FLUSH, 0)), d.buf(1, true)]);
    d.kick(0);
    expect(d.used(0).length).toBe(1);
    expect(d.irqLevel).toBe(false);
    d.m.set16(d.queues[0].avail, 0);
    d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_FLUSH, 0)), d.buf(1, true)]);
    d.kick(0);
    expect(d.irqLevel).toBe(true);
  });

  it('with EVENT_IDX, interrupts only when used_event is crossed, and publishes avail_event', () => {
    const { d, m } = blkDriver();
    d.init();
    d.autoUsedEvent = false;
    expect(d.dev.hasFeature(VIRTIO_F_EVENT_IDX)).toBe(true);
    const q = d.queues[0];
    const usedEvent = q.avail + 4 + 2 * q.num;
    const availEvent = q.used + 4 + 8 * q.num;
    const req = () => d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_FLUSH, 0)), d.buf(1, true)]);
    // The first batch always interrupts.
    req(); d.kick(0);
    expect(d.irqLevel).toBe(true);
    expect(m.u16(availEvent)).toBe(1); // the device caught up with avail idx 1
    d.ack();
    // used_event = 3: used idx going 1 -> 2 does not cross it...
    m.set16(usedEvent, 3);
    req(); d.kick(0);
    expect(d.used(0).length).toBe(2);
    expect(d.irqLevel).toBe(false);
    // ...2 -> 3 does not either (interrupt when the new idx passes used_event, i.e. reaches 4)...
    req(); d.kick(0);
    expect(d.irqLevel).toBe(false);
    // ...3 -> 5 in one batch does.
    req(); req(); d.kick(0);
    expect(d.irqLevel).toBe(true);
    expect(m.u16(availEvent)).toBe(5);
    expect(d.used(0).length).toBe(3);
    expect(d.warnings).toEqual([]);
  });

  it('config space: little-endian, any width, ConfigGeneration bumps on change', () => {
    const m = fakeMemory();
    const con = new VirtioConsole(() => {}, { size: { cols: 80, rows: 25 } });
    const d = new TestDriver(m, con);
    expect(d.offered() & F(VIRTIO_CONSOLE_F_SIZE)).toBeTruthy();
    expect(d.r(R.CONFIG, 2)).toBe(80);
    expect(d.r(R.CONFIG + 2, 2)).toBe(25);
    expect(d.r(R.CONFIG, 4)).toBe(80 | (25 << 16));
    expect(d.r(R.CONFIG + 200, 4)).toBe(0);
    d.init();
    con.resize(132, 43);
    expect(d.r(R.CONFIG_GENERATION)).toBe(1);
    expect(d.r(R.INTERRUPT_STATUS) & 2).toBe(2);
    expect(d.r(R.CONFIG, 4)).toBe(132 | (43 << 16));
  });

  // xv6-riscv's virtio_disk.c (2022) on QEMU's modern transport: it never touches the feature
  // selectors, writes feature word 0 only (so never accepts VERSION_1), re-reads Status for
  // FEATURES_OK, sets queue 0 up with 8 entries in three separate pages through the
  // Queue*Low/High registers, and serves interrupts by acknowledging InterruptStatus & 3.
  it('an xv6-style driver (feature word 0 only) negotiates and moves sectors', () => {
    const { backend } = disk(64);
    const image = backend.data;
    const m = fakeMemory();
    const d = new TestDriver(m, new VirtioBlk(backend));
    expect([d.r(R.MAGIC), d.r(R.VERSION), d.r(R.DEVICE_ID), d.r(R.VENDOR_ID)]).toEqual([0x7472_6976, 2, 2, 0x554d_4551]);
    let status = 0;
    d.w(R.STATUS, status);
    d.w(R.STATUS, (status |= STATUS_ACKNOWLEDGE));
    d.w(R.STATUS, (status |= STATUS_DRIVER));
    let features = d.r(R.DEVICE_FEATURES); // DeviceFeaturesSel is 0 after reset
    // RO, SCSI, CONFIG_WCE, MQ, ANY_LAYOUT, INDIRECT_DESC, EVENT_IDX
    for (const bit of [5, 7, 11, 12, 27, 28, 29]) features &= ~(1 << bit);
    d.w(R.DRIVER_FEATURES, features >>> 0);
    d.w(R.STATUS, (status |= STATUS_FEATURES_OK));
    status = d.r(R.STATUS);
    expect(status & STATUS_FEATURES_OK, 'virtio disk FEATURES_OK unset').toBe(STATUS_FEATURES_OK);
    expect(d.dev.hasFeature(VIRTIO_F_VERSION_1)).toBe(false);
    expect(d.dev.hasFeature(VIRTIO_BLK_F_FLUSH)).toBe(true); // word 0 bits the driver kept

    d.w(R.QUEUE_SEL, 0);
    expect(d.r(R.QUEUE_READY)).toBe(0);
    expect(d.r(R.QUEUE_NUM_MAX)).toBeGreaterThanOrEqual(8);
    const q = { num: 8, desc: RAM + 0x1_0000, avail: RAM + 0x1_1000, used: RAM + 0x1_2000, nextDesc: 0, availIdx: 0, lastUsed: 0 };
    d.w(R.QUEUE_NUM, 8);
    d.w(R.QUEUE_DESC_LOW, q.desc); d.w(R.QUEUE_DESC_HIGH, 0);
    d.w(R.QUEUE_DRIVER_LOW, q.avail); d.w(R.QUEUE_DRIVER_HIGH, 0);
    d.w(R.QUEUE_DEVICE_LOW, q.used); d.w(R.QUEUE_DEVICE_HIGH, 0);
    d.w(R.QUEUE_READY, 1);
    d.queues[0] = q;
    d.w(R.STATUS, (status |= STATUS_DRIVER_OK));
    expect(d.r(R.STATUS)).toBe(0xf);
    expect(d.r(R.CONFIG) + d.r(R.CONFIG + 4) * 2 ** 32).toBe(64); // capacity, little-endian

    // One request at a time, 1024-byte blocks (two sectors), as xv6's bread/bwrite.
    const rw = (write: boolean, sector: number, data: Uint8Array) => {
      const buf = d.buf(data, !write);
      const st = d.buf(1, true);
      const head = d.add(0, [d.buf(blkHeader(write ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN, sector)), buf, st]);
      d.kick(0);
      expect(d.irqLevel).toBe(true);
      expect(d.r(R.INTERRUPT_STATUS) & 3).toBe(1);
      d.w(R.INTERRUPT_ACK, d.r(R.INTERRUPT_STATUS) & 3);
      expect(d.irqLevel).toBe(false);
      expect(d.used(0)).toEqual([{ id: head, len: write ? 1 : 1025 }]);
      return { status: m.u8(st.addr), data: m.get(buf.addr, buf.len) };
    };
    const block0 = rw(false, 0, new Uint8Array(1024));
    expect(block0.status).toBe(VIRTIO_BLK_S_OK);
    expect(block0.data).toEqual(image.slice(0, 1024));
    const pattern = Uint8Array.from({ length: 1024 }, (_, i) => (i * 13 + 5) & 0xff);
    expect(rw(true, 2, pattern).status).toBe(VIRTIO_BLK_S_OK);
    expect(image.slice(1024, 2048)).toEqual(pattern);
    expect(rw(false, 2, new Uint8Array(1024)).data).toEqual(pattern);
    expect(rw(false, 63, new Uint8Array(1024)).status).toBe(VIRTIO_BLK_S_IOERR); // crosses the end
    // Round and round the 8-entry ring: the free descriptors are reused, indices wrap.
    for (let i = 0; i < 20; i++) expect(rw(false, 4 + i, new Uint8Array(1024)).data).toEqual(image.slice((4 + i) * 512, (6 + i) * 512));
    expect(d.warnings).toEqual([]);
    expect(d.needsReset).toBe(false);
  });
});

// ---- virtio-blk ----
describe('virtio-blk', () => {
  it('config: capacity in sectors, seg_max, blk_size; RO feature for read-only disks', () => {
    const { d } = blkDriver(disk(100).backend);
    expect(d.r(R.CONFIG)).toBe(100);
    expect(d.r(R.CONFIG + 4)).toBe(0);
    expect(d.r(R.CONFIG + 12)).toBe(254);
    expect(d.r(R.CONFIG + 20)).toBe(512);
    const ro = blkDriver(new MemoryBlockBackend(new Uint8Array(4096), true));
    expect(ro.d.offered() & F(VIRTIO_BLK_F_RO)).toBeTruthy();
  });

  it('reads, writes, flushes and identifies through request chains', () => {
    const { backend, flushes } = disk();
    const { d, m } = blkDriver(backend);
    d.init();
    // IN: sectors 2..3 into a buffer split over two descriptors
    const a = d.buf(700, true), b = d.buf(324, true), st1 = d.buf(1, true);
    const h1 = d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_IN, 2)), a, b, st1]);
    // OUT: sector 5
    const data = Uint8Array.from({ length: 512 }, (_, i) => 255 - (i & 0xff));
    const st2 = d.buf(1, true);
    const h2 = d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_OUT, 5)), d.buf(data), st2]);
    // FLUSH and GET_ID
    const st3 = d.buf(1, true);
    const h3 = d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_FLUSH, 0)), st3]);
    const id = d.buf(20, true), st4 = d.buf(1, true);
    const h4 = d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_GET_ID, 0)), id, st4]);
    d.kick(0);
    expect(d.used(0)).toEqual([{ id: h1, len: 1025 }, { id: h2, len: 1 }, { id: h3, len: 1 }, { id: h4, len: 21 }]);
    expect([st1, st2, st3, st4].map((s) => m.u8(s.addr))).toEqual([0, 0, 0, 0]);
    const got = new Uint8Array([...m.get(a.addr, 700), ...m.get(b.addr, 324)]);
    expect(got).toEqual(backend.data.slice(1024, 2048));
    expect(backend.data.slice(5 * 512, 6 * 512)).toEqual(data);
    expect(flushes()).toBe(1);
    expect(new TextDecoder().decode(m.get(id.addr, 12))).toBe('rvisor-disk0');
    expect(m.get(id.addr + 12, 8)).toEqual(new Uint8Array(8));
    expect(d.warnings).toEqual([]);
  });

  it('serves a request through an indirect descriptor table', () => {
    const { backend } = disk();
    const { d, m } = blkDriver(backend);
    d.init();
    const data = d.buf(1024, true), st = d.buf(1, true);
    const head = d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_IN, 10)), data, st], { indirect: true });
    d.kick(0);
    expect(d.used(0)).toEqual([{ id: head, len: 1025 }]);
    expect(m.u8(st.addr)).toBe(VIRTIO_BLK_S_OK);
    expect(m.get(data.addr, 1024)).toEqual(backend.data.slice(10 * 512, 12 * 512));
    // A write through an indirect table too
    const out = Uint8Array.from({ length: 512 }, (_, i) => i & 0x55);
    d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_OUT, 0)), d.buf(out), d.buf(1, true)], { indirect: true });
    d.kick(0);
    expect(backend.data.slice(0, 512)).toEqual(out);
    expect(d.warnings).toEqual([]);
  });

  it('IOERR outside the disk, for partial sectors and for writes to a read-only disk; UNSUPP for unknown types', () => {
    const { d, m } = blkDriver(disk(8).backend);
    d.init({ num: 64 });
    const stats: Buf[] = [];
    const req = (hdr: Uint8Array, data: Buf | null) => { const s = d.buf(1, true); stats.push(s); d.add(0, data ? [d.buf(hdr), data, s] : [d.buf(hdr), s]); };
    req(blkHeader(VIRTIO_BLK_T_IN, 7), d.buf(1024, true)); // runs past sector 8
    req(blkHeader(VIRTIO_BLK_T_IN, 2 ** 60), d.buf(512, true));
    req(blkHeader(VIRTIO_BLK_T_IN, 0), d.buf(100, true)); // not whole sectors
    req(blkHeader(VIRTIO_BLK_T_OUT, 8), d.buf(new Uint8Array(512)));
    req(blkHeader(11, 0), null); // DISCARD: not offered
    req(blkHeader(VIRTIO_BLK_T_IN, 7), d.buf(512, true)); // the last sector is fine
    d.kick(0);
    expect(stats.map((s) => m.u8(s.addr))).toEqual([
      VIRTIO_BLK_S_IOERR, VIRTIO_BLK_S_IOERR, VIRTIO_BLK_S_IOERR, VIRTIO_BLK_S_IOERR, VIRTIO_BLK_S_UNSUPP, VIRTIO_BLK_S_OK,
    ]);
    const ro = blkDriver(new MemoryBlockBackend(new Uint8Array(4096), true));
    ro.d.init();
    const s = ro.d.buf(1, true);
    ro.d.add(0, [ro.d.buf(blkHeader(VIRTIO_BLK_T_OUT, 0)), ro.d.buf(new Uint8Array(512).fill(1)), s]);
    ro.d.kick(0);
    expect(ro.m.u8(s.addr)).toBe(VIRTIO_BLK_S_IOERR);
    expect(ro.d.warnings).toEqual([]);
    expect(d.warnings).toEqual([]);
  });

  it('a failing backend is the guest\'s I/O error, not a device reset', () => {
    const broken: BlockBackend = { size: 4096, readonly: false, read: () => { throw new Error('EIO'); }, write: () => { throw new Error('EIO'); }, flush: () => { throw new Error('EIO'); } };
    const { d, m } = blkDriver(broken);
    d.init();
    const s1 = d.buf(1, true), s2 = d.buf(1, true), s3 = d.buf(1, true);
    d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_IN, 0)), d.buf(512, true), s1]);
    d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_OUT, 0)), d.buf(new Uint8Array(512)), s2]);
    d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_FLUSH, 0)), s3]);
    d.kick(0);
    expect([s1, s2, s3].map((s) => m.u8(s.addr))).toEqual([1, 1, 1]);
    expect(d.needsReset).toBe(false);
  });

  it('snapshot overlay: the guest sees its writes, the base image does not change', () => {
    const base = disk(16).backend;
    const before = base.data.slice();
    const overlay = new OverlayBlockBackend(base);
    const { d, m } = blkDriver(overlay);
    d.init();
    const data = Uint8Array.from({ length: 1024 }, (_, i) => (i * 3) & 0xff);
    d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_OUT, 3)), d.buf(data), d.buf(1, true)]);
    d.kick(0);
    const back = d.buf(2048, true);
    d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_IN, 2)), back, d.buf(1, true)]);
    d.kick(0);
    const got = m.get(back.addr, 2048);
    expect(got.slice(0, 512)).toEqual(before.slice(1024, 1536));
    expect(got.slice(512, 1536)).toEqual(data);
    expect(got.slice(1536)).toEqual(before.slice(2560, 3072));
    expect(base.data).toEqual(before);
  });
});

describe('block backends', () => {
  it('OverlayBlockBackend: partial chunks keep the base bytes, reads mix overlay and base', () => {
    const data = Uint8Array.from({ length: 10_000 }, (_, i) => i & 0xff); // not a whole number of chunks
    const base = new MemoryBlockBackend(data, true);
    const o = new OverlayBlockBackend(base);
    expect(o.size).toBe(10_000);
    expect(o.readonly).toBe(false);
    o.write(4000, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)); // straddles chunks 0 and 1
    o.write(9_998, Uint8Array.of(0xaa, 0xbb)); // the short last chunk
    const all = new Uint8Array(10_000);
    o.read(0, all);
    const expected = data.slice();
    expected.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4000);
    expected.set([0xaa, 0xbb], 9_998);
    expect(all).toEqual(expected);
    expect(data[4000]).toBe(4000 & 0xff);
    expect(() => o.write(9_999, Uint8Array.of(1, 2))).toThrow(RangeError);
    expect(() => o.read(-1, new Uint8Array(1))).toThrow(RangeError);
  });

  it('FileBlockBackend: positional reads and writes on the image file; read-only and missing files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rvisor-blk-'));
    try {
      const path = join(dir, 'disk.img');
      writeFileSync(path, Uint8Array.from({ length: 8192 }, (_, i) => i & 0xff));
      const f = FileBlockBackend.open(path);
      expect(f.size).toBe(8192);
      expect(f.readonly).toBe(false);
      const buf = new Uint8Array(600);
      f.read(1000, buf);
      expect(buf[0]).toBe(1000 & 0xff);
      expect(buf[599]).toBe(1599 & 0xff);
      f.write(4096, Uint8Array.of(9, 8, 7));
      f.flush();
      f.close();
      expect([...readFileSync(path).subarray(4095, 4099)]).toEqual([4095 & 0xff, 9, 8, 7]);
      // Through virtio-blk, read-only: RO offered, OUT fails, IN works.
      const ro = FileBlockBackend.open(path, { readonly: true });
      const { d, m } = blkDriver(ro);
      expect(d.offered() & F(VIRTIO_BLK_F_RO)).toBeTruthy();
      d.init();
      const data = d.buf(512, true), s1 = d.buf(1, true), s2 = d.buf(1, true);
      d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_IN, 8)), data, s1]);
      d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_OUT, 0)), d.buf(new Uint8Array(512)), s2]);
      d.kick(0);
      expect([m.u8(s1.addr), m.u8(s2.addr)]).toEqual([VIRTIO_BLK_S_OK, VIRTIO_BLK_S_IOERR]);
      expect([...m.get(data.addr, 4)]).toEqual([9, 8, 7, 4099 & 0xff]);
      ro.close();
      expect(() => FileBlockBackend.open(join(dir, 'missing.img'))).toThrow(UserError);
      expect(() => FileBlockBackend.open(dir)).toThrow(UserError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('MemoryBlockBackend refuses writes when read-only and accesses outside the disk', () => {
    const b = new MemoryBlockBackend(new Uint8Array(1024), true);
    expect(() => b.write(0, Uint8Array.of(1))).toThrow();
    const w = new MemoryBlockBackend(new Uint8Array(1024));
    expect(() => w.read(1020, new Uint8Array(8))).toThrow(RangeError);
  });
});

// ---- virtio-rng ----
describe('virtio-rng', () => {
  it('fills device-writable buffers from the injected source', () => {
    const m = fakeMemory();
    let n = 0;
    const d = new TestDriver(m, new VirtioRng((b) => { for (let i = 0; i < b.length; i++) b[i] = (n++ * 13) & 0xff; }));
    expect(d.r(R.DEVICE_ID)).toBe(4);
    d.init();
    const a = d.buf(16, true), b = d.buf(8, true);
    const h = d.add(0, [a, b]);
    d.kick(0);
    expect(d.used(0)).toEqual([{ id: h, len: 24 }]);
    expect([...m.get(a.addr, 16), ...m.get(b.addr, 8)]).toEqual(Array.from({ length: 24 }, (_, i) => (i * 13) & 0xff));
    expect(d.irqLevel).toBe(true);
  });

  it('gives at most 64 KiB per request however large the buffer', () => {
    const m = fakeMemory();
    const d = new TestDriver(m, new VirtioRng());
    d.init();
    const h = d.add(0, [{ addr: RAM, len: RAM_SIZE, write: true }]);
    d.kick(0);
    expect(d.used(0)).toEqual([{ id: h, len: 65536 }]);
  });

  it('uses crypto.getRandomValues by default', () => {
    const m = fakeMemory();
    const d = new TestDriver(m, new VirtioRng());
    d.init();
    const a = d.buf(64, true);
    d.add(0, [a]);
    d.kick(0);
    expect(new Set(m.get(a.addr, 64)).size).toBeGreaterThan(8);
  });
});

// ---- virtio-console ----
describe('virtio-console', () => {
  it('transmits guest bytes to the output callback', () => {
    const m = fakeMemory();
    const out: number[] = [];
    const d = new TestDriver(m, new VirtioConsole((b) => out.push(...b)));
    expect(d.r(R.DEVICE_ID)).toBe(3);
    expect(d.offered() & F(VIRTIO_CONSOLE_F_SIZE)).toBe(0n);
    d.init();
    const h = d.add(1, [d.buf(enc('hello, ')), d.buf(enc('hvc0\n'))]);
    d.kick(1);
    expect(new TextDecoder().decode(Uint8Array.from(out))).toBe('hello, hvc0\n');
    expect(d.used(1)).toEqual([{ id: h, len: 0 }]);
  });

  it('keeps input until the driver offers receive buffers, splitting it over them', () => {
    const m = fakeMemory();
    const con = new VirtioConsole(() => {});
    const d = new TestDriver(m, con);
    con.input(enc('early ')); // before the driver exists
    d.init();
    con.input(enc('typing'));
    expect(d.irqLevel).toBe(false);
    const a = d.buf(4, true), b = d.buf(32, true);
    const ha = d.add(0, [a]);
    const hb = d.add(0, [b]);
    d.kick(0);
    expect(d.used(0)).toEqual([{ id: ha, len: 4 }, { id: hb, len: 8 }]);
    expect(new TextDecoder().decode(new Uint8Array([...m.get(a.addr, 4), ...m.get(b.addr, 8)]))).toBe('early typing');
    expect(d.irqLevel).toBe(true);
    d.ack();
    // With a buffer waiting, input goes straight in and interrupts.
    const c = d.buf(16, true);
    const hc = d.add(0, [c]);
    d.kick(0);
    expect(d.used(0)).toEqual([]);
    con.input(enc('x'));
    expect(d.used(0)).toEqual([{ id: hc, len: 1 }]);
    expect(d.irqLevel).toBe(true);
  });

  it('bounds buffered input', () => {
    const con = new VirtioConsole(() => {});
    con.input(new Uint8Array(100_000));
    expect(con.dropped).toBe(100_000 - 65536);
  });
});

// ---- virtio-net with the switch and a test peer ----
const GUEST_MAC = Uint8Array.of(0x52, 0x54, 0x00, 0x12, 0x34, 0x56);
const GUEST_IP = Uint8Array.of(10, 0, 2, 15);
const PEER_MAC = Uint8Array.of(0x52, 0x55, 0x0a, 0x00, 0x02, 0x02);
const PEER_IP = Uint8Array.of(10, 0, 2, 2);

function arpRequest(): Uint8Array {
  const f = new Uint8Array(42);
  f.fill(0xff, 0, 6);
  f.set(GUEST_MAC, 6);
  f.set([0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1], 12);
  f.set(GUEST_MAC, 22);
  f.set(GUEST_IP, 28);
  f.set(PEER_IP, 38);
  return f;
}

function echoRequest(seq: number, payload: Uint8Array): Uint8Array {
  const ipLen = 20 + 8 + payload.length;
  const f = new Uint8Array(14 + ipLen);
  f.set(PEER_MAC, 0);
  f.set(GUEST_MAC, 6);
  f.set([0x08, 0x00], 12);
  f.set([0x45, 0, ipLen >> 8, ipLen & 0xff, 0, 1, 0x40, 0, 64, 1, 0, 0], 14);
  f.set(GUEST_IP, 26);
  f.set(PEER_IP, 30);
  const ipSum = inetChecksum(f, 14, 34);
  f[24] = ipSum >> 8; f[25] = ipSum & 0xff;
  f.set([8, 0, 0, 0, 0x12, 0x34, seq >> 8, seq & 0xff], 34);
  f.set(payload, 42);
  const sum = inetChecksum(f, 34, f.length);
  f[36] = sum >> 8; f[37] = sum & 0xff;
  return f;
}

function netSetup() {
  const m = fakeMemory();
  const sw = new NetSwitch();
  const peer = new NetTestPeer(sw, { mac: PEER_MAC, ip: PEER_IP });
  const net = new VirtioNet(sw.connect(), { mac: '52:54:00:12:34:56' });
  const d = new TestDriver(m, net);
  return { m, sw, peer, net, d };
}

const HDR = 12;
function txPacket(frame: Uint8Array): Uint8Array { const p = new Uint8Array(HDR + frame.length); p.set(frame, HDR); return p; }

describe('virtio-net', () => {
  it('config: MAC and link status; features MAC and STATUS', () => {
    const { d, net } = netSetup();
    expect(d.r(R.DEVICE_ID)).toBe(1);
    const f = d.offered();
    expect(f & F(VIRTIO_NET_F_MAC) && f & F(VIRTIO_NET_F_STATUS)).toBeTruthy();
    expect(Array.from({ length: 6 }, (_, i) => d.r(R.CONFIG + i, 1))).toEqual([...GUEST_MAC]);
    expect(d.r(R.CONFIG + 6, 2)).toBe(1);
    d.init();
    net.setLink(false);
    expect(d.r(R.CONFIG + 6, 2)).toBe(0);
    expect(d.r(R.INTERRUPT_STATUS)).toBe(2);
    expect(d.r(R.CONFIG_GENERATION)).toBe(1);
  });

  it('ARP and ping through the switch: the test peer answers into the receive queue', () => {
    const { d, m, peer, net } = netSetup();
    d.init();
    const rx = [d.buf(1526, true), d.buf(1526, true), d.buf(1526, true)];
    const rxHeads = rx.map((b) => d.add(0, [b]));
    d.kick(0);
    expect(d.used(0)).toEqual([]);
    // ARP who-has 10.0.2.2
    const tx1 = d.add(1, [d.buf(txPacket(arpRequest()))]);
    d.kick(1);
    expect(d.used(1)).toEqual([{ id: tx1, len: 0 }]);
    expect(peer.stats.arpReplies).toBe(1);
    const u1 = d.used(0);
    expect(u1).toEqual([{ id: rxHeads[0], len: HDR + 42 }]);
    const hdr = m.get(rx[0].addr, HDR);
    expect([...hdr]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]); // num_buffers = 1
    const arp = m.get(rx[0].addr + HDR, 42);
    expect(arp.slice(0, 6)).toEqual(GUEST_MAC);
    expect(arp.slice(6, 12)).toEqual(PEER_MAC);
    expect([...arp.slice(12, 14)]).toEqual([0x08, 0x06]);
    expect([arp[20], arp[21]]).toEqual([0, 2]); // reply
    expect(arp.slice(22, 28)).toEqual(PEER_MAC);
    expect(arp.slice(28, 32)).toEqual(PEER_IP);
    expect(arp.slice(32, 38)).toEqual(GUEST_MAC);
    expect(arp.slice(38, 42)).toEqual(GUEST_IP);
    expect(d.irqLevel).toBe(true);
    d.ack();
    // ICMP echo request, header and frame in separate descriptors
    const payload = enc('rvisor ping payload 0123456789');
    const req = echoRequest(7, payload);
    d.add(1, [d.buf(new Uint8Array(HDR)), d.buf(req)]);
    d.kick(1);
    expect(peer.stats.echoReplies).toBe(1);
    const u2 = d.used(0);
    expect(u2).toEqual([{ id: rxHeads[1], len: HDR + req.length }]);
    const rep = m.get(rx[1].addr + HDR, req.length);
    expect(rep.slice(0, 6)).toEqual(GUEST_MAC);
    expect(rep.slice(26, 30)).toEqual(PEER_IP);
    expect(rep.slice(30, 34)).toEqual(GUEST_IP);
    expect(rep[34]).toBe(0); // echo reply
    expect([rep[38], rep[39], rep[40], rep[41]]).toEqual([0x12, 0x34, 0, 7]);
    expect(rep.slice(42)).toEqual(payload);
    expect(inetChecksum(rep, 14, 34)).toBe(0);
    expect(inetChecksum(rep, 34, rep.length)).toBe(0);
    expect(net.stats).toEqual({ txFrames: 2, rxFrames: 2, rxDropped: 0 });
    expect(d.warnings).toEqual([]);
  });

  it('frames wait for receive buffers (bounded); a buffer too small is returned empty', () => {
    const m = fakeMemory();
    let deliver: (f: Uint8Array) => void = () => {};
    const port: NetPort = { send: () => {}, onReceive: (cb) => { deliver = cb; } };
    const net = new VirtioNet(port, { mac: GUEST_MAC });
    const d = new TestDriver(m, net);
    deliver(new Uint8Array(60)); // before DRIVER_OK: dropped like a NIC that is not up
    d.init();
    for (let i = 0; i < 300; i++) deliver(new Uint8Array(60).fill(i & 0xff));
    expect(net.stats.rxDropped).toBe(1 + 300 - 256);
    const small = d.buf(40, true), big = d.buf(100, true);
    const hs = d.add(0, [small]);
    const hb = d.add(0, [big]);
    d.kick(0);
    expect(d.used(0)).toEqual([{ id: hs, len: 0 }, { id: hb, len: 72 }]);
    expect(m.u8(big.addr + HDR)).toBe(1); // the second frame went into the big buffer
  });

  it('a driver without VERSION_1 gets the legacy 10-byte header (no num_buffers), as on QEMU', () => {
    const { d, m, peer } = netSetup();
    d.init({ features: F(VIRTIO_NET_F_MAC) | F(VIRTIO_NET_F_STATUS) });
    const rx = d.buf(1526, true);
    const rxHead = d.add(0, [rx]);
    d.kick(0);
    const arp = arpRequest();
    const tx = new Uint8Array(10 + arp.length);
    tx.set(arp, 10);
    d.add(1, [d.buf(tx)]);
    d.kick(1);
    expect(peer.stats.arpReplies).toBe(1); // the frame started 10 bytes in
    expect(d.used(0)).toEqual([{ id: rxHead, len: 10 + 42 }]);
    expect([...m.get(rx.addr, 10)]).toEqual(new Array(10).fill(0));
    expect(m.get(rx.addr + 10, 6)).toEqual(GUEST_MAC);
    expect(d.warnings).toEqual([]);
  });

  it('transmit without a header is a driver error', () => {
    const { d } = netSetup();
    d.init();
    d.add(1, [d.buf(new Uint8Array(8))]);
    d.kick(1);
    expect(d.needsReset).toBe(true);
    expect(d.warnings.length).toBe(1);
  });
});

// ---- hostile drivers ----
// Each case must end in DEVICE_NEEDS_RESET, one warning, a config-change interrupt, no
// exception and no hang; the device must then work again after a reset.
describe('hostile descriptors and rings', () => {
  const T = { timeout: 5000 };

  function hostile(setup: (d: TestDriver) => void, opts: { init?: boolean } = {}) {
    const { d, m } = blkDriver();
    if (opts.init !== false) d.init();
    expect(() => setup(d)).not.toThrow();
    expect(d.needsReset).toBe(true);
    expect(d.warnings.length).toBe(1);
    expect(d.warnings[0]).toMatch(/^virtio-blk: .*needs reset/);
    expect(d.r(R.INTERRUPT_STATUS) & 2).toBe(2);
    expect(d.irqLevel).toBe(true);
    // Nothing more happens until the driver resets, and no more warnings.
    expect(() => { d.kick(0); d.kick(0); d.kick(5); }).not.toThrow();
    expect(d.warnings.length).toBe(1);
    // After a reset the device serves requests again.
    d.init();
    expect(d.needsReset).toBe(false);
    const st = d.buf(1, true);
    d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_FLUSH, 0)), st]);
    d.kick(0);
    expect(m.u8(st.addr)).toBe(VIRTIO_BLK_S_OK);
    expect(d.warnings.length).toBe(1);
    return d;
  }

  const st = (d: TestDriver) => d.buf(1, true);

  it('a descriptor loop', T, () => {
    hostile((d) => {
      const q = d.queues[0];
      const h = d.buf(blkHeader(VIRTIO_BLK_T_IN, 0));
      d.writeDesc(q.desc, 0, { addr: h.addr, len: 16, flags: NEXT, next: 1 });
      d.writeDesc(q.desc, 1, { addr: h.addr, len: 16, flags: NEXT, next: 0 });
      d.publish(0, 0);
      d.kick(0);
    });
  });

  it('a loop inside an indirect table', T, () => {
    hostile((d) => {
      const q = d.queues[0];
      const table = d.alloc(32);
      const h = d.buf(blkHeader(VIRTIO_BLK_T_IN, 0));
      d.writeDesc(table, 0, { addr: h.addr, len: 16, flags: NEXT, next: 1 });
      d.writeDesc(table, 1, { addr: h.addr, len: 16, flags: NEXT, next: 1 });
      d.writeDesc(q.desc, 0, { addr: table, len: 32, flags: INDIRECT, next: 0 });
      d.publish(0, 0);
      d.kick(0);
    });
  });

  it('a next index beyond the queue', T, () => {
    hostile((d) => {
      const q = d.queues[0];
      const h = d.buf(blkHeader(VIRTIO_BLK_T_IN, 0));
      d.writeDesc(q.desc, 0, { addr: h.addr, len: 16, flags: NEXT, next: 500 });
      d.publish(0, 0);
      d.kick(0);
    });
  });

  it('a head index beyond the queue', T, () => {
    hostile((d) => { d.publish(0, 16); d.kick(0); });
  });

  it('an available index that jumps by more than the queue size', T, () => {
    hostile((d) => { d.m.set16(d.queues[0].avail + 2, 1000); d.kick(0); });
  });

  it('a buffer outside RAM', T, () => {
    hostile((d) => { d.add(0, [{ addr: 0x1000, len: 16 }, st(d)]); d.kick(0); });
  });

  it('a buffer at a 64-bit address', T, () => {
    hostile((d) => { d.add(0, [{ addr: 2 ** 63, len: 16 }, st(d)]); d.kick(0); });
  });

  it('a huge writable length that runs off the end of RAM', T, () => {
    // An 8 MiB disk read into a 4 MiB buffer that starts inside the 1 MiB of RAM: the data
    // moves in 64 KiB pieces until a piece falls outside RAM.
    const big = new MemoryBlockBackend(new Uint8Array(8 << 20));
    const m = fakeMemory();
    const d = new TestDriver(m, new VirtioBlk(big));
    d.init();
    d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_IN, 0)), { addr: RAM + 0x1000, len: 4 << 20, write: true }, st(d)]);
    expect(() => d.kick(0)).not.toThrow();
    expect(d.needsReset).toBe(true);
    expect(d.warnings.length).toBe(1);
    expect(d.warnings[0]).toMatch(/outside RAM/);
  });

  it('a status byte at the end of a huge writable buffer beyond RAM', T, () => {
    hostile((d) => {
      d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_FLUSH, 0)), { addr: RAM + RAM_SIZE - 4, len: 0xffff_ffff, write: true }]);
      d.kick(0);
    });
  });

  it('a chain longer than 2^32 bytes in total', T, () => {
    hostile((d) => {
      d.add(0, [{ addr: RAM, len: 0xffff_ffff }, { addr: RAM, len: 0xffff_ffff }, st(d)]);
      d.kick(0);
    });
  });

  it('an indirect table longer than the queue', T, () => {
    hostile((d) => {
      const table = d.alloc(16 * 17);
      d.writeDesc(d.queues[0].desc, 0, { addr: table, len: 16 * 17, flags: INDIRECT, next: 0 });
      d.publish(0, 0);
      d.kick(0);
    });
  });

  it('an indirect table of a size that is not a multiple of 16', T, () => {
    hostile((d) => {
      d.writeDesc(d.queues[0].desc, 0, { addr: d.alloc(24), len: 24, flags: INDIRECT, next: 0 });
      d.publish(0, 0);
      d.kick(0);
    });
  });

  it('a nested indirect descriptor', T, () => {
    hostile((d) => {
      const inner = d.alloc(16), outer = d.alloc(16);
      d.writeDesc(outer, 0, { addr: inner, len: 16, flags: INDIRECT, next: 0 });
      d.writeDesc(d.queues[0].desc, 0, { addr: outer, len: 16, flags: INDIRECT, next: 0 });
      d.publish(0, 0);
      d.kick(0);
    });
  });

  it('INDIRECT together with NEXT', T, () => {
    hostile((d) => {
      const t = d.alloc(16);
      d.writeDesc(t, 0, { addr: d.buf(blkHeader(VIRTIO_BLK_T_FLUSH, 0)).addr, len: 16, flags: 0, next: 0 });
      d.writeDesc(d.queues[0].desc, 0, { addr: t, len: 16, flags: INDIRECT | NEXT, next: 1 });
      d.writeDesc(d.queues[0].desc, 1, { addr: st(d).addr, len: 1, flags: WRITE, next: 0 });
      d.publish(0, 0);
      d.kick(0);
    });
  });

  it('an indirect descriptor when INDIRECT_DESC was not negotiated', T, () => {
    const { d } = blkDriver();
    d.init({ features: F(VIRTIO_F_VERSION_1) });
    d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_FLUSH, 0)), st(d)], { indirect: true });
    d.kick(0);
    expect(d.needsReset).toBe(true);
    expect(d.warnings.length).toBe(1);
  });

  it('a device-readable buffer after a device-writable one', T, () => {
    hostile((d) => { d.add(0, [st(d), d.buf(blkHeader(VIRTIO_BLK_T_FLUSH, 0))]); d.kick(0); });
  });

  it('the request header in a device-writable buffer (a read from a device-writable buffer)', T, () => {
    hostile((d) => { d.add(0, [{ ...d.buf(blkHeader(VIRTIO_BLK_T_FLUSH, 0)), write: true }, st(d)]); d.kick(0); });
  });

  it('the status byte in a device-readable buffer (a write to a device-readable buffer)', T, () => {
    hostile((d) => { d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_FLUSH, 0)), d.buf(1)]); d.kick(0); });
  });

  it('GET_ID with data and status in device-readable buffers', T, () => {
    hostile((d) => { d.add(0, [d.buf(blkHeader(VIRTIO_BLK_T_GET_ID, 0)), d.buf(21)]); d.kick(0); });
  });

  it('rings outside RAM', T, () => {
    hostile((d) => {
      d.w(R.STATUS, 0);
      d.negotiate();
      d.w(R.QUEUE_SEL, 0);
      d.w(R.QUEUE_NUM, 16);
      d.w(R.QUEUE_DESC_LOW, 0x1000);
      d.w(R.QUEUE_DRIVER_LOW, 0x2000);
      d.w(R.QUEUE_DEVICE_LOW, 0x3000);
      d.w(R.QUEUE_READY, 1);
      d.w(R.STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK | STATUS_DRIVER_OK);
    }, { init: false });
  });

  it('misaligned rings', T, () => {
    for (const reg of [R.QUEUE_DESC_LOW, R.QUEUE_DRIVER_LOW, R.QUEUE_DEVICE_LOW]) {
      hostile((d) => {
        d.w(R.STATUS, 0);
        d.negotiate();
        const q = d.setupQueue(0);
        d.w(R.QUEUE_READY, 0);
        d.w(reg, (reg === R.QUEUE_DESC_LOW ? q.desc : reg === R.QUEUE_DRIVER_LOW ? q.avail : q.used) + 2 + (reg === R.QUEUE_DRIVER_LOW ? 1 : 0));
        d.w(R.QUEUE_READY, 1);
      }, { init: false });
    }
  });

  it('a queue size of 0 or above QueueNumMax', T, () => {
    for (const num of [0, 257, 0x1_0000]) {
      hostile((d) => {
        d.w(R.STATUS, 0);
        d.negotiate();
        d.setupQueue(0, num);
      }, { init: false });
    }
  });

  it('a notification for a queue that is not ready or does not exist', T, () => {
    hostile((d) => { d.w(R.STATUS, 0); d.negotiate(); d.kick(0); }, { init: false });
    hostile((d) => { d.kick(7); });
  });

  it('DRIVER_OK without FEATURES_OK', T, () => {
    hostile((d) => {
      d.w(R.STATUS, 0);
      d.w(R.STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_DRIVER_OK);
    }, { init: false });
  });

  it('many bad requests in one notification still give one warning', T, () => {
    hostile((d) => {
      for (let i = 0; i < 10; i++) d.add(0, [{ addr: 0x10, len: 16 }, st(d)]);
      d.kick(0);
    });
  });

  it('a broken receive chain on virtio-net during a transmit', T, () => {
    const { d } = netSetup();
    d.init();
    d.add(0, [{ addr: 0x10, len: 2000, write: true }]); // receive buffer outside RAM
    d.add(1, [d.buf(txPacket(arpRequest()))]);
    expect(() => d.kick(1)).not.toThrow();
    expect(d.needsReset).toBe(true);
    expect(d.warnings.length).toBe(1);
    expect(d.warnings[0]).toMatch(/^virtio-net: /);
  });

  it('random garbage in the rings never throws or hangs', T, () => {
    let seed = 12345;
    const rnd = () => { seed = (seed * 1103515245 + 12345) >>> 0; return seed; };
    for (let round = 0; round < 200; round++) {
      const { d, m } = blkDriver();
      d.init();
      const q = d.queues[0];
      for (let i = 0; i < 16 * 16; i += 4) m.set32(q.desc + i, rnd());
      // keep some addresses inside RAM so chains get walked further
      for (let i = 0; i < 16; i++) if (rnd() & 1) { m.set32(q.desc + 16 * i, RAM + (rnd() & 0xf_fff0)); m.set32(q.desc + 16 * i + 4, 0); }
      for (let i = 0; i < 16; i++) m.set16(q.avail + 4 + 2 * i, rnd() & 0x1f);
      m.set16(q.avail + 2, rnd() & 0x1f);
      expect(() => d.kick(0)).not.toThrow();
      expect(d.warnings.length).toBeLessThanOrEqual(1);
    }
  });
});
