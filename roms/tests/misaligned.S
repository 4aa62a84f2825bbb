/* Misaligned data accesses. Loads and stores to RAM at every misaligned offset complete with
   the right value in M, S and U mode (as on QEMU), also across a 4 KiB boundary (bare
   translation here; mmu-sv39 covers pages that are not physically contiguous). Misaligned
   AMOs and LRs raise an address-misaligned exception with tval = address and leave memory
   and rd alone. */
#define TEST_NAME "misaligned"
#include "common.h"

.macro TEST_LD n, inst, off, expected
    TEST \n
    la a1, pattern
    \inst a0, \off(a1)
    CHECK a0, \expected
.endm

TEST_MAIN
    /* pattern: bytes 0x00, 0x01, ... 0x1f */
    TEST_LD 1, lh,  1, 0x0201
    TEST_LD 2, lh,  7, 0x0807
    TEST_LD 3, lhu, 3, 0x0403
    TEST_LD 4, lw,  1, 0x04030201
    TEST_LD 5, lw,  2, 0x05040302
    TEST_LD 6, lw,  3, 0x06050403
    TEST_LD 7, lwu, 5, 0x08070605
    TEST_LD 8, ld,  1, 0x0807060504030201
    TEST_LD 9, ld,  2, 0x0908070605040302
    TEST_LD 10, ld, 3, 0x0a09080706050403
    TEST_LD 11, ld, 4, 0x0b0a090807060504
    TEST_LD 12, ld, 5, 0x0c0b0a0908070605
    TEST_LD 13, ld, 6, 0x0d0c0b0a09080706
    TEST_LD 14, ld, 7, 0x0e0d0c0b0a090807
    /* sign extension of misaligned loads */
    TEST 15
    la a1, signs
    lh a0, 1(a1)
    CHECK a0, 0xffffffffffff8180
    lw a0, 3(a1)
    CHECK a0, 0xffffffff86858483
    lwu a0, 3(a1)
    CHECK a0, 0x86858483
    lhu a0, 1(a1)
    CHECK a0, 0x8180
    /* stores at every offset leave the neighbours intact */
    TEST 16
    la a1, buf
    li t0, -1
    sd t0, 0(a1)
    sd t0, 8(a1)
    li a2, 0x1234
    sh a2, 1(a1)
    ld a0, 0(a1)
    CHECK a0, 0xffffffffff1234ff
    TEST 17
    li a2, 0x89abcdef
    sw a2, 5(a1)
    ld a0, 0(a1)
    CHECK a0, 0xabcdefffff1234ff
    ld a0, 8(a1)
    CHECK a0, 0xffffffffffffff89
    TEST 18
    li a2, 0x0102030405060708
    sd a2, 3(a1)
    ld a0, 0(a1)
    CHECK a0, 0x0405060708 << 24 | 0x1234ff
    ld a0, 8(a1)
    CHECK a0, 0xffffffffff010203
    TEST 19
    ld a0, 3(a1)
    CHECK a0, 0x0102030405060708
    /* across a 4 KiB page boundary (bare: physically contiguous) */
    TEST 20
    la a1, page2
    li a2, 0x1122334455667788
    sd a2, -3(a1)
    ld a0, -3(a1)
    CHECK a0, 0x1122334455667788
    ld a0, -8(a1)
    srli a0, a0, 40
    CHECK a0, 0x667788
    lw a0, -2(a1)
    CHECK a0, 0x44556677
    lhu a0, -1(a1)
    CHECK a0, 0x5566
    /* in S-mode and U-mode (no translation) */
    TEST 21
    LOWER_BEGIN PRV_S
    la a1, pattern
    ld a0, 5(a1)
    lw a3, 1(a1)
    la a4, buf
    sd a0, 1(a4)
    ld a5, 1(a4)
    LOWER_END
    CHECK a0, 0x0c0b0a0908070605
    CHECK a3, 0x04030201
    CHECK a5, 0x0c0b0a0908070605
    TEST 22
    LOWER_BEGIN PRV_U
    la a1, pattern
    ld a0, 7(a1)
    lh a3, 9(a1)
    la a4, buf
    sw a3, 2(a4)
    lw a5, 2(a4)
    LOWER_END
    CHECK a0, 0x0e0d0c0b0a090807
    CHECK a3, 0x0a09
    CHECK a5, 0x0a09
    /* misaligned AMOs raise an address-misaligned exception: cause 6 (store/AMO) per the
       spec; QEMU 7.2 reports 4 (load), so either is accepted. tval = the address. */
    TEST 23
    la a1, buf
    li t0, 0x0102030405060708
    sd t0, 0(a1)
    addi s1, a1, 2
    li a0, 0x55
    li a2, 1
    EXPECT_TRAP
    amoadd.w a0, a2, (s1)
    jal check_misaligned_amo
    CHECK a0, 0x55
    ld a3, 0(a1)
    CHECK a3, 0x0102030405060708
    TEST 24
    addi s1, a1, 4
    EXPECT_TRAP
    amoswap.d a0, a2, (s1)
    jal check_misaligned_amo
    CHECK a0, 0x55
    ld a3, 0(a1)
    CHECK a3, 0x0102030405060708
    TEST 25
    addi s1, a1, 1
    EXPECT_TRAP
    amoor.w a0, a2, (s1)
    jal check_misaligned_amo
    TEST 26
    addi s1, a1, 7
    EXPECT_TRAP
    amomaxu.d a0, a2, (s1)
    jal check_misaligned_amo
    /* misaligned LR: load address misaligned */
    TEST 27
    addi s1, a1, 2
    EXPECT_TRAP
    lr.w a0, (s1)
    CHECK_TRAP CAUSE_MISALIGNED_LOAD
    ld t0, m_last + LAST_TVAL
    CHECK_EQ t0, s1
    CHECK a0, 0x55
    TEST 28
    addi s1, a1, 4
    EXPECT_TRAP
    lr.d a0, (s1)
    CHECK_TRAP CAUSE_MISALIGNED_LOAD
    ld t0, m_last + LAST_TVAL
    CHECK_EQ t0, s1
    /* the same from S-mode, taken in M-mode */
    TEST 29
    LOWER_BEGIN PRV_S
    addi s1, a1, 6
    EXPECT_TRAP
    amoadd.d a0, a2, (s1)
    mv s2, tp
    ld s3, m_last + LAST_TVAL
    LOWER_END
    CHECK_EQ s3, s1
    mv tp, s2
    li t0, CAUSE_MISALIGNED_STORE
    beq tp, t0, 1f
    CHECK tp, CAUSE_MISALIGNED_LOAD
1:  li tp, 0
    ld a3, m_last + LAST_CAUSE
    CHECK a3, CAUSE_ECALL_S
    TEST_PASS

/* After an expected misaligned AMO: tp is 4 or 6, tval == s1. */
check_misaligned_amo:
    li t0, CAUSE_MISALIGNED_STORE
    beq tp, t0, 1f
    li t0, CAUSE_MISALIGNED_LOAD
    beq tp, t0, 1f
    j fail
1:  li tp, 0
    ld t0, m_last + LAST_TVAL
    CHECK_EQ t0, s1
    ret

    .data
    .balign 8
pattern:
    .byte 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f
    .byte 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f
signs:
    .byte 0x7f, 0x80, 0x81, 0x83, 0x84, 0x85, 0x86, 0x87
    .bss
    .balign 8
buf: .fill 64, 1, 0
    .section .pages, "aw", @nobits
    .balign 4096
page1: .fill 4096, 1, 0
page2: .fill 4096, 1, 0
