/*
 * Sdtrig (debug spec 1.0 chapter 5): the trigger CSRs and address-match triggers (mcontrol,
 * type 2) on execute, load and store, as QEMU 7.2 offers them: tselect (2 triggers), tdata1,
 * tdata2, tdata3, tinfo; action 0 (breakpoint exception, cause 3) before the instruction or
 * access; the U/S/M bits; delegation through medeleg. mtval may be 0 (QEMU 7.2) or the address
 * (rvisor); both are accepted. Accesses are made exactly at the watched address, because the
 * size field is read differently (QEMU: a range of bytes; the spec: the access size).
 */
#define TEST_NAME "sdtrig"
#include "common.h"

#define TYPE2    (2 << 60)
#define T_LOAD   (1 << 0)
#define T_STORE  (1 << 1)
#define T_EXEC   (1 << 2)
#define T_U      (1 << 3)
#define T_S      (1 << 4)
#define T_M      (1 << 6)
#define DMODE    (1 << 59)
#define ACTION1  (1 << 12)
#define CHAIN    (1 << 11)
#define MATCH2   (2 << 7)

/* Fail unless mtval (of the last M trap) is 0 or the address of label (uses t5, t6). */
.macro CHECK_M_TVAL_0_OR label
    ld t5, m_last + LAST_TVAL
    beqz t5, .Lok\@
    la t6, \label
    beq t5, t6, .Lok\@
    j fail
.Lok\@:
.endm

/* Disarm trigger `n` (no privilege bits: it matches nothing). Uses t0. */
.macro DISARM n
    li t0, \n
    csrw tselect, t0
    li t0, TYPE2
    csrw tdata1, t0
.endm

/* Arm trigger `n`: tdata2 = address of label, tdata1 = TYPE2 | bits. Uses t0. */
.macro ARM n, label, bits
    li t0, \n
    csrw tselect, t0
    la t0, \label
    csrw tdata2, t0
    li t0, TYPE2 | (\bits)
    csrw tdata1, t0
.endm

