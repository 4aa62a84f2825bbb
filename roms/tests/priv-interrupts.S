/* Interrupts: machine software interrupt through the CLINT msip register, machine timer
   through mtime/mtimecmp (MTIP follows mtime >= mtimecmp), MIE gating in M and its absence in
   S/U, mstatus MPIE/MIE/MPP on an interrupt, WFI waking on a pending-but-disabled interrupt
   and WFI followed by the interrupt (mepc = the instruction after WFI), priority (MSI before
   MTI, SSI before STI, M-level before delegated S-level; see TEST 11), and a timer interrupt forwarded to S-mode: the M handler sets
   mip.STIP, delegated through mideleg, taken by the S handler. */
#define TEST_NAME "priv-interrupts"
#include "common.h"

/* mtimecmp = mtime + delta. Uses t0-t2. */
.macro TIMER_IN delta
    li t0, CLINT_MTIME
    ld t1, 0(t0)
    li t2, \delta
    add t1, t1, t2
    li t0, CLINT_MTIMECMP
    sd t1, 0(t0)
.endm
.macro MSIP_SET val
    li t0, CLINT_MSIP
    li t1, \val
    sw t1, 0(t0)
.endm

TEST_MAIN
    csrw mideleg, zero
    csrw mie, zero
    csrw menvcfg, zero               /* no Sstc: STIP is the software-writable bit */
    /* ---- machine software interrupt ---- */
    TEST 1                           /* pending while MIE = 0, visible in mip */
    TRAPS_RESET
    li t0, MIP_MSIP
    csrw mie, t0
    MSIP_SET 1
    csrr a0, mip
    CHECK_MASK a0, MIP_MSIP, MIP_MSIP
    ld t0, m_count
    CHECK t0, 0
    TEST 2                           /* taken when MIE is set */
    csrsi mstatus, MSTATUS_MIE
    WAIT_M_COUNT 1
    csrci mstatus, MSTATUS_MIE
    ld t0, m_count
    CHECK t0, 1
    CHECK_M_CAUSE INTR | IRQ_MSI
    ld t0, m_last + LAST_STATUS      /* in the handler: MIE = 0, MPIE = 1, MPP = M */
    CHECK_MASK t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MPIE | MSTATUS_MPP_M
    csrr a0, mie                     /* the handler disabled it */
    CHECK a0, 0
    MSIP_SET 0
    csrr a0, mip
    CHECK_MASK a0, MIP_MSIP, 0
    li t0, CLINT_MSIP
    lw a0, 0(t0)
    CHECK a0, 0
    /* ---- machine timer interrupt ---- */
    TEST 3
    TRAPS_RESET
    TIMER_IN 1000
    csrr a0, mip
    CHECK_MASK a0, MIP_MTIP, 0       /* not yet (100 us at 10 MHz) */
    li t0, MIP_MTIP
    csrw mie, t0
    csrsi mstatus, MSTATUS_MIE
    WAIT_M_COUNT 1, 10000000
    csrci mstatus, MSTATUS_MIE
    ld t0, m_count
    CHECK t0, 1
    CHECK_M_CAUSE INTR | IRQ_MTI
    TEST 4                           /* MTIP stays while mtime >= mtimecmp */
    li t0, CLINT_MTIME
    ld a0, 0(t0)
    li t0, CLINT_MTIMECMP
    ld a1, 0(t0)
    bgeu a0, a1, 1f
    j fail
1:  csrr a0, mip
    CHECK_MASK a0, MIP_MTIP, MIP_MTIP
    TIMER_OFF
    csrr a0, mip
    CHECK_MASK a0, MIP_MTIP, 0
    /* mtimecmp written with 0: pending at once */
    TEST 5
    li t0, CLINT_MTIMECMP
    sd zero, 0(t0)
    csrr a0, mip
    CHECK_MASK a0, MIP_MTIP, MIP_MTIP
    TIMER_OFF
    /* ---- M-level interrupts are taken in S and U whatever MIE says ---- */
    TEST 6
    TRAPS_RESET
    csrci mstatus, MSTATUS_MIE
    li t0, MIP_MTIP
    csrw mie, t0
    TIMER_IN 500
    LOWER_BEGIN PRV_S
    WAIT_M_COUNT 1, 10000000
    LOWER_END
    ld t0, m_log
    CHECK t0, INTR | IRQ_MTI
    ld t0, m_count
    CHECK t0, 2
    TIMER_OFF
    TEST 7
    TRAPS_RESET
    li t0, MIP_MSIP
    csrw mie, t0
    LOWER_BEGIN PRV_U
    MSIP_SET 1                       /* U may store to the CLINT: PMP allows all */
    WAIT_M_COUNT 1, 1000000
    LOWER_END
    MSIP_SET 0
    ld t0, m_log
    CHECK t0, INTR | IRQ_MSI
    /* ---- WFI ---- */
    TEST 8                           /* wakes on a pending, enabled interrupt while MIE = 0; no trap */
    TRAPS_RESET
    csrci mstatus, MSTATUS_MIE
    li t0, MIP_MTIP
    csrw mie, t0
    TIMER_IN 2000
    li s1, 1000000
2:  wfi
    csrr a0, mip
    andi a0, a0, MIP_MTIP
    bnez a0, 3f
    addi s1, s1, -1
    bnez s1, 2b
    j fail
3:  ld t0, m_count
    CHECK t0, 0
    TIMER_OFF
    TEST 10                          /* wfi with MIE = 1: the interrupt is taken, mepc = next instruction */
    TRAPS_RESET
    li t0, MIP_MTIP
    csrw mie, t0
    TIMER_IN 1000
    csrsi mstatus, MSTATUS_MIE
    li s1, 100
