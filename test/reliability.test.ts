// Issue 13, "nothing lost, nothing silent": the `rvisor` command as a hostile but realistic user
// runs it. Disk images are locked (a second writer, here or in another process, is refused
// before anything runs, and the lock goes away at every exit); a closed stdout ends rvisor
// quietly; outputs are checked before the guest runs and replaced atomically; a broken --dtb is
// refused; contradictory options get one line; QEMU's habits (",," in a value, Ctrl-A on piped
// stdin) work; and no input reaches an "internal error" with a stack trace.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeElf, LOOP, FLOOD, ECHO } from './support/mini-elf';
import { readOnlyDir } from './support/read-only-dir';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist/cli.js');
const HELLO = join(ROOT, 'roms/demo/hello.elf');

interface Ran { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

function rvisor(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): Ran {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', input: opts.input ?? '', timeout: 30_000, env: opts.env ?? process.env });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

// A process left running while the test does other things; killed after the test if it is
// still running (a failed expectation must not leave a guest looping forever).
const started: ChildProcess[] = [];
afterEach(() => {
  for (const p of started.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
});
function start(args: string[], opts: { env?: NodeJS.ProcessEnv } = {}): { proc: ChildProcess; done: Promise<Ran>; out: () => string } {
  const proc = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
  started.push(proc);
  let stdout = '', stderr = '';
  proc.stdout!.on('data', (b: Buffer) => { stdout += b.toString('latin1'); });
  proc.stderr!.on('data', (b: Buffer) => { stderr += b.toString('latin1'); });
  proc.stdout!.on('error', () => {});
  proc.stdin!.on('error', () => {});
  const done = new Promise<Ran>((resolve) => proc.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })));
  return { proc, done, out: () => stdout };
}

async function until(what: string, ok: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const lockEntries = (img: string) => (existsSync(`${img}.lock`) ? readdirSync(`${img}.lock`) : []);
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function expectOneLine(r: Ran, status: number, what: RegExp): void {
  expect(r.status, r.stderr).toBe(status);
  const lines = r.stderr.split('\n');
  expect(lines[lines.length - 1], 'stderr ends with a newline').toBe('');
  expect(lines.slice(0, -1), `exactly one line:\n${r.stderr}`).toHaveLength(1);
  expect(lines[0]).toMatch(/^rvisor: /);
  expect(lines[0]).not.toMatch(/internal error|at .*\.js:\d+|Error:/);
  expect(lines[0]).toMatch(what);
}
const expectUserError = (r: Ran, what: RegExp) => { expectOneLine(r, 2, what); expect(r.stdout).toBe(''); };

let dir = '';
let loop = '', flood = '', echo = '';
const file = (name: string, bytes: Uint8Array | string) => { const p = join(dir, name); writeFileSync(p, bytes); return p; };
function ext4(name: string): string {
  const img = join(dir, name);
  const r = spawnSync('mke2fs', ['-q', '-F', '-t', 'ext4', img, '8M'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mke2fs: ${r.stderr}`);
  return img;
}
function fsck(img: string): number | null {
  return spawnSync('e2fsck', ['-fn', img], { encoding: 'utf8' }).status;
}

beforeAll(() => {
  if (!existsSync(CLI) || !existsSync(join(ROOT, 'dist/core.wasm'))) {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed:\n${b.stdout}${b.stderr}`);
  }
  dir = mkdtempSync(join(tmpdir(), 'rvisor-rel-'));
  loop = file('loop.elf', makeElf(LOOP));
  flood = file('flood.elf', makeElf(FLOOD));
  echo = file('echo.elf', makeElf(ECHO));
}, 120_000);

afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('1. disk images are locked: one writer, or readers only', () => {
  it('a second rvisor process writing the same image is refused before it runs; the image stays clean', async () => {
    const img = ext4('race.img');
    const before = sha(img);
    const a = start(['run', '--bios', 'none', '--kernel', loop, '--drive', `file=${img},format=raw`]);
    try {
      await until('the first run to lock the image', () => lockEntries(img).some((e) => e.startsWith('write-')));
      const pid = a.proc.pid!;
      // Another name for the same file (a symlink) is the same image.
      const link = join(dir, 'race-link.img');
      symlinkSync(img, link);
      for (const drive of [`file=${img}`, `file=${link}`, `file=${img},readonly=on`, `file=${img},snapshot=on`]) {
        const b = rvisor(['run', '--bios', 'none', '--kernel', loop, '--drive', drive]);
        expectUserError(b, new RegExp(`in use: rvisor pid ${pid} is writing to it`));
      }
      // The same through --config and --guest.
      const cfg = file('race.json', JSON.stringify({ guests: [{ name: 'x', kernel: HELLO, drives: [`file=${img}`] }] }));
      expectUserError(rvisor(['run', '--config', cfg]), /guest x: drive file=.*race\.img: in use: rvisor pid \d+ is writing/);
    } finally {
      a.proc.kill('SIGTERM');
    }
    const r = await a.done;
    expect(r.signal).toBe('SIGTERM');
    expect(lockEntries(img)).toEqual([]);
    expect(existsSync(`${img}.lock`)).toBe(false);
    expect(sha(img)).toBe(before);
    expect(fsck(img)).toBe(0);
    // Once the first run is gone, the image is free again.
    expect(rvisor(['run', '--bios', 'none', '--kernel', HELLO, '--drive', `file=${img}`]).status).toBe(0);
  }, 60_000);

  it('several processes started at once: at most one of them writes', async () => {
    const img = ext4('crowd.img');
    const runs = Array.from({ length: 4 }, () => start(['run', '--bios', 'none', '--kernel', loop, '--drive', `file=${img}`, '--timeout', '4']));
    const results = await Promise.all(runs.map((r) => r.done));
    const ran = results.filter((r) => r.status === 124);
    const refused = results.filter((r) => r.status === 2);
    expect(ran.length + refused.length, results.map((r) => r.stderr).join('')).toBe(4);
    expect(ran.length).toBeLessThanOrEqual(1);
    for (const r of refused) expect(r.stderr).toMatch(/in use: rvisor pid \d+ is writing to it/);
    expect(existsSync(`${img}.lock`)).toBe(false);
  }, 60_000);

  it('readers share an image; a writer next to them is refused', async () => {
    const img = ext4('shared.img');
    const a = start(['run', '--bios', 'none', '--kernel', loop, '--drive', `file=${img},readonly=on`]);
    try {
      await until('the reader to lock the image', () => lockEntries(img).some((e) => e.startsWith('read-')));
      const b = rvisor(['run', '--bios', 'none', '--kernel', HELLO, '--drive', `file=${img},snapshot=on`, '--drive', `file=${img},readonly=on`]);
      expect(b.status, b.stderr).toBe(0);
      expect(b.stderr).toBe('');
      expectUserError(rvisor(['run', '--bios', 'none', '--kernel', HELLO, '--drive', `file=${img}`]), /in use: rvisor pid \d+ is reading it.*a writer needs the image to itself/);
    } finally {
      a.proc.kill('SIGINT');
    }
    expect((await a.done).signal).toBe('SIGINT');
    expect(existsSync(`${img}.lock`)).toBe(false);
  }, 60_000);

  it('within one run: the same image twice is refused, whatever names it (two --drive, a hard link, a config)', () => {
    const img = ext4('twice.img');
    const hard = join(dir, 'twice-hard.img');
    linkSync(img, hard);
    const run = (...drives: string[]) => rvisor(['run', '--bios', 'none', '--kernel', HELLO, ...drives.flatMap((d) => ['--drive', d])]);
    expectUserError(run(`file=${img}`, `file=${img}`), /--drive #2 file=.*twice\.img: the same image is already written by --drive #1/);
    expectUserError(run(`file=${img}`, `file=${hard}`), /--drive #2 file=.*twice-hard\.img: the same image is already written/);
    expectUserError(run(`file=${img},readonly=on`, `file=${img}`), /the same image is already read by --drive #1/);
    expectUserError(run(`file=${img}`, `file=${img},snapshot=on`), /already written by --drive #1/);
    expect(run(`file=${img},readonly=on`, `file=${img},snapshot=on`).status).toBe(0);
    // Two guests of one config naming one writable disk (and one guest naming it twice).
    const two = file('two.json', JSON.stringify({ guests: [
      { name: 'a', kernel: HELLO, drives: [`file=${img}`] }, { name: 'b', kernel: HELLO, drives: [`file=${hard}`] }] }));
    expectUserError(rvisor(['run', '--config', two]), /guest b: drive file=.*twice-hard\.img: the same image is already written by guest a: drive/);
    const ro = file('ro.json', JSON.stringify({ guests: [
      { name: 'a', kernel: HELLO, drives: [`file=${img},readonly=on`] }, { name: 'b', kernel: HELLO, drives: [`file=${img},snapshot=on`] }] }));
    const r = rvisor(['run', '--config', ro]);
    expect(r.stderr).not.toMatch(/in use|already/);
    expect(existsSync(`${img}.lock`)).toBe(false);
  });

  it('a lock left by a killed run (SIGKILL) does not block the next one', async () => {
    const img = ext4('stale.img');
    const a = start(['run', '--bios', 'none', '--kernel', loop, '--drive', `file=${img}`]);
    await until('the run to lock the image', () => lockEntries(img).length === 1);
    a.proc.kill('SIGKILL');
    expect((await a.done).signal).toBe('SIGKILL');
    expect(lockEntries(img)).toHaveLength(1); // nothing runs at SIGKILL
    const b = rvisor(['run', '--bios', 'none', '--kernel', HELLO, '--drive', `file=${img}`]);
    expect(b.status, b.stderr).toBe(0);
    expect(existsSync(`${img}.lock`)).toBe(false);
  }, 60_000);

  it('the lock goes away on every exit: normal, error, SIGINT, SIGTERM, SIGHUP', async () => {
    const img = ext4('exits.img');
    // An error after the disks were opened (the kernel is not an ELF).
    expectUserError(rvisor(['run', '--bios', 'none', '--kernel', file('junk.elf', 'junk'), '--drive', `file=${img}`]), /a text file, not a program/);
    expect(existsSync(`${img}.lock`)).toBe(false);
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      const a = start(['run', '--bios', 'none', '--kernel', loop, '--drive', `file=${img}`]);
      await until('the run to lock the image', () => lockEntries(img).length === 1);
      a.proc.kill(sig);
      const r = await a.done;
      expect(r.signal, sig).toBe(sig); // ended by the signal, as the parent expects
      expect(r.stderr).toBe('');
      expect(existsSync(`${img}.lock`), sig).toBe(false);
    }
  }, 60_000);
});

describe('2. a closed stdout ends rvisor quietly', () => {
  it('stdout closed under a guest that keeps printing: exit 141 (SIGPIPE\'s status), nothing on stderr', async () => {
    const img = ext4('pipe.img');
    const a = start(['run', '--bios', 'none', '--kernel', flood, '--drive', `file=${img}`]);
    a.proc.stdout!.destroy(); // the reader goes away (as `| head -1` does)
    const r = await a.done;
    expect(r.status).toBe(141);
    expect(r.stderr).toBe('');
    expect(existsSync(`${img}.lock`)).toBe(false);
  }, 60_000);

  it('stdout on a full device: exit 74 with one line', () => {
    const r = spawnSync(`exec "${process.execPath}" "${CLI}" run --bios none --kernel "${flood}" > /dev/full`, { shell: '/bin/sh', encoding: 'utf8', timeout: 30_000 });
    expectOneLine({ status: r.status, signal: r.signal, stdout: '', stderr: r.stderr }, 74, /cannot write to standard output \(ENOSPC\)/);
  });
});

describe('3. outputs are checked before the guest runs and written atomically', () => {
  // The loop never ends: had it started, these runs would hit the test's timeout.
  it('a directory or a missing directory as --stats-json is refused at once', () => {
    expectUserError(rvisor(['run', '--bios', 'none', '--kernel', loop, '--stats-json', dir]), /--stats-json .*: is a directory/);
    expectUserError(rvisor(['run', '--bios', 'none', '--kernel', loop, '--stats-json', `${dir}/`]), /is a directory/);
    expectUserError(rvisor(['run', '--bios', 'none', '--kernel', loop, '--stats-json', '/nope/x.json']), /--stats-json \/nope\/x\.json: no directory \/nope/);
    expectUserError(rvisor(['run', '--bios', 'none', '--kernel', loop, '--stats-json', `${loop}/x.json`]), /is not a directory/);
    const cfg = file('one.json', JSON.stringify({ guests: [{ name: 'a', kernel: loop }] }));
    expectUserError(rvisor(['run', '--config', cfg, '--stats-json', dir]), /--stats-json .*: is a directory/);
  });

  it('a read-only directory is refused at once', () => {
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    const unlock = readOnlyDir(ro);
    try {
      expectUserError(rvisor(['run', '--bios', 'none', '--kernel', loop, '--stats-json', join(ro, 's.json')]), /cannot write in .*permission denied/);
    } finally {
      unlock();
    }
  });

  it('dumpdtb to a directory or a missing directory is refused', () => {
    expectUserError(rvisor(['dumpdtb', dir]), /dumpdtb .*: is a directory/);
    expectUserError(rvisor(['dumpdtb', '/nope/x.dtb']), /no directory \/nope/);
  });

  it('replaces an existing file whole and leaves no temporary file behind', () => {
    const out = file('stats.json', 'old contents\n');
    const r = rvisor(['run', '--bios', 'none', '--kernel', HELLO, '--stats-json', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).reason).toBe('poweroff');
    const dtb = join(dir, 'x.dtb');
    expect(rvisor(['dumpdtb', dtb]).status).toBe(0);
    expect(readFileSync(dtb).readUInt32BE(0)).toBe(0xd00dfeed);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a directory that vanishes during the run: one line, the figures on stderr, exit 74, no stack', async () => {
    const sub = join(dir, 'vanish');
    mkdirSync(sub);
    const a = start(['run', '--bios', 'none', '--kernel', loop, '--timeout', '3', '--stats-json', join(sub, 's.json')]);
    await until('the temporary file', () => readdirSync(sub).some((n) => n.endsWith('.tmp')));
    rmSync(sub, { recursive: true });
    const r = await a.done;
    expect(r.status).toBe(74);
    const [first, ...json] = r.stderr.split('\n').filter((l) => !/^rvisor: timeout/.test(l));
    expect(first).toMatch(/^rvisor: --stats-json .*s\.json: no such file or directory; the figures follow$/);
    expect(JSON.parse(json.join('\n')).reason).toBe('timeout');
    expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
  }, 60_000);

  it('the temporary file goes away when the run is interrupted', async () => {
    const sub = join(dir, 'interrupted');
    mkdirSync(sub);
    const a = start(['run', '--bios', 'none', '--kernel', loop, '--stats-json', join(sub, 's.json')]);
    await until('the temporary file', () => readdirSync(sub).length > 0);
    a.proc.kill('SIGTERM');
    await a.done;
    expect(readdirSync(sub)).toEqual([]);
  }, 60_000);
});

describe('4. a broken --dtb is refused with one line', () => {
  const run = (dtb: string) => rvisor(['run', '--bios', 'none', '--kernel', loop, '--dtb', dtb]);
  it('random bytes, an empty file, a truncated blob, a bad structure', () => {
    const random = new Uint8Array(4096).map((_, i) => (i * 2654435761) >>> 24);
    expectUserError(run(file('random.dtb', random)), /--dtb .*random\.dtb: bad magic 0x[0-9a-f]{8}/);
    expectUserError(run(file('empty.dtb', new Uint8Array(0))), /--dtb .*empty\.dtb: empty file/);
    const good = join(dir, 'good.dtb');
    expect(rvisor(['dumpdtb', good]).status).toBe(0);
    const blob = readFileSync(good);
    expectUserError(run(file('short.dtb', blob.subarray(0, blob.length - 100))), /totalsize \d+ but the file has \d+ bytes; it is truncated/);
    const bad = Buffer.from(blob);
    bad.writeUInt32BE(0x77, bad.readUInt32BE(8)); // the first token: not FDT_BEGIN_NODE
    expectUserError(run(file('token.dtb', bad)), /unknown token 0x77/);
  });

  it('a valid tree is used; one whose memory lies outside RAM gets a warning', () => {
    const good = join(dir, 'good256.dtb');
    expect(rvisor(['dumpdtb', '--mem', '256M', good]).status).toBe(0);
    const r = rvisor(['run', '--bios', 'none', '--kernel', HELLO, '--mem', '256M', '--dtb', good]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const small = rvisor(['run', '--bios', 'none', '--kernel', HELLO, '--mem', '128M', '--dtb', good]);
    expect(small.status).toBe(0);
    expect(small.stderr).toMatch(/^rvisor: warning: --dtb .*good256\.dtb: no memory node inside this machine's RAM/);
  });
});

describe('5. contradictory options: one line each', () => {
  it('--bios FILE that the kernel would overwrite', () => {
    const fw = file('fw.bin', new Uint8Array(3 << 20)); // 3 MiB of firmware at 0x8000_0000
    expectUserError(rvisor(['run', '--bios', fw, '--kernel', HELLO]), /hello\.elf \(0x80000000-0x[0-9a-f]+\) would overwrite .*fw\.bin \(0x80000000-0x80300000\)/);
    const raw = file('image.bin', Uint8Array.of(0x6f, 0, 0, 0, 0x13, 0, 0, 0)); // code, not text: loaded raw at 0x8020_0000
    expectUserError(rvisor(['run', '--bios', fw, '--kernel', raw]), /image\.bin \(0x80200000-.*would overwrite .*fw\.bin/);
  });

  it('--mode trap --bios none', () => {
    expectUserError(rvisor(['run', '--mode', 'trap', '--bios', 'none', '--kernel', HELLO]), /--bios none starts the kernel in M-mode, which trap mode does not have/);
  });

  it('an option given twice: QEMU takes the last, and rvisor says so', () => {
    const r = rvisor(['run', '--bios', 'opensbi', '--bios', 'none', '--kernel', HELLO]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('rvisor: notice: --bios is given 2 times (opensbi, none); the last one, none, counts\n');
    expect(rvisor(['run', '--bios', 'none', '--bios', 'none', '--kernel', HELLO]).stderr).toBe('');
  });

  it('file= twice in one --drive', () => {
    expectUserError(rvisor(['run', '--bios', 'none', '--kernel', HELLO, '--drive', 'file=a.img,file=b.img']), /--drive file=a\.img,file=b\.img: file= is given twice/);
  });

  it('--mem 128MB, --timeout Infinity and other numbers that are not what they seem', () => {
    const run = (...a: string[]) => rvisor(['run', '--bios', 'none', '--kernel', HELLO, ...a]);
    expectUserError(run('--mem', '128MB'), /--mem 128MB: MB is ambiguous.*write 128M or 128MiB/);
    expectUserError(run('--mem', '1gb'), /--mem 1gb: GB is ambiguous/);
    expect(run('--mem', '128MiB').status).toBe(0);
    expectUserError(run('--timeout', 'Infinity'), /--timeout Infinity: expected a number of seconds above 0/);
    expectUserError(run('--timeout', '0x10'), /--timeout 0x10/);
    expectUserError(run('--timeout', '1e3'), /--timeout 1e3/);
    const cfg = file('mb.json', JSON.stringify({ guests: [{ kernel: HELLO, mem: '64MB' }] }));
    expectUserError(rvisor(['run', '--config', cfg]), /"mem" 64MB: MB is ambiguous/);
  });

  it('options a config or several guests would drop without a word', () => {
    const cfg = file('g.json', JSON.stringify({ guests: [{ name: 'a', kernel: HELLO }] }));
    for (const [opt, val] of [['--mem', '256M'], ['--initrd', HELLO], ['--append', 'x'], ['--net', ''], ['--drive', 'file=x.img']]) {
      expectUserError(rvisor(['run', '--config', cfg, opt, ...(val ? [val] : [])]), new RegExp(`${opt} does not apply with --config`));
    }
    expectUserError(rvisor(['run', '--guest', HELLO, '--dtb', HELLO]), /--dtb gives one machine's device tree/);
    expectUserError(rvisor(['run', '--bios', 'u-boot', '--append', 'console=ttyS0']), /--append .* needs --kernel/);
    const q = rvisor(['run', '--bios', 'none', '--kernel', HELLO, '--quantum', '5']);
    expect(q.status).toBe(0);
    expect(q.stderr).toBe('rvisor: notice: --quantum only matters with several guests (--guest or --config); ignored\n');
  });
});

describe('6. QEMU habits', () => {
  it('",," is a comma inside a --drive value', () => {
    mkdirSync(join(dir, 'a,b'));
    const img = ext4('a,b/disk,1.img');
    const r = rvisor(['run', '--bios', 'none', '--kernel', HELLO, '--drive', `file=${img.replace(/,/g, ',,')},format=raw`]);
    expect(r.status, r.stderr).toBe(0);
    expectUserError(rvisor(['run', '--bios', 'none', '--kernel', HELLO, '--drive', `file=${img}`]), /unknown option 'b\/disk'.*written ,,/);
  });

  it('Ctrl-A X quits and Ctrl-A A / Ctrl-A Ctrl-A send one Ctrl-A, on piped stdin as on a terminal', async () => {
    const a = start(['run', '--bios', 'none', '--kernel', echo]);
    a.proc.stdin!.write('ab\x01ac\x01\x01d\x01zef'); // Ctrl-A Z is no escape: dropped
    await until('the echo', () => a.out().includes('ab\x01c\x01def'));
    a.proc.stdin!.write('\x01x');
    const r = await a.done;
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('ab\x01c\x01def');
  }, 30_000);

  it('Ctrl-A C opens the monitor on piped stdin', async () => {
    const a = start(['run', '--bios', 'none', '--kernel', loop]);
    a.proc.stdin!.write('\x01c');
    a.proc.stdin!.write('regs\n');
    a.proc.stdin!.write('q\n');
    const r = await a.done;
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('rvisor monitor');
    expect(r.stdout).toMatch(/pc 0x0*80000000 {2}priv M/);
  }, 30_000);

  it('negative and missing numbers say what is wrong with them', () => {
    const run = (...a: string[]) => rvisor(['run', '--bios', 'none', '--kernel', HELLO, ...a]);
    expectUserError(run('--quantum', '-1'), /--quantum -1: expected a whole number from 1 to 10000/);
    expectUserError(run('--icount', '-1'), /--icount -1: expected a shift from 0 to 10/);
    expectUserError(run('--icount', 'abc'), /--icount abc: expected a shift from 0 to 10/);
    expect(run('--icount', '3').status).toBe(0);
    expect(run('--icount', 'shift=3').status).toBe(0);
    expect(run('--icount').status).toBe(0);
    expect(rvisor(['run', '--icount', '--bios', 'none', '--kernel', HELLO]).status).toBe(0);
  });
});

describe('no user input reaches an internal error', () => {
  it('hostile command lines and config files get one line and exit 2', () => {
    const json = (name: string, value: unknown) => file(name, typeof value === 'string' ? value : JSON.stringify(value));
    const cases: string[][] = [
      ['run', '--bios', 'none', '--kernel', '/dev/zero'],
      ['run', '--bios', 'none', '--kernel', '/dev/null'],
      ['run', '--bios', 'none', '--kernel', HELLO, '--initrd', '/dev/zero'],
      ['run', '--bios', 'none', '--kernel', `${HELLO}/x`],
      ['run', '--bios', 'none', '--kernel', HELLO, '--drive', 'file=/dev/null'],
      ['run', '--bios', 'none', '--kernel', HELLO, '--drive', `file=${dir}`],
      ['run', '--bios', 'none', '--kernel', HELLO, '--drive', 'file='],
      ['run', '--bios', 'none', '--kernel', HELLO, '--drive', ','],
      ['run', '--bios', 'none', '--kernel', HELLO, '--drive', 'format=qcow2,file=x'],
      ['run', '--bios', 'none', '--kernel', HELLO, '--mem', '99999999999G'],
      ['run', '--bios', 'none', '--kernel', HELLO, '--mem', '0.1'],
      ['run', '--bios', 'none', '--kernel', HELLO, '--stats-json', ''],
      ['run', '--config', dir],
      ['run', '--config', json('arr.json', [])],
      ['run', '--config', json('null.json', 'null')],
      ['run', '--config', json('num.json', '42')],
      ['run', '--config', json('gnull.json', { guests: [null] })],
      ['run', '--config', json('gstr.json', { guests: ['x'] })],
      ['run', '--config', json('drv.json', { guests: [{ kernel: HELLO, drives: 'file=x' }] })],
      ['run', '--config', json('drv2.json', { guests: [{ kernel: HELLO, drives: ['format=qcow2,file=x'] }] })],
      ['run', '--config', json('drv3.json', { guests: [{ kernel: HELLO, drives: ['file=/nonexistent.img'] }] })],
      ['run', '--config', json('smp.json', { guests: [{ kernel: HELLO, smp: 1.5 }] })],
      ['run', '--config', json('big.json', { guests: [{ kernel: HELLO, mem: '128G' }, { kernel: HELLO, mem: '4G' }] })],
      ['run', '--config', json('many.json', { guests: Array.from({ length: 1025 }, (_, i) => ({ name: `g${i}`, kernel: HELLO, mem: '1M' })) })],
      ['run', '--config', json('name.json', { guests: [{ name: 'a/b', kernel: HELLO }] })],
      ['run', '--config', json('q.json', { quantumMs: -1, guests: [{ kernel: HELLO }] })],
      ['run', '--config', json('k.json', { guests: [{ kernel: '/dev/zero' }] })],
      ['run', '--guest', 'a='],
      ['run', '--guest', '=x'],
      ['console', 'a/b'],
      ['console', 'x'.repeat(300)],
      ['dumpdtb', ''],
    ];
    for (const args of cases) {
      const r = rvisor(args);
      expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^rvisor: [^\n]+\n$/);
      expect(r.stderr, args.join(' ')).not.toMatch(/internal error|at .*\.js:\d+/);
    }
  });

  it('a console socket directory that cannot be made', () => {
    const cfg = file('sock.json', JSON.stringify({ guests: [{ name: 's', kernel: loop, console: 'socket' }] }));
    const r = rvisor(['run', '--config', cfg], { env: { ...process.env, RVISOR_RUN_DIR: `${loop}/sub` } });
    expectUserError(r, /guest s: cannot serve its console at .*: (ENOTDIR|EEXIST)/);
  });
});