TEST_MAIN
    /* ---- the CSRs ---- */
    TEST 1                      /* reset: trigger 0 selected, type 2, nothing enabled */
    csrr a0, tselect
    CHECK a0, 0
    csrr a0, tdata1
    CHECK_MASK a0, 0xf000000000000047, TYPE2
    TEST 2                      /* tinfo: types 2 and 6 */
    csrr a0, tinfo
    CHECK a0, 0x44
    TEST 3                      /* two triggers: tselect 1 sticks, 2 is not kept */
    li t0, 1
    csrw tselect, t0
    csrr a0, tselect
    CHECK a0, 1
    csrr a0, tdata1
    CHECK_MASK a0, 0xf000000000000047, TYPE2
    li t0, 2
    csrw tselect, t0
    csrr a0, tselect
    li t1, 2
    bgeu a0, t1, fail
    TEST 4                      /* tdata2 per trigger */
    li t0, 0
    csrw tselect, t0
    li t0, 0x1234567890abcdef
    csrw tdata2, t0
    li t0, 1
    csrw tselect, t0
    li t0, 0x0fedcba987654320
    csrw tdata2, t0
    li t0, 0
    csrw tselect, t0
    csrr a0, tdata2
    CHECK a0, 0x1234567890abcdef
    li t0, 1
    csrw tselect, t0
    csrr a0, tdata2
    CHECK a0, 0x0fedcba987654320
    TEST 5                      /* tdata1: dmode, action, chain, match read back 0 (not offered) */
    li t0, TYPE2 | DMODE | ACTION1 | CHAIN | MATCH2 | T_M | T_EXEC
    csrw tdata1, t0
    csrr a0, tdata1
    CHECK a0, TYPE2 | T_M | T_EXEC
    DISARM 1
    csrr a0, tdata1
    CHECK a0, TYPE2
    TEST 6                      /* tdata3 reads 0 */
    csrw tdata3, zero
    csrr a0, tdata3
    CHECK a0, 0

    /* ---- execute ---- */
    TEST 10                     /* run it once before arming: decoded, cached */
    jal ra, exec_fn
    CHECK a0, 1
    ARM 0, exec_target, T_M | T_EXEC
    TEST 11                     /* fires before the instruction: a0 stays 0 */
    EXPECT_TRAP
    jal ra, exec_fn
    CHECK_TRAP CAUSE_BREAKPOINT
    CHECK a0, 0
    CHECK_M_EPC exec_target
    CHECK_M_TVAL_0_OR exec_target
    TEST 12                     /* only the U and S bits: not in M */
    ARM 0, exec_target, T_U | T_S | T_EXEC
    jal ra, exec_fn
    CHECK a0, 1
    TEST 13                     /* disarmed, then armed again at the same place */
    DISARM 0
    jal ra, exec_fn
    CHECK a0, 1
    ARM 0, exec_target, T_M | T_EXEC
    EXPECT_TRAP
    jal ra, exec_fn
    CHECK_TRAP CAUSE_BREAKPOINT
    CHECK a0, 0
    TEST 14                     /* tdata2 moves it: the old place runs, the new one stops */
    la t0, exec_other
    csrw tdata2, t0
    jal ra, exec_fn
    CHECK a0, 1
    EXPECT_TRAP
    jal ra, exec_other_fn
    CHECK_TRAP CAUSE_BREAKPOINT
    CHECK_M_EPC exec_other
    DISARM 0
    TEST 15                     /* the second trigger */
    ARM 1, exec_target, T_M | T_EXEC
    EXPECT_TRAP
    jal ra, exec_fn
    CHECK_TRAP CAUSE_BREAKPOINT
    DISARM 1

    /* ---- loads ---- */
    la s1, watched
    TEST 20                     /* read it first: a TLB entry may exist */
    ld a0, 0(s1)
    CHECK a0, 0x1122334455667788
    ARM 0, watched, T_M | T_LOAD
    TEST 21                     /* fires before the load: a0 keeps its value */
    li a0, 7
    EXPECT_TRAP
    ld a0, 0(s1)
    CHECK_TRAP CAUSE_BREAKPOINT
    CHECK a0, 7
    CHECK_M_TVAL_0_OR watched
    TEST 22                     /* other widths at the address */
    EXPECT_TRAP
    lw a0, 0(s1)
    CHECK_TRAP CAUSE_BREAKPOINT
    EXPECT_TRAP
    lbu a0, 0(s1)
    CHECK_TRAP CAUSE_BREAKPOINT
    TEST 23                     /* far enough away, and stores: no */
    ld a0, 16(s1)
    CHECK a0, 0x0123456789abcdef
    ld a0, -8(s1)
    CHECK a0, 0x0fedcba987654321
    li t1, 0x1122334455667788
    sd t1, 0(s1)
    TEST 24                     /* LR and AMOs load */
    EXPECT_TRAP
    lr.d a0, (s1)
    CHECK_TRAP CAUSE_BREAKPOINT
    EXPECT_TRAP
    amoadd.d a0, zero, (s1)
    CHECK_TRAP CAUSE_BREAKPOINT
    TEST 25                     /* from S with only the S bit; not in M */
    ARM 0, watched, T_S | T_LOAD
    ld a0, 0(s1)
    LOWER_BEGIN PRV_S
    li a0, 7
    EXPECT_TRAP
    ld a0, 0(s1)
    mv s2, tp
    li tp, 0
    mv s3, a0
    LOWER_END
    CHECK s2, CAUSE_BREAKPOINT
    CHECK s3, 7
    DISARM 0

    /* ---- stores ---- */
    TEST 30                     /* store first: a TLB entry may exist */
    li t1, 0x5555
    sd t1, 8(s1)
    ARM 1, watched + 8, T_M | T_STORE
    TEST 31                     /* fires before the store: memory unchanged */
    li t1, 0xaaaa
    EXPECT_TRAP
    sd t1, 8(s1)
    CHECK_TRAP CAUSE_BREAKPOINT
    ld a0, 8(s1)
    CHECK a0, 0x5555
    CHECK_M_TVAL_0_OR watched + 8
    TEST 32
    EXPECT_TRAP
    sb t1, 8(s1)
    CHECK_TRAP CAUSE_BREAKPOINT
    ld a0, 8(s1)
    CHECK a0, 0x5555
    TEST 33                     /* loads of it and AMOs */
    ld a0, 8(s1)
    CHECK a0, 0x5555
    addi t2, s1, 8
    EXPECT_TRAP
    amoswap.d a0, t1, (t2)
    CHECK_TRAP CAUSE_BREAKPOINT
    ld a0, 8(s1)
    CHECK a0, 0x5555
    TEST 34                     /* SC after LR (the reservation holds): a store */
    lr.d a0, (t2)
    EXPECT_TRAP
    sc.d a0, t1, (t2)
    CHECK_TRAP CAUSE_BREAKPOINT
    ld a0, 8(s1)
    CHECK a0, 0x5555
    DISARM 1
    TEST 35                     /* disarmed: the store happens */
    sd t1, 8(s1)
    ld a0, 8(s1)
    CHECK a0, 0xaaaa

    /* ---- execute, load and store in one trigger; delegation to S ---- */
    TEST 40
    ARM 0, watched, T_M | T_LOAD | T_STORE
    EXPECT_TRAP
    sd zero, 0(s1)
    CHECK_TRAP CAUSE_BREAKPOINT
    EXPECT_TRAP
    ld a0, 0(s1)
    CHECK_TRAP CAUSE_BREAKPOINT
    DISARM 0
    TEST 41                     /* medeleg bit 3: a trigger firing in S goes to S */
    li t0, 1 << CAUSE_BREAKPOINT
    csrs medeleg, t0
    TRAPS_RESET
    ARM 0, s_target, T_S | T_EXEC
    LOWER_BEGIN PRV_S
    li a0, 0
    EXPECT_TRAP
s_target:
    li a0, 1
    mv s2, tp
    li tp, 0
    mv s3, a0
    LOWER_END
    CHECK s2, CAUSE_BREAKPOINT
    CHECK s3, 0
    CHECK_S_CAUSE CAUSE_BREAKPOINT
    CHECK_S_EPC s_target
    DISARM 0
    li t0, 1 << CAUSE_BREAKPOINT
    csrc medeleg, t0
    TEST 42                     /* the trigger CSRs are M-mode CSRs */
    LOWER_BEGIN PRV_S
    EXPECT_TRAP
    csrr a0, tselect
    mv s2, tp
    li tp, 0
    LOWER_END
    CHECK s2, CAUSE_ILLEGAL
    TEST_PASS

    .balign 4
exec_fn:
    li a0, 0
exec_target:
    li a0, 1
    ret
exec_other_fn:
exec_other:
    nop
    ret

    .data
    .balign 64
    .dword 0, 0x0fedcba987654321
watched:
    .dword 0x1122334455667788
    .dword 0
    .dword 0x0123456789abcdef
