#!/bin/sh
# Builds every roms/tests/*.S into roms/tests/<name>.elf with the bare-metal RISC-V toolchain
# (Debian: gcc-riscv64-unknown-elf). The ELFs are committed, so `npm test` needs no toolchain.
# Usage: roms/build-tests.sh [name ...]      (default: all tests)
#        QEMU=1 roms/build-tests.sh          (also run each ELF on qemu-system-riscv64)
set -eu
cd "$(dirname "$0")/tests"
CC=${CC:-riscv64-unknown-elf-gcc}
# FP tests (rv64f*, rv64d*, fp-*, jit-fp*) are built for RV64GC with the double-float ABI, zb with the
# bit-manipulation extensions; every other test for RV64IMAC without FP.
CFLAGS_INT="-march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany -mno-relax"
CFLAGS_FP="-march=rv64imafdc_zicsr_zifencei -mabi=lp64d -mcmodel=medany -mno-relax"
CFLAGS_ZB="-march=rv64imac_zicsr_zifencei_zba_zbb_zbc_zbs -mabi=lp64 -mcmodel=medany -mno-relax"
LDFLAGS="-nostdlib -nostartfiles -static -T link.ld"
if [ $# -eq 0 ]; then set -- *.S; fi
status=0
for src in "$@"; do
  name=$(basename "$src" .S)
  case "$name" in
    rv64f*|rv64d*|fp-*|jit-fp*) CFLAGS=$CFLAGS_FP ;;
    zb|jit-amo-zb) CFLAGS=$CFLAGS_ZB ;;
    *) CFLAGS=$CFLAGS_INT ;;
  esac
  # assemble and link separately so that the ELF names $name.o, not a random temporary:
  # the output is reproducible
  $CC $CFLAGS -c -o "$name.o" "$name.S"
  $CC $CFLAGS $LDFLAGS -o "$name.elf" "$name.o"
  rm -f "$name.o"
  if [ "${QEMU:-0}" = 1 ]; then
    if out=$(timeout 20 qemu-system-riscv64 -machine virt -bios none -m 128M -nographic -kernel "$name.elf" 2>&1); then
      echo "$out"
    else
      rc=$?
      echo "$out"
      echo "qemu exit status $rc for $name"
      status=1
    fi
  fi
done
exit $status
