/* Sv39 permission checks: R/W/X for S-mode (store to read-only, fetch from non-executable,
   load from execute-only and MXR), the U bit (S access to U pages only with SUM, never S fetch
   from U pages; U access to S pages never, SUM does not help U), MXR for U, and MPRV in M-mode
   with MPP = S / U / M, together with SUM and MXR. Cause and tval of each fault. */
#define TEST_NAME "mmu-perm"
#include "common.h"

#define VA_4K 0x40000000
#define PG(n) (VA_4K + (n) * 4096)
#define P_R    PG(0)
#define P_RW   PG(1)
#define P_X    PG(2)
#define P_RX   PG(3)
#define P_URW  PG(4)
#define P_UX   PG(5)
#define P_UR   PG(6)
#define ALIAS  0x40000000            /* root[3]: user alias of 0x8000_0000 at 0xc000_0000 */
#define LEAF(f) (PTE_V | PTE_A | PTE_D | (f))

.macro S_BEGIN
    SATP_SET SATP_SV39, root
    LOWER_BEGIN PRV_S
.endm
/* Enter U-mode at the user alias of the following code. */
.macro U_BEGIN
    SATP_SET SATP_SV39, root
    la t0, 88f
    sd t0, m_resume, t5
    li t0, MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_MPIE
    csrc mstatus, t0
    la t0, 87f
    li t1, ALIAS
    add t0, t0, t1
    csrw mepc, t0
    mret
87:
.endm
/* In M-mode: set MPRV with the given MPP. Uses t0. */
.macro MPRV_ON mpp
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPRV | (\mpp << 11)
    csrs mstatus, t0
.endm
.macro MPRV_OFF
    li t0, MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR
    csrc mstatus, t0
.endm

