// Boot admission: how many guests may be in their boot at once. A booting Linux guest's
// working set peaks far above what it holds once idle (about 45 MiB of a 128 MiB guest while
// its kernel unpacks the initramfs, 6 MiB once sharing has folded it), and the pool of frames
// is a wasm memory, which never shrinks: a hundred guests booting together grew it to 3.7 GiB
// for good, and under a real-memory cap their peaks thrashed. Booting a few at a time costs no
// more CPU (one core runs them either way) and bounds the pool by the idle guests' holdings
// plus a few boots' peaks.
//
// A guest is 'waiting' (never run since it was made: its first instruction has not run, so
// holding it back is invisible to it but for the hypervisor's clock, which was already
// running), 'booting' (admitted, holding one of `max` places) or 'settled'. A booting guest
// settles, and frees its place, once a window of `windowMs` shows it past its peak:
//  - it waited for interrupts most of the window (at its prompt, or done with its work), or
//  - it ran for a good part of the window but hardly took new pages (a guest that computes or
//    rewrites the memory it has: its working set stopped growing), or
//  - it has had MAX_BOOT_CPU_MS of the core (a guard: no guest holds a place for ever).
// No Node API here.

// A window in which the guest was ready to run (running, or waiting for the core) less than
// this part of the time: it is idle.
const IDLE_READY_FRACTION = 0.25;
// Over a window in which it ran at least STEADY_MIN_RUN_MS, fewer new pages per ms on the core
// than this: its working set stopped growing (Linux's boot takes about 2 pages per ms of CPU).
const STEADY_MIN_RUN_MS = 250;
const STEADY_PAGES_PER_MS = 0.1;
const MAX_BOOT_CPU_MS = 60_000;

export type AdmissionState = 'waiting' | 'booting' | 'settled';

interface Window { start: number; ranMs: number; readyMs: number; pages: number }

export class BootAdmission {
  readonly state: AdmissionState[];
  private readonly window: Window[];
  private readonly cpuMs: number[];
  private booting = 0;
  admitted = 0; // guests let in so far (reboots count again)

  // `max`: places for booting guests (Infinity: no limit); `pages(i)`: the new frames guest i
  // has taken so far (first touches, copy-on-write breaks, pages brought in from a snapshot).
  constructor(count: number, readonly max: number, private readonly pages: (i: number) => number, readonly windowMs = 1000) {
    if (!(max >= 1)) throw new RangeError(`boot admission: ${max} places; give at least 1`);
    this.state = new Array(count).fill('waiting');
    this.window = Array.from({ length: count }, () => ({ start: 0, ranMs: 0, readyMs: 0, pages: 0 }));
    this.cpuMs = new Array(count).fill(0);
  }

  get bootingCount(): number { return this.booting; }

  // Whether guest i may have the core now; a waiting guest is admitted if a place is free.
  mayRun(i: number, now: number): boolean {
    const s = this.state[i];
    if (s !== 'waiting') return true;
    if (this.booting >= this.max) return false;
    this.state[i] = 'booting';
    this.booting++;
    this.admitted++;
    this.cpuMs[i] = 0;
    this.window[i] = { start: now, ranMs: 0, readyMs: 0, pages: this.pages(i) };
    return true;
  }

  // Guest i had the core for `ranMs` and, before that, waited `readyMs` for it.
  ran(i: number, ranMs: number, waitedMs: number): void {
    if (this.state[i] !== 'booting') return;
    const w = this.window[i];
    w.ranMs += ranMs;
    w.readyMs += ranMs + waitedMs;
    this.cpuMs[i] += ranMs;
  }

  // Closes the windows that have run their length and settles the guests past their peak;
  // whether any did.
  tick(now: number): boolean {
    let settled = false;
    for (let i = 0; i < this.state.length; i++) {
      if (this.state[i] !== 'booting') continue;
      const w = this.window[i];
      const len = now - w.start;
      if (len < this.windowMs) continue;
      const pages = this.pages(i);
      const idle = w.readyMs < len * IDLE_READY_FRACTION;
      const steady = w.ranMs >= STEADY_MIN_RUN_MS && pages - w.pages < w.ranMs * STEADY_PAGES_PER_MS;
      if (idle || steady || this.cpuMs[i] >= MAX_BOOT_CPU_MS) { this.settle(i); settled = true; } else this.window[i] = { start: now, ranMs: 0, readyMs: 0, pages };
    }
    return settled;
  }

  // Guest i ended (its place goes to the next) or was made settled from outside (a restore:
  // it is past its boot).
  settle(i: number): void {
    if (this.state[i] === 'booting') this.booting--;
    this.state[i] = 'settled';
  }

  // Guest i was made afresh (a reboot): it boots again, when a place is free.
  restart(i: number): void {
    this.settle(i);
    this.state[i] = 'waiting';
  }
}
