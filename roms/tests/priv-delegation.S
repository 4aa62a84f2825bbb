/* Trap delegation to S-mode: medeleg/mideleg read back; delegated exceptions from U and S go to
   the S handler (stvec) with scause/sepc/stval and sstatus.SPP/SPIE/SIE set, SRET restores
   them; non-delegated ones still go to M; exceptions in M are never delegated; delegated
   interrupts (SSI, STI set by M in mip) are taken in S when sstatus.SIE = 1 or in U always,
   never in M; non-delegated S-level interrupts are taken in M from S; sie/sip views. */
#define TEST_NAME "priv-delegation"
#include "common.h"

#define DELEG_EXC ((1 << CAUSE_FETCH_ACCESS) | (1 << CAUSE_ILLEGAL) | (1 << CAUSE_BREAKPOINT) | (1 << CAUSE_LOAD_ACCESS) | (1 << CAUSE_STORE_ACCESS) | (1 << CAUSE_ECALL_U))

TEST_MAIN
    /* ---- medeleg / mideleg WARL storage ---- */
    TEST 1
    li t0, 0xb3ff              /* causes 0-9, 12, 13, 15 */
    csrw medeleg, t0
    csrr a0, medeleg
    CHECK_MASK a0, 0xb3ff, 0xb3ff
    csrw medeleg, zero
    csrr a0, medeleg
    CHECK a0, 0
    TEST 2
    li t0, MIP_SSIP | MIP_STIP | (1 << IRQ_SEI)
    csrw mideleg, t0
    csrr a0, mideleg
    CHECK_MASK a0, 0x222, 0x222
    csrw mideleg, zero
    csrr a0, mideleg
    CHECK_MASK a0, 0x222, 0

    li t0, DELEG_EXC
    csrw medeleg, t0
    /* ---- exceptions in M are never delegated ---- */
    TEST 3
    TRAPS_RESET
    EXPECT_TRAP
    .word 0xffffffff
    CHECK_TRAP CAUSE_ILLEGAL
    CHECK_M_CAUSE CAUSE_ILLEGAL
    ld t0, s_count
    CHECK t0, 0
    /* ---- delegated exceptions from S ---- */
    TEST 4
    TRAPS_RESET
    LOWER_BEGIN PRV_S
    csrsi sstatus, MSTATUS_SIE
    EXPECT_TRAP
4:  .word 0xffffffff
    mv s2, tp
    csrr s3, sstatus
    LOWER_END
    CHECK s2, CAUSE_ILLEGAL
    CHECK_S_CAUSE CAUSE_ILLEGAL
    CHECK_S_EPC 4b
    ld t0, s_last + LAST_STATUS       /* in the handler: SPP = S, SPIE = 1, SIE = 0 */
    CHECK_MASK t0, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE, MSTATUS_SPP | MSTATUS_SPIE
    CHECK_MASK s3, MSTATUS_SIE | MSTATUS_SPIE, MSTATUS_SIE | MSTATUS_SPIE  /* after sret */
    ld t0, m_count                    /* only the final ecall reached M */
    CHECK t0, 1
    CHECK_M_CAUSE CAUSE_ECALL_S
    TEST 5                            /* breakpoint, load/store access faults */
    TRAPS_RESET
    LOWER_BEGIN PRV_S
    EXPECT_TRAP
    ebreak
    mv s2, tp
    li a1, 0x100
    EXPECT_TRAP
    ld a0, 8(a1)
    mv s3, tp
    ld s4, s_last + LAST_TVAL
    EXPECT_TRAP
    sw a0, 16(a1)
    mv s5, tp
    ld s6, s_last + LAST_TVAL
    EXPECT_TRAP
    jalr ra, 0(a1)
    mv s7, tp
    ld s8, s_last + LAST_TVAL
    LOWER_END
    CHECK s2, CAUSE_BREAKPOINT
    CHECK s3, CAUSE_LOAD_ACCESS
    CHECK s4, 0x108
    CHECK s5, CAUSE_STORE_ACCESS
    CHECK s6, 0x110
    CHECK s7, CAUSE_FETCH_ACCESS
    CHECK s8, 0x100
    ld t0, s_count
    CHECK t0, 4
    ld t0, m_count
    CHECK t0, 1
    TEST 6                            /* ecall from S is not delegated: goes to M */
    TRAPS_RESET
    LOWER_BEGIN PRV_S
    EXPECT_TRAP
    ecall
    mv s2, tp
    LOWER_END
    CHECK s2, CAUSE_ECALL_S
    ld t0, m_log
    CHECK t0, CAUSE_ECALL_S
    ld t0, s_count
    CHECK t0, 0
    /* ---- delegated exceptions from U ---- */
    TEST 7
    TRAPS_RESET
    LOWER_BEGIN PRV_S
    csrci sstatus, MSTATUS_SIE
    S_LOWER_BEGIN
    EXPECT_TRAP
