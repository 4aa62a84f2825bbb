// Assembles and links generated guest programs with the bare-metal RISC-V GNU toolchain.

import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const GCC = process.env.RISCV_GCC ?? 'riscv64-unknown-elf-gcc';
export const OBJDUMP = process.env.RISCV_OBJDUMP ?? 'riscv64-unknown-elf-objdump';
export const GCC_FLAGS = [
  '-march=rv64imac_zicsr_zifencei',
  '-mabi=lp64',
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

/** Full disassembly (for coverage checks). */
export async function disassemble(elf: string): Promise<string> {
  const { stdout } = await run(OBJDUMP, ['-d', '-M', 'no-aliases', elf], { maxBuffer: 256 << 20 });
  return stdout;
}
