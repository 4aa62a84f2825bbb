// The control program: several guests on one core, as CP-67 ran many virtual machines on one
// real CPU. It gives each guest paged RAM (real-memory.ts: frames on first touch, under a
// real-memory cap, paged to a backing store), gives each its own TLB sets (so a guest switch
// flushes nothing), time-slices them round-robin with a quantum, and keeps going when one of
// them powers off, panics or misbehaves. No Node API here.
import * as ABI from '../../assembly/abi';
import { Core } from '../machine/core';
import { yieldToEventLoop } from '../machine/event-loop';
import { Machine, UserError, TIMEBASE_HZ, type MachineConfig, type RunStats, type ExitReason, type GuestPlacement } from '../machine/machine';
import { RealMemory, REAL_MEMORY_LIMIT, type PagedRam, type MemoryTotals } from './real-memory';
import type { BackingStore } from './backing-store';
import { BalloonPolicy } from './balloon-policy';
import { TrapExits } from './trap-exits';
import { BootAdmission } from './admission';
import { decodeSnapshot, encodeSnapshot, jsonSection, readJson, SnapshotError, SNAPSHOT_VERSION, type SnapshotInfo } from '../machine/snapshot';

export interface GuestConfig extends Omit<MachineConfig, 'ticks' | 'now'> {
  name: string;
}

export interface GuestOutcome { name: string; reason: ExitReason; exitCode: number; detail?: string; stats: RunStats }

export interface HypervisorOptions {
  quantumMs?: number; // how long a guest runs before the next one gets the core (default 10)
  now?: () => number; // milliseconds, monotonic
  realMem?: number; // bytes of frames all guests may hold together (--real-mem; default: what wasm32 holds)
  backingStore?: BackingStore; // where the pager puts evicted pages (default: JavaScript memory)
  sampleMs?: number; // how often working sets and paging rates are sampled (default 1000)
  // Guests with a virtio-balloon: above this fraction of the real-memory cap their balloons
  // inflate by what they report free (default 0.9; 0: never; free page reporting always works).
  balloonPressure?: number;
  share?: boolean; // look for identical pages and share them copy-on-write (default true)
  shareMs?: number; // how often a slice of the sharing scan runs (default 250)
  // Guests that may be booting at once (admission.ts); the others wait, not yet started, until
  // one settles. Default: one per 256 MiB of the real-memory cap, from 1 to 8 (Infinity: all).
  maxBooting?: number;
}

const MAX_BOOTING = 8;
const BOOT_ROOM = 256 * 2 ** 20; // of the cap, per guest booting by default (a boot peaks at ~45 MiB)

export function defaultMaxBooting(realMem: number | undefined): number {
  return realMem === undefined ? MAX_BOOTING : Math.min(MAX_BOOTING, Math.max(1, Math.floor(realMem / BOOT_ROOM)));
}

// The largest guest RAM: its frame map (4 bytes per page) must fit in wasm32 beside the frames.
const GUEST_MEM_LIMIT = 64 * 2 ** 30;
export const MAX_GUESTS = 1024;
const MAX_SLEEP_MS = 1000; // every guest waits: sleep at most this long (timers and devices wake it sooner)
// A guest that retired fewer instructions than this since its working set was last sampled is
// idle (a Linux guest at its prompt retires ~70 K a second for its timer events): it is sampled
// only every IDLE_SAMPLE_MS. Sampling reads the guest's whole frame map and empties its TLBs
// (the cleared referenced bits must be set again), which was 6 % of a hundred idle guests'
// host time; an idle guest's working set over ten seconds says as much.
const IDLE_SAMPLE_INSNS = 10_000_000n;
const IDLE_SAMPLE_MS = 10_000;

export class Hypervisor {
  readonly guests: { name: string; machine: Machine; outcome: GuestOutcome | null }[] = [];
  // What each guest was made from, to make it afresh when it reboots.
  private readonly recipes: { cfg: MachineConfig; placement: GuestPlacement & { ram: PagedRam } }[] = [];
  private several = false; // more than one guest
  readonly memory: RealMemory;
  private readonly sampleMs: number;
  private nextSample = 0;
  private sampled: { at: number; instret: bigint }[] = []; // per guest: its last working-set sample
  private nextShare = 0;
  private readonly share: boolean;
  private readonly shareMs: number;
  private sets!: TlbSetPool;
  readonly balloons: BalloonPolicy;
  admission!: BootAdmission;
  private readonly maxBooting: number;
  readonly quantumMs: number;
  private readonly now: () => number;
  private t0: number;
  private wake: (() => void) | null = null;
  private stopped = false;
  switches = 0; // times the core went from one guest to another
  reboots = 0; // guests made afresh after a reboot

