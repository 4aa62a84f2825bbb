#!/bin/sh
# Builds the demo guest (roms/demo/hello.elf) with Debian's riscv64-unknown-elf toolchain.
# The ELF is committed, so running rvisor needs no cross compiler.
set -e
cd "$(dirname "$0")/demo"
riscv64-unknown-elf-gcc -march=rv64imac_zicsr -mabi=lp64 -nostdlib -nostartfiles -static \
  -Wl,-Ttext=0x80000000 -Wl,-N -o hello.elf hello.S
