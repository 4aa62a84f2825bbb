// virtio-rng, the entropy device (virtio 1.x section 5.4), device ID 4: one request queue of
// device-writable buffers that the device fills with random bytes. The randomness comes from
// an injected source (crypto.getRandomValues in Node and browsers), so tests can be exact.
import type { VirtioDevice, VirtioHost } from './virtio-mmio';
import type { Chain } from './virtqueue';

// The device may fill fewer bytes than offered (5.4.6.1); 64 KiB is also getRandomValues' limit.
const MAX_PER_REQUEST = 64 * 1024;

export class VirtioRng implements VirtioDevice {
  readonly name = 'virtio-rng';
  readonly deviceId = 4;
  readonly queueCount = 1;
  readonly features = 0n;
  readonly config = new Uint8Array(0);
  private host: VirtioHost | null = null;

  constructor(private readonly random: (buf: Uint8Array) => void = (b) => { crypto.getRandomValues(b); }) {}

  attach(host: VirtioHost): void { this.host = host; }
  reset(): void {}

  notify(queue: number): void {
    const vq = this.host?.queue(queue);
    if (!vq) return;
    for (let c = vq.pop(); c; c = vq.pop()) vq.push(c, this.fill(c));
  }

  private fill(c: Chain): number {
    const n = Math.min(c.writableLength, MAX_PER_REQUEST);
    if (n === 0) return 0;
    const buf = new Uint8Array(n);
    this.random(buf);
    c.write(0, buf);
    return n;
  }
}
