/* (mscratch/sscratch hold the trap handlers' frame pointers: restored before any trap.)
   Zicsr: CSRRW/CSRRS/CSRRC and the immediate forms on a scratch CSR (old value to rd, new
   value in the CSR), rd == rs1, rd == x0, rs1 == x0 / uimm == 0 (no write: allowed on
   read-only CSRs), the 5-bit immediate is zero-extended, all 64 bits of mscratch/sscratch
   are kept, and writes to read-only CSRs (CSRRW/CSRRWI, CSRRS with a non-x0 register) trap. */
#define TEST_NAME "zicsr"
#include "common.h"
TEST_MAIN
    TEST 1
    li a1, 0x123456789abcdef0
    csrw mscratch, a1
    csrr a0, mscratch
    CHECK a0, 0x123456789abcdef0
    TEST 2                           /* csrrw returns the old value */
    li a1, -1
    csrrw a0, mscratch, a1
    CHECK a0, 0x123456789abcdef0
    csrr a0, mscratch
    CHECK a0, -1
    TEST 3                           /* csrrs sets bits */
    li a1, 0xf0
    csrw mscratch, a1
    li a2, 0x0f0f
    csrrs a0, mscratch, a2
    CHECK a0, 0xf0
    csrr a0, mscratch
    CHECK a0, 0x0fff
    TEST 4                           /* csrrc clears bits */
    li a2, 0x00ff
    csrrc a0, mscratch, a2
    CHECK a0, 0x0fff
    csrr a0, mscratch
    CHECK a0, 0x0f00
    TEST 5                           /* immediate forms: 5-bit, zero-extended */
    csrrwi a0, mscratch, 31
    CHECK a0, 0x0f00
    csrr a0, mscratch
    CHECK a0, 31
    csrrci a0, mscratch, 0x10
    CHECK a0, 31
    csrr a0, mscratch
    CHECK a0, 15
    csrrsi a0, mscratch, 0x10
    CHECK a0, 15
    csrr a0, mscratch
    CHECK a0, 31
    csrrsi a0, mscratch, 0       /* no write */
    CHECK a0, 31
    csrrci a0, mscratch, 0
    CHECK a0, 31
    TEST 6                           /* rd == rs1: swap */
    li a0, 0x5555
    csrw mscratch, a0
    li a0, 0xaaaa
    csrrw a0, mscratch, a0
    CHECK a0, 0x5555
    csrr a1, mscratch
    CHECK a1, 0xaaaa
    TEST 7                           /* rd == x0 still writes; rs1 == x0 with csrrs/csrrc reads only */
    li a1, 0x77
    csrrw x0, mscratch, a1
    csrrs a0, mscratch, x0
    CHECK a0, 0x77
    csrrc a0, mscratch, x0
    CHECK a0, 0x77
    csrrs x0, mscratch, x0
    csrr a0, mscratch
    CHECK a0, 0x77
    TEST 8                           /* writing zero with csrrw / csrrwi */
    csrw mscratch, zero
    csrr a0, mscratch
    CHECK a0, 0
    li a1, 1
    csrw mscratch, a1
    csrwi mscratch, 0
    csrr a0, mscratch
    CHECK a0, 0
    TEST 9                           /* sscratch holds 64 bits too */
    li a1, 0x8000000000000001
    csrw sscratch, a1
    csrr a0, sscratch
    CHECK a0, 0x8000000000000001
    csrrci a0, sscratch, 1
    csrr a0, sscratch
    CHECK a0, 0x8000000000000000
    la a1, s_frame
    csrw sscratch, a1               /* restore the S handler's frame pointer */
    TEST 10                          /* set and clear in consecutive instructions */
    csrw mscratch, zero
    li a1, 1
    li a2, 2
    csrs mscratch, a1
    csrs mscratch, a2
    csrc mscratch, a1
    csrr a0, mscratch
    CHECK a0, 2
    la a1, m_frame
    csrw mscratch, a1               /* restore the M handler's frame pointer */
    /* read-only CSRs: reads and non-writing forms are fine */
    TEST 11
    csrr a0, mhartid
    CHECK a0, 0
    csrrs a0, mhartid, x0
    CHECK a0, 0
    csrrc a0, mhartid, x0
    CHECK a0, 0
    csrrsi a0, mhartid, 0
    CHECK a0, 0
    csrrci a0, mhartid, 0
    CHECK a0, 0
    csrr a0, mvendorid
    csrr a0, marchid
    csrr a0, mimpid
    rdcycle a0
    rdtime a0
    rdinstret a0
    /* writes to read-only CSRs trap */
    TEST_TRAP 12, CAUSE_ILLEGAL, csrw mhartid, zero
    TEST_TRAP 13, CAUSE_ILLEGAL, csrrwi a0, mvendorid, 0
    TEST_TRAP 14, CAUSE_ILLEGAL, csrrsi a0, marchid, 1
    TEST_TRAP 15, CAUSE_ILLEGAL, csrrci a0, mimpid, 1
    TEST 16
    li a1, 1
    EXPECT_TRAP
    csrrs a0, cycle, a1
    CHECK_TRAP CAUSE_ILLEGAL
    EXPECT_TRAP
    csrrc a0, time, a1
    CHECK_TRAP CAUSE_ILLEGAL
    EXPECT_TRAP
    csrw instret, a1
    CHECK_TRAP CAUSE_ILLEGAL
    TEST 17                          /* a trapping CSR instruction does not write rd */
    li a0, 1234
    EXPECT_TRAP
    csrrw a0, mhartid, a1
    CHECK_TRAP CAUSE_ILLEGAL
    CHECK a0, 1234
    TEST_PASS
