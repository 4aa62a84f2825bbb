/* Sv48 translation in S-mode: four levels with 4 KiB pages, 2 MiB, 1 GiB and 512 GiB
   superpages (low and high half), loads/stores/fetches through each, a misaligned 512 GiB
   page, an invalid PTE, non-canonical addresses (bits 63:48 != bit 47), A/D updates and
   SFENCE.VMA. */
#define TEST_NAME "mmu-sv48"
#include "common.h"

#define VA_4K   0x40000000
#define PG(n) (VA_4K + (n) * 4096)
#define VA_2M   0x40200000
#define VA_1G   0xc0000000              /* l2[3]: alias of 0x8000_0000 */
#define VA_512G 0x8000000000            /* root[1]: 512 GiB page at PA 0 */
#define VA_512G_BAD 0x10000000000       /* root[2]: misaligned */
#define VA_HIGH 0xffff800000000000      /* root[256]: 512 GiB page at PA 0 */
#define PA_2M   0x80200000
#define MARK_OFF 0x3458

.macro S_BEGIN
    SATP_SET SATP_SV48, root
    LOWER_BEGIN PRV_S
.endm

TEST_MAIN
    PTE_LA root, 0, l2, PTE_V
    PTE_PA root, 1, 0, PTE_LEAF_RWX
    PTE_PA root, 2, 0x40000000, PTE_LEAF_RWX
    PTE_PA root, 256, 0, PTE_LEAF_RWX
    PTE_PA l2, 0, 0x00000000, PTE_LEAF_RWX          /* devices */
    PTE_LA l2, 1, l1, PTE_V
    PTE_PA l2, 2, 0x80000000, PTE_LEAF_RWX          /* identity */
    PTE_PA l2, 3, 0x80000000, PTE_LEAF_RWX          /* 1 GiB alias */
    PTE_LA l1, 0, l0, PTE_V
    PTE_PA l1, 1, PA_2M, PTE_LEAF_RWX
    PTE_LA l0, 0, page_a, PTE_LEAF_RWX
    PTE_LA l0, 1, page_b, PTE_V | PTE_R | PTE_A
    PTE_LA l0, 2, page_c, PTE_V | PTE_R | PTE_W      /* A = D = 0 */
    /* l0[3] invalid */
    li t0, 0xaaaa0000aaaa0000
    sd t0, page_a, t1
    li t0, 0xbbbb0000bbbb0000
    sd t0, page_b, t1
    li t0, PA_2M + MARK_OFF
    li t1, 0x2222000022220000
    sd t1, 0(t0)
    li t0, 0x1111000011110000
    sd t0, marker, t1

    TEST 1                              /* 4 KiB and 2 MiB */
    S_BEGIN
    li a1, PG(0)
    ld s2, 0(a1)
    li a1, PG(1)
    ld s3, 0(a1)
    li a1, VA_2M + MARK_OFF
    ld s4, 0(a1)
    li a1, PG(0)
    li t0, 0x4321
    sd t0, 8(a1)
    LOWER_END
    CHECK s2, 0xaaaa0000aaaa0000
    CHECK s3, 0xbbbb0000bbbb0000
    CHECK s4, 0x2222000022220000
    ld t0, page_a + 8
    CHECK t0, 0x4321
    TEST 2                              /* 1 GiB and 512 GiB, low and high half */
    S_BEGIN
    la a2, marker
    li t0, VA_1G - 0x80000000
    add a1, a2, t0
    ld s2, 0(a1)
    li t0, VA_512G
    add a1, a2, t0
    ld s3, 0(a1)
    li t0, VA_HIGH
    add a1, a2, t0
    ld s4, 0(a1)
    li t0, 0x99
    sd t0, 8(a1)
    LOWER_END
    CHECK s2, 0x1111000011110000
    CHECK s3, 0x1111000011110000
    CHECK s4, 0x1111000011110000
    ld t0, marker + 8
    CHECK t0, 0x99
    TEST 3                              /* devices through the 512 GiB page: mtime advances */
    S_BEGIN
    li a1, VA_512G + CLINT_MTIME
    ld s2, 0(a1)
    li t0, 100000
