// Memory benchmarks of the hypervisor (issue 10), through the library API in this process:
//   density    N idle Debian guests (128 MiB, the busybox initramfs, rvisor.modules=none)
//              booted to their prompts: resident memory of the process, per guest, host CPU
//              while all are idle, seconds until all are at the prompt (N from --guests, a
//              comma list, default 8,32,100)
//   overcommit 8 guests of 256 MiB running hv-memtouch (200 MiB each, 2 passes) under
//              --real-mem 512M, against the same run without a cap: all must finish with no
//              wrong word; seconds, page-ins/outs per second, the slowdown
//   balloon    Linux guests under a cap with a workload that fills and frees page cache,
//              with the balloon on and off: pages written to the backing store, seconds
// Writes bench/results/memory-latest.json.
//
//   node bench/memory.mjs [--only density,overcommit,balloon] [--guests 8,32,100] [--idle-sec 10]
//                         [--density-real-mem MiB]  (density under a real-memory cap: the pager
//                         bounds the frame pool, which wasm cannot shrink after the boots' peak)
//                         [--settle-sec S]  (density: wait S more seconds once all are idle,
//                         before measuring: the JIT and the sharing scan are still busy with the
//                         guests' idle paths and pages right after they settle; default 0)
//                         [--append "ARGS"]  (density: more kernel command-line arguments for
//                         the guests, e.g. sysctl.vm.compaction_proactiveness=0)
//                         [--max-booting N|all]  (density: guests booting at once; default the
//                         hypervisor's, from the cap; `all`: every guest at once, as before boot
//                         admission)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const ONLY = opt('--only', 'density,overcommit,balloon').split(',');
const GUESTS = opt('--guests', '8,32,100').split(',').map(Number);
const IDLE_SEC = Number(opt('--idle-sec', '10'));
const SETTLE_SEC = Number(opt('--settle-sec', '0'));
const APPEND = opt('--append', '');
const MAX_BOOTING = opt('--max-booting') === 'all' ? Infinity : opt('--max-booting') !== undefined ? Number(opt('--max-booting')) : undefined;
const DENSITY_CAP = opt('--density-real-mem') !== undefined ? Number(opt('--density-real-mem')) * (1 << 20) : undefined;
const MARKER = 'rvisor: initramfs ready';
const PROMPT = /\/ # /;
const MiB = 1 << 20;

