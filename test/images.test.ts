// The Debian guest images (src/node/images/, roms/README.md): module planning and apt-source
// parsing on their own, then the real thing: ensureGuestImages() downloads Debian's kernel,
// busybox, OpenSBI and U-Boot on the first run (about 115 MB, then cached in ~/.cache/rvisor),
// and the files are checked and booted on QEMU. When the download is impossible the suite fails
// with the reason; it does not skip.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCpio, S_IFCHR, S_IFMT, S_IFREG } from '../src/loader/cpio';
import {
  depmodFiles,
  ensureGuestImages,
  hostDebianMirror,
  INITRAMFS_READY_MARKER,
  makeInitramfs,
  moduleInfo,
  moduleLoadOrder,
  parseDeb822Sources,
  parseModuleIndex,
  parseOneLineSources,
  readModinfo,
  type GuestImages,
} from '../src/node/images';

const enc = new TextEncoder();
const dec = new TextDecoder();
const temps: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'rvisor-images-'));
  temps.push(d);
  return d;
};
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

const isElf = (b: Uint8Array) => b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46;
const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);

describe('kernel module planning', () => {
  // A made-up kernel: ext4 needs jbd2, mbcache, crc16 and softly crypto-crc32c (an alias);
  // jbd2 softly wants crc32c too; virtio_net needs net_failover, which needs failover.
  const mods = [
    moduleInfo('kernel/fs/ext4/ext4.ko.xz', [['depends', 'jbd2,mbcache,crc16'], ['softdep', 'pre: crypto-crc32c'], ['alias', 'fs-ext4'], ['name', 'ext4']]),
    moduleInfo('kernel/fs/jbd2/jbd2.ko.xz', [['depends', ''], ['softdep', 'pre: crypto-crc32c'], ['name', 'jbd2']]),
    moduleInfo('kernel/fs/mbcache.ko.xz', [['depends', ''], ['name', 'mbcache']]),
    moduleInfo('kernel/lib/crc16.ko.xz', [['depends', ''], ['name', 'crc16']]),
    moduleInfo('kernel/crypto/crc32c_generic.ko.xz', [['alias', 'crypto-crc32c'], ['alias', 'crc32c'], ['depends', ''], ['name', 'crc32c_generic']]),
    moduleInfo('kernel/drivers/net/virtio_net.ko.xz', [['alias', 'virtio:d00000001v*'], ['depends', 'net_failover'], ['name', 'virtio_net']]),
    moduleInfo('kernel/drivers/net/net_failover.ko.xz', [['depends', 'failover'], ['name', 'net_failover']]),
    moduleInfo('kernel/net/core/failover.ko.xz', [['depends', ''], ['name', 'failover']]),
    moduleInfo('kernel/drivers/char/hw_random/virtio-rng.ko.xz', [['depends', ''], ['softdep', 'post: not-there']]),
    moduleInfo('kernel/drivers/x/needs-builtin.ko.xz', [['depends', 'virtio'], ['softdep', 'pre: virtio']]),
  ];
  const files = depmodFiles(mods);
  const index = parseModuleIndex({ ...files, builtin: 'kernel/drivers/virtio/virtio.ko\n' });

  it('writes modules.dep, modules.alias and modules.softdep as depmod does', () => {
    expect(files.dep).toContain('kernel/fs/ext4/ext4.ko.xz: kernel/lib/crc16.ko.xz kernel/fs/mbcache.ko.xz kernel/fs/jbd2/jbd2.ko.xz\n');
    expect(files.dep).toContain('kernel/drivers/net/virtio_net.ko.xz: kernel/drivers/net/net_failover.ko.xz kernel/net/core/failover.ko.xz\n');
    expect(files.dep).toContain('kernel/lib/crc16.ko.xz:\n');
    expect(files.alias).toContain('alias crypto-crc32c crc32c_generic\n');
    expect(files.alias).toContain('alias virtio:d00000001v* virtio_net\n');
    expect(files.softdep).toContain('softdep ext4 pre: crypto-crc32c\n');
    expect(mods[8].name).toBe('virtio_rng'); // no name= field: from the file name, - as _
  });

  it('orders loads as modprobe would: soft pre-dependencies, dependencies, the module', () => {
    expect(moduleLoadOrder(index, ['ext4'])).toEqual([
      'kernel/crypto/crc32c_generic.ko.xz',
      'kernel/fs/jbd2/jbd2.ko.xz',
      'kernel/fs/mbcache.ko.xz',
      'kernel/lib/crc16.ko.xz',
      'kernel/fs/ext4/ext4.ko.xz',
    ]);
    expect(moduleLoadOrder(index, ['virtio-net', 'fs-ext4']).slice(0, 3)).toEqual([
      'kernel/net/core/failover.ko.xz',
      'kernel/drivers/net/net_failover.ko.xz',
      'kernel/drivers/net/virtio_net.ko.xz',
    ]);
    expect(moduleLoadOrder(index, ['virtio:d00000001v00001AF4'])).toHaveLength(3); // a device alias (glob)
    expect(moduleLoadOrder(index, ['virtio_rng'])).toEqual(['kernel/drivers/char/hw_random/virtio-rng.ko.xz']);
    expect(moduleLoadOrder(index, ['needs-builtin'])).toEqual(['kernel/drivers/x/needs-builtin.ko.xz']);
    expect(moduleLoadOrder(index, ['virtio'])).toEqual([]); // built in
    expect(() => moduleLoadOrder(index, ['no_such_module'])).toThrow(/no kernel module or alias/);
  });

  it('reads .modinfo from an ELF module', () => {
    // a minimal ELF64 relocatable: null section, .modinfo, .shstrtab
    const modinfo = enc.encode('license=GPL\0depends=a,b\0name=demo\0vermagic=6.12.0 SMP\0');
    const shstr = enc.encode('\0.modinfo\0.shstrtab\0');
    const shoff = 64 + modinfo.length + shstr.length + 7 & ~7;
    const elf = new Uint8Array(shoff + 3 * 64);
    const dv = new DataView(elf.buffer);
    elf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
    dv.setUint16(16, 1, true); // ET_REL
    dv.setUint16(18, 243, true); // EM_RISCV
    dv.setBigUint64(0x28, BigInt(shoff), true);
    dv.setUint16(0x3a, 64, true);
    dv.setUint16(0x3c, 3, true);
    dv.setUint16(0x3e, 2, true);
    elf.set(modinfo, 64);
    elf.set(shstr, 64 + modinfo.length);
    const sh = (i: number, name: number, type: number, off: number, size: number) => {
      dv.setUint32(shoff + 64 * i, name, true);
      dv.setUint32(shoff + 64 * i + 4, type, true);
      dv.setBigUint64(shoff + 64 * i + 0x18, BigInt(off), true);
      dv.setBigUint64(shoff + 64 * i + 0x20, BigInt(size), true);
    };
    sh(1, 1, 1, 64, modinfo.length);
    sh(2, 10, 3, 64 + modinfo.length, shstr.length);
    const info = moduleInfo('kernel/demo.ko', readModinfo(elf));
    expect(info).toMatchObject({ name: 'demo', depends: ['a', 'b'], path: 'kernel/demo.ko' });
  });

  it('makes an initramfs whose /init loads the groups and prints the marker', () => {
    const img = makeInitramfs({
      busybox: enc.encode('not really busybox'),
      kernelRelease: '6.12.0-test',
      modules: [{ path: 'kernel/lib/crc16.ko', data: enc.encode('x') }],
      groups: [{ name: 'crc16', paths: ['kernel/lib/crc16.ko'] }],
      modulesDep: 'kernel/lib/crc16.ko.xz:\nkernel/fs/ext4/ext4.ko.xz: kernel/lib/crc16.ko.xz\n',
    });
    const by = new Map(readCpio(img).map((e) => [e.name, e]));
    const init = dec.decode(by.get('init')!.data);
    expect(init.startsWith('#!/bin/busybox sh\n')).toBe(true);
    expect(init).toContain("load 'kernel/lib/crc16.ko'");
    expect(init).toContain(`echo "${INITRAMFS_READY_MARKER}"`);
    expect(dec.decode(by.get('lib/modules/6.12.0-test/modules.dep')!.data)).toBe('kernel/lib/crc16.ko:\n');
    expect(by.get('dev/console')!.mode & S_IFMT).toBe(S_IFCHR);
  });
});

