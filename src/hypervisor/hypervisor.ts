// The control program: several guests on one core, as CP-67 ran many virtual machines on one
// real CPU. It places each guest in real memory (its frames and frame map), gives each its own
// TLB sets (so a guest switch flushes nothing), time-slices them round-robin with a quantum,
// and keeps going when one of them powers off, panics or misbehaves. No Node API here.
import * as ABI from '../../assembly/abi';
import { Core } from '../machine/core';
import { yieldToEventLoop } from '../machine/event-loop';
import { Machine, UserError, TIMEBASE_HZ, type MachineConfig, type RunStats, type ExitReason, type GuestPlacement } from '../machine/machine';
import { decodeSnapshot, encodeSnapshot, jsonSection, readJson, SnapshotError, SNAPSHOT_VERSION, type SnapshotInfo } from '../machine/snapshot';

export interface GuestConfig extends Omit<MachineConfig, 'ticks' | 'now'> {
  name: string;
}

export interface GuestOutcome { name: string; reason: ExitReason; exitCode: number; detail?: string; stats: RunStats }

export interface HypervisorOptions {
  quantumMs?: number; // how long a guest runs before the next one gets the core (default 10)
  now?: () => number; // milliseconds, monotonic
}

// Real memory above the core's tables: what wasm32 leaves after them, with room to spare.
const REAL_MEMORY_LIMIT = 0xf000_0000 - ABI.RAM_HOST_BASE;

export class Hypervisor {
  readonly guests: { name: string; machine: Machine; outcome: GuestOutcome | null }[] = [];
  // What each guest was made from, to make it afresh when it reboots.
  private readonly recipes: { cfg: MachineConfig; placement: GuestPlacement }[] = [];
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
  }

  /** Timebase ticks since the hypervisor started: every guest's `time`. */
  ticks(): number { return Math.floor((this.now() - this.t0) * (TIMEBASE_HZ / 1000)); }

  static async create(wasm: BufferSource | WebAssembly.Module, configs: GuestConfig[], opts: HypervisorOptions = {}): Promise<Hypervisor> {
    if (configs.length === 0) throw new UserError('no guests to run; give at least one');
    if (configs.length > ABI.TLB_SETS) throw new UserError(`${configs.length} guests: at most ${ABI.TLB_SETS} run at once`);
    const names = new Set<string>();
    for (const c of configs) {
      if (!/^[A-Za-z0-9_.-]{1,32}$/.test(c.name)) throw new UserError(`guest name '${c.name}': use 1-32 letters, digits, '.', '_' or '-'`);
      if (names.has(c.name)) throw new UserError(`two guests are named '${c.name}'; give each a different name`);
      names.add(c.name);
      if (!Number.isInteger(c.memSize) || c.memSize < 1 << 20 || c.memSize % 4096) {
        throw new UserError(`guest ${c.name}: memory size ${c.memSize} is not a whole number of pages of at least 1 MiB`);
      }
    }
    // Each guest's RAM starts at a different offset within the decoded-instruction cache's span
    // (it is direct-mapped by frame number over DECODE_SLOTS pages), so that the same kernel in
    // two guests does not evict itself page for page.
    const span = ABI.DECODE_SLOTS * 4096;
    const stagger = Math.floor(span / configs.length / 4096) * 4096;
    const offsets: number[] = [];
    let end = 0;
    configs.forEach((c, i) => {
      const want = i * stagger;
      const at = end + ((want - (end % span) + span) % span);
      offsets.push(at);
      end = at + c.memSize;
    });
    const total = end;
    if (total > REAL_MEMORY_LIMIT) throw new UserError(`the guests need ${Math.ceil(total / 2 ** 20)} MiB together, more than the ${Math.floor(REAL_MEMORY_LIMIT / 2 ** 20)} MiB wasm32 can hold; give them less memory`);
    let hv: Hypervisor | null = null;
    const core = await Core.create(wasm, () => (hv ? hv.ticks() : 0));
    hv = new Hypervisor(core, opts);
    core.reserve(total);
    // Each guest: a contiguous run of frames (so its devices see plain RAM) at its staggered
    // offset, a slice of the frame map pointing at them, and an equal share of the TLB sets.
    const setsEach = Math.floor(ABI.TLB_SETS / configs.length);
    let mapEntry = 0;
    configs.forEach((c, i) => {
      const { name, ...cfg } = c;
      const placement = { offset: offsets[i], map: ABI.MAP_BASE + mapEntry * 4, setLo: i * setsEach, setCount: setsEach };
      const full: MachineConfig = { ...cfg, mode: cfg.mode ?? 'trap', ticks: () => hv!.ticks(), now: hv!.now };
      hv!.recipes.push({ cfg: full, placement });
      hv!.guests.push({ name, machine: hv!.build(i), outcome: null });
      mapEntry += c.memSize / 4096;
    });
    return hv;
  }

  machine(name: string): Machine | undefined { return this.guests.find((g) => g.name === name)?.machine; }

  // A fresh machine for guest i, in the same place (its frames, map slice and TLB sets).
  private build(i: number): Machine {
    const { cfg, placement } = this.recipes[i];
    const m = Machine.createIn(this.core, cfg, placement);
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
    };
    let last: Machine | null = null;
    while (this.guests.some((g) => !g.outcome)) {
      let busy = false;
      for (let i = 0; i < this.guests.length; i++) {
        const g = this.guests[i];
        if (g.outcome || g.machine.isPaused) continue;
        if (last !== g.machine && last !== null) this.switches++;
        last = g.machine;
        let state: 'busy' | 'done' | 'idle';
        try {
          state = g.machine.step(this.now() + this.quantumMs);
        } catch (e) {
          // A guest that breaks the host's assumptions is stopped; the others go on.
          g.machine.fail(`the hypervisor stopped this guest: ${(e as Error).message}`);
          state = 'done';
        }
        if (state === 'done' && g.machine.finalResult().reason === 'reset' && opts.onReboot && !this.stopped) {
          const old: Machine = g.machine;
          g.machine = this.build(i);
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
      if (this.stopped) {
        this.guests.forEach((g, i) => { if (!g.outcome) finish(i, { reason: 'stopped', exitCode: 0 }); });
        break;
      }
      if (this.now() >= deadline) {
        this.guests.forEach((g, i) => { if (!g.outcome) finish(i, { reason: 'timeout', exitCode: 124 }); });
        break;
      }
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
    this.switches = state.switches;
    this.reboots = state.reboots;
    this.t0 = this.now() - state.ticks / (TIMEBASE_HZ / 1000);
  }

  // Every guest waits: sleep until the earliest virtual timer, a device interrupt or input.
  private async sleep(deadline: number): Promise<void> {
    let ms = 50;
    for (const g of this.guests) if (!g.outcome && !g.machine.isPaused) ms = Math.min(ms, g.machine.msToNextTimer());
    ms = Math.min(ms, Math.max(0, deadline - this.now()));
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => { this.wake = null; resolve(); }, Math.ceil(ms));
      this.wake = () => { clearTimeout(t); this.wake = null; resolve(); };
    });
  }
}