5:  wfi
6:  ld t0, m_count
    bnez t0, 7f
    addi s1, s1, -1
    bnez s1, 5b
    j fail
7:  csrci mstatus, MSTATUS_MIE
    TIMER_OFF
    CHECK_M_CAUSE INTR | IRQ_MTI
    CHECK_M_EPC 6b
    /* ---- priority. The spec's order for M-mode is MEI > MSI > MTI > SEI > SSI > STI; QEMU 7.2
       (without AIA) takes the lowest-numbered pending interrupt instead, so only the pairs on
       which both agree are checked: MSI before MTI, SSI before STI. ---- */
    TEST 11
    TRAPS_RESET
    csrci mstatus, MSTATUS_MIE
    MSIP_SET 1
    li t0, CLINT_MTIMECMP
    sd zero, 0(t0)
    li t0, MIP_MSIP | MIP_MTIP
    csrw mie, t0
    csrsi mstatus, MSTATUS_MIE
    WAIT_M_COUNT 2
    csrci mstatus, MSTATUS_MIE
    MSIP_SET 0
    TIMER_OFF
    ld t0, m_count
    CHECK t0, 2
    ld t0, m_log
    CHECK t0, INTR | IRQ_MSI
    ld t0, m_log + 8
    CHECK t0, INTR | IRQ_MTI
    TEST 12                          /* S-level interrupts, not delegated: taken in M */
    TRAPS_RESET
    li t0, MIP_SSIP | MIP_STIP
    csrs mip, t0
    csrw mie, t0
    csrsi mstatus, MSTATUS_MIE
    WAIT_M_COUNT 2
    csrci mstatus, MSTATUS_MIE
    li t0, MIP_SSIP | MIP_STIP
    csrc mip, t0
    ld t0, m_count
    CHECK t0, 2
    ld t0, m_log
    CHECK t0, INTR | IRQ_SSI
    ld t0, m_log + 8
    CHECK t0, INTR | IRQ_STI
    TEST 15                          /* M-level pair taken from S-mode */
    TRAPS_RESET
    MSIP_SET 1
    li t0, CLINT_MTIMECMP
    sd zero, 0(t0)
    li t0, MIP_MSIP | MIP_MTIP
    csrw mie, t0
    LOWER_BEGIN PRV_S
    WAIT_M_COUNT 2
    LOWER_END
    MSIP_SET 0
    TIMER_OFF
    ld t0, m_log
    CHECK t0, INTR | IRQ_MSI
    ld t0, m_log + 8
    CHECK t0, INTR | IRQ_MTI
    TEST 16                          /* delegated SSI and STI taken in S: SSI first */
    TRAPS_RESET
    li t0, MIP_SSIP | MIP_STIP
    csrw mideleg, t0
    csrs mip, t0
    csrw mie, t0
    csrsi mstatus, MSTATUS_SIE
    LOWER_BEGIN PRV_S
    WAIT_S_COUNT 2
    LOWER_END
    csrci mstatus, MSTATUS_SIE
    li t0, MIP_SSIP | MIP_STIP
    csrc mip, t0
    csrw mideleg, zero
    ld t0, s_count
    CHECK t0, 2
    ld t0, s_log
    CHECK t0, INTR | IRQ_SSI
    ld t0, s_log + 8
    CHECK t0, INTR | IRQ_STI
    /* a delegated interrupt loses against a pending M-level one only by mode: with SSI
       delegated, M-level MTI is taken (in M) first, then SSI in S */
    TEST 13
    TRAPS_RESET
    li t0, MIP_SSIP
    csrw mideleg, t0
    csrs mip, t0
    li t0, CLINT_MTIMECMP
    sd zero, 0(t0)
    li t0, MIP_MTIP | MIP_SSIP
    csrw mie, t0
    csrsi mstatus, MSTATUS_SIE
    LOWER_BEGIN PRV_S
    WAIT_S_COUNT 1
    LOWER_END
    TIMER_OFF
    csrci mip, MIP_SSIP
    csrci mstatus, MSTATUS_SIE
    ld t0, m_log
    CHECK t0, INTR | IRQ_MTI
    ld t0, s_log
    CHECK t0, INTR | IRQ_SSI
    /* ---- machine timer forwarded to S: M sets STIP, delegated via mideleg ---- */
    TEST 14
    TRAPS_RESET
    la t0, forward_timer
    sd t0, m_hook, t1
    li t0, MIP_STIP
    csrw mideleg, t0
    li t0, MIP_MTIP | MIP_STIP
    csrw mie, t0
    csrsi mstatus, MSTATUS_SIE
    TIMER_IN 1000
    LOWER_BEGIN PRV_S
    WAIT_S_COUNT 1, 10000000
    csrr s2, sip
    LOWER_END
    sd zero, m_hook, t1
    csrci mstatus, MSTATUS_SIE
    ld t0, m_log
    CHECK t0, INTR | IRQ_MTI
    ld t0, s_count
    CHECK t0, 1
    CHECK_S_CAUSE INTR | IRQ_STI
    CHECK_MASK s2, MIP_STIP, MIP_STIP
    li t0, MIP_STIP
    csrc mip, t0
    csrr a0, mip
    CHECK_MASK a0, MIP_STIP | MIP_MTIP, 0
    csrw mideleg, zero
    csrw mie, zero
    TEST_PASS

/* M hook: on a machine timer interrupt, stop the timer and raise STIP for S-mode. */
forward_timer:
    li t0, INTR | IRQ_MTI
    bne a0, t0, 1f
    li t0, CLINT_MTIMECMP
    li t1, -1
    sd t1, 0(t0)
    li t0, MIP_STIP
    csrs mip, t0
    li a0, 1
    ret
1:  li a0, 0
    ret
