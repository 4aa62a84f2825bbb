/* RV64A atomic memory operations: AMOSWAP/ADD/XOR/AND/OR/MIN/MAX/MINU/MAXU in .W and .D forms
   (rd gets the old value, sign-extended for .W; memory gets the result; .W leaves the upper
   word alone), the aq/rl variants, rd == x0, rd == rs2, and LR/SC basics (see lrsc.S for more). */
#define TEST_NAME "rv64a"
#include "common.h"

/* mem = init; rd = amo(mem, operand); check rd and the new doubleword at mem. */
.macro TEST_AMO_D n, inst, init, operand, expected_rd, expected_mem
    TEST \n
    la a1, amo_buf
    li t0, \init
    sd t0, 0(a1)
    li a2, \operand
    \inst a0, a2, (a1)
    CHECK a0, \expected_rd
    ld a3, 0(a1)
    CHECK a3, \expected_mem
.endm
/* The same on the low word of a doubleword whose high word is a guard value. */
.macro TEST_AMO_W n, inst, init, operand, expected_rd, expected_mem
    TEST \n
    la a1, amo_buf
    li t0, 0x5a5a5a5a00000000 | (\init & 0xffffffff)
    sd t0, 0(a1)
    li a2, \operand
    \inst a0, a2, (a1)
    CHECK a0, \expected_rd
    lwu a3, 0(a1)
    CHECK a3, \expected_mem
    lwu a3, 4(a1)
    CHECK a3, 0x5a5a5a5a
.endm

TEST_MAIN
    TEST_AMO_D 1, amoswap.d, 0x1111111111111111, 0x2222222222222222, 0x1111111111111111, 0x2222222222222222
    TEST_AMO_D 2, amoadd.d, 0x7fffffffffffffff, 1, 0x7fffffffffffffff, 0x8000000000000000
    TEST_AMO_D 3, amoadd.d, -1, -1, -1, -2
    TEST_AMO_D 4, amoxor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f0
    TEST_AMO_D 5, amoand.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0x0f000f000f000f00
    TEST_AMO_D 6, amoor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0xfff0fff0fff0fff0
    TEST_AMO_D 7, amomin.d, -5, 3, -5, -5
    TEST_AMO_D 8, amomin.d, 3, -5, 3, -5
    TEST_AMO_D 9, amomax.d, -5, 3, -5, 3
    TEST_AMO_D 10, amomax.d, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff
    TEST_AMO_D 11, amominu.d, -5, 3, -5, 3
    TEST_AMO_D 12, amominu.d, 3, -5, 3, 3
    TEST_AMO_D 13, amomaxu.d, -5, 3, -5, -5
    TEST_AMO_D 14, amomaxu.d, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000
    TEST_AMO_W 15, amoswap.w, 0x80000000, 0x12345678, 0xffffffff80000000, 0x12345678
    TEST_AMO_W 16, amoadd.w, 0x7fffffff, 1, 0x7fffffff, 0x80000000
    TEST_AMO_W 17, amoadd.w, 0xffffffff, 1, 0xffffffffffffffff, 0
    TEST_AMO_W 18, amoxor.w, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0xf0f0f0f0
    TEST_AMO_W 19, amoand.w, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0x0f000f00
    TEST_AMO_W 20, amoor.w, 0x0f00ff00, 0x0ff00ff0, 0x000000000f00ff00, 0x0ff0fff0
    TEST_AMO_W 21, amomin.w, 0xfffffffb, 3, 0xfffffffffffffffb, 0xfffffffb
    TEST_AMO_W 22, amomin.w, 3, 0xfffffffb, 3, 0xfffffffb
    /* the operand's upper 32 bits are ignored: 0x1_00000003 compares as 3 */
    TEST_AMO_W 23, amomax.w, 0xfffffffb, 0x100000003, 0xfffffffffffffffb, 3
    TEST_AMO_W 24, amomax.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x7fffffff
    TEST_AMO_W 25, amominu.w, 0xfffffffb, 3, 0xfffffffffffffffb, 3
    TEST_AMO_W 26, amominu.w, 3, 0xfffffffffffffffb, 3, 3
    TEST_AMO_W 27, amomaxu.w, 0xfffffffb, 3, 0xfffffffffffffffb, 0xfffffffb
    TEST_AMO_W 28, amomaxu.w, 0x7fffffff, 0x80000000, 0x7fffffff, 0x80000000
    /* ordering bits do not change the result */
    TEST_AMO_D 29, amoadd.d.aq, 10, 5, 10, 15
    TEST_AMO_D 30, amoadd.d.rl, 10, 5, 10, 15
    TEST_AMO_D 31, amoadd.d.aqrl, 10, 5, 10, 15
    TEST_AMO_W 32, amoswap.w.aqrl, 1, 2, 1, 2
    /* rd == x0 still updates memory */
    TEST 33
    la a1, amo_buf
    li t0, 40
    sd t0, 0(a1)
    li a2, 2
    amoadd.d x0, a2, (a1)
    ld a0, 0(a1)
    CHECK a0, 42
    CHECK x0, 0
    /* rd == rs2: the old value lands in rd, memory gets the original rs2 */
    TEST 34
    li a2, 7
    amoswap.d a2, a2, (a1)
    CHECK a2, 42
    ld a0, 0(a1)
    CHECK a0, 7
    /* the second word of a doubleword (address 4 mod 8) */
    TEST 35
    li t0, 0x0000000500000003
    sd t0, 0(a1)
    addi a3, a1, 4
    li a2, 10
    amoadd.w a0, a2, (a3)
    CHECK a0, 5
    ld a0, 0(a1)
    CHECK a0, 0x0000000f00000003
    /* LR/SC pairs */
    TEST 36
    li t0, 100
    sd t0, 0(a1)
    lr.d a0, (a1)
    CHECK a0, 100
    addi a0, a0, 1
    sc.d a2, a0, (a1)
    CHECK a2, 0
    ld a0, 0(a1)
    CHECK a0, 101
    TEST 37
    li t0, 0x0000000080000000
    sd t0, 0(a1)
    lr.w a0, (a1)
    CHECK a0, 0xffffffff80000000          /* LR.W sign-extends */
    li a0, 0x12345678
    sc.w a2, a0, (a1)
    CHECK a2, 0
    ld a0, 0(a1)
    CHECK a0, 0x12345678
    TEST 38                                /* atomic increment loop */
    sd zero, 0(a1)
    li a4, 10
1:  lr.w.aq a0, (a1)
    addi a0, a0, 1
    sc.w.rl a2, a0, (a1)
    bnez a2, 1b
    addi a4, a4, -1
    bnez a4, 1b
    ld a0, 0(a1)
    CHECK a0, 10
    TEST_PASS

    .bss
    .balign 8
amo_buf: .dword 0, 0
