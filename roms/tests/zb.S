/* Zba, Zbb, Zbc, Zbs: every instruction of the four extensions on a few operands each,
   including rd == rs1 and rd == rs2 (TEST_RR_OP), 32-bit boundaries, the sign bit, all ones,
   shift amounts 0, 1 and the largest. The expected values were computed from the spec's
   pseudocode (test/bitmanip.test.ts has the model) and the ROM passes on QEMU 7.2. QEMU 7.2's
   ctzw is wrong when the low word is zero (it counts on into the upper word), so that one case
   is left to test/bitmanip.test.ts. */
#define TEST_NAME "zb"
#include "common.h"

/* Unary op: rd = op(v1), also with rd == rs1. */
.macro TEST_R_OP n, inst, expected, v1
    TEST \n
    li a1, \v1
    \inst a0, a1
    CHECK a0, \expected
    CHECK a1, \v1
    \inst a1, a1
    CHECK a1, \expected
.endm

TEST_MAIN
    TEST_RR_OP 1, add.uw, 0x1, 0x0, 0x1
    TEST_RR_OP 2, add.uw, 0x123456809abcdef, 0x80000000, 0x123456789abcdef
    TEST_RR_OP 3, add.uw, 0x80000000, 0x8000000000000000, 0x80000000
    TEST_RR_OP 4, add.uw, 0xff03, 0xff0000ff0000ff00, 0x3
    TEST_RR_OP 5, sh1add, 0x4c280100ffffffff, 0x2614008000000000, 0xffffffff
    TEST_RR_OP 6, sh1add, 0x2468ad093579bdf, 0x123456789abcdef, 0x180000001
    TEST_RR_OP 7, sh1add, 0x8000000300000002, 0x180000001, 0x8000000000000000
    TEST_RR_OP 8, sh1add, 0x100000008, 0x7fffffff, 0xa
    TEST_RR_OP 9, sh2add, 0xfb72ea61d950c83f, 0xfedcba9876543210, 0xffffffffffffffff
    TEST_RR_OP 10, sh2add, 0x80000003, 0x1, 0x7fffffff
    TEST_RR_OP 11, sh2add, 0xff0001030000fefc, 0xffffffff, 0xff0000ff0000ff00
    TEST_RR_OP 12, sh2add, 0xd, 0xffffffffffffffff, 0x11
    TEST_RR_OP 13, sh3add, 0xfedcba9c76543210, 0x80000000, 0xfedcba9876543210
    TEST_RR_OP 14, sh3add, 0x2614008000000000, 0x8000000000000000, 0x2614008000000000
    TEST_RR_OP 15, sh3add, 0xf80007f80007f800, 0xff0000ff0000ff00, 0x0
    TEST_RR_OP 16, sh3add, 0x18, 0x0, 0x18
    TEST_RR_OP 17, sh1add.uw, 0x113579bdf, 0x123456789abcdef, 0x1
    TEST_RR_OP 18, sh1add.uw, 0x123456889abcdf1, 0x180000001, 0x123456789abcdef
    TEST_RR_OP 19, sh1add.uw, 0x17ffffffe, 0x7fffffff, 0x80000000
    TEST_RR_OP 20, sh1add.uw, 0x1f, 0x2614008000000000, 0x1f
    TEST_RR_OP 21, sh2add.uw, 0x100000003, 0x1, 0xffffffff
    TEST_RR_OP 22, sh2add.uw, 0x57ffffffd, 0xffffffff, 0x180000001
    TEST_RR_OP 23, sh2add.uw, 0x80000003fffffffc, 0xffffffffffffffff, 0x8000000000000000
    TEST_RR_OP 24, sh2add.uw, 0x1d950c866, 0xfedcba9876543210, 0x26
    TEST_RR_OP 25, sh3add.uw, 0xffffffffffffffff, 0x8000000000000000, 0xffffffffffffffff
    TEST_RR_OP 26, sh3add.uw, 0x8007f7ff, 0xff0000ff0000ff00, 0x7fffffff
    TEST_RR_OP 27, sh3add.uw, 0xff0000ff0000ff00, 0x0, 0xff0000ff0000ff00
    TEST_RR_OP 28, sh3add.uw, 0x40000002d, 0x80000000, 0x2d
    TEST_RR_OP 29, andn, 0x180000001, 0x180000001, 0xfedcba9876543210
    TEST_RR_OP 30, andn, 0x7fffffff, 0x7fffffff, 0x2614008000000000
    TEST_RR_OP 31, andn, 0x2614008000000000, 0x2614008000000000, 0x0
    TEST_RR_OP 32, andn, 0x123456789abcdcb, 0x123456789abcdef, 0x34
    TEST_RR_OP 33, orn, 0xffffffffffffffff, 0xffffffff, 0x1
    TEST_RR_OP 34, orn, 0xffffffffffffffff, 0xffffffffffffffff, 0x123456789abcdef
    TEST_RR_OP 35, orn, 0xffffffff7fffffff, 0xfedcba9876543210, 0x80000000
    TEST_RR_OP 36, orn, 0xffffffffffffffc5, 0x1, 0x3b
    TEST_RR_OP 37, xnor, 0xffff000000ff00, 0xff0000ff0000ff00, 0xffffffff
    TEST_RR_OP 38, xnor, 0xfffffffe7ffffffe, 0x0, 0x180000001
    TEST_RR_OP 39, xnor, 0x7fffffff7fffffff, 0x80000000, 0x8000000000000000
    TEST_RR_OP 40, xnor, 0x7fffffffffffffbd, 0x8000000000000000, 0x42
    TEST_RR_OP 41, max, 0x7fffffff, 0x7fffffff, 0xffffffffffffffff
    TEST_RR_OP 42, max, 0x2614008000000000, 0x2614008000000000, 0x7fffffff
    TEST_RR_OP 43, max, 0x123456789abcdef, 0x123456789abcdef, 0xff0000ff0000ff00
    TEST_RR_OP 44, max, 0x180000001, 0x180000001, 0x49
    TEST_RR_OP 45, maxu, 0xffffffffffffffff, 0xffffffffffffffff, 0xfedcba9876543210
    TEST_RR_OP 46, maxu, 0xfedcba9876543210, 0xfedcba9876543210, 0x2614008000000000
    TEST_RR_OP 47, maxu, 0x1, 0x1, 0x0
    TEST_RR_OP 48, maxu, 0xffffffff, 0xffffffff, 0x50
    TEST_RR_OP 49, min, 0x0, 0x0, 0x1
    TEST_RR_OP 50, min, 0x80000000, 0x80000000, 0x123456789abcdef
    TEST_RR_OP 51, min, 0x8000000000000000, 0x8000000000000000, 0x80000000
    TEST_RR_OP 52, min, 0xff0000ff0000ff00, 0xff0000ff0000ff00, 0x57
    TEST_RR_OP 53, minu, 0xffffffff, 0x2614008000000000, 0xffffffff
    TEST_RR_OP 54, minu, 0x180000001, 0x123456789abcdef, 0x180000001
    TEST_RR_OP 55, minu, 0x180000001, 0x180000001, 0x8000000000000000
    TEST_RR_OP 56, minu, 0x5e, 0x7fffffff, 0x5e
    TEST_RR_OP 57, rol, 0x7f6e5d4c3b2a1908, 0xfedcba9876543210, 0xffffffffffffffff
    TEST_RR_OP 58, rol, 0x8000000000000000, 0x1, 0x7fffffff
    TEST_RR_OP 59, rol, 0xffffffff, 0xffffffff, 0xff0000ff0000ff00
    TEST_RR_OP 60, rol, 0xffffffffffffffff, 0xffffffffffffffff, 0x65
    TEST_RR_OP 61, ror, 0x8000, 0x80000000, 0xfedcba9876543210
    TEST_RR_OP 62, ror, 0x8000000000000000, 0x8000000000000000, 0x2614008000000000
    TEST_RR_OP 63, ror, 0xff0000ff0000ff00, 0xff0000ff0000ff00, 0x0
    TEST_RR_OP 64, ror, 0x0, 0x0, 0x6c
    TEST_RR_OP 65, rolw, 0x13579bdf, 0x123456789abcdef, 0x1
    TEST_RR_OP 66, rolw, 0xc000, 0x180000001, 0x123456789abcdef
    TEST_RR_OP 67, rolw, 0x7fffffff, 0x7fffffff, 0x80000000
    TEST_RR_OP 68, rolw, 0x0, 0x2614008000000000, 0x73
    TEST_RR_OP 69, rorw, 0x2, 0x1, 0xffffffff
    TEST_RR_OP 70, rorw, 0xffffffffffffffff, 0xffffffff, 0x180000001
    TEST_RR_OP 71, rorw, 0xffffffffffffffff, 0xffffffffffffffff, 0x8000000000000000
    TEST_RR_OP 72, rorw, 0xffffffff950c841d, 0xfedcba9876543210, 0x7a
    TEST_RR_OP 73, clmul, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff
    TEST_RR_OP 74, clmul, 0xd5002ad500005500, 0xff0000ff0000ff00, 0x7fffffff
    TEST_RR_OP 75, clmul, 0x0, 0x0, 0xff0000ff0000ff00
    TEST_RR_OP 76, clmul, 0x4080000000, 0x80000000, 0x81
    TEST_RR_OP 77, clmulh, 0x81b2e7d4, 0x180000001, 0xfedcba9876543210
    TEST_RR_OP 78, clmulh, 0xef9ffc0, 0x7fffffff, 0x2614008000000000
    TEST_RR_OP 79, clmulh, 0x0, 0x2614008000000000, 0x0
    TEST_RR_OP 80, clmulh, 0x0, 0x123456789abcdef, 0x88
    TEST_RR_OP 81, clmulr, 0x0, 0xffffffff, 0x1
    TEST_RR_OP 82, clmulr, 0x1c279baf132894a, 0xffffffffffffffff, 0x123456789abcdef
    TEST_RR_OP 83, clmulr, 0xfedcba98, 0xfedcba9876543210, 0x80000000
    TEST_RR_OP 84, clmulr, 0x0, 0x1, 0x8f
    TEST_RR_OP 85, bclr, 0x7f0000ff0000ff00, 0xff0000ff0000ff00, 0xffffffff
    TEST_RR_OP 86, bclr, 0x0, 0x0, 0x180000001
    TEST_RR_OP 87, bclr, 0x80000000, 0x80000000, 0x8000000000000000
    TEST_RR_OP 88, bclr, 0x8000000000000000, 0x8000000000000000, 0x96
    TEST_RR_OP 89, bext, 0x0, 0x7fffffff, 0xffffffffffffffff
    TEST_RR_OP 90, bext, 0x0, 0x2614008000000000, 0x7fffffff
    TEST_RR_OP 91, bext, 0x1, 0x123456789abcdef, 0xff0000ff0000ff00
    TEST_RR_OP 92, bext, 0x0, 0x180000001, 0x9d
    TEST_RR_OP 93, binv, 0xfffffffffffeffff, 0xffffffffffffffff, 0xfedcba9876543210
    TEST_RR_OP 94, binv, 0xfedcba9876543211, 0xfedcba9876543210, 0x2614008000000000
    TEST_RR_OP 95, binv, 0x0, 0x1, 0x0
    TEST_RR_OP 96, binv, 0x10ffffffff, 0xffffffff, 0xa4
    TEST_RR_OP 97, bset, 0x2, 0x0, 0x1
    TEST_RR_OP 98, bset, 0x800080000000, 0x80000000, 0x123456789abcdef
    TEST_RR_OP 99, bset, 0x8000000000000001, 0x8000000000000000, 0x80000000
    TEST_RR_OP 100, bset, 0xff0008ff0000ff00, 0xff0000ff0000ff00, 0xab
    TEST_R_OP 101, clz, 0x21, 0x7fffffff
    TEST_R_OP 102, clz, 0x0, 0x8000000000000000
    TEST_R_OP 103, clz, 0x0, 0xfedcba9876543210
    TEST_R_OP 104, clz, 0x21, 0x7fffffff
    TEST_R_OP 105, ctz, 0x0, 0xffffffffffffffff
    TEST_R_OP 106, ctz, 0x0, 0x180000001
    TEST_R_OP 107, ctz, 0x1f, 0x80000000
    TEST_R_OP 108, ctz, 0x0, 0xffffffffffffffff
    TEST_R_OP 109, cpop, 0x0, 0x0
    TEST_R_OP 110, cpop, 0x20, 0xffffffff
    TEST_R_OP 111, cpop, 0x20, 0x123456789abcdef
    TEST_R_OP 112, cpop, 0x0, 0x0
    TEST_R_OP 113, clzw, 0x20, 0x2614008000000000
    TEST_R_OP 114, clzw, 0x10, 0xff0000ff0000ff00
    TEST_R_OP 115, clzw, 0x1f, 0x1
    TEST_R_OP 116, clzw, 0x20, 0x2614008000000000
    TEST_R_OP 117, ctzw, 0x4, 0xfedcba9876543210
    TEST_R_OP 118, ctzw, 0x0, 0x7fffffff
    TEST_R_OP 119, ctzw, 0x4, 0xfedcba9876543210
    TEST_R_OP 120, cpopw, 0x1, 0x80000000
    TEST_R_OP 121, cpopw, 0x20, 0xffffffffffffffff
    TEST_R_OP 122, cpopw, 0x2, 0x180000001
    TEST_R_OP 123, cpopw, 0x1, 0x80000000
    TEST_R_OP 124, sext.b, 0xffffffffffffffef, 0x123456789abcdef
    TEST_R_OP 125, sext.b, 0x0, 0x0
    TEST_R_OP 126, sext.b, 0xffffffffffffffff, 0xffffffff
    TEST_R_OP 127, sext.b, 0xffffffffffffffef, 0x123456789abcdef
    TEST_R_OP 128, sext.h, 0x1, 0x1
    TEST_R_OP 129, sext.h, 0x0, 0x2614008000000000
    TEST_R_OP 130, sext.h, 0xffffffffffffff00, 0xff0000ff0000ff00
    TEST_R_OP 131, sext.h, 0x1, 0x1
    TEST_R_OP 132, zext.h, 0x0, 0x8000000000000000
    TEST_R_OP 133, zext.h, 0x3210, 0xfedcba9876543210
    TEST_R_OP 134, zext.h, 0xffff, 0x7fffffff
    TEST_R_OP 135, zext.h, 0x0, 0x8000000000000000
    TEST_R_OP 136, orc.b, 0xffff0000ff, 0x180000001
    TEST_R_OP 137, orc.b, 0xff000000, 0x80000000
    TEST_R_OP 138, orc.b, 0xffffffffffffffff, 0xffffffffffffffff
    TEST_R_OP 139, orc.b, 0xffff0000ff, 0x180000001
    TEST_R_OP 140, rev8, 0xffffffff00000000, 0xffffffff
    TEST_R_OP 141, rev8, 0xefcdab8967452301, 0x123456789abcdef
    TEST_R_OP 142, rev8, 0x0, 0x0
    TEST_R_OP 143, rev8, 0xffffffff00000000, 0xffffffff
    TEST_IMM_OP 144, slli.uw, 0x0, 0x0, 0
    TEST_IMM_OP 145, slli.uw, 0x2, 0x1, 1
    TEST_IMM_OP 146, slli.uw, 0x0, 0x80000000, 63
    TEST_IMM_OP 147, rori, 0x80000000, 0x80000000, 0
    TEST_IMM_OP 148, rori, 0x800000007fffffff, 0xffffffff, 1
    TEST_IMM_OP 149, rori, 0x1, 0x8000000000000000, 63
    TEST_IMM_OP 150, roriw, 0x0, 0x8000000000000000, 0
    TEST_IMM_OP 151, roriw, 0xffffffffffffffff, 0xffffffffffffffff, 1
    TEST_IMM_OP 152, roriw, 0x2, 0x1, 31
    TEST_IMM_OP 153, bclri, 0xff0000ff0000ff00, 0xff0000ff0000ff00, 0
    TEST_IMM_OP 154, bclri, 0xfedcba9876543210, 0xfedcba9876543210, 1
    TEST_IMM_OP 155, bclri, 0x0, 0x0, 63
    TEST_IMM_OP 156, bexti, 0x0, 0x0, 0
    TEST_IMM_OP 157, bexti, 0x0, 0x1, 1
    TEST_IMM_OP 158, bexti, 0x0, 0x80000000, 63
    TEST_IMM_OP 159, binvi, 0x80000001, 0x80000000, 0
    TEST_IMM_OP 160, binvi, 0xfffffffd, 0xffffffff, 1
    TEST_IMM_OP 161, binvi, 0x0, 0x8000000000000000, 63
    TEST_IMM_OP 162, bseti, 0x8000000000000001, 0x8000000000000000, 0
    TEST_IMM_OP 163, bseti, 0xffffffffffffffff, 0xffffffffffffffff, 1
    TEST_IMM_OP 164, bseti, 0xff0000ff0000ff00, 0xff0000ff0000ff00, 63
    TEST_PASS
