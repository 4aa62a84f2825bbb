#!/usr/bin/env node
// The `rvisor` command. Exit codes: the guest's own code when it powers off or exits through
// HTIF; 124 on --timeout; 2 for bad input (one line on stderr says what and what to do).
import { writeFileSync } from 'node:fs';
import { Machine, UserError, type RunResult, type VirtioSpec } from '../machine/machine';
import { FileBlockBackend } from '../node/file-block-backend';
import { OverlayBlockBackend } from '../devices/block-backend';
import { NetSwitch, NetTestPeer } from '../devices/net-switch';
import { ElfError } from '../loader/elf';
import { loadCoreWasm } from '../node/wasm';
import { ensureGuestImages, GuestImagesError } from '../node/images';
import { attachConsole } from './console';
import { readInput } from './input-file';
import { parseCommandLine, UsageError, USAGE, cliJit, cliJitSamples, type RunOptions } from './args';
import { runGuests } from './multi';
import { statsLines, statsJson } from './report';
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
  const opts = parseCommandLine(argv);
  if (opts === 'help') { console.log(USAGE); return 0; }
  if (opts.command === 'console') return attachToConsole(opts.consoleName!);
  if (opts.command === 'serve') return serve(opts);
  if (opts.guests.length || opts.config) return runGuests(opts);
  await resolveImages(opts);
  // A guest reboot (the virt test device's 0x7777) starts a fresh machine with the same
  // images and disks, as QEMU's reset does.
  for (;;) {
    const r = await boot(opts);
    if (r !== 'reset') return r;
  }
}

async function boot(opts: RunOptions): Promise<number | 'reset'> {
  // Guest output is collected and written once per event-loop turn instead of a write per byte.
  let pending: number[] = [];
  const flush = () => { if (pending.length) { process.stdout.write(Uint8Array.from(pending)); pending = []; } };
  const out = (b: Uint8Array) => {
    if (pending.length === 0) setImmediate(flush);
    for (const x of b) pending.push(x);
  };
  const warn = (msg: string) => process.stderr.write(`rvisor: warning: ${msg}\n`);
  if (opts.restore) {
    const { m, disks } = await machineFromSnapshot(opts, { console: out, warn });
    process.once('exit', () => disks.forEach((d) => d.close()));
    return runMachine(opts, m, flush, disks);
  }
  const virtio: VirtioSpec[] = [];
  const disks: FileBlockBackend[] = [];
  for (const d of opts.drives) {
    // snapshot=on: the file is only read; writes stay in memory and vanish at exit.
    const file = FileBlockBackend.open(d.file, { readonly: d.readonly || d.snapshot });
    disks.push(file);
    const backend = d.snapshot && !d.readonly ? new OverlayBlockBackend(file) : file;
    virtio.push({ kind: 'blk', backend, serial: `rvisor-disk${disks.length - 1}` });
  }
  if (opts.rng) virtio.push({ kind: 'rng' });
  if (opts.virtioConsole) virtio.push({ kind: 'console' });
  if (opts.net) {
    const sw = new NetSwitch();
    new NetTestPeer(sw, { mac: '52:54:00:12:34:02', ip: '10.0.2.2' });
    virtio.push({ kind: 'net', port: sw.connect(), mac: '52:54:00:12:34:56' });
  }
  const m = await Machine.create(loadCoreWasm(), {
    memSize: opts.memSize, harts: opts.smp, icount: opts.icount, console: out, bootargs: opts.append, virtio,
    mode: opts.mode, coherence: opts.coherence, jit: cliJit(opts.jit), jitSamples: cliJitSamples(),
    warn,
  });
  process.once('exit', () => disks.forEach((d) => d.close()));
  if (opts.bios !== 'none') m.loadFirmware(readInput(opts.bios, '--bios'), opts.bios);
  if (opts.kernel) m.loadKernel(readInput(opts.kernel, '--kernel'), opts.kernel);
  if (opts.initrd) m.loadInitrd(readInput(opts.initrd, '--initrd'), opts.initrd);
  if (opts.dtb) m.useDtb(readInput(opts.dtb, '--dtb'));
  if (opts.command === 'dumpdtb') {
    writeFileSync(opts.output!, m.buildDtb());
    return 0;
  }
  m.reset();
  return runMachine(opts, m, flush, disks);
}

async function runMachine(opts: RunOptions, m: Machine, flush: () => void, disks: FileBlockBackend[]): Promise<number | 'reset'> {
  const gdb = opts.gdb ? await startGdbServer(m, opts.gdb, opts.gdbWait) : null;
  const detach = attachConsole(m);
  let result: RunResult;
  try {
    result = await m.run({ timeoutMs: opts.timeoutSec ? opts.timeoutSec * 1000 : undefined });
  } finally {
    detach();
  }
  await gdb?.finish(result.exitCode);
  flush();
  report(opts, result);
  if (result.reason === 'reset') {
    disks.forEach((d) => d.close());
    return 'reset';
  }
  return result.exitCode;
}

function report(opts: RunOptions, r: RunResult): void {
  if (r.reason === 'timeout') process.stderr.write(`rvisor: timeout after ${opts.timeoutSec} s (guest still running)\n`);
  if (r.reason === 'panic') process.stderr.write(`rvisor: the guest kernel panicked: ${r.detail}\n`);
  const s = r.stats;
  // The process's peak resident memory so far (the kernel's high-water mark), for benchmarks.
  const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  const json = statsJson({ reason: r.reason, exitCode: r.exitCode, peakRssMiB, ...s });
  if (opts.stats) {
    const [first, ...rest] = statsLines(s);
    process.stderr.write(`rvisor: ${r.reason} (exit ${r.exitCode}); ${first}\n`);
    for (const line of rest) process.stderr.write(`rvisor: ${line}\n`);
  }
  if (opts.statsJson) writeFileSync(opts.statsJson, json + '\n');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof UsageError || e instanceof UserError || e instanceof ElfError) {
      process.stderr.write(`rvisor: ${e.message}\n`);
      process.exit(2);
    }
    if (e instanceof GuestImagesError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`rvisor: internal error: ${(e as Error).stack ?? e}\n`);
    process.exit(70);
  },
);

