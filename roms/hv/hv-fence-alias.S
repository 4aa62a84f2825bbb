/*
 * hv-fence-alias: sfence.vma by address when other pages share the translation's TLB slot.
 * Three virtual pages whose page numbers agree in their low 10 bits (A = 0x4000_0000, B = A +
 * 4 MiB, C = A + 8 MiB: one slot of any direct-mapped TLB of up to 1024 entries, rvisor's
 * included) are used together every round: A loaded (with and without sstatus.SUM, two data
 * views), B loaded and stored, C's code called (a fetch); and D = A + 4 KiB, a slot of its
 * own, whose code is called (its slot holds a fetch translation alone), and E = A + 8 KiB,
 * loaded and stored (its slot holds data translations alone). Then all five PTEs are switched
 * to their other page, each is fenced by its own address (A to D in an order that rotates, E
 * last), and only then are all five used again: each must show its new page. A fence for one page
 * must not forget that its slot still holds the others' translations, and a slot holding only
 * fetch or only data translations must be found (rvisor keeps a bit per set and slot, set by every fill and
 * cleared only when nothing is left there). Values are checked only after all the fences,
 * since before its own fence either translation of a page may legally be used.
 */
#define PROG "hv-fence-alias"
#include "hv.h"

#define VA_A 0x40000000
#define VA_B 0x40400000
#define VA_C 0x40800000
#define VA_D 0x40001000
#define VA_E 0x40002000
#define ROUNDS 32

/* the leaf for the page at address reg with flags, into t1 */
.macro LEAF_OF reg, flags
  srli t1, \reg, 12
  slli t1, t1, 10
  ori t1, t1, \flags
.endm
#define DATA (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#define CODE (PTE_V | PTE_R | PTE_X | PTE_A)

HV_MAIN
  /* data pages: A's two pages hold 0xa0 / 0xa1, B's 0xb0 / 0xb1 */
  la t0, pa0
  li t1, 0xa0
  sd t1, 0(t0)
  la t0, pa1
  li t1, 0xa1
  sd t1, 0(t0)
  la t0, pb0
  li t1, 0xb0
  sd t1, 0(t0)
  la t0, pb1
  li t1, 0xb1
  sd t1, 0(t0)
  la t0, pe0
  li t1, 0xe0
  sd t1, 0(t0)
  la t0, pe1
  li t1, 0xe1
  sd t1, 0(t0)
  /* C's two code pages: li a0, 0xc0 (0xc1); ret */
  la t0, pc0
  li t1, 0x0c000513
  sw t1, 0(t0)
  li t1, 0x00008067
  sw t1, 4(t0)
  la t0, pc1
  li t1, 0x0c100513
  sw t1, 0(t0)
  li t1, 0x00008067
  sw t1, 4(t0)
  /* D's: li a0, 0xd0 (0xd1); ret */
  la t0, pd0
  li t1, 0x0d000513
  sw t1, 0(t0)
  li t1, 0x00008067
  sw t1, 4(t0)
  la t0, pd1
  li t1, 0x0d100513
  sw t1, 0(t0)
  li t1, 0x00008067
  sw t1, 4(t0)
  fence.i

  /* Sv39: root[2] identity gigapage for the program, root[1] -> l1 -> one L0 table each */
  IDENT root
  PTR root, 1, l1
  PTR l1, 0, l0a
  PTR l1, 2, l0b
  PTR l1, 4, l0c
  la t2, pa0
  LEAF_OF t2, DATA
  la t0, l0a
  sd t1, 0(t0)
  la t2, pb0
  LEAF_OF t2, DATA
  la t0, l0b
  sd t1, 0(t0)
  la t2, pc0
  LEAF_OF t2, CODE
  la t0, l0c
  sd t1, 0(t0)
  la t2, pd0
  LEAF_OF t2, CODE
  la t0, l0a
  sd t1, 8(t0)
  la t2, pe0
  LEAF_OF t2, DATA
  la t0, l0a
  sd t1, 16(t0)
  SATP 8, 0, root

  li s2, 0                       /* round */
  li s3, 0                       /* which page each maps now: 0 or 1 */
  li s4, 0                       /* wrong values seen after their fence */
  li s5, 0                       /* sum of the values read, all rounds */
