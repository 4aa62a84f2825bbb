// Debian's Linux boot in lockstep, JIT against interpreter (--icount, test/jit-lockstep.ts): two
// trap-mode machines boot the same kernel and initramfs, advanced one core.run() at a time, and
// after every run() the architectural state of the running hart (x and f registers, pc,
// privilege, instret, CSR slots, reservation) must be identical, to the busybox prompt. The
// boot is the JIT's widest test: kernel and user code, page faults inside compiled regions,
// shadow page tables, timer interrupts, atomics, FP state switched by the kernel. Both region
// shapes are run: the library's small functions and the CLI's one function per page.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { ensureGuestImages } from '../src/node/images';
import { createMachineOrGuest } from '../src/hypervisor/hypervisor';
import { diffState } from './jit-lockstep';

const wasm = readFileSync(new URL('../build/core.wasm', import.meta.url));
const APPEND = 'console=ttyS0 rvisor.modules=none';

describe('Linux boot, JIT in lockstep with the interpreter (--icount)', () => {
  let kernel: Uint8Array, initrd: Uint8Array;
  beforeAll(async () => {
    const img = await ensureGuestImages(); // downloads on the first run (one progress line per step)
    kernel = readFileSync(img.kernel);
    initrd = readFileSync(img.initrd);
  }, 600_000);

  const boot = async (jit: boolean, wholePage: boolean, out: { text: string }) => {
    const { machine: m } = await createMachineOrGuest(wasm, {
      memSize: 128 << 20, mode: 'trap', icount: 0, rtcBase: Date.UTC(2026, 0, 1), bootargs: APPEND, jit, jitSamples: 8,
      console: (b) => { out.text += Buffer.from(b).toString('latin1'); },
    });
    m.core.jit.wholePage = wholePage;
    m.loadKernel(kernel, 'Image');
    m.loadInitrd(initrd, 'initrd');
    m.reset();
    return m;
  };

  for (const wholePage of [false, true]) {
    it(`same state after every run() up to the shell prompt${wholePage ? ' (whole-page regions)' : ''}`, async () => {
      const ia = { text: '' }, ib = { text: '' };
      const a = await boot(false, wholePage, ia), b = await boot(true, wholePage, ib);
      let runs = 0;
      let diverged: string | null = null;
      while (!/\/ # /.test(ib.text) && runs < 200_000) {
        const ra = a.step(0), rb = b.step(0);
        runs++;
        const d = diffState(a, b);
        if (d) { diverged = `after run() ${runs} (instret ${a.core.instret}): ${d}`; break; }
        if (ra === 'done' || rb === 'done') break;
      }
      const jit = b.stats().jit!;
      console.log(`Linux lockstep${wholePage ? ' (whole page)' : ''}: ${runs} runs, ${a.core.instret} instructions, ` +
        `${(jit.share * 100).toFixed(1)} % compiled, ${jit.regions} regions, ${jit.drops} drops`);
      if (diverged) console.log(diverged);
      expect(diverged).toBeNull();
      expect(b.core.jit.lastError).toBeNull();
      expect(ib.text).toMatch(/\/ # /);
      expect(ia.text).toBe(ib.text);
      expect(jit.share).toBeGreaterThan(0.3);
    }, 600_000);
  }
});
