#!/usr/bin/env node
// Interleaved A/B of the Linux boot, for JIT changes worth a few percent on a shared machine
// where two boots of the same build minutes apart differ by 15 %. Both machines boot the same
// Debian firmware, kernel and busybox initramfs (bench/linux-boot.mjs's) in one process, in
// alternating 20 ms slices (Machine.step), under `icount` (guest time counts instructions), so
// both guests run exactly the same instructions whatever the host's speed, and load that comes
// and goes hits both alike. Each one's figure is the host time of its own slices until its
// shell prompt; the slice order alternates between rounds.
//
//   node bench/ab-boot.mjs [--rounds N] SPEC_A SPEC_B
//
// SPEC is a checkout with `npm run build` done (its dist/index.js), optionally followed by
// `:minRun=N` or `:samples=N` (the machine's jitMinRun, jitSamples) or `:thread` (the CLI's JIT
// thread). For example, the state
// before a change: `git worktree add /tmp/base HEAD`, link node_modules, build there, then
// `node bench/ab-boot.mjs /tmp/base .`; or one build against itself with other settings:
// `node bench/ab-boot.mjs .:samples=256 .`.
//
// V8's flags are the CLI's (src/node/wasm.ts cliJitTiers: Liftoff alone for regions, one
// function per page, compiles on the machine's thread, TurboFan without inlining for the
// JavaScript), set after both cores are compiled.

import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
let rounds = 3;
const r = argv.indexOf('--rounds');
if (r >= 0) { rounds = Number(argv[r + 1]); argv.splice(r, 2); }
// --trap: both boot as trap-mode guests (the hypervisor plays M-mode and SBI, shadow page
// tables), as `rvisor run` without --bios does; by default under Debian's OpenSBI in bare mode.
const t = argv.indexOf('--trap');
const trap = t >= 0;
if (trap) argv.splice(t, 1);
if (argv.length !== 2 || !(rounds > 0)) {
  console.error('usage: node bench/ab-boot.mjs [--rounds N] [--trap] SPEC_A SPEC_B   (SPEC: DIR[:minRun=N][:samples=N][:thread])');
  process.exit(2);
}
const specs = argv.map((s) => {
  const [dir, ...opts] = s.split(':');
  const cfg = {};
  for (const o of opts) {
    const [k, v] = o.split('=');
    if (k === 'minRun') cfg.jitMinRun = Number(v);
    else if (k === 'samples') cfg.jitSamples = Number(v);
    else if (k === 'thread') cfg.thread = true;
    else { console.error(`ab-boot: unknown setting ${k} in ${s} (minRun, samples or thread)`); process.exit(2); }
  }
  return { name: s, dir: path.resolve(dir), cfg };
});

setFlagsFromString('--experimental-wasm-relaxed-simd');
// A query string per spec: the same build twice still gets two module instances.
const libs = [];
for (const [k, s] of specs.entries()) libs.push(await import(`${pathToFileURL(path.join(s.dir, 'dist/index.js'))}?${k}`));
setFlagsFromString('--liftoff-only');
setFlagsFromString('--no-turbo-inlining');

const paths = JSON.parse(spawnSync(process.execPath, [path.join(ROOT, 'roms/images.mjs'), '--print-paths'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).stdout);
const files = { bios: readFileSync(paths.opensbi.fw_dynamic_bin), kernel: readFileSync(paths.kernel), initrd: readFileSync(paths.initrd) };
const MARKER = 'rvisor: initramfs ready';

async function boot(k) {
  let out = '';
  const { thread, ...cfg } = specs[k].cfg;
  const m = await libs[k].createMachine({
    memSize: 256 << 20, icount: 0, jit: true, bootargs: 'console=ttyS0 rvisor.modules=none', ...cfg, ...(trap ? { mode: 'trap' } : {}),
    console: (b) => { out += Buffer.from(b).toString('latin1'); },
  });
  // `:thread`: translated and compiled on the JIT's thread (src/node/jit-thread.ts), as the CLI
  // does; which code runs compiled then depends on the host's timing, not only on the guest's.
  m.core.jit.thread = thread ? libs[k].jitThread(new WebAssembly.Module(readFileSync(path.join(specs[k].dir, 'dist/core.wasm')))) : null;
  m.core.jit.async = m.core.jit.thread !== null;
  m.core.jit.wholePage = true;
  if (!trap) m.loadFirmware(files.bios, 'fw_dynamic.bin');
  m.loadKernel(files.kernel, 'Image');
  m.loadInitrd(files.initrd, 'initrd.cpio');
  m.reset();
  return { m, ms: 0, done: false, atPrompt: () => { const i = out.indexOf(MARKER); return i >= 0 && out.indexOf('/ # ', i) >= 0; } };
}

const times = [[], []];
for (let round = 0; round < rounds; round++) {
  const st = [await boot(0), await boot(1)];
  for (let turn = round & 1; !st[0].done || !st[1].done; turn ^= 1) {
    for (const k of [turn, turn ^ 1]) {
      const s = st[k];
      if (s.done) continue;
      const t0 = performance.now();
      if (s.m.step(t0 + 20) === 'done') throw new Error(`${specs[k].name}: the guest stopped before its prompt`);
      s.ms += performance.now() - t0;
      s.done = s.atPrompt();
    }
  }
  for (const k of [0, 1]) {
    const { m, ms } = st[k];
    const j = m.stats().jit;
    times[k].push(ms);
    console.log(`round ${round + 1}  ${specs[k].name.padEnd(36)} ${(ms / 1000).toFixed(3)} s  ${m.stats().instret} instructions, ${(j.share * 100).toFixed(1)} % compiled, ${j.regions} regions, ${j.compileMs.toFixed(0)} ms compiling`);
  }
}
const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
for (const k of [0, 1]) console.log(`${specs[k].name.padEnd(44)} median ${(median(times[k]) / 1000).toFixed(3)} s, best ${(Math.min(...times[k]) / 1000).toFixed(3)} s`);
const ratios = times[1].map((t, i) => t / times[0][i]);
console.log(`B/A host time per round: ${ratios.map((x) => x.toFixed(3)).join(' ')}`);
