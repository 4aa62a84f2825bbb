// Hostile trap-mode guests: a guest whose RAM is random bytes, run from random places in virtual
// S or U with random page tables, random trap vectors and random registers (so its ecalls are
// random SBI calls), next to a second guest whose RAM holds a known pattern. Whatever the first
// guest does, the hypervisor must not throw or hang, every run must end, and not one byte of
// the second guest's memory may change.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Hypervisor } from '../src/hypervisor/hypervisor';
import * as A from '../assembly/abi';
import { FUZZ_HYPERVISOR_SEEDS, chooseSeeds } from './support/seeds';

const wasm = readFileSync(new URL('../build/core.wasm', import.meta.url));
// npm test runs every seed of FUZZ_HYPERVISOR_SEEDS (test/support/seeds.ts); RVISOR_FUZZ_SEED=N[,N…]
// runs those seeds instead, RVISOR_EXPLORE=1 one fresh random seed. A seed makes 8 guests.
const SEEDS = chooseSeeds({ name: 'fuzz-hypervisor', env: 'RVISOR_FUZZ_SEED', list: FUZZ_HYPERVISOR_SEEDS });
const ROUNDS = 8;
const SBI_EIDS = [0x10n, 0x54494d45n, 0x735049n, 0x52464e43n, 0x48534dn, 0x44424e43n, 0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n];

function rng(seed: number) {
  let s = BigInt(seed) * 2n + 1n;
  return () => { // xorshift64*
    s ^= s >> 12n; s ^= (s << 25n) & 0xffff_ffff_ffff_ffffn; s ^= s >> 27n;
    return (s * 0x2545f4914f6cdd1dn) & 0xffff_ffff_ffff_ffffn;
  };
}

describe('hostile trap-mode guests', () => {
  it.each(SEEDS)('random code, page tables and SBI calls never break the hypervisor or reach the other guest (seed %i)', async (SEED) => {
    console.log(`[fuzz-hypervisor] seed ${SEED} (replay with RVISOR_FUZZ_SEED=${SEED})`);
    const RAM = 4 << 20;
    let instructions = 0n;
    let sbiCalls = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const next = rng(SEED * 1000 + round);
      const hv = await Hypervisor.create(wasm, [
        { name: 'hostile', memSize: RAM, console: () => {}, warn: () => {}, harts: 2 },
        { name: 'victim', memSize: RAM, console: () => {}, warn: () => {} },
      ], { quantumMs: 20 });
      const victim = hv.machine('victim')!;
      const pattern = new Uint8Array(RAM);
      for (let i = 0; i < pattern.length; i++) pattern[i] = (i * 131 + round) & 0xff;
      victim.writeRam(0, pattern);
      victim.reset();
      victim.writeRam(RAM - (2 << 20), pattern.subarray(RAM - (2 << 20))); // reset() put its DTB there
      const before = createHash('sha256').update(victim.readRam(0, RAM)).digest('hex');
      victim.pause(); // it never runs: its memory must stay exactly as written

      const m = hv.machine('hostile')!;
      const ram = new Uint8Array(RAM);
      const dv = new DataView(ram.buffer, ram.byteOffset, ram.length);
      for (let i = 0; i < ram.length; i += 8) dv.setBigUint64(i, next(), true);
      // Random bytes almost never encode ecall: plant some, so random SBI calls happen.
      for (let i = 0; i < ram.length; i += 256) dv.setUint32(i + Number(next() % 64n) * 4, 0x0000_0073, true);
      // A handler that skips the trapping instruction (4 bytes: the hostile code may still land
      // in the middle of things), so a guest that traps all the time still makes progress.
      [0xf3, 0x22, 0x10, 0x14, 0x91, 0x02, 0x73, 0x90, 0x12, 0x14, 0x73, 0x00, 0x20, 0x10].forEach((b, i) => { ram[i] = b; });
      // Half the rounds leave some pages untouched, so the hostile code meets pages without frames.
      if (round % 4 < 2) m.writeRam(0, ram);
      else for (let i = 0; i < RAM; i += 0x4000) m.writeRam(i, ram.subarray(i, i + 0x2000));
      m.reset();
      const c = m.core;
      m.switchTo(0);
      const inRam = () => 0x8000_0000n + (next() % BigInt(RAM));
      // Addresses anywhere, including the victim's real memory as if it were guest-physical.
      const anywhere = () => [inRam(), next(), BigInt(A.RAM_HOST_BASE + RAM) + (next() % BigInt(RAM))][Number(next() % 3n)];
      c.setU64(A.HART_PC, inRam() & ~1n);
      // Even rounds: virtual S without translation, so the handler at 0 always runs and the
      // planted ecalls reach the SBI. Odd rounds: privilege and translation random too.
      const tame = round % 2 === 0;
      c.setU64(A.HART_PRIV, tame ? 1n : next() % 2n);
      const mode = tame ? 0n : [0n, 8n, 9n][Number(next() % 3n)];
      c.setU64(A.HART_CSR + A.CSR_SLOT_SATP, (mode << 60n) | ((anywhere() >> 12n) & 0xfff_ffff_ffffn));
      c.setU64(A.HART_CSR + A.CSR_SLOT_STVEC, !tame && next() % 4n === 0n ? inRam() & ~2n : 0x8000_0000n);
      c.setU64(A.HART_CSR + A.CSR_SLOT_MIE, next() & 0x222n);
      c.setU64(A.HART_MTIMECMP, next() % 2_000_000n);
      for (let r = 1; r < 32; r++) c.setX(r, r === 17 ? SBI_EIDS[Number(next() % BigInt(SBI_EIDS.length))] : anywhere());
      c.exports.selectSet();
      const outcomes = await hv.run({ timeoutMs: 600 });
      const o = outcomes.find((x) => x.name === 'hostile')!;
      expect(['timeout', 'poweroff', 'reset', 'panic', 'stopped']).toContain(o.reason);
      instructions += o.stats.instret;
      sbiCalls += Object.entries(o.stats.hv!.exits).filter(([k]) => k.startsWith('sbi.')).reduce((a, [, v]) => a + v, 0);
      expect(createHash('sha256').update(victim.readRam(0, RAM)).digest('hex')).toBe(before);
    }
    expect(instructions).toBeGreaterThan(200_000n); // the hostile guests did run
    expect(sbiCalls).toBeGreaterThan(0); // and reached the SBI with garbage
  }, 120_000);
});
