// How `--stats` and `--stats-json` show a run's figures (one guest or several).
import type { RunStats } from '../machine/machine';
import type { MemoryStats } from '../machine/guest-ram';
import type { OutputFile } from '../node/output-file';

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
      `jit: ${j.regions} regions compiled in ${j.compileMs.toFixed(1)} ms (translator ${j.translateMs.toFixed(1)} ms)${j.threadMs ? ` and ${j.threadMs.toFixed(1)} ms on the JIT's thread (${j.threadRegions} of them)` : ''}, ${(j.codeBytes / 1024).toFixed(0)} KiB of code; ` +
        `${(j.share * 100).toFixed(1)} % of instructions compiled (${j.entries} entries from the interpreter, ${j.chains} from other regions); exits: ${list(j.exits)}; drops ${j.drops}, entries unmarked as unprofitable ${j.unprofitable}, translations failed ${j.failed}${j.promoted ? '; promoted to V8\'s optimizing tier' : ''}`,
    );
  }
  const mem = s.memory;
  if (mem) lines.push(memoryLine(mem));
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

// One guest's memory (4 KiB pages): what it holds, what the pager did, what it gave back.
export function memoryLine(m: MemoryStats): string {
  const mib = (pages: number) => `${(pages / 256).toFixed(1)} MiB`;
  // (Pages of a restored snapshot are only named while some still are in it, or were brought in.)
  const restored = m.inSnapshot || m.snapshotIns ? { left: `, in the snapshot ${m.inSnapshot}`, ins: `, from the snapshot ${m.snapshotIns}` } : { left: '', ins: '' };
  return `memory (${Math.floor(m.size / 2 ** 20)} MiB): resident ${m.resident} pages (${mib(m.resident)}), shared ${m.shared}, swapped ${m.swapped}${restored.left}, zero ${m.zero}; ` +
    `hidden faults ${m.faults} (zero fills ${m.zeroFills}, page-ins ${m.pageIns}${restored.ins}), page-outs ${m.pageOuts}, given back ${m.discards}; ` +
    `working set ${m.workingSet} pages` +
    (m.balloon !== undefined ? `, balloon ${m.balloon} pages` : '') +
    (m.stealTicks !== undefined ? `, steal ${(m.stealTicks / 1e7).toFixed(3)} s` : '');
}

// Writes --stats-json's file; if that fails at the end of a run, says why and prints the figures
// on stderr instead, so a long run's numbers are not lost. False on failure.
export function writeStats(out: OutputFile | null, json: string): boolean {
  if (!out) return true;
  try {
    out.commit(json + '\n');
    return true;
  } catch (e) {
    process.stderr.write(`rvisor: ${(e as Error).message}; the figures follow\n${json}\n`);
    return false;
  }
}
