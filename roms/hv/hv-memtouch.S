/*
 * hv-memtouch: a memory-touching workload that checks every word it reads, for the pager's
 * tests and the overcommit benchmark. Over `passes` passes it walks `pages` 4 KiB pages from
 * 0x8040_0000 (forward on even passes, backward on odd ones, so that a clock sees both the
 * worst and a kinder order) and in every word of each page first checks what the previous
 * pass wrote (pass 0: zeros, as untouched RAM must read) and then writes this pass's value,
 * a mix of (seed, pass, page, word). With `sv39` = 1 the pages are reached through Sv39
 * tables of 4 KiB leaves (their table pages get paged out and back in too). With `share` = 1
 * every page of a pass holds the same values (identical pages within a guest, and across
 * guests with the same seed: shareable frames, each write breaking the sharing of one page).
 *
 * The host sets the parameters by writing memtouch_params (an ELF symbol) after loading:
 *   +0 pages, +8 passes, +16 seed, +24 sv39, +32 share   (u64 each)
 * Prints "memtouch pass: 0x<n>" after each pass, then "memtouch errors: 0x<n>" and
 * "memtouch first bad: 0x<address or 0>", and shuts down with reason 0 (no error) or 1.
 * Needs pages * 4 KiB of RAM from 0x8040_0000, below the device tree at the top of RAM.
 */
#define PROG "hv-memtouch"
#include "hv.h"

#define DATA 0x80400000
#define K_PASS 0x9e3779b97f4a7c15
#define K_PAGE 0xbf58476d1ce4e5b9
#define K_MIX  0x94d049bb133111eb

/* value := mix(base + word index): x * K_MIX, then x ^ (x >> 31) (clobbers t3) */
.macro MIX dst, base, w
  add \dst, \base, \w
  li t3, K_MIX
  mul \dst, \dst, t3
  srli t3, \dst, 31
  xor \dst, \dst, t3
.endm

/* base of (pass, page) in dst: seed + pass * K_PASS + page * K_PAGE; with share, seed +
   pass * K_PASS (clobbers t3, t4) */
.macro PAGEBASE dst, pass, page
  li t3, K_PASS
  mul \dst, \pass, t3
  add \dst, \dst, s5
  bnez s6, 8f
  li t3, K_PAGE
  mul t4, \page, t3
  add \dst, \dst, t4
8:
.endm

HV_MAIN
  la t0, memtouch_params
  ld s2, 0(t0)                   /* pages */
  ld s3, 8(t0)                   /* passes */
  ld s5, 16(t0)                  /* seed */
  ld s4, 24(t0)                  /* sv39 */
  ld s6, 32(t0)                  /* share */
  li s7, 0                       /* errors */
  li s8, 0                       /* first bad address */
  beqz s4, run

  /* Sv39: root (L2) -> L1 for the GiB at 0x8000_0000; L1[0] (0x8000_0000) and L1[1]
     (0x8020_0000: this program) are RWX megapages; the data megapages get L0 tables of 4 KiB
     leaves, one table per 2 MiB, in .pages after the two upper tables. */
  la a0, pt_root
  la a1, pt_l1
  srli t0, a1, 12
  slli t0, t0, 10
  ori t0, t0, PTE_V
  sd t0, 16(a0)                  /* root[2]: 0x8000_0000 .. 0xC000_0000 */
  li t0, 0x80000000
  srli t0, t0, 12
  slli t0, t0, 10
  ori t0, t0, PTE_RWX_AD
  sd t0, 0(a1)                   /* L1[0]: megapage 0x8000_0000 */
  li t1, 0x80200000
  srli t1, t1, 12
  slli t1, t1, 10
  ori t1, t1, PTE_RWX_AD
  sd t1, 8(a1)                   /* L1[1]: megapage 0x8020_0000 */
  la a2, pt_l0                   /* next L0 table */
  li a3, 0                       /* page index */
  li a4, DATA
1: bgeu a3, s2, 3f
  andi t0, a3, 511
  bnez t0, 2f
  /* a new L0 table for this megapage: L1[(va >> 21) & 511] -> a2 */
  srli t0, a4, 21
  andi t0, t0, 511
  slli t0, t0, 3
  add t0, t0, a1
  srli t1, a2, 12
  slli t1, t1, 10
  ori t1, t1, PTE_V
  sd t1, 0(t0)
  mv a5, a2
  li t0, 4096
  add a2, a2, t0
2: srli t0, a4, 12               /* L0 leaf for va = a4 (identity) */
  andi t1, t0, 511
  slli t1, t1, 3
  add t1, t1, a5
  slli t0, t0, 10
  ori t0, t0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  sd t0, 0(t1)
  addi a3, a3, 1
  li t0, 4096
  add a4, a4, t0
  j 1b
3: srli t0, a0, 12
  li t1, SATP_SV39
  or t0, t0, t1
  csrw satp, t0
  sfence.vma

run:
  li s9, 0                       /* pass */
pass:
  bgeu s9, s3, done
  li s10, 0                      /* i: the i-th page of this pass */
page:
  bgeu s10, s2, pass_end
  andi t0, s9, 1
  mv s11, s10                    /* even pass: page i; odd pass: pages - 1 - i */
  beqz t0, 1f
  sub s11, s2, s10
  addi s11, s11, -1
1: slli a0, s11, 12
  li t0, DATA
  add a0, a0, t0                 /* the page */
  PAGEBASE a2, s9, s11           /* this pass's values */
  addi t0, s9, -1
  PAGEBASE a3, t0, s11           /* the previous pass's */
  li a1, 0                       /* word */
word:
  ld t0, 0(a0)
  li t1, 0
  beqz s9, 2f
  MIX t1, a3, a1
2: beq t0, t1, 3f
  addi s7, s7, 1                 /* wrong */
  bnez s8, 3f
  mv s8, a0
3: MIX t2, a2, a1
  sd t2, 0(a0)
  addi a0, a0, 8
  addi a1, a1, 1
  li t0, 512
  bltu a1, t0, word
  addi s10, s10, 1
  j page
pass_end:
  addi s9, s9, 1
  PRINT "memtouch pass", s9
  j pass

done:
  csrw satp, zero
  sfence.vma
  PRINT "memtouch errors", s7
  PRINT "memtouch first bad", s8
  CHECK "memtouch ok", s7, 0
  HV_DONE

  .data
  .balign 8
  .globl memtouch_params
memtouch_params:
  .dword 1024                    /* pages */
  .dword 3                       /* passes */
  .dword 0x5eed                  /* seed */
  .dword 0                       /* sv39 */
  .dword 0                       /* share */

  .section .pages, "aw", @nobits
  .balign 4096
pt_root: .space 4096
pt_l1: .space 4096
pt_l0: .space 4096 * 128         /* up to 256 MiB of data pages */
