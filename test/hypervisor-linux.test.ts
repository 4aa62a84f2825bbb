// The hypervisor running Debian's own guests in trap mode (no firmware: rvisor is the SBI):
// the stock 6.12 kernel and busybox initramfs pass the same commands as on the bare machine,
// with two harts too and with the write-protect coherence method; U-Boot's S-mode build reaches
// its prompt; two Linux guests time-share the core, each runs a workload on its own disk, and
// one pings the other over the virtual switch.
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureGuestImages } from '../src/node/images';
import { GuestConsole, SocketConsole } from './support/guest-console';

const PROMPT = /\/ # /;

function ext4(dir: string, name: string, file: string, text: string): string {
  const root = join(dir, `${name}-root`);
  mkdirSync(root);
  writeFileSync(join(root, file), text);
  const img = join(dir, `${name}.img`);
  execFileSync('mke2fs', ['-q', '-t', 'ext4', '-d', root, img, '16M']);
  return img;
}

describe('trap mode: Debian guests under the hypervisor', () => {
  let dir = '';
  beforeAll(async () => {
    await ensureGuestImages();
    dir = mkdtempSync(join(tmpdir(), 'rvisor-hv-'));
  }, 600_000);

  it('boots Linux to the shell, runs commands, keeps a file across a reboot, powers off through SBI', async () => {
    const disk = ext4(dir, 'one', 'from-host.txt', 'made by mke2fs -d\n');
    const stats = join(dir, 'stats.json');
    const g = new GuestConsole(['--kernel', 'debian', '--initrd', 'debian', '--mem', '256M',
      '--drive', `file=${disk},format=raw`, '--rng', '--timeout', '400', '--stats-json', stats,
      '--append', 'console=ttyS0 rvisor.modules=virtio_mmio,virtio_blk,virtio_rng,ext4']);
    try {
      await g.waitFor(/SBI specification v2\.0 detected/, 60_000);
      await g.waitFor(/rvisor: initramfs ready/, 240_000);
      await g.waitFor(PROMPT, 60_000);
      expect(g.output).not.toContain('OpenSBI'); // no firmware ran
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
      const after = await irqs();
      expect(after.uart).toBeGreaterThan(before.uart);
      expect(after.timer).toBeGreaterThan(before.timer);
      // user processes fork, fault pages in and use FP: exercised by awk
      expect(await g.sh('date +%Y')).toMatch(/20\d\d/); // the vDSO reads time from guest U
      expect(await g.sh("awk 'BEGIN { s = 0; for (i = 1; i <= 1000; i++) s += 1 / i; printf \"%.6f\\n\", s }'")).toContain('7.485471');
      const token = `rvisor-${Date.now()}`;
      expect(await g.sh(`mount -t ext4 /dev/vda /mnt && cat /mnt/from-host.txt && echo ${token} > /mnt/hello && sync && umount /mnt && echo written`))
        .toMatch(/made by mke2fs -d[\s\S]*written/);
      g.send('reboot -f');
      await g.waitFor(/SBI specification v2\.0 detected/, 60_000); // a new machine starts
      await g.waitFor(/rvisor: initramfs ready/, 240_000);
      await g.waitFor(PROMPT, 60_000);
      expect(await g.sh('mount -t ext4 /dev/vda /mnt && cat /mnt/hello')).toContain(token);
      g.send('umount /mnt; poweroff -f');
      expect(await g.exited).toBe(0);
    } finally {
      g.kill();
    }
    // The run's figures show the hypervisor at work.
    const s = JSON.parse(readFileSync(stats, 'utf8'));
    expect(s.mode).toBe('trap');
    // Sstc: the guest programs its timer through stimecmp (emulated in wasm), never SBI set_timer
    expect(s.hv.exits['csr.stimecmp']).toBeGreaterThan(10);
    expect(s.hv.exits['sbi.time']).toBeUndefined();
    expect(s.hv.exits['sbi.base']).toBeGreaterThan(0);
    expect(s.hv.exits['csr.satp']).toBeGreaterThan(0);
    expect(s.hv.exits.sret).toBeGreaterThan(100);
    expect((s.hv.exits['sfence.vma.addr'] ?? 0) + (s.hv.exits['sfence.vma.all'] ?? 0)).toBeGreaterThan(0);
    expect(s.hv.reflected['8']).toBeGreaterThan(100); // system calls from guest U
    expect((s.hv.reflected['13'] ?? 0) + (s.hv.reflected['15'] ?? 0)).toBeGreaterThan(10); // demand paging in the guest
    expect(s.hv.interrupts['5']).toBeGreaterThan(10); // virtual timer interrupts all the same
    expect(s.hv.shadowFills).toBeGreaterThan(1000);
    expect(s.tlbHitRate).toBeGreaterThan(0.9); // the shadow sets absorb almost every access
    expect(s.tlbHitRate).toBeLessThan(1);
    expect(s.hv.rootHits).toBeGreaterThan(10); // shadow roots reused across guest context switches
  }, 900_000);

  it('starts a second vCPU through SBI HSM (--smp 2) and boots with write-protect coherence', async () => {
    const g = new GuestConsole(['--kernel', 'debian', '--initrd', 'debian', '--mem', '256M', '--smp', '2', '--coherence', 'wp',
      '--timeout', '300', '--append', 'console=ttyS0 rvisor.modules=none', '--stats-json', join(dir, 'wp.json')]);
    try {
      await g.waitFor(/smp: Brought up 1 node, 2 CPUs/, 240_000);
      await g.waitFor(PROMPT, 120_000);
      expect((await g.sh('nproc')).trim()).toBe('2');
      expect(await g.sh('for i in 1 2 3 4; do (echo $((i*i)) > /tmp/$i) & done; wait; cat /tmp/1 /tmp/2 /tmp/3 /tmp/4 | tr "\\n" " "; echo')).toContain('1 4 9 16');
      g.send('poweroff -f');
      expect(await g.exited).toBe(0);
    } finally {
      g.kill();
    }
    const s = JSON.parse(readFileSync(join(dir, 'wp.json'), 'utf8'));
    expect(s.hv.exits['sbi.hsm']).toBeGreaterThan(0);
    expect(s.hv.ptWrites).toBeGreaterThan(100); // the page-table write protection did the work
  }, 600_000);

  it('runs U-Boot S-mode as a guest to its prompt', async () => {
    const g = new GuestConsole(['--kernel', 'u-boot', '--timeout', '120']);
    try {
      await g.waitFor(/=> /, 90_000);
      g.send('version');
      await g.waitFor(/U-Boot 2023\.01/, 30_000);
    } finally {
      g.kill();
    }
  }, 180_000);

  it('time-slices two Linux guests: each runs a workload on its own disk, one pings the other, one reboots', async () => {
    const diskA = ext4(dir, 'a', 'who', 'disk-a\n');
    const diskB = ext4(dir, 'b', 'who', 'disk-b\n');
    const runDir = mkdtempSync(join(tmpdir(), 'rvisor-run-'));
    const append = 'console=ttyS0 rvisor.modules=virtio_mmio,virtio_blk,virtio_net,ext4';
    const guest = (name: string, disk: string, console: string) => ({
      name, kernel: 'debian', initrd: 'debian', mem: '192M', append, drives: [`file=${disk}`], net: true, console,
    });
    const config = join(dir, 'guests.json');
    writeFileSync(config, JSON.stringify({ quantumMs: 5, guests: [guest('a', diskA, 'prefix'), guest('b', diskB, 'socket')] }));
    const stats = join(dir, 'two.json');
    const a = new GuestConsole(['--config', config, '--timeout', '600', '--stats-json', stats], { prefix: 'a| ', env: { ...process.env, RVISOR_RUN_DIR: runDir } });
    let b: SocketConsole | null = null;
    try {
      b = await SocketConsole.open(join(runDir, 'b.sock'), 30_000);
      await Promise.all([a.waitFor(/rvisor: initramfs ready/, 400_000), b.waitFor(/rvisor: initramfs ready/, 400_000)]);
      await Promise.all([a.waitFor(PROMPT, 60_000), b.waitFor(PROMPT, 60_000)]);
      // Arithmetic and file I/O in both guests at once, each on its own disk.
      const work = 'mount -t ext4 /dev/vda /mnt && cat /mnt/who && i=0 && while [ $i -lt 300 ]; do echo $((i*i+7)) >> /mnt/log; i=$((i+1)); done && ' +
        'sync && wc -l < /mnt/log && tail -n 1 /mnt/log && umount /mnt';
      const [outA, outB] = await Promise.all([a.sh(work, 300_000), b.sh(work, 300_000)]);
      expect(outA).toMatch(/disk-a\s+300\s+89408/);
      expect(outB).toMatch(/disk-b\s+300\s+89408/);
      await Promise.all([
        a.sh('ip link set eth0 up && ip addr add 10.0.2.15/24 dev eth0 && echo up'),
        b.sh('ip link set eth0 up && ip addr add 10.0.2.16/24 dev eth0 && echo up'),
      ]);
      expect(await a.sh('ping -c 3 10.0.2.16')).toMatch(/3 packets transmitted, 3 packets received, 0% packet loss/);
      // A guest that reboots is made afresh in place (same disk: its file is still there).
      b.send('reboot -f');
      await b.waitFor(/rvisor: initramfs ready/, 300_000);
      await b.waitFor(PROMPT, 60_000);
      expect(await b.sh('mount -t ext4 /dev/vda /mnt && wc -l < /mnt/log && umount /mnt', 120_000)).toMatch(/^\s*300\s*$/m);
      b.send('poweroff -f'); // one guest ends; the other goes on
      await a.waitFor(PROMPT, 1000).catch(() => {});
      expect((await a.sh('echo still-$((6*7))'))).toContain('still-42');
      a.send('poweroff -f');
      expect(await a.exited).toBe(0);
    } finally {
      b?.close();
      a.kill();
    }
    expect(a.stderr).toMatch(/guest b: reboot\n/);
    expect(a.stderr).toMatch(/guest b: poweroff \(exit 0\)/);
    const s = JSON.parse(readFileSync(stats, 'utf8'));
    expect(s.guests.a.hv.guestSwitches).toBeGreaterThan(10);
    expect(s.guests.b.hv.exits['mmio.virtio-net']).toBeGreaterThan(0);
    expect(s.guestSwitches).toBeGreaterThan(10);
  }, 900_000);
});
