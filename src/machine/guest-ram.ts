// Guest RAM as the machine's loaders, devices (DMA), HTIF and SBI calls see it: byte offsets
// from the start of RAM. The core reaches the same memory through the guest's frame map; this
// is the host's door to it. Two kinds exist:
//   - ContiguousRam (here): one run of real memory behind an identity map, bare mode's.
//   - the hypervisor's paged RAM (src/hypervisor/real-memory.ts): frames given on first touch,
//     paged out under a real-memory cap. The machine never imports it: the hypervisor hands its
//     machines their GuestRam (the machine layer does not know the hypervisor).
// No Node API here.
import * as ABI from '../../assembly/abi';
import type { Core } from './core';
import type { PageImage } from './snapshot';

// What a guest's memory costs, for --stats and the monitor (paged RAM only). Pages are 4 KiB.
export interface MemoryStats {
  size: number; // bytes of guest RAM (--mem)
  resident: number; // pages with a frame of their own or a shared one
  shared: number; // of those, pages on a frame shared with other pages (copy-on-write)
  swapped: number; // pages whose contents are only in the backing store
  inSnapshot: number; // pages whose contents are still only in the snapshot the RAM was restored from
  zero: number; // pages that hold no frame and read as zeros (never touched, or given back)
  faults: number; // hidden page faults: touches of a page without a frame
  zeroFills: number; // faults served with a fresh zeroed frame
  pageIns: number; // faults served from the backing store
  snapshotIns: number; // faults served from the snapshot the RAM was restored from
  pageOuts: number; // pages written to the backing store
  discards: number; // pages the guest gave back (reported free, ballooned, zeroed by a loader)
  pageInsPerSec: number; // over the last sampling interval
  pageOutsPerSec: number;
  faultsPerSec: number;
  workingSet: number; // pages used during the last sampling interval
  balloon?: number; // pages in the guest's balloon (virtio-balloon)
  stealTicks?: number; // timebase ticks the guest was runnable but not running (SBI STA)
}

export interface GuestRam {
  readonly size: number; // bytes
  // Linear address of the frame-map entry of RAM offset 0 (what the core's setGuest takes).
  readonly map: number;
  // A copy of `len` bytes at RAM offset `off`; null when the range is outside RAM or its pages
  // could not be had (then `error` says why).
  read(off: number, len: number): Uint8Array | null;
  // Writes `data` at `off`; false as for read. Calls onHostWrite for every host range written.
  write(off: number, data: Uint8Array): boolean;
  // Makes [off, off + len) read as zeros (whole pages may give their frames back).
  zero(off: number, len: number): boolean;
  // Contiguous RAM: has `fill` write [off, off + len) in place (a file read straight in), then
  // calls onHostWrite; false as for write.
  writeWith?(off: number, len: number, fill: (dst: Uint8Array) => void): boolean;
  // The core exited with EXIT_PAGE for this offset: make its page present (writable for a
  // write). False when it cannot (`error` says why); the guest cannot continue.
  fault(off: number, write: boolean): boolean;
  readonly error: string | null;
  // Set by the machine: real memory [host, host + len) was written by the host (loaders, DMA),
  // so decoded instructions there must go and write-protected page tables be looked at.
  onHostWrite: ((host: number, len: number) => void) | null;
  // Set by the machine: pages of this guest now map other frames (copy-on-write): its own
  // translations must go, now if it is loaded in the core, else before it next runs.
  onRemap?: (() => void) | null;
  // Whole pages the host writes are matched against identical pages at once (paged RAM).
  shareLoads?: boolean;
  // All of RAM as one array, when it is one run of real memory (bare mode).
  contiguous?(): Uint8Array;
  // Paged RAM: the page holds no frame and reads as zeros (a snapshot skips it unread).
  absent?(page: number): boolean;
  // Paged RAM, all given back (zero): takes `image`'s pages as its contents, each brought in on
  // its first touch. False (`error` says why) when it cannot.
  adoptImage?(image: PageImage): boolean;
  stats?(): MemoryStats;
}

// One run of real memory at `offset` bytes into the frames, identity-mapped by the core's own
// map at MAP_BASE (bare mode: Core.init built it).
export class ContiguousRam implements GuestRam {
  readonly map = ABI.MAP_BASE;
  error: string | null = null;
  onHostWrite: ((host: number, len: number) => void) | null = null;

  constructor(private readonly core: Core, readonly size: number, private readonly offset = 0) {}

  contiguous(): Uint8Array { return this.core.ram(this.size, this.offset); }

  private inside(off: number, len: number): boolean {
    const ok = Number.isInteger(off) && Number.isInteger(len) && off >= 0 && len >= 0 && off + len <= this.size;
    this.error = ok ? null : `0x${off.toString(16)}+${len} is outside RAM`;
    return ok;
  }

  read(off: number, len: number): Uint8Array | null {
    return this.inside(off, len) ? this.contiguous().slice(off, off + len) : null;
  }

  write(off: number, data: Uint8Array): boolean {
    return this.writeWith(off, data.length, (dst) => dst.set(data));
  }

  writeWith(off: number, len: number, fill: (dst: Uint8Array) => void): boolean {
    if (!this.inside(off, len)) return false;
    fill(this.contiguous().subarray(off, off + len));
    this.onHostWrite?.(ABI.RAM_HOST_BASE + this.offset + off, len);
    return true;
  }

  zero(off: number, len: number): boolean {
    return this.writeWith(off, len, (dst) => dst.fill(0));
  }

  fault(off: number): boolean {
    this.error = `a hidden page fault at RAM offset 0x${off.toString(16)} in identity-mapped RAM`;
    return false;
  }
}
