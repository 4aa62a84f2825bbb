// Real Debian userland in a trap-mode guest (issue 12): trixie's riscv64 7-Zip and sysbench,
// with glibc and every library they load, unpacked into the initramfs after busybox
// (ensureUserland), run at the guest's shell. The programs check themselves (7-Zip verifies the
// CRC of what it decompresses), so a mis-executed instruction shows up as an error or a missing
// result line. The same small runs as `node bench/userland.mjs --quick`, less work.
import { describe, it, expect, beforeAll } from 'vitest';
import { ensureUserland, type UserlandImages } from '../src/node/images';
import { GuestConsole } from './support/guest-console';

const PROMPT = /\/ # /;

describe('Debian userland programs in the guest', () => {
  let img: UserlandImages;
  beforeAll(async () => {
    img = await ensureUserland(['7zip', 'sysbench']); // downloads on the first run (one line per package)
  }, 600_000);

  it('runs 7-Zip\'s benchmark and sysbench cpu with fixed work', async () => {
    const g = new GuestConsole(['--kernel', img.kernel, '--initrd', img.initrd, '--mem', '256M', '--timeout', '170',
      '--append', 'console=ttyS0 rvisor.modules=none']);
    try {
      await g.waitFor(/rvisor: initramfs ready/, 60_000);
      await g.waitFor(PROMPT, 30_000);
      // -md18: a 256 KiB dictionary, so one compression pass is small (-mtic=20: one pass each way)
      const z = await g.sh('7z b -mmt1 -md18 -mtic=20; echo status=$?', 120_000);
      expect(z).toMatch(/^7-Zip 25\.\d+ \(riscv64\)/m);
      expect(z).toMatch(/^Tot:\s+\d+\s+\d+\s+\d+\s*$/m);
      expect(z).not.toMatch(/ERROR|Error/);
      expect(z).toMatch(/status=0/);
      const s = await g.sh('sysbench cpu --threads=1 --events=50 --time=0 run; echo status=$?', 60_000);
      expect(s).toMatch(/total number of events:\s+50\s/);
      expect(s).toMatch(/events per second:\s+\d+\.\d+/);
      expect(s).toMatch(/status=0/);
      // poweroff execs a new process: a kernel whose memory the programs' run corrupted (stale
      // shadow translations, once) oopses here instead, and waitFor shows the oops
      g.send('poweroff -f');
      await g.waitFor(/reboot: Power down/, 30_000);
      expect(g.output).not.toMatch(/Oops|BUG:|Kernel panic/);
      expect(await g.exited).toBe(0);
    } finally {
      g.kill();
    }
  }, 180_000);
});
