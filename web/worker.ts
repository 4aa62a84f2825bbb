// One guest machine in a Web Worker, so the page stays responsive while the core runs. The page
// sends images, keystrokes and requests (snapshot, stop); the worker sends console bytes, one
// figures record per second, snapshots and the outcome. The same machine code as in Node.
import { Machine, type MachineConfig, type RunStats, type VirtioSpec } from '../src/machine/machine';
import { createMachineOrGuest } from '../src/hypervisor/hypervisor';
import { MemoryBlockBackend } from '../src/devices/block-backend';
import { NetSwitch, NetTestPeer } from '../src/devices/net-switch';
import { decodeSnapshot, readSnapshotInfo } from '../src/machine/snapshot';
import type { ToWorker, FromWorker, Figures } from './protocol';

const post = (msg: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(msg, transfer);

let machine: Machine | null = null;
let core: Promise<WebAssembly.Module> | null = null;
const coreModule = () => (core ??= WebAssembly.compileStreaming(fetch(new URL('core.wasm', self.location.href))));

// Bare, or a trap-mode guest, which (as in Node) is a one-guest hypervisor's.
const createMachine = async (cfg: MachineConfig): Promise<Machine> => (await createMachineOrGuest(await coreModule(), cfg)).machine;

// Console output leaves in batches, at most one message per 16 ms.
let out: Uint8Array[] = [];
let outTimer: ReturnType<typeof setTimeout> | null = null;
function consoleOut(b: Uint8Array): void {
  out.push(b.slice());
  outTimer ??= setTimeout(flushConsole, 16);
}
function flushConsole(): void {
  outTimer = null;
  if (!out.length) return;
  const all = new Uint8Array(out.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of out) { all.set(c, at); at += c.length; }
  out = [];
  post({ type: 'console', bytes: all }, [all.buffer]);
}

function netDevice(): VirtioSpec {
  const sw = new NetSwitch();
  new NetTestPeer(sw, { mac: '52:54:00:12:34:02', ip: '10.0.2.2' });
  return { kind: 'net', port: sw.connect(), mac: '52:54:00:12:34:56' };
}

// Figures for the page's chart: rates over the last interval.
let last: { t: number; s: RunStats } | null = null;
function figures(): Figures | null {
  if (!machine) return null;
  const t = performance.now();
  const s = machine.stats();
  const prev = last;
  last = { t, s };
  if (!prev) return null;
  const dt = (t - prev.t) / 1000;
  const rate = (a: number, b: number) => Math.max(0, (a - b) / dt);
  const exits = causes(s);
  const before = causes(prev.s);
  const hits = Number(s.tlbHits - prev.s.tlbHits);
  const misses = Number(s.tlbMisses - prev.s.tlbMisses);
  return {
    t: Date.now() / 1000,
    mips: rate(Number(s.instret), Number(prev.s.instret)) / 1e6,
    exits: Object.fromEntries(Object.keys(exits).map((k) => [k, rate(exits[k], before[k] ?? 0)])),
    shadowFills: rate(s.hv?.shadowFills ?? 0, prev.s.hv?.shadowFills ?? 0),
    tlbHitRate: hits + misses ? hits / (hits + misses) : s.tlbHitRate,
    instret: Number(s.instret),
    mode: s.mode,
  };
}

// Exits to the host (and, in trap mode, to the hypervisor) grouped by cause.
function causes(s: RunStats): Record<string, number> {
  const c: Record<string, number> = { mmio: s.exits.mmio ?? 0, wfi: s.exits.wfi ?? 0 };
  if (s.hv) {
    const sum = (prefix: string) => Object.entries(s.hv!.exits).filter(([k]) => k.startsWith(prefix)).reduce((a, [, v]) => a + v, 0);
    c.csr = sum('csr.');
    c.sret = sum('sret');
    c.sfence = sum('sfence.');
    c.sbi = sum('sbi.');
    c.wfi = sum('wfi');
  } else {
    c.traps = Number(s.traps);
  }
  return c;
}

async function start(m: Machine): Promise<void> {
  machine = m;
  last = null;
  const timer = setInterval(() => { const f = figures(); if (f) post({ type: 'figures', figures: f }); }, 1000);
  try {
    const r = await m.run();
    flushConsole();
    post({ type: 'done', reason: r.reason, exitCode: r.exitCode, detail: r.detail });
  } finally {
    clearInterval(timer);
  }
}

async function boot(msg: Extract<ToWorker, { type: 'boot' }>): Promise<void> {
  const virtio: VirtioSpec[] = [{ kind: 'rng' }];
  if (msg.net) virtio.push(netDevice());
  const cfg: MachineConfig = { memSize: msg.memSize, console: consoleOut, bootargs: msg.append, mode: msg.mode, virtio, warn: (w) => post({ type: 'status', text: `warning: ${w}` }) };
  const m = await createMachine(cfg);
  // bare: an ELF started in M-mode, as --bios none; trap: a guest kernel (ELF or Linux Image).
  m.loadKernel(new Uint8Array(msg.kernel), msg.kernelName);
  if (msg.initrd) m.loadInitrd(new Uint8Array(msg.initrd), 'initrd');
  m.reset();
  post({ type: 'started', mode: m.mode, memSize: m.memSize });
  await start(m);
}

async function restore(bytes: Uint8Array): Promise<void> {
  const sections = await decodeSnapshot(bytes); // checked and inflated once, for the info and the restore
  const info = await readSnapshotInfo(sections);
  const virtio: VirtioSpec[] = info.machine.devices.map((d) => {
    switch (d.kind) {
      case 'blk':
        if (!d.contents) throw new Error(`the snapshot's disk ${d.serial ?? ''} is the file ${d.path ?? '(unnamed)'} on the machine that saved it; only disks held in the snapshot restore in a page`);
        return { kind: 'blk', backend: new MemoryBlockBackend(new Uint8Array(d.size), d.readonly), serial: d.serial };
      case 'net': return netDevice();
      case 'rng': return { kind: 'rng' };
      case 'console': return { kind: 'console' };
      case 'balloon': return { kind: 'balloon' };
    }
  });
  const m = await createMachine({ ...info.machine.config, console: consoleOut, virtio, warn: (w) => post({ type: 'status', text: `warning: ${w}` }) });
  await m.restore(sections);
  post({ type: 'started', mode: m.mode, memSize: m.memSize, restored: true });
  await start(m);
}

self.onmessage = async (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  try {
    switch (msg.type) {
      case 'boot': await boot(msg); break;
      case 'restore': await restore(new Uint8Array(msg.bytes)); break;
      case 'input': machine?.input(new Uint8Array(msg.bytes)); break;
      case 'snapshot': {
        if (!machine) throw new Error('no machine to snapshot yet');
        const t0 = performance.now();
        const bytes = await machine.snapshot();
        post({ type: 'snapshot', bytes, ms: performance.now() - t0 }, [bytes.buffer]);
        break;
      }
      case 'stop': machine?.stop(); break;
    }
  } catch (err) {
    flushConsole();
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
