/* Illegal FP encodings. Every instruction with a rounding-mode field (arithmetic, square root,
   fused multiply-add, every conversion, including the exact ones such as fcvt.d.s and
   fcvt.d.w) raises an illegal-instruction exception with the reserved static modes 5 and 6,
   and with the dynamic mode (7) while frm holds 5, 6 or 7; it writes nothing (f1, a0, fflags
   keep their values). Instructions without a rounding mode, and those with a valid static one,
   still run while frm is invalid. Reserved formats (H and Q without Zfh/Q), load/store widths
   other than W and D, and reserved funct3/rs2 values of the non-rounding instructions are
   illegal too. mtval is not checked (the spec allows 0 or the instruction bits). */
#define TEST_NAME "fp-illegal"
#include "common.h"
#include "fp.h"

#define SENTINEL 0x0123456789abcdef

/* f1 and a0 still hold the sentinel, fflags is still 0 and frm is still frm. */
.macro CHECK_UNCHANGED_FRM n, frm
    TEST \n
    CHECK_F f1, SENTINEL
    li t6, SENTINEL
    CHECK_EQ a0, t6
    csrr t5, fcsr
    CHECK t5, \frm << 5
.endm
.macro CHECK_UNCHANGED n
    CHECK_UNCHANGED_FRM \n, 0
.endm

