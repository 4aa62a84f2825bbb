/* Sv39 translation in S-mode: 4 KiB pages, 2 MiB and 1 GiB superpages, a high-half
   (sign-extended) address, loads/stores/fetches through each, misaligned superpages, invalid
   PTEs, W-without-R, a non-leaf PTE at level 0 and non-canonical addresses (page faults 12/13/15
   with tval = virtual address), hardware A/D updates (QEMU 7.2 sets them, so does rvisor),
   SFENCE.VMA after a PTE change (global and by address, and by an address inside a 2 MiB
   superpage, which must drop the whole superpage), a misaligned load and a 4-byte
   instruction crossing two virtual pages that are not physically contiguous, a fetch whose
   second half faults (tval = address of that half), and page faults delegated to S. */
#define TEST_NAME "mmu-sv39"
#include "common.h"

#define VA_4K   0x40000000          /* L0 pages: VA_4K + n * 4096 */
#define VA_2M   0x40200000
#define VA_2M_BAD 0x40400000
#define VA_1G   0xc0000000          /* alias of 0x8000_0000 */
#define VA_1G_BAD 0x100000000
#define VA_HIGH 0xffffffffc0000000  /* root[511]: alias of 0x8000_0000 */
#define PA_2M   0x80200000
#define PA_2M2  0x80600000          /* where TEST 20 moves the 2 MiB page */
#define MARK_OFF 0x123458
#define PG(n) (VA_4K + (n) * 4096)

.macro S_BEGIN
    SATP_SET SATP_SV39, root
    LOWER_BEGIN PRV_S
.endm

