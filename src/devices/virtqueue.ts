// Split virtqueues (virtio 1.x section 2.7) as seen from the device side: the descriptor
// table, the available ring the driver fills and the used ring the device fills, all in guest
// memory. Everything read from guest memory is hostile input: every index, length and address
// is checked, loops and over-long chains are bounded by the queue size, and a violation throws
// VirtioError, which the transport turns into DEVICE_NEEDS_RESET (never an exception out of an
// MMIO access). No Node API: this runs in browsers too.

// Guest physical memory as devices reach it (DMA). `read` returns null and `write` false when
// any byte is outside RAM. `read` may return a view into guest RAM: callers copy what they
// keep, and do not hold it across another access. The machine's `write` also invalidates
// decoded code it overwrites.
export interface GuestMemory {
  read(pa: number, len: number): Uint8Array | null;
  write(pa: number, data: Uint8Array): boolean;
}

// The driver broke a rule of the specification; the device stops and asks for a reset.
export class VirtioError extends Error {}

export const VIRTQ_DESC_F_NEXT = 1;
export const VIRTQ_DESC_F_WRITE = 2;
export const VIRTQ_DESC_F_INDIRECT = 4;
export const VIRTQ_AVAIL_F_NO_INTERRUPT = 1;

const DESC_SIZE = 16;
const MAX_CHAIN_BYTES = 2 ** 32; // 2.7.5.2: a chain longer than 2^32 bytes in total is a driver error
const CHUNK = 64 * 1024; // scatter/gather copies never hold more than this at once

export interface Segment { addr: number; len: number }

// One descriptor chain popped from the available ring: the device-readable buffers, then the
// device-writable ones (2.7.4.2: the driver places writable descriptors after readable ones).
export class Chain {
  readonly readable: Segment[] = [];
  readonly writable: Segment[] = [];
  readableLength = 0;
  writableLength = 0;

  constructor(private readonly mem: GuestMemory, readonly head: number) {}

  // Copies `len` bytes from the device-readable part, starting `offset` bytes into it.
  read(offset: number, len: number): Uint8Array {
    if (offset < 0 || len < 0 || offset + len > this.readableLength) {
      throw new VirtioError(`device needs ${offset + len} device-readable bytes, the chain has ${this.readableLength}`);
    }
    const out = new Uint8Array(len);
    let done = 0;
    for (const s of this.readable) {
      if (done === len) break;
      if (offset >= s.len) { offset -= s.len; continue; }
      const n = Math.min(s.len - offset, len - done);
      const src = this.mem.read(s.addr + offset, n);
      if (!src) throw new VirtioError(`buffer 0x${s.addr.toString(16)}+${s.len} is outside RAM`);
      out.set(src, done);
      done += n;
      offset = 0;
    }
    return out;
  }

  // Calls fn with consecutive pieces (at most 64 KiB each) of the device-readable bytes from
  // `offset` on, so huge buffers never need one huge allocation.
  readChunks(offset: number, fn: (piece: Uint8Array, at: number) => void): void {
    for (let at = offset; at < this.readableLength; at += CHUNK) {
      fn(this.read(at, Math.min(CHUNK, this.readableLength - at)), at - offset);
    }
  }

  // Copies `data` into the device-writable part, starting `offset` bytes into it.
  write(offset: number, data: Uint8Array): void {
    const len = data.length;
    if (offset < 0 || offset + len > this.writableLength) {
      throw new VirtioError(`device needs ${offset + len} device-writable bytes, the chain has ${this.writableLength}`);
    }
    let done = 0;
    for (const s of this.writable) {
      if (done === len) break;
      if (offset >= s.len) { offset -= s.len; continue; }
      const n = Math.min(s.len - offset, len - done);
      if (!this.mem.write(s.addr + offset, data.subarray(done, done + n))) {
        throw new VirtioError(`buffer 0x${s.addr.toString(16)}+${s.len} is outside RAM`);
      }
      done += n;
      offset = 0;
    }
  }
}