const paths = JSON.parse(spawnSync(process.execPath, [path.join(ROOT, 'roms/images.mjs'), '--print-paths'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).stdout);
const { Hypervisor, parseElf, FileBackingStore } = await import(path.join(ROOT, 'dist/index.js'));
const BALLOON = args.includes('--balloon'); // density guests with a virtio-balloon (free page reporting)
const wasm = readFileSync(path.join(ROOT, 'dist/core.wasm'));
const kernel = readFileSync(paths.kernel);
const initrd = readFileSync(paths.initrd);
const rssMiB = () => Math.round(process.memoryUsage().rss / MiB);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const waitFor = async (cond, ms) => { const end = Date.now() + ms; while (!cond()) { if (Date.now() > end) throw new Error('timed out'); await sleep(100); } };

// N Debian guests; resolves once all are at their prompt, then measures them idle.
async function density(n) {
  const t0 = performance.now();
  const out = Array(n).fill('');
  const atPrompt = Array(n).fill(null);
  const bootargs = (BALLOON ? 'console=ttyS0 rvisor.modules=virtio_mmio,virtio_balloon page_reporting.page_reporting_order=5' : 'console=ttyS0 rvisor.modules=none') + (APPEND ? ` ${APPEND}` : '');
  const hv = await Hypervisor.create(wasm, out.map((_, i) => ({
    name: `g${i}`, memSize: 128 * MiB, bootargs, warn: () => {}, virtio: BALLOON ? [{ kind: 'balloon' }] : [],
    console: (b) => {
      if (atPrompt[i] !== null) return;
      out[i] += Buffer.from(b).toString('latin1');
      const after = out[i].indexOf(MARKER);
      if (after >= 0 && PROMPT.test(out[i].slice(after))) { atPrompt[i] = (performance.now() - t0) / 1000; out[i] = ''; }
    },
  })), { realMem: DENSITY_CAP, backingStore: FileBackingStore.open(), maxBooting: MAX_BOOTING });
  for (const g of hv.guests) { g.machine.loadKernel(kernel, 'kernel'); g.machine.loadInitrd(initrd, 'initrd'); g.machine.reset(); }
  const run = hv.run({ timeoutMs: 3_600_000 });
  // The pool's high-water mark while they boot (it never shrinks, so its last value is the peak).
  let peakRss = 0;
  const rssWatch = setInterval(() => { peakRss = Math.max(peakRss, rssMiB()); }, 1000);
  await waitFor(() => atPrompt.every((t) => t !== null), 3_600_000);
  const allAt = Math.max(...atPrompt);
  // Linux keeps busy for a few seconds after its prompt (about 0.5 G instructions each): wait
  // until every guest is idle (under 1 MIPS each over 3 s), then measure.
  const total = () => hv.guests.reduce((a, g) => a + g.machine.stats().instret, 0n);
  for (let quiet = 0, last = total(); quiet < 2;) {
    await sleep(3000);
    const now = total();
    quiet = Number(now - last) / 3 / 1e6 < n ? quiet + 1 : 0;
    last = now;
  }
  const settled = (performance.now() - t0) / 1000;
  await sleep(SETTLE_SEC * 1000);
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  const instret0 = hv.guests.reduce((a, g) => a + g.machine.stats().instret, 0n);
  await sleep(IDLE_SEC * 1000);
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - w0) / 1000;
  const instret = hv.guests.reduce((a, g) => a + g.machine.stats().instret, 0n) - instret0;
  const t = hv.memoryTotals();
  const rss = rssMiB();
  clearInterval(rssWatch);
  peakRss = Math.max(peakRss, rss);
  hv.stop();
  await run;
  const r = {
    guests: n, balloon: BALLOON, maxBooting: MAX_BOOTING === Infinity ? 'all' : hv.admission.max, peakRssMiB: peakRss, realMemMiB: DENSITY_CAP === undefined ? null : DENSITY_CAP / MiB, secondsToAllPrompts: +allAt.toFixed(1), secondsToAllIdle: +settled.toFixed(1), settleSec: SETTLE_SEC, append: APPEND, rssMiB: rss, rssPerGuestMiB: +(rss / n).toFixed(1),
    residentMiB: +(t.resident / 256).toFixed(1), poolMiB: +(t.poolFrames / 256).toFixed(1), sharedPages: t.shared, sharedFrames: t.sharedFrames,
    swappedPages: t.swapped, zeroPages: t.zero, sharing: hv.memory.sharing.stats,
    idleCpuPercentOfOneCore: +((cpu.user + cpu.system) / 1e4 / wall).toFixed(2), idleMips: +(Number(instret) / wall / 1e6).toFixed(2),
    guestSwitches: hv.switches,
  };
  console.log(`density ${n}${DENSITY_CAP === undefined ? '' : ` (--real-mem ${DENSITY_CAP / MiB}M)`}: all at the prompt after ${r.secondsToAllPrompts} s (${r.maxBooting} booting at once); RSS ${r.rssMiB} MiB (peak ${r.peakRssMiB}) (${r.rssPerGuestMiB} per guest), ` +
    `guests hold ${r.residentMiB} MiB, pool ${r.poolMiB} MiB; idle${SETTLE_SEC ? ` (${SETTLE_SEC} s after settling)` : ""}: ${r.idleCpuPercentOfOneCore} % of a core, ${r.idleMips} MIPS`);
  return r;
}

// hv-memtouch guests: `pages` pages each, `passes` passes, under `realMem` (or no cap).
async function memtouch(n, memSize, pages, passes, realMem) {
  const elf = readFileSync(path.join(ROOT, 'roms/hv/hv-memtouch.elf'));
  const params = Number(parseElf(elf, 'hv-memtouch').symbols.get('memtouch_params')) - 0x8000_0000;
  const out = Array(n).fill('');
  // All at once (no boot admission): this measures paging with every guest's memory in play.
  const hv = await Hypervisor.create(wasm, out.map((_, i) => ({ name: `m${i}`, memSize, warn: () => {}, console: (b) => { out[i] += Buffer.from(b).toString('latin1'); } })), { realMem, maxBooting: Infinity });
  hv.guests.forEach((g, i) => {
    g.machine.loadKernel(elf, 'hv-memtouch');
    g.machine.writeRam(params, new Uint8Array(BigUint64Array.of(BigInt(pages), BigInt(passes), BigInt(i + 1), BigInt(i % 2), 0n).buffer));
    g.machine.reset();
  });
  const t0 = performance.now();
  const outcomes = await hv.run({ timeoutMs: 3_600_000 });
  const seconds = (performance.now() - t0) / 1000;
  const bad = outcomes.filter((o, i) => o.exitCode !== 0 || !/memtouch errors: 0x0\n/.test(out[i]));
  if (bad.length) throw new Error(`memtouch: ${bad.map((o) => `${o.name} ${o.reason} ${o.detail ?? ''}`).join('; ')}`);
  const t = hv.memoryTotals();
  return { seconds: +seconds.toFixed(2), pageIns: t.pageIns, pageOuts: t.pageOuts, pageInsPerSec: Math.round(t.pageIns / seconds), pageOutsPerSec: Math.round(t.pageOuts / seconds), poolMiB: +(t.poolFrames / 256).toFixed(1), tlbFlushes: t.tlbFlushes };
}

