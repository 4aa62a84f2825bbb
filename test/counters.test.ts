// The privileged spec's rule for the counters (3.1.11): an instruction that writes mcycle or
// minstret sets it to the value written and does not also count itself in it, so the next
// instruction reads exactly that value. (QEMU runs without -icount count host ticks there, so
// this is checked on the core directly.)
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../src/machine/machine';
import * as A from '../assembly/abi';
import { assembleWords } from './support/guest-build';

describe('counter writes', () => {
  let m: Machine;
  beforeAll(async () => {
    m = await Machine.create(readFileSync(new URL('../build/core.wasm', import.meta.url)), { memSize: 16 << 20, console: () => {}, warn: () => {} });
  });

  // Runs `lines` followed by `j .` from the start of RAM in M-mode and returns the hart.
  function run(lines: string[]) {
    m.reset();
    const words = assembleWords([...lines, 'j .']);
    m.writeRam(0, new Uint8Array(new Uint32Array(words).buffer));
    m.core.setU64(A.HART_PC, 0x8000_0000n);
    m.core.exports.run(1000); // the program ends spinning on `j .`
    return m.core;
  }

  it.each(['minstret', 'mcycle'])('the instruction after a write to %s reads the value written', (csr) => {
    const c = run(['li x1, 1000000', 'nop', `csrw ${csr}, x1`, `csrr x3, ${csr}`, 'nop', `csrr x4, ${csr}`]);
    expect(c.x(3)).toBe(1_000_000n);
    expect(c.x(4)).toBe(1_000_002n); // csrr x3 and the nop retired since
  });

  it('writing minstret leaves mcycle counting on, and the other way round', () => {
    const c = run(['csrr x5, mcycle', 'li x1, 77', 'csrw minstret, x1', 'csrr x3, mcycle', 'csrr x4, minstret']);
    expect(c.x(3) - c.x(5)).toBe(3n); // li, csrw and csrr x5 itself... counted once each
    expect(c.x(4)).toBe(77n + 1n); // the csrr of mcycle retired after the write
  });
});
