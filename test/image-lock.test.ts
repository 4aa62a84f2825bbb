// The disk image lock (src/node/image-lock.ts) on its own: one writer or many readers, entries of
// dead processes (a dead pid, another boot, a reused pid) recognised as stale and removed, live
// ones (or ones that cannot be judged) respected, the directory gone once the last holder leaves.
// Processes racing for one image are in test/reliability.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImageLock, ImageLockError, lockImage, holderAlive } from '../src/node/image-lock';
import { readOnlyDir } from './support/read-only-dir';

let dir = '';
let n = 0;
const image = () => { const p = join(dir, `disk${n++}.img`); writeFileSync(p, new Uint8Array(4096)); return p; };
const noNotice = (m: string) => { throw new Error(`unexpected notice: ${m}`); };
const acquire = (img: string, mode: 'read' | 'write') => ImageLock.acquire(img, mode, `disk ${img}`, noNotice);

// A pid that belonged to a process that has ended.
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  return r.pid!;
}

function entry(img: string, name: string, fields: Record<string, unknown> | string): void {
  mkdirSync(`${img}.lock`, { recursive: true });
  writeFileSync(join(`${img}.lock`, name), typeof fields === 'string' ? fields : JSON.stringify(fields));
}
const BOOT = existsSync('/proc/sys/kernel/random/boot_id');

beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'rvisor-lock-')); });
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('ImageLock', () => {
  it('one writer: a second writer or a reader is refused, naming the holder; released, the image is free', () => {
    const img = image();
    const w = acquire(img, 'write');
    expect(readdirSync(`${img}.lock`)).toEqual([expect.stringMatching(new RegExp(`^write-${process.pid}-[0-9a-f]+$`))]);
    expect(() => acquire(img, 'write')).toThrow(new RegExp(`in use: rvisor pid ${process.pid} is writing to it .*one writer at a time`));
    expect(() => acquire(img, 'read')).toThrow(/is writing to it.*a reader .* cannot share the image with a writer/);
    expect(readdirSync(`${img}.lock`)).toHaveLength(1); // the refused ones left nothing
    w.release();
    w.release(); // idempotent
    expect(existsSync(`${img}.lock`)).toBe(false);
    acquire(img, 'write').release();
  });

  it('many readers; a writer waits for the last of them', () => {
    const img = image();
    const r1 = acquire(img, 'read'), r2 = acquire(img, 'read');
    expect(() => acquire(img, 'write')).toThrow(ImageLockError);
    expect(() => acquire(img, 'write')).toThrow(/is reading it.*a writer needs the image to itself/);
    r1.release();
    expect(() => acquire(img, 'write')).toThrow(/is reading it/);
    r2.release();
    expect(existsSync(`${img}.lock`)).toBe(false);
    acquire(img, 'write').release();
  });

  it('entries of processes that are gone are stale and removed: a dead pid, a garbled entry of one, a temporary file', () => {
    const img = image();
    const dead = deadPid();
    entry(img, `write-${dead}-aaaa`, { pid: dead, host: hostname(), boot: '', start: '', mode: 'write', since: new Date().toISOString() });
    entry(img, `read-${dead}-bbbb`, 'garbage');
    entry(img, `.tmp-${dead}-cccc`, 'half written');
    const w = acquire(img, 'write');
    expect(readdirSync(`${img}.lock`)).toEqual([expect.stringMatching(/^write-/)]);
    w.release();
    expect(existsSync(`${img}.lock`)).toBe(false);
  });

  it.runIf(BOOT)('a pid reused after a crash, or an entry from before a reboot, is stale (Linux: start time and boot id)', () => {
    const img = image();
    const since = new Date().toISOString();
    // This process's pid, but a process that started at another time: the pid was reused.
    entry(img, `write-${process.pid}-dddd`, { pid: process.pid, host: hostname(), boot: '', start: '1', mode: 'write', since });
    // Another boot of this machine.
    entry(img, `write-${process.pid}-eeee`, { pid: process.pid, host: hostname(), boot: 'another-boot', start: '', mode: 'write', since });
    acquire(img, 'write').release();
    expect(existsSync(`${img}.lock`)).toBe(false);
  });

  it('live holders are respected: this process, an unreadable entry of a live pid, another host', () => {
    const img = image();
    entry(img, `write-${process.pid}-ffff`, 'not json');
    expect(() => acquire(img, 'read')).toThrow(new RegExp(`rvisor pid ${process.pid} is writing to it`));
    rmSync(`${img}.lock`, { recursive: true });
    entry(img, `read-1-abab`, { pid: 1, host: 'elsewhere', boot: 'x', start: '1', mode: 'read', since: '2020-01-01T00:00:00Z' });
    expect(() => acquire(img, 'write')).toThrow(/rvisor pid 1 on elsewhere is reading it/);
    expect(holderAlive({ pid: deadPid(), host: hostname(), boot: '', start: '', mode: 'read', since: '' })).toBe(false);
    expect(holderAlive({ pid: process.pid, host: hostname(), boot: '', start: '', mode: 'read', since: '' })).toBe(true);
  });

  it('something else named IMAGE.lock is not taken over', () => {
    const img = image();
    writeFileSync(`${img}.lock`, 'mine');
    expect(() => acquire(img, 'read')).toThrow(/is in the way of rvisor's lock directory/);
  });

  it('a directory where no lock can be made: a notice, and the image opens unlocked', () => {
    const sub = join(dir, 'ro');
    mkdirSync(sub);
    const img = join(sub, 'x.img');
    writeFileSync(img, '');
    const unlock = readOnlyDir(sub);
    const notices: string[] = [];
    try {
      ImageLock.acquire(img, 'read', 'disk x', (m) => notices.push(m)).release();
    } finally {
      unlock();
    }
    expect(notices).toEqual([expect.stringMatching(/disk x: cannot create the lock .*x\.img\.lock \((EACCES|EPERM)\); this run does not lock the image/)]);
  });
});

describe('lockImage (this process)', () => {
  it('refuses a second writer by device and inode, counts readers, releases with the last', () => {
    const img = image();
    const st = { dev: 1, ino: 42 };
    const a = lockImage(img, st, 'read', 'drive a', noNotice);
    const b = lockImage(img, st, 'read', 'drive b', noNotice);
    expect(() => lockImage(img, st, 'write', 'drive c', noNotice)).toThrow(/drive c: the same image is already read by drive a in this run/);
    a();
    a(); // once only
    expect(existsSync(`${img}.lock`)).toBe(true);
    b();
    expect(existsSync(`${img}.lock`)).toBe(false);
    const w = lockImage(img, st, 'write', 'drive d', noNotice);
    expect(() => lockImage(img, st, 'read', 'drive e', noNotice)).toThrow(/drive e: the same image is already written by drive d/);
    w();
  });
});
