// Differential test of assembly/softfloat.ts against QEMU's F/D implementation (SoftFloat).
//
// A seeded generator (test/support/softfloat-ops.ts) makes operand records biased towards the
// hard cases (zeros, subnormals, infinities, NaNs with payloads, rounding midpoints, cancellation,
// over/underflow thresholds, integer range limits). A bare-metal guest (softfloat-guest.ts)
// executes the real instructions on qemu-system-riscv64 with each record's rounding mode in frm
// and returns result bits + fflags per record. The same records run through the library compiled
// by asc twice: as is, and with its RNE fast paths switched off (so the exact paths are compared
// in round-to-nearest too). Every result and every flag must match bit for bit.
//
// Seeds: npm test runs every seed of SOFTFLOAT_SEEDS (test/support/seeds.ts), one test per
// seed; `npm run explore` tries fresh ones.
//
// Environment:
//   RVISOR_SOFTFLOAT_SEED=0x1234abcd  run this seed (or a comma-separated list) instead of the list
//   RVISOR_EXPLORE=1                  run one fresh random seed instead of the list
//   RVISOR_SOFTFLOAT_OPS=4000000      records per seed (default 1_000_000, at most 4_194_296)
//   RVISOR_SOFTFLOAT_KEEP=1           keep the build directory (the path is printed)

import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOFTFLOAT_SEEDS, chooseSeeds } from './support/seeds';
import { GCC } from './support/guest-build';
import { GUEST_RAM, IN_ADDR, IN_HEADER, MAX_RECORDS, guestAsm } from './support/softfloat-guest';
import { type Kind, OPS, RECORD_BYTES, RESULT_BYTES, RM_NAMES, generateRecords } from './support/softfloat-ops';

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ASC = join(ROOT, 'node_modules/assemblyscript/bin/asc.js');

const hex32 = (n: number): string => '0x' + (n >>> 0).toString(16).padStart(8, '0');

const SEEDS = chooseSeeds({ name: 'softfloat', env: 'RVISOR_SOFTFLOAT_SEED', list: SOFTFLOAT_SEEDS, hex: true });
const COUNT = Math.min(Number(process.env.RVISOR_SOFTFLOAT_OPS ?? 1_000_000), MAX_RECORDS);
const KEEP = !!process.env.RVISOR_SOFTFLOAT_KEEP;

console.log(`[softfloat] seeds ${SEEDS.map(hex32).join(', ')}, ${COUNT} operations each`);

// ---------------------------------------------------------------------------------------------

async function buildGuest(dir: string): Promise<string> {
  const src = join(dir, 'softfloat-guest.S');
  const elf = join(dir, 'softfloat-guest.elf');
  writeFileSync(src, guestAsm());
  const flags = ['-march=rv64imafd_zicsr', '-mabi=lp64', '-nostdlib', '-nostartfiles', '-static', '-Wl,--no-relax', '-Ttext=0x80000000'];
  await run(GCC, [...flags, src, '-o', elf]);
  return elf;
}

/** Compile the test entry; with fast=false from a copy of the library with FAST_PATHS = false. */
async function buildWasm(dir: string, fast: boolean): Promise<Uint8Array> {
  let entry = join(ROOT, 'test/support/softfloat-entry.ts');
  if (!fast) {
    const root = join(dir, 'nofast');
    mkdirSync(join(root, 'assembly'), { recursive: true });
    mkdirSync(join(root, 'test/support'), { recursive: true });
    let patched = 0;
    for (const f of readdirSync(join(ROOT, 'assembly')).filter((n) => /^softfloat.*\.ts$/.test(n))) {
      const text = readFileSync(join(ROOT, 'assembly', f), 'utf8');
      const out = text.replace(/const FAST_PATHS: bool = true;/, () => (patched++, 'const FAST_PATHS: bool = false;'));
      writeFileSync(join(root, 'assembly', f), out);
    }
    if (patched !== 1) throw new Error('could not find `const FAST_PATHS: bool = true;` in assembly/softfloat*.ts');
    entry = join(root, 'test/support/softfloat-entry.ts');
    writeFileSync(entry, readFileSync(join(ROOT, 'test/support/softfloat-entry.ts')));
  }
  const conf = join(dir, 'asconfig.json');
  writeFileSync(conf, '{}');
  const out = join(dir, fast ? 'softfloat.wasm' : 'softfloat-nofast.wasm');
  try {
    await run(process.execPath, [ASC, entry, '-O3', '--runtime', 'stub', '--noAssert', '--config', conf, '-o', out], {
      cwd: dir,
      maxBuffer: 16 << 20,
    });
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(`asc failed:\n${(err.stderr || err.stdout || err.message).slice(0, 4000)}`);
  }
  return readFileSync(out);
}

