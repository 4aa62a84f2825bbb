// Debian's own firmware and kernel on rvisor's virt machine: OpenSBI (fw_dynamic) boots the
// stock 6.12 kernel with rvisor's busybox initramfs to a shell; commands run; a file written to
// an ext4 disk on virtio-blk survives a guest reboot; poweroff ends rvisor with exit code 0;
// the guest pings a peer on the virtual switch through virtio-net.
// Debian's U-Boot reaches its prompt both as M-mode firmware and in S-mode under OpenSBI.
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureGuestImages } from '../src/node/images';
import { GuestConsole } from './support/guest-console';

const PROMPT = /\/ # /;

// The jit-off project (vitest.config.ts) boots once on the interpreter alone; the rest runs with
// the JIT, the default.
const JIT_OFF = process.env.RVISOR_JIT === 'off';

describe('Debian Linux, OpenSBI and U-Boot', () => {
  let disk = '';
  beforeAll(async () => {
    await ensureGuestImages(); // downloads on the first run (one progress line per step)
    const dir = mkdtempSync(join(tmpdir(), 'rvisor-linux-'));
    mkdirSync(join(dir, 'root'));
    writeFileSync(join(dir, 'root', 'from-host.txt'), 'made by mke2fs -d\n');
    disk = join(dir, 'disk.img');
    execFileSync('mke2fs', ['-q', '-t', 'ext4', '-d', join(dir, 'root'), disk, '16M']);
  }, 600_000);

  it('boots to the busybox shell, runs commands, keeps a file across a reboot, powers off', async () => {
    const g = new GuestConsole(['--bios', 'opensbi', '--kernel', 'debian', '--initrd', 'debian', '--mem', '256M',
      '--drive', `file=${disk},format=raw`, '--rng', '--timeout', '400',
      '--append', 'console=ttyS0 rvisor.modules=virtio_mmio,virtio_blk,virtio_rng,ext4']);
    try {
      await g.waitFor(/OpenSBI v1\.1/, 60_000);
      await g.waitFor(/rvisor: initramfs ready/, 240_000);
      await g.waitFor(PROMPT, 60_000);
      expect(await g.sh('uname -a')).toMatch(/Linux \S+ 6\.12\.\d+\+deb13-riscv64 .* riscv64/);
      const cpuinfo = await g.sh('cat /proc/cpuinfo');
      expect(cpuinfo).toMatch(/isa\s+: rv64imafdc/);
      expect(cpuinfo).toMatch(/mmu\s+: sv(39|48)/);
      const irqs = async () => {
        const text = await g.sh('cat /proc/interrupts');
        const count = (re: RegExp) => Number(text.split('\n').find((l) => re.test(l))?.trim().split(/\s+/)[1] ?? NaN);
        return { uart: count(/ttyS0|serial/), timer: count(/riscv-timer/) };
      };
      const before = await irqs();
      expect(before.uart).toBeGreaterThan(0);
      expect(before.timer).toBeGreaterThan(0);
      const after = await irqs();
      expect(after.uart).toBeGreaterThan(before.uart);
      expect(after.timer).toBeGreaterThan(before.timer);
      const token = `rvisor-${Date.now()}`;
      expect(await g.sh(`mount -t ext4 /dev/vda /mnt && cat /mnt/from-host.txt && echo ${token} > /mnt/hello && sync && umount /mnt && echo written`))
        .toMatch(/made by mke2fs -d[\s\S]*written/);
      g.send('reboot -f');
      await g.waitFor(/OpenSBI v1\.1/, 60_000); // a new machine starts
      await g.waitFor(/rvisor: initramfs ready/, 240_000);
      await g.waitFor(PROMPT, 60_000);
      expect(await g.sh('mount -t ext4 /dev/vda /mnt && cat /mnt/hello')).toContain(token);
      g.send('umount /mnt; poweroff -f');
      expect(await g.exited).toBe(0);
    } finally {
      g.kill();
    }
  }, 900_000);

  it.skipIf(JIT_OFF)('pings a peer through virtio-net; a snapshot=on disk keeps the host image unchanged; hvc0 prints', async () => {
    const hash = () => createHash('sha256').update(readFileSync(disk)).digest('hex');
    const before = hash();
    const g = new GuestConsole(['--bios', 'opensbi', '--kernel', 'debian', '--initrd', 'debian', '--mem', '256M',
      '--drive', `file=${disk},format=raw,snapshot=on`, '--rng', '--net', '--virtio-console', '--timeout', '300',
      '--append', 'console=ttyS0 rvisor.modules=virtio_mmio,virtio_blk,virtio_rng,virtio_net']);
    try {
      await g.waitFor(/rvisor: initramfs ready/, 240_000);
      await g.waitFor(PROMPT, 60_000);
      const out = await g.sh('ip link set eth0 up && ip addr add 10.0.2.15/24 dev eth0 && ping -c 3 10.0.2.2');
      expect(out).toMatch(/3 packets transmitted, 3 packets received, 0% packet loss/);
      // The guest sees its own write to the disk...
      expect(await g.sh('echo snapshot-write | dd of=/dev/vda bs=512 count=1 conv=sync 2>/dev/null; sync; ' +
        'echo 3 > /proc/sys/vm/drop_caches; dd if=/dev/vda bs=14 count=1 2>/dev/null; echo'))
        .toContain('snapshot-write');
      // The virtio console's output reaches the same terminal (the shell computes the text, so
      // it cannot come from the echo of the typed command).
      g.send('echo via-$((40+2))-hvc0 > /dev/hvc0');
      await g.waitFor(/via-42-hvc0/, 30_000);
      g.send('poweroff -f');
      expect(await g.exited).toBe(0);
    } finally {
      g.kill();
    }
    expect(hash()).toBe(before); // ...the host's image never does
  }, 600_000);

  it.skipIf(JIT_OFF)('brings up two harts with --smp 2', async () => {
    const g = new GuestConsole(['--bios', 'opensbi', '--kernel', 'debian', '--initrd', 'debian', '--mem', '256M', '--smp', '2',
      '--rng', '--timeout', '300', '--append', 'console=ttyS0 rvisor.modules=virtio_mmio,virtio_rng']);
    try {
      await g.waitFor(/smp: Brought up 1 node, 2 CPUs/, 240_000);
      await g.waitFor(/rvisor: initramfs ready/, 240_000);
      await g.waitFor(PROMPT, 60_000);
      expect((await g.sh('nproc')).trim()).toBe('2');
      g.send('poweroff -f');
      expect(await g.exited).toBe(0);
    } finally {
      g.kill();
    }
  }, 600_000);

  it.skipIf(JIT_OFF)('boots the kernel under OpenSBI fw_jump too', async () => {
    const { opensbi } = await ensureGuestImages();
    const g = new GuestConsole(['--bios', opensbi.fw_jump_bin, '--kernel', 'debian', '--initrd', 'debian', '--mem', '256M',
      '--rng', '--timeout', '300', '--append', 'console=ttyS0 rvisor.modules=none']);
    try {
      await g.waitFor(/Domain0 Next Address\s+: 0x0*80200000/, 60_000);
      await g.waitFor(/rvisor: initramfs ready/, 240_000);
      await g.waitFor(PROMPT, 60_000);
      g.send('poweroff -f');
      expect(await g.exited).toBe(0);
    } finally {
      g.kill();
    }
  }, 600_000);

  it.skipIf(JIT_OFF)('runs U-Boot as M-mode firmware to its prompt', async () => {
    const g = new GuestConsole(['--bios', 'u-boot', '--rng', '--timeout', '120']);
    try {
      await g.waitFor(/=> /, 90_000);
      g.send('version');
      await g.waitFor(/U-Boot 2023\.01/, 30_000);
      g.send('virtio scan; virtio info; echo scanned');
      await g.waitFor(/\nscanned/, 30_000);
    } finally {
      g.kill();
    }
  }, 180_000);

  it.skipIf(JIT_OFF)('runs U-Boot in S-mode under OpenSBI to its prompt', async () => {
    const g = new GuestConsole(['--bios', 'opensbi', '--kernel', 'u-boot', '--timeout', '120']);
    try {
      await g.waitFor(/OpenSBI v1\.1/, 60_000);
      await g.waitFor(/=> /, 90_000);
      g.send('version');
      await g.waitFor(/U-Boot 2023\.01/, 30_000);
    } finally {
      g.kill();
    }
  }, 180_000);
});
