/* mtvec and stvec in direct mode (MODE = 0: every trap at BASE) and vectored mode (MODE = 1:
   exceptions at BASE, interrupt n at BASE + 4n), with the M and S vector tables of common.h
   that record the slot they were entered through. */
#define TEST_NAME "priv-vectored"
#include "common.h"
TEST_MAIN
    csrw menvcfg, zero
    csrw mideleg, zero
    csrw medeleg, zero
    TEST 1                           /* read back */
    la t0, m_vec_table
    ori t0, t0, 1
    csrw mtvec, t0
    csrr a0, mtvec
    CHECK_EQ a0, t0
    la t1, s_vec_table
    ori t1, t1, 1
    csrw stvec, t1
    csrr a0, stvec
    CHECK_EQ a0, t1
    TEST 2                           /* exception: BASE */
    TRAPS_RESET
    EXPECT_TRAP
    ecall
    CHECK_TRAP CAUSE_ECALL_M
    ld t0, m_last + LAST_VEC
    CHECK t0, 0
    TEST 3                           /* machine software interrupt: BASE + 12 */
    li t0, MIP_MSIP
    csrw mie, t0
    li t0, CLINT_MSIP
    li t1, 1
    sw t1, 0(t0)
    csrsi mstatus, MSTATUS_MIE
    WAIT_M_COUNT 2
    csrci mstatus, MSTATUS_MIE
    li t0, CLINT_MSIP
    sw zero, 0(t0)
    CHECK_M_CAUSE INTR | IRQ_MSI
    ld t0, m_last + LAST_VEC
    CHECK t0, IRQ_MSI
    TEST 4                           /* machine timer: BASE + 28 */
    li t0, CLINT_MTIMECMP
    sd zero, 0(t0)
    li t0, MIP_MTIP
    csrw mie, t0
    csrsi mstatus, MSTATUS_MIE
    WAIT_M_COUNT 3
    csrci mstatus, MSTATUS_MIE
    TIMER_OFF
    CHECK_M_CAUSE INTR | IRQ_MTI
    ld t0, m_last + LAST_VEC
    CHECK t0, IRQ_MTI
    TEST 5                           /* S-level interrupts taken in M: BASE + 4 and + 20 */
    TRAPS_RESET
    csrsi mip, MIP_SSIP
    li t0, MIP_SSIP
    csrw mie, t0
    csrsi mstatus, MSTATUS_MIE
    WAIT_M_COUNT 1
    csrci mstatus, MSTATUS_MIE
    csrci mip, MIP_SSIP
    CHECK_M_CAUSE INTR | IRQ_SSI
    ld t0, m_last + LAST_VEC
    CHECK t0, IRQ_SSI
    li t0, MIP_STIP
    csrs mip, t0
    csrw mie, t0
    csrsi mstatus, MSTATUS_MIE
    WAIT_M_COUNT 2
    csrci mstatus, MSTATUS_MIE
    li t0, MIP_STIP
    csrc mip, t0
    CHECK_M_CAUSE INTR | IRQ_STI
    ld t0, m_last + LAST_VEC
    CHECK t0, IRQ_STI
    TEST 6                           /* exceptions from S, not delegated: M BASE */
    TRAPS_RESET
    LOWER_BEGIN PRV_S
    LOWER_END
    CHECK_M_CAUSE CAUSE_ECALL_S
    ld t0, m_last + LAST_VEC
    CHECK t0, 0
    /* ---- stvec vectored ---- */
    TEST 7                           /* delegated exception: S BASE */
    TRAPS_RESET
    li t0, 1 << CAUSE_ILLEGAL
    csrw medeleg, t0
    LOWER_BEGIN PRV_S
    EXPECT_TRAP
    csrr a0, mstatus
    mv s2, tp
    LOWER_END
    CHECK s2, CAUSE_ILLEGAL
    CHECK_S_CAUSE CAUSE_ILLEGAL
    ld t0, s_last + LAST_VEC
    CHECK t0, 0
    csrw medeleg, zero
    TEST 8                           /* delegated SSI: S BASE + 4, STI: S BASE + 20 */
    TRAPS_RESET
    li t0, MIP_SSIP | MIP_STIP
    csrw mideleg, t0
    csrw mie, t0
    csrsi mip, MIP_SSIP
    csrsi mstatus, MSTATUS_SIE
    LOWER_BEGIN PRV_S
    WAIT_S_COUNT 1
    LOWER_END
    csrci mip, MIP_SSIP
    CHECK_S_CAUSE INTR | IRQ_SSI
    ld t0, s_last + LAST_VEC
    CHECK t0, IRQ_SSI
    li t0, MIP_STIP
    csrs mip, t0
    LOWER_BEGIN PRV_S
    WAIT_S_COUNT 2
    LOWER_END
    li t0, MIP_STIP
    csrc mip, t0
    CHECK_S_CAUSE INTR | IRQ_STI
    ld t0, s_last + LAST_VEC
    CHECK t0, IRQ_STI
    csrci mstatus, MSTATUS_SIE
    csrw mideleg, zero
    csrw mie, zero
    /* ---- back to direct mode: interrupts at BASE too ---- */
    TEST 9
    TRAPS_RESET
    la t0, m_trap_entry
    csrw mtvec, t0
    csrr a0, mtvec
    CHECK_EQ a0, t0
    la t0, s_trap_entry
    csrw stvec, t0
    csrsi mip, MIP_SSIP
    li t0, MIP_SSIP
    csrw mie, t0
    csrsi mstatus, MSTATUS_MIE
    WAIT_M_COUNT 1
    csrci mstatus, MSTATUS_MIE
    csrci mip, MIP_SSIP
    CHECK_M_CAUSE INTR | IRQ_SSI
    ld t0, m_last + LAST_VEC
    CHECK t0, -1
    TEST_PASS
