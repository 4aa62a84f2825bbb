// The `rvisor` command as a user runs it: `node dist/cli.js ...` in the repository root.
// Exit codes: the guest's own code, 124 on --timeout, 2 (with one line on stderr) on bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from '../src/cli/args';
import { pagingOptions } from '../src/cli/paging';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist/cli.js');
const HELLO = 'roms/demo/hello.elf';

interface Ran { status: number | null; stdout: string; stderr: string }

function rvisor(...args: string[]): Ran {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', input: '', timeout: 20_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// ---- a minimal ELF64 writer: one PT_LOAD segment holding `code` ----
interface ElfOpts { cls?: number; data?: number; machine?: number; paddr?: bigint; entry?: bigint }
function makeElf(code: Uint8Array, o: ElfOpts = {}): Uint8Array {
  const le = (o.data ?? 1) !== 2;
  const paddr = o.paddr ?? 0x8000_0000n;
  const EH = 64, PH = 56;
  const out = new Uint8Array(EH + PH + code.length);
  const dv = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, o.cls ?? 2, o.data ?? 1, 1, 0]);
  dv.setUint16(16, 2, le); // ET_EXEC
  dv.setUint16(18, o.machine ?? 243, le); // EM_RISCV
  dv.setUint32(20, 1, le);
  dv.setBigUint64(24, o.entry ?? paddr, le);
  dv.setBigUint64(32, BigInt(EH), le); // e_phoff
  dv.setBigUint64(40, 0n, le); // e_shoff: no sections
  dv.setUint16(52, EH, le);
  dv.setUint16(54, PH, le);
  dv.setUint16(56, 1, le);
  dv.setUint16(58, 64, le);
  dv.setUint16(60, 0, le);
  const p = EH;
  dv.setUint32(p, 1, le); // PT_LOAD
  dv.setUint32(p + 4, 5, le); // R+X
  dv.setBigUint64(p + 8, BigInt(EH + PH), le);
  dv.setBigUint64(p + 16, paddr, le);
  dv.setBigUint64(p + 24, paddr, le);
  dv.setBigUint64(p + 32, BigInt(code.length), le);
  dv.setBigUint64(p + 40, BigInt(code.length), le);
  dv.setBigUint64(p + 48, 4n, le);
  out.set(code, EH + PH);
  return out;
}
const LOOP = Uint8Array.of(0x6f, 0x00, 0x00, 0x00); // 1: j 1b

let dir = '';
const file = (name: string, bytes: Uint8Array | string) => { const p = join(dir, name); writeFileSync(p, bytes); return p; };

