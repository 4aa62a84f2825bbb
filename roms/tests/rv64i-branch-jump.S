/* RV64I control transfer: every conditional branch taken / not taken (signed and unsigned
   comparisons, equal operands, backward branches), JAL and JALR link values, JALR with an odd
   target (bit 0 cleared), rd == rs1, 2-byte aligned targets (legal with C), FENCE as a no-op. */
#define TEST_NAME "rv64i-branch-jump"
#include "common.h"

/* Branch taken: bxx v1, v2 must go to the target. */
.macro TEST_BR_TAKEN n, inst, v1, v2
    TEST \n
    li a1, \v1
    li a2, \v2
    \inst a1, a2, .Lt\@
    j fail
.Lt\@:
.endm
/* Branch not taken. */
.macro TEST_BR_NOT n, inst, v1, v2
    TEST \n
    li a1, \v1
    li a2, \v2
    \inst a1, a2, .Ln\@
    j .Lc\@
.Ln\@:
    j fail
.Lc\@:
.endm

TEST_MAIN
    TEST_BR_TAKEN 1, beq, 0, 0
    TEST_BR_TAKEN 2, beq, -1, -1
    TEST_BR_NOT   3, beq, 0, 1
    TEST_BR_NOT   4, beq, 0x100000000, 0
    TEST_BR_TAKEN 5, bne, 0, 1
    TEST_BR_TAKEN 6, bne, 0x100000000, 0
    TEST_BR_NOT   7, bne, 5, 5
    TEST_BR_TAKEN 8, blt, -1, 0
    TEST_BR_TAKEN 9, blt, 0x8000000000000000, 0x7fffffffffffffff
    TEST_BR_NOT   10, blt, 0, -1
    TEST_BR_NOT   11, blt, 3, 3
    TEST_BR_TAKEN 12, bge, 0, -1
    TEST_BR_TAKEN 13, bge, 3, 3
    TEST_BR_NOT   14, bge, -1, 0
    TEST_BR_NOT   15, bge, 0x8000000000000000, 0x7fffffffffffffff
    TEST_BR_TAKEN 16, bltu, 0, -1
    TEST_BR_TAKEN 17, bltu, 0x7fffffffffffffff, 0x8000000000000000
    TEST_BR_NOT   18, bltu, -1, 0
    TEST_BR_NOT   19, bltu, 7, 7
    TEST_BR_TAKEN 20, bgeu, -1, 0
    TEST_BR_TAKEN 21, bgeu, 7, 7
    TEST_BR_NOT   22, bgeu, 0, -1
    TEST_BR_NOT   23, bgeu, 0x7fffffffffffffff, 0x8000000000000000
    /* pseudo forms with x0 */
    TEST 24
    li a1, 0
    beqz a1, 1f
    j fail
1:  li a1, -5
    bltz a1, 2f
    j fail
2:  bgtz a1, fail_far
    blez a1, 3f
    j fail
3:
    /* backward branch: a loop of 10 iterations */
    TEST 25
    li a0, 0
    li a1, 10
4:  addi a0, a0, 1
    bne a0, a1, 4b
    CHECK a0, 10
    /* jal: rd = pc + 4 */
    TEST 26
    jal a0, 5f
6:  j fail
5:  CHECK_LA a0, 6b
    /* jal x0 (plain jump) forward and back */
    TEST 27
    li a0, 0
    j 8f
7:  addi a0, a0, 1
    j 9f
8:  addi a0, a0, 2
    j 7b
9:  CHECK a0, 3
    /* jalr: target = (rs1 + imm) & ~1, rd = pc + 4 */
    TEST 28
    la a1, 10f
    jalr a0, 0(a1)
11: j fail
10: CHECK_LA a0, 11b
    TEST 29
    la a1, 12f
    addi a1, a1, -16
    jalr a0, 16(a1)
13: j fail
12: CHECK_LA a0, 13b
    TEST 30                       /* odd target: bit 0 is cleared */
    la a1, 14f
    addi a1, a1, 1
    jalr a0, 0(a1)
15: j fail
14: CHECK_LA a0, 15b
    TEST 31                       /* rd == rs1: the target uses the old value */
    la a0, 16f
    jalr a0, 0(a0)
17: j fail
16: CHECK_LA a0, 17b
    TEST 32                       /* negative offset */
    la a1, 18f
    addi a1, a1, 2047
    jalr a0, -2047(a1)
19: j fail
18: CHECK_LA a0, 19b
    /* call / ret through a function, nested */
    TEST 33
    li a0, 1
    call func_double
    call func_double
    CHECK a0, 4
    /* a 4-byte instruction at a 2-byte aligned address, reached by jal and by a branch */
    TEST 34
    la a1, half_func
    andi a2, a1, 3
    CHECK a2, 2
    li a0, 0
    jal ra, half_func
    CHECK a0, 0x123
    TEST 35
    la a1, half_target
    andi a2, a1, 3
    CHECK a2, 2
    li a0, 0
    beqz a0, half_target
    j fail
after_half:
    CHECK a0, 0x456
    /* fence and fence.tso are ordering-only */
    TEST 36
    li a0, 5
    fence
    fence rw, rw
    fence.tso
    fence iorw, iorw
    addi a0, a0, 1
    CHECK a0, 6
    /* a long jump (beyond the +-4 KiB branch range) */
    TEST 37
    li a0, 0
    jal ra, far_func
    CHECK a0, 77
    TEST_PASS

fail_far:
    j fail

func_double:
    add a0, a0, a0
    ret

    .balign 4
    c.nop                         /* puts the next instruction at 4n+2 */
half_func:
    .option push
    .option norvc
    addi a0, a0, 0x123            /* 4-byte instruction at an address == 2 mod 4 */
    ret
    .option pop
    .balign 4
    c.nop
half_target:
    .option push
    .option norvc
    addi a0, a0, 0x456
    j after_half
    .option pop

    .balign 4
    .fill 2048, 4, 0x00000013      /* 8 KiB of nops between the caller and far_func */
far_func:
    li a0, 77
    ret
