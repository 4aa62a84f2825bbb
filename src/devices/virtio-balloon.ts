// virtio-balloon, the traditional memory balloon (virtio 1.x section 5.5), device ID 5: the
// manager of real memory (the hypervisor) and the guest's own memory manager talk through it.
//   inflateq / deflateq: arrays of le32 page frame numbers (4 KiB guest-physical pages) the
//     driver gives to the balloon or takes back. Inflated pages are given back to the host at
//     once (their frames go to other guests; they read as zeros if the guest uses them again).
//   statsq (VIRTIO_BALLOON_F_STATS_VQ): the driver offers one buffer of {le16 tag, le64 value}
//     records; the device keeps it and hands it back when it wants fresh figures (5.5.6.3).
//   reporting_vq (VIRTIO_BALLOON_F_PAGE_REPORTING): buffers that describe free guest memory,
//     device-writable by convention but never written (5.5.6.7); the device gives the pages
//     back and returns the buffers.
// Queues exist only for negotiated features and are numbered in order (a driver without
// STATS_VQ has its reporting queue at 2), as Linux and QEMU number them.
// Config space (le32): num_pages (the target the device asks for), actual (what the driver
// holds), free_page_hint_cmd_id (unused: FREE_PAGE_HINT is not offered), poison_val.
// The device sees offsets and lengths in guest memory only; what giving pages back means is
// the host's `discard` (the machine passes its GuestRam's). No Node API.
import type { VirtioDevice, VirtioHost } from './virtio-mmio';
import { VirtioError, type Chain } from './virtqueue';

export const VIRTIO_BALLOON_F_MUST_TELL_HOST = 0;
export const VIRTIO_BALLOON_F_STATS_VQ = 1;
export const VIRTIO_BALLOON_F_DEFLATE_ON_OOM = 2;
export const VIRTIO_BALLOON_F_FREE_PAGE_HINT = 3;
export const VIRTIO_BALLOON_F_PAGE_POISON = 4;
export const VIRTIO_BALLOON_F_PAGE_REPORTING = 5;

// 5.5.6.3 statistics tags
export const BALLOON_STAT_NAMES = ['swapIn', 'swapOut', 'majorFaults', 'minorFaults', 'memFree', 'memTotal', 'memAvailable',
  'diskCaches', 'hugetlbAllocations', 'hugetlbFailures', 'oomKills', 'allocStalls', 'asyncScans', 'directScans', 'asyncReclaims', 'directReclaims'] as const;

const PFN_SHIFT = 12; // balloon pages are 4 KiB whatever the guest's page size
const PAGE = 1 << PFN_SHIFT;
const CONFIG_SIZE = 16;

export interface BalloonHost {
  // The guest gave up [pa, pa + len) (page aligned): the host may take its frames back.
  discard(pa: number, len: number): void;
}

export type BalloonStats = Partial<Record<(typeof BALLOON_STAT_NAMES)[number], number>>;

export class VirtioBalloon implements VirtioDevice {
  readonly name = 'virtio-balloon';
  readonly deviceId = 5;
  readonly queueCount = 4;
  readonly features = (1n << BigInt(VIRTIO_BALLOON_F_STATS_VQ)) | (1n << BigInt(VIRTIO_BALLOON_F_DEFLATE_ON_OOM)) |
    (1n << BigInt(VIRTIO_BALLOON_F_PAGE_POISON)) | (1n << BigInt(VIRTIO_BALLOON_F_PAGE_REPORTING));
  readonly config = new Uint8Array(CONFIG_SIZE);
  private host: VirtioHost | null = null;
  private statsChain: Chain | null = null; // the driver's stats buffer while the device holds it
  // What the driver told us.
  stats: BalloonStats = {};
  statsAt = -1; // host time (ms) of the last stats update, -1 = never
  inflated = 0; // pages given to the balloon since the driver started (inflate minus deflate)
  reportedPages = 0; // pages the driver reported free
  inflates = 0; // inflate requests (buffers)
  now: () => number = () => performance.now();

  constructor(private readonly hostMemory: BalloonHost) {}

  attach(host: VirtioHost): void { this.host = host; }

  reset(): void {
    this.statsChain = null;
    this.inflated = 0;
    this.stats = {};
    this.statsAt = -1;
    this.setU32(4, 0); // actual
    this.setU32(12, 0); // poison_val
  }

  /** Pages the device asks the driver to hold (num_pages). */
  get target(): number { return this.u32(0); }
  /** Pages the driver says it holds (actual). */
  get actual(): number { return this.u32(4); }