describe('the mirror from the system apt sources', () => {
  it('parses deb822 and one-line sources', () => {
    const deb822 = parseDeb822Sources(
      [
        'Types: deb deb-src',
        '# a comment',
        'URIs: http://mirror.example/debian',
        'Suites: bookworm bookworm-updates',
        'Components: main contrib',
        'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg',
        '',
        'Types: deb',
        'URIs: http://mirror.example/other',
        'Suites: bookworm',
        'Components: main',
        'Enabled: no',
        '',
        'Types: deb',
        'URIs: http://mirror.example/inline',
        'Suites: trixie',
        'Components: main',
        'Signed-By:',
        ' -----BEGIN PGP PUBLIC KEY BLOCK-----',
        ' .',
        ' abc',
        ' -----END PGP PUBLIC KEY BLOCK-----',
      ].join('\n'),
    );
    expect(deb822).toHaveLength(2);
    expect(deb822[0]).toMatchObject({ types: ['deb', 'deb-src'], uris: ['http://mirror.example/debian'], suites: ['bookworm', 'bookworm-updates'], components: ['main', 'contrib'] });
    expect(deb822[0].signedBy).toBe('/usr/share/keyrings/debian-archive-keyring.gpg');
    expect(deb822[1].signedBy).toContain('\n .\n abc\n');
    const one = parseOneLineSources('# x\ndeb [arch=amd64 signed-by=/k.gpg] http://mirror.example/debian bookworm main # c\ndeb-src http://mirror.example/debian bookworm main\n');
    expect(one[0]).toMatchObject({ types: ['deb'], uris: ['http://mirror.example/debian'], suites: ['bookworm'], components: ['main'], signedBy: '/k.gpg' });
    expect(one[1].types).toEqual(['deb-src']);
  });

  it('takes the first release entry with main, not -security', () => {
    const etc = tempDir();
    mkdirSync(join(etc, 'sources.list.d'));
    writeFileSync(join(etc, 'sources.list'), 'deb http://mirror.example/debian-security bookworm-security main\n');
    writeFileSync(join(etc, 'sources.list.d', 'a.sources'), 'Types: deb\nURIs: http://mirror.example/debian\nSuites: bookworm\nComponents: main\nSigned-By: /k.gpg\n');
    writeFileSync(join(etc, 'sources.list.d', 'b.list.disabled'), 'deb http://mirror.example/nope bookworm main\n');
    const saved = process.env.RVISOR_DEBIAN_MIRROR;
    delete process.env.RVISOR_DEBIAN_MIRROR;
    try {
      expect(hostDebianMirror(etc)).toEqual({ uri: 'http://mirror.example/debian', signedBy: '/k.gpg' });
      expect(() => hostDebianMirror(join(etc, 'missing'))).toThrow(/RVISOR_DEBIAN_MIRROR/);
    } finally {
      if (saved !== undefined) process.env.RVISOR_DEBIAN_MIRROR = saved;
    }
  });
});

