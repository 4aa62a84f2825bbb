// The cpio "newc" writer (src/loader/cpio.ts): byte layout, round trip through its reader, and,
// when the system has GNU cpio or bsdcpio, extraction by that independent implementation.
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CpioError, CpioWriter, readCpio, S_IFBLK, S_IFCHR, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from '../src/loader/cpio';

const enc = new TextEncoder();
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** An archive with every kind of entry and file sizes 0…9 (every padding case). */
function sample(withDevices = true): CpioWriter {
  const w = new CpioWriter();
  w.dir('etc').dir('/root/', 0o700);
  w.file('init', enc.encode('#!/bin/sh\necho hi\n'), 0o755);
  for (let n = 0; n < 10; n++) w.file(`data/size${n}`, Uint8Array.from({ length: n }, (_, i) => 0x41 + i));
  w.file('a/deeply/nested/file.txt', enc.encode('nested'));
  w.symlink('bin/sh', 'busybox');
  w.symlink('etc/abs-link', '/init');
  w.file('bin/busybox', new Uint8Array(4097).fill(0xee), 0o755);
  w.dir('tmp', 0o1777);
  if (withDevices) {
    w.device('dev/console', 0o600, 5, 1, 'c');
    w.device('dev/vda', 0o660, 254, 0, 'b');
  }
  return w;
}

describe('CpioWriter', () => {
  it('writes newc headers, 4-byte padding and the trailer', () => {
    const a = new CpioWriter().file('x', enc.encode('abc')).finish();
    // header (110) + "x\0" (2) = 112; data 3 → padded to 4; trailer header + "TRAILER!!!\0" (11) → 124
    expect(a.length).toBe(112 + 4 + 124);
    expect(text(a.subarray(0, 6))).toBe('070701');
    const field = (at: number, i: number) => parseInt(text(a.subarray(at + 6 + 8 * i, at + 14 + 8 * i)), 16);
    expect(field(0, 0)).toBe(1); // ino
    expect(field(0, 1)).toBe(S_IFREG | 0o644); // mode
    expect(field(0, 4)).toBe(1); // nlink
    expect(field(0, 5)).toBe(0); // mtime
    expect(field(0, 6)).toBe(3); // filesize
    expect(field(0, 11)).toBe(2); // namesize with the NUL
    expect(text(a.subarray(112, 115))).toBe('abc');
    expect(a[115]).toBe(0);
    expect(text(a.subarray(116, 122))).toBe('070701');
    expect(text(a.subarray(116 + 110, 116 + 120))).toBe('TRAILER!!!');
    expect(field(116, 4)).toBe(1); // the trailer's nlink, as GNU cpio writes it
    expect(a.length % 4).toBe(0);
  });

  it('round-trips every kind of entry through readCpio', () => {
    const entries = readCpio(sample().finish());
    const by = new Map(entries.map((e) => [e.name, e]));
    // implicit parents come before their contents
    const names = entries.map((e) => e.name);
    for (const e of entries) {
      const slash = e.name.lastIndexOf('/');
      if (slash > 0) expect(names.indexOf(e.name.slice(0, slash)), e.name).toBeLessThan(names.indexOf(e.name));
    }
    expect(by.get('a')!.mode).toBe(S_IFDIR | 0o755);
    expect(by.get('a/deeply/nested')!.mode & S_IFMT).toBe(S_IFDIR);
    expect(by.get('root')!.mode).toBe(S_IFDIR | 0o700);
    expect(by.get('tmp')!.mode).toBe(S_IFDIR | 0o1777);
    expect(by.get('init')!.mode).toBe(S_IFREG | 0o755);
    expect(text(by.get('init')!.data)).toBe('#!/bin/sh\necho hi\n');
    for (let n = 0; n < 10; n++) expect(Array.from(by.get(`data/size${n}`)!.data)).toEqual(Array.from({ length: n }, (_, i) => 0x41 + i));
    expect(by.get('bin/busybox')!.data.length).toBe(4097);
    expect(by.get('bin/sh')!.mode).toBe(S_IFLNK | 0o777);
    expect(text(by.get('bin/sh')!.data)).toBe('busybox');
    expect(text(by.get('etc/abs-link')!.data)).toBe('/init');
    const con = by.get('dev/console')!;
    expect([con.mode, con.rdevMajor, con.rdevMinor]).toEqual([S_IFCHR | 0o600, 5, 1]);
    const vda = by.get('dev/vda')!;
    expect([vda.mode, vda.rdevMajor, vda.rdevMinor]).toEqual([S_IFBLK | 0o660, 254, 0]);
    // inode numbers distinct, root-owned, dated 0; directories have nlink 2
    expect(new Set(entries.map((e) => e.ino)).size).toBe(entries.length);
    for (const e of entries) {
      expect([e.uid, e.gid, e.mtime]).toEqual([0, 0, 0]);
      expect(e.nlink).toBe((e.mode & S_IFMT) === S_IFDIR ? 2 : 1);
    }
  });

  it('is deterministic', () => {
    expect(Buffer.from(sample().finish()).equals(Buffer.from(sample().finish()))).toBe(true);
  });

  it('rejects bad input', () => {
    expect(() => new CpioWriter().file('x', new Uint8Array(1)).file('/x', new Uint8Array(1))).toThrow(CpioError);
    expect(() => new CpioWriter().file('a/../b', new Uint8Array(1))).toThrow(/\.\./);
    expect(() => new CpioWriter().file('/', new Uint8Array(1))).toThrow(CpioError);
    expect(() => new CpioWriter().file('f', new Uint8Array(1)).file('f/g', new Uint8Array(1))).toThrow(/not a directory/);
    expect(() => new CpioWriter().file('x', new Uint8Array(0), 0o10000)).toThrow(/mode/);
    expect(() => new CpioWriter().symlink('l', '')).toThrow(CpioError);
    expect(() => new CpioWriter().file('TRAILER!!!', new Uint8Array(0))).toThrow(CpioError);
    const w = new CpioWriter();
    w.finish();
    expect(() => w.finish()).toThrow(CpioError);
    expect(() => w.dir('late')).toThrow(CpioError);
    // adding an existing directory again is fine
    expect(() => new CpioWriter().dir('d').file('d/x', new Uint8Array(0)).dir('d')).not.toThrow();
  });

  it('readCpio rejects damaged archives', () => {
    const a = sample().finish();
    expect(() => readCpio(a.subarray(0, a.length - 130))).toThrow(CpioError);
    const bad = a.slice();
    bad[0] = 0x39;
    expect(() => readCpio(bad)).toThrow(/no newc header/);
  });
});