  private constructor(readonly core: Core, opts: HypervisorOptions) {
    this.quantumMs = opts.quantumMs ?? 10;
    this.now = opts.now ?? (() => performance.now());
    this.t0 = this.now();
    this.sampleMs = opts.sampleMs ?? 1000;
    this.share = opts.share ?? true;
    this.shareMs = opts.shareMs ?? 250;
    this.memory = new RealMemory(core, { cap: opts.realMem, store: opts.backingStore });
    this.balloons = new BalloonPolicy({ pressure: opts.balloonPressure });
    this.maxBooting = opts.maxBooting ?? defaultMaxBooting(opts.realMem);
  }

  /** Timebase ticks since the hypervisor started: every guest's `time`. */
  ticks(): number { return this.ticksAt(this.now()); }
  private ticksAt(ms: number): number { return Math.floor((ms - this.t0) * (TIMEBASE_HZ / 1000)); }
  /** Makes ticks() go on from `t` (a restored guest's timers are relative to its snapshot's time). */
  setTicks(t: number): void { this.t0 = this.now() - t / (TIMEBASE_HZ / 1000); }

  static async create(wasm: BufferSource | WebAssembly.Module, configs: GuestConfig[], opts: HypervisorOptions = {}): Promise<Hypervisor> {
    if (configs.length === 0) throw new UserError('no guests to run; give at least one');
    if (configs.length > MAX_GUESTS) throw new UserError(`${configs.length} guests: at most ${MAX_GUESTS} run at once`);
    const names = new Set<string>();
    for (const c of configs) {
      if (!/^[A-Za-z0-9_.-]{1,32}$/.test(c.name)) throw new UserError(`guest name '${c.name}': use 1-32 letters, digits, '.', '_' or '-'`);
      if (names.has(c.name)) throw new UserError(`two guests are named '${c.name}'; give each a different name`);
      names.add(c.name);
      if (!Number.isInteger(c.memSize) || c.memSize < 1 << 20 || c.memSize % 4096 || c.memSize > GUEST_MEM_LIMIT) {
        throw new UserError(`guest ${c.name}: memory size ${c.memSize} is not a whole number of pages from 1 MiB to ${GUEST_MEM_LIMIT / 2 ** 30} GiB`);
      }
      if ((c.mode ?? 'trap') !== 'trap') throw new UserError(`guest ${c.name}: the hypervisor runs trap-mode guests only`);
    }
    if (opts.maxBooting !== undefined && !(opts.maxBooting >= 1 && (Number.isInteger(opts.maxBooting) || opts.maxBooting === Infinity))) {
      throw new UserError(`at most ${opts.maxBooting} guests booting at once: give a whole number from 1`);
    }
    if (opts.realMem !== undefined && !(opts.realMem >= 1 << 20 && opts.realMem <= REAL_MEMORY_LIMIT)) {
      throw new UserError(`--real-mem ${opts.realMem}: give from 1 MiB to ${Math.floor(REAL_MEMORY_LIMIT / 2 ** 20)} MiB (what wasm32 holds)`);
    }
    let hv: Hypervisor | null = null;
    const core = await Core.create(wasm, () => (hv ? hv.ticks() : 0));
    hv = new Hypervisor(core, opts);
    // Each guest: paged RAM (no frame until a page is touched) with its own frame map, and TLB
    // sets: an equal share of them while there are at most TLB_SETS guests, else one handed
    // out when the guest is loaded.
    hv.several = configs.length > 1;
    hv.sets = new TlbSetPool(core, configs.length);
    hv.admission = new BootAdmission(configs.length, hv.maxBooting, (i) => hv!.recipes[i].placement.ram.newPages());
    configs.forEach((c, i) => {
      const { name, ...cfg } = c;
      const own = hv!.sets.fixed(i);
      const placement = { ram: hv!.memory.createGuest(c.memSize), setLo: own?.lo ?? 0, setCount: own?.count ?? 0, onActivate: own ? undefined : (m: Machine) => hv!.sets.claim(m), exits: (m: Machine) => new TrapExits(m) };
      const full: MachineConfig = { ...cfg, mode: 'trap', ticks: () => hv!.ticks(), setTicks: (t) => hv!.setTicks(t), now: hv!.now };
      hv!.recipes.push({ cfg: full, placement });
      hv!.guests.push({ name, machine: hv!.build(i), outcome: null });
    });
    return hv;
  }

