/* Sstc: the stimecmp CSR and menvcfg.STCE. M-mode always reaches stimecmp; S-mode only with
   STCE and mcounteren.TM (otherwise illegal, as is any access from U); with STCE, mip.STIP is
   time >= stimecmp and no longer writable by M; a timer interrupt delegated to S arrives when
   the time passes stimecmp and goes away when stimecmp moves into the future. */
#define TEST_NAME "sstc"
#include "common.h"

#define MENVCFG_STCE (1 << 63)

TEST_MAIN
    csrw mideleg, zero
    csrw mie, zero
    csrw menvcfg, zero
    csrw mcounteren, zero
    li t0, MIP_STIP
    csrc mip, t0
    TEST 1                           /* M-mode reaches stimecmp with STCE = 0 */
    li t0, 0x123456789
    csrw stimecmp, t0
    csrr a0, stimecmp
    CHECK_EQ a0, t0
    TEST 2                           /* S-mode does not, with STCE = 0 (even with TM) */
    li t0, 2
    csrw mcounteren, t0
    LOWER_BEGIN PRV_S
    EXPECT_TRAP
    csrr a0, stimecmp
    mv s2, tp
    LOWER_END
    CHECK s2, CAUSE_ILLEGAL
    TEST 3                           /* STCE is writable, with stimecmp in the past STIP is 1 */
    li t0, -1
    csrw stimecmp, t0
    li t0, MENVCFG_STCE
    csrs menvcfg, t0
    csrr a0, menvcfg
    CHECK_MASK a0, MENVCFG_STCE, MENVCFG_STCE
    csrr a0, mip
    CHECK_MASK a0, MIP_STIP, 0
    csrw stimecmp, zero
    csrr a0, mip
    CHECK_MASK a0, MIP_STIP, MIP_STIP
    TEST 4                           /* ... and M cannot clear it: it follows the comparison */
    li t0, MIP_STIP
    csrc mip, t0
    csrr a0, mip
    CHECK_MASK a0, MIP_STIP, MIP_STIP
    li t0, -1
    csrw stimecmp, t0
    csrr a0, mip
    CHECK_MASK a0, MIP_STIP, 0
    li t0, MIP_STIP                  /* nor set it */
    csrs mip, t0
    csrr a0, mip
    CHECK_MASK a0, MIP_STIP, 0
    TEST 5                           /* S-mode with STCE but TM = 0: illegal */
    csrw mcounteren, zero
    LOWER_BEGIN PRV_S
    EXPECT_TRAP
    csrw stimecmp, zero
    mv s2, tp
    LOWER_END
    CHECK s2, CAUSE_ILLEGAL
    TEST 6                           /* S-mode with STCE and TM reads and writes it */
    li t0, 2
    csrw mcounteren, t0
    LOWER_BEGIN PRV_S
    li t0, 0x7777777777
    csrw stimecmp, t0
    csrr s2, stimecmp
    LOWER_END
    li t0, 0x7777777777
    CHECK_EQ s2, t0
    csrr a0, stimecmp
    CHECK_EQ a0, t0
    TEST 7                           /* U-mode never */
    LOWER_BEGIN PRV_U
    EXPECT_TRAP
    csrr a0, stimecmp
    mv s2, tp
    LOWER_END
    CHECK s2, CAUSE_ILLEGAL
    TEST 8                           /* a delegated timer interrupt from stimecmp, taken in S */
    TRAPS_RESET
    li t0, -1
    csrw stimecmp, t0
    li t0, MIP_STIP
    csrw mideleg, t0
    csrs mie, t0
    LOWER_BEGIN PRV_S
    csrr t0, time
    addi t0, t0, 1000
    csrw stimecmp, t0
    csrr s3, sip                     /* not yet */
    csrsi sstatus, MSTATUS_SIE
    WAIT_S_COUNT 1
    csrci sstatus, MSTATUS_SIE
    csrr s4, sip                     /* still pending until stimecmp moves */
    li t0, -1
    csrw stimecmp, t0
    csrr s5, sip
    LOWER_END
    CHECK_MASK s3, MIP_STIP, 0
    ld t0, s_count
    CHECK t0, 1
    CHECK_S_CAUSE INTR | IRQ_STI
    CHECK_MASK s4, MIP_STIP, MIP_STIP
    CHECK_MASK s5, MIP_STIP, 0
    csrw mideleg, zero
    csrw mie, zero
    csrw menvcfg, zero
    TEST_PASS