TEST_MAIN
    FP_ENABLE
    la s0, fp_buf
    /* operands that would raise flags if the instruction ran: sNaN and an inexact integer */
    FLI f1, SENTINEL
    FLI_S f2, 0x7f800001
    FLI f4, 0x7ff0000000000001
    li a0, SENTINEL
    li a1, 0x7fffffffffffffff
    csrw fcsr, zero

    /* ---- static rounding modes 5 and 6 (reserved) ---- */
    FP_TEST_ILL 1, .insn r 0x53, 5, 0x00, f1, f2, f3  /* fadd.s rm=5 */
    FP_TEST_ILL 1, .insn r 0x53, 6, 0x00, f1, f2, f3  /* fadd.s rm=6 */
    FP_TEST_ILL 2, .insn r 0x53, 5, 0x04, f1, f2, f3  /* fsub.s rm=5 */
    FP_TEST_ILL 2, .insn r 0x53, 6, 0x04, f1, f2, f3  /* fsub.s rm=6 */
    FP_TEST_ILL 3, .insn r 0x53, 5, 0x08, f1, f2, f3  /* fmul.s rm=5 */
    FP_TEST_ILL 3, .insn r 0x53, 6, 0x08, f1, f2, f3  /* fmul.s rm=6 */
    FP_TEST_ILL 4, .insn r 0x53, 5, 0x0c, f1, f2, f3  /* fdiv.s rm=5 */
    FP_TEST_ILL 4, .insn r 0x53, 6, 0x0c, f1, f2, f3  /* fdiv.s rm=6 */
    FP_TEST_ILL 5, .insn r 0x53, 5, 0x2c, f1, f2, f0  /* fsqrt.s rm=5 */
    FP_TEST_ILL 5, .insn r 0x53, 6, 0x2c, f1, f2, f0  /* fsqrt.s rm=6 */
    FP_TEST_ILL 6, .insn r 0x53, 5, 0x01, f1, f4, f4  /* fadd.d rm=5 */
    FP_TEST_ILL 6, .insn r 0x53, 6, 0x01, f1, f4, f4  /* fadd.d rm=6 */
    FP_TEST_ILL 7, .insn r 0x53, 5, 0x05, f1, f4, f4  /* fsub.d rm=5 */
    FP_TEST_ILL 7, .insn r 0x53, 6, 0x05, f1, f4, f4  /* fsub.d rm=6 */
    FP_TEST_ILL 8, .insn r 0x53, 5, 0x09, f1, f4, f4  /* fmul.d rm=5 */
    FP_TEST_ILL 8, .insn r 0x53, 6, 0x09, f1, f4, f4  /* fmul.d rm=6 */
    FP_TEST_ILL 9, .insn r 0x53, 5, 0x0d, f1, f4, f4  /* fdiv.d rm=5 */
    FP_TEST_ILL 9, .insn r 0x53, 6, 0x0d, f1, f4, f4  /* fdiv.d rm=6 */
    FP_TEST_ILL 10, .insn r 0x53, 5, 0x2d, f1, f4, f0  /* fsqrt.d rm=5 */
    FP_TEST_ILL 10, .insn r 0x53, 6, 0x2d, f1, f4, f0  /* fsqrt.d rm=6 */
    FP_TEST_ILL 11, .insn r4 0x43, 5, 0, f1, f2, f2, f2  /* fmadd.s rm=5 */
    FP_TEST_ILL 11, .insn r4 0x43, 6, 0, f1, f2, f2, f2  /* fmadd.s rm=6 */
    FP_TEST_ILL 12, .insn r4 0x47, 5, 0, f1, f2, f2, f2  /* fmsub.s rm=5 */
    FP_TEST_ILL 12, .insn r4 0x47, 6, 0, f1, f2, f2, f2  /* fmsub.s rm=6 */
    FP_TEST_ILL 13, .insn r4 0x4b, 5, 0, f1, f2, f2, f2  /* fnmsub.s rm=5 */
    FP_TEST_ILL 13, .insn r4 0x4b, 6, 0, f1, f2, f2, f2  /* fnmsub.s rm=6 */
    FP_TEST_ILL 14, .insn r4 0x4f, 5, 0, f1, f2, f2, f2  /* fnmadd.s rm=5 */
    FP_TEST_ILL 14, .insn r4 0x4f, 6, 0, f1, f2, f2, f2  /* fnmadd.s rm=6 */
    FP_TEST_ILL 15, .insn r4 0x43, 5, 1, f1, f4, f4, f4  /* fmadd.d rm=5 */
    FP_TEST_ILL 15, .insn r4 0x43, 6, 1, f1, f4, f4, f4  /* fmadd.d rm=6 */
    FP_TEST_ILL 16, .insn r4 0x47, 5, 1, f1, f4, f4, f4  /* fmsub.d rm=5 */
    FP_TEST_ILL 16, .insn r4 0x47, 6, 1, f1, f4, f4, f4  /* fmsub.d rm=6 */
    FP_TEST_ILL 17, .insn r4 0x4b, 5, 1, f1, f4, f4, f4  /* fnmsub.d rm=5 */
    FP_TEST_ILL 17, .insn r4 0x4b, 6, 1, f1, f4, f4, f4  /* fnmsub.d rm=6 */
    FP_TEST_ILL 18, .insn r4 0x4f, 5, 1, f1, f4, f4, f4  /* fnmadd.d rm=5 */
    FP_TEST_ILL 18, .insn r4 0x4f, 6, 1, f1, f4, f4, f4  /* fnmadd.d rm=6 */
    FP_TEST_ILL 19, .insn r 0x53, 5, 0x60, a0, f2, x0  /* fcvt.w.s rm=5 */
    FP_TEST_ILL 19, .insn r 0x53, 6, 0x60, a0, f2, x0  /* fcvt.w.s rm=6 */
    FP_TEST_ILL 20, .insn r 0x53, 5, 0x60, a0, f2, x1  /* fcvt.wu.s rm=5 */
    FP_TEST_ILL 20, .insn r 0x53, 6, 0x60, a0, f2, x1  /* fcvt.wu.s rm=6 */
    FP_TEST_ILL 21, .insn r 0x53, 5, 0x60, a0, f2, x2  /* fcvt.l.s rm=5 */
    FP_TEST_ILL 21, .insn r 0x53, 6, 0x60, a0, f2, x2  /* fcvt.l.s rm=6 */
    FP_TEST_ILL 22, .insn r 0x53, 5, 0x60, a0, f2, x3  /* fcvt.lu.s rm=5 */
    FP_TEST_ILL 22, .insn r 0x53, 6, 0x60, a0, f2, x3  /* fcvt.lu.s rm=6 */
    FP_TEST_ILL 23, .insn r 0x53, 5, 0x61, a0, f4, x0  /* fcvt.w.d rm=5 */
    FP_TEST_ILL 23, .insn r 0x53, 6, 0x61, a0, f4, x0  /* fcvt.w.d rm=6 */
    FP_TEST_ILL 24, .insn r 0x53, 5, 0x61, a0, f4, x1  /* fcvt.wu.d rm=5 */
    FP_TEST_ILL 24, .insn r 0x53, 6, 0x61, a0, f4, x1  /* fcvt.wu.d rm=6 */
    FP_TEST_ILL 25, .insn r 0x53, 5, 0x61, a0, f4, x2  /* fcvt.l.d rm=5 */
    FP_TEST_ILL 25, .insn r 0x53, 6, 0x61, a0, f4, x2  /* fcvt.l.d rm=6 */
    FP_TEST_ILL 26, .insn r 0x53, 5, 0x61, a0, f4, x3  /* fcvt.lu.d rm=5 */
    FP_TEST_ILL 26, .insn r 0x53, 6, 0x61, a0, f4, x3  /* fcvt.lu.d rm=6 */
    FP_TEST_ILL 27, .insn r 0x53, 5, 0x68, f1, a1, x0  /* fcvt.s.w rm=5 */
    FP_TEST_ILL 27, .insn r 0x53, 6, 0x68, f1, a1, x0  /* fcvt.s.w rm=6 */
    FP_TEST_ILL 28, .insn r 0x53, 5, 0x68, f1, a1, x1  /* fcvt.s.wu rm=5 */
    FP_TEST_ILL 28, .insn r 0x53, 6, 0x68, f1, a1, x1  /* fcvt.s.wu rm=6 */
    FP_TEST_ILL 29, .insn r 0x53, 5, 0x68, f1, a1, x2  /* fcvt.s.l rm=5 */
    FP_TEST_ILL 29, .insn r 0x53, 6, 0x68, f1, a1, x2  /* fcvt.s.l rm=6 */
    FP_TEST_ILL 30, .insn r 0x53, 5, 0x68, f1, a1, x3  /* fcvt.s.lu rm=5 */
    FP_TEST_ILL 30, .insn r 0x53, 6, 0x68, f1, a1, x3  /* fcvt.s.lu rm=6 */
    FP_TEST_ILL 31, .insn r 0x53, 5, 0x69, f1, a1, x0  /* fcvt.d.w rm=5 */
    FP_TEST_ILL 31, .insn r 0x53, 6, 0x69, f1, a1, x0  /* fcvt.d.w rm=6 */
    FP_TEST_ILL 32, .insn r 0x53, 5, 0x69, f1, a1, x1  /* fcvt.d.wu rm=5 */
    FP_TEST_ILL 32, .insn r 0x53, 6, 0x69, f1, a1, x1  /* fcvt.d.wu rm=6 */
    FP_TEST_ILL 33, .insn r 0x53, 5, 0x69, f1, a1, x2  /* fcvt.d.l rm=5 */
    FP_TEST_ILL 33, .insn r 0x53, 6, 0x69, f1, a1, x2  /* fcvt.d.l rm=6 */
    FP_TEST_ILL 34, .insn r 0x53, 5, 0x69, f1, a1, x3  /* fcvt.d.lu rm=5 */
    FP_TEST_ILL 34, .insn r 0x53, 6, 0x69, f1, a1, x3  /* fcvt.d.lu rm=6 */
    FP_TEST_ILL 35, .insn r 0x53, 5, 0x20, f1, f4, f1  /* fcvt.s.d rm=5 */
    FP_TEST_ILL 35, .insn r 0x53, 6, 0x20, f1, f4, f1  /* fcvt.s.d rm=6 */
    FP_TEST_ILL 36, .insn r 0x53, 5, 0x21, f1, f2, f0  /* fcvt.d.s rm=5 */
    FP_TEST_ILL 36, .insn r 0x53, 6, 0x21, f1, f2, f0  /* fcvt.d.s rm=6 */
    CHECK_UNCHANGED 37
    /* ---- dynamic rounding mode with frm = 5 (reserved) ---- */
    csrwi frm, 5
    FP_TEST_ILL 38, .insn r 0x53, 7, 0x00, f1, f2, f3  /* fadd.s dyn */
    FP_TEST_ILL 39, .insn r 0x53, 7, 0x04, f1, f2, f3  /* fsub.s dyn */
    FP_TEST_ILL 40, .insn r 0x53, 7, 0x08, f1, f2, f3  /* fmul.s dyn */
    FP_TEST_ILL 41, .insn r 0x53, 7, 0x0c, f1, f2, f3  /* fdiv.s dyn */
    FP_TEST_ILL 42, .insn r 0x53, 7, 0x2c, f1, f2, f0  /* fsqrt.s dyn */
    FP_TEST_ILL 43, .insn r 0x53, 7, 0x01, f1, f4, f4  /* fadd.d dyn */
    FP_TEST_ILL 44, .insn r 0x53, 7, 0x05, f1, f4, f4  /* fsub.d dyn */
    FP_TEST_ILL 45, .insn r 0x53, 7, 0x09, f1, f4, f4  /* fmul.d dyn */
    FP_TEST_ILL 46, .insn r 0x53, 7, 0x0d, f1, f4, f4  /* fdiv.d dyn */
    FP_TEST_ILL 47, .insn r 0x53, 7, 0x2d, f1, f4, f0  /* fsqrt.d dyn */
    FP_TEST_ILL 48, .insn r4 0x43, 7, 0, f1, f2, f2, f2  /* fmadd.s dyn */
    FP_TEST_ILL 49, .insn r4 0x47, 7, 0, f1, f2, f2, f2  /* fmsub.s dyn */
    FP_TEST_ILL 50, .insn r4 0x4b, 7, 0, f1, f2, f2, f2  /* fnmsub.s dyn */
    FP_TEST_ILL 51, .insn r4 0x4f, 7, 0, f1, f2, f2, f2  /* fnmadd.s dyn */
    FP_TEST_ILL 52, .insn r4 0x43, 7, 1, f1, f4, f4, f4  /* fmadd.d dyn */
    FP_TEST_ILL 53, .insn r4 0x47, 7, 1, f1, f4, f4, f4  /* fmsub.d dyn */
    FP_TEST_ILL 54, .insn r4 0x4b, 7, 1, f1, f4, f4, f4  /* fnmsub.d dyn */
    FP_TEST_ILL 55, .insn r4 0x4f, 7, 1, f1, f4, f4, f4  /* fnmadd.d dyn */
    FP_TEST_ILL 56, .insn r 0x53, 7, 0x60, a0, f2, x0  /* fcvt.w.s dyn */
    FP_TEST_ILL 57, .insn r 0x53, 7, 0x60, a0, f2, x1  /* fcvt.wu.s dyn */
    FP_TEST_ILL 58, .insn r 0x53, 7, 0x60, a0, f2, x2  /* fcvt.l.s dyn */
    FP_TEST_ILL 59, .insn r 0x53, 7, 0x60, a0, f2, x3  /* fcvt.lu.s dyn */
    FP_TEST_ILL 60, .insn r 0x53, 7, 0x61, a0, f4, x0  /* fcvt.w.d dyn */
    FP_TEST_ILL 61, .insn r 0x53, 7, 0x61, a0, f4, x1  /* fcvt.wu.d dyn */
    FP_TEST_ILL 62, .insn r 0x53, 7, 0x61, a0, f4, x2  /* fcvt.l.d dyn */
    FP_TEST_ILL 63, .insn r 0x53, 7, 0x61, a0, f4, x3  /* fcvt.lu.d dyn */
    FP_TEST_ILL 64, .insn r 0x53, 7, 0x68, f1, a1, x0  /* fcvt.s.w dyn */
    FP_TEST_ILL 65, .insn r 0x53, 7, 0x68, f1, a1, x1  /* fcvt.s.wu dyn */
    FP_TEST_ILL 66, .insn r 0x53, 7, 0x68, f1, a1, x2  /* fcvt.s.l dyn */
    FP_TEST_ILL 67, .insn r 0x53, 7, 0x68, f1, a1, x3  /* fcvt.s.lu dyn */
    FP_TEST_ILL 68, .insn r 0x53, 7, 0x69, f1, a1, x0  /* fcvt.d.w dyn */
    FP_TEST_ILL 69, .insn r 0x53, 7, 0x69, f1, a1, x1  /* fcvt.d.wu dyn */
    FP_TEST_ILL 70, .insn r 0x53, 7, 0x69, f1, a1, x2  /* fcvt.d.l dyn */
    FP_TEST_ILL 71, .insn r 0x53, 7, 0x69, f1, a1, x3  /* fcvt.d.lu dyn */
    FP_TEST_ILL 72, .insn r 0x53, 7, 0x20, f1, f4, f1  /* fcvt.s.d dyn */
    FP_TEST_ILL 73, .insn r 0x53, 7, 0x21, f1, f2, f0  /* fcvt.d.s dyn */
    CHECK_UNCHANGED_FRM 74, 5
    /* ---- dynamic rounding mode with frm = 6 (reserved) ---- */
    csrwi frm, 6
    FP_TEST_ILL 75, .insn r 0x53, 7, 0x00, f1, f2, f3  /* fadd.s dyn */
    FP_TEST_ILL 76, .insn r 0x53, 7, 0x04, f1, f2, f3  /* fsub.s dyn */
    FP_TEST_ILL 77, .insn r 0x53, 7, 0x08, f1, f2, f3  /* fmul.s dyn */
    FP_TEST_ILL 78, .insn r 0x53, 7, 0x0c, f1, f2, f3  /* fdiv.s dyn */
    FP_TEST_ILL 79, .insn r 0x53, 7, 0x2c, f1, f2, f0  /* fsqrt.s dyn */
    FP_TEST_ILL 80, .insn r 0x53, 7, 0x01, f1, f4, f4  /* fadd.d dyn */
    FP_TEST_ILL 81, .insn r 0x53, 7, 0x05, f1, f4, f4  /* fsub.d dyn */
    FP_TEST_ILL 82, .insn r 0x53, 7, 0x09, f1, f4, f4  /* fmul.d dyn */
    FP_TEST_ILL 83, .insn r 0x53, 7, 0x0d, f1, f4, f4  /* fdiv.d dyn */
    FP_TEST_ILL 84, .insn r 0x53, 7, 0x2d, f1, f4, f0  /* fsqrt.d dyn */
    FP_TEST_ILL 85, .insn r4 0x43, 7, 0, f1, f2, f2, f2  /* fmadd.s dyn */
    FP_TEST_ILL 86, .insn r4 0x47, 7, 0, f1, f2, f2, f2  /* fmsub.s dyn */
    FP_TEST_ILL 87, .insn r4 0x4b, 7, 0, f1, f2, f2, f2  /* fnmsub.s dyn */
    FP_TEST_ILL 88, .insn r4 0x4f, 7, 0, f1, f2, f2, f2  /* fnmadd.s dyn */
    FP_TEST_ILL 89, .insn r4 0x43, 7, 1, f1, f4, f4, f4  /* fmadd.d dyn */
    FP_TEST_ILL 90, .insn r4 0x47, 7, 1, f1, f4, f4, f4  /* fmsub.d dyn */
    FP_TEST_ILL 91, .insn r4 0x4b, 7, 1, f1, f4, f4, f4  /* fnmsub.d dyn */
    FP_TEST_ILL 92, .insn r4 0x4f, 7, 1, f1, f4, f4, f4  /* fnmadd.d dyn */
    FP_TEST_ILL 93, .insn r 0x53, 7, 0x60, a0, f2, x0  /* fcvt.w.s dyn */
    FP_TEST_ILL 94, .insn r 0x53, 7, 0x60, a0, f2, x1  /* fcvt.wu.s dyn */
    FP_TEST_ILL 95, .insn r 0x53, 7, 0x60, a0, f2, x2  /* fcvt.l.s dyn */
    FP_TEST_ILL 96, .insn r 0x53, 7, 0x60, a0, f2, x3  /* fcvt.lu.s dyn */
    FP_TEST_ILL 97, .insn r 0x53, 7, 0x61, a0, f4, x0  /* fcvt.w.d dyn */
    FP_TEST_ILL 98, .insn r 0x53, 7, 0x61, a0, f4, x1  /* fcvt.wu.d dyn */
    FP_TEST_ILL 99, .insn r 0x53, 7, 0x61, a0, f4, x2  /* fcvt.l.d dyn */
    FP_TEST_ILL 100, .insn r 0x53, 7, 0x61, a0, f4, x3  /* fcvt.lu.d dyn */
    FP_TEST_ILL 101, .insn r 0x53, 7, 0x68, f1, a1, x0  /* fcvt.s.w dyn */
    FP_TEST_ILL 102, .insn r 0x53, 7, 0x68, f1, a1, x1  /* fcvt.s.wu dyn */
    FP_TEST_ILL 103, .insn r 0x53, 7, 0x68, f1, a1, x2  /* fcvt.s.l dyn */
    FP_TEST_ILL 104, .insn r 0x53, 7, 0x68, f1, a1, x3  /* fcvt.s.lu dyn */
    FP_TEST_ILL 105, .insn r 0x53, 7, 0x69, f1, a1, x0  /* fcvt.d.w dyn */
    FP_TEST_ILL 106, .insn r 0x53, 7, 0x69, f1, a1, x1  /* fcvt.d.wu dyn */
    FP_TEST_ILL 107, .insn r 0x53, 7, 0x69, f1, a1, x2  /* fcvt.d.l dyn */
    FP_TEST_ILL 108, .insn r 0x53, 7, 0x69, f1, a1, x3  /* fcvt.d.lu dyn */
    FP_TEST_ILL 109, .insn r 0x53, 7, 0x20, f1, f4, f1  /* fcvt.s.d dyn */
    FP_TEST_ILL 110, .insn r 0x53, 7, 0x21, f1, f2, f0  /* fcvt.d.s dyn */
    CHECK_UNCHANGED_FRM 111, 6
    /* ---- dynamic rounding mode with frm = 7 (reserved) ---- */
    csrwi frm, 7
    FP_TEST_ILL 112, .insn r 0x53, 7, 0x00, f1, f2, f3  /* fadd.s dyn */
    FP_TEST_ILL 113, .insn r 0x53, 7, 0x04, f1, f2, f3  /* fsub.s dyn */
    FP_TEST_ILL 114, .insn r 0x53, 7, 0x08, f1, f2, f3  /* fmul.s dyn */
    FP_TEST_ILL 115, .insn r 0x53, 7, 0x0c, f1, f2, f3  /* fdiv.s dyn */
    FP_TEST_ILL 116, .insn r 0x53, 7, 0x2c, f1, f2, f0  /* fsqrt.s dyn */
    FP_TEST_ILL 117, .insn r 0x53, 7, 0x01, f1, f4, f4  /* fadd.d dyn */
    FP_TEST_ILL 118, .insn r 0x53, 7, 0x05, f1, f4, f4  /* fsub.d dyn */
    FP_TEST_ILL 119, .insn r 0x53, 7, 0x09, f1, f4, f4  /* fmul.d dyn */
    FP_TEST_ILL 120, .insn r 0x53, 7, 0x0d, f1, f4, f4  /* fdiv.d dyn */
    FP_TEST_ILL 121, .insn r 0x53, 7, 0x2d, f1, f4, f0  /* fsqrt.d dyn */
    FP_TEST_ILL 122, .insn r4 0x43, 7, 0, f1, f2, f2, f2  /* fmadd.s dyn */
    FP_TEST_ILL 123, .insn r4 0x47, 7, 0, f1, f2, f2, f2  /* fmsub.s dyn */
    FP_TEST_ILL 124, .insn r4 0x4b, 7, 0, f1, f2, f2, f2  /* fnmsub.s dyn */
    FP_TEST_ILL 125, .insn r4 0x4f, 7, 0, f1, f2, f2, f2  /* fnmadd.s dyn */
    FP_TEST_ILL 126, .insn r4 0x43, 7, 1, f1, f4, f4, f4  /* fmadd.d dyn */
    FP_TEST_ILL 127, .insn r4 0x47, 7, 1, f1, f4, f4, f4  /* fmsub.d dyn */
    FP_TEST_ILL 128, .insn r4 0x4b, 7, 1, f1, f4, f4, f4  /* fnmsub.d dyn */
    FP_TEST_ILL 129, .insn r4 0x4f, 7, 1, f1, f4, f4, f4  /* fnmadd.d dyn */
    FP_TEST_ILL 130, .insn r 0x53, 7, 0x60, a0, f2, x0  /* fcvt.w.s dyn */
    FP_TEST_ILL 131, .insn r 0x53, 7, 0x60, a0, f2, x1  /* fcvt.wu.s dyn */
    FP_TEST_ILL 132, .insn r 0x53, 7, 0x60, a0, f2, x2  /* fcvt.l.s dyn */
    FP_TEST_ILL 133, .insn r 0x53, 7, 0x60, a0, f2, x3  /* fcvt.lu.s dyn */
    FP_TEST_ILL 134, .insn r 0x53, 7, 0x61, a0, f4, x0  /* fcvt.w.d dyn */
    FP_TEST_ILL 135, .insn r 0x53, 7, 0x61, a0, f4, x1  /* fcvt.wu.d dyn */
    FP_TEST_ILL 136, .insn r 0x53, 7, 0x61, a0, f4, x2  /* fcvt.l.d dyn */
    FP_TEST_ILL 137, .insn r 0x53, 7, 0x61, a0, f4, x3  /* fcvt.lu.d dyn */
    FP_TEST_ILL 138, .insn r 0x53, 7, 0x68, f1, a1, x0  /* fcvt.s.w dyn */
    FP_TEST_ILL 139, .insn r 0x53, 7, 0x68, f1, a1, x1  /* fcvt.s.wu dyn */
    FP_TEST_ILL 140, .insn r 0x53, 7, 0x68, f1, a1, x2  /* fcvt.s.l dyn */
    FP_TEST_ILL 141, .insn r 0x53, 7, 0x68, f1, a1, x3  /* fcvt.s.lu dyn */
    FP_TEST_ILL 142, .insn r 0x53, 7, 0x69, f1, a1, x0  /* fcvt.d.w dyn */
    FP_TEST_ILL 143, .insn r 0x53, 7, 0x69, f1, a1, x1  /* fcvt.d.wu dyn */
    FP_TEST_ILL 144, .insn r 0x53, 7, 0x69, f1, a1, x2  /* fcvt.d.l dyn */
    FP_TEST_ILL 145, .insn r 0x53, 7, 0x69, f1, a1, x3  /* fcvt.d.lu dyn */
    FP_TEST_ILL 146, .insn r 0x53, 7, 0x20, f1, f4, f1  /* fcvt.s.d dyn */
    FP_TEST_ILL 147, .insn r 0x53, 7, 0x21, f1, f2, f0  /* fcvt.d.s dyn */
    CHECK_UNCHANGED_FRM 148, 7

    /* ---- instructions without a rounding mode, or with a valid static one, run with frm = 7 ---- */
    csrwi frm, 7
    FLI_S f2, 0x3f800000     /* 1.0f */
    FLI_S f3, 0xc0000000     /* -2.0f */
    FLI f4, 0x3ff0000000000000 /* 1.0 */
    FLI f5, 0xc000000000000000 /* -2.0 */
    TEST 150
    fsgnj.s f6, f2, f3
    CHECK_F f6, 0xffffffffbf800000
    fsgnjn.d f6, f4, f5
    CHECK_F f6, 0x3ff0000000000000
    fsgnjx.s f6, f3, f3
    CHECK_F f6, 0xffffffff40000000
    TEST 151
    fmin.s f6, f2, f3
    CHECK_F f6, 0xffffffffc0000000
    fmax.d f6, f4, f5
    CHECK_F f6, 0x3ff0000000000000
    TEST 152
    feq.s t0, f2, f2
    CHECK t0, 1
    flt.d t0, f5, f4
    CHECK t0, 1
    fle.s t0, f2, f3
    CHECK t0, 0
    TEST 153
    fclass.d t0, f5
    CHECK t0, 0x2
    fclass.s t0, f2
    CHECK t0, 0x40
    TEST 154
    fmv.x.w t0, f3
    CHECK t0, 0xffffffffc0000000
    fmv.x.d t0, f4
    CHECK t0, 0x3ff0000000000000
    li t1, 0x40400000
    fmv.w.x f6, t1
    CHECK_F f6, 0xffffffff40400000
    fmv.d.x f6, t1
    CHECK_F f6, 0x40400000
    TEST 155
    fsw f3, 0(s0)
    flw f6, 0(s0)
    CHECK_F f6, 0xffffffffc0000000
    fsd f5, 8(s0)
    fld f6, 8(s0)
    CHECK_F f6, 0xc000000000000000
    c.fsd f8, 16(s0)
    c.fld f9, 16(s0)
    TEST 156                 /* valid static rounding modes */
    fadd.s f6, f2, f3, rne
    CHECK_F f6, 0xffffffffbf800000
    fmadd.d f6, f4, f5, f4, rtz
    CHECK_F f6, 0xbff0000000000000
    fcvt.w.s t0, f3, rdn
    CHECK t0, -2
    fcvt.d.s f6, f3          /* rm = 0 */
    CHECK_F f6, 0xc000000000000000
    fcvt.d.w f6, t0          /* rm = 0 */
    CHECK_F f6, 0xc000000000000000
    .insn r 0x53, 4, 0x21, f6, f2, f0  /* fcvt.d.s f6, f2, rmm */
    CHECK_F f6, 0x3ff0000000000000
    fsqrt.d f6, f4, rup
    CHECK_F f6, 0x3ff0000000000000
    csrr t0, fcsr
    CHECK t0, 7 << 5
    csrw fcsr, zero

    /* ---- reserved formats and widths ---- */
    FLI f1, SENTINEL
    FP_TEST_ILL 160, .insn r 0x53, 0, 0x02, f1, f2, f3        /* fadd.h (no Zfh) */
    FP_TEST_ILL 161, .insn r 0x53, 0, 0x03, f1, f2, f3        /* fadd.q (no Q) */
    FP_TEST_ILL 162, .insn r4 0x43, 0, 2, f1, f2, f2, f2      /* fmadd.h */
    FP_TEST_ILL 163, .insn r4 0x4f, 0, 3, f1, f2, f2, f2      /* fnmadd.q */
    FP_TEST_ILL 164, .insn r 0x53, 0, 0x12, f1, f2, f3        /* fsgnj.h */
    FP_TEST_ILL 165, .insn r 0x53, 0, 0x52, a0, f2, f3        /* fle.h */
    FP_TEST_ILL 166, .insn i 0x07, 1, f1, 0(s0)               /* flh */
    FP_TEST_ILL 167, .insn i 0x07, 4, f1, 0(s0)               /* flq */
    FP_TEST_ILL 168, .insn s 0x27, 1, f2, 0(s0)               /* fsh */
    FP_TEST_ILL 169, .insn s 0x27, 4, f2, 0(s0)               /* fsq */
    FP_TEST_ILL 170, .insn i 0x07, 0, f1, 0(s0)               /* LOAD-FP width 0 (vector, no V) */
    FP_TEST_ILL 171, .insn i 0x07, 6, f1, 0(s0)               /* LOAD-FP width 6 (vector, no V) */
    FP_TEST_ILL 172, .insn s 0x27, 7, f2, 0(s0)               /* STORE-FP width 7 (vector, no V) */
    /* ---- reserved funct3 / rs2 of instructions without a rounding mode ---- */
    FP_TEST_ILL 173, .insn r 0x53, 3, 0x10, f1, f2, f3        /* fsgnj.s funct3 = 3 */
    FP_TEST_ILL 174, .insn r 0x53, 3, 0x11, f1, f4, f4        /* fsgnj.d funct3 = 3 */
    FP_TEST_ILL 175, .insn r 0x53, 2, 0x14, f1, f2, f3        /* fmin/fmax.s funct3 = 2 */
    FP_TEST_ILL 176, .insn r 0x53, 3, 0x15, f1, f4, f4        /* fmin/fmax.d funct3 = 3 */
    FP_TEST_ILL 177, .insn r 0x53, 3, 0x50, a0, f2, f3        /* feq/flt/fle.s funct3 = 3 */
    FP_TEST_ILL 178, .insn r 0x53, 7, 0x51, a0, f4, f4        /* feq/flt/fle.d funct3 = 7 */
    FP_TEST_ILL 179, .insn r 0x53, 2, 0x70, a0, f2, f0        /* fmv.x.w / fclass.s funct3 = 2 */
    FP_TEST_ILL 180, .insn r 0x53, 0, 0x70, a0, f2, f5        /* fmv.x.w rs2 = 5 */
    FP_TEST_ILL 181, .insn r 0x53, 1, 0x71, a0, f4, f5        /* fclass.d rs2 = 5 */
    FP_TEST_ILL 182, .insn r 0x53, 1, 0x78, f1, a1, x0        /* fmv.w.x funct3 = 1 */
    FP_TEST_ILL 183, .insn r 0x53, 0, 0x79, f1, a1, x3        /* fmv.d.x rs2 = 3 */
    FP_TEST_ILL 184, .insn r 0x53, 0, 0x2c, f1, f2, f1        /* fsqrt.s rs2 = 1 */
    FP_TEST_ILL 185, .insn r 0x53, 0, 0x60, a0, f2, x4        /* fcvt.?.s rs2 = 4 */
    FP_TEST_ILL 186, .insn r 0x53, 0, 0x69, f1, a1, x5        /* fcvt.d.? rs2 = 5 */
    FP_TEST_ILL 187, .insn r 0x53, 0, 0x20, f1, f2, f0        /* fcvt.s.s (rs2 = 0) */
    FP_TEST_ILL 188, .insn r 0x53, 0, 0x21, f1, f4, f2        /* fcvt.d.h (rs2 = 2, no Zfh) */
    FP_TEST_ILL 189, .insn r 0x53, 0, 0x7f, f1, f2, f3        /* funct7 = 0x7f */
    FP_TEST_ILL 190, .insn r 0x53, 0, 0x18, f1, f2, f3        /* funct7 = 0x18 */
    CHECK_UNCHANGED 191

    TEST_PASS

    .data
    .balign 16
fp_buf: .fill 64, 1, 0
