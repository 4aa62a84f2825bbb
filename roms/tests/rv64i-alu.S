/* RV64I integer computational instructions: register-register, register-immediate, LUI, AUIPC,
   the *W forms (32-bit result sign-extended), shift-amount masking and x0 as destination. */
#define TEST_NAME "rv64i-alu"
#include "common.h"
TEST_MAIN
    /* add / sub */
    TEST_RR_OP 1, add, 0x3, 0x1, 0x2
    TEST_RR_OP 2, add, 0x0, -1, 1
    TEST_RR_OP 3, add, 0x8000000000000000, 0x7fffffffffffffff, 1
    TEST_RR_OP 4, add, 0xfffffffffffffffe, 0xffffffffffffffff, 0xffffffffffffffff
    TEST_RR_OP 5, sub, 0xffffffffffffffff, 0x1, 0x2
    TEST_RR_OP 6, sub, 0x7fffffffffffffff, 0x8000000000000000, 1
    TEST_RR_OP 7, sub, 0x0, 0x123456789abcdef0, 0x123456789abcdef0
    /* slt / sltu */
    TEST_RR_OP 8, slt, 1, -1, 0
    TEST_RR_OP 9, slt, 0, 0, -1
    TEST_RR_OP 10, slt, 1, 0x8000000000000000, 0x7fffffffffffffff
    TEST_RR_OP 11, slt, 0, 5, 5
    TEST_RR_OP 12, sltu, 0, -1, 0
    TEST_RR_OP 13, sltu, 1, 0, -1
    TEST_RR_OP 14, sltu, 0, 0x8000000000000000, 0x7fffffffffffffff
    TEST_RR_OP 15, sltu, 1, 3, 4
    /* logic */
    TEST_RR_OP 16, and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f
    TEST_RR_OP 17, or,  0xff0fff0f, 0xff00ff00, 0x0f0f0f0f
    TEST_RR_OP 18, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f
    TEST_RR_OP 19, and, 0xf0f0f0f0f0f0f0f0, 0xffffffffffffffff, 0xf0f0f0f0f0f0f0f0
    TEST_RR_OP 20, xor, 0x0f0f0f0f0f0f0f0f, 0xffffffffffffffff, 0xf0f0f0f0f0f0f0f0
    /* shifts: the amount is rs2[5:0] */
    TEST_RR_OP 21, sll, 0x8000000000000000, 1, 63
    TEST_RR_OP 22, sll, 0x2, 1, 65
    TEST_RR_OP 23, sll, 0x2468acf121579bde, 0x1234567890abcdef, 1
    TEST_RR_OP 24, srl, 0x0000000000000001, 0x8000000000000000, 63
    TEST_RR_OP 25, srl, 0x4000000000000000, 0x8000000000000000, 0xffffffffffffffc1
    TEST_RR_OP 26, sra, 0xffffffffffffffff, 0x8000000000000000, 63
    TEST_RR_OP 27, sra, 0xc000000000000000, 0x8000000000000000, 1
    TEST_RR_OP 28, sra, 0x3fffffffffffffff, 0x7fffffffffffffff, 1
    TEST_RR_OP 29, sll, 0x1234567890abcdef, 0x1234567890abcdef, 64
    /* immediates (12-bit, sign-extended) */
    TEST_IMM_OP 30, addi, 0x00000000000007ff, 0, 2047
    TEST_IMM_OP 31, addi, 0xfffffffffffff800, 0, -2048
    TEST_IMM_OP 32, addi, 0x8000000000000000, 0x7fffffffffffffff, 1
    TEST_IMM_OP 33, slti, 1, -2, -1
    TEST_IMM_OP 34, slti, 0, 0, -1
    TEST_IMM_OP 35, sltiu, 1, 0, -1
    TEST_IMM_OP 36, sltiu, 0, -1, -1
    TEST_IMM_OP 37, sltiu, 1, 0x7fffffffffffffff, -1
    TEST_IMM_OP 38, xori, 0xffffffffff00f00f, 0x0000000000ff0ff0, -1
    TEST_IMM_OP 39, ori,  0xfffffffffffff80f, 0x000000000000000f, -2048
    TEST_IMM_OP 40, andi, 0x0000000000000700, 0xffffffffffffff00, 0x7ff
    TEST_IMM_OP 41, andi, 0x1234567890abc800, 0x1234567890abcdef, -2048
    TEST_IMM_OP 42, slli, 0x8000000000000000, 1, 63
    TEST_IMM_OP 43, slli, 0x0000000100000000, 1, 32
    TEST_IMM_OP 44, srli, 0x0000000000000001, 0x8000000000000000, 63
    TEST_IMM_OP 45, srli, 0x00000000ffffffff, 0xffffffffffffffff, 32
    TEST_IMM_OP 46, srai, 0xffffffffffffffff, 0x8000000000000000, 63
    TEST_IMM_OP 47, srai, 0xffffffff80000000, 0x8000000000000000, 32
    TEST_IMM_OP 48, srai, 0x0000000000000001, 0x7fffffffffffffff, 62
    /* lui / auipc */
    TEST 49
    lui a0, 0x12345
    CHECK a0, 0x12345000
    TEST 50
    lui a0, 0x80000
    CHECK a0, 0xffffffff80000000
    TEST 51
    lui a0, 0xfffff
    CHECK a0, 0xfffffffffffff000
    TEST 52
