// When real memory runs short, ask guests with a virtio-balloon for the memory they do not use,
// before the pager has to write their pages out (the "double paging" of two memory managers
// that do not talk: the host pages out memory the guest considers free). Free page reporting
// already gives back what a guest frees; this inflates balloons by what a guest reports as
// free in its statistics, and lets them go again when the pressure is gone.
//
// The knob is `pressure`: the fraction of the real-memory cap above which balloons inflate
// (0 turns inflation off; reporting stays on). Each guest keeps `keepFreeMiB` of free memory.
// No Node API.
import type { Machine } from '../machine/machine';

export interface BalloonPolicyOptions {
  pressure?: number; // 0 … 1 of the cap (default 0.9); 0: never inflate
  keepFreeMiB?: number; // free memory each guest keeps (default 16)
  statsMs?: number; // how often guests are asked for fresh statistics (default 2000)
}

const PAGE = 4096;

export class BalloonPolicy {
  readonly pressure: number;
  private readonly keepFree: number; // pages
  private readonly statsMs: number;
  private lastStats = -Infinity;
  private readonly adjusted = new WeakMap<object, number>(); // statsAt each balloon's target was last raised for
  private readonly mine = new WeakMap<object, number>(); // the target this policy last set (it only lowers its own)
  inflations = 0; // targets raised
  deflations = 0; // targets lowered

  constructor(opts: BalloonPolicyOptions = {}) {
    this.pressure = opts.pressure ?? 0.9;
    if (!(this.pressure >= 0 && this.pressure <= 1)) throw new RangeError(`balloon pressure ${this.pressure} is not between 0 and 1`);
    this.keepFree = Math.round(((opts.keepFreeMiB ?? 16) << 20) / PAGE);
    this.statsMs = opts.statsMs ?? 2000;
  }

  // Called about once a second with the guests and what real memory holds (pages).
  tick(nowMs: number, machines: Machine[], resident: number, cap: number): void {
    const balloons = machines.filter((m) => m.balloon !== null && m.balloon.statsAt >= 0);
    if (balloons.length === 0) return;
    if (nowMs - this.lastStats >= this.statsMs) {
      this.lastStats = nowMs;
      for (const m of balloons) m.balloon!.requestStats();
    }
    if (this.pressure === 0) return;
    const high = this.pressure * cap;
    if (resident > high) {
      // Reclaim down to a little below the mark, from each guest in proportion to its free memory.
      const need = resident - high * 0.95;
      const spare = balloons.map((m) => Math.max(0, Math.floor((m.balloon!.stats.memFree ?? 0) / PAGE) - this.keepFree));
      const total = spare.reduce((a, b) => a + b, 0);
      if (total === 0) return;
      balloons.forEach((m, i) => {
        const b = m.balloon!;
        const give = Math.min(spare[i], Math.ceil((need * spare[i]) / total));
        // Once per fresh report of its free memory (an old report would be counted twice).
        if (give <= 0 || this.adjusted.get(b) === b.statsAt) return;
        this.adjusted.set(b, b.statsAt);
        b.setTarget(b.actual + give);
        this.mine.set(b, b.target);
        this.inflations++;
      });
    } else if (resident < high * 0.8) {
      // Pressure gone: give memory back to the guests a quarter at a time.
      for (const m of balloons) {
        const b = m.balloon!;
        if (b.target === 0 || this.mine.get(b) !== b.target) continue; // someone else's target: theirs to change
        b.setTarget(Math.max(0, b.target - Math.max(256, Math.ceil(b.target / 4))));
        this.mine.set(b, b.target);
        this.deflations++;
      }
    }
  }
}
