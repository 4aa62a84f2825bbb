// The JIT's own thread (--jit-thread on; src/node/jit-thread.ts, src/node/jit-worker.ts): pages translated and
// their modules compiled on a worker, installed by the machine between run() calls after the
// same epoch check as V8's background compiles (src/jit/jit.ts installReady).
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine } from '../src/machine/machine';
import { jitThread } from '../src/node/jit-thread';
import type { JobInput, ThreadResult } from '../src/jit/jit';
import * as ABI from '../assembly/abi';

// A page of `n` addi instructions and a ret, entered at its first byte.
function page(n: number): JobInput {
  const raw = new Uint8Array(4096);
  const dv = new DataView(raw.buffer);
  for (let i = 0; i < n; i++) dv.setUint32(i * 4, 0x00150513, true); // addi a0, a0, 1
  dv.setUint32(n * 4, 0x00008067, true); // ret
  return { page: { recs: new Uint32Array(4096), raw, recBase: ABI.DECODE_BASE }, next: null, marks: new Uint8Array(ABI.DEBUG_MARKS_SIZE), missed: [0], wholePage: true, sweep: false };
}

const REPO = new URL('..', import.meta.url).pathname;
const wasm = readFileSync(join(REPO, 'build/core.wasm'));

describe("the JIT's own thread", () => {
  it('the CLI (--jit-thread on) translates and compiles there after its first pages, and the program computes the same', () => {
    // mix: 13 regions when every page is compiled at its first sample (the first 4 on the
    // machine's thread, src/jit/jit.ts INLINE_FIRST); its checksum against the same run with
    // no JIT thread.
    const dir = mkdtempSync(join(tmpdir(), 'rvisor-jit-thread-'));
    try {
      const stats = join(dir, 'stats.json');
      const cli = (thread: string) => spawnSync(process.execPath, ['dist/cli.js', 'run', '--bios', 'none', '--kernel', 'bench/programs/mix.elf', '--stats-json', stats, '--timeout', '60', '--jit-thread', thread],
        { cwd: REPO, encoding: 'latin1', timeout: 90_000, env: { ...process.env, RVISOR_JIT_SAMPLES: '1', RVISOR_JIT_MIN_RUN: '0' } });
      const alone = cli('off'); // the default
      expect(JSON.parse(readFileSync(stats, 'utf8')).jit.threadRegions).toBe(0);
      const r = cli('on');
      const checksum = (out: string) => /checksum=([0-9a-f]+)/.exec(out)?.[1];
      expect(checksum(r.stdout), r.stderr).toBeDefined();
      expect(checksum(r.stdout)).toBe(checksum(alone.stdout));
      expect(r.status).toBe(0);
      const j = JSON.parse(readFileSync(stats, 'utf8')).jit;
      console.log(`mix with the JIT thread: ${j.regions} regions, ${j.threadRegions} from the thread (${j.threadMs} ms there), ${(j.share * 100).toFixed(1)} % compiled`);
      expect(j.threadRegions).toBeGreaterThan(0);
      expect(j.threadMs).toBeGreaterThan(0);
      expect(j.failed).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('each client gets its own jobs back, under its own ids', async () => {
    const module = new WebAssembly.Module(wasm);
    const a = jitThread(module)!, b = jitThread(module)!;
    // The same ids from both, jobs in flight together.
    a.submit(1, page(10));
    b.submit(1, page(50));
    a.submit(2, page(30));
    const got: ThreadResult[][] = [[], []];
    for (let i = 0; i < 5000 && got[0].length + got[1].length < 3; i++) {
      await new Promise((r) => setTimeout(r, 1));
      got[0].push(...a.take());
      got[1].push(...b.take());
    }
    const insns = (rs: ThreadResult[]) => rs.map((r) => [r.id, r.info?.insns, r.module instanceof WebAssembly.Module]);
    expect(insns(got[0]).sort()).toEqual([[1, 11, true], [2, 31, true]]);
    expect(insns(got[1])).toEqual([[1, 51, true]]);
  }, 60_000);

  it('two machines in one process share it, each getting its own regions', async () => {
    // Self-modifying code (patches while modules are in flight: the epoch check discards them)
    // and code remapped under one virtual address, run alternately in 2 ms slices.
    const roms = ['jit-smc', 'jit-remap'];
    const module = new WebAssembly.Module(wasm);
    const ms = await Promise.all(roms.map(async (rom) => {
      let out = '';
      const m = await Machine.create(wasm, { memSize: 128 << 20, jit: true, jitSamples: 1, jitMinRun: 0, console: (b) => { out += String.fromCharCode(...b); } });
      m.core.jit.thread = jitThread(module);
      m.core.jit.async = true;
      m.loadKernel(readFileSync(join(REPO, `roms/tests/${rom}.elf`)), rom);
      m.reset();
      return { rom, m, out: () => out, done: false };
    }));
    type Pending = { pending: Map<number, unknown> };
    for (let round = 0; ms.some((x) => !x.done) && round < 100_000; round++) {
      for (const x of ms) if (!x.done) x.done = x.m.step(performance.now() + 2) === 'done';
      // Every few rounds, let the jobs in flight come back (the machines install them): both
      // machines have jobs in flight at once, so results must go back to the right one.
      if (round % 8 === 7) {
        for (let i = 0; i < 500 && ms.some((x) => !x.done && (x.m.core.jit as unknown as Pending).pending.size > 0); i++) {
          await new Promise((r) => setTimeout(r, 1));
          for (const x of ms) x.m.core.jit.installReady();
        }
      }
    }
    for (const x of ms) {
      const j = x.m.stats().jit!;
      console.log(`${x.rom} (sharing the thread): ${j.regions} regions, ${j.threadMs} ms on the thread, ${(j.share * 100).toFixed(1)} % compiled`);
      expect(x.out()).toContain(`PASS ${x.rom}`);
      expect(x.m.finalResult().exitCode).toBe(0);
      expect(j.threadRegions).toBeGreaterThan(0);
      expect(j.failed).toBe(0);
    }
  }, 120_000);

  // Last in this file: it ends the process's worker.
  it('a worker that dies fails its jobs, and the JIT compiles on the machine thread again', async () => {
    const module = new WebAssembly.Module(wasm);
    const a = jitThread(module)!;
    a.submit(7, page(20));
    const worker = (a as unknown as { thread: { worker: import('node:worker_threads').Worker } }).thread.worker;
    await worker.terminate();
    await new Promise((r) => setTimeout(r, 10));
    expect(a.alive).toBe(false);
    const rs = a.take();
    // Either the job finished before the end, or it failed with the reason.
    expect(rs.map((r) => r.id)).toEqual([7]);
    if (!rs[0].module) expect(rs[0].error).toMatch(/JIT's thread/);
    // A machine given the dead thread compiles in line, and runs right.
    let out = '';
    const m = await Machine.create(wasm, { memSize: 128 << 20, jit: true, jitSamples: 1, jitMinRun: 0, console: (b) => { out += String.fromCharCode(...b); } });
    m.core.jit.thread = jitThread(module);
    m.core.jit.async = true;
    m.loadKernel(readFileSync(join(REPO, 'roms/tests/jit-remap.elf')), 'jit-remap');
    m.reset();
    for (let i = 0; i < 100_000 && m.step(performance.now() + 5) !== 'done'; i++);
    const j = m.stats().jit!;
    expect(out).toContain('PASS jit-remap');
    expect(j.regions).toBeGreaterThan(4);
    expect(j.threadRegions).toBe(0);
    expect(j.failed).toBe(0);
  }, 60_000);
});
