/*
 * hv-sta: SBI steal-time accounting (SBI 2.0, ext-steal-time) as rvisor's hypervisor offers
 * it. Not compared with QEMU (OpenSBI 1.1 has no STA). Checks the argument rules of
 * sbi_steal_time_set_shmem (flags != 0 and a misaligned address: INVALID_PARAM; memory
 * outside RAM: INVALID_ADDRESS; all ones: disable), registers a record, then stays busy for
 * about `busy_ticks` of the timebase and prints the steal time the record shows (its sequence
 * must be even when read): with another busy guest on the core it grows, alone it stays near 0.
 */
#define PROG "hv-sta"
#include "hv.h"

#define SBI_EXT_STA 0x535441

HV_MAIN
  li a0, SBI_EXT_STA
  SBI SBI_EXT_BASE, 3
  CHECK "sta probe", a1, 1
  la a0, sta_rec
  li a1, 0
  li a2, 1
  SBI SBI_EXT_STA, 0
  CHECK "sta flags", a0, -3
  la a0, sta_rec
  addi a0, a0, 8
  li a1, 0
  li a2, 0
  SBI SBI_EXT_STA, 0
  CHECK "sta misaligned", a0, -3
  li a0, 0x1000
  li a1, 0
  li a2, 0
  SBI SBI_EXT_STA, 0
  CHECK "sta outside ram", a0, -5
  la a0, sta_rec
  li a1, 1
  li a2, 0
  SBI SBI_EXT_STA, 0
  CHECK "sta high address", a0, -5
  la a0, sta_rec
  li a1, 0
  li a2, 0
  SBI SBI_EXT_STA, 0
  CHECK "sta set", a0, 0
  la t0, sta_rec
  ld s2, 8(t0)                   /* steal at registration */
  /* busy: until busy_ticks of time have passed */
  rdtime s3
  la t0, busy_ticks
  ld t0, 0(t0)
  add s3, s3, t0
1: rdtime t1
  bltu t1, s3, 1b
  /* a consistent read: sequence even and unchanged around the steal value */
2: la t0, sta_rec
  lwu t1, 0(t0)
  andi t2, t1, 1
  bnez t2, 2b
  ld s4, 8(t0)
  lwu t2, 0(t0)
  bne t1, t2, 2b
  sub s4, s4, s2                 /* steal while busy, ns */
  li t0, 1000000
  divu s5, s4, t0
  PRINT "sta steal ms", s5
  li a0, -1
  li a1, -1
  li a2, 0
  SBI SBI_EXT_STA, 0
  CHECK "sta off", a0, 0
  HV_DONE

  .data
  .balign 8
  .globl busy_ticks
busy_ticks: .dword 5000000       /* 0.5 s at 10 MHz */
  .bss
  .balign 64
sta_rec: .space 64
