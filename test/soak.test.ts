// The soak run's short version (scripts/soak.mjs; `npm run soak` runs the long one): two
// Debian guests under one rvisor write, sync, read back and checksum files on their own ext4
// disks and ping each other for a minute, while one guest is rebooted (`reboot -f`) and the
// whole rvisor is killed (SIGKILL) and started again on the same disks, at moments drawn from a
// fixed seed. Every synced byte must be there afterwards (checked in the guests after each boot
// and by the host with debugfs at the end), every image must pass e2fsck -fn, a second rvisor
// asking for a disk in use must be refused, and the checker must catch a loss planted in a copy
// of a disk. The verdict does not depend on timing: only on whether anything synced was lost.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ensureGuestImages } from '../src/node/images';
import { REPO } from './support/guest-console';

const SEED = 20261205;

// If the test gives up (its timeout), the soak is stopped; it takes its rvisor down with it.
let running: ChildProcess | null = null;
afterAll(() => { if (running && running.exitCode === null) running.kill('SIGTERM'); });

describe('soak', () => {
  it('two guests for a minute with a reboot and a SIGKILL: nothing synced is lost', async () => {
    await ensureGuestImages();
    const proc = spawn(process.execPath, [join(REPO, 'scripts/soak.mjs'), '--minutes', '1', '--guests', '2', '--seed', String(SEED), '--selftest'], { cwd: REPO });
    let out = '', err = '';
    proc.stdout.on('data', (b: Buffer) => { out += b.toString(); });
    proc.stderr.on('data', (b: Buffer) => { err += b.toString(); });
    running = proc;
    const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
    const last = out.trim().split('\n').pop() ?? '';
    expect(last, `${out}\n${err}`).toMatch(/^soak: \{/);
    const s = JSON.parse(last.slice('soak: '.length));
    expect(s.losses, out).toEqual([]);
    expect(s.errors, out).toEqual([]);
    expect(s.outcome).toBe('ok');
    expect(code).toBe(0);
    expect(out).toContain(`seed ${SEED}`);
    // The run did what it says: a kill and a reboot while the guests were writing, data written
    // and read back, the host's own reading, clean file systems, a refused second writer.
    expect(s.kills).toBe(1);
    expect(s.reboots).toBe(1);
    expect(s.sessions).toBe(2);
    expect(s.boots).toBeGreaterThanOrEqual(5); // 2 + 1 (the reboot) + 2 (after the kill)
    expect(s.filesWritten).toBeGreaterThan(0);
    expect(s.filesVerifiedOnHost).toBeGreaterThan(0);
    expect(s.bytesVerifiedOnHost).toBeGreaterThan(0);
    expect(s.bytesVerifiedInGuest).toBeGreaterThan(0);
    expect(s.logLinesVerified).toBeGreaterThan(0);
    expect(s.fsck).toEqual({ g0: 0, g1: 0 });
    expect(s.secondWriterRefused).toBe(true);
    expect(s.selftest).toBe('detected');
  }, 40 * 60_000);
});
