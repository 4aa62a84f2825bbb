// Assembles and links generated guest programs with the bare-metal RISC-V GNU toolchain.

import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const GCC = process.env.RISCV_GCC ?? 'riscv64-unknown-elf-gcc';
export const OBJDUMP = process.env.RISCV_OBJDUMP ?? 'riscv64-unknown-elf-objdump';
export const GCC_FLAGS = [
  '-march=rv64imafdc_zicsr_zifencei_zba_zbb_zbc_zbs',
  '-mabi=lp64d',
  '-nostdlib',
  '-nostartfiles',
  '-static',
  '-Wl,--no-relax',
  // -n: no page-aligned segment that also holds the ELF headers (it would start at
  // 0x7ffff000, below RAM: QEMU ignores that, a strict loader rightly refuses it)
  '-Wl,-n',
  '-Wl,--no-warn-rwx-segments',
  '-Ttext=0x80000000',
];

/** A temporary directory for one test run; `dispose()` removes it. */
export class BuildDir {
  readonly path: string;
  constructor(prefix = 'rvisor-diff-') {
    this.path = mkdtempSync(join(tmpdir(), prefix));
  }
  dispose(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** Write `asm` to `<dir>/<name>.S`, assemble and link it; returns the ELF path. */
export async function buildElf(dir: string, name: string, asm: string): Promise<string> {
  const src = join(dir, `${name}.S`);
  const elf = join(dir, `${name}.elf`);
  writeFileSync(src, asm);
  try {
    await run(GCC, [...GCC_FLAGS, src, '-o', elf], { maxBuffer: 64 << 20 });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`assembling ${src} failed:\n${(err.stderr ?? err.message).slice(0, 4000)}`);
  }
  return elf;
}

/** Disassemble the instructions around `pc` (for trap reports): "addr: insn" lines. */
export async function disassembleAround(elf: string, pc: bigint, before = 24, after = 8): Promise<string> {
  const start = pc > BigInt(before) ? pc - BigInt(before) : 0n;
  const { stdout } = await run(
    OBJDUMP,
    ['-d', '-M', 'no-aliases', `--start-address=0x${start.toString(16)}`, `--stop-address=0x${(pc + BigInt(after)).toString(16)}`, elf],
    { maxBuffer: 16 << 20 },
  );
  return stdout
    .split('\n')
    .filter((l) => /^\s*[0-9a-f]+:\s/.test(l) || /^[0-9a-f]+ <.*>:$/.test(l))
    .map((l) => (l.trim().startsWith(pc.toString(16) + ':') ? '>> ' + l.trim() : '   ' + l.trim()))
    .join('\n');
}

export const OBJCOPY = process.env.RISCV_OBJCOPY ?? 'riscv64-unknown-elf-objcopy';
export const NM = process.env.RISCV_NM ?? 'riscv64-unknown-elf-nm';

/**
 * Disassembly (for coverage checks) from symbol `from` (e.g. blk_0, so that the data page and
 * the fixed code do not count) to the end. It runs on a copy without symbols: objdump is more
 * than ten times slower with the thousands of block labels of a generated program. Without
 * symbols objdump takes the ISA from the ELF attributes, which must therefore include C (the
 * generated programs end with `.option rvc` for that).
 */
export async function disassemble(elf: string, from?: string): Promise<string> {
  const args = ['-d', '-M', 'no-aliases'];
  if (from !== undefined) {
    const { stdout } = await run(NM, [elf], { maxBuffer: 64 << 20 });
    const m = new RegExp(`^([0-9a-f]+) \\w ${from.replace(/[.$]/g, '\\$&')}$`, 'm').exec(stdout);
    if (!m) throw new Error(`${elf}: no symbol ${from}`);
    args.push(`--start-address=0x${m[1]}`);
  }
  const stripped = `${elf}.stripped`;
  await run(OBJCOPY, ['--strip-all', elf, stripped]);
  try {
    const { stdout } = await run(OBJDUMP, [...args, stripped], { maxBuffer: 256 << 20 });
    return stdout;
  } finally {
    rmSync(stripped, { force: true });
  }
}

/** The 32-bit words of `lines` (assembled without compressed forms), in order. */
export function assembleWords(lines: string[], march = 'rv64imac_zicsr_zba_zbb_zbc_zbs'): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'rvisor-asm-'));
  try {
    writeFileSync(join(dir, 'a.s'), '.option norvc\n' + lines.join('\n') + '\n');
    execFileSync('riscv64-unknown-elf-as', [`-march=${march}`, '-o', join(dir, 'a.o'), join(dir, 'a.s')]);
    const dump = execFileSync(OBJDUMP, ['-d', join(dir, 'a.o')], { maxBuffer: 1 << 26 }).toString();
    return [...dump.matchAll(/^\s+[0-9a-f]+:\t([0-9a-f]{8})\s/gm)].map((m) => parseInt(m[1], 16));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
