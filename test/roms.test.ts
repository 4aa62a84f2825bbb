// Runs every self-checking test ROM (roms/tests/*.elf, built by roms/build-tests.sh) on the
// rvisor CLI. A ROM prints "PASS <name>" and exits 0 through the virt test finisher, or prints
// "FAIL <name> <n>" and exits with status n (the number of the failed check, see
// roms/tests/README.md). htif.elf reports through HTIF instead of the UART and the finisher.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const romDir = join(repoRoot, 'roms', 'tests');
const elfs = readdirSync(romDir)
  .filter((f) => f.endsWith('.elf'))
  .sort();

describe('test ROMs (roms/tests)', () => {
  it('has ROMs to run', () => {
    expect(elfs.length).toBeGreaterThan(0);
  });

  it.each(elfs)('%s', (elf) => {
    const name = basename(elf, '.elf');
    const result = spawnSync(
      process.execPath,
      // smp2-* ROMs need two harts. --icount: time follows instructions, so a ROM's timer checks
      // (priv-interrupts: MTIP not yet pending 100 us after arming it) give the same answer on a
      // loaded host, where a descheduled process may wake up past the deadline.
      ['dist/cli.js', 'run', '--bios', 'none', '--kernel', join('roms', 'tests', elf), '--timeout', '20', '--icount',
        ...(name.startsWith('smp2') ? ['--smp', '2'] : [])],
      { cwd: repoRoot, encoding: 'utf8', timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
    );
    const output = `exit status ${result.status} signal ${result.signal}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
    expect(result.error, output).toBeUndefined();
    expect(result.stdout, output).toContain(`PASS ${name}`);
    expect(result.status, output).toBe(0);
  }, 40_000);
});
