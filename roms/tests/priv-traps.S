/* Synchronous traps into M-mode: ECALL from U/S/M (causes 8/9/11, tval 0), EBREAK and
   C.EBREAK (cause 3), instruction access fault (cause 1) on a jump to an address with no
   device (0x0 and 0x100 on the virt map), load/store access faults (5/7) with tval = address,
   AMO/LR to such an address, the same from S- and U-mode; mepc = the trapping instruction;
   mstatus on trap entry (MPP = previous mode, MPIE = old MIE, MIE = 0) and after MRET
   (MIE = MPIE, MPIE = 1, MPP = U); a faulting load leaves rd alone. ebreak's tval is not
   checked (0 or the pc are both allowed). */
#define TEST_NAME "priv-traps"
#include "common.h"

#define NO_DEVICE  0x0
#define NO_DEVICE2 0x100

TEST_MAIN
    /* ecall from M */
    TEST 1
    EXPECT_TRAP
1:  ecall
    CHECK_TRAP CAUSE_ECALL_M
    CHECK_M_EPC 1b
    CHECK_M_TVAL 0
    ld t0, m_last + LAST_STATUS
    CHECK_MASK t0, MSTATUS_MPP, MSTATUS_MPP_M
    /* ecall from S */
    TEST 2
    LOWER_BEGIN PRV_S
2:  LOWER_END
    CHECK_M_CAUSE CAUSE_ECALL_S
    CHECK_M_EPC 2b
    CHECK_M_TVAL 0
    ld t0, m_last + LAST_STATUS
    CHECK_MASK t0, MSTATUS_MPP, MSTATUS_MPP_S
    /* ecall from U */
    TEST 3
    LOWER_BEGIN PRV_U
3:  LOWER_END
    CHECK_M_CAUSE CAUSE_ECALL_U
    CHECK_M_EPC 3b
    CHECK_M_TVAL 0
    ld t0, m_last + LAST_STATUS
    CHECK_MASK t0, MSTATUS_MPP, 0
    /* ebreak, 4-byte and compressed */
    TEST 4
    EXPECT_TRAP
    .option push
    .option norvc
4:  ebreak
    .option pop
    CHECK_TRAP CAUSE_BREAKPOINT
    CHECK_M_EPC 4b
    TEST 5
    EXPECT_TRAP
5:  c.ebreak
    CHECK_TRAP CAUSE_BREAKPOINT
    CHECK_M_EPC 5b
    TEST 6                           /* ebreak from U */
    LOWER_BEGIN PRV_U
    EXPECT_TRAP
6:  ebreak
    mv s2, tp
    LOWER_END
    CHECK s2, CAUSE_BREAKPOINT
    /* instruction access fault: mepc = mtval = target */
    TEST 7
    EXPECT_TRAP
    li a1, NO_DEVICE
    jalr ra, 0(a1)
    CHECK_TRAP CAUSE_FETCH_ACCESS
    CHECK_M_EPC NO_DEVICE
    CHECK_M_TVAL NO_DEVICE
    TEST 8
    EXPECT_TRAP
    li a1, NO_DEVICE2
    jalr ra, 0(a1)
    CHECK_TRAP CAUSE_FETCH_ACCESS
    ld t0, m_last + LAST_EPC
    CHECK t0, NO_DEVICE2
    CHECK_M_TVAL NO_DEVICE2
    /* load access faults; rd is not written */
    TEST 9
    li a1, NO_DEVICE2
    li a0, 0x1234
    EXPECT_TRAP
9:  ld a0, 0(a1)
    CHECK_TRAP CAUSE_LOAD_ACCESS
    CHECK a0, 0x1234
    CHECK_M_EPC 9b
    CHECK_M_TVAL NO_DEVICE2
    TEST 10
    li a1, NO_DEVICE
    EXPECT_TRAP
    lbu a0, 8(a1)
    CHECK_TRAP CAUSE_LOAD_ACCESS
    CHECK_M_TVAL NO_DEVICE + 8
    CHECK a0, 0x1234
    TEST 11
    EXPECT_TRAP
    lw a0, 4(a1)
    CHECK_TRAP CAUSE_LOAD_ACCESS
    CHECK_M_TVAL NO_DEVICE + 4
    /* store access faults */
    TEST 12
    li a1, NO_DEVICE2
    EXPECT_TRAP