1:  ld s3, 0(a1)
    bne s3, s2, 2f
    addi t0, t0, -1
    bnez t0, 1b
2:  LOWER_END
    bgtu s3, s2, 3f
    j fail
3:  TEST 4                              /* fetch through 512 GiB pages */
    S_BEGIN
    la a2, get_pc
    li t0, VA_512G
    add a1, a2, t0
    jalr ra, 0(a1)
    mv s2, a0
    li t0, VA_HIGH
    add a1, a2, t0
    jalr ra, 0(a1)
    mv s3, a0
    LOWER_END
    la t0, get_pc
    li t1, VA_512G
    add t1, t1, t0
    CHECK_EQ s2, t1
    li t1, VA_HIGH
    add t1, t1, t0
    CHECK_EQ s3, t1
    TEST 5                              /* page faults */
    S_BEGIN
    li a1, PG(3) + 8
    EXPECT_TRAP
    ld a0, 0(a1)
    mv s2, tp
    ld s3, m_last + LAST_TVAL
    li a1, VA_512G_BAD + 0x80000000
    EXPECT_TRAP
    ld a0, 0(a1)
    mv s4, tp
    ld s5, m_last + LAST_TVAL
    li a1, PG(1)
    EXPECT_TRAP
    sd a0, 0(a1)                        /* read-only page */
    mv s6, tp
    LOWER_END
    CHECK s2, CAUSE_LOAD_PAGE
    CHECK s3, PG(3) + 8
    CHECK s4, CAUSE_LOAD_PAGE
    CHECK s5, VA_512G_BAD + 0x80000000
    CHECK s6, CAUSE_STORE_PAGE
    TEST 6                              /* non-canonical */
    S_BEGIN
    li a1, 0x0000800000000000
    EXPECT_TRAP
    ld a0, 0(a1)
    mv s2, tp
    li a1, 0xffff000080000000
    EXPECT_TRAP
    sd a0, 0(a1)
    mv s3, tp
    li a1, 0x0001000080000000
    EXPECT_TRAP
    jalr ra, 0(a1)
    mv s4, tp
    LOWER_END
    CHECK s2, CAUSE_LOAD_PAGE
    CHECK s3, CAUSE_STORE_PAGE
    CHECK s4, CAUSE_FETCH_PAGE
    TEST 7                              /* A and D */
    S_BEGIN
    li a1, PG(2)
    ld a0, 0(a1)
    LOWER_END
    PTE_GET t0, l0, 2
    CHECK_MASK t0, PTE_A | PTE_D, PTE_A
    S_BEGIN
    li a1, PG(2)
    sd a0, 8(a1)
    LOWER_END
    PTE_GET t0, l0, 2
    CHECK_MASK t0, PTE_A | PTE_D, PTE_A | PTE_D
    TEST 8                              /* sfence.vma after a change at level 3 */
    S_BEGIN
    la a2, marker
    li t0, VA_512G
    add a1, a2, t0
    ld s2, 0(a1)
    PTE_PA root, 1, 0, 0
    sfence.vma
    EXPECT_TRAP
    ld s3, 0(a1)
    mv s4, tp
    PTE_PA root, 1, 0, PTE_LEAF_RWX
    sfence.vma
    ld s5, 0(a1)
    LOWER_END
    CHECK s2, 0x1111000011110000
    CHECK s4, CAUSE_LOAD_PAGE
    CHECK s5, 0x1111000011110000
    csrw satp, zero
    sfence.vma
    TEST_PASS

get_pc:
    auipc a0, 0
    ret

    .data
    .balign 8
marker: .dword 0, 0
    .section .pages, "aw", @nobits
    .balign 4096
root:   .fill 4096, 1, 0
l2:     .fill 4096, 1, 0
l1:     .fill 4096, 1, 0
l0:     .fill 4096, 1, 0
page_a: .fill 4096, 1, 0
page_b: .fill 4096, 1, 0
page_c: .fill 4096, 1, 0
