#!/usr/bin/env node
// Interleaved A/B of two rvisor builds on one program, for changes whose cost is a few percent on
// a shared machine: both builds run the same bench program in one process, in alternating 20 ms
// slices (Machine.step), for SECONDS; each one's MIPS is over its own slices, so load that comes
// and goes hits both alike. Programs that finish start again.
//
//   node bench/ab.mjs A_DIR B_DIR [PROGRAM[,PROGRAM...]] [SECONDS]
//
// A_DIR and B_DIR are checkouts with `npm run build` done (dist/index.js); PROGRAM names
// bench/programs/<name>.elf (default: every integer program), SECONDS per program (default 15).
// For example, the state before a change: `git archive BASE | tar -x -C /tmp/base`, link
// node_modules, build there, then `node bench/ab.mjs /tmp/base . sort,crc`.

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [aDir, bDir, list, secs] = process.argv.slice(2);
if (!aDir || !bDir) {
  console.error('usage: node bench/ab.mjs A_DIR B_DIR [PROGRAM[,PROGRAM...]] [SECONDS]');
  process.exit(2);
}
const FP = new Set(['nbody', 'fmatmul', 'integrate']);
const programs = list ? list.split(',') : readdirSync(path.join(ROOT, 'bench', 'programs'))
  .filter((f) => f.endsWith('.elf')).map((f) => f.slice(0, -4)).filter((p) => !FP.has(p)).sort();
const seconds = Number(secs ?? 15);

async function runner(dir, elf, name) {
  const lib = await import(pathToFileURL(path.resolve(dir, 'dist', 'index.js')).href);
  const m = await lib.createMachine({ memSize: 64 << 20, console: () => {} });
  m.loadElf(elf, name);
  m.reset();
  const instret = () => m.hartView(0).getBigUint64(lib.abi.HART_INSTRET - lib.abi.HART_BASE, true);
  return { m, instret, ins: 0n, ms: 0 };
}

for (const p of programs) {
  const elf = readFileSync(path.join(ROOT, 'bench', 'programs', `${p}.elf`));
  const rs = [await runner(aDir, elf, p), await runner(bDir, elf, p)];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    for (const r of rs) {
      const i0 = r.instret(), t0 = performance.now();
      const state = r.m.step(t0 + 20);
      r.ms += performance.now() - t0;
      r.ins += r.instret() - i0;
      if (state === 'done') { r.m.loadElf(elf, p); r.m.reset(); }
    }
  }
  const mips = rs.map((r) => Number(r.ins) / r.ms / 1000);
  console.log(`${p.padEnd(10)} A ${mips[0].toFixed(1).padStart(6)} MIPS   B ${mips[1].toFixed(1).padStart(6)} MIPS   B/A ${(mips[1] / mips[0]).toFixed(3)}`);
}
