/* Counters: cycle/time/instret (and mcycle/minstret) readable and advancing, time equal to
   the CLINT mtime, mcycle/minstret writable, mcounteren/scounteren storage, and their gating
   of cycle/time/instret from S-mode (mcounteren) and U-mode (mcounteren and scounteren).
   Counter rates are not checked (QEMU's cycle and instret count host ticks). */
#define TEST_NAME "priv-counters"
#include "common.h"

#define BIG 0x7000000000000000

/* In the current (lower) mode, read counter csr expecting success (ok=1) or an illegal
   instruction trap (ok=0). */
.macro TRY_CTR n, csr, ok
    TEST \n
    li tp, -1
    csrr a0, \csr
.if \ok
    CHECK tp, -1
.else
    CHECK tp, CAUSE_ILLEGAL
.endif
    li tp, 0
.endm

TEST_MAIN
    /* ---- advancing ---- */
    TEST 1
    rdcycle s0
    rdinstret s1
    li t0, 1000
1:  addi t0, t0, -1
    bnez t0, 1b
    rdcycle s2
    rdinstret s3
    bgtu s2, s0, 2f
    j fail
2:  TEST 2
    bgtu s3, s1, 3f
    j fail
3:  TEST 3                          /* time advances (wait up to ~10M iterations) */
    rdtime s0
    li t0, 10000000
4:  rdtime s1
    bne s1, s0, 5f
    addi t0, t0, -1
    bnez t0, 4b
    j fail
5:  bgtu s1, s0, 6f
    j fail
6:  TEST 4                          /* time == mtime */
    li t1, CLINT_MTIME
    ld s0, 0(t1)
    rdtime s1
    ld s2, 0(t1)
    bgeu s1, s0, 7f
    j fail
7:  bgeu s2, s1, 8f
    j fail
8:  TEST 5                          /* the M aliases read the same counters */
    csrr s0, mcycle
    rdcycle s1
    bgeu s1, s0, 9f
    j fail
9:  csrr s0, minstret
    rdinstret s1
    bgeu s1, s0, 10f
    j fail
10: /* ---- mcycle / minstret are writable ---- */
    TEST 6
    li t0, BIG
    csrw mcycle, t0
    rdcycle a0
    li t1, BIG
    bgeu a0, t1, 11f
    j fail
11: li t1, BIG + (1 << 40)
    bltu a0, t1, 12f
    j fail
12: TEST 7
    li t0, BIG
    csrw minstret, t0
    rdinstret a0
    li t1, BIG
    bgeu a0, t1, 13f
    j fail
13: li t1, BIG + (1 << 40)
    bltu a0, t1, 14f
    j fail
14: /* ---- mcounteren / scounteren storage ---- */
    TEST 8
    csrwi mcounteren, 7
    csrr a0, mcounteren
    CHECK_MASK a0, 7, 7
    csrwi mcounteren, 0
    csrr a0, mcounteren
    CHECK_MASK a0, 7, 0
    csrwi scounteren, 5
    csrr a0, scounteren
    CHECK_MASK a0, 7, 5
    csrwi scounteren, 0
    csrr a0, scounteren
    CHECK_MASK a0, 7, 0
    /* ---- gating from S ---- */
    csrwi mcounteren, 0
    LOWER_BEGIN PRV_S
    TRY_CTR 10, cycle, 0
    TRY_CTR 11, time, 0
    TRY_CTR 12, instret, 0
    LOWER_END
    csrwi mcounteren, 7
    LOWER_BEGIN PRV_S
    TRY_CTR 13, cycle, 1
    TRY_CTR 14, time, 1
    TRY_CTR 15, instret, 1
    LOWER_END
    csrwi mcounteren, 2               /* TM only */
    LOWER_BEGIN PRV_S
    TRY_CTR 16, cycle, 0
    TRY_CTR 17, time, 1
    TRY_CTR 18, instret, 0
    /* scounteren does not gate S itself */
    csrwi scounteren, 0
    TRY_CTR 19, time, 1
    LOWER_END
    TEST 20                           /* time read in S matches mtime */
    csrwi mcounteren, 7
    LOWER_BEGIN PRV_S
    li t1, CLINT_MTIME
    ld s0, 0(t1)
    rdtime s1
    ld s2, 0(t1)
    LOWER_END
    bgeu s1, s0, 21f
    j fail
21: bgeu s2, s1, 22f
    j fail
22: /* ---- gating from U ---- */
    csrwi mcounteren, 7
    csrwi scounteren, 0
    LOWER_BEGIN PRV_U
    TRY_CTR 30, cycle, 0
    TRY_CTR 31, time, 0
    TRY_CTR 32, instret, 0
    LOWER_END
    csrwi scounteren, 7
    LOWER_BEGIN PRV_U
    TRY_CTR 33, cycle, 1
    TRY_CTR 34, time, 1
    TRY_CTR 35, instret, 1
    LOWER_END
    csrwi mcounteren, 0
    LOWER_BEGIN PRV_U
    TRY_CTR 36, cycle, 0
    TRY_CTR 37, time, 0
    TRY_CTR 38, instret, 0
    LOWER_END
    csrwi mcounteren, 4               /* IR in both, TM only in scounteren */
    csrwi scounteren, 6
    LOWER_BEGIN PRV_U
    TRY_CTR 39, cycle, 0
    TRY_CTR 40, time, 0
    TRY_CTR 41, instret, 1
    LOWER_END
    TEST 42                           /* U-mode counters advance */
    csrwi mcounteren, 7
    csrwi scounteren, 7
    LOWER_BEGIN PRV_U
    rdinstret s0
    nop
    nop
    rdinstret s1
    LOWER_END
    bgtu s1, s0, 43f
    j fail
43: csrwi mcounteren, 0
    csrwi scounteren, 0
    TEST_PASS