1:
  /* use all three: fill their slot in several views and kinds */
  li t0, VA_A
  ld t1, 0(t0)
  add s5, s5, t1
  li t2, SSTATUS_SUM
  csrs sstatus, t2
  ld t1, 0(t0)
  add s5, s5, t1
  csrc sstatus, t2
  li t0, VA_B
  ld t1, 0(t0)
  sd t1, 0(t0)
  add s5, s5, t1
  li t0, VA_C
  jalr ra, 0(t0)
  add s5, s5, a0
  li t0, VA_D
  jalr ra, 0(t0)
  add s5, s5, a0
  li t0, VA_E
  ld t1, 0(t0)
  sd t1, 0(t0)
  add s5, s5, t1

  /* switch all five to their other page */
  xori s3, s3, 1
  la t0, l0a
  la t2, pa0
  beqz s3, 2f
  la t2, pa1
2: LEAF_OF t2, DATA
  sd t1, 0(t0)
  la t0, l0b
  la t2, pb0
  beqz s3, 2f
  la t2, pb1
2: LEAF_OF t2, DATA
  sd t1, 0(t0)
  la t0, l0c
  la t2, pc0
  beqz s3, 2f
  la t2, pc1
2: LEAF_OF t2, CODE
  sd t1, 0(t0)
  la t0, l0a
  la t2, pd0
  beqz s3, 2f
  la t2, pd1
2: LEAF_OF t2, CODE
  sd t1, 8(t0)
  la t0, l0a
  la t2, pe0
  beqz s3, 2f
  la t2, pe1
2: LEAF_OF t2, DATA
  sd t1, 16(t0)

  /* fence each by its own address (the first A, B, C or D by the round), nothing else between */
  andi t0, s2, 3
  li t3, VA_A
  li t4, VA_B
  li t5, VA_C
  li t6, VA_D
  li t1, 1
  beq t0, t1, 4f
  li t1, 2
  beq t0, t1, 5f
  li t1, 3
  beq t0, t1, 6f
  sfence.vma t3                  /* A B C D */
  sfence.vma t4
  sfence.vma t5
  sfence.vma t6
  j 10f
4: sfence.vma t4                 /* B C D A */
  sfence.vma t5
  sfence.vma t6
  sfence.vma t3
  j 10f
5: sfence.vma t5                 /* C D A B */
  sfence.vma t6
  sfence.vma t3
  sfence.vma t4
  j 10f
6: sfence.vma t6                 /* D A B C */
  sfence.vma t3
  sfence.vma t4
  sfence.vma t5
10: li t0, VA_E
  sfence.vma t0
  /* all fenced: each must show its new page */
  li t0, VA_A
  ld t1, 0(t0)
  addi t2, s3, 0xa0
  call count_wrong
  li t0, VA_B
  ld t1, 0(t0)
  addi t2, s3, 0xb0
  call count_wrong
  li t0, VA_C
  jalr ra, 0(t0)
  mv t1, a0
  addi t2, s3, 0xc0
  call count_wrong
  li t0, VA_D
  jalr ra, 0(t0)
  mv t1, a0
  addi t2, s3, 0xd0
  call count_wrong
  li t0, VA_E
  ld t1, 0(t0)
  addi t2, s3, 0xe0
  call count_wrong
  addi s2, s2, 1
  li t0, ROUNDS
  bltu s2, t0, 1b

  CHECK "rounds", s2, ROUNDS
  CHECK "wrong values after their fence", s4, 0
  PRINT "sum of the values read", s5
  csrw satp, zero
  sfence.vma
  HV_DONE

/* s4 += (t1 != t2) */
count_wrong:
  beq t1, t2, 1f
  addi s4, s4, 1
1: ret

  .section .pages, "aw", @nobits
  .balign 4096
root: .space 4096
l1:   .space 4096
l0a:  .space 4096
l0b:  .space 4096
l0c:  .space 4096
pa0:  .space 4096
pa1:  .space 4096
pb0:  .space 4096
pb1:  .space 4096
pc0:  .space 4096
pc1:  .space 4096
pd0:  .space 4096
pd1:  .space 4096
pe0:  .space 4096
pe1:  .space 4096