12: sd a0, 0(a1)
    CHECK_TRAP CAUSE_STORE_ACCESS
    CHECK_M_EPC 12b
    CHECK_M_TVAL NO_DEVICE2
    TEST 13
    li a1, NO_DEVICE
    EXPECT_TRAP
    sb a0, 16(a1)
    CHECK_TRAP CAUSE_STORE_ACCESS
    CHECK_M_TVAL NO_DEVICE + 16
    TEST 14
    EXPECT_TRAP
    c.sw a0, 0(a1)
    CHECK_TRAP CAUSE_STORE_ACCESS
    /* LR: load access fault. AMO: store/AMO access fault (7) per the spec; QEMU 7.2 reports
       5, so either is accepted. */
    TEST 15
    EXPECT_TRAP
    lr.d a0, (a1)
    CHECK_TRAP CAUSE_LOAD_ACCESS
    CHECK_M_TVAL NO_DEVICE
    TEST 16
    li a1, NO_DEVICE2
    EXPECT_TRAP
    amoadd.w a0, a0, (a1)
    li t0, CAUSE_STORE_ACCESS
    beq tp, t0, 16f
    CHECK tp, CAUSE_LOAD_ACCESS
16: li tp, 0
    CHECK_M_TVAL NO_DEVICE2
    CHECK a0, 0x1234
    /* the same from S-mode and U-mode (taken in M) */
    TEST 17
    LOWER_BEGIN PRV_S
    li a1, NO_DEVICE2
    EXPECT_TRAP
    ld a0, 0(a1)
    mv s2, tp
    ld s3, m_last + LAST_TVAL
    EXPECT_TRAP
    sw a0, 0(a1)
    mv s4, tp
    EXPECT_TRAP
    jalr ra, 0(a1)
    mv s5, tp
    LOWER_END
    CHECK s2, CAUSE_LOAD_ACCESS
    CHECK s3, NO_DEVICE2
    CHECK s4, CAUSE_STORE_ACCESS
    CHECK s5, CAUSE_FETCH_ACCESS
    TEST 18
    LOWER_BEGIN PRV_U
    li a1, NO_DEVICE
    EXPECT_TRAP
    lh a0, 2(a1)
    mv s2, tp
    ld s3, m_last + LAST_STATUS
    EXPECT_TRAP
    sh a0, 2(a1)
    mv s4, tp
    EXPECT_TRAP
    jalr ra, 0(a1)
    mv s5, tp
    LOWER_END
    CHECK s2, CAUSE_LOAD_ACCESS
    CHECK_MASK s3, MSTATUS_MPP, 0
    CHECK s4, CAUSE_STORE_ACCESS
    CHECK s5, CAUSE_FETCH_ACCESS
    /* mstatus on trap entry and after mret */
    TEST 19
    csrw mie, zero
    csrsi mstatus, MSTATUS_MIE
    li t0, MSTATUS_MPIE
    csrc mstatus, t0
    EXPECT_TRAP
    ecall
    CHECK_TRAP CAUSE_ECALL_M
    ld t0, m_last + LAST_STATUS
    CHECK_MASK t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MPIE | MSTATUS_MPP_M
    csrr t0, mstatus                /* after mret: MIE = 1, MPIE = 1, MPP = U */
    CHECK_MASK t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MIE | MSTATUS_MPIE
    TEST 20
    csrci mstatus, MSTATUS_MIE
    EXPECT_TRAP
    ecall
    CHECK_TRAP CAUSE_ECALL_M
    ld t0, m_last + LAST_STATUS
    CHECK_MASK t0, MSTATUS_MIE | MSTATUS_MPIE, 0
    csrr t0, mstatus
    CHECK_MASK t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MPIE
    /* mcause of an exception has the interrupt bit clear; the count of traps is exact */
    TEST 21
    TRAPS_RESET
    EXPECT_TRAP
    ecall
    EXPECT_TRAP
    c.ebreak
    ld t0, m_count
    CHECK t0, 2
    ld t0, m_log
    CHECK t0, CAUSE_ECALL_M
    ld t0, m_log + 8
    CHECK t0, CAUSE_BREAKPOINT
    TEST_PASS
