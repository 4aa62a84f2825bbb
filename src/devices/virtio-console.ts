// virtio-console (virtio 1.x section 5.3), device ID 3, a single port (no MULTIPORT): queue 0
// is receiveq (host to guest), queue 1 transmitq (guest to host). Linux binds it as hvc0.
// Input waits in a bounded buffer until the driver offers receive buffers; VIRTIO_CONSOLE_F_SIZE
// is offered when a size is given, and resize() reports a new one.
import type { VirtioDevice, VirtioHost } from './virtio-mmio';

export const VIRTIO_CONSOLE_F_SIZE = 0;
const RX_QUEUE = 0;
const TX_QUEUE = 1;
const INPUT_MAX = 64 * 1024; // typed or pasted bytes beyond this, while the guest reads nothing, are dropped

export interface VirtioConsoleOptions {
  size?: { cols: number; rows: number };
}

export class VirtioConsole implements VirtioDevice {
  readonly name = 'virtio-console';
  readonly deviceId = 3;
  readonly queueCount = 2;
  readonly features: bigint;
  // struct virtio_console_config: cols u16 @0, rows u16 @2, max_nr_ports u32 @4, emerg_wr u32 @8
  readonly config = new Uint8Array(12);
  private host: VirtioHost | null = null;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  dropped = 0; // input bytes lost to the bound

  constructor(private readonly output: (bytes: Uint8Array) => void, opts: VirtioConsoleOptions = {}) {
    this.features = opts.size ? 1n << BigInt(VIRTIO_CONSOLE_F_SIZE) : 0n;
    if (opts.size) this.setSize(opts.size.cols, opts.size.rows);
  }

  attach(host: VirtioHost): void { this.host = host; }

  // Host input (keyboard, a pipe): delivered as soon as the guest has receive buffers.
  input(bytes: Uint8Array): void {
    const room = INPUT_MAX - this.pendingBytes;
    if (bytes.length > room) this.dropped += bytes.length - Math.max(room, 0);
    if (room > 0 && bytes.length) {
      const keep = bytes.slice(0, room);
      this.pending.push(keep);
      this.pendingBytes += keep.length;
    }
    this.host?.run(() => this.deliver());
  }

  // A new terminal size (only with the SIZE feature): config change interrupt.
  resize(cols: number, rows: number): void {
    if (this.features === 0n) return;
    this.setSize(cols, rows);
    this.host?.configChanged();
  }

  // Input typed before a reset is still the user's: it stays for the next driver.
  reset(): void {}

  notify(queue: number): void {
    if (queue === RX_QUEUE) this.deliver();
    else if (queue === TX_QUEUE) this.transmit();
  }

  private deliver(): void {
    const vq = this.host?.queue(RX_QUEUE);
    if (!vq) return;
    while (this.pending.length) {
      const c = vq.pop();
      if (!c) return; // wait for buffers: pop() asked the driver to notify when it adds some
      let n = 0;
      while (this.pending.length && n < c.writableLength) {
        const head = this.pending[0];
        const take = Math.min(head.length, c.writableLength - n);
        c.write(n, head.subarray(0, take));
        n += take;
        if (take === head.length) this.pending.shift();
        else this.pending[0] = head.subarray(take);
        this.pendingBytes -= take;
      }
      vq.push(c, n);
    }
  }

  private transmit(): void {
    const vq = this.host?.queue(TX_QUEUE);
    if (!vq) return;
    for (let c = vq.pop(); c; c = vq.pop()) {
      c.readChunks(0, (piece) => this.output(piece));
      vq.push(c, 0);
    }
  }

  private setSize(cols: number, rows: number): void {
    const dv = new DataView(this.config.buffer);
    dv.setUint16(0, cols, true);
    dv.setUint16(2, rows, true);
  }

  saveState(): { pending: number[] } {
    const all = new Uint8Array(this.pendingBytes);
    let at = 0;
    for (const p of this.pending) { all.set(p, at); at += p.length; }
    return { pending: [...all] };
  }

  loadState(s: unknown): void {
    const bytes = Uint8Array.from((s as { pending: number[] }).pending);
    this.pending = bytes.length ? [bytes] : [];
    this.pendingBytes = bytes.length;
  }
}
