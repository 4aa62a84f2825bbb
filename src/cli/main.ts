#!/usr/bin/env node
// The `rvisor` command. Exit codes: the guest's own code when it powers off or exits through
// HTIF; 124 on --timeout; 2 for bad input (one line on stderr says what and what to do).
import { readFileSync, writeFileSync } from 'node:fs';
import { Machine, UserError, type RunResult } from '../machine/machine';
import { ElfError } from '../loader/elf';
import { loadCoreWasm } from '../node/wasm';
import { attachConsole } from './console';
import { parseCommandLine, UsageError, USAGE, type RunOptions } from './args';

function readInput(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new UserError(`${what} ${path}: ${why}; check the path`);
  }
}

async function main(argv: string[]): Promise<number> {
  const opts = parseCommandLine(argv);
  if (opts === 'help') { console.log(USAGE); return 0; }
  const out = (b: Uint8Array) => process.stdout.write(b);
  const m = await Machine.create(loadCoreWasm(), {
    memSize: opts.memSize, harts: opts.smp, icount: opts.icount, console: out, bootargs: opts.append,
  });
  if (opts.bios !== 'none') m.loadFirmware(readInput(opts.bios, '--bios'), opts.bios);
  if (opts.kernel) m.loadKernel(readInput(opts.kernel, '--kernel'), opts.kernel);
  if (opts.initrd) m.loadInitrd(readInput(opts.initrd, '--initrd'), opts.initrd);
  if (opts.dtb) m.useDtb(readInput(opts.dtb, '--dtb'));
  if (opts.command === 'dumpdtb') {
    writeFileSync(opts.output!, m.buildDtb());
    return 0;
  }
  m.reset();
  const detach = attachConsole(m);
  let result: RunResult;
  try {
    result = await m.run({ timeoutMs: opts.timeoutSec ? opts.timeoutSec * 1000 : undefined });
  } finally {
    detach();
  }
  report(opts, result);
  return result.exitCode;
}

function report(opts: RunOptions, r: RunResult): void {
  if (r.reason === 'timeout') process.stderr.write(`rvisor: timeout after ${opts.timeoutSec} s (guest still running)\n`);
  if (r.reason === 'panic') process.stderr.write(`rvisor: the guest kernel panicked: ${r.detail}\n`);
  const s = r.stats;
  const json = JSON.stringify({ reason: r.reason, exitCode: r.exitCode, ...s }, (_k, v) => (typeof v === 'bigint' ? Number(v) : v), 2);
  if (opts.stats) {
    const exits = Object.entries(s.exits).map(([k, v]) => `${k} ${v}`).join(', ');
    const mmio = Object.entries(s.mmioByDevice).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
    process.stderr.write(
      `rvisor: ${r.reason} (exit ${r.exitCode}); ${s.instret} instructions in ${s.seconds.toFixed(3)} s = ${s.mips.toFixed(1)} MIPS\n` +
      `rvisor: exits: ${exits}; mmio: ${mmio}\n` +
      `rvisor: traps ${s.traps}, interrupts ${s.interrupts}, tlb misses ${s.tlbMisses}, tlb flushes ${s.tlbFlushes}, ` +
      `decoded pages ${s.decodedPages}, code invalidations ${s.codeInvalidations}\n`);
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
    process.stderr.write(`rvisor: internal error: ${(e as Error).stack ?? e}\n`);
    process.exit(70);
  },
);