  /** Real memory for all guests together: cap, pool, resident/shared/swapped/zero pages, paging. */
  memoryTotals(): MemoryTotals { return this.memory.totals(); }

  machine(name: string): Machine | undefined { return this.guests.find((g) => g.name === name)?.machine; }

  // A fresh machine for guest i, in the same place (its frame map and TLB sets), with all its
  // RAM given back (a reboot starts from zeroed memory).
  private build(i: number): Machine {
    const { cfg, placement } = this.recipes[i];
    placement.ram.clear();
    const old = this.guests[i]?.machine;
    if (old) {
      this.sets.release(old);
      placement.setLo = old.sets.lo;
      placement.setCount = old.sets.count;
      // Its sets still hold the old machine's translations (clear() emptied them only if the old
      // machine was loaded; else it would have been on its next load, which never comes).
      if (old.sets.count > 0) { if (this.core.owner === old) old.deactivate(); this.core.exports.resetSets(old.sets.lo, old.sets.count); }
    }
    const m = Machine.createIn(this.core, cfg, placement);
    this.sets.adopt(m);
    placement.ram.extra.balloon = m.balloon ? () => m.balloon!.actual : undefined;
    placement.ram.extra.stealTicks = () => m.stealTicks;
    // Loaders index every whole page they write, so that the next guest loading the same image
    // shares its frames: with one guest there is no next one, and hashing its kernel and
    // initramfs twice a page was a tenth of a trap-mode boot's start (the sharing scan still
    // finds its zero and duplicate pages later).
    placement.ram.shareLoads = this.share && this.several;
    m.onWake = () => this.wake?.();
    return m;
  }

  /** Ends every guest's run (the console's Ctrl-A X). */
  stop(): void {
    this.stopped = true;
    for (const g of this.guests) g.machine.stop();
    this.wake?.();
  }

  // Runs every guest until each has finished (power-off, panic, error), stop() or the timeout.
  // A guest that reboots (SBI SRST, the test device) is made afresh and handed to `onReboot` to
  // load its images and reset it, as QEMU's reset does; without `onReboot` it ends with 'reset'.
  async run(opts: { timeoutMs?: number; onGuestDone?: (o: GuestOutcome) => void; onReboot?: (name: string, m: Machine) => void } = {}): Promise<GuestOutcome[]> {
    const start = this.now();
    const deadline = opts.timeoutMs ? start + opts.timeoutMs : Infinity;
    const instret0 = this.guests.map((g) => g.machine.stats().instret);
    const finish = (i: number, r: { reason: ExitReason; exitCode: number; detail?: string }) => {
      const g = this.guests[i];
      const seconds = (this.now() - start) / 1000;
      const stats = g.machine.stats(g.machine.stats().instret - instret0[i], seconds);
      g.outcome = { name: g.name, ...r, stats };
      opts.onGuestDone?.(g.outcome);
      // A guest that ended by itself (power-off, panic, an error) gives its frames back to the
      // others once onGuestDone has seen it; one stopped from outside (stop(), the timeout)
      // keeps them for inspection.
      if (r.reason !== 'stopped' && r.reason !== 'timeout') this.recipes[i].placement.ram.clear();
      this.admission.settle(i);
    };
    let last: Machine | null = null;
    const readySince = this.guests.map(() => -1); // ms: when a guest that still wanted the core left it
    while (this.guests.some((g) => !g.outcome)) {
      let busy = false;
      let clock = this.now();
      let tick = this.ticksAt(clock);
      for (let i = 0; i < this.guests.length; i++) {
        const g = this.guests[i];
        if (g.outcome || g.machine.isPaused) continue;
        if (!this.admission.mayRun(i, clock)) continue; // not started yet: others are booting
        // Waiting for an interrupt: not even loaded. (One reading of the clock for all of them:
        // with a hundred idle guests, reading it for each was a good part of a wake-up's cost.)
        if (!g.machine.wantsToRunAt(tick)) { readySince[i] = -1; continue; }
        const t = this.now();
        // Steal time: how long it was ready to run while other guests had the core.
        const waited = readySince[i] >= 0 ? t - readySince[i] : 0;
        if (readySince[i] >= 0 && last !== g.machine) g.machine.addSteal(Math.floor(waited * (TIMEBASE_HZ / 1000)));
        if (last !== g.machine && last !== null) this.switches++;
        last = g.machine;
        let state: 'busy' | 'done' | 'idle';
        try {
          state = g.machine.step(t + this.quantumMs);
          const after = this.now();
          readySince[i] = state === 'busy' ? after : -1;
          this.admission.ran(i, after - t, waited);
          clock = after;
          tick = this.ticksAt(after);
        } catch (e) {
          // A guest that breaks the host's assumptions is stopped; the others go on.
          g.machine.fail(`the hypervisor stopped this guest: ${(e as Error).message}`);
          state = 'done';
        }
        if (state === 'done' && g.machine.finalResult().reason === 'reset' && opts.onReboot && !this.stopped) {
          const old: Machine = g.machine;
          g.machine = this.build(i);
          this.admission.restart(i);
          instret0[i] = 0n;
          this.reboots++;
          try {
            opts.onReboot(g.name, g.machine);
          } catch (e) {
            g.machine.fail(`could not restart after a reboot: ${(e as Error).message}`);
          }
          if (last === old) last = g.machine;
          busy = true;
          continue;
        }
        if (state === 'done') finish(i, g.machine.finalResult());
        else if (state === 'busy') busy = true;
      }
      if (this.admission.bootingCount > 0 && this.admission.tick(this.now())) busy = true; // the next may start
      if (this.now() >= this.nextSample) {
        this.sampleWorkingSets(this.now());
        const t = this.memory.pager.totals();
        this.balloons.tick(this.now(), this.guests.filter((g) => !g.outcome).map((g) => g.machine), t.resident, t.cap);
        this.nextSample = this.now() + this.sampleMs;
      }
      if (this.share && this.now() >= this.nextShare) {
        this.memory.share();
        this.nextShare = this.now() + this.shareMs;
      }
      if (this.stopped) {
        this.guests.forEach((g, i) => { if (!g.outcome) finish(i, { reason: 'stopped', exitCode: 0 }); });
        break;
      }
      if (this.now() >= deadline) {
        this.guests.forEach((g, i) => { if (!g.outcome) finish(i, { reason: 'timeout', exitCode: 124 }); });
        break;
      }
      // (Not once the last guest is done: there is nothing left to wait for, and the sleep
      // found no timer and took its whole second before the loop saw it.)
      if (this.guests.every((g) => g.outcome)) break;
      if (!busy) await this.sleep(deadline);
      else await yieldToEventLoop();
    }
    return this.guests.map((g) => g.outcome!);
  }

