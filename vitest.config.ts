import { defineConfig } from 'vitest/config';

// Integration tests start emulators (rvisor, QEMU, Chromium): generous timeouts, and at most
// two files at once on these 2-core machines.
// The JIT is on by default; the `jit-off` project runs the core suites again on the interpreter
// alone (RVISOR_JIT=off reaches every CLI the tests start), so both paths stay tested.
export default defineConfig({
  test: {
    testTimeout: 180_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'default', include: ['test/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'jit-off',
          include: ['test/roms.test.ts', 'test/diff-qemu.test.ts', 'test/hypervisor-roms.test.ts', 'test/linux.test.ts'],
          env: { RVISOR_JIT: 'off' },
        },
      },
    ],
  },
});
