// Node adapter: finds the built core (dist/core.wasm next to the bundle, or build/core.wasm
// when running from the source tree), and compiles it once for the CLI.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { jitThread } from './jit-thread';
import type { JitThread } from '../jit/jit';

export function loadCoreWasm(): Uint8Array<ArrayBuffer> {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const p of [join(here, 'core.wasm'), join(here, '../../build/core.wasm'), join(here, '../build/core.wasm')]) {
    if (existsSync(p)) return readFileSync(p);
  }
  throw new Error('build/core.wasm is missing; run `npm run build` first');
}

export type JitTier = 'baseline' | 'optimizing';

let cliCore: Promise<WebAssembly.Module> | null = null;

// The CLI's core module, compiled once per process (every machine, guest and reboot shares it).
export function compileCoreForCli(): Promise<WebAssembly.Module> {
  cliCore ??= WebAssembly.compile(loadCoreWasm());
  return cliCore;
}

// How the CLI has V8 compile the JIT's guest-code regions (src/jit/):
// - 'baseline' (the default): Liftoff alone, on the machine's own thread. V8 fixes a module's
//   tiers when it creates it, so the core, compiled before the flag is set, keeps TurboFan.
//   Measured (docs/BENCHMARKS.md): against V8's default (Liftoff, then TurboFan for hot
//   functions in background threads) the bench programs ran 2.4x faster (860 against 358 MIPS
//   in one run: a region is hot at once and stays in Liftoff's code, where TurboFan's compiles
//   of large functions came late and took the second core), and the Linux boot's peak RSS fell
//   from 280 to about 215 MiB (TurboFan's compiles left 60-80 MiB in malloc arenas; V8's compile
//   threads keep an arena each, so the compiles stay on the machine's thread: a region takes
//   about a millisecond). Regions are then one function per page (src/jit/translate.ts
//   WHOLE_PAGE): Liftoff's time is linear in the size.
// - 'optimizing': V8's default, compiled in the background (for measurements).
// The library does none of this: flags are process-wide, and an embedding program owns its
// process.
// Instructions retired before the CLI's regions are promoted to V8's optimizing tier (jit.ts
// promoteAt): about 2.5 Linux boots to the prompt.
export const PROMOTE_AT = 4_000_000_000n;

export function cliJitTiers(jit: { async: boolean; wholePage: boolean; promoteAt: bigint | null; onPromote: (() => void) | null; thread: JitThread | null }, tier: JitTier, core?: WebAssembly.Module): void {
  // Relaxed SIMD (standard since V8 11.4, behind this flag in Node 20's 11.3): its fused
  // multiply-add runs the guest's fmadd.d and friends in one host instruction, where the
  // translator finds it fused (src/jit/translate.ts hostFusedMadd): nbody 1.7x, integrate 1.18x.
  setFlagsFromString('--experimental-wasm-relaxed-simd');
  if (tier === 'optimizing') return;
  // Translated and compiled on the JIT's own thread (src/node/jit-thread.ts) when the CLI asks
  // (--jit-thread on: `core` given), else in line. --icount machines have turned `async` off
  // already and keep compiling in line, so that which code is compiled when does not depend on
  // the host.
  jit.thread = core ? jitThread(core) : null;
  jit.async &&= jit.thread !== null;
  jit.wholePage = true;
  setFlagsFromString('--liftoff-only');
  // TurboFan without inlining, for the CLI's JavaScript: the translator's big functions
  // (emitGroup, translate, emitBlock) took 130-270 ms each to optimize with their callees
  // inlined, on V8's background threads beside the machine's, and ran unoptimized meanwhile.
  // Measured (docs/BENCHMARKS.md, sixteenth stage): 13 of 16 alternating CLI boots faster (a
  // few percent; this machine's noise is 10-20 %), less user CPU and 2-4 MiB less peak RSS; the
  // bench programs and the trap-mode workload no slower.
  setFlagsFromString('--no-turbo-inlining');
  // A long run: V8's tiering back on for the regions compiled from now on (--liftoff-only
  // turned dynamic tiering and tier-up off by implication, and unsetting it restores neither).
  // Measured on 7-Zip's benchmark after a boot (docs/BENCHMARKS.md): whole-page functions tiered
  // up took the boot's peak RSS past 300 MiB, small ones from the start 220-240 MiB (QEMU's is
  // 217); promoted only after PROMOTE_AT, the boot is untouched and 7-Zip rates 600 against 460.
  jit.promoteAt = PROMOTE_AT;
  jit.onPromote = () => {
    setFlagsFromString('--no-liftoff-only');
    setFlagsFromString('--wasm-dynamic-tiering');
    setFlagsFromString('--wasm-tier-up');
  };
}