  // The hypervisor's request: hold `pages` pages (the driver inflates or deflates to it).
  setTarget(pages: number): void {
    const t = Math.max(0, Math.floor(pages)) >>> 0;
    if (t === this.target) return;
    this.setU32(0, t);
    this.host?.configChanged();
  }

  // Hands the stats buffer back so the driver refills it (5.5.6.3.1); false if none is held.
  requestStats(): boolean {
    const c = this.statsChain;
    const vq = this.queueOf('stats');
    if (!c || !vq || !this.host?.running) return false;
    this.statsChain = null;
    this.host.run(() => vq.push(c, 0));
    return true;
  }

  writeConfig(offset: number, size: number, value: number): void {
    // The driver writes actual and poison_val (le32); num_pages and the hint id are the device's.
    if ((offset === 4 || offset === 12) && size === 4) this.setU32(offset, value);
  }

  notify(queue: number): void {
    const role = this.roleOf(queue);
    const vq = this.host?.queue(queue);
    if (!vq || !role) return;
    for (let c = vq.pop(); c; c = vq.pop()) {
      switch (role) {
        case 'inflate': case 'deflate': {
          const pfns = c.read(0, c.readableLength - (c.readableLength % 4));
          const dv = new DataView(pfns.buffer, pfns.byteOffset, pfns.byteLength);
          for (let i = 0; i < pfns.length; i += 4) {
            const pa = dv.getUint32(i, true) * PAGE;
            if (role === 'inflate') this.hostMemory.discard(pa, PAGE);
          }
          const n = pfns.length / 4;
          this.inflated = Math.max(0, this.inflated + (role === 'inflate' ? n : -n));
          if (role === 'inflate') this.inflates++;
          vq.push(c, 0);
          break;
        }
        case 'stats': {
          this.readStats(c);
          this.statsChain = c; // kept until the device wants new figures
          break;
        }
        case 'reporting': {
          // Free pages: given back unless the driver poisons free pages with a nonzero value
          // (they must then keep reading as that value, which a fresh frame would not).
          const poisoned = this.host!.hasFeature(VIRTIO_BALLOON_F_PAGE_POISON) && this.u32(12) !== 0;
          for (const s of c.writable) {
            if (s.addr % PAGE || s.len % PAGE) throw new VirtioError(`free page report 0x${s.addr.toString(16)}+${s.len} is not page aligned`);
            if (!poisoned) this.hostMemory.discard(s.addr, s.len);
            this.reportedPages += s.len / PAGE;
          }
          vq.push(c, 0);
          break;
        }
      }
    }
  }

  private readStats(c: Chain): void {
    const n = Math.floor(c.readableLength / 10);
    if (n === 0) return;
    const raw = c.read(0, n * 10);
    const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const stats: BalloonStats = {};
    for (let i = 0; i < n; i++) {
      const tag = dv.getUint16(i * 10, true);
      const name = BALLOON_STAT_NAMES[tag];
      if (name) stats[name] = Number(dv.getBigUint64(i * 10 + 2, true));
    }
    this.stats = stats;
    this.statsAt = this.now();
  }

  // Queues in order, only those whose feature was negotiated (see the header).
  private roleOf(queue: number): 'inflate' | 'deflate' | 'stats' | 'reporting' | null {
    const roles: ('inflate' | 'deflate' | 'stats' | 'reporting')[] = ['inflate', 'deflate'];
    if (this.host?.hasFeature(VIRTIO_BALLOON_F_STATS_VQ)) roles.push('stats');
    if (this.host?.hasFeature(VIRTIO_BALLOON_F_PAGE_REPORTING)) roles.push('reporting');
    return roles[queue] ?? null;
  }

  private queueOf(role: 'stats' | 'reporting') {
    for (let q = 0; q < this.queueCount; q++) if (this.roleOf(q) === role) return this.host?.queue(q) ?? null;
    return null;
  }

  private u32(off: number): number { return new DataView(this.config.buffer).getUint32(off, true); }
  private setU32(off: number, v: number): void { new DataView(this.config.buffer).setUint32(off, v >>> 0, true); }

  saveState(): unknown {
    return { config: Array.from(this.config), inflated: this.inflated, reportedPages: this.reportedPages, stats: this.stats };
  }

  loadState(state: unknown): void {
    const s = state as { config: number[]; inflated: number; reportedPages: number; stats: BalloonStats };
    this.config.set(s.config.slice(0, CONFIG_SIZE));
    this.inflated = s.inflated;
    this.reportedPages = s.reportedPages;
    this.stats = s.stats;
    this.statsChain = null; // the driver re-offers its stats buffer after a restore's reset
  }
}
