#!/usr/bin/env node
// The `rvisor` command. Exit codes: the guest's own code when it powers off or exits through
// HTIF; 124 on --timeout; 2 for bad input (one line on stderr says what and what to do); 141
// when stdout is closed under it, 74 when an output cannot be written; 70 only for a bug.
import { UserError, type RunResult, type VirtioSpec, type MachineConfig, type Machine } from '../machine/machine';
import { NetSwitch, NetTestPeer } from '../devices/net-switch';
import { FdtError } from '../loader/fdt';
import { OutputFile } from '../node/output-file';
import { openDrive } from './drives';
import { MemoryBlockBackend, type BlockBackend } from '../devices/block-backend';
import { guardStdio, exitAfterOutput, EXIT_IOERR } from './stdio';
import { ElfError } from '../loader/elf';
import { ensureGuestImages, GuestImagesError } from '../node/images';
import { attachConsole } from './console';
import { openInput, readInput } from './input-file';
import { parseCommandLine, UsageError, USAGE, cliJit, cliJitSamples, cliJitMinRun, type RunOptions } from './args';
import { runGuests } from './multi';
import { createMachineFor } from './paging';
import type { Hypervisor } from '../hypervisor/hypervisor';
import type { MemoryTotals } from '../hypervisor/real-memory';
import { totalsLine } from './monitor';
import { statsLines, statsJson, writeStats } from './report';
import { attachToConsole } from '../node/console-socket';
import { machineFromSnapshot } from './restore';
import { serve } from './serve';
import { startGdbServer } from '../node/gdb-server';

// Named guest images, fetched from Debian and cached on first use (src/node/images/):
// --bios opensbi | u-boot, --kernel debian | u-boot, --initrd debian.
async function resolveImages(opts: RunOptions): Promise<void> {
  const named = (v: string | undefined, names: string[]) => v !== undefined && names.includes(v);
  if (!named(opts.bios, ['opensbi', 'u-boot']) && !named(opts.kernel, ['debian', 'u-boot']) && !named(opts.initrd, ['debian'])) return;
  const img = await ensureGuestImages();
  if (opts.bios === 'opensbi') opts.bios = img.opensbi.fw_dynamic_bin;
  else if (opts.bios === 'u-boot') opts.bios = img.uboot.mmode;
  if (opts.kernel === 'debian') opts.kernel = img.kernel;
  else if (opts.kernel === 'u-boot') opts.kernel = img.uboot.smodeElf; // the ELF: u-boot.bin would be loaded raw, with a notice
  if (opts.initrd === 'debian') opts.initrd = img.initrd;
}

async function main(argv: string[]): Promise<number> {
  guardStdio();
  const opts = parseCommandLine(argv);
  if (opts === 'help') { process.stdout.write(USAGE + '\n'); return 0; }
  for (const n of opts.notices) process.stderr.write(`rvisor: notice: ${n}\n`);
  if (opts.command === 'console') return attachToConsole(opts.consoleName!);
  if (opts.command === 'serve') return serve(opts);
  // Everything the run will write is checked, and every disk locked, before anything runs.
  const statsOut = opts.statsJson !== undefined ? OutputFile.claim(opts.statsJson, `--stats-json ${opts.statsJson}`) : null;
  if (opts.guests.length || opts.config) return runGuests(opts, statsOut);
  const dtbOut = opts.command === 'dumpdtb' ? OutputFile.claim(opts.output!, `dumpdtb ${opts.output}`) : null;
  // dumpdtb only counts the disks (one virtio slot each): it neither opens nor locks them. With
  // --restore the snapshot says which disks it needs; they are opened (and locked) as it is read.
  const drives = opts.restore ? [] : opts.drives.map((d, i) => (dtbOut ? { backend: new MemoryBlockBackend(new Uint8Array(512)) } : openDrive(d, `--drive #${i + 1} file=${d.file}`)));
  await resolveImages(opts);
  // A guest reboot (the virt test device's 0x7777) starts a fresh machine with the same
  // images and disks, as QEMU's reset does.
  for (;;) {
    const r = await boot(opts, drives, statsOut, dtbOut);
    if (r !== 'reset') return r;
  }
}