function runQemu(elf: string, input: string, dir: string): Promise<{ code: number | null; ms: number; log: string }> {
  const args = [
    '-machine', 'virt', '-bios', 'none', '-m', GUEST_RAM, '-nographic', '-monitor', 'none',
    '-semihosting-config', 'enable=on,target=native',
    '-device', `loader,file=${input},addr=0x${IN_ADDR.toString(16)},force-raw=on`,
    '-kernel', elf,
  ];
  return new Promise((res, rej) => {
    const t0 = performance.now();
    const child = spawn(process.env.RVISOR_DIFF_QEMU ?? 'qemu-system-riscv64', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d) => (log = (log + d).slice(-4000)));
    child.stderr.on('data', (d) => (log = (log + d).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      rej(new Error(`cannot start qemu-system-riscv64: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      res({ code, ms: performance.now() - t0, log });
    });
  });
}

interface Engine {
  runBatch(inPtr: number, n: number, outPtr: number): void;
  heapBase(): number;
  memory: WebAssembly.Memory;
}

/** Run the records through a compiled entry; returns the results (16 bytes per record). */
function runWasm(bytes: Uint8Array, records: Uint8Array, n: number): { out: Uint32Array; ms: number } {
  const inst = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(bytes)), { env: { abort: () => { throw new Error('abort'); } } });
  const ex = inst.exports as unknown as Engine;
  const inPtr = ex.heapBase();
  const outPtr = inPtr + n * RECORD_BYTES;
  const need = outPtr + n * RESULT_BYTES;
  const have = ex.memory.buffer.byteLength;
  if (need > have) ex.memory.grow(Math.ceil((need - have) / 65536));
  new Uint8Array(ex.memory.buffer, inPtr, n * RECORD_BYTES).set(records);
  const t0 = performance.now();
  ex.runBatch(inPtr, n, outPtr);
  const ms = performance.now() - t0;
  return { out: new Uint32Array(ex.memory.buffer.slice(outPtr, outPtr + n * RESULT_BYTES)), ms };
}

// ---------------------------------------------------------------------------------------------
// Reporting

const FLAG_NAMES = ['NX', 'UF', 'OF', 'DZ', 'NV'];
const flagText = (f: number): string => FLAG_NAMES.filter((_, i) => f & (1 << i)).join('|') || '-';

function operandText(k: Kind, lo: number, hi: number): string {
  const h = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
  if (k === 'f32' || k === 'i32' || k === 'u32') return '0x' + h(lo);
  return '0x' + h(hi) + h(lo);
}

function resultText(k: Kind, lo: number, hi: number): string {
  if (k === 'bool' || k === 'class') return '0x' + (lo >>> 0).toString(16);
  return operandText(k === 'f32' ? 'f32' : 'f64', lo, hi) + (k === 'f32' && hi !== (lo & 0x80000000 ? 0xffffffff : 0) ? ` (upper ${hi.toString(16)})` : '');
}

interface Mismatch {
  index: number;
  text: string;
}

function compare(label: string, rec: Uint32Array, ref: Uint32Array, got: Uint32Array, n: number): { mismatches: Mismatch[]; total: number; perOp: Map<string, number> } {
  const mismatches: Mismatch[] = [];
  const perOp = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < n; i++) {
    const o = i * 4;
    if (ref[o] === got[o] && ref[o + 1] === got[o + 1] && (ref[o + 2] & 31) === got[o + 2] && got[o + 3] === 0) continue;
    total++;
    const w = i * 8;
    const op = OPS[rec[w]];
    perOp.set(op.name, (perOp.get(op.name) ?? 0) + 1);
    if (mismatches.length < 25) {
      const args = op.args.map((k, j) => operandText(k, rec[w + 2 + 2 * j], rec[w + 3 + 2 * j])).join(', ');
      mismatches.push({
        index: i,
        text:
          `[${label}] #${i} ${op.name}${op.rm ? ' ' + RM_NAMES[rec[w + 1]] : ''} ${args}\n` +
          `    qemu ${resultText(op.res, ref[o], ref[o + 1])} ${flagText(ref[o + 2])}\n` +
          `    ours ${resultText(op.res, got[o], got[o + 1])} ${flagText(got[o + 2])}`,
      });
    }
  }
  return { mismatches, total, perOp };
}

// ---------------------------------------------------------------------------------------------

describe('softfloat vs QEMU', () => {
  // The guest and both builds of the library are made once and serve every seed.
  let dir = '';
  let elf = '';
  let wasmFast: Uint8Array;
  let wasmSlow: Uint8Array;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rvisor-softfloat-'));
    if (KEEP) console.log(`[softfloat] build directory ${dir}`);
    [elf, wasmFast, wasmSlow] = await Promise.all([buildGuest(dir), buildWasm(dir, true), buildWasm(dir, false)]);
  });
  afterAll(() => {
    if (dir && !KEEP) rmSync(dir, { recursive: true, force: true });
  });

  it.each(SEEDS.map((seed) => [hex32(seed), seed] as const))(`matches QEMU bit for bit on ${COUNT} operations (seed %s)`, async (_, SEED) => {
    console.log(`[softfloat] seed ${hex32(SEED)} (replay with RVISOR_SOFTFLOAT_SEED=${hex32(SEED)}), ${COUNT} operations`);
    const t0 = performance.now();
    // Input image: header + records.
    const image = new Uint8Array(IN_HEADER + COUNT * RECORD_BYTES);
    const outFile = join(dir, `qemu-results-${hex32(SEED)}.bin`);
    const view = new DataView(image.buffer);
    view.setBigUint64(0, BigInt(COUNT), true);
    const pathBytes = new TextEncoder().encode(outFile);
    if (pathBytes.length > IN_HEADER - 16) throw new Error(`temporary path too long: ${outFile}`);
    view.setBigUint64(8, BigInt(pathBytes.length), true);
    image.set(pathBytes, 16);
    const records = new Uint32Array(image.buffer, IN_HEADER, COUNT * 8);
    const directed = generateRecords(SEED, COUNT, records);
    const inFile = join(dir, `records-${hex32(SEED)}.bin`);
    writeFileSync(inFile, image);
    const tGen = performance.now() - t0;

    const q = await runQemu(elf, inFile, dir);
    if (q.code !== 0) throw new Error(`QEMU exited with code ${q.code} (guest trap codes are mcause+1)\n${q.log}`);
    const ref = new Uint32Array(readFileSync(outFile).buffer.slice(0));
    expect(ref.length).toBe(COUNT * 4);

    const recBytes = new Uint8Array(image.buffer, IN_HEADER, COUNT * RECORD_BYTES);
    const fast = runWasm(wasmFast, recBytes, COUNT);
    const slow = runWasm(wasmSlow, recBytes, COUNT);
    const cf = compare('fast paths', records, ref, fast.out, COUNT);
    const cs = compare('exact paths only', records, ref, slow.out, COUNT);
    if (!KEEP) for (const f of [inFile, outFile]) rmSync(f, { force: true });

    console.log(
      `[softfloat] ${COUNT} operations (${directed} directed) x ${OPS.length} kinds: generate ${tGen.toFixed(0)} ms, ` +
        `QEMU ${q.ms.toFixed(0)} ms, library ${fast.ms.toFixed(0)} ms (fast paths) / ${slow.ms.toFixed(0)} ms (exact paths), ` +
        `total ${(performance.now() - t0).toFixed(0)} ms`,
    );
    const bad = [...cf.mismatches, ...cs.mismatches];
    if (cf.total + cs.total > 0) {
      const per = (m: Map<string, number>): string => [...m].map(([k, v]) => `${k}: ${v}`).join(', ');
      console.log(
        `[softfloat] seed ${hex32(SEED)}: ${cf.total} mismatches with fast paths (${per(cf.perOp)}), ` +
          `${cs.total} on exact paths only (${per(cs.perOp)})\n` +
          bad.map((m) => m.text).join('\n'),
      );
    }
    expect(cf.total, `mismatches with fast paths (seed ${hex32(SEED)})`).toBe(0);
    expect(cs.total, `mismatches on exact paths (seed ${hex32(SEED)})`).toBe(0);
  });
});
