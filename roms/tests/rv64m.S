/* RV64M: MUL, MULH, MULHSU, MULHU, DIV, DIVU, REM, REMU and the W forms, including division by
   zero (quotient all ones, remainder = dividend), signed overflow (MIN / -1 = MIN, rem 0), and
   sign extension of 32-bit results. */
#define TEST_NAME "rv64m"
#include "common.h"
TEST_MAIN
    TEST_RR_OP 1, mul, 6, 2, 3
    TEST_RR_OP 2, mul, -6, -2, 3
    TEST_RR_OP 3, mul, 0x0000000000000001, -1, -1
    TEST_RR_OP 4, mul, 0x8000000000000000, 0x4000000000000000, 2
    TEST_RR_OP 5, mul, 0x2236d88fe5618cf0, 0x123456789abcdef0, 0x0fedcba987654321
    TEST_RR_OP 6, mulh, 0x0000000000000000, 2, 3
    TEST_RR_OP 7, mulh, 0xffffffffffffffff, -2, 3
    TEST_RR_OP 8, mulh, 0x4000000000000000, 0x8000000000000000, 0x8000000000000000
    TEST_RR_OP 9, mulh, 0xc000000000000000, 0x8000000000000000, 0x7fffffffffffffff
    TEST_RR_OP 10, mulh, 0x0121fa00ad77d742, 0x123456789abcdef0, 0x0fedcba987654321
    TEST_RR_OP 11, mulhu, 0xfffffffffffffffe, -1, -1
    TEST_RR_OP 12, mulhu, 0x4000000000000000, 0x8000000000000000, 0x8000000000000000
    TEST_RR_OP 13, mulhu, 0x0000000000000000, 0x7fffffffffffffff, 1
    TEST_RR_OP 14, mulhu, 0x0121fa00ad77d742, 0x123456789abcdef0, 0x0fedcba987654321
    TEST_RR_OP 15, mulhsu, 0xffffffffffffffff, -1, 1
    TEST_RR_OP 16, mulhsu, 0xffffffffffffffff, -1, -1
    TEST_RR_OP 17, mulhsu, 0xc000000000000000, 0x8000000000000000, 0x8000000000000000
    TEST_RR_OP 18, mulhsu, 0x0000000000000000, 1, -1
    TEST_RR_OP 19, div, 3, 20, 6
    TEST_RR_OP 20, div, -3, -20, 6
    TEST_RR_OP 21, div, -3, 20, -6
    TEST_RR_OP 22, div, 3, -20, -6
    TEST_RR_OP 23, div, 0x8000000000000000, 0x8000000000000000, -1
    TEST_RR_OP 24, div, -1, 20, 0
    TEST_RR_OP 25, div, -1, -20, 0
    TEST_RR_OP 26, divu, 3, 20, 6
    TEST_RR_OP 27, divu, 0x2aaaaaaaaaaaaaa7, -20, 6
    TEST_RR_OP 28, divu, 0, 20, -6
    TEST_RR_OP 29, divu, 0xffffffffffffffff, 20, 0
    TEST_RR_OP 30, divu, 1, 0x8000000000000000, 0x8000000000000000
    TEST_RR_OP 31, rem, 2, 20, 6
    TEST_RR_OP 32, rem, -2, -20, 6
    TEST_RR_OP 33, rem, 2, 20, -6
    TEST_RR_OP 34, rem, -2, -20, -6
    TEST_RR_OP 35, rem, 0, 0x8000000000000000, -1
    TEST_RR_OP 36, rem, 20, 20, 0
    TEST_RR_OP 37, rem, -20, -20, 0
    TEST_RR_OP 38, remu, 2, 20, 6
    TEST_RR_OP 39, remu, 2, -20, 6
    TEST_RR_OP 40, remu, 20, 20, -6
    TEST_RR_OP 41, remu, -20, -20, 0
    TEST_RR_OP 42, remu, 0, 0x8000000000000000, 0x8000000000000000
    /* W forms: 32-bit operands, results sign-extended */
    TEST_RR_OP 43, mulw, 6, 2, 3
    TEST_RR_OP 44, mulw, 0xffffffff80000000, 0x40000000, 2
    TEST_RR_OP 45, mulw, 0x0000000000000000, 0x100000000, 0x100000000
    TEST_RR_OP 46, mulw, 0x0000000000000001, 0xffffffffffffffff, 0x00000000ffffffff
    TEST_RR_OP 47, mulw, 0xffffffffe5618cf0, 0x123456789abcdef0, 0x0fedcba987654321 /* low: 0x9abcdef0*0x87654321 */
    TEST_RR_OP 48, divw, 3, 20, 6
    TEST_RR_OP 49, divw, -3, -20, 6
    TEST_RR_OP 50, divw, 0xffffffff80000000, 0x80000000, -1
    TEST_RR_OP 51, divw, -1, 20, 0
    TEST_RR_OP 52, divw, -1, 20, 0x100000000
    TEST_RR_OP 53, divw, 5, 0xffffffff00000014, 4
    TEST_RR_OP 54, divuw, 3, 20, 6
    TEST_RR_OP 55, divuw, 0x000000002aaaaaa7, -20, 6
    TEST_RR_OP 56, divuw, 0xffffffffffffffff, 20, 0
    TEST_RR_OP 57, divuw, 0xffffffff80000000, 0xffffffff80000000, 1
    TEST_RR_OP 58, remw, 2, 20, 6
    TEST_RR_OP 59, remw, -2, -20, 6
    TEST_RR_OP 60, remw, 0, 0x80000000, -1
    TEST_RR_OP 61, remw, 20, 20, 0
    TEST_RR_OP 62, remw, 0xffffffff80000000, 0x80000000, 0
    TEST_RR_OP 63, remuw, 2, 20, 6
    TEST_RR_OP 64, remuw, 2, -20, 6
    TEST_RR_OP 65, remuw, 0xffffffffffffffec, -20, 0
    TEST_RR_OP 66, remuw, 0xffffffff80000001, 0x80000001, 0x100000000
    TEST_RR_ZERODEST 67, mul, 3, 4
    TEST_RR_ZERODEST 68, div, 3, 0
    TEST_PASS
