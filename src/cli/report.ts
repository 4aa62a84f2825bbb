// How `--stats` and `--stats-json` show a run's figures (one guest or several).
import type { RunStats } from '../machine/machine';

export function statsJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? Number(v) : v), 2);
}

const list = (r: Record<string, number> | undefined) => Object.entries(r ?? {}).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';

export function statsLines(s: RunStats): string[] {
  const lines = [
    `${s.instret} instructions in ${s.seconds.toFixed(3)} s = ${s.mips.toFixed(1)} MIPS`,
    `${s.mode} mode; exits: ${list(s.exits)}; mmio: ${list(s.mmioByDevice)}`,
    `traps ${s.traps}, interrupts ${s.interrupts}, tlb hit rate ${(s.tlbHitRate * 100).toFixed(2)} % (misses ${s.tlbMisses}), tlb flushes ${s.tlbFlushes}, ` +
      `decoded pages ${s.decodedPages}, code invalidations ${s.codeInvalidations}`,
  ];
  const j = s.jit;
  if (j) {
    lines.push(
      `jit: ${j.regions} regions compiled in ${j.compileMs.toFixed(1)} ms (translator ${j.translateMs.toFixed(1)} ms), ${(j.codeBytes / 1024).toFixed(0)} KiB of code; ` +
        `${(j.share * 100).toFixed(1)} % of instructions compiled (${j.entries} entries); exits: ${list(j.exits)}; drops ${j.drops}, not compiled ${j.failed}`,
    );
  }
  const h = s.hv;
  if (h) {
    lines.push(
      `hypervisor exits: ${list(h.exits)}`,
      `reflected exceptions by cause: ${list(h.reflected)}; interrupts by cause: ${list(h.interrupts)}`,
      `shadow: fills ${h.shadowFills}, sets emptied ${h.shadowFlushes}, page-table writes ${h.ptWrites}, ` +
        `roots reused ${h.rootHits}, roots built ${h.rootMisses}; ` +
        `guest context switches ${h.guestContextSwitches}; hypervisor switches to this guest ${h.guestSwitches}, between its vcpus ${h.vcpuSwitches}`,
    );
  }
  return lines;
}