TEST_MAIN
    /* ---- build the tables ---- */
    PTE_PA root, 0, 0x00000000, PTE_LEAF_RWX        /* devices */
    PTE_LA root, 1, l1, PTE_V
    PTE_PA root, 2, 0x80000000, PTE_LEAF_RWX        /* identity: code and data */
    PTE_PA root, 3, 0x80000000, PTE_LEAF_RWX        /* 1 GiB alias */
    PTE_PA root, 4, 0x80200000, PTE_LEAF_RWX        /* misaligned 1 GiB */
    PTE_PA root, 511, 0x80000000, PTE_LEAF_RWX      /* high half */
    PTE_LA l1, 0, l0, PTE_V
    PTE_PA l1, 1, PA_2M, PTE_LEAF_RWX               /* 2 MiB */
    PTE_PA l1, 2, PA_2M + 0x1000, PTE_LEAF_RWX      /* misaligned 2 MiB */
    PTE_LA l0, 0, page_a, PTE_LEAF_RWX
    PTE_LA l0, 1, page_b, PTE_V | PTE_R | PTE_A
    PTE_LA l0, 2, page_c, PTE_V | PTE_R | PTE_W      /* A = D = 0 */
    PTE_LA l0, 3, page_c, PTE_V | PTE_R | PTE_W | PTE_A
    PTE_LA l0, 4, page_e, PTE_LEAF_RWX               /* VA pages 4, 5 -> PA e, d (d < e) */
    PTE_LA l0, 5, page_d, PTE_LEAF_RWX
    /* l0[6] invalid */
    PTE_LA l0, 7, page_a, PTE_V | PTE_W | PTE_A | PTE_D  /* W without R: reserved */
    PTE_LA l0, 8, page_a, PTE_V                      /* pointer at level 0 */
    PTE_LA l0, 9, page_f, PTE_V | PTE_X              /* A = 0, fetch */
    PTE_LA l0, 10, page_f, PTE_LEAF_RWX              /* l0[11] invalid */
    PTE_LA l0, 12, page_h, PTE_LEAF_RWX
    PTE_LA l0, 13, page_g, PTE_LEAF_RWX
    /* ---- page contents ---- */
    li t0, 0xaaaa0000aaaa0000
    sd t0, page_a, t1
    li t0, 0xbbbb0000bbbb0000
    sd t0, page_b, t1
    li t0, PA_2M + MARK_OFF
    li t1, 0x2222000022220000
    sd t1, 0(t0)
    li t0, 0x1111000011110000
    sd t0, marker, t1
    /* page_e ends with 8 9a bc de, page_d starts with f0 12 34 56 (byte order of a load) */
    la t0, page_e + 4092
    li t1, 0xdebc9a78
    sw t1, 0(t0)
    la t0, page_d
    li t1, 0x563412f0
    sw t1, 0(t0)
    /* a 4-byte instruction across pages 12 and 13 (-> PA h, g with g < h):
       addi a0, a0, 0x7f, then c.jr ra */
    li t1, 0x0513
    sh t1, page_h + 4094, t0
    li t1, 0x07f5
    sh t1, page_g, t0
    li t1, 0x8082
    sh t1, page_g + 2, t0
    /* the same at page 10's end, with page 11 invalid */
    la t0, page_f + 4094
    li t1, 0x0513
    sh t1, 0(t0)
    /* page_f starts with: li a0, 42; ret */
    la t0, page_f
    li t1, 0x02a00513
    sw t1, 0(t0)
    li t1, 0x00008067
    sw t1, 4(t0)
    fence.i

    /* ---- 4 KiB pages ---- */
    TEST 1
    S_BEGIN
    li a1, PG(0)
    ld s2, 0(a1)
    li a1, PG(1)
    ld s3, 0(a1)
    li a1, PG(0)
    li t0, 0x1234
    sd t0, 8(a1)
    LOWER_END
    CHECK s2, 0xaaaa0000aaaa0000
    CHECK s3, 0xbbbb0000bbbb0000
    ld t0, page_a + 8
    CHECK t0, 0x1234
    /* ---- superpages ---- */
    TEST 2
    S_BEGIN
    li a1, VA_2M + MARK_OFF
    ld s2, 0(a1)
    la a1, marker
    li t0, VA_1G - 0x80000000
    add a1, a1, t0
    ld s3, 0(a1)
    la a1, marker
    li t0, VA_HIGH - 0x80000000
    add a1, a1, t0
    ld s4, 0(a1)
    li t0, 0x77
    sd t0, 8(a1)                        /* store through the high-half alias */
    LOWER_END
    CHECK s2, 0x2222000022220000
    CHECK s3, 0x1111000011110000
    CHECK s4, 0x1111000011110000
    ld t0, marker + 8
    CHECK t0, 0x77
    TEST 3                              /* fetch through the 1 GiB alias and the high half */
    S_BEGIN
    la a1, get_pc
    li t0, VA_1G - 0x80000000
    add a1, a1, t0
    jalr ra, 0(a1)
    mv s2, a0
    la a1, get_pc
    li t0, VA_HIGH - 0x80000000
    add a1, a1, t0
    jalr ra, 0(a1)
    mv s3, a0
    LOWER_END
    la t0, get_pc
    li t1, VA_1G - 0x80000000
    add t1, t1, t0
    CHECK_EQ s2, t1
    li t1, VA_HIGH - 0x80000000
    add t1, t1, t0
    CHECK_EQ s3, t1
    TEST 4                              /* fetch from a 4 KiB page (A = 0 -> set) */
    S_BEGIN
    li a1, PG(9)
    jalr ra, 0(a1)
    mv s2, a0
    LOWER_END
    CHECK s2, 42
    PTE_GET t0, l0, 9
    CHECK_MASK t0, PTE_A | PTE_D, PTE_A
    /* ---- page faults: cause and tval ---- */
    TEST 5                              /* invalid PTE */
    S_BEGIN
    li a1, PG(6) + 0x10
    EXPECT_TRAP
    ld a0, 0(a1)
    mv s2, tp
    ld s3, m_last + LAST_TVAL
    EXPECT_TRAP
    sw a0, 4(a1)
    mv s4, tp
    ld s5, m_last + LAST_TVAL
    EXPECT_TRAP
    jalr ra, 0(a1)
    mv s6, tp
    ld s7, m_last + LAST_TVAL
    ld s8, m_last + LAST_EPC
    LOWER_END
    CHECK s2, CAUSE_LOAD_PAGE
    CHECK s3, PG(6) + 0x10
    CHECK s4, CAUSE_STORE_PAGE
    CHECK s5, PG(6) + 0x14
    CHECK s6, CAUSE_FETCH_PAGE
    CHECK s7, PG(6) + 0x10
    CHECK s8, PG(6) + 0x10
    TEST 6                              /* W without R; pointer PTE at level 0 */
    S_BEGIN
    li a1, PG(7)
    EXPECT_TRAP
    ld a0, 0(a1)
    mv s2, tp
    EXPECT_TRAP
    sd a0, 0(a1)
    mv s3, tp
    li a1, PG(8) + 8
    EXPECT_TRAP
    ld a0, 0(a1)
    mv s4, tp
    ld s5, m_last + LAST_TVAL
    LOWER_END
    CHECK s2, CAUSE_LOAD_PAGE
    CHECK s3, CAUSE_STORE_PAGE
    CHECK s4, CAUSE_LOAD_PAGE
    CHECK s5, PG(8) + 8
    TEST 7                              /* misaligned superpages */
    S_BEGIN
    li a1, VA_2M_BAD + 0x2000
    EXPECT_TRAP
    ld a0, 0(a1)
    mv s2, tp
    ld s3, m_last + LAST_TVAL
    li a1, VA_1G_BAD
    EXPECT_TRAP
    sd a0, 0(a1)
    mv s4, tp
    ld s5, m_last + LAST_TVAL
    LOWER_END
    CHECK s2, CAUSE_LOAD_PAGE
    CHECK s3, VA_2M_BAD + 0x2000
    CHECK s4, CAUSE_STORE_PAGE
    CHECK s5, VA_1G_BAD
    TEST 8                              /* non-canonical addresses (bits 63:39 != bit 38) */
    S_BEGIN
    li a1, 0x0000004000000000
    EXPECT_TRAP
    ld a0, 0(a1)
    mv s2, tp
    li a1, 0xffffff8000000000 ^ (1 << 45)
    EXPECT_TRAP
    sd a0, 0(a1)
    mv s3, tp
    li a1, 0x0000008080000000
    EXPECT_TRAP
    jalr ra, 0(a1)
    mv s4, tp
    LOWER_END
    CHECK s2, CAUSE_LOAD_PAGE
    CHECK s3, CAUSE_STORE_PAGE
    CHECK s4, CAUSE_FETCH_PAGE
    /* ---- A and D bits set by hardware ---- */
    TEST 9
    PTE_GET t0, l0, 2
    CHECK_MASK t0, PTE_A | PTE_D, 0
    S_BEGIN
    li a1, PG(2)
    ld a0, 0(a1)
    LOWER_END
    PTE_GET t0, l0, 2
    CHECK_MASK t0, PTE_A | PTE_D, PTE_A
    TEST 10
    S_BEGIN
    li a1, PG(2)
    sd zero, 16(a1)
    LOWER_END
    PTE_GET t0, l0, 2
    CHECK_MASK t0, PTE_A | PTE_D, PTE_A | PTE_D
    TEST 11                             /* a store with A = 0, D = 0 sets both */
    PTE_LA l0, 2, page_c, PTE_V | PTE_R | PTE_W
    S_BEGIN
    li a1, PG(2)
    sd zero, 24(a1)
    LOWER_END
    PTE_GET t0, l0, 2
    CHECK_MASK t0, PTE_A | PTE_D, PTE_A | PTE_D
    TEST 12                             /* A = 1, D = 0: the store sets D */
    S_BEGIN
    li a1, PG(3)
    sd zero, 32(a1)
    LOWER_END
    PTE_GET t0, l0, 3
    CHECK_MASK t0, PTE_A | PTE_D, PTE_A | PTE_D
    /* ---- sfence.vma after changing a PTE ---- */
    TEST 13
    PTE_LA l0, 0, page_a, PTE_LEAF_RWX
    S_BEGIN
    li a1, PG(0)
    ld s2, 0(a1)
    PTE_LA l0, 0, page_b, PTE_LEAF_RWX     /* S writes the PTE through the identity map */
    sfence.vma
    li a1, PG(0)
    ld s3, 0(a1)
    PTE_LA l0, 0, page_a, PTE_LEAF_RWX
    li a1, PG(0)
    sfence.vma a1, zero
    ld s4, 0(a1)
    LOWER_END
    CHECK s2, 0xaaaa0000aaaa0000
    CHECK s3, 0xbbbb0000bbbb0000
    CHECK s4, 0xaaaa0000aaaa0000
    /* ---- accesses spanning two pages that are not physically contiguous ---- */
    TEST 14
    S_BEGIN
    li a1, PG(5) - 4
    ld s2, 0(a1)
    lw s3, 2(a1)
    li t0, 0x0102030405060708
    sd t0, 1(a1)
    LOWER_END
    CHECK s2, 0x563412f0debc9a78
    CHECK s3, 0x12f0debc
    ld t0, page_e + 4088
    CHECK t0, 0x0607087800000000
    TEST 15                             /* the bytes landed on both sides */
    lbu t0, page_e + 4093
    CHECK t0, 0x08
    lbu t0, page_e + 4095
    CHECK t0, 0x06
    lbu t0, page_d
    CHECK t0, 0x05
    lbu t0, page_d + 1
    CHECK t0, 0x04
    TEST 16                             /* a 4-byte instruction across the two pages */
    S_BEGIN
    li a0, 1
    li a1, PG(13) - 2
    jalr ra, 0(a1)
    mv s2, a0
    LOWER_END
    CHECK s2, 0x80
    TEST 17                             /* second half in an invalid page: tval = that half */
    S_BEGIN
    li a1, PG(11) - 2
    EXPECT_TRAP
    jalr ra, 0(a1)
    mv s2, tp
    ld s3, m_last + LAST_EPC
    ld s4, m_last + LAST_TVAL
    LOWER_END
    CHECK s2, CAUSE_FETCH_PAGE
    CHECK s3, PG(11) - 2
    CHECK s4, PG(11)
    /* ---- page faults delegated to S ---- */
    TEST 18
    TRAPS_RESET
    li t0, (1 << CAUSE_FETCH_PAGE) | (1 << CAUSE_LOAD_PAGE) | (1 << CAUSE_STORE_PAGE)
    csrw medeleg, t0
    S_BEGIN
    li a1, PG(6) + 0x28
    EXPECT_TRAP
    lw a0, 0(a1)
    mv s2, tp
    ld s3, s_last + LAST_TVAL
    EXPECT_TRAP
    sb a0, 1(a1)
    mv s4, tp
    ld s5, s_last + LAST_TVAL
    EXPECT_TRAP
    jalr ra, 0(a1)
    mv s6, tp
    ld s7, s_last + LAST_TVAL
    LOWER_END
    csrw medeleg, zero
    CHECK s2, CAUSE_LOAD_PAGE
    CHECK s3, PG(6) + 0x28
    CHECK s4, CAUSE_STORE_PAGE
    CHECK s5, PG(6) + 0x29
    CHECK s6, CAUSE_FETCH_PAGE
    CHECK s7, PG(6) + 0x28
    ld t0, s_count
    CHECK t0, 3
    ld t0, m_count
    CHECK t0, 1
    /* sfence.vma by address inside a superpage covers the whole superpage: cache two 4 KiB
       pieces of the 2 MiB page, move the PTE, fence one address, read the other piece */
    TEST 20
    li t0, PA_2M + 0x1000
    li t1, 0x2020000020200000
    sd t1, 0(t0)
    li t0, PA_2M2 + 0x1000
    li t1, 0x4040000040400000
    sd t1, 0(t0)
    PTE_PA l1, 1, PA_2M, PTE_LEAF_RWX
    sfence.vma
    S_BEGIN
    li a1, VA_2M
    li a2, VA_2M + 0x1000
    ld s2, 0(a1)
    ld s2, 0(a2)
    PTE_PA l1, 1, PA_2M2, PTE_LEAF_RWX     /* S writes the PTE through the identity map */
    li a1, VA_2M
    li a2, VA_2M + 0x1000
    sfence.vma a1, zero
    ld s3, 0(a2)
    LOWER_END
    PTE_PA l1, 1, PA_2M, PTE_LEAF_RWX
    CHECK s2, 0x2020000020200000
    CHECK s3, 0x4040000040400000
    /* M-mode is not translated */
    TEST 19
    la a1, marker
    ld a0, 0(a1)
    CHECK a0, 0x1111000011110000
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
l1:     .fill 4096, 1, 0
l0:     .fill 4096, 1, 0
page_a: .fill 4096, 1, 0
page_b: .fill 4096, 1, 0
page_c: .fill 4096, 1, 0
page_d: .fill 4096, 1, 0
page_e: .fill 4096, 1, 0
page_f: .fill 4096, 1, 0
page_g: .fill 4096, 1, 0
page_h: .fill 4096, 1, 0
