// An xv6-style virtio disk driver (roms/xv6-virtio: feature word 0 only, so VERSION_1 is never
// accepted, on the modern virtio-mmio transport) run on rvisor and on QEMU 7.2 exactly as
// xv6-riscv's Makefile runs xv6 (-bios none, 128 MiB, force-legacy=false, the disk on
// virtio-mmio-bus.0). Both must print the same console (negotiation, every request's status
// and used length, interrupts, checksums of what was read) and leave the same disk image.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, RVISOR_CLI } from './support/run-emulators';

const ELF = join(REPO_ROOT, 'roms/xv6-virtio/virtio-disk.elf');
const SECTORS = 128;

interface Run { code: number | null; out: string; err: string }

function run(cmd: string, args: string[], timeoutMs: number): Promise<Run> {
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); rej(new Error(`cannot start ${cmd}: ${e.message}`)); });
    child.on('close', (code) => { clearTimeout(timer); res({ code, out: out.replace(/\r/g, ''), err }); });
  });
}

// FNV-1a, as the guest prints it
function fnv(b: Uint8Array): string {
  let h = 2166136261;
  for (const x of b) h = Math.imul(h ^ x, 16777619) >>> 0;
  return '0x' + h.toString(16).padStart(8, '0');
}

const dir = mkdtempSync(join(tmpdir(), 'rvisor-xv6-virtio-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an xv6-style virtio disk driver (feature word 0 only)', () => {
  it('negotiates, reads and writes sectors on rvisor as on QEMU: same console, same disk afterwards', async () => {
    const image = Uint8Array.from({ length: SECTORS * 512 }, (_, i) => (i * 31 + (i >> 9)) & 0xff);
    const base = join(dir, 'base.img');
    writeFileSync(base, image);
    const disks = { rvisor: join(dir, 'rvisor.img'), qemu: join(dir, 'qemu.img') };
    copyFileSync(base, disks.rvisor);
    copyFileSync(base, disks.qemu);

    const [r, q] = await Promise.all([
      run(process.execPath, [RVISOR_CLI, 'run', '--bios', 'none', '--mem', '128M', '--drive', `file=${disks.rvisor},format=raw`,
        '--kernel', ELF, '--timeout', '60'], 90_000),
      run('qemu-system-riscv64', ['-machine', 'virt', '-bios', 'none', '-m', '128M', '-nographic',
        '-global', 'virtio-mmio.force-legacy=false',
        '-drive', `file=${disks.qemu},if=none,format=raw,id=x0`, '-device', 'virtio-blk-device,drive=x0,bus=virtio-mmio-bus.0',
        '-kernel', ELF], 90_000),
    ]);
    const both = `--- rvisor (exit ${r.code})\n${r.out}${r.err}\n--- qemu (exit ${q.code})\n${q.out}${q.err}`;
    expect(q.out, both).toContain('xv6-virtio: PASS');
    expect(q.code, both).toBe(0);
    expect(r.err, both).toBe('');
    expect(r.out, both).toBe(q.out);
    expect(r.code, both).toBe(0);

    // What both must have said, from the image itself (so the comparison is not vacuous).
    const written1 = Uint8Array.from({ length: 1024 }, (_, i) => (i * 7 + 3) & 0xff);
    const lastSector = Uint8Array.from({ length: 512 }, (_, i) => (0xa5 ^ i) & 0xff);
    for (const line of [
      'slot 0: magic 0x74726976 version 2 device 2 vendor 0x554d4551',
      'slot 7: magic 0x74726976 version 2 device 0 vendor 0x554d4551',
      'status after FEATURES_OK: 0x0b',
      'status after DRIVER_OK: 0x0f',
      `capacity: ${SECTORS} sectors`,
      'read block 0: irq claim 1 isr 1',
      'read block 0: status 0 len 1025',
      `block 0: fnv ${fnv(image.subarray(0, 1024))}`,
      `block 1: fnv ${fnv(written1)}`,
      'read past the end: status 1 len 1025',
      'flush: status 0 len 1',
      'unknown request: status 2 len 513',
      'two at once: 2 used, status 0 and 0',
      `last block: fnv ${fnv(Uint8Array.from([...image.subarray((SECTORS - 2) * 512, (SECTORS - 1) * 512), ...lastSector]))}`,
      'after reset: status 0 queue ready 0',
    ]) expect(r.out, both).toContain(line);

    const after = { rvisor: readFileSync(disks.rvisor), qemu: readFileSync(disks.qemu) };
    expect(Buffer.compare(after.rvisor, after.qemu), 'the disk images differ').toBe(0);
    const expected = Uint8Array.from(image);
    expected.set(written1, 2 * 512);
    expected.set(lastSector, (SECTORS - 1) * 512);
    expect(Buffer.compare(after.rvisor, expected), 'the disk image is not what the driver wrote').toBe(0);
  }, 120_000);
});