export interface VirtqueueState {
  num: number; ready: boolean; desc: number; driver: number; device: number;
  lastAvail: number; usedIdx: number; signalled: number; signalValid: boolean;
}

export class Virtqueue {
  num = 0; // queue size the driver chose (QueueNum)
  ready = false;
  desc = 0; // descriptor table
  driver = 0; // available ring ("driver area")
  device = 0; // used ring ("device area")
  eventIdx = false; // VIRTIO_F_EVENT_IDX negotiated
  indirect = false; // VIRTIO_F_INDIRECT_DESC negotiated
  private lastAvail = 0; // next available-ring entry the device will take
  private usedIdx = 0; // device's copy of used->idx
  private signalled = 0; // used->idx when the driver was last considered for an interrupt
  private signalValid = false;
  private pushed = false; // used entries added since the last shouldSignal()
  stopped = false; // the device needs a reset: take nothing more, return nothing more


  constructor(private readonly mem: GuestMemory, readonly maxSize: number) {}

  reset(): void {
    this.num = 0;
    this.ready = false;
    this.desc = this.driver = this.device = 0;
    this.stopped = false;
    this.restart();
  }

  // A queue that is (re-)enabled starts at index 0 on both rings, as after a device reset.
  restart(): void {
    this.lastAvail = this.usedIdx = this.signalled = 0;
    this.signalValid = false;
    this.pushed = false;
  }

  // Why the driver's setup cannot work (2.7: sizes and alignment of the three parts), or null.
  check(): string | null {
    if (this.num < 1 || this.num > this.maxSize) return `queue size ${this.num} is not within 1…${this.maxSize}`;
    if (this.desc % 16) return `descriptor table 0x${this.desc.toString(16)} is not 16-byte aligned`;
    if (this.driver % 2) return `available ring 0x${this.driver.toString(16)} is not 2-byte aligned`;
    if (this.device % 4) return `used ring 0x${this.device.toString(16)} is not 4-byte aligned`;
    return null;
  }

  // Takes the next available chain, or returns null when the driver has offered nothing new.
  // When the ring is empty it also publishes avail_event (event index), so the driver's next
  // buffer produces a notification.
  pop(): Chain | null {
    if (this.stopped) return null;
    if (!this.ready) throw new VirtioError('queue is not ready');
    const availIdx = this.u16(this.driver + 2);
    const count = (availIdx - this.lastAvail) & 0xffff;
    if (count === 0) {
      if (this.eventIdx) this.setU16(this.device + 4 + 8 * this.num, this.lastAvail);
      return null;
    }
    if (count > this.num) throw new VirtioError(`available index moved by ${count}, more than the queue size ${this.num}`);
    const head = this.u16(this.driver + 4 + 2 * (this.lastAvail % this.num));
    this.lastAvail = (this.lastAvail + 1) & 0xffff;
    return this.walk(head);
  }

  // Returns a chain to the driver with `written` bytes written to its device-writable part.
  push(chain: Chain, written: number): void {
    if (this.stopped) return;
    const slot = this.device + 4 + 8 * (this.usedIdx % this.num);
    const elem = new Uint8Array(8);
    const dv = new DataView(elem.buffer);
    dv.setUint32(0, chain.head, true);
    dv.setUint32(4, Math.min(written, chain.writableLength) >>> 0, true);
    if (!this.mem.write(slot, elem)) throw new VirtioError(`used ring 0x${this.device.toString(16)} is outside RAM`);
    this.usedIdx = (this.usedIdx + 1) & 0xffff;
    this.setU16(this.device + 2, this.usedIdx);
    this.pushed = true;
  }

  // After a batch of push()es: does the driver want a used-buffer notification? (2.7.7.2:
  // avail->flags NO_INTERRUPT, or with event index used_event crossed since the last signal.)
  shouldSignal(): boolean {
    if (!this.pushed || !this.ready) return false;
    this.pushed = false;
    const prev = this.signalled;
    const valid = this.signalValid;
    this.signalled = this.usedIdx;
    this.signalValid = true;
    if (!this.eventIdx) return (this.u16(this.driver) & VIRTQ_AVAIL_F_NO_INTERRUPT) === 0;
    if (!valid) return true;
    const usedEvent = this.u16(this.driver + 4 + 2 * this.num);
    // vring_need_event: used_event lies in [prev, usedIdx)
    return ((this.usedIdx - usedEvent - 1) & 0xffff) < ((this.usedIdx - prev) & 0xffff);
  }