1:  auipc a0, 0
    CHECK_LA a0, 1b
    TEST 53
2:  auipc a0, 1
    la a1, 2b
    sub a0, a0, a1
    CHECK a0, 0x1000
    TEST 54
3:  auipc a0, 0xfffff
    la a1, 3b
    sub a0, a1, a0
    CHECK a0, 0x1000
    /* 32-bit forms: operate on the low 32 bits, sign-extend the result */
    TEST_RR_OP 55, addw, 0xffffffff80000000, 0x7fffffff, 1
    TEST_RR_OP 56, addw, 0x0000000000000000, 0xffffffff, 1
    TEST_RR_OP 57, addw, 0x0000000000000003, 0x1234567800000001, 0xabcdef0000000002
    TEST_RR_OP 58, subw, 0xffffffffffffffff, 0, 1
    TEST_RR_OP 59, subw, 0x000000007fffffff, 0xffffffff80000000, 1
    TEST_RR_OP 60, sllw, 0xffffffff80000000, 1, 31
    TEST_RR_OP 61, sllw, 0x0000000000000002, 1, 33
    TEST_RR_OP 62, sllw, 0x0000000012345678, 0xffffffff12345678, 32
    TEST_RR_OP 63, srlw, 0x0000000000000001, 0x0000000080000000, 31
    TEST_RR_OP 64, srlw, 0xffffffff80000000, 0x0000000080000000, 0
    TEST_RR_OP 65, srlw, 0x000000007fffffff, 0x12345678ffffffff, 1
    TEST_RR_OP 66, sraw, 0xffffffffffffffff, 0x0000000080000000, 31
    TEST_RR_OP 67, sraw, 0xffffffffc0000000, 0x0000000080000000, 33
    TEST_RR_OP 68, sraw, 0x0000000000000001, 0xffffffff7fffffff, 30
    TEST_IMM_OP 69, addiw, 0xffffffff80000000, 0x7fffffff, 1
    TEST_IMM_OP 70, addiw, 0x000000007ffff7ff, 0x000000007fffffff, -2048
    TEST_IMM_OP 71, addiw, 0x0000000012345678, 0xffffffff12345678, 0
    TEST_IMM_OP 72, slliw, 0xffffffff80000000, 1, 31
    TEST_IMM_OP 73, slliw, 0x0000000000000000, 0xffffffff00000000, 4
    TEST_IMM_OP 74, srliw, 0x0000000000000001, 0xffffffff80000000, 31
    TEST_IMM_OP 75, srliw, 0xffffffff80000000, 0x0000000080000000, 0
    TEST_IMM_OP 76, sraiw, 0xffffffffffffffff, 0x0000000080000000, 31
    TEST_IMM_OP 77, sraiw, 0x0000000000012345, 0xffffffff12345678, 12
    /* x0 is hardwired to zero */
    TEST_RR_ZERODEST 78, add, 1, 2
    TEST_RR_ZERODEST 79, sub, 5, 3
    TEST 80
    addi x0, x0, 5
    lui x0, 0x12345
    auipc x0, 1
    CHECK x0, 0
    TEST 81
    li a0, 7
    add a1, a0, x0
    CHECK a1, 7
    sub a1, x0, a0
    CHECK a1, -7
    /* li of a full 64-bit constant (lui/addi/slli chain) */
    TEST 82
    li a0, 0x123456789abcdef0
    srli a1, a0, 32
    CHECK a1, 0x12345678
    slli a1, a0, 32
    srli a1, a1, 32
    CHECK a1, 0x9abcdef0
    TEST_PASS
