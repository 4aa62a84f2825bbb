/* Loops that straddle two virtual pages, run hot from S-mode under Sv39. With --jit on, the
   region of the lower page also holds the code it reaches on the page above (src/jit/translate.ts
   NextPage), entered only while that page still maps the frame and code it was compiled from.
   Frame A holds the loops' first halves at its end; frames B1 and B2 hold their second halves
   (the same code except an immediate: the frame's id). Each iteration adds the id of the frame
   it ran to s4, and counts auipc results (on the upper page) that are not the expected address
   in s10.
     1     V -> A, V+4K -> B1: a loop falling from A into B1 and branching back
     2     V+4K -> B2, sfence.vma: the loop must run B2's code
     3     V+4K -> B1 again: B1's code
     4     a store patches B1's immediate (1 -> 3), fence.i: the new code, then patched back
     5     a loop that jumps (not falls) into the upper page calls a hook on each iteration,
           which remaps V+4K to B2 halfway through
     6     A also at V2, with V2+4K -> B2: the same compiled code under two virtual pages whose
           next pages differ, called alternately
   Passes on QEMU 7.2 too. */
#define TEST_NAME "jit-span"
#include "common.h"

#define V   0x40000000                 /* l0[0]; V + 4K is l0[1] */
#define V2  0x40003000                 /* l0[3]; V2 + 4K is l0[4] */
#define PTE_CODE (PTE_V | PTE_R | PTE_X | PTE_A)
#define HOT 20000
#define HOOK_ENTRY  4048               /* offsets in frame A (see below) */
#define HOOK_LOOP   4056
#define PLAIN_ENTRY 4072
#define PLAIN_LOOP  4080
#define B_AUIPC     8                  /* offset in a B frame */

/* A B frame: the loops' second half at offset 0, with branches back into frame A's page. */
.macro FRAMEB id
    .balign 4096
frameb\id:
fb_li\id:
    li t0, \id                         /* 0: patched by test 4 */
    add s4, s4, t0
    auipc t1, 0                        /* B_AUIPC */
    sub t1, t1, s6
    snez t1, t1
    add s10, s10, t1
    addi a0, a0, -1                    /* 24 */
    beqz a0, 1f                        /* 28 */
    bnez s5, . + HOOK_LOOP - 4096 - 32 /* 32: the hook loop's head, on the page below */
    j . + PLAIN_LOOP - 4096 - 36       /* 36: the plain loop's head */
1:  jr s9                              /* 40 */
.endm

/* reg = a leaf PTE for the frame at label (S runs identity-mapped: la gives the physical
   address) */
.macro PTE_OF reg, label
    la \reg, \label
    srli \reg, \reg, 12
    slli \reg, \reg, 10
    ori \reg, \reg, PTE_CODE
.endm

/* Point l0[index] at the frame at label, then sfence.vma. */
.macro MAP index, label
    PTE_OF t1, \label
    la t0, l0 + (\index) * 8
    sd t1, 0(t0)
    sfence.vma
.endm

/* Run the plain loop at va for n iterations; fail unless s4 = sum and every auipc on the
   upper page gave va + 4K + B_AUIPC. */
.macro PLAIN va, n, sum
    li a0, \n
    li s4, 0
    li s5, 0
    li s10, 0
    li s6, \va + 4096 + B_AUIPC
    li t2, \va + PLAIN_ENTRY
    jalr ra, 0(t2)
    CHECK s4, \sum
    CHECK s10, 0
.endm

TEST_MAIN
    /* Sv39: root[0] devices, root[1] -> l1 -> l0 (the test's pages), root[2] identity over
       0x8000_0000 (code, data, tables, and the frames for the patch of test 4). */
    PTE_PA root, 0, 0x00000000, PTE_LEAF_RWX
    PTE_LA root, 1, l1, PTE_V
    PTE_PA root, 2, 0x80000000, PTE_LEAF_RWX
    PTE_LA l1, 0, l0, PTE_V
    PTE_LA l0, 0, framea, PTE_CODE
    PTE_LA l0, 1, frameb1, PTE_CODE
    PTE_LA l0, 3, framea, PTE_CODE
    PTE_LA l0, 4, frameb2, PTE_CODE
    SATP_SET SATP_SV39, root
    LOWER_BEGIN PRV_S

    TEST 1
    PLAIN V, HOT, HOT
    TEST 2
    MAP 1, frameb2
    PLAIN V, HOT, 2 * HOT
    TEST 3
    MAP 1, frameb1
    PLAIN V, HOT, HOT

    TEST 4                             /* li t0, 1 -> li t0, 3 in B1, through the identity map */
    la t3, fb_li1
    lw s0, 0(t3)
    li t4, (3 << 20) | (5 << 7) | 0x13 /* addi t0, zero, 3 */
    sw t4, 0(t3)
    fence.i
    PLAIN V, HOT, 3 * HOT
    sw s0, 0(t3)
    fence.i
    PLAIN V, HOT, HOT

    TEST 5                             /* iterations 1..9999 on B1, 10000..20000 on B2 */
    li a0, HOT
    li s1, 0
    li s3, HOT / 2
    li s4, 0
    li s5, 1
    li s10, 0
    li s6, V + 4096 + B_AUIPC
    PTE_OF s8, frameb2
    la s11, l0 + 8
    la s7, remap_hook
    li t2, V + HOOK_ENTRY
    jalr ra, 0(t2)
    CHECK s4, (HOT / 2 - 1) + 2 * (HOT / 2 + 1)
    CHECK s10, 0
    MAP 1, frameb1

    TEST 6                             /* V -> A, B1 and V2 -> A, B2, alternately */
    li s0, 400
1:  PLAIN V, 50, 50
    PLAIN V2, 50, 100
    addi s0, s0, -1
    bnez s0, 1b

    LOWER_END
    csrw satp, zero
    sfence.vma
    TEST_PASS

/* The hook loop calls it with s1 = the iteration: at iteration s3 it points l0[1] (at s11) at
   s8 and fences; the loop then falls into whatever V + 4K maps. */
remap_hook:
    bne s1, s3, 1f
    sd s8, 0(s11)
    sfence.vma
1:  ret

.option push
.option norvc
    .balign 4096
framea:
    .org framea + HOOK_ENTRY
    mv s9, ra
    li s1, 0
    .org framea + HOOK_LOOP
    addi s1, s1, 1
    jalr ra, 0(s7)
    add s3, s3, zero
    j . + 4096 - 4068                  /* 4068: into the upper page, by a jump */
    .org framea + PLAIN_ENTRY
    mv s9, ra
    li s1, 0
    .org framea + PLAIN_LOOP
    addi s1, s1, 1
    add s3, s3, s1
    add s3, s3, s1
    add s3, s3, s1                     /* 4092: falls into the upper page */
    FRAMEB 1
    FRAMEB 2
.option pop

    .section .pages, "aw", @nobits
    .balign 4096
root:   .fill 4096, 1, 0
l1:     .fill 4096, 1, 0
l0:     .fill 4096, 1, 0