async function overcommit() {
  const pages = 200 * 256; // 200 MiB of each 256 MiB guest
  const free = await memtouch(8, 256 * MiB, pages, 2, undefined);
  const capped = await memtouch(8, 256 * MiB, pages, 2, 512 * MiB);
  const r = { free, capped, slowdown: +(capped.seconds / free.seconds).toFixed(2) };
  console.log(`overcommit: 8 × 256 MiB (200 MiB touched each, 2 passes): no cap ${free.seconds} s; --real-mem 512M ${capped.seconds} s ` +
    `(${r.slowdown}×), page-ins ${capped.pageInsPerSec}/s, page-outs ${capped.pageOutsPerSec}/s, all words right`);
  return r;
}

// Double paging: 4 Debian guests of 128 MiB under --real-mem 160M, each filling 8 MiB of tmpfs
// with data and deleting it, 6 times, after booting; with and without a virtio-balloon (same
// kernel command line, so the only difference is the device: free page reporting, inflation).
async function doublePaging(balloon) {
  const n = 4;
  const out = Array(n).fill('');
  const state = Array(n).fill('boot');
  const done = Array(n).fill(null);
  const WORK = 'mkdir -p /tmp; for i in 1 2 3 4 5 6; do dd if=/dev/urandom of=/tmp/f bs=1M count=8 2>/dev/null; rm /tmp/f; sleep 1; done; echo work-$((6*7))';
  const t0 = performance.now();
  let hv = null;
  hv = await Hypervisor.create(wasm, out.map((_, i) => ({
    name: `d${i}`, memSize: 128 * MiB, warn: () => {}, virtio: balloon ? [{ kind: 'balloon' }] : [],
    bootargs: 'console=ttyS0 rvisor.modules=virtio_mmio,virtio_balloon page_reporting.page_reporting_order=5',
    console: (b) => {
      out[i] += Buffer.from(b).toString('latin1');
      if (state[i] === 'boot' && /initramfs ready[\s\S]*\/ # /.test(out[i])) { state[i] = 'work'; out[i] = ''; hv.machine(`d${i}`).input(Buffer.from(WORK + '\n')); }
      else if (state[i] === 'work' && /work-42/.test(out[i])) { state[i] = 'done'; done[i] = (performance.now() - t0) / 1000; }
    },
  })), { realMem: 160 * MiB, backingStore: FileBackingStore.open(), maxBooting: Infinity }); // all boot together, as when first measured
  for (const g of hv.guests) { g.machine.loadKernel(kernel, 'kernel'); g.machine.loadInitrd(initrd, 'initrd'); g.machine.reset(); }
  const run = hv.run({ timeoutMs: 3_600_000 });
  await waitFor(() => done.every((d) => d !== null), 3_600_000);
  const t = hv.memoryTotals();
  hv.stop();
  await run;
  return { balloon, seconds: +Math.max(...done).toFixed(1), pageOuts: t.pageOuts, pageIns: t.pageIns, discards: t.discards, balloonInflations: hv.balloons.inflations };
}

async function balloonBench() {
  const off = await doublePaging(false);
  const on = await doublePaging(true);
  console.log(`double paging: 4 × 128 MiB under --real-mem 160M, fill and free 8 MiB six times: balloon off ${off.seconds} s, ${off.pageOuts} pages written; ` +
    `balloon on ${on.seconds} s, ${on.pageOuts} pages written (${on.discards} pages given back)`);
  return { off, on };
}

const results = { date: new Date().toISOString() };
if (ONLY.includes('density')) { results.density = []; for (const n of GUESTS) results.density.push(await density(n)); }
if (ONLY.includes('overcommit')) results.overcommit = await overcommit();
if (ONLY.includes('balloon')) results.balloon = await balloonBench();
mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench/results/memory-latest.json'), JSON.stringify(results, null, 2) + '\n');
process.exit(0);
