/*
 * hv-superpage-splitter: maps a 2 MiB megapage, reads 8 of its 4 KiB pieces (so the shadow holds
 * them), waits 30 ms (time for another guest to run), then replaces the megapage by a table of
 * 4 KiB pages mapping other data and fences ONE address inside it, which the spec says must drop
 * the whole superpage's translation; counts reads of the other pieces that still see the old
 * data over 20 rounds. Must print 0 alone and next to hv-superpage-fencer.
 */
#define PROG "hv-superpage-splitter"
#include "hv.h"
#define VA_MEGA 0x40200000
HV_MAIN
  la t0, root
  li t1, (0x80000000 >> 2) | PTE_RWX_AD
  sd t1, 16(t0)
  la t1, l1
  srli t1, t1, 12
  slli t1, t1, 10
  ori t1, t1, PTE_V
  sd t1, 8(t0)
  /* R1/R2 tags */
  la t0, r1
  li t1, 0x1000
  li t2, 0
2: sd t2, 0(t0)
  addi t2, t2, 1
  add t0, t0, t1
  li t3, 8
  blt t2, t3, 2b
  la t0, r2
  li t2, 0x100
3: sd t2, 0(t0)
  addi t2, t2, 1
  add t0, t0, t1
  li t3, 0x108
  blt t2, t3, 3b
  la t0, l0s
  la t1, r2
  srli t1, t1, 12
  slli t1, t1, 10
  ori t1, t1, PTE_V|PTE_R|PTE_W|PTE_A|PTE_D
  li t2, 512
4: sd t1, 0(t0)
  addi t0, t0, 8
  addi t1, t1, 0x400
  addi t2, t2, -1
  bnez t2, 4b
  SATP 8, 0, root
  li s2, 0          /* stale reads */
  li s3, 0          /* round */
  li s4, VA_MEGA
1: la t0, r1
  srli t1, t0, 12
  slli t1, t1, 10
  ori t1, t1, PTE_V|PTE_R|PTE_W|PTE_A|PTE_D
  la t0, l1
  sd t1, 8(t0)
  sfence.vma
  li t2, 0
  mv t3, s4
5: ld t4, 0(t3)
  li t5, 0x1000
  add t3, t3, t5
  addi t2, t2, 1
  li t5, 8
  blt t2, t5, 5b
  rdtime s5                      /* 30 ms: let the other guest run */
  li t0, 300000
  add s5, s5, t0
6: rdtime t0
  blt t0, s5, 6b
  la t0, l0s
  srli t1, t0, 12
  slli t1, t1, 10
  ori t1, t1, PTE_V
  la t0, l1
  sd t1, 8(t0)
  sfence.vma s4, zero
  li t2, 1
7: slli t3, t2, 12
  add t3, t3, s4
  ld t4, 0(t3)
  li t5, 0x100
  bge t4, t5, 8f
  addi s2, s2, 1
8: addi t2, t2, 1
  li t5, 8
  blt t2, t5, 7b
  addi s3, s3, 1
  li t5, 20
  blt s3, t5, 1b
  PRINT "stale reads after split + address fence", s2
  HV_DONE
  .section .pages, "aw", @nobits
  .balign 4096
root: .space 4096
l1: .space 4096
l0s: .space 4096
  .balign 0x200000
r1: .space 0x200000
r2: .space 0x200000
