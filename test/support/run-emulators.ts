// Runs guest ELFs on QEMU and on rvisor, parses the signature the guest prints (see
// randprog.ts) and compares two signatures.

import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DUMP_CSRS, FABI, FCSR_WORD, FREG_WORD, RECORD_WORDS, SCRATCH_RESERVED } from './randprog';

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
  /** rvisor's --stats-json figures, when the emulator asked for them (see rvisorWith). */
  stats?: RvisorStats;
}

/** The part of rvisor's --stats-json output the tests read (src/machine/machine.ts RunStats). */
export interface RvisorStats {
  instret: number;
  traps: number;
  jit?: { regions: number; entries: number; insns: number; share: number; exits: Record<string, number>; drops: number; unprofitable: number; failed: number };
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
export function runCommand(name: string, c: Command, timeoutMs: number, outBase: string, env?: Record<string, string>): Promise<RunResult> {
  const base = `${outBase}.${name}.${process.pid}.${runCounter++}`;
  const outFd = openSync(base + '.stdout', 'w');
  const errFd = openSync(base + '.stderr', 'w');
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    let child;
    try {
      child = spawn(c.cmd, c.args, { stdio: ['ignore', outFd, errFd], cwd: REPO_ROOT, env: env ? { ...process.env, ...env } : undefined });
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

/**
 * rvisor with extra command-line arguments and environment (e.g. the JIT's settings), and its
 * --stats-json figures in the result's `stats`.
 */
export function rvisorWith(name: string, opts: { args?: string[]; env?: Record<string, string> } = {}): Emulator {
  return {
    name,
    run: async (elf) => {
      const c = rvisorCommand(elf);
      const statsFile = `${elf}.${name}.${process.pid}.${runCounter++}.stats.json`;
      c.args.push(...(opts.args ?? []), '--stats-json', statsFile);
      const r = await runCommand(name, c, 120_000, elf, opts.env);
      if (existsSync(statsFile)) {
        try {
          r.stats = JSON.parse(readFileSync(statsFile, 'utf8')) as RvisorStats;
        } finally {
          rmSync(statsFile, { force: true });
        }
      }
      return r;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Signatures

/** What the guest printed while running: one entry per checkpoint record. */
export interface Stream {
  /** Per record: its 8-hex-digit hash, or for fully printed records "R" and its words. */
  records: string[];
  /** Fully printed records (RECORD_WORDS words: id, x1, x2, memhash, x4..x31, f0..f31, fcsr) by record index. */
  full: Map<number, bigint[]>;
}

export interface Signature extends Stream {
  /** The last record (the final registers). */
  final: bigint[];
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

export type Parsed = { ok: true; sig: Signature } | { ok: false; error: string; trap?: Trap; partial: Stream };

const fullLine = new RegExp(`^R ([0-9a-f]{8}):((?: [0-9a-f]{16}){${RECORD_WORDS}})$`);
const words = (s: string): bigint[] => s.trim().split(' ').map((w) => BigInt('0x' + w));

/** Parse the checkpoint stream (tolerates a truncated tail). */
function parseStream(text: string): Stream {
  const records: string[] = [];
  const full = new Map<number, bigint[]>();
  for (const line of text.split('\n')) {
    if (line.startsWith('R ')) {
      const m = fullLine.exec(line);
      if (!m) break; // cut off
      const idx = parseInt(m[1], 16);
      if (idx !== records.length) throw new Error(`record ${idx} printed out of order (expected ${records.length})`);
      full.set(idx, words(m[2]));
      records.push('R' + m[2]);
    } else if (/^[0-9a-f]*$/.test(line)) {
      for (let j = 0; j + 8 <= line.length; j += 8) records.push(line.slice(j, j + 8));
    } else break;
  }
  return { records, full };
}

export function parseSignature(r: RunResult): Parsed {
  const text = r.stdout.replace(/\r/g, '');
  const start = text.indexOf('RVDIFF 2\n');
  const body = start < 0 ? '' : text.slice(start + 'RVDIFF 2\n'.length);
  const trapAt = body.indexOf('\nTRAP ');
  const tailAt = body.indexOf('\nH ');
  const streamEnd = trapAt >= 0 ? trapAt : tailAt >= 0 ? tailAt : body.length;
  let partial: Stream;
  try {
    partial = parseStream(body.slice(0, streamEnd));
  } catch (e) {
    return { ok: false, error: `${r.emulator}: ${(e as Error).message}`, partial: { records: [], full: new Map() } };
  }
  const fail = (error: string, trap?: Trap): Parsed => ({ ok: false, error, trap, partial });
  const where = `after ${partial.records.length} checkpoint records`;
  if (trapAt >= 0) {
    const m = /^\nTRAP ([0-9a-f]{16}) ([0-9a-f]{16}) ([0-9a-f]{16})\n/.exec(body.slice(trapAt));
    if (m) {
      const trap = { mcause: BigInt('0x' + m[1]), mepc: BigInt('0x' + m[2]), mtval: BigInt('0x' + m[3]) };
      return fail(`${r.emulator}: the guest trapped ${where}: mcause=0x${trap.mcause.toString(16)} mepc=0x${trap.mepc.toString(16)} mtval=0x${trap.mtval.toString(16)}`, trap);
    }
  }
  const end = body.indexOf('\nEND\n');
  if (start < 0 || tailAt < 0 || end < 0) {
    const why = r.timedOut ? 'timed out' : `exited with code ${r.code}${r.signal ? ` (signal ${r.signal})` : ''}`;
    return fail(
      `${r.emulator} ${why} without a complete signature (${start < 0 ? 'no header' : where}).\n` +
        `stdout (last 600 chars):\n${text.slice(-600)}\nstderr (last 2000 chars):\n${r.stderr.slice(-2000)}`,
    );
  }
  const lines = body.slice(tailAt + 1, end).split('\n');
  const hm = /^H ([0-9a-f]{8})$/.exec(lines[0] ?? '');
  const fm = new RegExp(`^F ([0-9a-f]{8}):((?: [0-9a-f]{16}){${RECORD_WORDS}})$`).exec(lines[1] ?? '');
  if (!hm || !fm) return fail(`${r.emulator}: malformed signature tail`);
  const count = parseInt(hm[1], 16);
  if (partial.records.length !== count)
    return fail(`${r.emulator}: the guest printed ${partial.records.length} checkpoint records but made ${count} (lost UART output?)`);
  const csrs = (lines[2] ?? '').slice(1).trim().split(' ').map((w) => BigInt('0x' + w));
  if (!lines[2]?.startsWith('C') || csrs.length !== DUMP_CSRS.length) return fail(`${r.emulator}: malformed CSR line`);
  if (lines[3] !== 'M') return fail(`${r.emulator}: malformed signature (M line)`);
  const mem = lines.slice(4).join('');
  if (r.code !== 0)
    return fail(
      `${r.emulator}: printed a complete signature but exited with code ${r.code}${r.signal ? ` (signal ${r.signal})` : ''} ` +
        `(a test device write of 0x5555 means exit 0)\nstderr (last 2000 chars):\n${r.stderr.slice(-2000)}`,
    );
  return { ok: true, sig: { ...partial, final: words(fm[2]), csrs, mem } };
}

// ---------------------------------------------------------------------------------------------
// Comparison

export const REG_NAMES = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
];
export const FREG_NAMES: readonly string[] = FABI;
/** Name of word `w` of a record. */
export const recordWordName = (w: number): string =>
  w === 0 ? 'id' : w === 3 ? 'memhash' : w < FREG_WORD ? REG_NAMES[w] : w === FCSR_WORD ? 'fcsr' : FREG_NAMES[w - FREG_WORD];
/** Record word of an x register name (ABI), f register name (ABI) or fcsr; undefined otherwise. */
export function recordWordOf(name: string): number | undefined {
  if (name === 'fcsr') return FCSR_WORD;
  const x = REG_NAMES.indexOf(name);
  if (x > 0 && x !== 3) return x;
  const f = FREG_NAMES.indexOf(name);
  return f >= 0 ? FREG_WORD + f : undefined;
}

export const hex64 = (v: bigint): string => '0x' + v.toString(16).padStart(16, '0');

export type Difference =
  | { kind: 'record'; index: number }
  | { kind: 'csr'; diffs: { name: string; a: bigint; b: bigint }[] }
  | { kind: 'mem'; offsets: number[] };

/** Index of the first record where two streams differ, or where the shorter one ends. */
export function firstStreamDifference(a: Stream, b: Stream): number | undefined {
  const n = Math.min(a.records.length, b.records.length);
  for (let i = 0; i < n; i++) if (a.records[i] !== b.records[i]) return i;
  return a.records.length !== b.records.length ? n : undefined;
}

/** The first difference between two signatures, or undefined if they are equal. */
export function firstDifference(a: Signature, b: Signature): Difference | undefined {
  const r = firstStreamDifference(a, b);
  if (r !== undefined) return { kind: 'record', index: r };
  if (a.final.some((w, j) => w !== b.final[j])) return { kind: 'record', index: a.records.length - 1 };
  const diffs: { name: string; a: bigint; b: bigint }[] = [];
  for (let i = 0; i < DUMP_CSRS.length; i++) if (a.csrs[i] !== b.csrs[i]) diffs.push({ name: DUMP_CSRS[i], a: a.csrs[i], b: b.csrs[i] });
  if (diffs.length) return { kind: 'csr', diffs };
  if (a.mem !== b.mem) {
    const offsets: number[] = [];
    for (let j = 0; j < Math.max(a.mem.length, b.mem.length); j += 2) if (a.mem.slice(j, j + 2) !== b.mem.slice(j, j + 2)) offsets.push(SCRATCH_RESERVED + j / 2);
    return { kind: 'mem', offsets };
  }
  return undefined;
}

/** Register-by-register difference of two full records. */
export function recordDiff(a: bigint[], b: bigint[]): string[] {
  const out: string[] = [];
  for (let w = 0; w < RECORD_WORDS; w++) if (a[w] !== b[w]) out.push(`${recordWordName(w)}: ${hex64(a[w])} vs ${hex64(b[w])}`);
  return out;
}
