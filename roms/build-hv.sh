#!/bin/sh
# Builds the hypervisor directed tests roms/hv/*.S into roms/hv/<name>.elf (S-mode payloads
# at 0x8020_0000, see roms/hv/README.md) with Debian's riscv64-unknown-elf toolchain. The ELFs
# are committed, so the tests need no toolchain.
# Usage: roms/build-hv.sh [name ...]          build (default: all)
#        QEMU=1 roms/build-hv.sh [name ...]   build, run each on qemu-system-riscv64 under
#                                             OpenSBI's fw_dynamic.bin and compare with
#                                             <name>.expected (written when missing)
#        QEMU=update roms/build-hv.sh ...     the same, but rewrite <name>.expected
#        RVISOR=1 roms/build-hv.sh ...        run each on rvisor (dist/cli.js: `npm run build`
#                                             first) and compare; RVISOR_ARGS picks the mode
#                                             (default "--bios opensbi": bare mode under
#                                             OpenSBI, like QEMU)
# OPENSBI=FILE overrides the firmware (default: the one rvisor caches, Debian's OpenSBI 1.1:
# $RVISOR_CACHE_DIR or ${XDG_CACHE_HOME:-~/.cache}/rvisor, then guests/opensbi/fw_dynamic.bin;
# `node roms/images.mjs` fetches it).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/hv"
CC=${CC:-riscv64-unknown-elf-gcc}
CFLAGS="-march=rv64imafdc_zicsr_zifencei -mabi=lp64d -mcmodel=medany -mno-relax"
LDFLAGS="-nostdlib -nostartfiles -static -Wl,--build-id=none"
cache=${RVISOR_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/rvisor}
OPENSBI=${OPENSBI:-$cache/guests/opensbi/fw_dynamic.bin}
if [ $# -eq 0 ]; then set -- *.S; fi
if [ "${QEMU:-0}" != 0 ] && [ ! -f "$OPENSBI" ]; then
  echo "no $OPENSBI: run 'node roms/images.mjs' (or set OPENSBI)" >&2
  exit 1
fi

# The program's own lines: from "START <name>" on (drops the firmware's banner), no CRs
# (OpenSBI's console writes "\r\n").
filter() { tr -d '\r' | sed -n '/^START hv-/,$p'; }
# The sweeper's fault count depends on the machine's memory map and the firmware's PMP.
normalize() { sed 's/^SWEEP faults=0x[0-9a-f]*/SWEEP faults=*/'; }

# run NAME COMMAND...: the filtered output of COMMAND (the holder never stops: 5 s)
run() {
  name=$1; shift
  case $name in
    hv-isolation-holder) t=5 ;;
    *) t=90 ;;
  esac
  timeout "$t" "$@" </dev/null 2>/dev/null | filter || true
}

# a finished run: "DONE <name>" (the holder: "HOLDER READY"), no failed check, no stray trap
complete() { # name output-file
  case $1 in
    hv-isolation-holder) grep -q '^HOLDER READY$' "$2" ;;
    *) grep -q "^DONE $1\$" "$2" ;;
  esac && ! grep -q -e '^FAILED CHECKS' -e '^UNEXPECTED TRAP' "$2"
}

compare() { # name output-file
  if [ -f "$1.expected" ] && normalize <"$1.expected" | cmp -s - "$2.norm"; then
    echo "ok    $1"
  else
    echo "DIFF  $1 (expected vs this run):"
    normalize <"$1.expected" | diff - "$2.norm" || true
    status=1
  fi
}

status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for src in "$@"; do
  name=$(basename "$src" .S)
  src=$name.S
  case $name in hv-smp) smp=2 ;; *) smp=1 ;; esac
  # assemble and link separately so that the ELF names $name.o, not a random temporary
  $CC $CFLAGS -c -o "$tmp/$name.o" "$src"
  (cd "$tmp" && $CC $CFLAGS $LDFLAGS -T "$here/hv/link.ld" -o "$here/hv/$name.elf" "$name.o")
  if [ "${QEMU:-0}" != 0 ]; then
    out=$tmp/$name.qemu
    run "$name" qemu-system-riscv64 -M virt -m 128M -smp "$smp" -nographic -bios "$OPENSBI" \
      -kernel "$name.elf" >"$out"
    normalize <"$out" >"$out.norm"
    if ! complete "$name" "$out"; then
      echo "FAIL  $name on QEMU:"; cat "$out"; status=1
    elif [ "$name" = hv-dbcn ] && grep -q '^dbcn probe: 0x0$' "$out"; then
      # hv-dbcn.expected is written from the SBI 2.0 spec; OpenSBI 1.1 implements SBI 1.0
      echo "skip  $name (this SBI has no DBCN extension)"
    elif [ "$QEMU" = update ] || [ ! -f "$name.expected" ]; then
      cp "$out" "$name.expected"
      echo "wrote $name.expected"
    else
      compare "$name" "$out"
    fi
  fi
  if [ "${RVISOR:-0}" != 0 ]; then
    out=$tmp/$name.rvisor
    # shellcheck disable=SC2086 # RVISOR_ARGS is a list of options
    run "$name" node "$here/../dist/cli.js" run ${RVISOR_ARGS:---bios opensbi} --kernel "$name.elf" \
      --mem 128M --smp "$smp" --timeout 60 >"$out"
    normalize <"$out" >"$out.norm"
    if [ "$name" = hv-dbcn ] && grep -q '^dbcn probe: 0x0$' "$out"; then
      echo "skip  $name on rvisor (this SBI has no DBCN extension)"
    else
      compare "$name" "$out"
    fi
  fi
done
exit $status