// ---------------------------------------------------------------------------------------------
// An independent extractor: GNU cpio (scripts/ensure-tools.mjs installs it) or libarchive's
// bsdcpio. Device nodes are left out so that extraction works without root.

function findTool(): string | undefined {
  for (const tool of ['cpio', 'bsdcpio']) {
    for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir && existsSync(join(dir, tool))) return tool;
  }
  return undefined;
}
const tool = findTool();
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe(`extraction by the system's ${tool ?? 'cpio'}`, () => {
  it('gives the same tree', () => {
    expect(tool, 'no cpio on PATH: run node scripts/ensure-tools.mjs').toBeDefined();
    const out = mkdtempSync(join(tmpdir(), 'rvisor-cpio-'));
    dirs.push(out);
    const r = spawnSync(tool!, ['-idm', '--quiet'], { cwd: out, input: sample(false).finish(), encoding: 'utf8' });
    expect(r.status, `${tool}: ${r.stderr}`).toBe(0);
    expect(readFileSync(join(out, 'init'), 'utf8')).toBe('#!/bin/sh\necho hi\n');
    expect(statSync(join(out, 'init')).mode & 0o7777).toBe(0o755);
    for (let n = 0; n < 10; n++) expect(statSync(join(out, `data/size${n}`)).size).toBe(n);
    expect(readFileSync(join(out, 'a/deeply/nested/file.txt'), 'utf8')).toBe('nested');
    expect(readFileSync(join(out, 'bin/busybox')).length).toBe(4097);
    expect(lstatSync(join(out, 'bin/sh')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(out, 'bin/sh'))).toBe('busybox');
    expect(statSync(join(out, 'root')).mode & 0o7777).toBe(0o700);
    expect(statSync(join(out, 'init')).mtimeMs).toBe(0);
  });
});
