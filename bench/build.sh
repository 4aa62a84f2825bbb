#!/bin/sh
# Builds every bench program (bench/programs/<name>.c, except lib.c) into
# bench/programs/<name>.elf. The ELFs are committed, so `npm run bench` does
# not need a cross compiler; rerun this after changing a program.
set -eu
cd "$(dirname "$0")/programs"

CC=${CC:-riscv64-unknown-elf-gcc}
CFLAGS="-O2 -march=rv64imac_zicsr -mabi=lp64 -mcmodel=medany \
  -ffreestanding -fno-common -fno-pic -fno-stack-protector \
  -fno-asynchronous-unwind-tables -fno-isolate-erroneous-paths-dereference -Wall -Wextra -Werror"
LDFLAGS="-nostdlib -nostartfiles -static -T link.ld -Wl,--build-id=none -Wl,--no-warn-rwx-segments"

"$CC" --version | head -n 1
for src in *.c; do
  name=${src%.c}
  [ "$name" = lib ] && continue
  # shellcheck disable=SC2086
  "$CC" $CFLAGS $LDFLAGS -o "$name.elf" crt.S lib.c "$src" -lgcc
  echo "built $name.elf"
done
