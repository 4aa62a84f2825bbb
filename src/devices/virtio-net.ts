// virtio-net (virtio 1.x section 5.1), device ID 1, one queue pair: queue 0 receiveq, queue 1
// transmitq. Every packet is preceded by the 12-byte struct virtio_net_hdr (VERSION_1 always
// has num_buffers), or by the legacy 10-byte one (without num_buffers, 5.1.6.1 "Legacy
// Interface") when the driver did not accept VERSION_1, as QEMU does. No checksum or
// segmentation offloads are offered, so the driver sends plain Ethernet frames and every
// received frame goes into one receive chain.
// Offered: VIRTIO_NET_F_MAC (config mac) and VIRTIO_NET_F_STATUS (link up/down).
import { VIRTIO_F_VERSION_1, type VirtioDevice, type VirtioHost } from './virtio-mmio';
import { VirtioError } from './virtqueue';

export const VIRTIO_NET_F_MAC = 5;
export const VIRTIO_NET_F_STATUS = 16;
export const VIRTIO_NET_S_LINK_UP = 1;
export const VIRTIO_NET_HDR_SIZE = 12;
export const VIRTIO_NET_LEGACY_HDR_SIZE = 10; // without VERSION_1 (and without MRG_RXBUF, not offered)

const RX_QUEUE = 0;
const TX_QUEUE = 1;
const MAX_FRAME = 65535 + 14; // an Ethernet header and the largest IP packet; more is a driver error
const RX_BACKLOG = 256; // frames waiting for receive buffers; later ones are dropped, as a full NIC would

// One end of a virtual Ethernet cable (see net-switch.ts). `send` hands over a frame the
// caller will not touch again; frames given to the receive callback are the receiver's.
export interface NetPort {
  send(frame: Uint8Array): void;
  onReceive(cb: (frame: Uint8Array) => void): void;
}

export interface VirtioNetOptions {
  mac: Uint8Array | string; // '52:54:00:12:34:56' (QEMU's first NIC) or 6 bytes
  linkUp?: boolean;
}

export class VirtioNet implements VirtioDevice {
  readonly name = 'virtio-net';
  readonly deviceId = 1;
  readonly queueCount = 2;
  readonly features = (1n << BigInt(VIRTIO_NET_F_MAC)) | (1n << BigInt(VIRTIO_NET_F_STATUS));
  // struct virtio_net_config: mac[6] @0, status u16 @6
  readonly config = new Uint8Array(8);
  readonly mac: Uint8Array;
  private host: VirtioHost | null = null;
  private backlog: Uint8Array[] = [];
  readonly stats = { txFrames: 0, rxFrames: 0, rxDropped: 0 };

  constructor(private readonly port: NetPort, opts: VirtioNetOptions) {
    this.mac = typeof opts.mac === 'string' ? parseMac(opts.mac) : Uint8Array.from(opts.mac);
    if (this.mac.length !== 6) throw new RangeError('a MAC address has 6 bytes');
    this.config.set(this.mac, 0);
    this.config[6] = opts.linkUp === false ? 0 : VIRTIO_NET_S_LINK_UP;
    port.onReceive((frame) => this.receive(frame));
  }

  attach(host: VirtioHost): void { this.host = host; }

  // Frames that arrived for a driver that has gone away are stale.
  reset(): void { this.backlog = []; }

  get linkUp(): boolean { return (this.config[6] & VIRTIO_NET_S_LINK_UP) !== 0; }

  setLink(up: boolean): void {
    if (up === this.linkUp) return;
    this.config[6] = up ? VIRTIO_NET_S_LINK_UP : 0;
    this.host?.configChanged();
  }

  // The header in front of every packet, as negotiated.
  private get hdrSize(): number {
    return this.host?.hasFeature(VIRTIO_F_VERSION_1) === false ? VIRTIO_NET_LEGACY_HDR_SIZE : VIRTIO_NET_HDR_SIZE;
  }

  notify(queue: number): void {
    if (queue === RX_QUEUE) this.deliver();
    else if (queue === TX_QUEUE) this.transmit();
  }

  private receive(frame: Uint8Array): void {
    if (!this.linkUp || !this.host?.running || this.backlog.length >= RX_BACKLOG) { this.stats.rxDropped++; return; }
    this.backlog.push(frame);
    this.host.run(() => this.deliver());
  }

  private deliver(): void {
    const vq = this.host?.queue(RX_QUEUE);
    if (!vq) return;
    const hdr = this.hdrSize;
    while (this.backlog.length) {
      const c = vq.pop();
      if (!c) return; // no buffers yet: pop() asked the driver to notify when it adds some
      const frame = this.backlog.shift()!;
      const len = hdr + frame.length;
      if (len > c.writableLength) {
        // Too small for the frame: hand it back empty (Linux counts a length error and refills).
        this.stats.rxDropped++;
        vq.push(c, 0);
        continue;
      }
      const pkt = new Uint8Array(len);
      if (hdr === VIRTIO_NET_HDR_SIZE) pkt[10] = 1; // num_buffers = 1: flags, gso_type NONE and the rest stay 0
      pkt.set(frame, hdr);
      c.write(0, pkt);
      vq.push(c, len);
      this.stats.rxFrames++;
    }
  }

  private transmit(): void {
    const vq = this.host?.queue(TX_QUEUE);
    if (!vq) return;
    const hdr = this.hdrSize;
    for (let c = vq.pop(); c; c = vq.pop()) {
      if (c.readableLength < hdr) throw new VirtioError(`transmit chain of ${c.readableLength} device-readable bytes has no virtio_net_hdr`);
      const len = c.readableLength - hdr;
      if (len > MAX_FRAME) throw new VirtioError(`transmit frame of ${len} bytes (at most ${MAX_FRAME} without offloads)`);
      const frame = c.read(hdr, len);
      vq.push(c, 0);
      this.stats.txFrames++;
      if (this.linkUp) this.port.send(frame);
    }
  }
}

export function parseMac(s: string): Uint8Array {
  const parts = s.split(/[:-]/);
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-fA-F]{1,2}$/.test(p))) throw new RangeError(`bad MAC address ${s}`);
  return Uint8Array.from(parts.map((p) => parseInt(p, 16)));
}

export function formatMac(mac: Uint8Array): string {
  return [...mac.subarray(0, 6)].map((b) => b.toString(16).padStart(2, '0')).join(':');
}
