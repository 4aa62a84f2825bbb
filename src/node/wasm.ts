// Node adapter: finds the built core (dist/core.wasm next to the bundle, or build/core.wasm
// when running from the source tree), and compiles it once for the CLI.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';

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
// With tier 'baseline', V8 is then told to compile every later module with its baseline
// compiler (Liftoff) alone: those are the JIT's guest-code regions (src/jit/). V8 fixes a
// module's tiers when it creates it, so the core itself still tiers up to TurboFan. Measured
// on the Linux boot (docs/BENCHMARKS.md): TurboFan's background compiles of regions left
// 60-80 MiB in malloc arenas (peak RSS 280 MiB against 200 without the JIT and 217 for QEMU)
// and were no faster overall. Baseline compiles are quick (a region in about a millisecond), so
// the CLI also makes them on the machine's own thread (jitInline): V8's background compile
// threads each keep a malloc arena of their own, which is most of what is left of the JIT's
// memory. The library does not do this: flags are process-wide, and an embedding program owns
// its process.
export const jitInline = (tier: JitTier): boolean => tier === 'baseline';

export function compileCoreForCli(tier: JitTier): Promise<WebAssembly.Module> {
  cliCore ??= WebAssembly.compile(loadCoreWasm()).then((m) => {
    if (tier === 'baseline') setFlagsFromString('--liftoff-only');
    return m;
  });
  return cliCore;
}
