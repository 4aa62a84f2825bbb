// Runs guest ELFs on QEMU and on rvisor, parses the signature the guest prints (see
// randprog.ts) and compares two signatures.

import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DUMP_CSRS, SCRATCH_RESERVED } from './randprog';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Command {
  cmd: string;
  args: string[];
}

// ---------------------------------------------------------------------------------------------
// The two commands. Keep them here, in one place.

/** Debian's QEMU, the reference. */
export function qemuCommand(elf: string): Command {
  return {
    cmd: process.env.RVISOR_DIFF_QEMU ?? 'qemu-system-riscv64',
    args: ['-machine', 'virt', '-bios', 'none', '-m', '128M', '-nographic', '-monitor', 'none', '-kernel', elf],
  };
}

export const RVISOR_CLI = join(REPO_ROOT, 'dist/cli.js');

/**
 * rvisor. `RVISOR_DIFF_CMD` overrides it: a command line whose `{elf}` is replaced by the ELF
 * path (split on spaces), e.g. `RVISOR_DIFF_CMD="node dist/cli.js run --kernel {elf}"`.
 */
export function rvisorCommand(elf: string): Command {
  const override = process.env.RVISOR_DIFF_CMD;
  if (override) {
    const parts = override.trim().split(/\s+/).map((p) => p.replace('{elf}', elf));
    return { cmd: parts[0], args: parts.slice(1) };
  }
  return { cmd: process.execPath, args: [RVISOR_CLI, 'run', '--bios', 'none', '--kernel', elf, '--timeout', '60'] };
}

/** Why rvisor cannot run, or undefined if it can. */
export function rvisorMissing(): string | undefined {
  if (process.env.RVISOR_DIFF_CMD) return undefined;
  if (!existsSync(RVISOR_CLI)) return `${RVISOR_CLI} does not exist (run \`npm run build\` first)`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------

export interface RunResult {
  emulator: string;
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  ms: number;
}

export interface Emulator {
  name: string;
  run(elf: string): Promise<RunResult>;
}

let runCounter = 0;

/**
 * Run a command with stdout and stderr going to files next to `outBase` (not pipes: QEMU drops
 * UART characters when its stdout pipe is full and the guest does not poll LSR).
 */
export function runCommand(name: string, c: Command, timeoutMs: number, outBase: string): Promise<RunResult> {
  const base = `${outBase}.${name}.${process.pid}.${runCounter++}`;
  const outFd = openSync(base + '.stdout', 'w');
  const errFd = openSync(base + '.stderr', 'w');
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    let child;
    try {
      child = spawn(c.cmd, c.args, { stdio: ['ignore', outFd, errFd], cwd: REPO_ROOT });
    } finally {
      closeSync(outFd);
      closeSync(errFd);
    }
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${name} (${c.cmd}): ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const read = (f: string): string => {
        const s = readFileSync(f, 'latin1');
        rmSync(f, { force: true });
        return s;
      };
      resolvePromise({
        emulator: name,
        stdout: read(base + '.stdout'),
        stderr: read(base + '.stderr').slice(-(1 << 20)),
        code,
        signal,
        timedOut,
        ms: performance.now() - t0,
      });
    });
  });
}

export const qemu: Emulator = { name: 'qemu', run: (elf) => runCommand('qemu', qemuCommand(elf), 120_000, elf) };
export const rvisor: Emulator = { name: 'rvisor', run: (elf) => runCommand('rvisor', rvisorCommand(elf), 120_000, elf) };

// ---------------------------------------------------------------------------------------------
// Signatures

export interface Signature {
  /** 8-hex-digit hash of every checkpoint record, in order. */
  hashes: string[];
  /** Full records (32 words: id, x1, x2, memhash, x4..x31) by record index. */
  full: Map<number, bigint[]>;
  /** Final CSR values, DUMP_CSRS order. */
  csrs: bigint[];
  /** Scratch memory from offset SCRATCH_RESERVED on, as hex. */
  mem: string;
}

export interface Trap {
  mcause: bigint;
  mepc: bigint;
  mtval: bigint;
}

export type Parsed = { ok: true; sig: Signature } | { ok: false; error: string; trap?: Trap };