  /**
   * Saves every guest (each one's harts, RAM, devices, as Machine.snapshot does) and the
   * hypervisor's clock to one file. The guests are held still meanwhile.
   */
  async snapshot(): Promise<Uint8Array> {
    const held = this.guests.map((g) => { const was = g.machine.isPaused; g.machine.pause(); return was; });
    try {
      const info: SnapshotInfo = {
        version: SNAPSHOT_VERSION, created: new Date().toISOString(), machine: this.guests[0].machine.describe(),
        guests: this.guests.map((g) => ({ name: g.name, machine: g.machine.describe() })),
      };
      const state = { ticks: this.ticks(), switches: this.switches, reboots: this.reboots };
      return await encodeSnapshot([jsonSection('info', info), jsonSection('hypervisor', state),
        ...this.guests.flatMap((g, i) => g.machine.snapshotSections(`guest${i}.`))]);
    } finally {
      this.guests.forEach((g, i) => { if (!held[i]) g.machine.resume(); });
    }
  }

  /** Resumes a Hypervisor.snapshot() in this hypervisor, made with the same guests; all or nothing. */
  async restore(bytes: Uint8Array): Promise<void> {
    const sections = await decodeSnapshot(bytes);
    const info = readJson<SnapshotInfo>(sections, 'info');
    const want = info.guests ?? [];
    if (want.map((g) => g.name).join(',') !== this.guests.map((g) => g.name).join(',')) {
      throw new SnapshotError(`the snapshot holds guests ${want.map((g) => g.name).join(', ') || '(one machine)'}; this hypervisor has ${this.guests.map((g) => g.name).join(', ')}`);
    }
    const state = readJson<{ ticks: number; switches: number; reboots: number }>(sections, 'hypervisor');
    this.guests.forEach((g, i) => g.machine.checkCompatible(want[i].machine, ` (guest ${g.name})`));
    const apply = this.guests.map((g, i) => g.machine.restoreSections(sections, `guest${i}.`));
    for (const f of apply) f();
    for (const g of this.guests) g.outcome = null;
    this.guests.forEach((_, i) => this.admission.settle(i)); // past their boots
    this.switches = state.switches;
    this.reboots = state.reboots;
    this.setTicks(state.ticks);
  }

