import { defineConfig } from 'vitest/config';

// Integration tests start emulators (rvisor, QEMU, Chromium): generous timeouts, and at most
// two files at once on these 2-core machines.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
  },
});