export function parseSignature(r: RunResult): Parsed {
  const text = r.stdout.replace(/\r/g, '');
  const trapM = /\nTRAP ([0-9a-f]{16}) ([0-9a-f]{16}) ([0-9a-f]{16})\n/.exec(text);
  if (trapM) {
    const trap = { mcause: BigInt('0x' + trapM[1]), mepc: BigInt('0x' + trapM[2]), mtval: BigInt('0x' + trapM[3]) };
    return { ok: false, trap, error: `${r.emulator}: the guest trapped: mcause=0x${trap.mcause.toString(16)} mepc=0x${trap.mepc.toString(16)} mtval=0x${trap.mtval.toString(16)}` };
  }
  const start = text.indexOf('RVDIFF 1\n');
  const end = text.indexOf('\nEND\n', start);
  if (start < 0 || end < 0) {
    const why = r.timedOut ? 'timed out' : `exited with code ${r.code}${r.signal ? ` (signal ${r.signal})` : ''}`;
    return {
      ok: false,
      error: `${r.emulator} ${why} without a complete signature.\nstdout (last 1000 chars):\n${text.slice(-1000)}\nstderr (last 2000 chars):\n${r.stderr.slice(-2000)}`,
    };
  }
  const lines = text.slice(start, end).split('\n');
  let i = 1;
  const hm = /^H ([0-9a-f]{8})$/.exec(lines[i++]);
  if (!hm) return { ok: false, error: `${r.emulator}: malformed signature (H line)` };
  const count = parseInt(hm[1], 16);
  const hashes: string[] = [];
  while (i < lines.length && !lines[i].startsWith('F ')) {
    const l = lines[i++];
    for (let j = 0; j + 8 <= l.length; j += 8) hashes.push(l.slice(j, j + 8));
  }
  if (hashes.length !== count) return { ok: false, error: `${r.emulator}: signature has ${hashes.length} record hashes, expected ${count} (lost UART output?)` };
  i++; // F line
  const full = new Map<number, bigint[]>();
  while (i < lines.length && !lines[i].startsWith('C')) {
    const m = /^([0-9a-f]{8}):((?: [0-9a-f]{16}){32})$/.exec(lines[i++]);
    if (!m) return { ok: false, error: `${r.emulator}: malformed full record line ${i}` };
    full.set(parseInt(m[1], 16), m[2].trim().split(' ').map((w) => BigInt('0x' + w)));
  }
  const csrs = lines[i++].slice(1).trim().split(' ').map((w) => BigInt('0x' + w));
  if (csrs.length !== DUMP_CSRS.length) return { ok: false, error: `${r.emulator}: malformed CSR line` };
  if (lines[i++] !== 'M') return { ok: false, error: `${r.emulator}: malformed signature (M line)` };
  const mem = lines.slice(i).join('');
  if (r.code !== 0) return { ok: false, error: `${r.emulator}: printed a complete signature but exited with code ${r.code}${r.signal ? ` (signal ${r.signal})` : ''} (the test device write of 0x5555 means exit 0)\nstderr (last 2000 chars):\n${r.stderr.slice(-2000)}` };
  return { ok: true, sig: { hashes, full, csrs, mem } };
}

// ---------------------------------------------------------------------------------------------
// Comparison

export const REG_NAMES = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
];
/** Name of word `w` of a record. */
export const recordWordName = (w: number): string => (w === 0 ? 'id' : w === 3 ? 'memhash' : REG_NAMES[w]);

export const hex64 = (v: bigint): string => '0x' + v.toString(16).padStart(16, '0');

export type Difference =
  | { kind: 'record'; index: number }
  | { kind: 'csr'; diffs: { name: string; a: bigint; b: bigint }[] }
  | { kind: 'mem'; offsets: number[] };

/** The first difference between two signatures, or undefined if they are equal. */
export function firstDifference(a: Signature, b: Signature): Difference | undefined {
  const n = Math.min(a.hashes.length, b.hashes.length);
  for (let i = 0; i < n; i++) if (a.hashes[i] !== b.hashes[i]) return { kind: 'record', index: i };
  if (a.hashes.length !== b.hashes.length) return { kind: 'record', index: n };
  const diffs: { name: string; a: bigint; b: bigint }[] = [];
  for (let i = 0; i < DUMP_CSRS.length; i++) if (a.csrs[i] !== b.csrs[i]) diffs.push({ name: DUMP_CSRS[i], a: a.csrs[i], b: b.csrs[i] });
  if (diffs.length) return { kind: 'csr', diffs };
  if (a.mem !== b.mem) {
    const offsets: number[] = [];
    for (let j = 0; j < Math.max(a.mem.length, b.mem.length); j += 2) if (a.mem.slice(j, j + 2) !== b.mem.slice(j, j + 2)) offsets.push(SCRATCH_RESERVED + j / 2);
    return { kind: 'mem', offsets };
  }
  for (const [k, v] of a.full) {
    const w = b.full.get(k);
    if (!w || w.some((x, j) => x !== v[j])) return { kind: 'record', index: k };
  }
  return undefined;
}

/** Register-by-register difference of two full records. */
export function recordDiff(a: bigint[], b: bigint[]): string[] {
  const out: string[] = [];
  for (let w = 0; w < 32; w++) if (a[w] !== b[w]) out.push(`${recordWordName(w)}: ${hex64(a[w])} vs ${hex64(b[w])}`);
  return out;
}
