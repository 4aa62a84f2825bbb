// The seeds of every randomized test, in one place.
//
// `npm test` runs each test once per seed of its list, so a run is the same every time and a
// failure is never down to luck. A seed that ever found a bug stays in its list for good (with a
// comment saying what it found), so the bug cannot come back unnoticed. New seeds are explored
// only on request: `npm run explore [-- --minutes N]` (scripts/explore.mjs) runs the tests
// below with fresh random seeds and prints, for any failure, the line to add here.
//
// Each test also takes
//   <its env variable>=SEED[,SEED…]   run exactly these seeds (a replay; the list is ignored)
//   RVISOR_EXPLORE=1                  run one fresh random seed (printed) instead of the list
//
// What one seed means is fixed (the work done per seed does not depend on the list's length),
// so a seed replayed alone does exactly what it did inside the list.

import { randomInt } from 'node:crypto';

/** test/decoder.test.ts, RVISOR_DECODER_SEED (decimal, < 1e6): the 32-bit encodings sampled. */
export const DECODER_SEEDS: readonly number[] = [
  81980, // 2026-12: objdump printed a mnemonic the test did not know (retired sfence.vm / hret)
  1, // 2026-12: the lead's second fixed seed, no bug
];

/** test/diff-qemu.test.ts, RVISOR_DIFF_SEED (32-bit, hex): 2 random programs of 250k instructions each. */
export const DIFF_SEEDS: readonly number[] = [
  0x8fc34f57, // 2026-12-05: first list, a seed drawn by the clock that passed (was: one clock seed per run)
  0x2b5e1d03, // 2026-12-05: first list, chosen by hand; with the first, 1 M instructions as before
];

/** test/diff-qemu-hot.test.ts, RVISOR_DIFF_HOT_SEED (32-bit, hex): 2 looping programs of 10 M random instructions each. */
export const DIFF_HOT_SEEDS: readonly number[] = [
  0x4f7a2c91, // 2026-12-05: first list, chosen by hand, no bug
  0xc0de5eed, // 2026-12-05: first list, chosen by hand, no bug
  0x1badb002, // 2026-12-05: first list, chosen by hand, no bug
];

/** test/softfloat.test.ts, RVISOR_SOFTFLOAT_SEED (32-bit, hex): 1 M F/D operations each. */
export const SOFTFLOAT_SEEDS: readonly number[] = [
  0xe0a5acc2, // 2026-12-05: first list, a seed drawn by the clock that passed (was: 2 M operations, one clock seed)
  0x5eed0002, // 2026-12-05: first list, chosen by hand
];

/** test/fuzz-core.test.ts, RVISOR_FUZZ_SEED (decimal, < 1e6): 12 hostile machines each. */
export const FUZZ_CORE_SEEDS: readonly number[] = [
  271828, // 2026-12-05: first list, chosen by hand (was: 24 machines from one clock seed)
  314159, // 2026-12-05: first list, chosen by hand
];

/** test/fuzz-hypervisor.test.ts, RVISOR_FUZZ_SEED (decimal, < 1e6): 8 hostile trap-mode guests each. */
export const FUZZ_HYPERVISOR_SEEDS: readonly number[] = [
  161803, // 2026-12-05: first list, chosen by hand (was: 16 guests from one clock seed)
  141421, // 2026-12-05: first list, chosen by hand
];

/** test/pager.test.ts, RVISOR_PAGER_SEED (decimal, < 1e6): 24 isolation rounds per backing store each. */
export const PAGER_SEEDS: readonly number[] = [
  16428, // 2026-12-05: first list, a seed drawn by the clock that passed
  900001, // 2026-12-05: first list, chosen by hand
];

// ---------------------------------------------------------------------------------------------

export interface SeedSpec {
  /** What the test prints in front of its lines, e.g. 'diff-qemu'. */
  name: string;
  /** The env variable that replays seeds, e.g. 'RVISOR_DIFF_SEED'. */
  env: string;
  list: readonly number[];
  /** Seeds are 32-bit and printed in hex (else decimal below one million). */
  hex?: boolean;
}

export const formatSeed = (seed: number, hex = false): string =>
  hex ? '0x' + (seed >>> 0).toString(16).padStart(8, '0') : String(seed);

export function parseSeed(text: string, env: string): number {
  const s = text.trim();
  const n = /^0x[0-9a-f]+$/i.test(s) ? parseInt(s.slice(2), 16) : /^\d+$/.test(s) ? parseInt(s, 10) : NaN;
  if (!Number.isSafeInteger(n) || n < 0 || n > 0xffff_ffff) throw new Error(`bad ${env} ${JSON.stringify(text)}: a number (decimal or 0x hex, 32-bit)`);
  return n >>> 0;
}

/** The seeds this run uses: the env variable's, one fresh one under RVISOR_EXPLORE, or the list. */
export function chooseSeeds(spec: SeedSpec): number[] {
  const given = process.env[spec.env];
  let seeds: number[];
  if (given !== undefined && given.trim() !== '') {
    seeds = given.split(',').map((s) => parseSeed(s, spec.env));
  } else if (process.env.RVISOR_EXPLORE && process.env.RVISOR_EXPLORE !== '0') {
    seeds = [spec.hex ? randomInt(0x1_0000_0000) : randomInt(1_000_000)];
    console.log(`[${spec.name}] exploring a fresh seed ${formatSeed(seeds[0], spec.hex)} (replay with ${spec.env}=${formatSeed(seeds[0], spec.hex)})`);
  } else {
    seeds = [...spec.list];
  }
  if (seeds.length === 0) throw new Error(`no seeds for ${spec.name}`);
  return seeds;
}
