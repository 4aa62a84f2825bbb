#!/bin/sh
# Builds roms/xv6-virtio/virtio-disk.elf, the xv6-style virtio disk driver test (see
# roms/xv6-virtio/README.md), with Debian's riscv64-unknown-elf toolchain. The ELF is
# committed, so test/xv6-virtio.test.ts needs no toolchain.
# Usage: roms/build-xv6-virtio.sh            build
#        QEMU=1 roms/build-xv6-virtio.sh     build, then run it on qemu-system-riscv64 as xv6's
#                                            Makefile runs xv6 (on a scratch 64 KiB disk)
set -eu
cd "$(dirname "$0")/xv6-virtio"
CC=${CC:-riscv64-unknown-elf-gcc}
CFLAGS="-march=rv64imac_zicsr -mabi=lp64 -mcmodel=medany -mno-relax -O2 -Wall -Wextra
  -ffreestanding -fno-builtin -fno-tree-loop-distribute-patterns -fno-stack-protector"
LDFLAGS="-nostdlib -nostartfiles -static -T link.ld -Wl,--build-id=none -Wl,--no-warn-rwx-segments"
# compile and link separately so the ELF names its objects, not random temporaries: reproducible
$CC $CFLAGS -c -o start.o start.S
$CC $CFLAGS -c -o virtio-disk.o virtio-disk.c
$CC $CFLAGS $LDFLAGS -o virtio-disk.elf start.o virtio-disk.o
rm -f start.o virtio-disk.o
if [ "${QEMU:-0}" = 1 ]; then
  img=$(mktemp)
  head -c 65536 /dev/zero > "$img"
  timeout 30 qemu-system-riscv64 -machine virt -bios none -m 128M -nographic -monitor none -serial stdio \
    -global virtio-mmio.force-legacy=false \
    -drive file="$img",if=none,format=raw,id=x0 -device virtio-blk-device,drive=x0,bus=virtio-mmio-bus.0 \
    -kernel virtio-disk.elf || echo "qemu exit status $?"
  rm -f "$img"
fi