  // The working sets of the guests that ran enough since their last sample, or not for long.
  private sampleWorkingSets(now: number): void {
    const due = new Set<PagedRam>();
    this.guests.forEach((g, i) => {
      if (g.outcome) return;
      const instret = g.machine.instret;
      const last = this.sampled[i];
      if (last && last.instret <= instret && instret - last.instret < IDLE_SAMPLE_INSNS && now - last.at < IDLE_SAMPLE_MS) return;
      this.sampled[i] = { at: now, instret };
      due.add(this.recipes[i].placement.ram);
    });
    this.memory.sample(now, due);
  }

  // Every guest waits: sleep until the earliest virtual timer, a device interrupt or input.
  private async sleep(deadline: number): Promise<void> {
    const now = this.now();
    let next = Infinity;
    this.guests.forEach((g, i) => {
      if (!g.outcome && !g.machine.isPaused && this.admission.state[i] !== 'waiting') next = Math.min(next, g.machine.nextTimerTick());
    });
    let ms = Math.min(MAX_SLEEP_MS, Math.max(0, (next - this.ticksAt(now)) / (TIMEBASE_HZ / 1000)));
    ms = Math.min(ms, Math.max(0, deadline - now));
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => { this.wake = null; resolve(); }, Math.ceil(ms));
      this.wake = () => { clearTimeout(t); this.wake = null; resolve(); };
    });
  }
}

// The core's TLB sets among guests. With at most TLB_SETS guests each owns an equal share for
// good (a guest switch flushes nothing). With more, sets are handed out one per guest when a
// guest is loaded, taken from the guest that ran least recently (its shadow is emptied: it
// refills on its next run), so that any number of mostly idle guests share them.
class TlbSetPool {
  private readonly share: number; // sets per guest when fixed; 0 when handed out on demand
  private readonly holder: (Machine | null)[] = new Array(ABI.TLB_SETS).fill(null);
  private readonly lastUse: number[] = new Array(ABI.TLB_SETS).fill(0);
  private clock = 0;
  steals = 0;

  constructor(private readonly core: Core, guests: number) {
    this.share = guests <= ABI.TLB_SETS ? Math.floor(ABI.TLB_SETS / guests) : 0;
  }

  // Guest i's sets for good, or null when they are handed out on demand.
  fixed(i: number): { lo: number; count: number } | null {
    return this.share ? { lo: i * this.share, count: this.share } : null;
  }

  // A new machine in an old one's place keeps its sets (if any).
  adopt(m: Machine): void {
    if (this.share || m.sets.count === 0) return;
    this.holder[m.sets.lo] = m;
  }

  release(m: Machine): void {
    if (this.share || m.sets.count === 0) return;
    if (this.holder[m.sets.lo] === m) this.holder[m.sets.lo] = null;
  }

  // Before m is loaded: note the use; give it a set if it has none.
  claim(m: Machine): void {
    const mine = m.sets;
    if (mine.count > 0 && this.holder[mine.lo] === m) { this.lastUse[mine.lo] = ++this.clock; return; }
    let s = this.holder.indexOf(null);
    if (s < 0) { // the set used least recently; its guest is not the one loaded now
      s = 0;
      for (let i = 1; i < ABI.TLB_SETS; i++) if (this.lastUse[i] < this.lastUse[s]) s = i;
      const victim = this.holder[s]!;
      victim.setSets(0, 0);
      this.steals++;
    }
    this.core.exports.resetSets(s, 1);
    this.holder[s] = m;
    this.lastUse[s] = ++this.clock;
    m.setSets(s, 1);
  }
}

// The machine a front end asks for: bare, or a trap-mode guest, which is always a one-guest
// hypervisor's (paged RAM, its exits taken by the hypervisor); `hv` is that hypervisor.
export async function createMachineOrGuest(wasm: BufferSource | WebAssembly.Module, cfg: MachineConfig, opts?: HypervisorOptions): Promise<{ machine: Machine; hv: Hypervisor | null }> {
  if (cfg.mode !== 'trap') return { machine: await Machine.create(wasm, cfg), hv: null };
  const hv = await Hypervisor.create(wasm, [{ name: 'guest', ...cfg }], opts);
  return { machine: hv.machine('guest')!, hv };
}
