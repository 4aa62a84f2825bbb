/* Entry of the xv6-style virtio disk driver test (roms/xv6-virtio/README.md): QEMU virt with
 * -bios none starts every hart at 0x8000_0000 in M-mode. Hart 0 runs main() on its own stack;
 * the others sleep. main's return value is the exit status, reported through the virt test
 * finisher at 0x10_0000 (0x5555: pass; status << 16 | 0x3333: fail). */
  .section .text.init
  .globl _start
_start:
  csrr t0, mhartid
  bnez t0, park
  la sp, stack_top
  la t0, trap
  csrw mtvec, t0
  call main
  li t0, 0x100000
  beqz a0, pass
  slli a0, a0, 16
  li t1, 0x3333
  or a0, a0, t1
  sw a0, 0(t0)
  j park
pass:
  li t1, 0x5555
  sw t1, 0(t0)
park:
  wfi
  j park

/* Any exception (an access fault on a register the machine lacks, say) ends the run with a
 * line saying so, instead of looping on mtvec = 0. */
  .balign 4
trap:
  csrr a0, mcause
  csrr a1, mepc
  csrr a2, mtval
  call trap_report
  li t0, 0x100000
  li t1, (102 << 16) | 0x3333
  sw t1, 0(t0)
  j park

  .bss
  .balign 16
  .space 16384
stack_top:
