// `rvisor run --config FILE.json` and `rvisor run --guest ...`: several trap-mode guests under
// the hypervisor, each with its own devices and console, on one virtual switch.
import { Hypervisor, type GuestConfig, type GuestOutcome } from '../hypervisor/hypervisor';
import { UserError, type VirtioSpec, type RunStats, type Machine } from '../machine/machine';
import type { OutputFile } from '../node/output-file';
import { openDrive, type OpenDrive } from './drives';
import { NetSwitch, NetTestPeer } from '../devices/net-switch';
import { compileCoreForCli, cliJitTiers } from '../node/wasm';
import { ensureGuestImages } from '../node/images';
import { ConsoleSocket } from '../node/console-socket';
import { parseGuestList, GuestConfigError, type GuestEntry } from '../loader/guest-config';
import { attachConsole } from './console';
import { openInput, readInput } from './input-file';
import { parseDrive, cliJit, cliJitSamples, cliJitMinRun, cliJitTier, cliJitThread, type RunOptions } from './args';
import { statsLines, statsJson, writeStats } from './report';
import { pagingOptions } from './paging';
import { totalsLine } from './monitor';
import { EXIT_IOERR } from './stdio';

function guestEntries(opts: RunOptions): { entries: GuestEntry[]; quantumMs: number; realMem?: number } {
  if (opts.config) {
    try {
      const list = parseGuestList(new TextDecoder().decode(readInput(opts.config, '--config')), opts.config);
      return { entries: list.guests, quantumMs: list.quantumMs ?? opts.quantumMs, realMem: opts.realMem ?? list.realMem };
    } catch (e) {
      if (e instanceof GuestConfigError) throw new UserError(e.message);
      throw e;
    }
  }
  const entries = opts.guests.map((g) => ({
    name: g.name, kernel: g.kernel, initrd: opts.initrd, memSize: opts.memSize, append: opts.append, smp: opts.smp,
    drives: [], net: opts.net, rng: opts.rng, console: 'prefix' as const, coherence: opts.coherence, balloon: opts.balloon,
  }));
  return { entries, quantumMs: opts.quantumMs, realMem: opts.realMem };
}

// Writes a guest's output with its name at the start of every line.
function prefixed(name: string, write: (b: Uint8Array) => void): (b: Uint8Array) => void {
  const tag = new TextEncoder().encode(`${name}| `);
  let atLineStart = true;
  return (bytes) => {
    const out: number[] = [];
    for (const b of bytes) {
      if (atLineStart) { out.push(...tag); atLineStart = false; }
      out.push(b);
      if (b === 0x0a) atLineStart = true;
    }
    write(Uint8Array.from(out));
  };
}

