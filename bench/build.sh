#!/bin/sh
# Builds every bench program (bench/programs/<name>.c, except lib.c) into
# bench/programs/<name>.elf. The ELFs are committed, so `npm run bench` does
# not need a cross compiler; rerun this after changing a program.
set -eu
cd "$(dirname "$0")/programs"

CC=${CC:-riscv64-unknown-elf-gcc}
COMMON="-O2 -mcmodel=medany \
  -ffreestanding -fno-common -fno-pic -fno-stack-protector \
  -fno-asynchronous-unwind-tables -fno-isolate-erroneous-paths-dereference -Wall -Wextra -Werror"
# The integer programs are RV64IMAC without FP (soft-float ABI); the FP ones
# (FP_PROGRAMS) are RV64GC with the double-float ABI, and crt.S turns the FPU on.
INT_ARCH="-march=rv64imac_zicsr -mabi=lp64"
FP_ARCH="-march=rv64gc -mabi=lp64d"
FP_PROGRAMS="nbody fmatmul integrate"
LDFLAGS="-nostdlib -nostartfiles -static -T link.ld -Wl,--build-id=none -Wl,--no-warn-rwx-segments"

"$CC" --version | head -n 1
for src in *.c; do
  name=${src%.c}
  [ "$name" = lib ] && continue
  case " $FP_PROGRAMS " in
    *" $name "*) ARCH=$FP_ARCH ;;
    *) ARCH=$INT_ARCH ;;
  esac
  # shellcheck disable=SC2086
  "$CC" $ARCH $COMMON $LDFLAGS -o "$name.elf" crt.S lib.c "$src" -lgcc
  echo "built $name.elf"
done
