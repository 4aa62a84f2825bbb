/*
 * hv-isolation-holder: one half of the isolation test (the other is hv-isolation-sweeper,
 * run at the same time in another VM on the same hypervisor). It fills the 16 MiB of RAM
 * after its image with the 64-byte pattern of isolation.h, prints where, prints
 * "HOLDER READY", and then runs for ever: a timer tick (SBI set_timer) every 50 ms wakes it
 * from wfi, and each tick re-checks 1 MiB of the fill (all of it every 16 ticks). If the fill
 * ever changes it prints "HOLDER CORRUPTED at: <address>" (once). The test kills it.
 * Needs about 19 MiB of RAM above 0x8020_0000 (the device tree must not be there: QEMU and
 * rvisor put it at the top of RAM).
 */
#define PROG "hv-isolation-holder"
#include "hv.h"
#include "isolation.h"

#define FILL_SIZE (16 << 20)
#define CHUNK (1 << 20)
#define TICK 500000              /* 50 ms at QEMU virt's 10 MHz timebase */

HV_MAIN
  ISO_PATTERN s2, s3, s4, s5, s6, s7, s8, s9
  la s10, _end                   /* page-aligned */
  li t0, FILL_SIZE
  add s11, s10, t0
  mv a0, s10
1: sd s2, 0(a0)
  sd s3, 8(a0)
  sd s4, 16(a0)
  sd s5, 24(a0)
  sd s6, 32(a0)
  sd s7, 40(a0)
  sd s8, 48(a0)
  sd s9, 56(a0)
  addi a0, a0, 64
  bltu a0, s11, 1b
  fence
  PRINT "holder fill start", s10
  PRINT "holder fill end", s11
  SAY "HOLDER READY"
  mv s1, s10                     /* next chunk to check */
  li s0, 0                       /* reported a corruption */

tick:
  la t0, hv_frame
  ld a5, F_COUNT(t0)
  rdtime a0
  li t0, TICK
  add a0, a0, t0
  SBI SBI_EXT_TIME, 0
  li t0, SIP_STIP
  csrs sie, t0
  WAIT_TRAP a5
  /* check [s1, s1 + CHUNK) */
  mv a0, s1
  li t0, CHUNK
  add a1, s1, t0
2: ld t0, 0(a0)
  bne t0, s2, bad
  ld t0, 8(a0)
  bne t0, s3, bad
  ld t0, 16(a0)
  bne t0, s4, bad
  ld t0, 24(a0)
  bne t0, s5, bad
  ld t0, 32(a0)
  bne t0, s6, bad
  ld t0, 40(a0)
  bne t0, s7, bad
  ld t0, 48(a0)
  bne t0, s8, bad
  ld t0, 56(a0)
  bne t0, s9, bad
  addi a0, a0, 64
  bltu a0, a1, 2b
  j next
bad:
  bnez s0, next
  li s0, 1
  PRINT "HOLDER CORRUPTED at", a0
next:
  li t0, CHUNK
  add s1, s1, t0
  bltu s1, s11, tick
  mv s1, s10
  j tick
