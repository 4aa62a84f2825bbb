/* Loads and stores through one base register, hot (compiled with --jit on), where the JIT
   reuses the first access's TLB probe for the others in the block (src/jit/translate.ts
   hostAddress): the reuse must hold only while the access stays on the first one's page. S-mode
   under Sv39; the two virtual pages of each pair map frames that are not adjacent, with a decoy
   frame between them whose contents differ, so an access past the page's end (or before its
   start) that used the first probe's host address would read the decoy (or write it).
     1  the load pair: V -> A, V + 4096 -> C (B, between A and C, is the decoy; D after C);
        every frame holds tag << 32 | offset in each 8-byte word. The loop's base register
        slides over V + 4096 - 64 ... V + 4096 + 56, and each iteration loads at 0, 56, -8, 8
        and 60 (misaligned across the boundary at one base) from it, then stores three of the
        values at 0, 56 and -8 from a base sliding the same way over W (W -> SA, W + 4096 ->
        SC; SB the decoy). The sum of what was loaded is checked.
     2  the store frames' sums: SB (the decoy) is still all zeros.
   The expected values come from a byte-level model of the loop (written for this test, in
   Python); QEMU 7.2 gives the same. */
#define TEST_NAME "jit-anchor"
#include "common.h"

#define V   0x40000000                 /* l0[0], l0[1] */
#define W   0x40010000                 /* l0[16], l0[17] */
#define PTE_DATA (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#define ITERS 40000
#define EXPECT_SUM 0x027f30d019c5e680
#define EXPECT_SA  0x0000019600010dd8
#define EXPECT_SC  0x0000016800000690

/* Fill the frame at label with tag << 32 | offset per 8-byte word. */
.macro FILL label, tag
    la t0, \label
    li t1, \tag << 32
    li t2, 0
1:  or t3, t1, t2
    add t4, t0, t2
    sd t3, 0(t4)
    addi t2, t2, 8
    li t3, 4096
    blt t2, t3, 1b
.endm

/* a0 = the sum of the 8-byte words of the frame at label */
.macro SUM label
    la t0, \label
    li t2, 512
    li a0, 0
1:  ld t3, 0(t0)
    add a0, a0, t3
    addi t0, t0, 8
    addi t2, t2, -1
    bnez t2, 1b
.endm

TEST_MAIN
    FILL fa, 0xA
    FILL fb, 0xB
    FILL fc, 0xC
    FILL fd, 0xD
    /* Sv39: root[0] devices, root[1] -> l1 -> l0 (the test's pages), root[2] identity over
       0x8000_0000 (code, data, tables) */
    PTE_PA root, 0, 0x00000000, PTE_LEAF_RWX
    PTE_LA root, 1, l1, PTE_V
    PTE_PA root, 2, 0x80000000, PTE_LEAF_RWX
    PTE_LA l1, 0, l0, PTE_V
    PTE_LA l0, 0, fa, PTE_DATA
    PTE_LA l0, 1, fc, PTE_DATA
    PTE_LA l0, 16, sa, PTE_DATA
    PTE_LA l0, 17, sc, PTE_DATA
    SATP_SET SATP_SV39, root
    LOWER_BEGIN PRV_S

    TEST 1
    li s0, ITERS
    li s6, V + 4096 - 64
    li s7, W + 4096 - 64
    li s2, 0
    call hot
    CHECK s2, EXPECT_SUM

    LOWER_END
    csrw satp, zero
    sfence.vma

    TEST 2
    SUM sa
    CHECK a0, EXPECT_SA
    SUM sb
    CHECK a0, 0
    SUM sc
    CHECK a0, EXPECT_SC
    TEST_PASS

/* s0 iterations; s2 += a mix of the values loaded. Clobbers t0, s1, s3, a0-a5. */
    .balign 64
hot:
1:  andi t0, s0, 15
    slli t0, t0, 3
    add s1, s6, t0
    ld a0, 0(s1)
    ld a1, 56(s1)
    ld a2, -8(s1)
    ld a3, 8(s1)
    ld a4, 60(s1)
    slli a1, a1, 1
    slli a2, a2, 2
    slli a3, a3, 3
    slli a4, a4, 4
    xor a5, a0, a1
    xor a5, a5, a2
    xor a5, a5, a3
    xor a5, a5, a4
    add s2, s2, a5
    add s3, s7, t0
    sd a0, 0(s3)
    sd a1, 56(s3)
    sd a5, -8(s3)
    addi s0, s0, -1
    bnez s0, 1b
    ret

    .section .pages, "aw", @nobits
    .balign 4096
root:   .fill 4096, 1, 0
l1:     .fill 4096, 1, 0
l0:     .fill 4096, 1, 0
fa:     .fill 4096, 1, 0
fb:     .fill 4096, 1, 0
fc:     .fill 4096, 1, 0
fd:     .fill 4096, 1, 0
sa:     .fill 4096, 1, 0
sb:     .fill 4096, 1, 0
sc:     .fill 4096, 1, 0