beforeAll(() => {
  if (!existsSync(CLI) || !existsSync(join(ROOT, 'dist/core.wasm'))) {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed:\n${b.stdout}${b.stderr}`);
  }
  dir = mkdtempSync(join(tmpdir(), 'rvisor-cli-'));
}, 120_000);

afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('rvisor run', () => {
  it('runs the demo guest to poweroff with exit code 0', () => {
    const r = rvisor('run', '--bios', 'none', '--kernel', HELLO);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Hello from a RISC-V guest running on rvisor!');
    expect(r.stdout).toContain('sum of 1..1000000 = 500000500000');
  });

  it('--stats prints instructions and MIPS on stderr, nothing extra on stdout', () => {
    const r = rvisor('run', '--bios', 'none', '--kernel', HELLO, '--stats');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^rvisor: poweroff \(exit 0\); \d+ instructions in [\d.]+ s = [\d.]+ MIPS$/m);
    expect(r.stdout).not.toContain('MIPS');
  });

  it('--stats-json FILE writes the figures as JSON', () => {
    const out = join(dir, 'stats.json');
    const r = rvisor('run', '--bios', 'none', '--kernel', HELLO, '--stats-json', out);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const s = JSON.parse(readFileSync(out, 'utf8'));
    expect(s.reason).toBe('poweroff');
    expect(s.exitCode).toBe(0);
    expect(typeof s.instret).toBe('number');
    expect(s.instret).toBeGreaterThan(3_000_000);
    expect(s.instret).toBeLessThan(3_100_000);
    expect(s.mips).toBeGreaterThan(0);
    expect(s.mmioByDevice['sifive-test']).toBe(1);
  });

  it('--timeout 1 stops a guest that loops forever with exit code 124', () => {
    const loop = file('loop.elf', makeElf(LOOP));
    const t0 = Date.now();
    const r = rvisor('run', '--bios', 'none', '--kernel', loop, '--timeout', '1');
    const took = Date.now() - t0;
    expect(r.status).toBe(124);
    expect(r.stderr).toMatch(/timeout/);
    expect(r.stdout).toBe('');
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(10_000);
  });

  it('--help prints the usage and exits 0', () => {
    for (const args of [['--help'], ['-h'], ['run', '--help'], []]) {
      const r = rvisor(...args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/^usage: rvisor run/);
      expect(r.stdout).toContain('--kernel FILE');
      expect(r.stdout).toContain('dumpdtb');
    }
  });
});

// lui t0, 0x100; lui t1, 0x5; addi t1, t1, 0x555; sw t1, 0(t0); j . : power off through the
// virt test device (exit 0) from wherever it is loaded.
const POWEROFF = Uint8Array.from([0x001002b7, 0x00005337, 0x55530313, 0x0062a023, 0x0000006f].flatMap((w) => [w & 0xff, (w >> 8) & 0xff, (w >> 16) & 0xff, w >>> 24]));

describe('a kernel that is neither an ELF nor a Linux Image runs as a raw binary, as on QEMU, with one notice', () => {
  const notice = (r: Ran, name: string, at: string, how: string) => {
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(`rvisor: warning: ${join(dir, name)}: neither an ELF nor a Linux Image; loaded as a raw binary at ${at} (${how}), as QEMU does\n`);
  };

  it('--bios none: at the start of RAM, started there in M-mode (QEMU -bios none -kernel)', () => {
    notice(rvisor('run', '--bios', 'none', '--kernel', file('raw.bin', POWEROFF), '--timeout', '10'), 'raw.bin', '0x80000000', 'started there in M-mode');
  });

  it('trap mode: 2 MiB into RAM, started there in S-mode, as an SBI starts its payload', () => {
    notice(rvisor('run', '--kernel', file('raw.bin', POWEROFF), '--timeout', '10'), 'raw.bin', '0x80200000', 'started there in S-mode');
  });

  it('under firmware: 2 MiB into RAM, where the firmware jumps; raw firmware itself gets no notice', () => {
    // The "firmware" jumps to 0x8020_0000 (auipc t0, 0x200; jr t0) and the kernel powers off.
    const fw = Uint8Array.of(0x97, 0x02, 0x20, 0x00, 0x67, 0x80, 0x02, 0x00);
    notice(rvisor('run', '--bios', file('fw.bin', fw), '--kernel', file('raw.bin', POWEROFF), '--timeout', '10'), 'raw.bin', '0x80200000', 'the firmware jumps there');
  });
});

describe('bad input: exit code 2 and one line on stderr that names the problem', () => {
  const expectUserError = (r: Ran, what: RegExp) => {
    expect(r.status, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines[lines.length - 1], 'stderr ends with a newline').toBe('');
    expect(lines.slice(0, -1), `exactly one line:\n${r.stderr}`).toHaveLength(1);
    expect(lines[0]).toMatch(/^rvisor: /);
    expect(lines[0]).not.toMatch(/internal error|at .*\.js:\d+|Error:/);
    expect(lines[0]).toMatch(what);
  };
  const run = (kernel: string, ...more: string[]) => rvisor('run', '--bios', 'none', '--kernel', kernel, ...more);

  it('a missing file', () => {
    expectUserError(run(join(dir, 'nope.elf')), /nope\.elf.*no such file/);
  });

  it('a directory', () => {
    expectUserError(run(dir), /is a directory/);
  });

  it('a text file, in every mode (it would run text as code: refused, not loaded raw)', () => {
    const passwd = file('passwd', 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n');
    expectUserError(run(file('notes.txt', 'just some text\n')), /notes\.txt: a text file, not a program/);
    expectUserError(rvisor('run', '--kernel', passwd), /passwd: a text file, not a program/); // trap mode, as in the issue
    expectUserError(rvisor('run', '--bios', passwd), /passwd: a text file/); // firmware too
    // UTF-8 text is text too
    expectUserError(run(file('utf8.txt', 'Grüße, 世界\n')), /utf8\.txt: a text file/);
  });

  it('an empty file', () => {
    expectUserError(run(file('empty.elf', new Uint8Array(0))), /empty\.elf: an empty file/);
    expectUserError(rvisor('run', '--kernel', file('empty.bin', new Uint8Array(0))), /empty\.bin: an empty file/);
  });

  it('a compressed kernel', () => {
    const gz = Uint8Array.of(0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3);
    expectUserError(rvisor('run', '--kernel', file('Image.gz', gz)), /Image\.gz: gzip-compressed; decompress it first/);
    const xz = Uint8Array.of(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0, 4, 1, 2, 3);
    expectUserError(run(file('Image.xz', xz)), /Image\.xz: xz-compressed/);
  });

  it('a Linux Image without firmware in bare mode', () => {
    const image = new Uint8Array(4096);
    image.set([0x52, 0x53, 0x43, 0x05], 0x38); // "RSC\x05"
    expectUserError(run(file('Image', image)), /Image: a Linux Image needs firmware.*--bios opensbi/);
  });

  it('a raw binary bigger than RAM', () => {
    expectUserError(run(file('big.bin', new Uint8Array(1536 * 1024).fill(0x13)), '--mem', '1M'), /big\.bin: 1572864 bytes at 0x80000000 do not fit in RAM; raise --mem/);
  });

  it('a 32-bit ELF', () => {
    expectUserError(run(file('rv32.elf', makeElf(LOOP, { cls: 1 }))), /rv32\.elf.*32-bit/);
  });

  it('a big-endian ELF', () => {
    expectUserError(run(file('be.elf', makeElf(LOOP, { data: 2 }))), /be\.elf.*big-endian/);
  });

  it('an x86-64 ELF', () => {
    expectUserError(run(file('x86.elf', makeElf(LOOP, { machine: 62 }))), /x86\.elf.*machine 62 \(x86-64\) is not RISC-V/);
  });

  it('an ELF whose segment lies outside RAM', () => {
    expectUserError(run(file('low.elf', makeElf(LOOP, { paddr: 0x1000n }))), /low\.elf.*0x1000.*outside RAM/);
    // and one that runs past the end of a small RAM
    expectUserError(run(file('high.elf', makeElf(LOOP, { paddr: 0x8010_0000n })), '--mem', '1M'), /high\.elf.*outside RAM/);
  });

  it('an unknown option', () => {
    expectUserError(run(HELLO, '--frobnicate'), /--frobnicate/);
  });

  it('--mem banana', () => {
    expectUserError(run(HELLO, '--mem', 'banana'), /--mem banana/);
  });

  it('--mem too small or too large', () => {
    expectUserError(run(HELLO, '--mem', '1K'), /memory size|--mem/);
    expectUserError(run(HELLO, '--mem', '3G'), /2 GiB|--mem/);
  });

  it('--jit-thread maybe', () => {
    expectUserError(run(HELLO, '--jit-thread', 'maybe'), /--jit-thread maybe: expected on or off/);
  });

  it('--smp 0', () => {
    expectUserError(run(HELLO, '--smp', '0'), /--smp 0/);
    expectUserError(run(HELLO, '--smp', '65'), /--smp 65/);
  });

  it('--timeout=-3 and --timeout 0', () => {
    expectUserError(run(HELLO, '--timeout=-3'), /--timeout -3.*seconds/);
    expectUserError(run(HELLO, '--timeout', '0'), /--timeout 0.*seconds/);
  });

  it('--timeout -3 (a negative number as a separate argument) says what is wrong with it', () => {
    // Node's parseArgs rejects "-3" as an option-looking value with "argument is ambiguous";
    // the user should hear about the value instead, like for --timeout=-3.
    expectUserError(run(HELLO, '--timeout', '-3'), /--timeout -3.*seconds/);
  });

  it('no --kernel', () => {
    expectUserError(rvisor('run'), /--kernel/);
    expectUserError(rvisor('run', '--bios', 'none'), /--kernel/);
  });

  it('an unknown command', () => {
    expectUserError(rvisor('boot', '--kernel', HELLO), /unknown command 'boot'/);
  });

  it('a stray argument after run', () => {
    expectUserError(rvisor('run', HELLO), /unexpected argument/);
  });

  it('bad trap-mode and hypervisor options', () => {
    expectUserError(rvisor('run', '--mode', 'fast', '--kernel', HELLO), /--mode fast.*trap or bare/);
    expectUserError(rvisor('run', '--mode', 'trap', '--bios', 'opensbi', '--kernel', HELLO), /M-mode.*--mode bare/);
    expectUserError(rvisor('run', '--coherence', 'magic', '--kernel', HELLO), /--coherence magic/);
    expectUserError(rvisor('run', '--bios', 'none', '--coherence', 'wp', '--kernel', HELLO), /--coherence.*trap mode/);
    expectUserError(rvisor('run', '--guest', HELLO, '--kernel', HELLO), /--kernel/);
    expectUserError(rvisor('run', '--guest', HELLO, '--drive', `file=${HELLO}`), /disk cannot be shared/);
    expectUserError(rvisor('run', '--guest', `a=${HELLO}`, '--guest', `a=${HELLO}`), /two guests are named 'a'/);
    expectUserError(rvisor('run', '--guest', `bad name=${HELLO}`), /guest name 'bad name'/);
    expectUserError(rvisor('run', '--config', join(dir, 'none.json')), /none\.json.*no such file/);
    expectUserError(rvisor('run', '--config', file('bad.json', '{"guests": [')), /bad\.json.*not JSON/);
    expectUserError(rvisor('run', '--config', file('nok.json', '{"guests": [{"name": "a"}]}')), /guest 1.*"kernel" is missing/);
    expectUserError(rvisor('run', '--config', file('key.json', '{"guests": [{"kernel": "x", "colour": "red"}]}')), /unknown key "colour"/);
    expectUserError(rvisor('run', '--config', file('mem.json', `{"guests": [{"kernel": "${HELLO}", "mem": "lots"}]}`)), /"mem" lots/);
    expectUserError(rvisor('console', 'nobody-here'), /no console for guest 'nobody-here'/);
  });
});

describe('rvisor dumpdtb', () => {
  it('writes a device tree blob that dtc decompiles', () => {
    const out = join(dir, 'out.dtb');
    const r = rvisor('dumpdtb', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const blob = readFileSync(out);
    expect(blob.readUInt32BE(0)).toBe(0xd00dfeed);
    const d = spawnSync('dtc', ['-I', 'dtb', '-O', 'dts', out], { encoding: 'utf8' });
    if (d.error) throw new Error(`dtc did not run (${d.error.message}); run node scripts/ensure-tools.mjs`);
    expect(d.status, d.stderr).toBe(0);
    expect(d.stdout).toContain('riscv,isa');
    expect(d.stdout).toContain('memory@80000000');
    expect(d.stdout).toMatch(/reg = <0x00 0x80000000 0x00 0x8000000>/); // 128 MiB by default
  });

  it('follows --mem, --smp and --append', () => {
    const out = join(dir, 'smp.dtb');
    const r = rvisor('dumpdtb', '--mem', '256M', '--smp', '2', '--append', 'console=ttyS0', out);
    expect(r.status, r.stderr).toBe(0);
    const d = spawnSync('dtc', ['-I', 'dtb', '-O', 'dts', out], { encoding: 'utf8' });
    expect(d.status, d.stderr).toBe(0);
    expect(d.stdout).toMatch(/reg = <0x00 0x80000000 0x00 0x10000000>/);
    expect(d.stdout).toContain('cpu@1');
    expect(d.stdout).toContain('bootargs = "console=ttyS0"');
  });

  it('refuses an --rtc-base that is not a date, in one line', () => {
    const r = rvisor('run', '--bios', 'none', '--kernel', 'roms/demo/hello.elf', '--rtc-base', 'yesterday');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--rtc-base yesterday: expected an ISO 8601 date/);
  });

  it('needs exactly one output file', () => {
    const r = rvisor('dumpdtb');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/dumpdtb needs one output file/);
  });
});

describe('--max-booting', () => {
  it('reaches the hypervisor with several guests; 0 is refused; alone it is a notice', () => {
    const opts = parseCommandLine(['run', '--guest', 'a=k.elf', '--guest', 'b=k.elf', '--max-booting', '3']);
    if (opts === 'help') throw new Error('help');
    expect(pagingOptions(opts).maxBooting).toBe(3);
    expect(() => parseCommandLine(['run', '--guest', 'a=k.elf', '--max-booting', '0'])).toThrow(/--max-booting 0: expected a whole number/);
    const one = parseCommandLine(['run', '--kernel', 'k.elf', '--max-booting', '2']);
    expect(one !== 'help' && one.notices.join()).toMatch(/--max-booting only matters with several guests/);
  });
});