async function boot(opts: RunOptions, drives: { backend: BlockBackend }[], statsOut: OutputFile | null, dtbOut: OutputFile | null): Promise<number | 'reset'> {
  // Guest output is collected and written once per event-loop turn instead of a write per byte.
  let pending: number[] = [];
  const flush = () => { if (pending.length) { process.stdout.write(Uint8Array.from(pending)); pending = []; } };
  const out = (b: Uint8Array) => {
    if (pending.length === 0) setImmediate(flush);
    for (const x of b) pending.push(x);
  };
  const warn = (msg: string) => process.stderr.write(`rvisor: warning: ${msg}\n`);
  if (opts.restore) {
    const { m, hv, disks } = await machineFromSnapshot(opts, { console: out, warn });
    const r = await runMachine(opts, m, hv, flush, statsOut);
    if (r === 'reset') disks.forEach((d) => d.close()); // the next boot restores (and opens) them again
    return r;
  }
  const virtio: VirtioSpec[] = drives.map((d, i) => ({ kind: 'blk', backend: d.backend, serial: `rvisor-disk${i}` }));
  if (opts.rng) virtio.push({ kind: 'rng' });
  if (opts.virtioConsole) virtio.push({ kind: 'console' });
  if (opts.balloon) virtio.push({ kind: 'balloon' });
  if (opts.net) {
    const sw = new NetSwitch();
    new NetTestPeer(sw, { mac: '52:54:00:12:34:02', ip: '10.0.2.2' });
    virtio.push({ kind: 'net', port: sw.connect(), mac: '52:54:00:12:34:56' });
  }
  const cfg: MachineConfig = {
    memSize: opts.memSize, harts: opts.smp, icount: opts.icount, rtcBase: opts.rtcBase, console: out, bootargs: opts.append, virtio,
    mode: opts.mode, coherence: opts.coherence, jit: cliJit(opts.jit), jitSamples: cliJitSamples(), jitMinRun: cliJitMinRun(),
    warn,
  };
  const { m, hv } = await createMachineFor(opts, cfg);
  if (opts.bios !== 'none') m.loadFirmware(openInput(opts.bios, '--bios'), opts.bios);
  if (opts.kernel) m.loadKernel(openInput(opts.kernel, '--kernel'), opts.kernel);
  if (opts.initrd) m.loadInitrd(openInput(opts.initrd, '--initrd'), opts.initrd);
  if (opts.dtb) m.useDtb(readInput(opts.dtb, '--dtb'), `--dtb ${opts.dtb}`);
  if (dtbOut) {
    dtbOut.commit(m.buildDtb());
    return 0;
  }
  m.reset();
  return runMachine(opts, m, hv, flush, statsOut);
}

async function runMachine(opts: RunOptions, m: Machine, hv: Hypervisor | null, flush: () => void, statsOut: OutputFile | null): Promise<number | 'reset'> {
  const gdb = opts.gdb ? await startGdbServer(m, opts.gdb, opts.gdbWait) : null;
  const detach = attachConsole(m, hv ? () => hv.stop() : undefined, undefined, hv ? () => hv.memoryTotals() : undefined);
  let result: RunResult;
  try {
    const timeoutMs = opts.timeoutSec ? opts.timeoutSec * 1000 : undefined;
    result = hv ? (await hv.run({ timeoutMs }))[0] : await m.run({ timeoutMs });
  } finally {
    detach();
  }
  await gdb?.finish(result.exitCode);
  flush();
  if (result.reason === 'reset') return 'reset';
  if (!report(opts, result, statsOut, hv?.memoryTotals())) return EXIT_IOERR;
  return result.exitCode;
}

// Prints --stats and writes --stats-json; false if the file could not be written (its figures
// then go to stderr, so a long run's numbers are not lost).
function report(opts: RunOptions, r: RunResult, statsOut: OutputFile | null, realMemory?: MemoryTotals): boolean {
  if (r.reason === 'timeout') process.stderr.write(`rvisor: timeout after ${opts.timeoutSec} s (guest still running)\n`);
  if (r.reason === 'panic') process.stderr.write(`rvisor: the guest kernel panicked: ${r.detail}\n`);
  const s = r.stats;
  // The process's peak resident memory so far (the kernel's high-water mark), for benchmarks.
  const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  const json = statsJson({ reason: r.reason, exitCode: r.exitCode, peakRssMiB, ...s, realMemory });
  if (opts.stats) {
    const [first, ...rest] = statsLines(s);
    process.stderr.write(`rvisor: ${r.reason} (exit ${r.exitCode}); ${first}\n`);
    for (const line of rest) process.stderr.write(`rvisor: ${line}\n`);
    if (realMemory) process.stderr.write(`rvisor: ${totalsLine(realMemory)}\n`);
  }
  return writeStats(statsOut, json);
}

main(process.argv.slice(2)).then(
  // Exits once stdout has taken everything, so a write error there (stdio.ts) decides the code.
  (code) => exitAfterOutput(code),
  (e) => {
    if (e instanceof UsageError || e instanceof UserError || e instanceof ElfError || e instanceof FdtError) {
      process.stderr.write(`rvisor: ${e.message}\n`);
      process.exit(2);
    }
    if (e instanceof GuestImagesError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`rvisor: internal error (a bug in rvisor; please report it with the command line): ${(e as Error).stack ?? e}\n`);
    process.exit(70);
  },
);

