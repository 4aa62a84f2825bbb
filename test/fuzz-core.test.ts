// Hostile guests: RAM full of random bytes executed from random places, at random privilege,
// with random page tables (satp pointing at random RAM in Sv39/Sv48), random trap vectors and
// delegation, random mstatus. Whatever the guest does, the host must not throw, abort the wasm
// core or hang: every run ends by budget, power-off or timeout, and the hart stays inspectable.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../src/machine/machine';
import * as A from '../assembly/abi';
import { FUZZ_CORE_SEEDS, chooseSeeds } from './support/seeds';

const wasm = readFileSync(new URL('../build/core.wasm', import.meta.url));
// npm test runs every seed of FUZZ_CORE_SEEDS (test/support/seeds.ts); RVISOR_FUZZ_SEED=N[,N…]
// runs those seeds instead, RVISOR_EXPLORE=1 one fresh random seed. A seed makes 12 machines.
const SEEDS = chooseSeeds({ name: 'fuzz-core', env: 'RVISOR_FUZZ_SEED', list: FUZZ_CORE_SEEDS });
const ROUNDS = 12;

function rng(seed: number) {
  let s = BigInt(seed) * 2n + 1n; // odd and distinct for every seed (| 1n made seeds 2k and 2k+1 equal)
  return () => { // xorshift64*
    s ^= s >> 12n; s ^= (s << 25n) & 0xffff_ffff_ffff_ffffn; s ^= s >> 27n;
    return (s * 0x2545f4914f6cdd1dn) & 0xffff_ffff_ffff_ffffn;
  };
}

describe('hostile guests', () => {
  it.each(SEEDS)('random code, page tables and CSRs never break the host (seed %i)', async (SEED) => {
    console.log(`[fuzz-core] seed ${SEED} (replay with RVISOR_FUZZ_SEED=${SEED})`);
    const RAM = 4 << 20;
    let instructions = 0n;
    let traps = 0n; // a machine whose trap vector itself traps retires nothing but loops in traps
    for (let round = 0; round < ROUNDS; round++) {
      const next = rng(SEED * 1000 + round);
      const m = await Machine.create(wasm, { memSize: RAM, console: () => {}, warn: () => {} });
      const ram = m.ram;
      for (let i = 0; i < ram.length; i += 8) new DataView(ram.buffer, ram.byteOffset + i, 8).setBigUint64(0, next(), true);
      m.reset();
      const c = m.core;
      const inRam = () => 0x8000_0000n + (next() % BigInt(RAM));
      c.setU64(A.HART_PC, inRam() & ~1n);
      c.setU64(A.HART_PRIV, [0n, 1n, 3n][Number(next() % 3n)]);
      const mode = [0n, 8n, 9n][Number(next() % 3n)];
      c.setU64(A.HART_CSR + A.CSR_SLOT_SATP, (mode << 60n) | ((inRam() >> 12n) & 0xfff_ffff_ffffn));
      c.setU64(A.HART_CSR + A.CSR_SLOT_MSTATUS, (next() & 0x7e79aan) | 0xa00000000n);
      c.setU64(A.HART_CSR + A.CSR_SLOT_MTVEC, next() % 4n === 0n ? next() : inRam() & ~2n);
      c.setU64(A.HART_CSR + A.CSR_SLOT_STVEC, inRam() & ~2n);
      c.setU64(A.HART_CSR + A.CSR_SLOT_MEDELEG, next() & 0xb3ffn);
      c.setU64(A.HART_CSR + A.CSR_SLOT_MIDELEG, next() & 0x222n);
      c.setU64(A.HART_CSR + A.CSR_SLOT_MIE, next() & 0xaaan);
      c.setU64(A.HART_MTIMECMP, next() % 2_000_000n);
      c.exports.flushTlb(); // recompute the TLB views for the privilege and mstatus set above
      const r = await m.run({ timeoutMs: 700 });
      expect(['timeout', 'poweroff', 'reset', 'panic']).toContain(r.reason);
      expect(c.priv === 0 || c.priv === 1 || c.priv === 3).toBe(true);
      instructions += r.stats.instret;
      traps += r.stats.traps;
    }
    console.log(`[fuzz-core] seed ${SEED}: ${ROUNDS} machines, ${instructions} instructions, ${traps} traps`);
    expect(instructions + traps).toBeGreaterThan(1_000_000n); // the machines did run (or trap)
  }, 120_000);
});