TEST_MAIN
    PTE_PA root, 0, 0x00000000, PTE_LEAF_RWX
    PTE_LA root, 1, l1, PTE_V
    PTE_PA root, 2, 0x80000000, PTE_LEAF_RWX
    PTE_PA root, 3, 0x80000000, PTE_LEAF_RWX | PTE_U
    PTE_LA l1, 0, l0, PTE_V
    PTE_LA l0, 0, page_r, LEAF(PTE_R)
    PTE_LA l0, 1, page_rw, LEAF(PTE_R | PTE_W)
    PTE_LA l0, 2, page_x, LEAF(PTE_X)
    PTE_LA l0, 3, page_x, LEAF(PTE_R | PTE_X)
    PTE_LA l0, 4, page_urw, LEAF(PTE_U | PTE_R | PTE_W)
    PTE_LA l0, 5, page_x, LEAF(PTE_U | PTE_X)
    PTE_LA l0, 6, page_urw, LEAF(PTE_U | PTE_R)
    li t0, 0x5151515151515151
    sd t0, page_r, t1
    li t0, 0x5252525252525252
    sd t0, page_rw, t1
    li t0, 0x5454545454545454
    sd t0, page_urw, t1
    la t0, page_x                      /* li a0, 42; ret */
    li t1, 0x02a00513
    sw t1, 0(t0)
    li t1, 0x00008067
    sw t1, 4(t0)
    fence.i

    /* ---- S-mode, R/W/X ---- */
    TEST 1
    S_BEGIN
    li a1, P_R
    ld s2, 0(a1)
    EXPECT_TRAP
    sd a0, 8(a1)
    mv s3, tp
    ld s4, m_last + LAST_TVAL
    EXPECT_TRAP
    jalr ra, 0(a1)
    mv s5, tp
    ld s6, m_last + LAST_TVAL
    LOWER_END
    CHECK s2, 0x5151515151515151
    CHECK s3, CAUSE_STORE_PAGE
    CHECK s4, P_R + 8
    CHECK s5, CAUSE_FETCH_PAGE
    CHECK s6, P_R
    TEST 2
    S_BEGIN
    li a1, P_RW
    ld s2, 0(a1)
    li t0, 0x77
    sd t0, 16(a1)
    EXPECT_TRAP
    jalr ra, 0(a1)
    mv s3, tp
    LOWER_END
    CHECK s2, 0x5252525252525252
    CHECK s3, CAUSE_FETCH_PAGE
    ld t0, page_rw + 16
    CHECK t0, 0x77
    TEST 3                             /* execute-only page; MXR */
    S_BEGIN
    li a1, P_X
    li a0, 0
    jalr ra, 0(a1)
    mv s2, a0
    EXPECT_TRAP
    ld a0, 0(a1)
    mv s3, tp
    ld s4, m_last + LAST_TVAL
    li t0, MSTATUS_MXR
    csrs sstatus, t0
    lwu s5, 0(a1)
    EXPECT_TRAP
    sw zero, 0(a1)
    mv s6, tp
    li t0, MSTATUS_MXR
    csrc sstatus, t0
    LOWER_END
    CHECK s2, 42
    CHECK s3, CAUSE_LOAD_PAGE
    CHECK s4, P_X
    CHECK s5, 0x02a00513
    CHECK s6, CAUSE_STORE_PAGE
    TEST 4
    S_BEGIN
    li a1, P_RX
    li a0, 0
    jalr ra, 0(a1)
    mv s2, a0
    lwu s3, 4(a1)
    LOWER_END
    CHECK s2, 42
    CHECK s3, 0x00008067
    /* ---- S-mode and U pages: SUM ---- */
    TEST 5
    S_BEGIN
    li t0, MSTATUS_SUM
    csrc sstatus, t0
    li a1, P_URW
    EXPECT_TRAP
    ld a0, 0(a1)
    mv s2, tp
    EXPECT_TRAP
    sd a0, 0(a1)
    mv s3, tp
    li t0, MSTATUS_SUM
    csrs sstatus, t0
    ld s4, 0(a1)
    li t0, 0x99
    sd t0, 24(a1)
    li a1, P_UX
    EXPECT_TRAP
    jalr ra, 0(a1)                     /* never executable for S */
    mv s5, tp
    li t0, MSTATUS_SUM
    csrc sstatus, t0
    LOWER_END
    CHECK s2, CAUSE_LOAD_PAGE
    CHECK s3, CAUSE_STORE_PAGE
    CHECK s4, 0x5454545454545454
    CHECK s5, CAUSE_FETCH_PAGE
    ld t0, page_urw + 24
    CHECK t0, 0x99
    /* ---- U-mode ---- */
    TEST 6
    U_BEGIN
    li a1, P_URW
    ld s2, 0(a1)
    li t0, 0x1234
    sd t0, 32(a1)
    li a1, P_UX
    li a0, 0
    jalr ra, 0(a1)
    mv s3, a0
    li a1, P_UR
    ld s4, 0(a1)
    EXPECT_TRAP
    sd a0, 0(a1)
    mv s5, tp
    EXPECT_TRAP
    jalr ra, 0(a1)
    mv s6, tp
    LOWER_END
    CHECK s2, 0x5454545454545454
    CHECK s3, 42
    CHECK s4, 0x5454545454545454
    CHECK s5, CAUSE_STORE_PAGE
    CHECK s6, CAUSE_FETCH_PAGE
    ld t0, page_urw + 32
    CHECK t0, 0x1234
    TEST 7                             /* U and S pages: never, even with SUM = 1 */
    li t0, MSTATUS_SUM
    csrs mstatus, t0
    U_BEGIN
    li a1, P_RW
    EXPECT_TRAP
    ld a0, 0(a1)
    mv s2, tp
    la t0, m_last                      /* user alias of the trap record */
    ld s3, LAST_TVAL(t0)
    EXPECT_TRAP
    sd a0, 0(a1)
    mv s4, tp
    li a1, P_X
    EXPECT_TRAP
    jalr ra, 0(a1)
    mv s5, tp
    li a1, 0x80000000                  /* the supervisor identity map */
    EXPECT_TRAP
    ld a0, 0(a1)
    mv s6, tp
    LOWER_END
    li t0, MSTATUS_SUM
    csrc mstatus, t0
    CHECK s2, CAUSE_LOAD_PAGE
    CHECK s3, P_RW
    CHECK s4, CAUSE_STORE_PAGE
    CHECK s5, CAUSE_FETCH_PAGE
    CHECK s6, CAUSE_LOAD_PAGE
    TEST 8                             /* MXR applies to U too */
    U_BEGIN
    li a1, P_UX
    EXPECT_TRAP
    lw a0, 0(a1)
    mv s2, tp
    LOWER_END
    li t0, MSTATUS_MXR
    csrs mstatus, t0
    U_BEGIN
    li a1, P_UX
    lwu s3, 0(a1)
    LOWER_END
    li t0, MSTATUS_MXR
    csrc mstatus, t0
    CHECK s2, CAUSE_LOAD_PAGE
    CHECK s3, 0x02a00513
    /* ---- MPRV in M-mode ---- */
    SATP_SET SATP_SV39, root
    TEST 9                             /* MPP = S: loads and stores are translated */
    li a1, P_RW
    MPRV_ON PRV_S
    ld s2, 0(a1)
    li t0, 0xabc
    sd t0, 40(a1)
    MPRV_OFF
    CHECK s2, 0x5252525252525252
    ld t0, page_rw + 40
    CHECK t0, 0xabc
    TEST 10                            /* ... with S permissions: store to a read-only page */
    li a1, P_R
    MPRV_ON PRV_S
    li t0, MSTATUS_MPRV
    EXPECT_TRAP
    sd a1, 0(a1)
    csrc mstatus, t0                   /* the trap left MPP = U: MPRV off before any load */
    CHECK_TRAP CAUSE_STORE_PAGE
    CHECK_M_TVAL P_R
    ld t0, m_last + LAST_STATUS        /* MPRV stays set through the trap */
    CHECK_MASK t0, MSTATUS_MPRV, MSTATUS_MPRV
    TEST 11                            /* execute-only page: fault, then MXR */
    li a1, P_X
    MPRV_ON PRV_S
    li t0, MSTATUS_MPRV
    EXPECT_TRAP
    lw a0, 0(a1)
    csrc mstatus, t0
    CHECK_TRAP CAUSE_LOAD_PAGE
    MPRV_ON PRV_S
    li t0, MSTATUS_MXR
    csrs mstatus, t0
    lwu s2, 0(a1)
    MPRV_OFF
    CHECK s2, 0x02a00513
    TEST 12                            /* MPP = S: U page needs SUM */
    li a1, P_URW
    MPRV_ON PRV_S
    li t0, MSTATUS_MPRV
    EXPECT_TRAP
    ld a0, 0(a1)
    csrc mstatus, t0
    CHECK_TRAP CAUSE_LOAD_PAGE
    MPRV_ON PRV_S
    li t0, MSTATUS_SUM
    csrs mstatus, t0
    ld s2, 0(a1)
    MPRV_OFF
    CHECK s2, 0x5454545454545454
    TEST 13                            /* MPP = U: U page yes, S page no */
    li a1, P_URW
    li a2, P_RW
    MPRV_ON PRV_U
    ld s2, 0(a1)
    li t0, MSTATUS_MPRV
    EXPECT_TRAP
    ld a0, 0(a2)
    csrc mstatus, t0
    CHECK_TRAP CAUSE_LOAD_PAGE
    CHECK s2, 0x5454545454545454
    CHECK_M_TVAL P_RW
    TEST 14                            /* MPP = M: no translation */
    la a1, page_rw
    MPRV_ON PRV_M
    ld s2, 0(a1)
    MPRV_OFF
    CHECK s2, 0x5252525252525252
    TEST 15                            /* MPRV does not affect instruction fetch */
    MPRV_ON PRV_U
    nop
    jal ra, 1f
1:  MPRV_OFF
    csrw satp, zero
    sfence.vma
    TEST_PASS

    .section .pages, "aw", @nobits
    .balign 4096
root:     .fill 4096, 1, 0
l1:       .fill 4096, 1, 0
l0:       .fill 4096, 1, 0
page_r:   .fill 4096, 1, 0
page_rw:  .fill 4096, 1, 0
page_x:   .fill 4096, 1, 0
page_urw: .fill 4096, 1, 0