export async function runGuests(opts: RunOptions, statsOut: OutputFile | null): Promise<number> {
  const { entries, quantumMs, realMem } = guestEntries(opts);
  // Every guest's disks, opened and locked before anything runs: the same image named by two
  // guests (or twice by one) is refused here unless every use only reads it.
  const drives = new Map<string, OpenDrive[]>();
  for (const e of entries) drives.set(e.name, e.drives.map((text) => openDrive(parseDrive(text), `guest ${e.name}: drive ${text}`)));
  if (entries.some((e) => e.kernel === 'debian' || e.kernel === 'u-boot' || e.initrd === 'debian')) {
    const img = await ensureGuestImages();
    for (const e of entries) {
      if (e.kernel === 'debian') e.kernel = img.kernel;
      else if (e.kernel === 'u-boot') e.kernel = img.uboot.smodeElf; // the ELF: u-boot.bin would be loaded raw, with a notice
      if (e.initrd === 'debian') e.initrd = img.initrd;
    }
  }
  let pending: number[] = [];
  const flush = () => { if (pending.length) { process.stdout.write(Uint8Array.from(pending)); pending = []; } };
  const stdout = (b: Uint8Array) => {
    if (pending.length === 0) setImmediate(flush);
    for (const x of b) pending.push(x);
  };
  const sw = new NetSwitch();
  if (entries.some((e) => e.net)) new NetTestPeer(sw, { mac: '52:54:00:12:34:02', ip: '10.0.2.2' });
  const sockets: ConsoleSocket[] = [];
  const cleanup = () => { for (const list of drives.values()) list.forEach((d) => d.file.close()); sockets.forEach((s) => s.close()); };
  process.once('exit', cleanup);
  const consoles = new Map<string, (b: Uint8Array) => void>();
  const configs: GuestConfig[] = [];
  for (const [i, e] of entries.entries()) {
    const virtio: VirtioSpec[] = drives.get(e.name)!.map((d, k) => ({ kind: 'blk', backend: d.backend, serial: `${e.name}-disk${k}` }));
    if (e.rng) virtio.push({ kind: 'rng' });
    if (e.balloon) virtio.push({ kind: 'balloon' });
    if (e.net) virtio.push({ kind: 'net', port: sw.connect(), mac: `52:54:00:12:35:${(0x10 + i).toString(16).padStart(2, '0')}` });
    let out = prefixed(e.name, stdout);
    if (e.console === 'socket') {
      let sock: ConsoleSocket | null = null;
      sock = await ConsoleSocket.listen(e.name, (b) => hv?.machine(e.name)?.input(b));
      sockets.push(sock);
      out = (b) => sock!.write(b);
      process.stderr.write(`rvisor: guest ${e.name}: console at ${sock.path} (rvisor console ${e.name})\n`);
    }
    consoles.set(e.name, out);
    configs.push({
      name: e.name, memSize: e.memSize, harts: e.smp, icount: opts.icount, rtcBase: opts.rtcBase, jit: cliJit(opts.jit), jitSamples: cliJitSamples(), jitMinRun: cliJitMinRun(), console: (b) => consoles.get(e.name)!(b),
      bootargs: e.append, virtio, mode: 'trap', coherence: e.coherence,
      warn: (msg) => process.stderr.write(`rvisor: ${e.name}: warning: ${msg}\n`),
    });
  }
  let hv: Hypervisor | null = null;
  const tier = cliJitTier();
  hv = await Hypervisor.create(await compileCoreForCli(), configs, { quantumMs, ...pagingOptions(opts, realMem) });
  cliJitTiers(hv.core.jit, tier, cliJitThread(opts.jitThread) ? await compileCoreForCli() : undefined);
  // Loads a guest's images and starts it (again after a reboot: a fresh machine, same disks).
  const boot = (e: GuestEntry, m: Machine) => {
    m.loadKernel(openInput(e.kernel, `guest ${e.name}: kernel`), e.kernel);
    if (e.initrd) m.loadInitrd(openInput(e.initrd, `guest ${e.name}: initrd`), e.initrd);
    m.reset();
  };
  for (const e of entries) boot(e, hv.machine(e.name)!);
  // The terminal types into the first guest whose console is here (not on a socket).
  const first = entries.find((e) => e.console === 'prefix');
  const detach = first
    ? attachConsole(() => hv!.machine(first.name)!, () => hv!.stop(), () => hv!.guests.map((g) => ({ name: g.name, machine: g.machine, done: g.outcome !== null })), () => hv!.memoryTotals())
    : () => {};
  let outcomes: GuestOutcome[];
  try {
    outcomes = await hv.run({
      timeoutMs: opts.timeoutSec ? opts.timeoutSec * 1000 : undefined,
      onReboot: (name, m) => {
        process.stderr.write(`rvisor: guest ${name}: reboot\n`);
        boot(entries.find((e) => e.name === name)!, m);
      },
      onGuestDone: (o) => {
        flush();
        if (o.reason === 'panic') process.stderr.write(`rvisor: guest ${o.name}: the kernel panicked: ${o.detail}\n`);
        else if (o.reason === 'error') process.stderr.write(`rvisor: guest ${o.name}: ${o.detail}\n`);
        else process.stderr.write(`rvisor: guest ${o.name}: ${o.reason} (exit ${o.exitCode})\n`);
      },
    });
  } finally {
    detach();
  }
  flush();
  if (opts.stats) {
    for (const o of outcomes) for (const line of statsLines(o.stats)) process.stderr.write(`rvisor: ${o.name}: ${line}\n`);
    process.stderr.write(`rvisor: hypervisor: ${hv.switches} guest switches, ${hv.reboots} guest reboots, quantum ${quantumMs} ms\n`);
    process.stderr.write(`rvisor: ${totalsLine(hv.memoryTotals())}\n`);
  }
  let written = true;
  if (statsOut) {
    const total = sumStats(outcomes.map((o) => o.stats));
    written = writeStats(statsOut, statsJson({
      guests: Object.fromEntries(outcomes.map((o) => [o.name, { reason: o.reason, exitCode: o.exitCode, ...o.stats }])),
      total, guestSwitches: hv.switches, quantumMs, realMemory: hv.memoryTotals(),
    }));
  }
  cleanup();
  if (!written) return EXIT_IOERR;
  if (outcomes.some((o) => o.reason === 'timeout')) return 124;
  return outcomes.find((o) => o.exitCode !== 0)?.exitCode ?? 0;
}

// The whole hypervisor's figures: instructions and every counter added over the guests.
function sumStats(all: RunStats[]): Record<string, unknown> {
  const add = (a: Record<string, number>, b: Record<string, number> | undefined) => {
    for (const [k, v] of Object.entries(b ?? {})) a[k] = (a[k] ?? 0) + v;
    return a;
  };
  const exits: Record<string, number> = {};
  const hvExits: Record<string, number> = {};
  let instret = 0n, tlbMisses = 0n, tlbHits = 0n, shadowFills = 0, shadowFlushes = 0, ptWrites = 0;
  for (const s of all) {
    instret += s.instret;
    tlbMisses += s.tlbMisses;
    tlbHits += s.tlbHits;
    add(exits, s.exits);
    add(hvExits, s.hv?.exits);
    shadowFills += s.hv?.shadowFills ?? 0;
    shadowFlushes += s.hv?.shadowFlushes ?? 0;
    ptWrites += s.hv?.ptWrites ?? 0;
  }
  const seconds = Math.max(0, ...all.map((s) => s.seconds));
  const lookups = Number(tlbHits + tlbMisses);
  return {
    instret, seconds, mips: seconds ? Number(instret) / seconds / 1e6 : 0, exits, hvExits, tlbMisses, tlbHits,
    tlbHitRate: lookups ? Number(tlbHits) / lookups : 0, shadowFills, shadowFlushes, ptWrites,
  };
}
