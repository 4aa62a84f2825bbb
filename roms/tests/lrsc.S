/* LR/SC: only what the A extension guarantees, plus one point where QEMU 7.2 makes a choice the
   core copies (marked). A pair succeeds (rd = 0, memory written); an SC with no reservation
   fails (rd != 0, memory untouched); an SC after an SC fails; an SC after a trap and mret
   fails (QEMU 7.2 drops the reservation on a trap; the spec allows but does not require it). */
#define TEST_NAME "lrsc"
#include "common.h"
TEST_MAIN
    la s0, word
    /* SC with no LR since reset: fails, memory unchanged */
    TEST 1
    li t0, 0x1111
    sd t0, 0(s0)
    li a1, 0x2222
    sc.d a0, a1, (s0)
    CHECK_NE a0, zero
    ld a2, 0(s0)
    CHECK a2, 0x1111
    TEST 2
    sc.w a0, a1, (s0)
    CHECK_NE a0, zero
    ld a2, 0(s0)
    CHECK a2, 0x1111
    /* LR.D / SC.D pair */
    TEST 3
    lr.d a2, (s0)
    CHECK a2, 0x1111
    li a1, 0x123456789
    sc.d a0, a1, (s0)
    CHECK a0, 0
    ld a2, 0(s0)
    CHECK a2, 0x123456789
    /* the reservation is gone after the SC: a second SC fails */
    TEST 4
    li a1, 0x3333
    sc.d a0, a1, (s0)
    CHECK_NE a0, zero
    ld a2, 0(s0)
    CHECK a2, 0x123456789
    /* LR.W / SC.W pair on the upper word of the doubleword; LR.W sign-extends */
    TEST 5
    li t0, 0xfedcba9800000001
    sd t0, 0(s0)
    addi s1, s0, 4
    lr.w a2, (s1)
    CHECK a2, 0xfffffffffedcba98
    li a1, 0xaaaa5555
    sc.w a0, a1, (s1)
    CHECK a0, 0
    ld a2, 0(s0)
    CHECK a2, 0xaaaa555500000001
    TEST 6
    sc.w a0, a1, (s1)
    CHECK_NE a0, zero
    /* rd == rs2 on success and on failure */
    TEST 7
    lr.d a2, (s0)
    li a1, 77
    sc.d a1, a1, (s0)
    CHECK a1, 0
    ld a2, 0(s0)
    CHECK a2, 77
    li a1, 78
    sc.d a1, a1, (s0)
    CHECK_NE a1, zero
    ld a2, 0(s0)
    CHECK a2, 77
    /* ordering bits */
    TEST 8
    lr.d.aqrl a2, (s0)
    li a1, 99
    sc.d.aqrl a0, a1, (s0)
    CHECK a0, 0
    ld a2, 0(s0)
    CHECK a2, 99
    TEST 9
    lr.w.aq a2, (s0)
    li a1, 100
    sc.w.rl a0, a1, (s0)
    CHECK a0, 0
    lw a2, 0(s0)
    CHECK a2, 100
    /* LR sees a value stored just before */
    TEST 10
    li t0, 0xabcdef
    sd t0, 0(s0)
    lr.d a2, (s0)
    CHECK a2, 0xabcdef
    sc.d a0, a2, (s0)
    CHECK a0, 0
    /* trap between LR and SC (QEMU 7.2 behaviour: the SC fails) */
    TEST 11
    lr.d a2, (s0)
    EXPECT_TRAP
    ecall
    CHECK_TRAP CAUSE_ECALL_M
    li a1, 5
    sc.d a0, a1, (s0)
    CHECK_NE a0, zero
    ld a2, 0(s0)
    CHECK a2, 0xabcdef
    /* a pair in S-mode and in U-mode */
    TEST 12
    LOWER_BEGIN PRV_S
    lr.d a2, (s0)
    addi a2, a2, 1
    sc.d a0, a2, (s0)
    LOWER_END
    CHECK a0, 0
    ld a2, 0(s0)
    CHECK a2, 0xabcdf0
    TEST 13
    LOWER_BEGIN PRV_U
    lr.w a2, (s0)
    addi a2, a2, 1
    sc.w a0, a2, (s0)
    LOWER_END
    CHECK a0, 0
    ld a2, 0(s0)
    CHECK a2, 0xabcdf1
    /* the same after a privilege change between LR and SC (ecall to M, back to S) */
    TEST 14
    LOWER_BEGIN PRV_S
    lr.d a2, (s0)
    LOWER_END
    LOWER_BEGIN PRV_S
    li a1, 1
    sc.d a0, a1, (s0)
    LOWER_END
    CHECK_NE a0, zero
    ld a2, 0(s0)
    CHECK a2, 0xabcdf1
    TEST_PASS

    .bss
    .balign 64
word: .dword 0, 0