  // Follows a chain from its head, through at most one indirect table. Each table is walked
  // at most once per entry it has, so a loop shows up as a chain longer than its table.
  private walk(head: number): Chain {
    if (head >= this.num) throw new VirtioError(`available ring names descriptor ${head}, queue size is ${this.num}`);
    const chain = new Chain(this.mem, head);
    let table = this.desc;
    let tableSize = this.num;
    let inIndirect = false;
    let idx = head;
    let seen = 0;
    let total = 0;
    for (;;) {
      if (++seen > tableSize) {
        throw new VirtioError(`descriptor chain from ${head} is longer than its table (${tableSize}): a loop?`);
      }
      const raw = this.mem.read(table + DESC_SIZE * idx, DESC_SIZE);
      if (!raw) throw new VirtioError(`descriptor table 0x${table.toString(16)} is outside RAM`);
      const dv = new DataView(raw.buffer, raw.byteOffset, DESC_SIZE);
      const addr = dv.getUint32(0, true) + dv.getUint32(4, true) * 2 ** 32;
      const len = dv.getUint32(8, true);
      const flags = dv.getUint16(12, true);
      const next = dv.getUint16(14, true);
      if (flags & VIRTQ_DESC_F_INDIRECT) {
        // 2.7.5.3.1: only with the feature, never inside an indirect table, never with NEXT
        if (!this.indirect) throw new VirtioError('indirect descriptor without VIRTIO_F_INDIRECT_DESC');
        if (inIndirect) throw new VirtioError('indirect descriptor inside an indirect table');
        if (flags & VIRTQ_DESC_F_NEXT) throw new VirtioError('indirect descriptor with NEXT set');
        if (len === 0 || len % DESC_SIZE || len / DESC_SIZE > this.num) {
          throw new VirtioError(`indirect table of ${len} bytes (must be 1…${this.num} descriptors of 16 bytes)`);
        }
        table = addr;
        tableSize = len / DESC_SIZE;
        inIndirect = true;
        idx = 0;
        seen = 0;
        continue;
      }
      total += len;
      if (total > MAX_CHAIN_BYTES) throw new VirtioError(`descriptor chain from ${head} is longer than 2^32 bytes`);
      if (flags & VIRTQ_DESC_F_WRITE) {
        chain.writable.push({ addr, len });
        chain.writableLength += len;
      } else {
        if (chain.writable.length) throw new VirtioError(`descriptor chain from ${head} has a device-readable buffer after a device-writable one`);
        chain.readable.push({ addr, len });
        chain.readableLength += len;
      }
      if (!(flags & VIRTQ_DESC_F_NEXT)) return chain;
      if (next >= tableSize) throw new VirtioError(`descriptor ${idx} links to ${next}, beyond its table of ${tableSize}`);
      idx = next;
    }
  }

  private u16(pa: number): number {
    const b = this.mem.read(pa, 2);
    if (!b) throw new VirtioError(`ring address 0x${pa.toString(16)} is outside RAM`);
    return b[0] | (b[1] << 8);
  }

  private setU16(pa: number, v: number): void {
    if (!this.mem.write(pa, Uint8Array.of(v & 0xff, (v >> 8) & 0xff))) {
      throw new VirtioError(`ring address 0x${pa.toString(16)} is outside RAM`);
    }
  }

  saveState(): VirtqueueState {
    const { num, ready, desc, driver, device, lastAvail, usedIdx, signalled, signalValid } = this;
    return { num, ready, desc, driver, device, lastAvail, usedIdx, signalled, signalValid };
  }

  loadState(s: VirtqueueState): void {
    Object.assign(this, s);
    this.pushed = false;
  }
}
