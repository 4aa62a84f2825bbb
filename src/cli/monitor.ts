// The console monitor (Ctrl-A C, as in QEMU): a few commands to look at a running machine.
// It only formats text; console.ts feeds it lines and writes its answers.
import type { Machine } from '../machine/machine';
import * as ABI from '../../assembly/abi';
import type { MemoryTotals } from '../hypervisor/real-memory';
import { memoryLine } from './report';

import { loadSnapshotFile, saveSnapshotFile } from './restore';

// `pending`: a command that takes a while (savevm, loadvm); its line is shown when it is done.
export type MonitorAction = { output: string; then: 'stay' | 'resume' | 'quit'; pending?: Promise<string> };

const ABI_NAMES = ['zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6'];
const PRIV = ['U', 'S', '?', 'M'];
const hex = (v: bigint) => '0x' + v.toString(16).padStart(16, '0');

export const MONITOR_HELP = `commands: regs (registers and CSRs of the current hart), stats, guests (every guest's figures), memory (real memory and each guest's pages), savevm FILE, loadvm FILE (snapshots), c (continue), q (quit), help`;

export type GuestList = () => { name: string; machine: Machine; done: boolean }[];

export function monitorCommand(m: Machine, line: string, guests?: GuestList, memory?: () => MemoryTotals): MonitorAction {
  const cmd = line.trim();
  const vm = /^(savevm|loadvm)\s+(\S.*)$/.exec(cmd);
  if (vm) {
    const file = vm[2].trim();
    const run = vm[1] === 'savevm' ? saveSnapshotFile(m, file) : loadSnapshotFile(m, file);
    return { output: '', then: 'stay', pending: run.catch((e: Error) => `${vm[1]} failed: ${e.message}`) };
  }
  switch (cmd) {
    case '': return { output: '', then: 'stay' };
    case 'help': case 'h': case '?': return { output: MONITOR_HELP + '\n', then: 'stay' };
    case 'c': case 'cont': return { output: '', then: 'resume' };
    case 'q': case 'quit': return { output: '', then: 'quit' };
    case 'regs': case 'info registers': {
      const c = m.core;
      const rows: string[] = [`pc ${hex(c.pc)}  priv ${PRIV[c.priv] ?? c.priv}  instret ${c.instret}`];
      for (let i = 0; i < 32; i += 4) {
        rows.push([0, 1, 2, 3].map((k) => `${ABI_NAMES[i + k].padStart(4)} ${hex(c.x(i + k))}`).join('  '));
      }
      const csrs: [string, number][] = [['mstatus', ABI.CSR_SLOT_MSTATUS], ['mepc', ABI.CSR_SLOT_MEPC], ['mcause', ABI.CSR_SLOT_MCAUSE],
        ['mtval', ABI.CSR_SLOT_MTVAL], ['satp', ABI.CSR_SLOT_SATP], ['sepc', ABI.CSR_SLOT_SEPC], ['scause', ABI.CSR_SLOT_SCAUSE], ['stval', ABI.CSR_SLOT_STVAL]];
      rows.push(csrs.map(([n, s]) => `${n} ${hex(c.csr(s))}`).join('  '));
      return { output: rows.join('\n') + '\n', then: 'stay' };
    }
    case 'guests': {
      const list = guests?.() ?? [{ name: 'guest', machine: m, done: false }];
      const rows = list.map(({ name, machine, done }) => {
        const s = machine.stats();
        const exits = s.hv ? Object.values(s.hv.exits).reduce((a, b) => a + b, 0) : 0;
        const mem = s.memory;
        return `${name.padEnd(12)} ${done ? 'done   ' : 'running'} ${s.mode} ${s.instret} instructions, ${exits} hypervisor exits, ` +
          `${s.hv?.shadowFills ?? 0} shadow fills, ${s.hv?.guestSwitches ?? 0} switches to it` +
          (mem ? `; ${(mem.resident / 256).toFixed(1)} MiB resident (${mem.shared} pages shared), ${mem.swapped} pages swapped, ` +
            `working set ${mem.workingSet} pages, ${Math.round(mem.pageInsPerSec)} page-ins/s, ${Math.round(mem.pageOutsPerSec)} page-outs/s` +
            (mem.balloon !== undefined ? `, balloon ${mem.balloon} pages` : '') +
            (mem.stealTicks !== undefined ? `, steal ${(mem.stealTicks / 1e7).toFixed(2)} s` : '') : '');
      });
      return { output: rows.join('\n') + '\n', then: 'stay' };
    }
    case 'memory': case 'info memory': {
      const list = guests?.() ?? [{ name: 'guest', machine: m, done: false }];
      const rows: string[] = [];
      const t = memory?.();
      if (t) rows.push(totalsLine(t));
      for (const { name, machine } of list) {
        const mem = machine.stats().memory;
        rows.push(`${name}: ${mem ? memoryLine(mem) : 'one run of real memory (bare mode): not paged'}`);
      }
      return { output: rows.join('\n') + '\n', then: 'stay' };
    }
    case 'stats': case 'info stats': {
      const s = m.stats();
      return { output: JSON.stringify(s, (_k, v) => (typeof v === 'bigint' ? Number(v) : v), 2) + '\n', then: 'stay' };
    }
  }
  return { output: `unknown command '${cmd}'; ${MONITOR_HELP}\n`, then: 'stay' };
}

// All guests' memory together (pages of 4 KiB), for the monitor and --stats.
export function totalsLine(t: MemoryTotals): string {
  const mib = (pages: number) => `${(pages / 256).toFixed(1)} MiB`;
  return `real memory: cap ${mib(t.cap)}, grown to ${mib(t.poolFrames)} (${t.freeFrames} frames free, maps ${mib(t.tableFrames)}); ` +
    `guests hold ${t.resident} pages (${mib(t.resident)}), shared ${t.shared}, swapped ${t.swapped}${t.inSnapshot ? `, in a snapshot ${t.inSnapshot}` : ''}, zero ${t.zero} of ${t.guestPages}; ` +
    `hidden faults ${t.faults}, page-ins ${t.pageIns} (${Math.round(t.pageInsPerSec)}/s), page-outs ${t.pageOuts} (${Math.round(t.pageOutsPerSec)}/s), ` +
    `dropped ${t.drops}, given back ${t.discards}; working set ${t.workingSet} pages; backing store errors ${t.writeErrors + t.readErrors}`;
}