// ---------------------------------------------------------------------------------------------

/** The modules the default initramfs must carry (Debian 6.12's names and dependencies). */
const EXPECTED_MODULES = [
  'kernel/drivers/virtio/virtio_mmio.ko',
  'kernel/drivers/block/virtio_blk.ko',
  'kernel/net/core/failover.ko',
  'kernel/drivers/net/net_failover.ko',
  'kernel/drivers/net/virtio_net.ko',
  'kernel/drivers/char/hw_random/virtio-rng.ko',
  'kernel/crypto/crc32c_generic.ko',
  'kernel/fs/jbd2/jbd2.ko',
  'kernel/fs/mbcache.ko',
  'kernel/lib/crc16.ko',
  'kernel/fs/ext4/ext4.ko',
];

describe('Debian guest images (downloaded on the first run)', () => {
  // A failed download fails every test below with its reason (vitest would skip them if
  // beforeAll threw).
  let images: GuestImages | undefined;
  let failure: unknown;
  beforeAll(async () => {
    try {
      images = await ensureGuestImages();
    } catch (e) {
      failure = e;
    }
  }, 20 * 60_000);
  const guest = (): GuestImages => {
    if (failure !== undefined) throw failure;
    return images!;
  };

  it('downloads (first run) or finds them in the cache', () => {
    expect(guest().kernel).toMatch(/Image$/);
  });

  it('has the kernel Image with the RISC-V header', () => {
    const g = guest();
    const img = readFileSync(g.kernel);
    expect(img.length).toBeGreaterThan(8 << 20);
    expect(img.readBigUInt64LE(8)).toBe(0x20_0000n); // text_offset
    expect(img.subarray(0x38, 0x3c).toString('latin1')).toBe('RSC\x05');
    expect(img.readBigUInt64LE(16)).toBeGreaterThan(BigInt(img.length)); // image_size includes bss
    expect(g.kernelRelease).toMatch(/^6\.12\.\d+.*-riscv64$/);
    expect(g.packages.kernel.package).toBe(`linux-image-${g.kernelRelease}`);
  });

  it('has an initramfs: newc cpio, executable /init, busybox, the modules decompressed', () => {
    const g = guest();
    const entries = readCpio(readFileSync(g.initrd));
    const by = new Map(entries.map((e) => [e.name, e]));
    const init = by.get('init');
    expect(init, 'initramfs has no /init').toBeDefined();
    expect(init!.mode & S_IFMT).toBe(S_IFREG);
    expect(init!.mode & 0o111).toBe(0o111);
    const script = dec.decode(init!.data);
    expect(script.startsWith('#!/bin/busybox sh\n')).toBe(true);
    expect(script).toContain(INITRAMFS_READY_MARKER);
    const busybox = by.get('bin/busybox')!;
    expect(isElf(busybox.data) && u16(busybox.data, 18) === 243, 'bin/busybox is a RISC-V ELF').toBe(true);
    expect(by.get('dev/console')).toMatchObject({ rdevMajor: 5, rdevMinor: 1 });
    const base = `lib/modules/${g.kernelRelease}/`;
    for (const m of EXPECTED_MODULES) {
      const e = by.get(base + m);
      expect(e, `${m} missing from the initramfs`).toBeDefined();
      expect(isElf(e!.data), `${m} is not a decompressed ELF file`).toBe(true);
      const vermagic = readModinfo(e!.data).find(([k]) => k === 'vermagic')?.[1] ?? '';
      expect(vermagic.split(' ')[0]).toBe(g.kernelRelease);
    }
    // /init loads each module after what it needs
    const at = (m: string) => script.indexOf(`'${m}'`);
    for (const [before, after] of [
      ['kernel/fs/jbd2/jbd2.ko', 'kernel/fs/ext4/ext4.ko'],
      ['kernel/fs/mbcache.ko', 'kernel/fs/ext4/ext4.ko'],
      ['kernel/lib/crc16.ko', 'kernel/fs/ext4/ext4.ko'],
      ['kernel/crypto/crc32c_generic.ko', 'kernel/fs/ext4/ext4.ko'],
      ['kernel/net/core/failover.ko', 'kernel/drivers/net/net_failover.ko'],
      ['kernel/drivers/net/net_failover.ko', 'kernel/drivers/net/virtio_net.ko'],
    ]) {
      expect(at(before), before).toBeGreaterThan(0);
      expect(at(before), `${before} before ${after}`).toBeLessThan(at(after));
    }
  });

  it('has the modules folder with a modules.dep made from the modules', () => {
    const g = guest();
    const dep = readFileSync(join(g.modulesDir, 'modules.dep'), 'utf8');
    const ext4 = dep.split('\n').find((l) => l.startsWith('kernel/fs/ext4/ext4.ko.xz:'));
    expect(ext4).toBeDefined();
    for (const d of ['kernel/fs/jbd2/jbd2.ko.xz', 'kernel/fs/mbcache.ko.xz', 'kernel/lib/crc16.ko.xz']) expect(ext4).toContain(d);
    expect(dep.split('\n').length).toBeGreaterThan(1000);
    expect(readFileSync(join(g.modulesDir, 'modules.softdep'), 'utf8')).toMatch(/^softdep ext4 pre: crypto-crc32c$/m);
    expect(isElf(readFileSync(join(g.modulesDir, 'kernel/fs/ext4/ext4.ko')))).toBe(true);
  });

  it('has OpenSBI and U-Boot from bookworm', () => {
    const g = guest();
    for (const f of [g.opensbi.fw_dynamic_bin, g.opensbi.fw_jump_bin, g.uboot.mmode, g.uboot.smode]) expect(statSync(f).size, f).toBeGreaterThan(50_000);
    for (const f of [g.opensbi.fw_dynamic_elf, g.opensbi.fw_jump_elf, g.uboot.mmodeElf, g.uboot.smodeElf]) {
      const b = readFileSync(f);
      expect(isElf(b) && u16(b, 18) === 243, `${f} is a RISC-V ELF`).toBe(true);
    }
    expect(g.packages.opensbi).toMatchObject({ package: 'opensbi', suite: 'bookworm', architecture: 'all' });
    expect(g.packages.opensbi.version).toMatch(/^1\.1-/);
    expect(g.packages.uboot).toMatchObject({ package: 'u-boot-qemu', suite: 'bookworm' });
    expect(g.packages.busybox).toMatchObject({ package: 'busybox-static', suite: 'trixie', architecture: 'riscv64' });
  });

  it('records the SHA-256 of what it hands out, and a second call uses the cache', async () => {
    const g = guest();
    const manifest = JSON.parse(readFileSync(join(g.cacheDir, 'guests', 'manifest.json'), 'utf8'));
    const kernelRec = manifest.steps.kernel.files['kernel/Image'];
    expect(kernelRec.sha256).toBe(createHash('sha256').update(readFileSync(g.kernel)).digest('hex'));
    for (const p of Object.values(g.packages)) expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
    const lines: string[] = [];
    const again = await ensureGuestImages({ log: (l) => lines.push(l) });
    expect(again).toEqual(g);
    expect(lines).toEqual([]);
  });

  it('boots on QEMU to a shell that mounts an ext4 disk and powers off', async () => {
    const g = guest();
    const mke2fs = ['/usr/sbin/mke2fs', '/sbin/mke2fs'].find(existsSync) ?? 'mke2fs';
    const dir = tempDir();
    mkdirSync(join(dir, 'root'));
    writeFileSync(join(dir, 'root', 'hello.txt'), 'hello from ext4\n');
    const disk = join(dir, 'disk.img');
    const mk = spawnSync(mke2fs, ['-q', '-F', '-t', 'ext4', '-d', join(dir, 'root'), disk, '8M'], { encoding: 'utf8' });
    expect(mk.error ?? mk.status, `mke2fs (Debian package e2fsprogs) failed: ${mk.error ?? mk.stderr}`).toBe(0);

    const qemu = spawn('qemu-system-riscv64', [
      '-machine', 'virt', '-m', '256M', '-smp', '1', '-nographic', '-monitor', 'none', '-serial', 'stdio',
      '-bios', g.opensbi.fw_jump_bin, '-kernel', g.kernel, '-initrd', g.initrd, '-append', 'console=ttyS0',
      '-drive', `file=${disk},format=raw,if=none,id=d`, '-device', 'virtio-blk-device,drive=d',
    ], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    qemu.stdout.on('data', (b: Buffer) => (out += b.toString('latin1')));
    qemu.stderr.on('data', (b: Buffer) => (out += b.toString('latin1')));
    const exited = new Promise<number | null>((r) => qemu.on('close', (code) => r(code)));
    const waitFor = async (s: string, from: number, ms: number) => {
      const end = Date.now() + ms;
      while (!out.includes(s, from)) {
        if (Date.now() > end || qemu.exitCode !== null) throw new Error(`no "${s}" from the guest within ${ms / 1000} s; console:\n${out.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return out.indexOf(s, from) + s.length;
    };
    const run = async (cmd: string, expectText: string) => {
      const from = out.length;
      qemu.stdin.write(`${cmd}\n`);
      return waitFor(expectText, from, 60_000);
    };
    try {
      const t0 = Date.now();
      await waitFor(INITRAMFS_READY_MARKER, 0, 120_000);
      const bootMs = Date.now() - t0;
      await run('cat /proc/cpuinfo', 'mmu');
      await run('mount -t ext4 /dev/vda /mnt && cat /mnt/hello.txt', 'hello from ext4');
      qemu.stdin.write('poweroff -f\n');
      const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('timeout'), 30_000))]);
      expect(code, `QEMU did not power off; console:\n${out.slice(-2000)}`).toBe(0);
      expect(out).toContain('rv64');
      expect(bootMs).toBeGreaterThan(0);
    } finally {
      qemu.kill('SIGKILL');
    }
  }, 240_000);
});
