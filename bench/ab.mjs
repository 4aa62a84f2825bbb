#!/usr/bin/env node
// Interleaved A/B of two rvisor builds on one program, for changes whose cost is a few percent on
// a shared machine: both builds run the same bench program in one process, in alternating 20 ms
// slices (Machine.step), for SECONDS; each one's MIPS is over its own slices, so load that comes
// and goes hits both alike. Programs that finish start again (on a new machine: the time to
// make it is not counted, the recompiles of hot code are).
//
//   node bench/ab.mjs [--cli] A_DIR B_DIR [PROGRAM[,PROGRAM...]] [SECONDS]
//
// --cli: the JIT as the CLI runs it (V8's Liftoff alone, one function per page; src/node/wasm.ts
// cliJitTiers) instead of the library's default (V8's tiers, small functions).
//
// A_DIR and B_DIR are checkouts with `npm run build` done (dist/index.js); PROGRAM names
// bench/programs/<name>.elf (default: every integer program), SECONDS per program (default 15).
// For example, the state before a change: `git archive BASE | tar -x -C /tmp/base`, link
// node_modules, build there, then `node bench/ab.mjs /tmp/base . sort,crc`.

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const cli = argv[0] === '--cli';
if (cli) { // as src/node/wasm.ts cliJitTiers sets them, before any module is made
  argv.shift();
  setFlagsFromString('--liftoff-only');
  setFlagsFromString('--no-turbo-inlining');
  setFlagsFromString('--experimental-wasm-relaxed-simd');
}
const [aDir, bDir, list, secs] = argv;
if (!aDir || !bDir) {
  console.error('usage: node bench/ab.mjs [--cli] A_DIR B_DIR [PROGRAM[,PROGRAM...]] [SECONDS]');
  process.exit(2);
}
const FP = new Set(['nbody', 'fmatmul', 'integrate']);
const programs = list ? list.split(',') : readdirSync(path.join(ROOT, 'bench', 'programs'))
  .filter((f) => f.endsWith('.elf')).map((f) => f.slice(0, -4)).filter((p) => !FP.has(p)).sort();
const seconds = Number(secs ?? 15);

async function runner(dir, elf, name) {
  const lib = await import(pathToFileURL(path.resolve(dir, 'dist', 'index.js')).href);
  const m = await lib.createMachine({ memSize: 64 << 20, console: () => {} });
  if (cli) { m.core.jit.async = false; m.core.jit.wholePage = true; }
  m.loadElf(elf, name);
  m.reset();
  const instret = () => m.hartView(0).getBigUint64(lib.abi.HART_INSTRET - lib.abi.HART_BASE, true);
  return { m, instret, ins: 0n, ms: 0 };
}

for (const p of programs) {
  const elf = readFileSync(path.join(ROOT, 'bench', 'programs', `${p}.elf`));
  const dirs = [aDir, bDir];
  const rs = [];
  for (const d of dirs) rs.push(await runner(d, elf, p));
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    for (let x = 0; x < 2; x++) {
      const r = rs[x];
      const i0 = r.instret(), t0 = performance.now();
      const state = r.m.step(t0 + 20);
      r.ms += performance.now() - t0;
      r.ins += r.instret() - i0;
      // A machine's RAM holds its program's image once: a new machine runs it again.
      if (state === 'done') Object.assign(r, await runner(dirs[x], elf, p), { ins: r.ins, ms: r.ms });
    }
  }
  const mips = rs.map((r) => Number(r.ins) / r.ms / 1000);
  console.log(`${p.padEnd(10)} A ${mips[0].toFixed(1).padStart(6)} MIPS   B ${mips[1].toFixed(1).padStart(6)} MIPS   B/A ${(mips[1] / mips[0]).toFixed(3)}`);
}