7:  ecall
    mv s2, tp
    EXPECT_TRAP
    csrr a0, sstatus
    mv s3, tp
    S_LOWER_END
    LOWER_END
    CHECK s2, CAUSE_ECALL_U
    CHECK s3, CAUSE_ILLEGAL
    ld t0, s_log
    CHECK t0, CAUSE_ECALL_U
    ld t0, s_log + 8
    CHECK t0, CAUSE_ILLEGAL
    ld t0, s_log + 16                 /* S_LOWER_END's ecall */
    CHECK t0, CAUSE_ECALL_U
    ld t0, s_count
    CHECK t0, 3
    ld t0, m_count
    CHECK t0, 1
    ld t0, s_last + LAST_STATUS       /* from U: SPP = 0 */
    CHECK_MASK t0, MSTATUS_SPP, 0
    ld t0, s_last + LAST_TVAL
    CHECK t0, 0
    /* ---- interrupt delegation ---- */
    csrw medeleg, zero
    li t0, MIP_SSIP | MIP_STIP
    csrw mideleg, t0
    csrw mie, t0
    TEST 8                            /* never taken in M, even with MIE = 1 */
    TRAPS_RESET
    csrsi mip, MIP_SSIP
    csrsi mstatus, MSTATUS_MIE
    nop
    nop
    csrci mstatus, MSTATUS_MIE
    ld t0, m_count
    CHECK t0, 0
    ld t0, s_count
    CHECK t0, 0
    csrr t0, sip
    CHECK_MASK t0, MIP_SSIP, MIP_SSIP
    TEST 9                            /* in S with SIE = 0: pending, not taken; SIE = 1: taken */
    csrci mstatus, MSTATUS_SIE
    LOWER_BEGIN PRV_S
    csrci sstatus, MSTATUS_SIE
    nop
    ld s2, s_count
    csrsi sstatus, MSTATUS_SIE
    WAIT_S_COUNT 1, 1000
    csrci sstatus, MSTATUS_SIE
    ld s3, s_count
    csrr s4, sie
    csrci sip, MIP_SSIP               /* S clears its software interrupt */
    csrr s5, sip
    LOWER_END
    CHECK s2, 0
    CHECK s3, 1
    CHECK_S_CAUSE INTR | IRQ_SSI
    ld t0, s_last + LAST_VEC
    CHECK t0, -1
    CHECK_MASK s4, MIP_SSIP, 0        /* the handler cleared sie.SSIE */
    CHECK_MASK s5, MIP_SSIP, 0
    csrr t0, mip
    CHECK_MASK t0, MIP_SSIP, 0
    ld t0, m_count
    CHECK t0, 1
    TEST 10                           /* STIP set by M, delegated, taken in S */
    TRAPS_RESET
    li t0, MIP_STIP
    csrs mie, t0
    csrs mip, t0
    LOWER_BEGIN PRV_S
    csrsi sstatus, MSTATUS_SIE
    WAIT_S_COUNT 1, 1000
    csrci sstatus, MSTATUS_SIE
    csrr s4, sip
    LOWER_END
    CHECK_S_CAUSE INTR | IRQ_STI
    CHECK_MASK s4, MIP_STIP, MIP_STIP  /* still pending: only M can clear STIP */
    li t0, MIP_STIP
    csrc mip, t0
    csrr t0, sip
    CHECK_MASK t0, MIP_STIP, 0
    TEST 11                           /* in U a delegated interrupt is taken even with SIE = 0 */
    TRAPS_RESET
    li t0, MIP_SSIP
    csrs mie, t0
    csrci mstatus, MSTATUS_SIE
    csrsi mip, MIP_SSIP
    LOWER_BEGIN PRV_U
    WAIT_S_COUNT 1, 1000
    LOWER_END
    ld t0, s_count
    CHECK t0, 1
    CHECK_S_CAUSE INTR | IRQ_SSI
    ld t0, s_last + LAST_STATUS
    CHECK_MASK t0, MSTATUS_SPP | MSTATUS_SPIE, 0
    csrci mip, MIP_SSIP
    /* ---- not delegated: an S-level interrupt pending in S goes to M (MIE ignored below M) ---- */
    TEST 12
    TRAPS_RESET
    csrw mideleg, zero
    li t0, MIP_SSIP
    csrw mie, t0
    csrsi mip, MIP_SSIP
    csrci mstatus, MSTATUS_MIE
    LOWER_BEGIN PRV_S
    csrci sstatus, MSTATUS_SIE
    WAIT_M_COUNT 1, 1000
    LOWER_END
    ld t0, m_log
    CHECK t0, INTR | IRQ_SSI
    ld t0, s_count
    CHECK t0, 0
    csrci mip, MIP_SSIP
    /* ---- sie / sip are views of mie / mip restricted to delegated interrupts ---- */
    TEST 13
    li t0, MIP_SSIP | MIP_STIP
    csrw mideleg, t0
    csrw mie, zero
    csrw sie, t0
    csrr a0, mie
    CHECK_MASK a0, MIP_SSIP | MIP_STIP, MIP_SSIP | MIP_STIP
    csrw sie, zero
    csrr a0, mie
    CHECK_MASK a0, MIP_SSIP | MIP_STIP, 0
    li t0, MIP_MSIP | MIP_MTIP
    csrw mie, t0
    csrr a0, sie
    CHECK_MASK a0, MIP_MSIP | MIP_MTIP, 0
    csrw mie, zero
    csrsi sip, MIP_SSIP
    csrr a0, mip
    CHECK_MASK a0, MIP_SSIP, MIP_SSIP
    csrci sip, MIP_SSIP
    csrr a0, mip
    CHECK_MASK a0, MIP_SSIP, 0
    csrw mideleg, zero
    TEST_PASS
