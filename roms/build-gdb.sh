#!/bin/sh
# Builds the gdb test program (roms/gdb/prog.elf, with debug information) with Debian's
# riscv64-unknown-elf toolchain. The ELF is committed, so the tests need no cross compiler.
# -fdebug-prefix-map keeps the build folder out of the debug information (reproducible).
set -e
cd "$(dirname "$0")/gdb"
riscv64-unknown-elf-gcc -march=rv64imac_zicsr -mabi=lp64 -mcmodel=medany -O0 -g \
  -ffreestanding -fno-builtin -fdebug-prefix-map="$(pwd)"=. -nostdlib -nostartfiles -static \
  -T link.ld -o prog.elf start.S prog.c
