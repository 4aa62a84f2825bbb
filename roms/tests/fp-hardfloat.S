/* The boundaries of the host-FPU fast path for fadd/fsub/fmul/fdiv/fsqrt (.s and .d): the
   interpreter (assembly/fp.ts hardArith) and compiled code (src/jit/translate.ts) use the host's
   f32/f64 operation only when the rounding mode is RNE (static, or dynamic with frm = 0),
   fflags.NX is already set, the operands are normal or zero (.s: properly NaN-boxed), a divisor
   is not zero, and the result is normal above the lowest binade (or an exact zero from add/sub);
   anything else must come out of softfloat with the same result and flags as always.

   Each row below is one instruction (a stub with fixed registers and rounding mode) on two
   raw 64-bit operands, with the result and fflags it must give. The runner runs every row
   twice: with fflags cleared first (expected fcsr = frm << 5 | flags), then with NX preset by
   fsflags (expected frm << 5 | NX | flags), and compares the whole destination register (.s
   results NaN-boxed) and the whole fcsr. The table is run ITER times (every run checked), so
   that with --jit on the stubs and the runner run compiled (test/jit.test.ts runs this ROM in
   lockstep with the interpreter).

   Check numbers (n = the row's class; single precision 1..21, double precision 101..121):
     1  ordinary exact results, RNE (static and dynamic with frm = 0)
     2  ordinary inexact results, RNE; also static rne while frm != 0
     3  rounding modes RTZ/RDN/RUP/RMM (static) on inexact results, each different from RNE
        in at least one row (ties for RMM); static rne while frm = 4
     4  the same with the dynamic rounding mode, frm = 1..4
     5  products just below the smallest normal that round to it and are not tiny after
        rounding (RISC-V detects tininess after rounding): NX only, in all modes
     6  results that round to the smallest normal at subnormal precision but are tiny after
        rounding with an unbounded exponent: UF|NX
     7  other results in the lowest normal binade (exact and inexact)
     8  results in the second binade (the fast path's lowest), some rounded up into it
     9  subnormal results: exact (no flags) and inexact (UF|NX), all modes
    10  underflow to zero (or to the smallest subnormal in the directed modes) from normals
    11  exact zeros: x - x and x + (-x) (+0, but -0 in RDN), signed zero operands
    12  overflow (OF|NX: inf, or the largest finite number in the modes that round toward
        zero) and results just below it
    13  division by zero (DZ), also of an infinity (no flag) and by -0
    14  invalid operations (NV, canonical NaN): 0/0, inf/inf, inf - inf, 0 * inf, sqrt(< 0)
    15  fsqrt of zeros, inf, the smallest normal, subnormals, the largest number
    16  subnormal operands
    17  infinite operands
    18  quiet NaN operands (canonical NaN, no flag)
    19  signalling NaN operands (canonical NaN, NV)
    20  .s operands that are not NaN-boxed (the canonical NaN, quiet); .d operands that are
        NaN-boxed singles (NaNs to a double)
    21  zero operands of fmul/fdiv (exact signed zeros)
   A mismatch prints
     row <i> <instruction> preset=<fflags before> iter=<k> a=.. b=.. frm=..: got <result>
     fcsr=.., expected <result> fcsr=..
   and fails with n. The expected values come from an exact rational model of the F/D
   chapters (correct rounding in the five modes, tininess after rounding, canonical NaNs),
   agree with roms/tests/gen/fpref.mjs on every row, and the ROM passes on QEMU 7.2 (Debian
   1:7.2+dfsg-7). */
#define TEST_NAME "fp-hardfloat"
#include "common.h"
#include "fp.h"

#ifndef ITER
#define ITER 24
#endif

/* Row: stub, its name, operands a and b, result, fflags, frm, check number (48 bytes). */
#define ROW_STUB  0
#define ROW_NAME  8
#define ROW_A     16
#define ROW_B     24
#define ROW_RES   32
#define ROW_FLAGS 40
#define ROW_FRM   41
#define ROW_N     42
#define ROW_SIZE  48

.macro ROW stub, a, b, res, flags, frm, n
    .dword stub_\stub, name_\stub, \a, \b, \res
    .byte \flags, \frm
    .half \n
    .word 0
.endm

/* stub_<op>_<fmt>_<rm>: a0 = the raw destination register of <op>.<fmt> <rm> on raw f-register
   images a1 (and a2). Different registers per operation, one of them with rd == rs1 and one
   with rd == rs2. */
.macro STUB2 op, fmt, rm, rd, rs1, rs2
    .text
stub_\op\()_\fmt\()_\rm:
    fmv.d.x \rs1, a1
    fmv.d.x \rs2, a2
    \op\().\fmt \rd, \rs1, \rs2, \rm
    fmv.x.d a0, \rd
    ret
    .section .rodata
name_\op\()_\fmt\()_\rm: .asciz "\op\().\fmt \rm"
.endm
.macro STUB1 op, fmt, rm, rd, rs1
    .text
stub_\op\()_\fmt\()_\rm:
    fmv.d.x \rs1, a1
    \op\().\fmt \rd, \rs1, \rm
    fmv.x.d a0, \rd
    ret
    .section .rodata
name_\op\()_\fmt\()_\rm: .asciz "\op\().\fmt \rm"
.endm

/* The stubs fill a page of their own, and the runner has another: the JIT compiles a page at most
   8 times (assembly/jit.ts MAX_COMPILES), each time with the code the interpreter has decoded
   by then, so code first run late on a busy page (the runtime's) would stay interpreted. */
    .text
    .balign 4096
.irp fmt, s, d
.irp rm, rne, rtz, rdn, rup, rmm, dyn
    STUB2 fadd, \fmt, \rm, f3, f1, f2
    STUB2 fsub, \fmt, \rm, f4, f4, f5
    STUB2 fmul, \fmt, \rm, f7, f6, f7
    STUB2 fdiv, \fmt, \rm, f31, f29, f30
    STUB1 fsqrt, \fmt, \rm, f12, f11
.endr
.endr
    .section .rodata
    .balign 8
.macro STUBPTR op, fmt, rm
    .dword stub_\op\()_\fmt\()_\rm
.endm
stubs:
.irp fmt, s, d
.irp rm, rne, rtz, rdn, rup, rmm, dyn
.irp op, fadd, fsub, fmul, fdiv, fsqrt
    STUBPTR \op, \fmt, \rm
.endr
.endr
.endr
stubs_end:

    .text
    .balign 4096
TEST_MAIN
    FP_ENABLE
    /* Run every stub once first, so that the stub page's first compile has all of them. */
    la s0, stubs
    la s1, stubs_end
1:  ld t0, 0(s0)
    li a1, 0
    li a2, 0
    jalr ra, t0
    addi s0, s0, 8
    bltu s0, s1, 1b
    li gp, 255
    li s11, 0                        /* iteration */
iter_loop:
    la s0, rows
    la s1, rows_end
row_loop:
    li s2, 0                         /* fflags before: 0, then NX */
preset_loop:
    lbu s3, ROW_FRM(s0)
    slli s3, s3, 5
    csrw fcsr, s3
    fsflags s2
    ld a1, ROW_A(s0)
    ld a2, ROW_B(s0)
    ld t0, ROW_STUB(s0)
    jalr ra, t0
    csrr s4, fcsr
    mv s5, a0
    ld t1, ROW_RES(s0)
    lbu t2, ROW_FLAGS(s0)
    or t2, t2, s2
    or s3, s3, t2                    /* the fcsr expected */
    bne s5, t1, mismatch
    bne s4, s3, mismatch
    bnez s2, 1f
    li s2, FFLAG_NX
    j preset_loop
1:  addi s0, s0, ROW_SIZE
    bltu s0, s1, row_loop
    addi s11, s11, 1
    li t0, ITER
    bltu s11, t0, iter_loop
    csrw fcsr, zero
    j pass

mismatch:
    la a0, str_row
    jal print_str
    la t0, rows
    sub a0, s0, t0
    li t1, ROW_SIZE
    divu a0, a0, t1
    jal print_dec
    li a0, ' '
    jal print_char
    ld a0, ROW_NAME(s0)
    jal print_str
    la a0, str_preset
    jal print_str
    mv a0, s2
    jal print_dec
    la a0, str_iter
    jal print_str
    mv a0, s11
    jal print_dec
    la a0, str_a
    jal print_str
    ld a0, ROW_A(s0)
    jal print_hex
    la a0, str_b
    jal print_str
    ld a0, ROW_B(s0)
    jal print_hex
    la a0, str_frm
    jal print_str
    lbu a0, ROW_FRM(s0)
    jal print_dec
    la a0, str_got
    jal print_str
    mv a0, s5
    jal print_hex
    la a0, str_fcsr
    jal print_str
    mv a0, s4
    jal print_hex
    la a0, str_exp
    jal print_str
    ld a0, ROW_RES(s0)
    jal print_hex
    la a0, str_fcsr
    jal print_str
    mv a0, s3
    jal print_hex
    li a0, '\n'
    jal print_char
    lhu gp, ROW_N(s0)
    j fail

    .section .rodata
str_row:    .asciz "row "
str_preset: .asciz " preset="
str_iter:   .asciz " iter="
str_a:      .asciz " a="
str_b:      .asciz " b="
str_frm:    .asciz " frm="
str_got:    .asciz ": got "
str_fcsr:   .asciz " fcsr="
str_exp:    .asciz ", expected "

    .balign 8
rows:
/* 1: single precision, ordinary exact results */
    ROW fadd_s_rne, 0xffffffff3f800000, 0xffffffff40000000, 0xffffffff40400000, 0x00, 0, 1
    ROW fadd_s_dyn, 0xffffffff3f800000, 0xffffffff40000000, 0xffffffff40400000, 0x00, 0, 1
    ROW fsub_s_rne, 0xffffffff40400000, 0xffffffff3f800000, 0xffffffff40000000, 0x00, 0, 1
    ROW fsub_s_dyn, 0xffffffff40400000, 0xffffffff3f800000, 0xffffffff40000000, 0x00, 0, 1
    ROW fmul_s_rne, 0xffffffff40400000, 0xffffffffc0200000, 0xffffffffc0f00000, 0x00, 0, 1
    ROW fmul_s_dyn, 0xffffffff40400000, 0xffffffffc0200000, 0xffffffffc0f00000, 0x00, 0, 1
    ROW fdiv_s_rne, 0xffffffff41100000, 0xffffffffbf400000, 0xffffffffc1400000, 0x00, 0, 1
    ROW fdiv_s_dyn, 0xffffffff41100000, 0xffffffffbf400000, 0xffffffffc1400000, 0x00, 0, 1
    ROW fadd_s_rne, 0xffffffffbf600000, 0xffffffff3e400000, 0xffffffffbf300000, 0x00, 0, 1
    ROW fadd_s_dyn, 0xffffffffbf600000, 0xffffffff3e400000, 0xffffffffbf300000, 0x00, 0, 1
    ROW fmul_s_rne, 0xffffffff0d800000, 0xffffffff5e400000, 0xffffffff2c400000, 0x00, 0, 1
    ROW fmul_s_dyn, 0xffffffff0d800000, 0xffffffff5e400000, 0xffffffff2c400000, 0x00, 0, 1
    ROW fdiv_s_rne, 0xffffffff71800000, 0xffffffff35800000, 0xffffffff7b800000, 0x00, 0, 1
    ROW fdiv_s_dyn, 0xffffffff71800000, 0xffffffff35800000, 0xffffffff7b800000, 0x00, 0, 1
    ROW fsqrt_s_rne, 0xffffffff40100000, 0xffffffff00000000, 0xffffffff3fc00000, 0x00, 0, 1
    ROW fsqrt_s_dyn, 0xffffffff40100000, 0xffffffff00000000, 0xffffffff3fc00000, 0x00, 0, 1
    ROW fsqrt_s_rne, 0xffffffff03800000, 0xffffffff00000000, 0xffffffff21800000, 0x00, 0, 1
    ROW fsqrt_s_dyn, 0xffffffff03800000, 0xffffffff00000000, 0xffffffff21800000, 0x00, 0, 1
    ROW fadd_s_rne, 0xffffffff7effffff, 0xffffffff7effffff, 0xffffffff7f7fffff, 0x00, 0, 1
    ROW fadd_s_dyn, 0xffffffff7effffff, 0xffffffff7effffff, 0xffffffff7f7fffff, 0x00, 0, 1
/* 2: single precision, ordinary inexact results */
    ROW fadd_s_rne, 0xffffffff3f800000, 0xffffffff33c00000, 0xffffffff3f800001, 0x01, 0, 2
    ROW fadd_s_dyn, 0xffffffff3f800000, 0xffffffff33c00000, 0xffffffff3f800001, 0x01, 0, 2
    ROW fadd_s_rne, 0xffffffff3f800000, 0xffffffff33c00000, 0xffffffff3f800001, 0x01, 3, 2
    ROW fadd_s_rne, 0xffffffff3f800000, 0xffffffff33000000, 0xffffffff3f800000, 0x01, 0, 2
    ROW fadd_s_dyn, 0xffffffff3f800000, 0xffffffff33000000, 0xffffffff3f800000, 0x01, 0, 2
    ROW fadd_s_rne, 0xffffffff3f800000, 0xffffffff33000000, 0xffffffff3f800000, 0x01, 3, 2
    ROW fadd_s_rne, 0xffffffff3f800000, 0xffffffff33800000, 0xffffffff3f800000, 0x01, 0, 2
    ROW fadd_s_dyn, 0xffffffff3f800000, 0xffffffff33800000, 0xffffffff3f800000, 0x01, 0, 2
    ROW fadd_s_rne, 0xffffffff3f800000, 0xffffffff33800000, 0xffffffff3f800000, 0x01, 3, 2
    ROW fsub_s_rne, 0xffffffff3f800000, 0xffffffff32800000, 0xffffffff3f800000, 0x01, 0, 2
    ROW fsub_s_dyn, 0xffffffff3f800000, 0xffffffff32800000, 0xffffffff3f800000, 0x01, 0, 2
    ROW fsub_s_rne, 0xffffffff3f800000, 0xffffffff32800000, 0xffffffff3f800000, 0x01, 3, 2
    ROW fmul_s_rne, 0xffffffff3f800001, 0xffffffff3f800003, 0xffffffff3f800004, 0x01, 0, 2
    ROW fmul_s_dyn, 0xffffffff3f800001, 0xffffffff3f800003, 0xffffffff3f800004, 0x01, 0, 2
    ROW fmul_s_rne, 0xffffffff3f800001, 0xffffffff3f800003, 0xffffffff3f800004, 0x01, 3, 2
    ROW fdiv_s_rne, 0xffffffff3f800000, 0xffffffff40400000, 0xffffffff3eaaaaab, 0x01, 0, 2
    ROW fdiv_s_dyn, 0xffffffff3f800000, 0xffffffff40400000, 0xffffffff3eaaaaab, 0x01, 0, 2
    ROW fdiv_s_rne, 0xffffffff3f800000, 0xffffffff40400000, 0xffffffff3eaaaaab, 0x01, 2, 2
    ROW fdiv_s_rne, 0xffffffffc0000000, 0xffffffff40400000, 0xffffffffbf2aaaab, 0x01, 0, 2
    ROW fdiv_s_dyn, 0xffffffffc0000000, 0xffffffff40400000, 0xffffffffbf2aaaab, 0x01, 0, 2
    ROW fdiv_s_rne, 0xffffffffc0000000, 0xffffffff40400000, 0xffffffffbf2aaaab, 0x01, 2, 2
    ROW fdiv_s_rne, 0xffffffff41200000, 0xffffffff40e00000, 0xffffffff3fb6db6e, 0x01, 0, 2
    ROW fdiv_s_dyn, 0xffffffff41200000, 0xffffffff40e00000, 0xffffffff3fb6db6e, 0x01, 0, 2
    ROW fdiv_s_rne, 0xffffffff41200000, 0xffffffff40e00000, 0xffffffff3fb6db6e, 0x01, 2, 2
    ROW fsqrt_s_rne, 0xffffffff40000000, 0xffffffff00000000, 0xffffffff3fb504f3, 0x01, 0, 2
    ROW fsqrt_s_dyn, 0xffffffff40000000, 0xffffffff00000000, 0xffffffff3fb504f3, 0x01, 0, 2
    ROW fsqrt_s_rne, 0xffffffff40000000, 0xffffffff00000000, 0xffffffff3fb504f3, 0x01, 3, 2
    ROW fsqrt_s_rne, 0xffffffff40400000, 0xffffffff00000000, 0xffffffff3fddb3d7, 0x01, 0, 2
    ROW fsqrt_s_dyn, 0xffffffff40400000, 0xffffffff00000000, 0xffffffff3fddb3d7, 0x01, 0, 2
    ROW fsqrt_s_rne, 0xffffffff40400000, 0xffffffff00000000, 0xffffffff3fddb3d7, 0x01, 3, 2
    ROW fmul_s_rne, 0xffffffff7e7fffff, 0xffffffff40400000, 0xffffffff7f3fffff, 0x01, 0, 2
    ROW fmul_s_dyn, 0xffffffff7e7fffff, 0xffffffff40400000, 0xffffffff7f3fffff, 0x01, 0, 2
    ROW fmul_s_rne, 0xffffffff7e7fffff, 0xffffffff40400000, 0xffffffff7f3fffff, 0x01, 3, 2
    ROW fdiv_s_rne, 0xffffffff01e00000, 0xffffffff40400000, 0xffffffff01155555, 0x01, 0, 2
    ROW fdiv_s_dyn, 0xffffffff01e00000, 0xffffffff40400000, 0xffffffff01155555, 0x01, 0, 2
    ROW fdiv_s_rne, 0xffffffff01e00000, 0xffffffff40400000, 0xffffffff01155555, 0x01, 2, 2
/* 3/4: single precision, rounding modes: static (the first number), dynamic (the second) */
    ROW fadd_s_rne, 0xffffffff3f800000, 0xffffffff33c00000, 0xffffffff3f800001, 0x01, 4, 3
    ROW fadd_s_rtz, 0xffffffff3f800000, 0xffffffff33c00000, 0xffffffff3f800000, 0x01, 0, 3
    ROW fadd_s_dyn, 0xffffffff3f800000, 0xffffffff33c00000, 0xffffffff3f800000, 0x01, 1, 4
    ROW fadd_s_rdn, 0xffffffff3f800000, 0xffffffff33c00000, 0xffffffff3f800000, 0x01, 0, 3
    ROW fadd_s_dyn, 0xffffffff3f800000, 0xffffffff33c00000, 0xffffffff3f800000, 0x01, 2, 4
    ROW fadd_s_rup, 0xffffffff3f800000, 0xffffffff33c00000, 0xffffffff3f800001, 0x01, 0, 3
    ROW fadd_s_dyn, 0xffffffff3f800000, 0xffffffff33c00000, 0xffffffff3f800001, 0x01, 3, 4
    ROW fadd_s_rmm, 0xffffffff3f800000, 0xffffffff33c00000, 0xffffffff3f800001, 0x01, 0, 3
    ROW fadd_s_dyn, 0xffffffff3f800000, 0xffffffff33c00000, 0xffffffff3f800001, 0x01, 4, 4
    ROW fadd_s_rne, 0xffffffff3f800000, 0xffffffff33000000, 0xffffffff3f800000, 0x01, 4, 3
    ROW fadd_s_rtz, 0xffffffff3f800000, 0xffffffff33000000, 0xffffffff3f800000, 0x01, 0, 3
    ROW fadd_s_dyn, 0xffffffff3f800000, 0xffffffff33000000, 0xffffffff3f800000, 0x01, 1, 4
    ROW fadd_s_rdn, 0xffffffff3f800000, 0xffffffff33000000, 0xffffffff3f800000, 0x01, 0, 3
    ROW fadd_s_dyn, 0xffffffff3f800000, 0xffffffff33000000, 0xffffffff3f800000, 0x01, 2, 4
    ROW fadd_s_rup, 0xffffffff3f800000, 0xffffffff33000000, 0xffffffff3f800001, 0x01, 0, 3
    ROW fadd_s_dyn, 0xffffffff3f800000, 0xffffffff33000000, 0xffffffff3f800001, 0x01, 3, 4
    ROW fadd_s_rmm, 0xffffffff3f800000, 0xffffffff33000000, 0xffffffff3f800000, 0x01, 0, 3
    ROW fadd_s_dyn, 0xffffffff3f800000, 0xffffffff33000000, 0xffffffff3f800000, 0x01, 4, 4
    ROW fadd_s_rne, 0xffffffff3f800000, 0xffffffff33800000, 0xffffffff3f800000, 0x01, 4, 3
    ROW fadd_s_rtz, 0xffffffff3f800000, 0xffffffff33800000, 0xffffffff3f800000, 0x01, 0, 3
    ROW fadd_s_dyn, 0xffffffff3f800000, 0xffffffff33800000, 0xffffffff3f800000, 0x01, 1, 4
    ROW fadd_s_rdn, 0xffffffff3f800000, 0xffffffff33800000, 0xffffffff3f800000, 0x01, 0, 3
    ROW fadd_s_dyn, 0xffffffff3f800000, 0xffffffff33800000, 0xffffffff3f800000, 0x01, 2, 4
    ROW fadd_s_rup, 0xffffffff3f800000, 0xffffffff33800000, 0xffffffff3f800001, 0x01, 0, 3
    ROW fadd_s_dyn, 0xffffffff3f800000, 0xffffffff33800000, 0xffffffff3f800001, 0x01, 3, 4
    ROW fadd_s_rmm, 0xffffffff3f800000, 0xffffffff33800000, 0xffffffff3f800001, 0x01, 0, 3
    ROW fadd_s_dyn, 0xffffffff3f800000, 0xffffffff33800000, 0xffffffff3f800001, 0x01, 4, 4
    ROW fadd_s_rne, 0xffffffffbf800000, 0xffffffffb3c00000, 0xffffffffbf800001, 0x01, 4, 3
    ROW fadd_s_rtz, 0xffffffffbf800000, 0xffffffffb3c00000, 0xffffffffbf800000, 0x01, 0, 3
    ROW fadd_s_dyn, 0xffffffffbf800000, 0xffffffffb3c00000, 0xffffffffbf800000, 0x01, 1, 4
    ROW fadd_s_rdn, 0xffffffffbf800000, 0xffffffffb3c00000, 0xffffffffbf800001, 0x01, 0, 3
    ROW fadd_s_dyn, 0xffffffffbf800000, 0xffffffffb3c00000, 0xffffffffbf800001, 0x01, 2, 4
    ROW fadd_s_rup, 0xffffffffbf800000, 0xffffffffb3c00000, 0xffffffffbf800000, 0x01, 0, 3
    ROW fadd_s_dyn, 0xffffffffbf800000, 0xffffffffb3c00000, 0xffffffffbf800000, 0x01, 3, 4
    ROW fadd_s_rmm, 0xffffffffbf800000, 0xffffffffb3c00000, 0xffffffffbf800001, 0x01, 0, 3
    ROW fadd_s_dyn, 0xffffffffbf800000, 0xffffffffb3c00000, 0xffffffffbf800001, 0x01, 4, 4
    ROW fadd_s_rne, 0xffffffffbf800001, 0xffffffffb3800000, 0xffffffffbf800002, 0x01, 4, 3
    ROW fadd_s_rtz, 0xffffffffbf800001, 0xffffffffb3800000, 0xffffffffbf800001, 0x01, 0, 3
    ROW fadd_s_dyn, 0xffffffffbf800001, 0xffffffffb3800000, 0xffffffffbf800001, 0x01, 1, 4
    ROW fadd_s_rdn, 0xffffffffbf800001, 0xffffffffb3800000, 0xffffffffbf800002, 0x01, 0, 3
    ROW fadd_s_dyn, 0xffffffffbf800001, 0xffffffffb3800000, 0xffffffffbf800002, 0x01, 2, 4
    ROW fadd_s_rup, 0xffffffffbf800001, 0xffffffffb3800000, 0xffffffffbf800001, 0x01, 0, 3
    ROW fadd_s_dyn, 0xffffffffbf800001, 0xffffffffb3800000, 0xffffffffbf800001, 0x01, 3, 4
    ROW fadd_s_rmm, 0xffffffffbf800001, 0xffffffffb3800000, 0xffffffffbf800002, 0x01, 0, 3
    ROW fadd_s_dyn, 0xffffffffbf800001, 0xffffffffb3800000, 0xffffffffbf800002, 0x01, 4, 4
    ROW fsub_s_rne, 0xffffffff3f800000, 0xffffffff32800000, 0xffffffff3f800000, 0x01, 4, 3
    ROW fsub_s_rtz, 0xffffffff3f800000, 0xffffffff32800000, 0xffffffff3f7fffff, 0x01, 0, 3
    ROW fsub_s_dyn, 0xffffffff3f800000, 0xffffffff32800000, 0xffffffff3f7fffff, 0x01, 1, 4
    ROW fsub_s_rdn, 0xffffffff3f800000, 0xffffffff32800000, 0xffffffff3f7fffff, 0x01, 0, 3
    ROW fsub_s_dyn, 0xffffffff3f800000, 0xffffffff32800000, 0xffffffff3f7fffff, 0x01, 2, 4
    ROW fsub_s_rup, 0xffffffff3f800000, 0xffffffff32800000, 0xffffffff3f800000, 0x01, 0, 3
    ROW fsub_s_dyn, 0xffffffff3f800000, 0xffffffff32800000, 0xffffffff3f800000, 0x01, 3, 4
    ROW fsub_s_rmm, 0xffffffff3f800000, 0xffffffff32800000, 0xffffffff3f800000, 0x01, 0, 3
    ROW fsub_s_dyn, 0xffffffff3f800000, 0xffffffff32800000, 0xffffffff3f800000, 0x01, 4, 4
    ROW fsub_s_rne, 0xffffffff3f800000, 0xffffffff33400000, 0xffffffff3f7fffff, 0x01, 4, 3
    ROW fsub_s_rtz, 0xffffffff3f800000, 0xffffffff33400000, 0xffffffff3f7fffff, 0x01, 0, 3
    ROW fsub_s_dyn, 0xffffffff3f800000, 0xffffffff33400000, 0xffffffff3f7fffff, 0x01, 1, 4
    ROW fsub_s_rdn, 0xffffffff3f800000, 0xffffffff33400000, 0xffffffff3f7fffff, 0x01, 0, 3
    ROW fsub_s_dyn, 0xffffffff3f800000, 0xffffffff33400000, 0xffffffff3f7fffff, 0x01, 2, 4
    ROW fsub_s_rup, 0xffffffff3f800000, 0xffffffff33400000, 0xffffffff3f800000, 0x01, 0, 3
    ROW fsub_s_dyn, 0xffffffff3f800000, 0xffffffff33400000, 0xffffffff3f800000, 0x01, 3, 4
    ROW fsub_s_rmm, 0xffffffff3f800000, 0xffffffff33400000, 0xffffffff3f7fffff, 0x01, 0, 3
    ROW fsub_s_dyn, 0xffffffff3f800000, 0xffffffff33400000, 0xffffffff3f7fffff, 0x01, 4, 4
    ROW fsub_s_rne, 0xffffffffbf800000, 0xffffffff33000000, 0xffffffffbf800000, 0x01, 4, 3
    ROW fsub_s_rtz, 0xffffffffbf800000, 0xffffffff33000000, 0xffffffffbf800000, 0x01, 0, 3
    ROW fsub_s_dyn, 0xffffffffbf800000, 0xffffffff33000000, 0xffffffffbf800000, 0x01, 1, 4
    ROW fsub_s_rdn, 0xffffffffbf800000, 0xffffffff33000000, 0xffffffffbf800001, 0x01, 0, 3
    ROW fsub_s_dyn, 0xffffffffbf800000, 0xffffffff33000000, 0xffffffffbf800001, 0x01, 2, 4
    ROW fsub_s_rup, 0xffffffffbf800000, 0xffffffff33000000, 0xffffffffbf800000, 0x01, 0, 3
    ROW fsub_s_dyn, 0xffffffffbf800000, 0xffffffff33000000, 0xffffffffbf800000, 0x01, 3, 4
    ROW fsub_s_rmm, 0xffffffffbf800000, 0xffffffff33000000, 0xffffffffbf800000, 0x01, 0, 3
    ROW fsub_s_dyn, 0xffffffffbf800000, 0xffffffff33000000, 0xffffffffbf800000, 0x01, 4, 4
    ROW fsub_s_rne, 0xffffffff3f800000, 0xffffffff33000000, 0xffffffff3f800000, 0x01, 4, 3
    ROW fsub_s_rtz, 0xffffffff3f800000, 0xffffffff33000000, 0xffffffff3f7fffff, 0x01, 0, 3
    ROW fsub_s_dyn, 0xffffffff3f800000, 0xffffffff33000000, 0xffffffff3f7fffff, 0x01, 1, 4
    ROW fsub_s_rdn, 0xffffffff3f800000, 0xffffffff33000000, 0xffffffff3f7fffff, 0x01, 0, 3
    ROW fsub_s_dyn, 0xffffffff3f800000, 0xffffffff33000000, 0xffffffff3f7fffff, 0x01, 2, 4
    ROW fsub_s_rup, 0xffffffff3f800000, 0xffffffff33000000, 0xffffffff3f800000, 0x01, 0, 3
    ROW fsub_s_dyn, 0xffffffff3f800000, 0xffffffff33000000, 0xffffffff3f800000, 0x01, 3, 4
    ROW fsub_s_rmm, 0xffffffff3f800000, 0xffffffff33000000, 0xffffffff3f800000, 0x01, 0, 3
    ROW fsub_s_dyn, 0xffffffff3f800000, 0xffffffff33000000, 0xffffffff3f800000, 0x01, 4, 4
    ROW fsub_s_rne, 0xffffffff3f800000, 0xffffffffb3800000, 0xffffffff3f800000, 0x01, 4, 3
    ROW fsub_s_rtz, 0xffffffff3f800000, 0xffffffffb3800000, 0xffffffff3f800000, 0x01, 0, 3
    ROW fsub_s_dyn, 0xffffffff3f800000, 0xffffffffb3800000, 0xffffffff3f800000, 0x01, 1, 4
    ROW fsub_s_rdn, 0xffffffff3f800000, 0xffffffffb3800000, 0xffffffff3f800000, 0x01, 0, 3
    ROW fsub_s_dyn, 0xffffffff3f800000, 0xffffffffb3800000, 0xffffffff3f800000, 0x01, 2, 4
    ROW fsub_s_rup, 0xffffffff3f800000, 0xffffffffb3800000, 0xffffffff3f800001, 0x01, 0, 3
    ROW fsub_s_dyn, 0xffffffff3f800000, 0xffffffffb3800000, 0xffffffff3f800001, 0x01, 3, 4
    ROW fsub_s_rmm, 0xffffffff3f800000, 0xffffffffb3800000, 0xffffffff3f800001, 0x01, 0, 3
    ROW fsub_s_dyn, 0xffffffff3f800000, 0xffffffffb3800000, 0xffffffff3f800001, 0x01, 4, 4
    ROW fmul_s_rne, 0xffffffff3f800001, 0xffffffff3f800003, 0xffffffff3f800004, 0x01, 4, 3
    ROW fmul_s_rtz, 0xffffffff3f800001, 0xffffffff3f800003, 0xffffffff3f800004, 0x01, 0, 3
    ROW fmul_s_dyn, 0xffffffff3f800001, 0xffffffff3f800003, 0xffffffff3f800004, 0x01, 1, 4
    ROW fmul_s_rdn, 0xffffffff3f800001, 0xffffffff3f800003, 0xffffffff3f800004, 0x01, 0, 3
    ROW fmul_s_dyn, 0xffffffff3f800001, 0xffffffff3f800003, 0xffffffff3f800004, 0x01, 2, 4
    ROW fmul_s_rup, 0xffffffff3f800001, 0xffffffff3f800003, 0xffffffff3f800005, 0x01, 0, 3
    ROW fmul_s_dyn, 0xffffffff3f800001, 0xffffffff3f800003, 0xffffffff3f800005, 0x01, 3, 4
    ROW fmul_s_rmm, 0xffffffff3f800001, 0xffffffff3f800003, 0xffffffff3f800004, 0x01, 0, 3
    ROW fmul_s_dyn, 0xffffffff3f800001, 0xffffffff3f800003, 0xffffffff3f800004, 0x01, 4, 4
    ROW fmul_s_rne, 0xffffffff3f800001, 0xffffffff3f7ffffe, 0xffffffff3f800000, 0x01, 4, 3
    ROW fmul_s_rtz, 0xffffffff3f800001, 0xffffffff3f7ffffe, 0xffffffff3f7fffff, 0x01, 0, 3
    ROW fmul_s_dyn, 0xffffffff3f800001, 0xffffffff3f7ffffe, 0xffffffff3f7fffff, 0x01, 1, 4
    ROW fmul_s_rdn, 0xffffffff3f800001, 0xffffffff3f7ffffe, 0xffffffff3f7fffff, 0x01, 0, 3
    ROW fmul_s_dyn, 0xffffffff3f800001, 0xffffffff3f7ffffe, 0xffffffff3f7fffff, 0x01, 2, 4
    ROW fmul_s_rup, 0xffffffff3f800001, 0xffffffff3f7ffffe, 0xffffffff3f800000, 0x01, 0, 3
    ROW fmul_s_dyn, 0xffffffff3f800001, 0xffffffff3f7ffffe, 0xffffffff3f800000, 0x01, 3, 4
    ROW fmul_s_rmm, 0xffffffff3f800001, 0xffffffff3f7ffffe, 0xffffffff3f800000, 0x01, 0, 3
    ROW fmul_s_dyn, 0xffffffff3f800001, 0xffffffff3f7ffffe, 0xffffffff3f800000, 0x01, 4, 4
    ROW fmul_s_rne, 0xffffffffbf800001, 0xffffffff403fffff, 0xffffffffc0400000, 0x01, 4, 3
    ROW fmul_s_rtz, 0xffffffffbf800001, 0xffffffff403fffff, 0xffffffffc0400000, 0x01, 0, 3
    ROW fmul_s_dyn, 0xffffffffbf800001, 0xffffffff403fffff, 0xffffffffc0400000, 0x01, 1, 4
    ROW fmul_s_rdn, 0xffffffffbf800001, 0xffffffff403fffff, 0xffffffffc0400001, 0x01, 0, 3
    ROW fmul_s_dyn, 0xffffffffbf800001, 0xffffffff403fffff, 0xffffffffc0400001, 0x01, 2, 4
    ROW fmul_s_rup, 0xffffffffbf800001, 0xffffffff403fffff, 0xffffffffc0400000, 0x01, 0, 3
    ROW fmul_s_dyn, 0xffffffffbf800001, 0xffffffff403fffff, 0xffffffffc0400000, 0x01, 3, 4
    ROW fmul_s_rmm, 0xffffffffbf800001, 0xffffffff403fffff, 0xffffffffc0400000, 0x01, 0, 3
    ROW fmul_s_dyn, 0xffffffffbf800001, 0xffffffff403fffff, 0xffffffffc0400000, 0x01, 4, 4
    ROW fmul_s_rne, 0xffffffff3f800003, 0xffffffff3fc00000, 0xffffffff3fc00004, 0x01, 4, 3
    ROW fmul_s_rtz, 0xffffffff3f800003, 0xffffffff3fc00000, 0xffffffff3fc00004, 0x01, 0, 3
    ROW fmul_s_dyn, 0xffffffff3f800003, 0xffffffff3fc00000, 0xffffffff3fc00004, 0x01, 1, 4
    ROW fmul_s_rdn, 0xffffffff3f800003, 0xffffffff3fc00000, 0xffffffff3fc00004, 0x01, 0, 3
    ROW fmul_s_dyn, 0xffffffff3f800003, 0xffffffff3fc00000, 0xffffffff3fc00004, 0x01, 2, 4
    ROW fmul_s_rup, 0xffffffff3f800003, 0xffffffff3fc00000, 0xffffffff3fc00005, 0x01, 0, 3
    ROW fmul_s_dyn, 0xffffffff3f800003, 0xffffffff3fc00000, 0xffffffff3fc00005, 0x01, 3, 4
    ROW fmul_s_rmm, 0xffffffff3f800003, 0xffffffff3fc00000, 0xffffffff3fc00005, 0x01, 0, 3
    ROW fmul_s_dyn, 0xffffffff3f800003, 0xffffffff3fc00000, 0xffffffff3fc00005, 0x01, 4, 4
    ROW fmul_s_rne, 0xffffffffbfc00000, 0xffffffff3f800003, 0xffffffffbfc00004, 0x01, 4, 3
    ROW fmul_s_rtz, 0xffffffffbfc00000, 0xffffffff3f800003, 0xffffffffbfc00004, 0x01, 0, 3
    ROW fmul_s_dyn, 0xffffffffbfc00000, 0xffffffff3f800003, 0xffffffffbfc00004, 0x01, 1, 4
    ROW fmul_s_rdn, 0xffffffffbfc00000, 0xffffffff3f800003, 0xffffffffbfc00005, 0x01, 0, 3
    ROW fmul_s_dyn, 0xffffffffbfc00000, 0xffffffff3f800003, 0xffffffffbfc00005, 0x01, 2, 4
    ROW fmul_s_rup, 0xffffffffbfc00000, 0xffffffff3f800003, 0xffffffffbfc00004, 0x01, 0, 3
    ROW fmul_s_dyn, 0xffffffffbfc00000, 0xffffffff3f800003, 0xffffffffbfc00004, 0x01, 3, 4
    ROW fmul_s_rmm, 0xffffffffbfc00000, 0xffffffff3f800003, 0xffffffffbfc00005, 0x01, 0, 3
    ROW fmul_s_dyn, 0xffffffffbfc00000, 0xffffffff3f800003, 0xffffffffbfc00005, 0x01, 4, 4
    ROW fdiv_s_rne, 0xffffffff3f800000, 0xffffffff40400000, 0xffffffff3eaaaaab, 0x01, 4, 3
    ROW fdiv_s_rtz, 0xffffffff3f800000, 0xffffffff40400000, 0xffffffff3eaaaaaa, 0x01, 0, 3
    ROW fdiv_s_dyn, 0xffffffff3f800000, 0xffffffff40400000, 0xffffffff3eaaaaaa, 0x01, 1, 4
    ROW fdiv_s_rdn, 0xffffffff3f800000, 0xffffffff40400000, 0xffffffff3eaaaaaa, 0x01, 0, 3
    ROW fdiv_s_dyn, 0xffffffff3f800000, 0xffffffff40400000, 0xffffffff3eaaaaaa, 0x01, 2, 4
    ROW fdiv_s_rup, 0xffffffff3f800000, 0xffffffff40400000, 0xffffffff3eaaaaab, 0x01, 0, 3
    ROW fdiv_s_dyn, 0xffffffff3f800000, 0xffffffff40400000, 0xffffffff3eaaaaab, 0x01, 3, 4
    ROW fdiv_s_rmm, 0xffffffff3f800000, 0xffffffff40400000, 0xffffffff3eaaaaab, 0x01, 0, 3
    ROW fdiv_s_dyn, 0xffffffff3f800000, 0xffffffff40400000, 0xffffffff3eaaaaab, 0x01, 4, 4
    ROW fdiv_s_rne, 0xffffffff40000000, 0xffffffff40400000, 0xffffffff3f2aaaab, 0x01, 4, 3
    ROW fdiv_s_rtz, 0xffffffff40000000, 0xffffffff40400000, 0xffffffff3f2aaaaa, 0x01, 0, 3
    ROW fdiv_s_dyn, 0xffffffff40000000, 0xffffffff40400000, 0xffffffff3f2aaaaa, 0x01, 1, 4
    ROW fdiv_s_rdn, 0xffffffff40000000, 0xffffffff40400000, 0xffffffff3f2aaaaa, 0x01, 0, 3
    ROW fdiv_s_dyn, 0xffffffff40000000, 0xffffffff40400000, 0xffffffff3f2aaaaa, 0x01, 2, 4
    ROW fdiv_s_rup, 0xffffffff40000000, 0xffffffff40400000, 0xffffffff3f2aaaab, 0x01, 0, 3
    ROW fdiv_s_dyn, 0xffffffff40000000, 0xffffffff40400000, 0xffffffff3f2aaaab, 0x01, 3, 4
    ROW fdiv_s_rmm, 0xffffffff40000000, 0xffffffff40400000, 0xffffffff3f2aaaab, 0x01, 0, 3
    ROW fdiv_s_dyn, 0xffffffff40000000, 0xffffffff40400000, 0xffffffff3f2aaaab, 0x01, 4, 4
    ROW fdiv_s_rne, 0xffffffffbf800000, 0xffffffff40400000, 0xffffffffbeaaaaab, 0x01, 4, 3
    ROW fdiv_s_rtz, 0xffffffffbf800000, 0xffffffff40400000, 0xffffffffbeaaaaaa, 0x01, 0, 3
    ROW fdiv_s_dyn, 0xffffffffbf800000, 0xffffffff40400000, 0xffffffffbeaaaaaa, 0x01, 1, 4
    ROW fdiv_s_rdn, 0xffffffffbf800000, 0xffffffff40400000, 0xffffffffbeaaaaab, 0x01, 0, 3
    ROW fdiv_s_dyn, 0xffffffffbf800000, 0xffffffff40400000, 0xffffffffbeaaaaab, 0x01, 2, 4
    ROW fdiv_s_rup, 0xffffffffbf800000, 0xffffffff40400000, 0xffffffffbeaaaaaa, 0x01, 0, 3
    ROW fdiv_s_dyn, 0xffffffffbf800000, 0xffffffff40400000, 0xffffffffbeaaaaaa, 0x01, 3, 4
    ROW fdiv_s_rmm, 0xffffffffbf800000, 0xffffffff40400000, 0xffffffffbeaaaaab, 0x01, 0, 3
    ROW fdiv_s_dyn, 0xffffffffbf800000, 0xffffffff40400000, 0xffffffffbeaaaaab, 0x01, 4, 4
    ROW fdiv_s_rne, 0xffffffff41200000, 0xffffffff40e00000, 0xffffffff3fb6db6e, 0x01, 4, 3
    ROW fdiv_s_rtz, 0xffffffff41200000, 0xffffffff40e00000, 0xffffffff3fb6db6d, 0x01, 0, 3
    ROW fdiv_s_dyn, 0xffffffff41200000, 0xffffffff40e00000, 0xffffffff3fb6db6d, 0x01, 1, 4
    ROW fdiv_s_rdn, 0xffffffff41200000, 0xffffffff40e00000, 0xffffffff3fb6db6d, 0x01, 0, 3
    ROW fdiv_s_dyn, 0xffffffff41200000, 0xffffffff40e00000, 0xffffffff3fb6db6d, 0x01, 2, 4
    ROW fdiv_s_rup, 0xffffffff41200000, 0xffffffff40e00000, 0xffffffff3fb6db6e, 0x01, 0, 3
    ROW fdiv_s_dyn, 0xffffffff41200000, 0xffffffff40e00000, 0xffffffff3fb6db6e, 0x01, 3, 4
    ROW fdiv_s_rmm, 0xffffffff41200000, 0xffffffff40e00000, 0xffffffff3fb6db6e, 0x01, 0, 3
    ROW fdiv_s_dyn, 0xffffffff41200000, 0xffffffff40e00000, 0xffffffff3fb6db6e, 0x01, 4, 4
    ROW fdiv_s_rne, 0xffffffff00800001, 0xffffffff40000000, 0xffffffff00400000, 0x03, 4, 3
    ROW fdiv_s_rtz, 0xffffffff00800001, 0xffffffff40000000, 0xffffffff00400000, 0x03, 0, 3
    ROW fdiv_s_dyn, 0xffffffff00800001, 0xffffffff40000000, 0xffffffff00400000, 0x03, 1, 4
    ROW fdiv_s_rdn, 0xffffffff00800001, 0xffffffff40000000, 0xffffffff00400000, 0x03, 0, 3
    ROW fdiv_s_dyn, 0xffffffff00800001, 0xffffffff40000000, 0xffffffff00400000, 0x03, 2, 4
    ROW fdiv_s_rup, 0xffffffff00800001, 0xffffffff40000000, 0xffffffff00400001, 0x03, 0, 3
    ROW fdiv_s_dyn, 0xffffffff00800001, 0xffffffff40000000, 0xffffffff00400001, 0x03, 3, 4
    ROW fdiv_s_rmm, 0xffffffff00800001, 0xffffffff40000000, 0xffffffff00400001, 0x03, 0, 3
    ROW fdiv_s_dyn, 0xffffffff00800001, 0xffffffff40000000, 0xffffffff00400001, 0x03, 4, 4
    ROW fsqrt_s_rne, 0xffffffff40000000, 0xffffffff00000000, 0xffffffff3fb504f3, 0x01, 4, 3
    ROW fsqrt_s_rtz, 0xffffffff40000000, 0xffffffff00000000, 0xffffffff3fb504f3, 0x01, 0, 3
    ROW fsqrt_s_dyn, 0xffffffff40000000, 0xffffffff00000000, 0xffffffff3fb504f3, 0x01, 1, 4
    ROW fsqrt_s_rdn, 0xffffffff40000000, 0xffffffff00000000, 0xffffffff3fb504f3, 0x01, 0, 3
    ROW fsqrt_s_dyn, 0xffffffff40000000, 0xffffffff00000000, 0xffffffff3fb504f3, 0x01, 2, 4
    ROW fsqrt_s_rup, 0xffffffff40000000, 0xffffffff00000000, 0xffffffff3fb504f4, 0x01, 0, 3
    ROW fsqrt_s_dyn, 0xffffffff40000000, 0xffffffff00000000, 0xffffffff3fb504f4, 0x01, 3, 4
    ROW fsqrt_s_rmm, 0xffffffff40000000, 0xffffffff00000000, 0xffffffff3fb504f3, 0x01, 0, 3
    ROW fsqrt_s_dyn, 0xffffffff40000000, 0xffffffff00000000, 0xffffffff3fb504f3, 0x01, 4, 4
    ROW fsqrt_s_rne, 0xffffffff40400000, 0xffffffff00000000, 0xffffffff3fddb3d7, 0x01, 4, 3
    ROW fsqrt_s_rtz, 0xffffffff40400000, 0xffffffff00000000, 0xffffffff3fddb3d7, 0x01, 0, 3
    ROW fsqrt_s_dyn, 0xffffffff40400000, 0xffffffff00000000, 0xffffffff3fddb3d7, 0x01, 1, 4
    ROW fsqrt_s_rdn, 0xffffffff40400000, 0xffffffff00000000, 0xffffffff3fddb3d7, 0x01, 0, 3
    ROW fsqrt_s_dyn, 0xffffffff40400000, 0xffffffff00000000, 0xffffffff3fddb3d7, 0x01, 2, 4
    ROW fsqrt_s_rup, 0xffffffff40400000, 0xffffffff00000000, 0xffffffff3fddb3d8, 0x01, 0, 3
    ROW fsqrt_s_dyn, 0xffffffff40400000, 0xffffffff00000000, 0xffffffff3fddb3d8, 0x01, 3, 4
    ROW fsqrt_s_rmm, 0xffffffff40400000, 0xffffffff00000000, 0xffffffff3fddb3d7, 0x01, 0, 3
    ROW fsqrt_s_dyn, 0xffffffff40400000, 0xffffffff00000000, 0xffffffff3fddb3d7, 0x01, 4, 4
    ROW fsqrt_s_rne, 0xffffffff40a00000, 0xffffffff00000000, 0xffffffff400f1bbd, 0x01, 4, 3
    ROW fsqrt_s_rtz, 0xffffffff40a00000, 0xffffffff00000000, 0xffffffff400f1bbc, 0x01, 0, 3
    ROW fsqrt_s_dyn, 0xffffffff40a00000, 0xffffffff00000000, 0xffffffff400f1bbc, 0x01, 1, 4
    ROW fsqrt_s_rdn, 0xffffffff40a00000, 0xffffffff00000000, 0xffffffff400f1bbc, 0x01, 0, 3
    ROW fsqrt_s_dyn, 0xffffffff40a00000, 0xffffffff00000000, 0xffffffff400f1bbc, 0x01, 2, 4
    ROW fsqrt_s_rup, 0xffffffff40a00000, 0xffffffff00000000, 0xffffffff400f1bbd, 0x01, 0, 3
    ROW fsqrt_s_dyn, 0xffffffff40a00000, 0xffffffff00000000, 0xffffffff400f1bbd, 0x01, 3, 4
    ROW fsqrt_s_rmm, 0xffffffff40a00000, 0xffffffff00000000, 0xffffffff400f1bbd, 0x01, 0, 3
    ROW fsqrt_s_dyn, 0xffffffff40a00000, 0xffffffff00000000, 0xffffffff400f1bbd, 0x01, 4, 4
    ROW fsqrt_s_rne, 0xffffffff3f800001, 0xffffffff00000000, 0xffffffff3f800000, 0x01, 4, 3
    ROW fsqrt_s_rtz, 0xffffffff3f800001, 0xffffffff00000000, 0xffffffff3f800000, 0x01, 0, 3
    ROW fsqrt_s_dyn, 0xffffffff3f800001, 0xffffffff00000000, 0xffffffff3f800000, 0x01, 1, 4
    ROW fsqrt_s_rdn, 0xffffffff3f800001, 0xffffffff00000000, 0xffffffff3f800000, 0x01, 0, 3
    ROW fsqrt_s_dyn, 0xffffffff3f800001, 0xffffffff00000000, 0xffffffff3f800000, 0x01, 2, 4
    ROW fsqrt_s_rup, 0xffffffff3f800001, 0xffffffff00000000, 0xffffffff3f800001, 0x01, 0, 3
    ROW fsqrt_s_dyn, 0xffffffff3f800001, 0xffffffff00000000, 0xffffffff3f800001, 0x01, 3, 4
    ROW fsqrt_s_rmm, 0xffffffff3f800001, 0xffffffff00000000, 0xffffffff3f800000, 0x01, 0, 3
    ROW fsqrt_s_dyn, 0xffffffff3f800001, 0xffffffff00000000, 0xffffffff3f800000, 0x01, 4, 4
/* 5: single precision, rounding up to the smallest normal, not tiny after rounding: NX */
    ROW fmul_s_rne, 0xffffffff21118e00, 0xffffffff1ee12000, 0xffffffff00800000, 0x01, 0, 5
    ROW fmul_s_rtz, 0xffffffff21118e00, 0xffffffff1ee12000, 0xffffffff007fffff, 0x03, 0, 5
    ROW fmul_s_rdn, 0xffffffff21118e00, 0xffffffff1ee12000, 0xffffffff007fffff, 0x03, 0, 5
    ROW fmul_s_rup, 0xffffffff21118e00, 0xffffffff1ee12000, 0xffffffff00800000, 0x01, 0, 5
    ROW fmul_s_rmm, 0xffffffff21118e00, 0xffffffff1ee12000, 0xffffffff00800000, 0x01, 0, 5
    ROW fmul_s_dyn, 0xffffffff21118e00, 0xffffffff1ee12000, 0xffffffff00800000, 0x01, 0, 5
    ROW fmul_s_dyn, 0xffffffff21118e00, 0xffffffff1ee12000, 0xffffffff007fffff, 0x03, 1, 5
    ROW fmul_s_rne, 0xffffffff1ffff800, 0xffffffff20000400, 0xffffffff00800000, 0x01, 0, 5
    ROW fmul_s_rtz, 0xffffffff1ffff800, 0xffffffff20000400, 0xffffffff007fffff, 0x03, 0, 5
    ROW fmul_s_rdn, 0xffffffff1ffff800, 0xffffffff20000400, 0xffffffff007fffff, 0x03, 0, 5
    ROW fmul_s_rup, 0xffffffff1ffff800, 0xffffffff20000400, 0xffffffff00800000, 0x01, 0, 5
    ROW fmul_s_rmm, 0xffffffff1ffff800, 0xffffffff20000400, 0xffffffff00800000, 0x01, 0, 5
    ROW fmul_s_dyn, 0xffffffff1ffff800, 0xffffffff20000400, 0xffffffff00800000, 0x01, 0, 5
    ROW fmul_s_dyn, 0xffffffff1ffff800, 0xffffffff20000400, 0xffffffff007fffff, 0x03, 1, 5
/* 6: single precision, the smallest normal, tiny after rounding: UF|NX */
    ROW fmul_s_rne, 0xffffffff1fffffff, 0xffffffff20000000, 0xffffffff00800000, 0x03, 0, 6
    ROW fmul_s_rtz, 0xffffffff1fffffff, 0xffffffff20000000, 0xffffffff007fffff, 0x03, 0, 6
    ROW fmul_s_rdn, 0xffffffff1fffffff, 0xffffffff20000000, 0xffffffff007fffff, 0x03, 0, 6
    ROW fmul_s_rup, 0xffffffff1fffffff, 0xffffffff20000000, 0xffffffff00800000, 0x03, 0, 6
    ROW fmul_s_rmm, 0xffffffff1fffffff, 0xffffffff20000000, 0xffffffff00800000, 0x03, 0, 6
    ROW fmul_s_dyn, 0xffffffff1fffffff, 0xffffffff20000000, 0xffffffff00800000, 0x03, 0, 6
    ROW fmul_s_rne, 0xffffffff1ffff000, 0xffffffff20000800, 0xffffffff00800000, 0x03, 0, 6
    ROW fmul_s_rtz, 0xffffffff1ffff000, 0xffffffff20000800, 0xffffffff007fffff, 0x03, 0, 6
    ROW fmul_s_rdn, 0xffffffff1ffff000, 0xffffffff20000800, 0xffffffff007fffff, 0x03, 0, 6
    ROW fmul_s_rup, 0xffffffff1ffff000, 0xffffffff20000800, 0xffffffff00800000, 0x03, 0, 6
    ROW fmul_s_rmm, 0xffffffff1ffff000, 0xffffffff20000800, 0xffffffff00800000, 0x03, 0, 6
    ROW fmul_s_dyn, 0xffffffff1ffff000, 0xffffffff20000800, 0xffffffff00800000, 0x03, 0, 6
    ROW fmul_s_rne, 0xffffffff2049c400, 0xffffffff1fa26800, 0xffffffff00800000, 0x03, 0, 6
    ROW fmul_s_rtz, 0xffffffff2049c400, 0xffffffff1fa26800, 0xffffffff007fffff, 0x03, 0, 6
    ROW fmul_s_rdn, 0xffffffff2049c400, 0xffffffff1fa26800, 0xffffffff007fffff, 0x03, 0, 6
    ROW fmul_s_rup, 0xffffffff2049c400, 0xffffffff1fa26800, 0xffffffff00800000, 0x01, 0, 6
    ROW fmul_s_rmm, 0xffffffff2049c400, 0xffffffff1fa26800, 0xffffffff00800000, 0x03, 0, 6
    ROW fmul_s_dyn, 0xffffffff2049c400, 0xffffffff1fa26800, 0xffffffff00800000, 0x03, 0, 6
    ROW fdiv_s_rne, 0xffffffff00ffffff, 0xffffffff40000000, 0xffffffff00800000, 0x03, 0, 6
    ROW fdiv_s_rtz, 0xffffffff00ffffff, 0xffffffff40000000, 0xffffffff007fffff, 0x03, 0, 6
    ROW fdiv_s_rdn, 0xffffffff00ffffff, 0xffffffff40000000, 0xffffffff007fffff, 0x03, 0, 6
    ROW fdiv_s_rup, 0xffffffff00ffffff, 0xffffffff40000000, 0xffffffff00800000, 0x03, 0, 6
    ROW fdiv_s_rmm, 0xffffffff00ffffff, 0xffffffff40000000, 0xffffffff00800000, 0x03, 0, 6
    ROW fdiv_s_dyn, 0xffffffff00ffffff, 0xffffffff40000000, 0xffffffff00800000, 0x03, 0, 6
/* 7: single precision, results in the lowest normal binade */
    ROW fmul_s_rne, 0xffffffff14c00000, 0xffffffff2b800000, 0xffffffff00c00000, 0x00, 0, 7
    ROW fmul_s_rtz, 0xffffffff14c00000, 0xffffffff2b800000, 0xffffffff00c00000, 0x00, 0, 7
    ROW fmul_s_dyn, 0xffffffff14c00000, 0xffffffff2b800000, 0xffffffff00c00000, 0x00, 0, 7
    ROW fmul_s_rne, 0xffffffff10400000, 0xffffffff30200000, 0xffffffff00f00000, 0x00, 0, 7
    ROW fmul_s_rtz, 0xffffffff10400000, 0xffffffff30200000, 0xffffffff00f00000, 0x00, 0, 7
    ROW fmul_s_dyn, 0xffffffff10400000, 0xffffffff30200000, 0xffffffff00f00000, 0x00, 0, 7
    ROW fdiv_s_rne, 0xffffffff01400000, 0xffffffff40200000, 0xffffffff0099999a, 0x01, 0, 7
    ROW fdiv_s_rtz, 0xffffffff01400000, 0xffffffff40200000, 0xffffffff00999999, 0x01, 0, 7
    ROW fdiv_s_dyn, 0xffffffff01400000, 0xffffffff40200000, 0xffffffff0099999a, 0x01, 0, 7
    ROW fdiv_s_rne, 0xffffffff01a00000, 0xffffffff40400000, 0xffffffff00d55555, 0x01, 0, 7
    ROW fdiv_s_rtz, 0xffffffff01a00000, 0xffffffff40400000, 0xffffffff00d55555, 0x01, 0, 7
    ROW fdiv_s_dyn, 0xffffffff01a00000, 0xffffffff40400000, 0xffffffff00d55555, 0x01, 0, 7
    ROW fadd_s_rne, 0xffffffff01400000, 0xffffffff80ffffff, 0xffffffff00800001, 0x00, 0, 7
    ROW fadd_s_rtz, 0xffffffff01400000, 0xffffffff80ffffff, 0xffffffff00800001, 0x00, 0, 7
    ROW fadd_s_dyn, 0xffffffff01400000, 0xffffffff80ffffff, 0xffffffff00800001, 0x00, 0, 7
    ROW fsub_s_rne, 0xffffffff01000000, 0xffffffff00400000, 0xffffffff00c00000, 0x00, 0, 7
    ROW fsub_s_rtz, 0xffffffff01000000, 0xffffffff00400000, 0xffffffff00c00000, 0x00, 0, 7
    ROW fsub_s_dyn, 0xffffffff01000000, 0xffffffff00400000, 0xffffffff00c00000, 0x00, 0, 7
    ROW fsub_s_rne, 0xffffffff00ffffff, 0xffffffff00000004, 0xffffffff00fffffb, 0x00, 0, 7
    ROW fsub_s_rtz, 0xffffffff00ffffff, 0xffffffff00000004, 0xffffffff00fffffb, 0x00, 0, 7
    ROW fsub_s_dyn, 0xffffffff00ffffff, 0xffffffff00000004, 0xffffffff00fffffb, 0x00, 0, 7
    ROW fmul_s_rne, 0xffffffff05800000, 0xffffffff3a800000, 0xffffffff00800000, 0x00, 0, 7
    ROW fmul_s_rtz, 0xffffffff05800000, 0xffffffff3a800000, 0xffffffff00800000, 0x00, 0, 7
    ROW fmul_s_dyn, 0xffffffff05800000, 0xffffffff3a800000, 0xffffffff00800000, 0x00, 0, 7
    ROW fmul_s_rne, 0xffffffff037fffff, 0xffffffff3d000000, 0xffffffff00ffffff, 0x00, 0, 7
    ROW fmul_s_rtz, 0xffffffff037fffff, 0xffffffff3d000000, 0xffffffff00ffffff, 0x00, 0, 7
    ROW fmul_s_dyn, 0xffffffff037fffff, 0xffffffff3d000000, 0xffffffff00ffffff, 0x00, 0, 7
    ROW fdiv_s_rne, 0xffffffff81800001, 0xffffffffc0800000, 0xffffffff00800001, 0x00, 0, 7
    ROW fdiv_s_rtz, 0xffffffff81800001, 0xffffffffc0800000, 0xffffffff00800001, 0x00, 0, 7
    ROW fdiv_s_dyn, 0xffffffff81800001, 0xffffffffc0800000, 0xffffffff00800001, 0x00, 0, 7
/* 8: single precision, results in the second binade */
    ROW fmul_s_rne, 0xffffffff00ffffff, 0xffffffff3f800001, 0xffffffff01000000, 0x01, 0, 8
    ROW fmul_s_dyn, 0xffffffff00ffffff, 0xffffffff3f800001, 0xffffffff01000000, 0x01, 0, 8
    ROW fmul_s_rtz, 0xffffffff00ffffff, 0xffffffff3f800001, 0xffffffff01000000, 0x01, 0, 8
    ROW fmul_s_rne, 0xffffffff0affffff, 0xffffffff35800003, 0xffffffff01000002, 0x01, 0, 8
    ROW fmul_s_dyn, 0xffffffff0affffff, 0xffffffff35800003, 0xffffffff01000002, 0x01, 0, 8
    ROW fmul_s_rtz, 0xffffffff0affffff, 0xffffffff35800003, 0xffffffff01000002, 0x01, 0, 8
    ROW fmul_s_rne, 0xffffffff01000000, 0xffffffff3f800000, 0xffffffff01000000, 0x00, 0, 8
    ROW fmul_s_dyn, 0xffffffff01000000, 0xffffffff3f800000, 0xffffffff01000000, 0x00, 0, 8
    ROW fmul_s_rtz, 0xffffffff01000000, 0xffffffff3f800000, 0xffffffff01000000, 0x00, 0, 8
    ROW fdiv_s_rne, 0xffffffff017fffff, 0xffffffff3fffffff, 0xffffffff01000000, 0x00, 0, 8
    ROW fdiv_s_dyn, 0xffffffff017fffff, 0xffffffff3fffffff, 0xffffffff01000000, 0x00, 0, 8
    ROW fdiv_s_rtz, 0xffffffff017fffff, 0xffffffff3fffffff, 0xffffffff01000000, 0x00, 0, 8
    ROW fadd_s_rne, 0xffffffff00ffffff, 0xffffffff00000001, 0xffffffff01000000, 0x00, 0, 8
    ROW fadd_s_dyn, 0xffffffff00ffffff, 0xffffffff00000001, 0xffffffff01000000, 0x00, 0, 8
    ROW fadd_s_rtz, 0xffffffff00ffffff, 0xffffffff00000001, 0xffffffff01000000, 0x00, 0, 8
    ROW fadd_s_rne, 0xffffffff01400000, 0xffffffff80800000, 0xffffffff01000000, 0x00, 0, 8
    ROW fadd_s_dyn, 0xffffffff01400000, 0xffffffff80800000, 0xffffffff01000000, 0x00, 0, 8
    ROW fadd_s_rtz, 0xffffffff01400000, 0xffffffff80800000, 0xffffffff01000000, 0x00, 0, 8
    ROW fdiv_s_rne, 0xffffffff00ffffff, 0xffffffff3f7ffffe, 0xffffffff01000001, 0x01, 0, 8
    ROW fdiv_s_dyn, 0xffffffff00ffffff, 0xffffffff3f7ffffe, 0xffffffff01000001, 0x01, 0, 8
    ROW fdiv_s_rtz, 0xffffffff00ffffff, 0xffffffff3f7ffffe, 0xffffffff01000000, 0x01, 0, 8
/* 9: single precision, subnormal results */
    ROW fmul_s_rne, 0xffffffff00800000, 0xffffffff3f000000, 0xffffffff00400000, 0x00, 0, 9
    ROW fmul_s_rtz, 0xffffffff00800000, 0xffffffff3f000000, 0xffffffff00400000, 0x00, 0, 9
    ROW fmul_s_rdn, 0xffffffff00800000, 0xffffffff3f000000, 0xffffffff00400000, 0x00, 0, 9
    ROW fmul_s_rup, 0xffffffff00800000, 0xffffffff3f000000, 0xffffffff00400000, 0x00, 0, 9
    ROW fmul_s_rmm, 0xffffffff00800000, 0xffffffff3f000000, 0xffffffff00400000, 0x00, 0, 9
    ROW fmul_s_dyn, 0xffffffff00800000, 0xffffffff3f000000, 0xffffffff00400000, 0x00, 0, 9
    ROW fmul_s_rne, 0xffffffff15400000, 0xffffffff29000000, 0xffffffff000c0000, 0x00, 0, 9
    ROW fmul_s_rtz, 0xffffffff15400000, 0xffffffff29000000, 0xffffffff000c0000, 0x00, 0, 9
    ROW fmul_s_rdn, 0xffffffff15400000, 0xffffffff29000000, 0xffffffff000c0000, 0x00, 0, 9
    ROW fmul_s_rup, 0xffffffff15400000, 0xffffffff29000000, 0xffffffff000c0000, 0x00, 0, 9
    ROW fmul_s_rmm, 0xffffffff15400000, 0xffffffff29000000, 0xffffffff000c0000, 0x00, 0, 9
    ROW fmul_s_dyn, 0xffffffff15400000, 0xffffffff29000000, 0xffffffff000c0000, 0x00, 0, 9
    ROW fmul_s_rne, 0xffffffff14800001, 0xffffffff2b000000, 0xffffffff00400000, 0x03, 0, 9
    ROW fmul_s_rtz, 0xffffffff14800001, 0xffffffff2b000000, 0xffffffff00400000, 0x03, 0, 9
    ROW fmul_s_rdn, 0xffffffff14800001, 0xffffffff2b000000, 0xffffffff00400000, 0x03, 0, 9
    ROW fmul_s_rup, 0xffffffff14800001, 0xffffffff2b000000, 0xffffffff00400001, 0x03, 0, 9
    ROW fmul_s_rmm, 0xffffffff14800001, 0xffffffff2b000000, 0xffffffff00400001, 0x03, 0, 9
    ROW fmul_s_dyn, 0xffffffff14800001, 0xffffffff2b000000, 0xffffffff00400000, 0x03, 0, 9
    ROW fdiv_s_rne, 0xffffffff00800000, 0xffffffff40400000, 0xffffffff002aaaab, 0x03, 0, 9
    ROW fdiv_s_rtz, 0xffffffff00800000, 0xffffffff40400000, 0xffffffff002aaaaa, 0x03, 0, 9
    ROW fdiv_s_rdn, 0xffffffff00800000, 0xffffffff40400000, 0xffffffff002aaaaa, 0x03, 0, 9
    ROW fdiv_s_rup, 0xffffffff00800000, 0xffffffff40400000, 0xffffffff002aaaab, 0x03, 0, 9
    ROW fdiv_s_rmm, 0xffffffff00800000, 0xffffffff40400000, 0xffffffff002aaaab, 0x03, 0, 9
    ROW fdiv_s_dyn, 0xffffffff00800000, 0xffffffff40400000, 0xffffffff002aaaab, 0x03, 0, 9
    ROW fdiv_s_rne, 0xffffffff8c000000, 0xffffffff56c00000, 0xffffffff80000001, 0x03, 0, 9
    ROW fdiv_s_rtz, 0xffffffff8c000000, 0xffffffff56c00000, 0xffffffff80000000, 0x03, 0, 9
    ROW fdiv_s_rdn, 0xffffffff8c000000, 0xffffffff56c00000, 0xffffffff80000001, 0x03, 0, 9
    ROW fdiv_s_rup, 0xffffffff8c000000, 0xffffffff56c00000, 0xffffffff80000000, 0x03, 0, 9
    ROW fdiv_s_rmm, 0xffffffff8c000000, 0xffffffff56c00000, 0xffffffff80000001, 0x03, 0, 9
    ROW fdiv_s_dyn, 0xffffffff8c000000, 0xffffffff56c00000, 0xffffffff80000001, 0x03, 0, 9
    ROW fmul_s_rne, 0xffffffff80800000, 0xffffffff3f400003, 0xffffffff80600002, 0x03, 0, 9
    ROW fmul_s_rtz, 0xffffffff80800000, 0xffffffff3f400003, 0xffffffff80600001, 0x03, 0, 9
    ROW fmul_s_rdn, 0xffffffff80800000, 0xffffffff3f400003, 0xffffffff80600002, 0x03, 0, 9
    ROW fmul_s_rup, 0xffffffff80800000, 0xffffffff3f400003, 0xffffffff80600001, 0x03, 0, 9
    ROW fmul_s_rmm, 0xffffffff80800000, 0xffffffff3f400003, 0xffffffff80600002, 0x03, 0, 9
    ROW fmul_s_dyn, 0xffffffff80800000, 0xffffffff3f400003, 0xffffffff80600002, 0x03, 0, 9
    ROW fsub_s_rne, 0xffffffff00800001, 0xffffffff00800000, 0xffffffff00000001, 0x00, 0, 9
    ROW fsub_s_rtz, 0xffffffff00800001, 0xffffffff00800000, 0xffffffff00000001, 0x00, 0, 9
    ROW fsub_s_rdn, 0xffffffff00800001, 0xffffffff00800000, 0xffffffff00000001, 0x00, 0, 9
    ROW fsub_s_rup, 0xffffffff00800001, 0xffffffff00800000, 0xffffffff00000001, 0x00, 0, 9
    ROW fsub_s_rmm, 0xffffffff00800001, 0xffffffff00800000, 0xffffffff00000001, 0x00, 0, 9
    ROW fsub_s_dyn, 0xffffffff00800001, 0xffffffff00800000, 0xffffffff00000001, 0x00, 0, 9
    ROW fadd_s_rne, 0xffffffff00c00000, 0xffffffff80800000, 0xffffffff00400000, 0x00, 0, 9
    ROW fadd_s_rtz, 0xffffffff00c00000, 0xffffffff80800000, 0xffffffff00400000, 0x00, 0, 9
    ROW fadd_s_rdn, 0xffffffff00c00000, 0xffffffff80800000, 0xffffffff00400000, 0x00, 0, 9
    ROW fadd_s_rup, 0xffffffff00c00000, 0xffffffff80800000, 0xffffffff00400000, 0x00, 0, 9
    ROW fadd_s_rmm, 0xffffffff00c00000, 0xffffffff80800000, 0xffffffff00400000, 0x00, 0, 9
    ROW fadd_s_dyn, 0xffffffff00c00000, 0xffffffff80800000, 0xffffffff00400000, 0x00, 0, 9
/* 10: single precision, underflow to zero */
    ROW fmul_s_rne, 0xffffffff1f000000, 0xffffffff0f800000, 0xffffffff00000000, 0x03, 0, 10
    ROW fmul_s_rtz, 0xffffffff1f000000, 0xffffffff0f800000, 0xffffffff00000000, 0x03, 0, 10
    ROW fmul_s_rdn, 0xffffffff1f000000, 0xffffffff0f800000, 0xffffffff00000000, 0x03, 0, 10
    ROW fmul_s_rup, 0xffffffff1f000000, 0xffffffff0f800000, 0xffffffff00000001, 0x03, 0, 10
    ROW fmul_s_rmm, 0xffffffff1f000000, 0xffffffff0f800000, 0xffffffff00000000, 0x03, 0, 10
    ROW fmul_s_dyn, 0xffffffff1f000000, 0xffffffff0f800000, 0xffffffff00000000, 0x03, 0, 10
    ROW fmul_s_dyn, 0xffffffff1f000000, 0xffffffff0f800000, 0xffffffff00000001, 0x03, 3, 10
    ROW fmul_s_rne, 0xffffffff80800000, 0xffffffff33000000, 0xffffffff80000000, 0x03, 0, 10
    ROW fmul_s_rtz, 0xffffffff80800000, 0xffffffff33000000, 0xffffffff80000000, 0x03, 0, 10
    ROW fmul_s_rdn, 0xffffffff80800000, 0xffffffff33000000, 0xffffffff80000001, 0x03, 0, 10
    ROW fmul_s_rup, 0xffffffff80800000, 0xffffffff33000000, 0xffffffff80000000, 0x03, 0, 10
    ROW fmul_s_rmm, 0xffffffff80800000, 0xffffffff33000000, 0xffffffff80000000, 0x03, 0, 10
    ROW fmul_s_dyn, 0xffffffff80800000, 0xffffffff33000000, 0xffffffff80000000, 0x03, 0, 10
    ROW fmul_s_dyn, 0xffffffff80800000, 0xffffffff33000000, 0xffffffff80000000, 0x03, 3, 10
    ROW fdiv_s_rne, 0xffffffff00800000, 0xffffffff4c000000, 0xffffffff00000000, 0x03, 0, 10
    ROW fdiv_s_rtz, 0xffffffff00800000, 0xffffffff4c000000, 0xffffffff00000000, 0x03, 0, 10
    ROW fdiv_s_rdn, 0xffffffff00800000, 0xffffffff4c000000, 0xffffffff00000000, 0x03, 0, 10
    ROW fdiv_s_rup, 0xffffffff00800000, 0xffffffff4c000000, 0xffffffff00000001, 0x03, 0, 10
    ROW fdiv_s_rmm, 0xffffffff00800000, 0xffffffff4c000000, 0xffffffff00000000, 0x03, 0, 10
    ROW fdiv_s_dyn, 0xffffffff00800000, 0xffffffff4c000000, 0xffffffff00000000, 0x03, 0, 10
    ROW fdiv_s_dyn, 0xffffffff00800000, 0xffffffff4c000000, 0xffffffff00000001, 0x03, 3, 10
    ROW fdiv_s_rne, 0xffffffff00800000, 0xffffffffff7fffff, 0xffffffff80000000, 0x03, 0, 10
    ROW fdiv_s_rtz, 0xffffffff00800000, 0xffffffffff7fffff, 0xffffffff80000000, 0x03, 0, 10
    ROW fdiv_s_rdn, 0xffffffff00800000, 0xffffffffff7fffff, 0xffffffff80000001, 0x03, 0, 10
    ROW fdiv_s_rup, 0xffffffff00800000, 0xffffffffff7fffff, 0xffffffff80000000, 0x03, 0, 10
    ROW fdiv_s_rmm, 0xffffffff00800000, 0xffffffffff7fffff, 0xffffffff80000000, 0x03, 0, 10
    ROW fdiv_s_dyn, 0xffffffff00800000, 0xffffffffff7fffff, 0xffffffff80000000, 0x03, 0, 10
    ROW fdiv_s_dyn, 0xffffffff00800000, 0xffffffffff7fffff, 0xffffffff80000000, 0x03, 3, 10
    ROW fmul_s_rne, 0xffffffff00800000, 0xffffffff33800000, 0xffffffff00000000, 0x03, 0, 10
    ROW fmul_s_rtz, 0xffffffff00800000, 0xffffffff33800000, 0xffffffff00000000, 0x03, 0, 10
    ROW fmul_s_rdn, 0xffffffff00800000, 0xffffffff33800000, 0xffffffff00000000, 0x03, 0, 10
    ROW fmul_s_rup, 0xffffffff00800000, 0xffffffff33800000, 0xffffffff00000001, 0x03, 0, 10
    ROW fmul_s_rmm, 0xffffffff00800000, 0xffffffff33800000, 0xffffffff00000001, 0x03, 0, 10
    ROW fmul_s_dyn, 0xffffffff00800000, 0xffffffff33800000, 0xffffffff00000000, 0x03, 0, 10
    ROW fmul_s_dyn, 0xffffffff00800000, 0xffffffff33800000, 0xffffffff00000001, 0x03, 3, 10
    ROW fmul_s_rne, 0xffffffff00800001, 0xffffffff33800000, 0xffffffff00000001, 0x03, 0, 10
    ROW fmul_s_rtz, 0xffffffff00800001, 0xffffffff33800000, 0xffffffff00000000, 0x03, 0, 10
    ROW fmul_s_rdn, 0xffffffff00800001, 0xffffffff33800000, 0xffffffff00000000, 0x03, 0, 10
    ROW fmul_s_rup, 0xffffffff00800001, 0xffffffff33800000, 0xffffffff00000001, 0x03, 0, 10
    ROW fmul_s_rmm, 0xffffffff00800001, 0xffffffff33800000, 0xffffffff00000001, 0x03, 0, 10
    ROW fmul_s_dyn, 0xffffffff00800001, 0xffffffff33800000, 0xffffffff00000001, 0x03, 0, 10
    ROW fmul_s_dyn, 0xffffffff00800001, 0xffffffff33800000, 0xffffffff00000001, 0x03, 3, 10
/* 11: single precision, exact zeros */
    ROW fsub_s_rne, 0xffffffff3fa00000, 0xffffffff3fa00000, 0xffffffff00000000, 0x00, 0, 11
    ROW fsub_s_rtz, 0xffffffff3fa00000, 0xffffffff3fa00000, 0xffffffff00000000, 0x00, 0, 11
    ROW fsub_s_rdn, 0xffffffff3fa00000, 0xffffffff3fa00000, 0xffffffff80000000, 0x00, 0, 11
    ROW fsub_s_rup, 0xffffffff3fa00000, 0xffffffff3fa00000, 0xffffffff00000000, 0x00, 0, 11
    ROW fsub_s_rmm, 0xffffffff3fa00000, 0xffffffff3fa00000, 0xffffffff00000000, 0x00, 0, 11
    ROW fsub_s_dyn, 0xffffffff3fa00000, 0xffffffff3fa00000, 0xffffffff00000000, 0x00, 0, 11
    ROW fsub_s_dyn, 0xffffffff3fa00000, 0xffffffff3fa00000, 0xffffffff80000000, 0x00, 2, 11
    ROW fsub_s_dyn, 0xffffffff3fa00000, 0xffffffff3fa00000, 0xffffffff00000000, 0x00, 3, 11
    ROW fadd_s_rne, 0xffffffff3fa00000, 0xffffffffbfa00000, 0xffffffff00000000, 0x00, 0, 11
    ROW fadd_s_rtz, 0xffffffff3fa00000, 0xffffffffbfa00000, 0xffffffff00000000, 0x00, 0, 11
    ROW fadd_s_rdn, 0xffffffff3fa00000, 0xffffffffbfa00000, 0xffffffff80000000, 0x00, 0, 11
    ROW fadd_s_rup, 0xffffffff3fa00000, 0xffffffffbfa00000, 0xffffffff00000000, 0x00, 0, 11
    ROW fadd_s_rmm, 0xffffffff3fa00000, 0xffffffffbfa00000, 0xffffffff00000000, 0x00, 0, 11
    ROW fadd_s_dyn, 0xffffffff3fa00000, 0xffffffffbfa00000, 0xffffffff00000000, 0x00, 0, 11
    ROW fadd_s_dyn, 0xffffffff3fa00000, 0xffffffffbfa00000, 0xffffffff80000000, 0x00, 2, 11
    ROW fadd_s_dyn, 0xffffffff3fa00000, 0xffffffffbfa00000, 0xffffffff00000000, 0x00, 3, 11
    ROW fsub_s_rne, 0xffffffff80800000, 0xffffffff80800000, 0xffffffff00000000, 0x00, 0, 11
    ROW fsub_s_rtz, 0xffffffff80800000, 0xffffffff80800000, 0xffffffff00000000, 0x00, 0, 11
    ROW fsub_s_rdn, 0xffffffff80800000, 0xffffffff80800000, 0xffffffff80000000, 0x00, 0, 11
    ROW fsub_s_rup, 0xffffffff80800000, 0xffffffff80800000, 0xffffffff00000000, 0x00, 0, 11
    ROW fsub_s_rmm, 0xffffffff80800000, 0xffffffff80800000, 0xffffffff00000000, 0x00, 0, 11
    ROW fsub_s_dyn, 0xffffffff80800000, 0xffffffff80800000, 0xffffffff00000000, 0x00, 0, 11
    ROW fsub_s_dyn, 0xffffffff80800000, 0xffffffff80800000, 0xffffffff80000000, 0x00, 2, 11
    ROW fsub_s_dyn, 0xffffffff80800000, 0xffffffff80800000, 0xffffffff00000000, 0x00, 3, 11
    ROW fsub_s_rne, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0xffffffff00000000, 0x00, 0, 11
    ROW fsub_s_rtz, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0xffffffff00000000, 0x00, 0, 11
    ROW fsub_s_rdn, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0xffffffff80000000, 0x00, 0, 11
    ROW fsub_s_rup, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0xffffffff00000000, 0x00, 0, 11
    ROW fsub_s_rmm, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0xffffffff00000000, 0x00, 0, 11
    ROW fsub_s_dyn, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0xffffffff00000000, 0x00, 0, 11
    ROW fsub_s_dyn, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0xffffffff80000000, 0x00, 2, 11
    ROW fsub_s_dyn, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0xffffffff00000000, 0x00, 3, 11
    ROW fadd_s_rne, 0xffffffff00000000, 0xffffffff80000000, 0xffffffff00000000, 0x00, 0, 11
    ROW fadd_s_rtz, 0xffffffff00000000, 0xffffffff80000000, 0xffffffff00000000, 0x00, 0, 11
    ROW fadd_s_rdn, 0xffffffff00000000, 0xffffffff80000000, 0xffffffff80000000, 0x00, 0, 11
    ROW fadd_s_rup, 0xffffffff00000000, 0xffffffff80000000, 0xffffffff00000000, 0x00, 0, 11
    ROW fadd_s_rmm, 0xffffffff00000000, 0xffffffff80000000, 0xffffffff00000000, 0x00, 0, 11
    ROW fadd_s_dyn, 0xffffffff00000000, 0xffffffff80000000, 0xffffffff00000000, 0x00, 0, 11
    ROW fadd_s_dyn, 0xffffffff00000000, 0xffffffff80000000, 0xffffffff80000000, 0x00, 2, 11
    ROW fadd_s_dyn, 0xffffffff00000000, 0xffffffff80000000, 0xffffffff00000000, 0x00, 3, 11
    ROW fadd_s_rne, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0x00, 0, 11
    ROW fadd_s_rtz, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0x00, 0, 11
    ROW fadd_s_rdn, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0x00, 0, 11
    ROW fadd_s_rup, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0x00, 0, 11
    ROW fadd_s_rmm, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0x00, 0, 11
    ROW fadd_s_dyn, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0x00, 0, 11
    ROW fadd_s_dyn, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0x00, 2, 11
    ROW fadd_s_dyn, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0x00, 3, 11
    ROW fsub_s_rne, 0xffffffff80000000, 0xffffffff00000000, 0xffffffff80000000, 0x00, 0, 11
    ROW fsub_s_rtz, 0xffffffff80000000, 0xffffffff00000000, 0xffffffff80000000, 0x00, 0, 11
    ROW fsub_s_rdn, 0xffffffff80000000, 0xffffffff00000000, 0xffffffff80000000, 0x00, 0, 11
    ROW fsub_s_rup, 0xffffffff80000000, 0xffffffff00000000, 0xffffffff80000000, 0x00, 0, 11
    ROW fsub_s_rmm, 0xffffffff80000000, 0xffffffff00000000, 0xffffffff80000000, 0x00, 0, 11
    ROW fsub_s_dyn, 0xffffffff80000000, 0xffffffff00000000, 0xffffffff80000000, 0x00, 0, 11
    ROW fsub_s_dyn, 0xffffffff80000000, 0xffffffff00000000, 0xffffffff80000000, 0x00, 2, 11
    ROW fsub_s_dyn, 0xffffffff80000000, 0xffffffff00000000, 0xffffffff80000000, 0x00, 3, 11
    ROW fsub_s_rne, 0xffffffff00000000, 0xffffffff00000000, 0xffffffff00000000, 0x00, 0, 11
    ROW fsub_s_rtz, 0xffffffff00000000, 0xffffffff00000000, 0xffffffff00000000, 0x00, 0, 11
    ROW fsub_s_rdn, 0xffffffff00000000, 0xffffffff00000000, 0xffffffff80000000, 0x00, 0, 11
    ROW fsub_s_rup, 0xffffffff00000000, 0xffffffff00000000, 0xffffffff00000000, 0x00, 0, 11
    ROW fsub_s_rmm, 0xffffffff00000000, 0xffffffff00000000, 0xffffffff00000000, 0x00, 0, 11
    ROW fsub_s_dyn, 0xffffffff00000000, 0xffffffff00000000, 0xffffffff00000000, 0x00, 0, 11
    ROW fsub_s_dyn, 0xffffffff00000000, 0xffffffff00000000, 0xffffffff80000000, 0x00, 2, 11
    ROW fsub_s_dyn, 0xffffffff00000000, 0xffffffff00000000, 0xffffffff00000000, 0x00, 3, 11
    ROW fadd_s_rne, 0xffffffff00000000, 0xffffffff00000000, 0xffffffff00000000, 0x00, 0, 11
    ROW fadd_s_rtz, 0xffffffff00000000, 0xffffffff00000000, 0xffffffff00000000, 0x00, 0, 11
    ROW fadd_s_rdn, 0xffffffff00000000, 0xffffffff00000000, 0xffffffff00000000, 0x00, 0, 11
    ROW fadd_s_rup, 0xffffffff00000000, 0xffffffff00000000, 0xffffffff00000000, 0x00, 0, 11
    ROW fadd_s_rmm, 0xffffffff00000000, 0xffffffff00000000, 0xffffffff00000000, 0x00, 0, 11
    ROW fadd_s_dyn, 0xffffffff00000000, 0xffffffff00000000, 0xffffffff00000000, 0x00, 0, 11
    ROW fadd_s_dyn, 0xffffffff00000000, 0xffffffff00000000, 0xffffffff00000000, 0x00, 2, 11
    ROW fadd_s_dyn, 0xffffffff00000000, 0xffffffff00000000, 0xffffffff00000000, 0x00, 3, 11
/* 12: single precision, overflow */
    ROW fmul_s_rne, 0xffffffff7f7fffff, 0xffffffff40000000, 0xffffffff7f800000, 0x05, 0, 12
    ROW fmul_s_rtz, 0xffffffff7f7fffff, 0xffffffff40000000, 0xffffffff7f7fffff, 0x05, 0, 12
    ROW fmul_s_rdn, 0xffffffff7f7fffff, 0xffffffff40000000, 0xffffffff7f7fffff, 0x05, 0, 12
    ROW fmul_s_rup, 0xffffffff7f7fffff, 0xffffffff40000000, 0xffffffff7f800000, 0x05, 0, 12
    ROW fmul_s_rmm, 0xffffffff7f7fffff, 0xffffffff40000000, 0xffffffff7f800000, 0x05, 0, 12
    ROW fmul_s_dyn, 0xffffffff7f7fffff, 0xffffffff40000000, 0xffffffff7f800000, 0x05, 0, 12
    ROW fmul_s_dyn, 0xffffffff7f7fffff, 0xffffffff40000000, 0xffffffff7f7fffff, 0x05, 1, 12
    ROW fadd_s_rne, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0xffffffff7f800000, 0x05, 0, 12
    ROW fadd_s_rtz, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0x05, 0, 12
    ROW fadd_s_rdn, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0x05, 0, 12
    ROW fadd_s_rup, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0xffffffff7f800000, 0x05, 0, 12
    ROW fadd_s_rmm, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0xffffffff7f800000, 0x05, 0, 12
    ROW fadd_s_dyn, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0xffffffff7f800000, 0x05, 0, 12
    ROW fadd_s_dyn, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0x05, 1, 12
    ROW fmul_s_rne, 0xffffffffff7fffff, 0xffffffff3fc00000, 0xffffffffff800000, 0x05, 0, 12
    ROW fmul_s_rtz, 0xffffffffff7fffff, 0xffffffff3fc00000, 0xffffffffff7fffff, 0x05, 0, 12
    ROW fmul_s_rdn, 0xffffffffff7fffff, 0xffffffff3fc00000, 0xffffffffff800000, 0x05, 0, 12
    ROW fmul_s_rup, 0xffffffffff7fffff, 0xffffffff3fc00000, 0xffffffffff7fffff, 0x05, 0, 12
    ROW fmul_s_rmm, 0xffffffffff7fffff, 0xffffffff3fc00000, 0xffffffffff800000, 0x05, 0, 12
    ROW fmul_s_dyn, 0xffffffffff7fffff, 0xffffffff3fc00000, 0xffffffffff800000, 0x05, 0, 12
    ROW fmul_s_dyn, 0xffffffffff7fffff, 0xffffffff3fc00000, 0xffffffffff7fffff, 0x05, 1, 12
    ROW fdiv_s_rne, 0xffffffff7f7fffff, 0xffffffff3f000000, 0xffffffff7f800000, 0x05, 0, 12
    ROW fdiv_s_rtz, 0xffffffff7f7fffff, 0xffffffff3f000000, 0xffffffff7f7fffff, 0x05, 0, 12
    ROW fdiv_s_rdn, 0xffffffff7f7fffff, 0xffffffff3f000000, 0xffffffff7f7fffff, 0x05, 0, 12
    ROW fdiv_s_rup, 0xffffffff7f7fffff, 0xffffffff3f000000, 0xffffffff7f800000, 0x05, 0, 12
    ROW fdiv_s_rmm, 0xffffffff7f7fffff, 0xffffffff3f000000, 0xffffffff7f800000, 0x05, 0, 12
    ROW fdiv_s_dyn, 0xffffffff7f7fffff, 0xffffffff3f000000, 0xffffffff7f800000, 0x05, 0, 12
    ROW fdiv_s_dyn, 0xffffffff7f7fffff, 0xffffffff3f000000, 0xffffffff7f7fffff, 0x05, 1, 12
    ROW fdiv_s_rne, 0xffffffff7f000000, 0xffffffff3a800000, 0xffffffff7f800000, 0x05, 0, 12
    ROW fdiv_s_rtz, 0xffffffff7f000000, 0xffffffff3a800000, 0xffffffff7f7fffff, 0x05, 0, 12
    ROW fdiv_s_rdn, 0xffffffff7f000000, 0xffffffff3a800000, 0xffffffff7f7fffff, 0x05, 0, 12
    ROW fdiv_s_rup, 0xffffffff7f000000, 0xffffffff3a800000, 0xffffffff7f800000, 0x05, 0, 12
    ROW fdiv_s_rmm, 0xffffffff7f000000, 0xffffffff3a800000, 0xffffffff7f800000, 0x05, 0, 12
    ROW fdiv_s_dyn, 0xffffffff7f000000, 0xffffffff3a800000, 0xffffffff7f800000, 0x05, 0, 12
    ROW fdiv_s_dyn, 0xffffffff7f000000, 0xffffffff3a800000, 0xffffffff7f7fffff, 0x05, 1, 12
    ROW fadd_s_rne, 0xffffffff7f7fffff, 0xffffffff73000000, 0xffffffff7f800000, 0x05, 0, 12
    ROW fadd_s_rtz, 0xffffffff7f7fffff, 0xffffffff73000000, 0xffffffff7f7fffff, 0x01, 0, 12
    ROW fadd_s_rdn, 0xffffffff7f7fffff, 0xffffffff73000000, 0xffffffff7f7fffff, 0x01, 0, 12
    ROW fadd_s_rup, 0xffffffff7f7fffff, 0xffffffff73000000, 0xffffffff7f800000, 0x05, 0, 12
    ROW fadd_s_rmm, 0xffffffff7f7fffff, 0xffffffff73000000, 0xffffffff7f800000, 0x05, 0, 12
    ROW fadd_s_dyn, 0xffffffff7f7fffff, 0xffffffff73000000, 0xffffffff7f800000, 0x05, 0, 12
    ROW fadd_s_dyn, 0xffffffff7f7fffff, 0xffffffff73000000, 0xffffffff7f7fffff, 0x01, 1, 12
    ROW fadd_s_rne, 0xffffffff7f7fffff, 0xffffffff72800000, 0xffffffff7f7fffff, 0x01, 0, 12
    ROW fadd_s_rtz, 0xffffffff7f7fffff, 0xffffffff72800000, 0xffffffff7f7fffff, 0x01, 0, 12
    ROW fadd_s_rdn, 0xffffffff7f7fffff, 0xffffffff72800000, 0xffffffff7f7fffff, 0x01, 0, 12
    ROW fadd_s_rup, 0xffffffff7f7fffff, 0xffffffff72800000, 0xffffffff7f800000, 0x05, 0, 12
    ROW fadd_s_rmm, 0xffffffff7f7fffff, 0xffffffff72800000, 0xffffffff7f7fffff, 0x01, 0, 12
    ROW fadd_s_dyn, 0xffffffff7f7fffff, 0xffffffff72800000, 0xffffffff7f7fffff, 0x01, 0, 12
    ROW fadd_s_dyn, 0xffffffff7f7fffff, 0xffffffff72800000, 0xffffffff7f7fffff, 0x01, 1, 12
    ROW fmul_s_rne, 0xffffffff7f7fffff, 0xffffffff3f800001, 0xffffffff7f800000, 0x05, 0, 12
    ROW fmul_s_rtz, 0xffffffff7f7fffff, 0xffffffff3f800001, 0xffffffff7f7fffff, 0x05, 0, 12
    ROW fmul_s_rdn, 0xffffffff7f7fffff, 0xffffffff3f800001, 0xffffffff7f7fffff, 0x05, 0, 12
    ROW fmul_s_rup, 0xffffffff7f7fffff, 0xffffffff3f800001, 0xffffffff7f800000, 0x05, 0, 12
    ROW fmul_s_rmm, 0xffffffff7f7fffff, 0xffffffff3f800001, 0xffffffff7f800000, 0x05, 0, 12
    ROW fmul_s_dyn, 0xffffffff7f7fffff, 0xffffffff3f800001, 0xffffffff7f800000, 0x05, 0, 12
    ROW fmul_s_dyn, 0xffffffff7f7fffff, 0xffffffff3f800001, 0xffffffff7f7fffff, 0x05, 1, 12
    ROW fmul_s_rne, 0xffffffff7f000000, 0xffffffff3fc00000, 0xffffffff7f400000, 0x00, 0, 12
    ROW fmul_s_rtz, 0xffffffff7f000000, 0xffffffff3fc00000, 0xffffffff7f400000, 0x00, 0, 12
    ROW fmul_s_rdn, 0xffffffff7f000000, 0xffffffff3fc00000, 0xffffffff7f400000, 0x00, 0, 12
    ROW fmul_s_rup, 0xffffffff7f000000, 0xffffffff3fc00000, 0xffffffff7f400000, 0x00, 0, 12
    ROW fmul_s_rmm, 0xffffffff7f000000, 0xffffffff3fc00000, 0xffffffff7f400000, 0x00, 0, 12
    ROW fmul_s_dyn, 0xffffffff7f000000, 0xffffffff3fc00000, 0xffffffff7f400000, 0x00, 0, 12
    ROW fmul_s_dyn, 0xffffffff7f000000, 0xffffffff3fc00000, 0xffffffff7f400000, 0x00, 1, 12
    ROW fsub_s_rne, 0xffffffffff7fffff, 0xffffffff7f7fffff, 0xffffffffff800000, 0x05, 0, 12
    ROW fsub_s_rtz, 0xffffffffff7fffff, 0xffffffff7f7fffff, 0xffffffffff7fffff, 0x05, 0, 12
    ROW fsub_s_rdn, 0xffffffffff7fffff, 0xffffffff7f7fffff, 0xffffffffff800000, 0x05, 0, 12
    ROW fsub_s_rup, 0xffffffffff7fffff, 0xffffffff7f7fffff, 0xffffffffff7fffff, 0x05, 0, 12
    ROW fsub_s_rmm, 0xffffffffff7fffff, 0xffffffff7f7fffff, 0xffffffffff800000, 0x05, 0, 12
    ROW fsub_s_dyn, 0xffffffffff7fffff, 0xffffffff7f7fffff, 0xffffffffff800000, 0x05, 0, 12
    ROW fsub_s_dyn, 0xffffffffff7fffff, 0xffffffff7f7fffff, 0xffffffffff7fffff, 0x05, 1, 12
/* 13: single precision, division by zero */
    ROW fdiv_s_rne, 0xffffffff3f800000, 0xffffffff00000000, 0xffffffff7f800000, 0x08, 0, 13
    ROW fdiv_s_dyn, 0xffffffff3f800000, 0xffffffff00000000, 0xffffffff7f800000, 0x08, 0, 13
    ROW fdiv_s_rne, 0xffffffffbf800000, 0xffffffff00000000, 0xffffffffff800000, 0x08, 0, 13
    ROW fdiv_s_dyn, 0xffffffffbf800000, 0xffffffff00000000, 0xffffffffff800000, 0x08, 0, 13
    ROW fdiv_s_rne, 0xffffffff3f800000, 0xffffffff80000000, 0xffffffffff800000, 0x08, 0, 13
    ROW fdiv_s_dyn, 0xffffffff3f800000, 0xffffffff80000000, 0xffffffffff800000, 0x08, 0, 13
    ROW fdiv_s_rne, 0xffffffff7f7fffff, 0xffffffff80000000, 0xffffffffff800000, 0x08, 0, 13
    ROW fdiv_s_dyn, 0xffffffff7f7fffff, 0xffffffff80000000, 0xffffffffff800000, 0x08, 0, 13
    ROW fdiv_s_rne, 0xffffffff00800000, 0xffffffff00000000, 0xffffffff7f800000, 0x08, 0, 13
    ROW fdiv_s_dyn, 0xffffffff00800000, 0xffffffff00000000, 0xffffffff7f800000, 0x08, 0, 13
    ROW fdiv_s_rne, 0xffffffff00000001, 0xffffffff00000000, 0xffffffff7f800000, 0x08, 0, 13
    ROW fdiv_s_dyn, 0xffffffff00000001, 0xffffffff00000000, 0xffffffff7f800000, 0x08, 0, 13
    ROW fdiv_s_rne, 0xffffffff7f800000, 0xffffffff00000000, 0xffffffff7f800000, 0x00, 0, 13
    ROW fdiv_s_dyn, 0xffffffff7f800000, 0xffffffff00000000, 0xffffffff7f800000, 0x00, 0, 13
    ROW fdiv_s_rne, 0xffffffff7f800000, 0xffffffff80000000, 0xffffffffff800000, 0x00, 0, 13
    ROW fdiv_s_dyn, 0xffffffff7f800000, 0xffffffff80000000, 0xffffffffff800000, 0x00, 0, 13
/* 14: single precision, invalid operations */
    ROW fdiv_s_rne, 0xffffffff00000000, 0xffffffff00000000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fdiv_s_dyn, 0xffffffff00000000, 0xffffffff00000000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fdiv_s_rne, 0xffffffff80000000, 0xffffffff00000000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fdiv_s_dyn, 0xffffffff80000000, 0xffffffff00000000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fdiv_s_rne, 0xffffffff7f800000, 0xffffffffff800000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fdiv_s_dyn, 0xffffffff7f800000, 0xffffffffff800000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fsub_s_rne, 0xffffffff7f800000, 0xffffffff7f800000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fsub_s_dyn, 0xffffffff7f800000, 0xffffffff7f800000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fadd_s_rne, 0xffffffffff800000, 0xffffffff7f800000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fadd_s_dyn, 0xffffffffff800000, 0xffffffff7f800000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fmul_s_rne, 0xffffffff00000000, 0xffffffff7f800000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fmul_s_dyn, 0xffffffff00000000, 0xffffffff7f800000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fmul_s_rne, 0xffffffffff800000, 0xffffffff80000000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fmul_s_dyn, 0xffffffffff800000, 0xffffffff80000000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fsqrt_s_rne, 0xffffffffbf800000, 0xffffffff00000000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fsqrt_s_dyn, 0xffffffffbf800000, 0xffffffff00000000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fsqrt_s_rne, 0xffffffff80800000, 0xffffffff00000000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fsqrt_s_dyn, 0xffffffff80800000, 0xffffffff00000000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fsqrt_s_rne, 0xffffffffff800000, 0xffffffff00000000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fsqrt_s_dyn, 0xffffffffff800000, 0xffffffff00000000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fsqrt_s_rne, 0xffffffff80000001, 0xffffffff00000000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fsqrt_s_dyn, 0xffffffff80000001, 0xffffffff00000000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fsqrt_s_rne, 0xffffffffff7fffff, 0xffffffff00000000, 0xffffffff7fc00000, 0x10, 0, 14
    ROW fsqrt_s_dyn, 0xffffffffff7fffff, 0xffffffff00000000, 0xffffffff7fc00000, 0x10, 0, 14
/* 15: single precision, fsqrt */
    ROW fsqrt_s_rne, 0xffffffff00000000, 0xffffffff00000000, 0xffffffff00000000, 0x00, 0, 15
    ROW fsqrt_s_dyn, 0xffffffff00000000, 0xffffffff00000000, 0xffffffff00000000, 0x00, 0, 15
    ROW fsqrt_s_rup, 0xffffffff00000000, 0xffffffff00000000, 0xffffffff00000000, 0x00, 0, 15
    ROW fsqrt_s_rne, 0xffffffff80000000, 0xffffffff00000000, 0xffffffff80000000, 0x00, 0, 15
    ROW fsqrt_s_dyn, 0xffffffff80000000, 0xffffffff00000000, 0xffffffff80000000, 0x00, 0, 15
    ROW fsqrt_s_rup, 0xffffffff80000000, 0xffffffff00000000, 0xffffffff80000000, 0x00, 0, 15
    ROW fsqrt_s_rne, 0xffffffff7f800000, 0xffffffff00000000, 0xffffffff7f800000, 0x00, 0, 15
    ROW fsqrt_s_dyn, 0xffffffff7f800000, 0xffffffff00000000, 0xffffffff7f800000, 0x00, 0, 15
    ROW fsqrt_s_rup, 0xffffffff7f800000, 0xffffffff00000000, 0xffffffff7f800000, 0x00, 0, 15
    ROW fsqrt_s_rne, 0xffffffff00800000, 0xffffffff00000000, 0xffffffff20000000, 0x00, 0, 15
    ROW fsqrt_s_dyn, 0xffffffff00800000, 0xffffffff00000000, 0xffffffff20000000, 0x00, 0, 15
    ROW fsqrt_s_rup, 0xffffffff00800000, 0xffffffff00000000, 0xffffffff20000000, 0x00, 0, 15
    ROW fsqrt_s_rne, 0xffffffff01000000, 0xffffffff00000000, 0xffffffff203504f3, 0x01, 0, 15
    ROW fsqrt_s_dyn, 0xffffffff01000000, 0xffffffff00000000, 0xffffffff203504f3, 0x01, 0, 15
    ROW fsqrt_s_rup, 0xffffffff01000000, 0xffffffff00000000, 0xffffffff203504f4, 0x01, 0, 15
    ROW fsqrt_s_rne, 0xffffffff00000001, 0xffffffff00000000, 0xffffffff1a3504f3, 0x01, 0, 15
    ROW fsqrt_s_dyn, 0xffffffff00000001, 0xffffffff00000000, 0xffffffff1a3504f3, 0x01, 0, 15
    ROW fsqrt_s_rup, 0xffffffff00000001, 0xffffffff00000000, 0xffffffff1a3504f4, 0x01, 0, 15
    ROW fsqrt_s_rne, 0xffffffff007fffff, 0xffffffff00000000, 0xffffffff1fffffff, 0x01, 0, 15
    ROW fsqrt_s_dyn, 0xffffffff007fffff, 0xffffffff00000000, 0xffffffff1fffffff, 0x01, 0, 15
    ROW fsqrt_s_rup, 0xffffffff007fffff, 0xffffffff00000000, 0xffffffff1fffffff, 0x01, 0, 15
    ROW fsqrt_s_rne, 0xffffffff7f7fffff, 0xffffffff00000000, 0xffffffff5f7fffff, 0x01, 0, 15
    ROW fsqrt_s_dyn, 0xffffffff7f7fffff, 0xffffffff00000000, 0xffffffff5f7fffff, 0x01, 0, 15
    ROW fsqrt_s_rup, 0xffffffff7f7fffff, 0xffffffff00000000, 0xffffffff5f800000, 0x01, 0, 15
    ROW fsqrt_s_rne, 0xffffffff3f7fffff, 0xffffffff00000000, 0xffffffff3f7fffff, 0x01, 0, 15
    ROW fsqrt_s_dyn, 0xffffffff3f7fffff, 0xffffffff00000000, 0xffffffff3f7fffff, 0x01, 0, 15
    ROW fsqrt_s_rup, 0xffffffff3f7fffff, 0xffffffff00000000, 0xffffffff3f800000, 0x01, 0, 15
    ROW fsqrt_s_rne, 0xffffffff3e800000, 0xffffffff00000000, 0xffffffff3f000000, 0x00, 0, 15
    ROW fsqrt_s_dyn, 0xffffffff3e800000, 0xffffffff00000000, 0xffffffff3f000000, 0x00, 0, 15
    ROW fsqrt_s_rup, 0xffffffff3e800000, 0xffffffff00000000, 0xffffffff3f000000, 0x00, 0, 15
/* 16: single precision, subnormal operands */
    ROW fadd_s_rne, 0xffffffff00000001, 0xffffffff3f800000, 0xffffffff3f800000, 0x01, 0, 16
    ROW fadd_s_dyn, 0xffffffff00000001, 0xffffffff3f800000, 0xffffffff3f800000, 0x01, 0, 16
    ROW fadd_s_rne, 0xffffffff00000001, 0xffffffff00000001, 0xffffffff00000002, 0x00, 0, 16
    ROW fadd_s_dyn, 0xffffffff00000001, 0xffffffff00000001, 0xffffffff00000002, 0x00, 0, 16
    ROW fadd_s_rne, 0xffffffff007fffff, 0xffffffff00000001, 0xffffffff00800000, 0x00, 0, 16
    ROW fadd_s_dyn, 0xffffffff007fffff, 0xffffffff00000001, 0xffffffff00800000, 0x00, 0, 16
    ROW fsub_s_rne, 0xffffffff007fffff, 0xffffffff00800000, 0xffffffff80000001, 0x00, 0, 16
    ROW fsub_s_dyn, 0xffffffff007fffff, 0xffffffff00800000, 0xffffffff80000001, 0x00, 0, 16
    ROW fmul_s_rne, 0xffffffff00000001, 0xffffffff4d800000, 0xffffffff03000000, 0x00, 0, 16
    ROW fmul_s_dyn, 0xffffffff00000001, 0xffffffff4d800000, 0xffffffff03000000, 0x00, 0, 16
    ROW fmul_s_rne, 0xffffffff007fffff, 0xffffffff40400000, 0xffffffff013ffffe, 0x01, 0, 16
    ROW fmul_s_dyn, 0xffffffff007fffff, 0xffffffff40400000, 0xffffffff013ffffe, 0x01, 0, 16
    ROW fmul_s_rne, 0xffffffff44800000, 0xffffffff00000001, 0xffffffff00000400, 0x00, 0, 16
    ROW fmul_s_dyn, 0xffffffff44800000, 0xffffffff00000001, 0xffffffff00000400, 0x00, 0, 16
    ROW fdiv_s_rne, 0xffffffff007fffff, 0xffffffff3e800000, 0xffffffff017ffffe, 0x00, 0, 16
    ROW fdiv_s_dyn, 0xffffffff007fffff, 0xffffffff3e800000, 0xffffffff017ffffe, 0x00, 0, 16
    ROW fdiv_s_rne, 0xffffffff3f800000, 0xffffffff007fffff, 0xffffffff7e800001, 0x01, 0, 16
    ROW fdiv_s_dyn, 0xffffffff3f800000, 0xffffffff007fffff, 0xffffffff7e800001, 0x01, 0, 16
    ROW fdiv_s_rne, 0xffffffff00000001, 0xffffffff3e000000, 0xffffffff00000008, 0x00, 0, 16
    ROW fdiv_s_dyn, 0xffffffff00000001, 0xffffffff3e000000, 0xffffffff00000008, 0x00, 0, 16
    ROW fdiv_s_rne, 0xffffffff00000001, 0xffffffff007fffff, 0xffffffff34000001, 0x01, 0, 16
    ROW fdiv_s_dyn, 0xffffffff00000001, 0xffffffff007fffff, 0xffffffff34000001, 0x01, 0, 16
    ROW fmul_s_rne, 0xffffffff00000001, 0xffffffff3f000000, 0xffffffff00000000, 0x03, 0, 16
    ROW fmul_s_dyn, 0xffffffff00000001, 0xffffffff3f000000, 0xffffffff00000000, 0x03, 0, 16
    ROW fadd_s_rne, 0xffffffff80000003, 0xffffffff007fffff, 0xffffffff007ffffc, 0x00, 0, 16
    ROW fadd_s_dyn, 0xffffffff80000003, 0xffffffff007fffff, 0xffffffff007ffffc, 0x00, 0, 16
/* 17: single precision, infinite operands */
    ROW fadd_s_rne, 0xffffffff7f800000, 0xffffffff3f800000, 0xffffffff7f800000, 0x00, 0, 17
    ROW fadd_s_dyn, 0xffffffff7f800000, 0xffffffff3f800000, 0xffffffff7f800000, 0x00, 0, 17
    ROW fadd_s_rne, 0xffffffffff7fffff, 0xffffffffff800000, 0xffffffffff800000, 0x00, 0, 17
    ROW fadd_s_dyn, 0xffffffffff7fffff, 0xffffffffff800000, 0xffffffffff800000, 0x00, 0, 17
    ROW fsub_s_rne, 0xffffffff3f800000, 0xffffffff7f800000, 0xffffffffff800000, 0x00, 0, 17
    ROW fsub_s_dyn, 0xffffffff3f800000, 0xffffffff7f800000, 0xffffffffff800000, 0x00, 0, 17
    ROW fmul_s_rne, 0xffffffff7f800000, 0xffffffffc0000000, 0xffffffffff800000, 0x00, 0, 17
    ROW fmul_s_dyn, 0xffffffff7f800000, 0xffffffffc0000000, 0xffffffffff800000, 0x00, 0, 17
    ROW fmul_s_rne, 0xffffffff7f800000, 0xffffffff7f800000, 0xffffffff7f800000, 0x00, 0, 17
    ROW fmul_s_dyn, 0xffffffff7f800000, 0xffffffff7f800000, 0xffffffff7f800000, 0x00, 0, 17
    ROW fdiv_s_rne, 0xffffffff3f800000, 0xffffffff7f800000, 0xffffffff00000000, 0x00, 0, 17
    ROW fdiv_s_dyn, 0xffffffff3f800000, 0xffffffff7f800000, 0xffffffff00000000, 0x00, 0, 17
    ROW fdiv_s_rne, 0xffffffffff800000, 0xffffffff40400000, 0xffffffffff800000, 0x00, 0, 17
    ROW fdiv_s_dyn, 0xffffffffff800000, 0xffffffff40400000, 0xffffffffff800000, 0x00, 0, 17
    ROW fdiv_s_rne, 0xffffffff80000000, 0xffffffff7f800000, 0xffffffff80000000, 0x00, 0, 17
    ROW fdiv_s_dyn, 0xffffffff80000000, 0xffffffff7f800000, 0xffffffff80000000, 0x00, 0, 17
    ROW fadd_s_rne, 0xffffffff7f800000, 0xffffffff7f800000, 0xffffffff7f800000, 0x00, 0, 17
    ROW fadd_s_dyn, 0xffffffff7f800000, 0xffffffff7f800000, 0xffffffff7f800000, 0x00, 0, 17
    ROW fsub_s_rne, 0xffffffff7f800000, 0xffffffffff800000, 0xffffffff7f800000, 0x00, 0, 17
    ROW fsub_s_dyn, 0xffffffff7f800000, 0xffffffffff800000, 0xffffffff7f800000, 0x00, 0, 17
/* 18: single precision, quiet NaN operands */
    ROW fadd_s_rne, 0xffffffff7fc00000, 0xffffffff3f800000, 0xffffffff7fc00000, 0x00, 0, 18
    ROW fadd_s_dyn, 0xffffffff7fc00000, 0xffffffff3f800000, 0xffffffff7fc00000, 0x00, 0, 18
    ROW fsub_s_rne, 0xffffffff3f800000, 0xffffffff7fc12345, 0xffffffff7fc00000, 0x00, 0, 18
    ROW fsub_s_dyn, 0xffffffff3f800000, 0xffffffff7fc12345, 0xffffffff7fc00000, 0x00, 0, 18
    ROW fmul_s_rne, 0xffffffff7fc12345, 0xffffffff00000000, 0xffffffff7fc00000, 0x00, 0, 18
    ROW fmul_s_dyn, 0xffffffff7fc12345, 0xffffffff00000000, 0xffffffff7fc00000, 0x00, 0, 18
    ROW fdiv_s_rne, 0xffffffff7fc00000, 0xffffffff00000000, 0xffffffff7fc00000, 0x00, 0, 18
    ROW fdiv_s_dyn, 0xffffffff7fc00000, 0xffffffff00000000, 0xffffffff7fc00000, 0x00, 0, 18
    ROW fdiv_s_rne, 0xffffffff00000000, 0xffffffff7fc00000, 0xffffffff7fc00000, 0x00, 0, 18
    ROW fdiv_s_dyn, 0xffffffff00000000, 0xffffffff7fc00000, 0xffffffff7fc00000, 0x00, 0, 18
    ROW fmul_s_rne, 0xffffffff7f800000, 0xffffffffffc00001, 0xffffffff7fc00000, 0x00, 0, 18
    ROW fmul_s_dyn, 0xffffffff7f800000, 0xffffffffffc00001, 0xffffffff7fc00000, 0x00, 0, 18
    ROW fsqrt_s_rne, 0xffffffff7fc12345, 0xffffffff00000000, 0xffffffff7fc00000, 0x00, 0, 18
    ROW fsqrt_s_dyn, 0xffffffff7fc12345, 0xffffffff00000000, 0xffffffff7fc00000, 0x00, 0, 18
    ROW fadd_s_rne, 0xffffffff7fc00000, 0xffffffff7fc12345, 0xffffffff7fc00000, 0x00, 0, 18
    ROW fadd_s_dyn, 0xffffffff7fc00000, 0xffffffff7fc12345, 0xffffffff7fc00000, 0x00, 0, 18
/* 19: single precision, signalling NaN operands */
    ROW fadd_s_rne, 0xffffffff7f800001, 0xffffffff3f800000, 0xffffffff7fc00000, 0x10, 0, 19
    ROW fadd_s_dyn, 0xffffffff7f800001, 0xffffffff3f800000, 0xffffffff7fc00000, 0x10, 0, 19
    ROW fsub_s_rne, 0xffffffff3f800000, 0xffffffffff802345, 0xffffffff7fc00000, 0x10, 0, 19
    ROW fsub_s_dyn, 0xffffffff3f800000, 0xffffffffff802345, 0xffffffff7fc00000, 0x10, 0, 19
    ROW fmul_s_rne, 0xffffffff7f800001, 0xffffffff00000000, 0xffffffff7fc00000, 0x10, 0, 19
    ROW fmul_s_dyn, 0xffffffff7f800001, 0xffffffff00000000, 0xffffffff7fc00000, 0x10, 0, 19
    ROW fdiv_s_rne, 0xffffffff00000000, 0xffffffff7f800001, 0xffffffff7fc00000, 0x10, 0, 19
    ROW fdiv_s_dyn, 0xffffffff00000000, 0xffffffff7f800001, 0xffffffff7fc00000, 0x10, 0, 19
    ROW fdiv_s_rne, 0xffffffffff802345, 0xffffffff7fc00000, 0xffffffff7fc00000, 0x10, 0, 19
    ROW fdiv_s_dyn, 0xffffffffff802345, 0xffffffff7fc00000, 0xffffffff7fc00000, 0x10, 0, 19
    ROW fsqrt_s_rne, 0xffffffff7f800001, 0xffffffff00000000, 0xffffffff7fc00000, 0x10, 0, 19
    ROW fsqrt_s_dyn, 0xffffffff7f800001, 0xffffffff00000000, 0xffffffff7fc00000, 0x10, 0, 19
    ROW fsqrt_s_rne, 0xffffffffff802345, 0xffffffff00000000, 0xffffffff7fc00000, 0x10, 0, 19
    ROW fsqrt_s_dyn, 0xffffffffff802345, 0xffffffff00000000, 0xffffffff7fc00000, 0x10, 0, 19
    ROW fmul_s_rne, 0xffffffff7f800000, 0xffffffff7f800001, 0xffffffff7fc00000, 0x10, 0, 19
    ROW fmul_s_dyn, 0xffffffff7f800000, 0xffffffff7f800001, 0xffffffff7fc00000, 0x10, 0, 19
    ROW fadd_s_rne, 0xffffffff7fc00000, 0xffffffff7f800001, 0xffffffff7fc00000, 0x10, 0, 19
    ROW fadd_s_dyn, 0xffffffff7fc00000, 0xffffffff7f800001, 0xffffffff7fc00000, 0x10, 0, 19
/* 20: single precision, NaN-boxing */
    ROW fadd_s_rne, 0x000000003f800000, 0xffffffff3f800000, 0xffffffff7fc00000, 0x00, 0, 20
    ROW fadd_s_dyn, 0x000000003f800000, 0xffffffff3f800000, 0xffffffff7fc00000, 0x00, 0, 20
    ROW fadd_s_rne, 0xffffffff3f800000, 0x0000000040000000, 0xffffffff7fc00000, 0x00, 0, 20
    ROW fadd_s_dyn, 0xffffffff3f800000, 0x0000000040000000, 0xffffffff7fc00000, 0x00, 0, 20
    ROW fmul_s_rne, 0x7fffffff3f800000, 0xffffffff00000000, 0xffffffff7fc00000, 0x00, 0, 20
    ROW fmul_s_dyn, 0x7fffffff3f800000, 0xffffffff00000000, 0xffffffff7fc00000, 0x00, 0, 20
    ROW fdiv_s_rne, 0xfffffffe40000000, 0xffffffff3f800000, 0xffffffff7fc00000, 0x00, 0, 20
    ROW fdiv_s_dyn, 0xfffffffe40000000, 0xffffffff3f800000, 0xffffffff7fc00000, 0x00, 0, 20
    ROW fsub_s_rne, 0x0000000100000000, 0xffffffff3f800000, 0xffffffff7fc00000, 0x00, 0, 20
    ROW fsub_s_dyn, 0x0000000100000000, 0xffffffff3f800000, 0xffffffff7fc00000, 0x00, 0, 20
    ROW fsqrt_s_rne, 0x000000003f800000, 0xffffffff00000000, 0xffffffff7fc00000, 0x00, 0, 20
    ROW fsqrt_s_dyn, 0x000000003f800000, 0xffffffff00000000, 0xffffffff7fc00000, 0x00, 0, 20
    ROW fsqrt_s_rne, 0xffffff0040800000, 0xffffffff00000000, 0xffffffff7fc00000, 0x00, 0, 20
    ROW fsqrt_s_dyn, 0xffffff0040800000, 0xffffffff00000000, 0xffffffff7fc00000, 0x00, 0, 20
    ROW fdiv_s_rne, 0xffffffff3f800000, 0x0000000000000000, 0xffffffff7fc00000, 0x00, 0, 20
    ROW fdiv_s_dyn, 0xffffffff3f800000, 0x0000000000000000, 0xffffffff7fc00000, 0x00, 0, 20
    ROW fadd_s_rne, 0x000000007f800001, 0xffffffff3f800000, 0xffffffff7fc00000, 0x00, 0, 20
    ROW fadd_s_dyn, 0x000000007f800001, 0xffffffff3f800000, 0xffffffff7fc00000, 0x00, 0, 20
    ROW fmul_s_rne, 0x7fffffff40000000, 0xffffffff7f800000, 0xffffffff7fc00000, 0x00, 0, 20
    ROW fmul_s_dyn, 0x7fffffff40000000, 0xffffffff7f800000, 0xffffffff7fc00000, 0x00, 0, 20
/* 21: single precision, zero operands of fmul/fdiv */
    ROW fmul_s_rne, 0xffffffff00000000, 0xffffffff40400000, 0xffffffff00000000, 0x00, 0, 21
    ROW fmul_s_dyn, 0xffffffff00000000, 0xffffffff40400000, 0xffffffff00000000, 0x00, 0, 21
    ROW fmul_s_rdn, 0xffffffff00000000, 0xffffffff40400000, 0xffffffff00000000, 0x00, 0, 21
    ROW fmul_s_rne, 0xffffffff80000000, 0xffffffff40400000, 0xffffffff80000000, 0x00, 0, 21
    ROW fmul_s_dyn, 0xffffffff80000000, 0xffffffff40400000, 0xffffffff80000000, 0x00, 0, 21
    ROW fmul_s_rdn, 0xffffffff80000000, 0xffffffff40400000, 0xffffffff80000000, 0x00, 0, 21
    ROW fmul_s_rne, 0xffffffffff7fffff, 0xffffffff00000000, 0xffffffff80000000, 0x00, 0, 21
    ROW fmul_s_dyn, 0xffffffffff7fffff, 0xffffffff00000000, 0xffffffff80000000, 0x00, 0, 21
    ROW fmul_s_rdn, 0xffffffffff7fffff, 0xffffffff00000000, 0xffffffff80000000, 0x00, 0, 21
    ROW fdiv_s_rne, 0xffffffff00000000, 0xffffffffc0e00000, 0xffffffff80000000, 0x00, 0, 21
    ROW fdiv_s_dyn, 0xffffffff00000000, 0xffffffffc0e00000, 0xffffffff80000000, 0x00, 0, 21
    ROW fdiv_s_rdn, 0xffffffff00000000, 0xffffffffc0e00000, 0xffffffff80000000, 0x00, 0, 21
    ROW fdiv_s_rne, 0xffffffff80000000, 0xffffffff00800000, 0xffffffff80000000, 0x00, 0, 21
    ROW fdiv_s_dyn, 0xffffffff80000000, 0xffffffff00800000, 0xffffffff80000000, 0x00, 0, 21
    ROW fdiv_s_rdn, 0xffffffff80000000, 0xffffffff00800000, 0xffffffff80000000, 0x00, 0, 21
    ROW fmul_s_rne, 0xffffffff00000000, 0xffffffff00800000, 0xffffffff00000000, 0x00, 0, 21
    ROW fmul_s_dyn, 0xffffffff00000000, 0xffffffff00800000, 0xffffffff00000000, 0x00, 0, 21
    ROW fmul_s_rdn, 0xffffffff00000000, 0xffffffff00800000, 0xffffffff00000000, 0x00, 0, 21
    ROW fmul_s_rne, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff00000000, 0x00, 0, 21
    ROW fmul_s_dyn, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff00000000, 0x00, 0, 21
    ROW fmul_s_rdn, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff00000000, 0x00, 0, 21
    ROW fdiv_s_rne, 0xffffffff80000000, 0xffffffffff7fffff, 0xffffffff00000000, 0x00, 0, 21
    ROW fdiv_s_dyn, 0xffffffff80000000, 0xffffffffff7fffff, 0xffffffff00000000, 0x00, 0, 21
    ROW fdiv_s_rdn, 0xffffffff80000000, 0xffffffffff7fffff, 0xffffffff00000000, 0x00, 0, 21
/* 101: double precision, ordinary exact results */
    ROW fadd_d_rne, 0x3ff0000000000000, 0x4000000000000000, 0x4008000000000000, 0x00, 0, 101
    ROW fadd_d_dyn, 0x3ff0000000000000, 0x4000000000000000, 0x4008000000000000, 0x00, 0, 101
    ROW fsub_d_rne, 0x4008000000000000, 0x3ff0000000000000, 0x4000000000000000, 0x00, 0, 101
    ROW fsub_d_dyn, 0x4008000000000000, 0x3ff0000000000000, 0x4000000000000000, 0x00, 0, 101
    ROW fmul_d_rne, 0x4008000000000000, 0xc004000000000000, 0xc01e000000000000, 0x00, 0, 101
    ROW fmul_d_dyn, 0x4008000000000000, 0xc004000000000000, 0xc01e000000000000, 0x00, 0, 101
    ROW fdiv_d_rne, 0x4022000000000000, 0xbfe8000000000000, 0xc028000000000000, 0x00, 0, 101
    ROW fdiv_d_dyn, 0x4022000000000000, 0xbfe8000000000000, 0xc028000000000000, 0x00, 0, 101
    ROW fadd_d_rne, 0xbfec000000000000, 0x3fc8000000000000, 0xbfe6000000000000, 0x00, 0, 101
    ROW fadd_d_dyn, 0xbfec000000000000, 0x3fc8000000000000, 0xbfe6000000000000, 0x00, 0, 101
    ROW fmul_d_rne, 0x39b0000000000000, 0x43c8000000000000, 0x3d88000000000000, 0x00, 0, 101
    ROW fmul_d_dyn, 0x39b0000000000000, 0x43c8000000000000, 0x3d88000000000000, 0x00, 0, 101
    ROW fdiv_d_rne, 0x4630000000000000, 0x3eb0000000000000, 0x4770000000000000, 0x00, 0, 101
    ROW fdiv_d_dyn, 0x4630000000000000, 0x3eb0000000000000, 0x4770000000000000, 0x00, 0, 101
    ROW fsqrt_d_rne, 0x4002000000000000, 0x0000000000000000, 0x3ff8000000000000, 0x00, 0, 101
    ROW fsqrt_d_dyn, 0x4002000000000000, 0x0000000000000000, 0x3ff8000000000000, 0x00, 0, 101
    ROW fsqrt_d_rne, 0x3870000000000000, 0x0000000000000000, 0x3c30000000000000, 0x00, 0, 101
    ROW fsqrt_d_dyn, 0x3870000000000000, 0x0000000000000000, 0x3c30000000000000, 0x00, 0, 101
    ROW fadd_d_rne, 0x7fdfffffffffffff, 0x7fdfffffffffffff, 0x7fefffffffffffff, 0x00, 0, 101
    ROW fadd_d_dyn, 0x7fdfffffffffffff, 0x7fdfffffffffffff, 0x7fefffffffffffff, 0x00, 0, 101
/* 102: double precision, ordinary inexact results */
    ROW fadd_d_rne, 0x3ff0000000000000, 0x3ca8000000000000, 0x3ff0000000000001, 0x01, 0, 102
    ROW fadd_d_dyn, 0x3ff0000000000000, 0x3ca8000000000000, 0x3ff0000000000001, 0x01, 0, 102
    ROW fadd_d_rne, 0x3ff0000000000000, 0x3ca8000000000000, 0x3ff0000000000001, 0x01, 3, 102
    ROW fadd_d_rne, 0x3ff0000000000000, 0x3c90000000000000, 0x3ff0000000000000, 0x01, 0, 102
    ROW fadd_d_dyn, 0x3ff0000000000000, 0x3c90000000000000, 0x3ff0000000000000, 0x01, 0, 102
    ROW fadd_d_rne, 0x3ff0000000000000, 0x3c90000000000000, 0x3ff0000000000000, 0x01, 3, 102
    ROW fadd_d_rne, 0x3ff0000000000000, 0x3ca0000000000000, 0x3ff0000000000000, 0x01, 0, 102
    ROW fadd_d_dyn, 0x3ff0000000000000, 0x3ca0000000000000, 0x3ff0000000000000, 0x01, 0, 102
    ROW fadd_d_rne, 0x3ff0000000000000, 0x3ca0000000000000, 0x3ff0000000000000, 0x01, 3, 102
    ROW fsub_d_rne, 0x3ff0000000000000, 0x3c80000000000000, 0x3ff0000000000000, 0x01, 0, 102
    ROW fsub_d_dyn, 0x3ff0000000000000, 0x3c80000000000000, 0x3ff0000000000000, 0x01, 0, 102
    ROW fsub_d_rne, 0x3ff0000000000000, 0x3c80000000000000, 0x3ff0000000000000, 0x01, 3, 102
    ROW fmul_d_rne, 0x3ff0000000000001, 0x3ff0000000000003, 0x3ff0000000000004, 0x01, 0, 102
    ROW fmul_d_dyn, 0x3ff0000000000001, 0x3ff0000000000003, 0x3ff0000000000004, 0x01, 0, 102
    ROW fmul_d_rne, 0x3ff0000000000001, 0x3ff0000000000003, 0x3ff0000000000004, 0x01, 3, 102
    ROW fdiv_d_rne, 0x3ff0000000000000, 0x4008000000000000, 0x3fd5555555555555, 0x01, 0, 102
    ROW fdiv_d_dyn, 0x3ff0000000000000, 0x4008000000000000, 0x3fd5555555555555, 0x01, 0, 102
    ROW fdiv_d_rne, 0x3ff0000000000000, 0x4008000000000000, 0x3fd5555555555555, 0x01, 2, 102
    ROW fdiv_d_rne, 0xc000000000000000, 0x4008000000000000, 0xbfe5555555555555, 0x01, 0, 102
    ROW fdiv_d_dyn, 0xc000000000000000, 0x4008000000000000, 0xbfe5555555555555, 0x01, 0, 102
    ROW fdiv_d_rne, 0xc000000000000000, 0x4008000000000000, 0xbfe5555555555555, 0x01, 2, 102
    ROW fdiv_d_rne, 0x4024000000000000, 0x401c000000000000, 0x3ff6db6db6db6db7, 0x01, 0, 102
    ROW fdiv_d_dyn, 0x4024000000000000, 0x401c000000000000, 0x3ff6db6db6db6db7, 0x01, 0, 102
    ROW fdiv_d_rne, 0x4024000000000000, 0x401c000000000000, 0x3ff6db6db6db6db7, 0x01, 2, 102
    ROW fsqrt_d_rne, 0x4000000000000000, 0x0000000000000000, 0x3ff6a09e667f3bcd, 0x01, 0, 102
    ROW fsqrt_d_dyn, 0x4000000000000000, 0x0000000000000000, 0x3ff6a09e667f3bcd, 0x01, 0, 102
    ROW fsqrt_d_rne, 0x4000000000000000, 0x0000000000000000, 0x3ff6a09e667f3bcd, 0x01, 3, 102
    ROW fsqrt_d_rne, 0x4008000000000000, 0x0000000000000000, 0x3ffbb67ae8584caa, 0x01, 0, 102
    ROW fsqrt_d_dyn, 0x4008000000000000, 0x0000000000000000, 0x3ffbb67ae8584caa, 0x01, 0, 102
    ROW fsqrt_d_rne, 0x4008000000000000, 0x0000000000000000, 0x3ffbb67ae8584caa, 0x01, 3, 102
    ROW fmul_d_rne, 0x7fcfffffffffffff, 0x4008000000000000, 0x7fe7ffffffffffff, 0x01, 0, 102
    ROW fmul_d_dyn, 0x7fcfffffffffffff, 0x4008000000000000, 0x7fe7ffffffffffff, 0x01, 0, 102
    ROW fmul_d_rne, 0x7fcfffffffffffff, 0x4008000000000000, 0x7fe7ffffffffffff, 0x01, 3, 102
    ROW fdiv_d_rne, 0x003c000000000000, 0x4008000000000000, 0x0022aaaaaaaaaaab, 0x01, 0, 102
    ROW fdiv_d_dyn, 0x003c000000000000, 0x4008000000000000, 0x0022aaaaaaaaaaab, 0x01, 0, 102
    ROW fdiv_d_rne, 0x003c000000000000, 0x4008000000000000, 0x0022aaaaaaaaaaab, 0x01, 2, 102
/* 103/104: double precision, rounding modes: static (the first number), dynamic (the second) */
    ROW fadd_d_rne, 0x3ff0000000000000, 0x3ca8000000000000, 0x3ff0000000000001, 0x01, 4, 103
    ROW fadd_d_rtz, 0x3ff0000000000000, 0x3ca8000000000000, 0x3ff0000000000000, 0x01, 0, 103
    ROW fadd_d_dyn, 0x3ff0000000000000, 0x3ca8000000000000, 0x3ff0000000000000, 0x01, 1, 104
    ROW fadd_d_rdn, 0x3ff0000000000000, 0x3ca8000000000000, 0x3ff0000000000000, 0x01, 0, 103
    ROW fadd_d_dyn, 0x3ff0000000000000, 0x3ca8000000000000, 0x3ff0000000000000, 0x01, 2, 104
    ROW fadd_d_rup, 0x3ff0000000000000, 0x3ca8000000000000, 0x3ff0000000000001, 0x01, 0, 103
    ROW fadd_d_dyn, 0x3ff0000000000000, 0x3ca8000000000000, 0x3ff0000000000001, 0x01, 3, 104
    ROW fadd_d_rmm, 0x3ff0000000000000, 0x3ca8000000000000, 0x3ff0000000000001, 0x01, 0, 103
    ROW fadd_d_dyn, 0x3ff0000000000000, 0x3ca8000000000000, 0x3ff0000000000001, 0x01, 4, 104
    ROW fadd_d_rne, 0x3ff0000000000000, 0x3c90000000000000, 0x3ff0000000000000, 0x01, 4, 103
    ROW fadd_d_rtz, 0x3ff0000000000000, 0x3c90000000000000, 0x3ff0000000000000, 0x01, 0, 103
    ROW fadd_d_dyn, 0x3ff0000000000000, 0x3c90000000000000, 0x3ff0000000000000, 0x01, 1, 104
    ROW fadd_d_rdn, 0x3ff0000000000000, 0x3c90000000000000, 0x3ff0000000000000, 0x01, 0, 103
    ROW fadd_d_dyn, 0x3ff0000000000000, 0x3c90000000000000, 0x3ff0000000000000, 0x01, 2, 104
    ROW fadd_d_rup, 0x3ff0000000000000, 0x3c90000000000000, 0x3ff0000000000001, 0x01, 0, 103
    ROW fadd_d_dyn, 0x3ff0000000000000, 0x3c90000000000000, 0x3ff0000000000001, 0x01, 3, 104
    ROW fadd_d_rmm, 0x3ff0000000000000, 0x3c90000000000000, 0x3ff0000000000000, 0x01, 0, 103
    ROW fadd_d_dyn, 0x3ff0000000000000, 0x3c90000000000000, 0x3ff0000000000000, 0x01, 4, 104
    ROW fadd_d_rne, 0x3ff0000000000000, 0x3ca0000000000000, 0x3ff0000000000000, 0x01, 4, 103
    ROW fadd_d_rtz, 0x3ff0000000000000, 0x3ca0000000000000, 0x3ff0000000000000, 0x01, 0, 103
    ROW fadd_d_dyn, 0x3ff0000000000000, 0x3ca0000000000000, 0x3ff0000000000000, 0x01, 1, 104
    ROW fadd_d_rdn, 0x3ff0000000000000, 0x3ca0000000000000, 0x3ff0000000000000, 0x01, 0, 103
    ROW fadd_d_dyn, 0x3ff0000000000000, 0x3ca0000000000000, 0x3ff0000000000000, 0x01, 2, 104
    ROW fadd_d_rup, 0x3ff0000000000000, 0x3ca0000000000000, 0x3ff0000000000001, 0x01, 0, 103
    ROW fadd_d_dyn, 0x3ff0000000000000, 0x3ca0000000000000, 0x3ff0000000000001, 0x01, 3, 104
    ROW fadd_d_rmm, 0x3ff0000000000000, 0x3ca0000000000000, 0x3ff0000000000001, 0x01, 0, 103
    ROW fadd_d_dyn, 0x3ff0000000000000, 0x3ca0000000000000, 0x3ff0000000000001, 0x01, 4, 104
    ROW fadd_d_rne, 0xbff0000000000000, 0xbca8000000000000, 0xbff0000000000001, 0x01, 4, 103
    ROW fadd_d_rtz, 0xbff0000000000000, 0xbca8000000000000, 0xbff0000000000000, 0x01, 0, 103
    ROW fadd_d_dyn, 0xbff0000000000000, 0xbca8000000000000, 0xbff0000000000000, 0x01, 1, 104
    ROW fadd_d_rdn, 0xbff0000000000000, 0xbca8000000000000, 0xbff0000000000001, 0x01, 0, 103
    ROW fadd_d_dyn, 0xbff0000000000000, 0xbca8000000000000, 0xbff0000000000001, 0x01, 2, 104
    ROW fadd_d_rup, 0xbff0000000000000, 0xbca8000000000000, 0xbff0000000000000, 0x01, 0, 103
    ROW fadd_d_dyn, 0xbff0000000000000, 0xbca8000000000000, 0xbff0000000000000, 0x01, 3, 104
    ROW fadd_d_rmm, 0xbff0000000000000, 0xbca8000000000000, 0xbff0000000000001, 0x01, 0, 103
    ROW fadd_d_dyn, 0xbff0000000000000, 0xbca8000000000000, 0xbff0000000000001, 0x01, 4, 104
    ROW fadd_d_rne, 0xbff0000000000001, 0xbca0000000000000, 0xbff0000000000002, 0x01, 4, 103
    ROW fadd_d_rtz, 0xbff0000000000001, 0xbca0000000000000, 0xbff0000000000001, 0x01, 0, 103
    ROW fadd_d_dyn, 0xbff0000000000001, 0xbca0000000000000, 0xbff0000000000001, 0x01, 1, 104
    ROW fadd_d_rdn, 0xbff0000000000001, 0xbca0000000000000, 0xbff0000000000002, 0x01, 0, 103
    ROW fadd_d_dyn, 0xbff0000000000001, 0xbca0000000000000, 0xbff0000000000002, 0x01, 2, 104
    ROW fadd_d_rup, 0xbff0000000000001, 0xbca0000000000000, 0xbff0000000000001, 0x01, 0, 103
    ROW fadd_d_dyn, 0xbff0000000000001, 0xbca0000000000000, 0xbff0000000000001, 0x01, 3, 104
    ROW fadd_d_rmm, 0xbff0000000000001, 0xbca0000000000000, 0xbff0000000000002, 0x01, 0, 103
    ROW fadd_d_dyn, 0xbff0000000000001, 0xbca0000000000000, 0xbff0000000000002, 0x01, 4, 104
    ROW fsub_d_rne, 0x3ff0000000000000, 0x3c80000000000000, 0x3ff0000000000000, 0x01, 4, 103
    ROW fsub_d_rtz, 0x3ff0000000000000, 0x3c80000000000000, 0x3fefffffffffffff, 0x01, 0, 103
    ROW fsub_d_dyn, 0x3ff0000000000000, 0x3c80000000000000, 0x3fefffffffffffff, 0x01, 1, 104
    ROW fsub_d_rdn, 0x3ff0000000000000, 0x3c80000000000000, 0x3fefffffffffffff, 0x01, 0, 103
    ROW fsub_d_dyn, 0x3ff0000000000000, 0x3c80000000000000, 0x3fefffffffffffff, 0x01, 2, 104
    ROW fsub_d_rup, 0x3ff0000000000000, 0x3c80000000000000, 0x3ff0000000000000, 0x01, 0, 103
    ROW fsub_d_dyn, 0x3ff0000000000000, 0x3c80000000000000, 0x3ff0000000000000, 0x01, 3, 104
    ROW fsub_d_rmm, 0x3ff0000000000000, 0x3c80000000000000, 0x3ff0000000000000, 0x01, 0, 103
    ROW fsub_d_dyn, 0x3ff0000000000000, 0x3c80000000000000, 0x3ff0000000000000, 0x01, 4, 104
    ROW fsub_d_rne, 0x3ff0000000000000, 0x3c98000000000000, 0x3fefffffffffffff, 0x01, 4, 103
    ROW fsub_d_rtz, 0x3ff0000000000000, 0x3c98000000000000, 0x3fefffffffffffff, 0x01, 0, 103
    ROW fsub_d_dyn, 0x3ff0000000000000, 0x3c98000000000000, 0x3fefffffffffffff, 0x01, 1, 104
    ROW fsub_d_rdn, 0x3ff0000000000000, 0x3c98000000000000, 0x3fefffffffffffff, 0x01, 0, 103
    ROW fsub_d_dyn, 0x3ff0000000000000, 0x3c98000000000000, 0x3fefffffffffffff, 0x01, 2, 104
    ROW fsub_d_rup, 0x3ff0000000000000, 0x3c98000000000000, 0x3ff0000000000000, 0x01, 0, 103
    ROW fsub_d_dyn, 0x3ff0000000000000, 0x3c98000000000000, 0x3ff0000000000000, 0x01, 3, 104
    ROW fsub_d_rmm, 0x3ff0000000000000, 0x3c98000000000000, 0x3fefffffffffffff, 0x01, 0, 103
    ROW fsub_d_dyn, 0x3ff0000000000000, 0x3c98000000000000, 0x3fefffffffffffff, 0x01, 4, 104
    ROW fsub_d_rne, 0xbff0000000000000, 0x3c90000000000000, 0xbff0000000000000, 0x01, 4, 103
    ROW fsub_d_rtz, 0xbff0000000000000, 0x3c90000000000000, 0xbff0000000000000, 0x01, 0, 103
    ROW fsub_d_dyn, 0xbff0000000000000, 0x3c90000000000000, 0xbff0000000000000, 0x01, 1, 104
    ROW fsub_d_rdn, 0xbff0000000000000, 0x3c90000000000000, 0xbff0000000000001, 0x01, 0, 103
    ROW fsub_d_dyn, 0xbff0000000000000, 0x3c90000000000000, 0xbff0000000000001, 0x01, 2, 104
    ROW fsub_d_rup, 0xbff0000000000000, 0x3c90000000000000, 0xbff0000000000000, 0x01, 0, 103
    ROW fsub_d_dyn, 0xbff0000000000000, 0x3c90000000000000, 0xbff0000000000000, 0x01, 3, 104
    ROW fsub_d_rmm, 0xbff0000000000000, 0x3c90000000000000, 0xbff0000000000000, 0x01, 0, 103
    ROW fsub_d_dyn, 0xbff0000000000000, 0x3c90000000000000, 0xbff0000000000000, 0x01, 4, 104
    ROW fsub_d_rne, 0x3ff0000000000000, 0x3c90000000000000, 0x3ff0000000000000, 0x01, 4, 103
    ROW fsub_d_rtz, 0x3ff0000000000000, 0x3c90000000000000, 0x3fefffffffffffff, 0x01, 0, 103
    ROW fsub_d_dyn, 0x3ff0000000000000, 0x3c90000000000000, 0x3fefffffffffffff, 0x01, 1, 104
    ROW fsub_d_rdn, 0x3ff0000000000000, 0x3c90000000000000, 0x3fefffffffffffff, 0x01, 0, 103
    ROW fsub_d_dyn, 0x3ff0000000000000, 0x3c90000000000000, 0x3fefffffffffffff, 0x01, 2, 104
    ROW fsub_d_rup, 0x3ff0000000000000, 0x3c90000000000000, 0x3ff0000000000000, 0x01, 0, 103
    ROW fsub_d_dyn, 0x3ff0000000000000, 0x3c90000000000000, 0x3ff0000000000000, 0x01, 3, 104
    ROW fsub_d_rmm, 0x3ff0000000000000, 0x3c90000000000000, 0x3ff0000000000000, 0x01, 0, 103
    ROW fsub_d_dyn, 0x3ff0000000000000, 0x3c90000000000000, 0x3ff0000000000000, 0x01, 4, 104
    ROW fsub_d_rne, 0x3ff0000000000000, 0xbca0000000000000, 0x3ff0000000000000, 0x01, 4, 103
    ROW fsub_d_rtz, 0x3ff0000000000000, 0xbca0000000000000, 0x3ff0000000000000, 0x01, 0, 103
    ROW fsub_d_dyn, 0x3ff0000000000000, 0xbca0000000000000, 0x3ff0000000000000, 0x01, 1, 104
    ROW fsub_d_rdn, 0x3ff0000000000000, 0xbca0000000000000, 0x3ff0000000000000, 0x01, 0, 103
    ROW fsub_d_dyn, 0x3ff0000000000000, 0xbca0000000000000, 0x3ff0000000000000, 0x01, 2, 104
    ROW fsub_d_rup, 0x3ff0000000000000, 0xbca0000000000000, 0x3ff0000000000001, 0x01, 0, 103
    ROW fsub_d_dyn, 0x3ff0000000000000, 0xbca0000000000000, 0x3ff0000000000001, 0x01, 3, 104
    ROW fsub_d_rmm, 0x3ff0000000000000, 0xbca0000000000000, 0x3ff0000000000001, 0x01, 0, 103
    ROW fsub_d_dyn, 0x3ff0000000000000, 0xbca0000000000000, 0x3ff0000000000001, 0x01, 4, 104
    ROW fmul_d_rne, 0x3ff0000000000001, 0x3ff0000000000003, 0x3ff0000000000004, 0x01, 4, 103
    ROW fmul_d_rtz, 0x3ff0000000000001, 0x3ff0000000000003, 0x3ff0000000000004, 0x01, 0, 103
    ROW fmul_d_dyn, 0x3ff0000000000001, 0x3ff0000000000003, 0x3ff0000000000004, 0x01, 1, 104
    ROW fmul_d_rdn, 0x3ff0000000000001, 0x3ff0000000000003, 0x3ff0000000000004, 0x01, 0, 103
    ROW fmul_d_dyn, 0x3ff0000000000001, 0x3ff0000000000003, 0x3ff0000000000004, 0x01, 2, 104
    ROW fmul_d_rup, 0x3ff0000000000001, 0x3ff0000000000003, 0x3ff0000000000005, 0x01, 0, 103
    ROW fmul_d_dyn, 0x3ff0000000000001, 0x3ff0000000000003, 0x3ff0000000000005, 0x01, 3, 104
    ROW fmul_d_rmm, 0x3ff0000000000001, 0x3ff0000000000003, 0x3ff0000000000004, 0x01, 0, 103
    ROW fmul_d_dyn, 0x3ff0000000000001, 0x3ff0000000000003, 0x3ff0000000000004, 0x01, 4, 104
    ROW fmul_d_rne, 0x3ff0000000000001, 0x3feffffffffffffe, 0x3ff0000000000000, 0x01, 4, 103
    ROW fmul_d_rtz, 0x3ff0000000000001, 0x3feffffffffffffe, 0x3fefffffffffffff, 0x01, 0, 103
    ROW fmul_d_dyn, 0x3ff0000000000001, 0x3feffffffffffffe, 0x3fefffffffffffff, 0x01, 1, 104
    ROW fmul_d_rdn, 0x3ff0000000000001, 0x3feffffffffffffe, 0x3fefffffffffffff, 0x01, 0, 103
    ROW fmul_d_dyn, 0x3ff0000000000001, 0x3feffffffffffffe, 0x3fefffffffffffff, 0x01, 2, 104
    ROW fmul_d_rup, 0x3ff0000000000001, 0x3feffffffffffffe, 0x3ff0000000000000, 0x01, 0, 103
    ROW fmul_d_dyn, 0x3ff0000000000001, 0x3feffffffffffffe, 0x3ff0000000000000, 0x01, 3, 104
    ROW fmul_d_rmm, 0x3ff0000000000001, 0x3feffffffffffffe, 0x3ff0000000000000, 0x01, 0, 103
    ROW fmul_d_dyn, 0x3ff0000000000001, 0x3feffffffffffffe, 0x3ff0000000000000, 0x01, 4, 104
    ROW fmul_d_rne, 0xbff0000000000001, 0x4007ffffffffffff, 0xc008000000000000, 0x01, 4, 103
    ROW fmul_d_rtz, 0xbff0000000000001, 0x4007ffffffffffff, 0xc008000000000000, 0x01, 0, 103
    ROW fmul_d_dyn, 0xbff0000000000001, 0x4007ffffffffffff, 0xc008000000000000, 0x01, 1, 104
    ROW fmul_d_rdn, 0xbff0000000000001, 0x4007ffffffffffff, 0xc008000000000001, 0x01, 0, 103
    ROW fmul_d_dyn, 0xbff0000000000001, 0x4007ffffffffffff, 0xc008000000000001, 0x01, 2, 104
    ROW fmul_d_rup, 0xbff0000000000001, 0x4007ffffffffffff, 0xc008000000000000, 0x01, 0, 103
    ROW fmul_d_dyn, 0xbff0000000000001, 0x4007ffffffffffff, 0xc008000000000000, 0x01, 3, 104
    ROW fmul_d_rmm, 0xbff0000000000001, 0x4007ffffffffffff, 0xc008000000000000, 0x01, 0, 103
    ROW fmul_d_dyn, 0xbff0000000000001, 0x4007ffffffffffff, 0xc008000000000000, 0x01, 4, 104
    ROW fmul_d_rne, 0x3ff0000000000003, 0x3ff8000000000000, 0x3ff8000000000004, 0x01, 4, 103
    ROW fmul_d_rtz, 0x3ff0000000000003, 0x3ff8000000000000, 0x3ff8000000000004, 0x01, 0, 103
    ROW fmul_d_dyn, 0x3ff0000000000003, 0x3ff8000000000000, 0x3ff8000000000004, 0x01, 1, 104
    ROW fmul_d_rdn, 0x3ff0000000000003, 0x3ff8000000000000, 0x3ff8000000000004, 0x01, 0, 103
    ROW fmul_d_dyn, 0x3ff0000000000003, 0x3ff8000000000000, 0x3ff8000000000004, 0x01, 2, 104
    ROW fmul_d_rup, 0x3ff0000000000003, 0x3ff8000000000000, 0x3ff8000000000005, 0x01, 0, 103
    ROW fmul_d_dyn, 0x3ff0000000000003, 0x3ff8000000000000, 0x3ff8000000000005, 0x01, 3, 104
    ROW fmul_d_rmm, 0x3ff0000000000003, 0x3ff8000000000000, 0x3ff8000000000005, 0x01, 0, 103
    ROW fmul_d_dyn, 0x3ff0000000000003, 0x3ff8000000000000, 0x3ff8000000000005, 0x01, 4, 104
    ROW fmul_d_rne, 0xbff8000000000000, 0x3ff0000000000003, 0xbff8000000000004, 0x01, 4, 103
    ROW fmul_d_rtz, 0xbff8000000000000, 0x3ff0000000000003, 0xbff8000000000004, 0x01, 0, 103
    ROW fmul_d_dyn, 0xbff8000000000000, 0x3ff0000000000003, 0xbff8000000000004, 0x01, 1, 104
    ROW fmul_d_rdn, 0xbff8000000000000, 0x3ff0000000000003, 0xbff8000000000005, 0x01, 0, 103
    ROW fmul_d_dyn, 0xbff8000000000000, 0x3ff0000000000003, 0xbff8000000000005, 0x01, 2, 104
    ROW fmul_d_rup, 0xbff8000000000000, 0x3ff0000000000003, 0xbff8000000000004, 0x01, 0, 103
    ROW fmul_d_dyn, 0xbff8000000000000, 0x3ff0000000000003, 0xbff8000000000004, 0x01, 3, 104
    ROW fmul_d_rmm, 0xbff8000000000000, 0x3ff0000000000003, 0xbff8000000000005, 0x01, 0, 103
    ROW fmul_d_dyn, 0xbff8000000000000, 0x3ff0000000000003, 0xbff8000000000005, 0x01, 4, 104
    ROW fdiv_d_rne, 0x3ff0000000000000, 0x4008000000000000, 0x3fd5555555555555, 0x01, 4, 103
    ROW fdiv_d_rtz, 0x3ff0000000000000, 0x4008000000000000, 0x3fd5555555555555, 0x01, 0, 103
    ROW fdiv_d_dyn, 0x3ff0000000000000, 0x4008000000000000, 0x3fd5555555555555, 0x01, 1, 104
    ROW fdiv_d_rdn, 0x3ff0000000000000, 0x4008000000000000, 0x3fd5555555555555, 0x01, 0, 103
    ROW fdiv_d_dyn, 0x3ff0000000000000, 0x4008000000000000, 0x3fd5555555555555, 0x01, 2, 104
    ROW fdiv_d_rup, 0x3ff0000000000000, 0x4008000000000000, 0x3fd5555555555556, 0x01, 0, 103
    ROW fdiv_d_dyn, 0x3ff0000000000000, 0x4008000000000000, 0x3fd5555555555556, 0x01, 3, 104
    ROW fdiv_d_rmm, 0x3ff0000000000000, 0x4008000000000000, 0x3fd5555555555555, 0x01, 0, 103
    ROW fdiv_d_dyn, 0x3ff0000000000000, 0x4008000000000000, 0x3fd5555555555555, 0x01, 4, 104
    ROW fdiv_d_rne, 0x4000000000000000, 0x4008000000000000, 0x3fe5555555555555, 0x01, 4, 103
    ROW fdiv_d_rtz, 0x4000000000000000, 0x4008000000000000, 0x3fe5555555555555, 0x01, 0, 103
    ROW fdiv_d_dyn, 0x4000000000000000, 0x4008000000000000, 0x3fe5555555555555, 0x01, 1, 104
    ROW fdiv_d_rdn, 0x4000000000000000, 0x4008000000000000, 0x3fe5555555555555, 0x01, 0, 103
    ROW fdiv_d_dyn, 0x4000000000000000, 0x4008000000000000, 0x3fe5555555555555, 0x01, 2, 104
    ROW fdiv_d_rup, 0x4000000000000000, 0x4008000000000000, 0x3fe5555555555556, 0x01, 0, 103
    ROW fdiv_d_dyn, 0x4000000000000000, 0x4008000000000000, 0x3fe5555555555556, 0x01, 3, 104
    ROW fdiv_d_rmm, 0x4000000000000000, 0x4008000000000000, 0x3fe5555555555555, 0x01, 0, 103
    ROW fdiv_d_dyn, 0x4000000000000000, 0x4008000000000000, 0x3fe5555555555555, 0x01, 4, 104
    ROW fdiv_d_rne, 0xbff0000000000000, 0x4008000000000000, 0xbfd5555555555555, 0x01, 4, 103
    ROW fdiv_d_rtz, 0xbff0000000000000, 0x4008000000000000, 0xbfd5555555555555, 0x01, 0, 103
    ROW fdiv_d_dyn, 0xbff0000000000000, 0x4008000000000000, 0xbfd5555555555555, 0x01, 1, 104
    ROW fdiv_d_rdn, 0xbff0000000000000, 0x4008000000000000, 0xbfd5555555555556, 0x01, 0, 103
    ROW fdiv_d_dyn, 0xbff0000000000000, 0x4008000000000000, 0xbfd5555555555556, 0x01, 2, 104
    ROW fdiv_d_rup, 0xbff0000000000000, 0x4008000000000000, 0xbfd5555555555555, 0x01, 0, 103
    ROW fdiv_d_dyn, 0xbff0000000000000, 0x4008000000000000, 0xbfd5555555555555, 0x01, 3, 104
    ROW fdiv_d_rmm, 0xbff0000000000000, 0x4008000000000000, 0xbfd5555555555555, 0x01, 0, 103
    ROW fdiv_d_dyn, 0xbff0000000000000, 0x4008000000000000, 0xbfd5555555555555, 0x01, 4, 104
    ROW fdiv_d_rne, 0x4024000000000000, 0x401c000000000000, 0x3ff6db6db6db6db7, 0x01, 4, 103
    ROW fdiv_d_rtz, 0x4024000000000000, 0x401c000000000000, 0x3ff6db6db6db6db6, 0x01, 0, 103
    ROW fdiv_d_dyn, 0x4024000000000000, 0x401c000000000000, 0x3ff6db6db6db6db6, 0x01, 1, 104
    ROW fdiv_d_rdn, 0x4024000000000000, 0x401c000000000000, 0x3ff6db6db6db6db6, 0x01, 0, 103
    ROW fdiv_d_dyn, 0x4024000000000000, 0x401c000000000000, 0x3ff6db6db6db6db6, 0x01, 2, 104
    ROW fdiv_d_rup, 0x4024000000000000, 0x401c000000000000, 0x3ff6db6db6db6db7, 0x01, 0, 103
    ROW fdiv_d_dyn, 0x4024000000000000, 0x401c000000000000, 0x3ff6db6db6db6db7, 0x01, 3, 104
    ROW fdiv_d_rmm, 0x4024000000000000, 0x401c000000000000, 0x3ff6db6db6db6db7, 0x01, 0, 103
    ROW fdiv_d_dyn, 0x4024000000000000, 0x401c000000000000, 0x3ff6db6db6db6db7, 0x01, 4, 104
    ROW fdiv_d_rne, 0x0010000000000001, 0x4000000000000000, 0x0008000000000000, 0x03, 4, 103
    ROW fdiv_d_rtz, 0x0010000000000001, 0x4000000000000000, 0x0008000000000000, 0x03, 0, 103
    ROW fdiv_d_dyn, 0x0010000000000001, 0x4000000000000000, 0x0008000000000000, 0x03, 1, 104
    ROW fdiv_d_rdn, 0x0010000000000001, 0x4000000000000000, 0x0008000000000000, 0x03, 0, 103
    ROW fdiv_d_dyn, 0x0010000000000001, 0x4000000000000000, 0x0008000000000000, 0x03, 2, 104
    ROW fdiv_d_rup, 0x0010000000000001, 0x4000000000000000, 0x0008000000000001, 0x03, 0, 103
    ROW fdiv_d_dyn, 0x0010000000000001, 0x4000000000000000, 0x0008000000000001, 0x03, 3, 104
    ROW fdiv_d_rmm, 0x0010000000000001, 0x4000000000000000, 0x0008000000000001, 0x03, 0, 103
    ROW fdiv_d_dyn, 0x0010000000000001, 0x4000000000000000, 0x0008000000000001, 0x03, 4, 104
    ROW fsqrt_d_rne, 0x4000000000000000, 0x0000000000000000, 0x3ff6a09e667f3bcd, 0x01, 4, 103
    ROW fsqrt_d_rtz, 0x4000000000000000, 0x0000000000000000, 0x3ff6a09e667f3bcc, 0x01, 0, 103
    ROW fsqrt_d_dyn, 0x4000000000000000, 0x0000000000000000, 0x3ff6a09e667f3bcc, 0x01, 1, 104
    ROW fsqrt_d_rdn, 0x4000000000000000, 0x0000000000000000, 0x3ff6a09e667f3bcc, 0x01, 0, 103
    ROW fsqrt_d_dyn, 0x4000000000000000, 0x0000000000000000, 0x3ff6a09e667f3bcc, 0x01, 2, 104
    ROW fsqrt_d_rup, 0x4000000000000000, 0x0000000000000000, 0x3ff6a09e667f3bcd, 0x01, 0, 103
    ROW fsqrt_d_dyn, 0x4000000000000000, 0x0000000000000000, 0x3ff6a09e667f3bcd, 0x01, 3, 104
    ROW fsqrt_d_rmm, 0x4000000000000000, 0x0000000000000000, 0x3ff6a09e667f3bcd, 0x01, 0, 103
    ROW fsqrt_d_dyn, 0x4000000000000000, 0x0000000000000000, 0x3ff6a09e667f3bcd, 0x01, 4, 104
    ROW fsqrt_d_rne, 0x4008000000000000, 0x0000000000000000, 0x3ffbb67ae8584caa, 0x01, 4, 103
    ROW fsqrt_d_rtz, 0x4008000000000000, 0x0000000000000000, 0x3ffbb67ae8584caa, 0x01, 0, 103
    ROW fsqrt_d_dyn, 0x4008000000000000, 0x0000000000000000, 0x3ffbb67ae8584caa, 0x01, 1, 104
    ROW fsqrt_d_rdn, 0x4008000000000000, 0x0000000000000000, 0x3ffbb67ae8584caa, 0x01, 0, 103
    ROW fsqrt_d_dyn, 0x4008000000000000, 0x0000000000000000, 0x3ffbb67ae8584caa, 0x01, 2, 104
    ROW fsqrt_d_rup, 0x4008000000000000, 0x0000000000000000, 0x3ffbb67ae8584cab, 0x01, 0, 103
    ROW fsqrt_d_dyn, 0x4008000000000000, 0x0000000000000000, 0x3ffbb67ae8584cab, 0x01, 3, 104
    ROW fsqrt_d_rmm, 0x4008000000000000, 0x0000000000000000, 0x3ffbb67ae8584caa, 0x01, 0, 103
    ROW fsqrt_d_dyn, 0x4008000000000000, 0x0000000000000000, 0x3ffbb67ae8584caa, 0x01, 4, 104
    ROW fsqrt_d_rne, 0x4014000000000000, 0x0000000000000000, 0x4001e3779b97f4a8, 0x01, 4, 103
    ROW fsqrt_d_rtz, 0x4014000000000000, 0x0000000000000000, 0x4001e3779b97f4a7, 0x01, 0, 103
    ROW fsqrt_d_dyn, 0x4014000000000000, 0x0000000000000000, 0x4001e3779b97f4a7, 0x01, 1, 104
    ROW fsqrt_d_rdn, 0x4014000000000000, 0x0000000000000000, 0x4001e3779b97f4a7, 0x01, 0, 103
    ROW fsqrt_d_dyn, 0x4014000000000000, 0x0000000000000000, 0x4001e3779b97f4a7, 0x01, 2, 104
    ROW fsqrt_d_rup, 0x4014000000000000, 0x0000000000000000, 0x4001e3779b97f4a8, 0x01, 0, 103
    ROW fsqrt_d_dyn, 0x4014000000000000, 0x0000000000000000, 0x4001e3779b97f4a8, 0x01, 3, 104
    ROW fsqrt_d_rmm, 0x4014000000000000, 0x0000000000000000, 0x4001e3779b97f4a8, 0x01, 0, 103
    ROW fsqrt_d_dyn, 0x4014000000000000, 0x0000000000000000, 0x4001e3779b97f4a8, 0x01, 4, 104
    ROW fsqrt_d_rne, 0x3ff0000000000001, 0x0000000000000000, 0x3ff0000000000000, 0x01, 4, 103
    ROW fsqrt_d_rtz, 0x3ff0000000000001, 0x0000000000000000, 0x3ff0000000000000, 0x01, 0, 103
    ROW fsqrt_d_dyn, 0x3ff0000000000001, 0x0000000000000000, 0x3ff0000000000000, 0x01, 1, 104
    ROW fsqrt_d_rdn, 0x3ff0000000000001, 0x0000000000000000, 0x3ff0000000000000, 0x01, 0, 103
    ROW fsqrt_d_dyn, 0x3ff0000000000001, 0x0000000000000000, 0x3ff0000000000000, 0x01, 2, 104
    ROW fsqrt_d_rup, 0x3ff0000000000001, 0x0000000000000000, 0x3ff0000000000001, 0x01, 0, 103
    ROW fsqrt_d_dyn, 0x3ff0000000000001, 0x0000000000000000, 0x3ff0000000000001, 0x01, 3, 104
    ROW fsqrt_d_rmm, 0x3ff0000000000001, 0x0000000000000000, 0x3ff0000000000000, 0x01, 0, 103
    ROW fsqrt_d_dyn, 0x3ff0000000000001, 0x0000000000000000, 0x3ff0000000000000, 0x01, 4, 104
/* 105: double precision, rounding up to the smallest normal, not tiny after rounding: NX */
    ROW fmul_d_rne, 0x1ffffffffc000000, 0x2000000002000000, 0x0010000000000000, 0x01, 0, 105
    ROW fmul_d_rtz, 0x1ffffffffc000000, 0x2000000002000000, 0x000fffffffffffff, 0x03, 0, 105
    ROW fmul_d_rdn, 0x1ffffffffc000000, 0x2000000002000000, 0x000fffffffffffff, 0x03, 0, 105
    ROW fmul_d_rup, 0x1ffffffffc000000, 0x2000000002000000, 0x0010000000000000, 0x01, 0, 105
    ROW fmul_d_rmm, 0x1ffffffffc000000, 0x2000000002000000, 0x0010000000000000, 0x01, 0, 105
    ROW fmul_d_dyn, 0x1ffffffffc000000, 0x2000000002000000, 0x0010000000000000, 0x01, 0, 105
    ROW fmul_d_dyn, 0x1ffffffffc000000, 0x2000000002000000, 0x000fffffffffffff, 0x03, 1, 105
    ROW fmul_d_rne, 0x1ffffffffe000000, 0x2000000001000000, 0x0010000000000000, 0x01, 0, 105
    ROW fmul_d_rtz, 0x1ffffffffe000000, 0x2000000001000000, 0x000fffffffffffff, 0x03, 0, 105
    ROW fmul_d_rdn, 0x1ffffffffe000000, 0x2000000001000000, 0x000fffffffffffff, 0x03, 0, 105
    ROW fmul_d_rup, 0x1ffffffffe000000, 0x2000000001000000, 0x0010000000000000, 0x01, 0, 105
    ROW fmul_d_rmm, 0x1ffffffffe000000, 0x2000000001000000, 0x0010000000000000, 0x01, 0, 105
    ROW fmul_d_dyn, 0x1ffffffffe000000, 0x2000000001000000, 0x0010000000000000, 0x01, 0, 105
    ROW fmul_d_dyn, 0x1ffffffffe000000, 0x2000000001000000, 0x000fffffffffffff, 0x03, 1, 105
/* 106: double precision, the smallest normal, tiny after rounding: UF|NX */
    ROW fmul_d_rne, 0x1fffffffffffffff, 0x2000000000000000, 0x0010000000000000, 0x03, 0, 106
    ROW fmul_d_rtz, 0x1fffffffffffffff, 0x2000000000000000, 0x000fffffffffffff, 0x03, 0, 106
    ROW fmul_d_rdn, 0x1fffffffffffffff, 0x2000000000000000, 0x000fffffffffffff, 0x03, 0, 106
    ROW fmul_d_rup, 0x1fffffffffffffff, 0x2000000000000000, 0x0010000000000000, 0x03, 0, 106
    ROW fmul_d_rmm, 0x1fffffffffffffff, 0x2000000000000000, 0x0010000000000000, 0x03, 0, 106
    ROW fmul_d_dyn, 0x1fffffffffffffff, 0x2000000000000000, 0x0010000000000000, 0x03, 0, 106
    ROW fmul_d_rne, 0x1fd3b0a550000000, 0x202a00c5c2400000, 0x0010000000000000, 0x03, 0, 106
    ROW fmul_d_rtz, 0x1fd3b0a550000000, 0x202a00c5c2400000, 0x000fffffffffffff, 0x03, 0, 106
    ROW fmul_d_rdn, 0x1fd3b0a550000000, 0x202a00c5c2400000, 0x000fffffffffffff, 0x03, 0, 106
    ROW fmul_d_rup, 0x1fd3b0a550000000, 0x202a00c5c2400000, 0x0010000000000000, 0x01, 0, 106
    ROW fmul_d_rmm, 0x1fd3b0a550000000, 0x202a00c5c2400000, 0x0010000000000000, 0x03, 0, 106
    ROW fmul_d_dyn, 0x1fd3b0a550000000, 0x202a00c5c2400000, 0x0010000000000000, 0x03, 0, 106
    ROW fdiv_d_rne, 0x001fffffffffffff, 0x4000000000000000, 0x0010000000000000, 0x03, 0, 106
    ROW fdiv_d_rtz, 0x001fffffffffffff, 0x4000000000000000, 0x000fffffffffffff, 0x03, 0, 106
    ROW fdiv_d_rdn, 0x001fffffffffffff, 0x4000000000000000, 0x000fffffffffffff, 0x03, 0, 106
    ROW fdiv_d_rup, 0x001fffffffffffff, 0x4000000000000000, 0x0010000000000000, 0x03, 0, 106
    ROW fdiv_d_rmm, 0x001fffffffffffff, 0x4000000000000000, 0x0010000000000000, 0x03, 0, 106
    ROW fdiv_d_dyn, 0x001fffffffffffff, 0x4000000000000000, 0x0010000000000000, 0x03, 0, 106
/* 107: double precision, results in the lowest normal binade */
    ROW fmul_d_rne, 0x0298000000000000, 0x3d70000000000000, 0x0018000000000000, 0x00, 0, 107
    ROW fmul_d_rtz, 0x0298000000000000, 0x3d70000000000000, 0x0018000000000000, 0x00, 0, 107
    ROW fmul_d_dyn, 0x0298000000000000, 0x3d70000000000000, 0x0018000000000000, 0x00, 0, 107
    ROW fmul_d_rne, 0x0208000000000000, 0x3e04000000000000, 0x001e000000000000, 0x00, 0, 107
    ROW fmul_d_rtz, 0x0208000000000000, 0x3e04000000000000, 0x001e000000000000, 0x00, 0, 107
    ROW fmul_d_dyn, 0x0208000000000000, 0x3e04000000000000, 0x001e000000000000, 0x00, 0, 107
    ROW fdiv_d_rne, 0x0028000000000000, 0x4004000000000000, 0x0013333333333333, 0x01, 0, 107
    ROW fdiv_d_rtz, 0x0028000000000000, 0x4004000000000000, 0x0013333333333333, 0x01, 0, 107
    ROW fdiv_d_dyn, 0x0028000000000000, 0x4004000000000000, 0x0013333333333333, 0x01, 0, 107
    ROW fdiv_d_rne, 0x0034000000000000, 0x4008000000000000, 0x001aaaaaaaaaaaab, 0x01, 0, 107
    ROW fdiv_d_rtz, 0x0034000000000000, 0x4008000000000000, 0x001aaaaaaaaaaaaa, 0x01, 0, 107
    ROW fdiv_d_dyn, 0x0034000000000000, 0x4008000000000000, 0x001aaaaaaaaaaaab, 0x01, 0, 107
    ROW fadd_d_rne, 0x0028000000000000, 0x801fffffffffffff, 0x0010000000000001, 0x00, 0, 107
    ROW fadd_d_rtz, 0x0028000000000000, 0x801fffffffffffff, 0x0010000000000001, 0x00, 0, 107
    ROW fadd_d_dyn, 0x0028000000000000, 0x801fffffffffffff, 0x0010000000000001, 0x00, 0, 107
    ROW fsub_d_rne, 0x0020000000000000, 0x0008000000000000, 0x0018000000000000, 0x00, 0, 107
    ROW fsub_d_rtz, 0x0020000000000000, 0x0008000000000000, 0x0018000000000000, 0x00, 0, 107
    ROW fsub_d_dyn, 0x0020000000000000, 0x0008000000000000, 0x0018000000000000, 0x00, 0, 107
    ROW fsub_d_rne, 0x001fffffffffffff, 0x0000000000000004, 0x001ffffffffffffb, 0x00, 0, 107
    ROW fsub_d_rtz, 0x001fffffffffffff, 0x0000000000000004, 0x001ffffffffffffb, 0x00, 0, 107
    ROW fsub_d_dyn, 0x001fffffffffffff, 0x0000000000000004, 0x001ffffffffffffb, 0x00, 0, 107
    ROW fmul_d_rne, 0x00b0000000000000, 0x3f50000000000000, 0x0010000000000000, 0x00, 0, 107
    ROW fmul_d_rtz, 0x00b0000000000000, 0x3f50000000000000, 0x0010000000000000, 0x00, 0, 107
    ROW fmul_d_dyn, 0x00b0000000000000, 0x3f50000000000000, 0x0010000000000000, 0x00, 0, 107
    ROW fmul_d_rne, 0x006fffffffffffff, 0x3fa0000000000000, 0x001fffffffffffff, 0x00, 0, 107
    ROW fmul_d_rtz, 0x006fffffffffffff, 0x3fa0000000000000, 0x001fffffffffffff, 0x00, 0, 107
    ROW fmul_d_dyn, 0x006fffffffffffff, 0x3fa0000000000000, 0x001fffffffffffff, 0x00, 0, 107
    ROW fdiv_d_rne, 0x8030000000000001, 0xc010000000000000, 0x0010000000000001, 0x00, 0, 107
    ROW fdiv_d_rtz, 0x8030000000000001, 0xc010000000000000, 0x0010000000000001, 0x00, 0, 107
    ROW fdiv_d_dyn, 0x8030000000000001, 0xc010000000000000, 0x0010000000000001, 0x00, 0, 107
/* 108: double precision, results in the second binade */
    ROW fmul_d_rne, 0x001fffffffffffff, 0x3ff0000000000001, 0x0020000000000000, 0x01, 0, 108
    ROW fmul_d_dyn, 0x001fffffffffffff, 0x3ff0000000000001, 0x0020000000000000, 0x01, 0, 108
    ROW fmul_d_rtz, 0x001fffffffffffff, 0x3ff0000000000001, 0x0020000000000000, 0x01, 0, 108
    ROW fmul_d_rne, 0x015fffffffffffff, 0x3eb0000000000003, 0x0020000000000002, 0x01, 0, 108
    ROW fmul_d_dyn, 0x015fffffffffffff, 0x3eb0000000000003, 0x0020000000000002, 0x01, 0, 108
    ROW fmul_d_rtz, 0x015fffffffffffff, 0x3eb0000000000003, 0x0020000000000002, 0x01, 0, 108
    ROW fmul_d_rne, 0x0020000000000000, 0x3ff0000000000000, 0x0020000000000000, 0x00, 0, 108
    ROW fmul_d_dyn, 0x0020000000000000, 0x3ff0000000000000, 0x0020000000000000, 0x00, 0, 108
    ROW fmul_d_rtz, 0x0020000000000000, 0x3ff0000000000000, 0x0020000000000000, 0x00, 0, 108
    ROW fdiv_d_rne, 0x002fffffffffffff, 0x3fffffffffffffff, 0x0020000000000000, 0x00, 0, 108
    ROW fdiv_d_dyn, 0x002fffffffffffff, 0x3fffffffffffffff, 0x0020000000000000, 0x00, 0, 108
    ROW fdiv_d_rtz, 0x002fffffffffffff, 0x3fffffffffffffff, 0x0020000000000000, 0x00, 0, 108
    ROW fadd_d_rne, 0x001fffffffffffff, 0x0000000000000001, 0x0020000000000000, 0x00, 0, 108
    ROW fadd_d_dyn, 0x001fffffffffffff, 0x0000000000000001, 0x0020000000000000, 0x00, 0, 108
    ROW fadd_d_rtz, 0x001fffffffffffff, 0x0000000000000001, 0x0020000000000000, 0x00, 0, 108
    ROW fadd_d_rne, 0x0028000000000000, 0x8010000000000000, 0x0020000000000000, 0x00, 0, 108
    ROW fadd_d_dyn, 0x0028000000000000, 0x8010000000000000, 0x0020000000000000, 0x00, 0, 108
    ROW fadd_d_rtz, 0x0028000000000000, 0x8010000000000000, 0x0020000000000000, 0x00, 0, 108
    ROW fdiv_d_rne, 0x001fffffffffffff, 0x3feffffffffffffe, 0x0020000000000001, 0x01, 0, 108
    ROW fdiv_d_dyn, 0x001fffffffffffff, 0x3feffffffffffffe, 0x0020000000000001, 0x01, 0, 108
    ROW fdiv_d_rtz, 0x001fffffffffffff, 0x3feffffffffffffe, 0x0020000000000000, 0x01, 0, 108
/* 109: double precision, subnormal results */
    ROW fmul_d_rne, 0x0010000000000000, 0x3fe0000000000000, 0x0008000000000000, 0x00, 0, 109
    ROW fmul_d_rtz, 0x0010000000000000, 0x3fe0000000000000, 0x0008000000000000, 0x00, 0, 109
    ROW fmul_d_rdn, 0x0010000000000000, 0x3fe0000000000000, 0x0008000000000000, 0x00, 0, 109
    ROW fmul_d_rup, 0x0010000000000000, 0x3fe0000000000000, 0x0008000000000000, 0x00, 0, 109
    ROW fmul_d_rmm, 0x0010000000000000, 0x3fe0000000000000, 0x0008000000000000, 0x00, 0, 109
    ROW fmul_d_dyn, 0x0010000000000000, 0x3fe0000000000000, 0x0008000000000000, 0x00, 0, 109
    ROW fmul_d_rne, 0x02a8000000000000, 0x3d20000000000000, 0x0001800000000000, 0x00, 0, 109
    ROW fmul_d_rtz, 0x02a8000000000000, 0x3d20000000000000, 0x0001800000000000, 0x00, 0, 109
    ROW fmul_d_rdn, 0x02a8000000000000, 0x3d20000000000000, 0x0001800000000000, 0x00, 0, 109
    ROW fmul_d_rup, 0x02a8000000000000, 0x3d20000000000000, 0x0001800000000000, 0x00, 0, 109
    ROW fmul_d_rmm, 0x02a8000000000000, 0x3d20000000000000, 0x0001800000000000, 0x00, 0, 109
    ROW fmul_d_dyn, 0x02a8000000000000, 0x3d20000000000000, 0x0001800000000000, 0x00, 0, 109
    ROW fmul_d_rne, 0x0290000000000001, 0x3d60000000000000, 0x0008000000000000, 0x03, 0, 109
    ROW fmul_d_rtz, 0x0290000000000001, 0x3d60000000000000, 0x0008000000000000, 0x03, 0, 109
    ROW fmul_d_rdn, 0x0290000000000001, 0x3d60000000000000, 0x0008000000000000, 0x03, 0, 109
    ROW fmul_d_rup, 0x0290000000000001, 0x3d60000000000000, 0x0008000000000001, 0x03, 0, 109
    ROW fmul_d_rmm, 0x0290000000000001, 0x3d60000000000000, 0x0008000000000001, 0x03, 0, 109
    ROW fmul_d_dyn, 0x0290000000000001, 0x3d60000000000000, 0x0008000000000000, 0x03, 0, 109
    ROW fdiv_d_rne, 0x0010000000000000, 0x4008000000000000, 0x0005555555555555, 0x03, 0, 109
    ROW fdiv_d_rtz, 0x0010000000000000, 0x4008000000000000, 0x0005555555555555, 0x03, 0, 109
    ROW fdiv_d_rdn, 0x0010000000000000, 0x4008000000000000, 0x0005555555555555, 0x03, 0, 109
    ROW fdiv_d_rup, 0x0010000000000000, 0x4008000000000000, 0x0005555555555556, 0x03, 0, 109
    ROW fdiv_d_rmm, 0x0010000000000000, 0x4008000000000000, 0x0005555555555555, 0x03, 0, 109
    ROW fdiv_d_dyn, 0x0010000000000000, 0x4008000000000000, 0x0005555555555555, 0x03, 0, 109
    ROW fdiv_d_rne, 0x8350000000000000, 0x4678000000000000, 0x8000000000000001, 0x03, 0, 109
    ROW fdiv_d_rtz, 0x8350000000000000, 0x4678000000000000, 0x8000000000000000, 0x03, 0, 109
    ROW fdiv_d_rdn, 0x8350000000000000, 0x4678000000000000, 0x8000000000000001, 0x03, 0, 109
    ROW fdiv_d_rup, 0x8350000000000000, 0x4678000000000000, 0x8000000000000000, 0x03, 0, 109
    ROW fdiv_d_rmm, 0x8350000000000000, 0x4678000000000000, 0x8000000000000001, 0x03, 0, 109
    ROW fdiv_d_dyn, 0x8350000000000000, 0x4678000000000000, 0x8000000000000001, 0x03, 0, 109
    ROW fmul_d_rne, 0x8010000000000000, 0x3fe8000000000003, 0x800c000000000002, 0x03, 0, 109
    ROW fmul_d_rtz, 0x8010000000000000, 0x3fe8000000000003, 0x800c000000000001, 0x03, 0, 109
    ROW fmul_d_rdn, 0x8010000000000000, 0x3fe8000000000003, 0x800c000000000002, 0x03, 0, 109
    ROW fmul_d_rup, 0x8010000000000000, 0x3fe8000000000003, 0x800c000000000001, 0x03, 0, 109
    ROW fmul_d_rmm, 0x8010000000000000, 0x3fe8000000000003, 0x800c000000000002, 0x03, 0, 109
    ROW fmul_d_dyn, 0x8010000000000000, 0x3fe8000000000003, 0x800c000000000002, 0x03, 0, 109
    ROW fsub_d_rne, 0x0010000000000001, 0x0010000000000000, 0x0000000000000001, 0x00, 0, 109
    ROW fsub_d_rtz, 0x0010000000000001, 0x0010000000000000, 0x0000000000000001, 0x00, 0, 109
    ROW fsub_d_rdn, 0x0010000000000001, 0x0010000000000000, 0x0000000000000001, 0x00, 0, 109
    ROW fsub_d_rup, 0x0010000000000001, 0x0010000000000000, 0x0000000000000001, 0x00, 0, 109
    ROW fsub_d_rmm, 0x0010000000000001, 0x0010000000000000, 0x0000000000000001, 0x00, 0, 109
    ROW fsub_d_dyn, 0x0010000000000001, 0x0010000000000000, 0x0000000000000001, 0x00, 0, 109
    ROW fadd_d_rne, 0x0018000000000000, 0x8010000000000000, 0x0008000000000000, 0x00, 0, 109
    ROW fadd_d_rtz, 0x0018000000000000, 0x8010000000000000, 0x0008000000000000, 0x00, 0, 109
    ROW fadd_d_rdn, 0x0018000000000000, 0x8010000000000000, 0x0008000000000000, 0x00, 0, 109
    ROW fadd_d_rup, 0x0018000000000000, 0x8010000000000000, 0x0008000000000000, 0x00, 0, 109
    ROW fadd_d_rmm, 0x0018000000000000, 0x8010000000000000, 0x0008000000000000, 0x00, 0, 109
    ROW fadd_d_dyn, 0x0018000000000000, 0x8010000000000000, 0x0008000000000000, 0x00, 0, 109
/* 110: double precision, underflow to zero */
    ROW fmul_d_rne, 0x1fe0000000000000, 0x1c20000000000000, 0x0000000000000000, 0x03, 0, 110
    ROW fmul_d_rtz, 0x1fe0000000000000, 0x1c20000000000000, 0x0000000000000000, 0x03, 0, 110
    ROW fmul_d_rdn, 0x1fe0000000000000, 0x1c20000000000000, 0x0000000000000000, 0x03, 0, 110
    ROW fmul_d_rup, 0x1fe0000000000000, 0x1c20000000000000, 0x0000000000000001, 0x03, 0, 110
    ROW fmul_d_rmm, 0x1fe0000000000000, 0x1c20000000000000, 0x0000000000000000, 0x03, 0, 110
    ROW fmul_d_dyn, 0x1fe0000000000000, 0x1c20000000000000, 0x0000000000000000, 0x03, 0, 110
    ROW fmul_d_dyn, 0x1fe0000000000000, 0x1c20000000000000, 0x0000000000000001, 0x03, 3, 110
    ROW fmul_d_rne, 0x8010000000000000, 0x3c90000000000000, 0x8000000000000000, 0x03, 0, 110
    ROW fmul_d_rtz, 0x8010000000000000, 0x3c90000000000000, 0x8000000000000000, 0x03, 0, 110
    ROW fmul_d_rdn, 0x8010000000000000, 0x3c90000000000000, 0x8000000000000001, 0x03, 0, 110
    ROW fmul_d_rup, 0x8010000000000000, 0x3c90000000000000, 0x8000000000000000, 0x03, 0, 110
    ROW fmul_d_rmm, 0x8010000000000000, 0x3c90000000000000, 0x8000000000000000, 0x03, 0, 110
    ROW fmul_d_dyn, 0x8010000000000000, 0x3c90000000000000, 0x8000000000000000, 0x03, 0, 110
    ROW fmul_d_dyn, 0x8010000000000000, 0x3c90000000000000, 0x8000000000000000, 0x03, 3, 110
    ROW fdiv_d_rne, 0x0010000000000000, 0x4350000000000000, 0x0000000000000000, 0x03, 0, 110
    ROW fdiv_d_rtz, 0x0010000000000000, 0x4350000000000000, 0x0000000000000000, 0x03, 0, 110
    ROW fdiv_d_rdn, 0x0010000000000000, 0x4350000000000000, 0x0000000000000000, 0x03, 0, 110
    ROW fdiv_d_rup, 0x0010000000000000, 0x4350000000000000, 0x0000000000000001, 0x03, 0, 110
    ROW fdiv_d_rmm, 0x0010000000000000, 0x4350000000000000, 0x0000000000000000, 0x03, 0, 110
    ROW fdiv_d_dyn, 0x0010000000000000, 0x4350000000000000, 0x0000000000000000, 0x03, 0, 110
    ROW fdiv_d_dyn, 0x0010000000000000, 0x4350000000000000, 0x0000000000000001, 0x03, 3, 110
    ROW fdiv_d_rne, 0x0010000000000000, 0xffefffffffffffff, 0x8000000000000000, 0x03, 0, 110
    ROW fdiv_d_rtz, 0x0010000000000000, 0xffefffffffffffff, 0x8000000000000000, 0x03, 0, 110
    ROW fdiv_d_rdn, 0x0010000000000000, 0xffefffffffffffff, 0x8000000000000001, 0x03, 0, 110
    ROW fdiv_d_rup, 0x0010000000000000, 0xffefffffffffffff, 0x8000000000000000, 0x03, 0, 110
    ROW fdiv_d_rmm, 0x0010000000000000, 0xffefffffffffffff, 0x8000000000000000, 0x03, 0, 110
    ROW fdiv_d_dyn, 0x0010000000000000, 0xffefffffffffffff, 0x8000000000000000, 0x03, 0, 110
    ROW fdiv_d_dyn, 0x0010000000000000, 0xffefffffffffffff, 0x8000000000000000, 0x03, 3, 110
    ROW fmul_d_rne, 0x0010000000000000, 0x3ca0000000000000, 0x0000000000000000, 0x03, 0, 110
    ROW fmul_d_rtz, 0x0010000000000000, 0x3ca0000000000000, 0x0000000000000000, 0x03, 0, 110
    ROW fmul_d_rdn, 0x0010000000000000, 0x3ca0000000000000, 0x0000000000000000, 0x03, 0, 110
    ROW fmul_d_rup, 0x0010000000000000, 0x3ca0000000000000, 0x0000000000000001, 0x03, 0, 110
    ROW fmul_d_rmm, 0x0010000000000000, 0x3ca0000000000000, 0x0000000000000001, 0x03, 0, 110
    ROW fmul_d_dyn, 0x0010000000000000, 0x3ca0000000000000, 0x0000000000000000, 0x03, 0, 110
    ROW fmul_d_dyn, 0x0010000000000000, 0x3ca0000000000000, 0x0000000000000001, 0x03, 3, 110
    ROW fmul_d_rne, 0x0010000000000001, 0x3ca0000000000000, 0x0000000000000001, 0x03, 0, 110
    ROW fmul_d_rtz, 0x0010000000000001, 0x3ca0000000000000, 0x0000000000000000, 0x03, 0, 110
    ROW fmul_d_rdn, 0x0010000000000001, 0x3ca0000000000000, 0x0000000000000000, 0x03, 0, 110
    ROW fmul_d_rup, 0x0010000000000001, 0x3ca0000000000000, 0x0000000000000001, 0x03, 0, 110
    ROW fmul_d_rmm, 0x0010000000000001, 0x3ca0000000000000, 0x0000000000000001, 0x03, 0, 110
    ROW fmul_d_dyn, 0x0010000000000001, 0x3ca0000000000000, 0x0000000000000001, 0x03, 0, 110
    ROW fmul_d_dyn, 0x0010000000000001, 0x3ca0000000000000, 0x0000000000000001, 0x03, 3, 110
/* 111: double precision, exact zeros */
    ROW fsub_d_rne, 0x3ff4000000000000, 0x3ff4000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fsub_d_rtz, 0x3ff4000000000000, 0x3ff4000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fsub_d_rdn, 0x3ff4000000000000, 0x3ff4000000000000, 0x8000000000000000, 0x00, 0, 111
    ROW fsub_d_rup, 0x3ff4000000000000, 0x3ff4000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fsub_d_rmm, 0x3ff4000000000000, 0x3ff4000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fsub_d_dyn, 0x3ff4000000000000, 0x3ff4000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fsub_d_dyn, 0x3ff4000000000000, 0x3ff4000000000000, 0x8000000000000000, 0x00, 2, 111
    ROW fsub_d_dyn, 0x3ff4000000000000, 0x3ff4000000000000, 0x0000000000000000, 0x00, 3, 111
    ROW fadd_d_rne, 0x3ff4000000000000, 0xbff4000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fadd_d_rtz, 0x3ff4000000000000, 0xbff4000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fadd_d_rdn, 0x3ff4000000000000, 0xbff4000000000000, 0x8000000000000000, 0x00, 0, 111
    ROW fadd_d_rup, 0x3ff4000000000000, 0xbff4000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fadd_d_rmm, 0x3ff4000000000000, 0xbff4000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fadd_d_dyn, 0x3ff4000000000000, 0xbff4000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fadd_d_dyn, 0x3ff4000000000000, 0xbff4000000000000, 0x8000000000000000, 0x00, 2, 111
    ROW fadd_d_dyn, 0x3ff4000000000000, 0xbff4000000000000, 0x0000000000000000, 0x00, 3, 111
    ROW fsub_d_rne, 0x8010000000000000, 0x8010000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fsub_d_rtz, 0x8010000000000000, 0x8010000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fsub_d_rdn, 0x8010000000000000, 0x8010000000000000, 0x8000000000000000, 0x00, 0, 111
    ROW fsub_d_rup, 0x8010000000000000, 0x8010000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fsub_d_rmm, 0x8010000000000000, 0x8010000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fsub_d_dyn, 0x8010000000000000, 0x8010000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fsub_d_dyn, 0x8010000000000000, 0x8010000000000000, 0x8000000000000000, 0x00, 2, 111
    ROW fsub_d_dyn, 0x8010000000000000, 0x8010000000000000, 0x0000000000000000, 0x00, 3, 111
    ROW fsub_d_rne, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x0000000000000000, 0x00, 0, 111
    ROW fsub_d_rtz, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x0000000000000000, 0x00, 0, 111
    ROW fsub_d_rdn, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x8000000000000000, 0x00, 0, 111
    ROW fsub_d_rup, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x0000000000000000, 0x00, 0, 111
    ROW fsub_d_rmm, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x0000000000000000, 0x00, 0, 111
    ROW fsub_d_dyn, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x0000000000000000, 0x00, 0, 111
    ROW fsub_d_dyn, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x8000000000000000, 0x00, 2, 111
    ROW fsub_d_dyn, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x0000000000000000, 0x00, 3, 111
    ROW fadd_d_rne, 0x0000000000000000, 0x8000000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fadd_d_rtz, 0x0000000000000000, 0x8000000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fadd_d_rdn, 0x0000000000000000, 0x8000000000000000, 0x8000000000000000, 0x00, 0, 111
    ROW fadd_d_rup, 0x0000000000000000, 0x8000000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fadd_d_rmm, 0x0000000000000000, 0x8000000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fadd_d_dyn, 0x0000000000000000, 0x8000000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fadd_d_dyn, 0x0000000000000000, 0x8000000000000000, 0x8000000000000000, 0x00, 2, 111
    ROW fadd_d_dyn, 0x0000000000000000, 0x8000000000000000, 0x0000000000000000, 0x00, 3, 111
    ROW fadd_d_rne, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x00, 0, 111
    ROW fadd_d_rtz, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x00, 0, 111
    ROW fadd_d_rdn, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x00, 0, 111
    ROW fadd_d_rup, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x00, 0, 111
    ROW fadd_d_rmm, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x00, 0, 111
    ROW fadd_d_dyn, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x00, 0, 111
    ROW fadd_d_dyn, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x00, 2, 111
    ROW fadd_d_dyn, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x00, 3, 111
    ROW fsub_d_rne, 0x8000000000000000, 0x0000000000000000, 0x8000000000000000, 0x00, 0, 111
    ROW fsub_d_rtz, 0x8000000000000000, 0x0000000000000000, 0x8000000000000000, 0x00, 0, 111
    ROW fsub_d_rdn, 0x8000000000000000, 0x0000000000000000, 0x8000000000000000, 0x00, 0, 111
    ROW fsub_d_rup, 0x8000000000000000, 0x0000000000000000, 0x8000000000000000, 0x00, 0, 111
    ROW fsub_d_rmm, 0x8000000000000000, 0x0000000000000000, 0x8000000000000000, 0x00, 0, 111
    ROW fsub_d_dyn, 0x8000000000000000, 0x0000000000000000, 0x8000000000000000, 0x00, 0, 111
    ROW fsub_d_dyn, 0x8000000000000000, 0x0000000000000000, 0x8000000000000000, 0x00, 2, 111
    ROW fsub_d_dyn, 0x8000000000000000, 0x0000000000000000, 0x8000000000000000, 0x00, 3, 111
    ROW fsub_d_rne, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fsub_d_rtz, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fsub_d_rdn, 0x0000000000000000, 0x0000000000000000, 0x8000000000000000, 0x00, 0, 111
    ROW fsub_d_rup, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fsub_d_rmm, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fsub_d_dyn, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fsub_d_dyn, 0x0000000000000000, 0x0000000000000000, 0x8000000000000000, 0x00, 2, 111
    ROW fsub_d_dyn, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x00, 3, 111
    ROW fadd_d_rne, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fadd_d_rtz, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fadd_d_rdn, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fadd_d_rup, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fadd_d_rmm, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fadd_d_dyn, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x00, 0, 111
    ROW fadd_d_dyn, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x00, 2, 111
    ROW fadd_d_dyn, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x00, 3, 111
/* 112: double precision, overflow */
    ROW fmul_d_rne, 0x7fefffffffffffff, 0x4000000000000000, 0x7ff0000000000000, 0x05, 0, 112
    ROW fmul_d_rtz, 0x7fefffffffffffff, 0x4000000000000000, 0x7fefffffffffffff, 0x05, 0, 112
    ROW fmul_d_rdn, 0x7fefffffffffffff, 0x4000000000000000, 0x7fefffffffffffff, 0x05, 0, 112
    ROW fmul_d_rup, 0x7fefffffffffffff, 0x4000000000000000, 0x7ff0000000000000, 0x05, 0, 112
    ROW fmul_d_rmm, 0x7fefffffffffffff, 0x4000000000000000, 0x7ff0000000000000, 0x05, 0, 112
    ROW fmul_d_dyn, 0x7fefffffffffffff, 0x4000000000000000, 0x7ff0000000000000, 0x05, 0, 112
    ROW fmul_d_dyn, 0x7fefffffffffffff, 0x4000000000000000, 0x7fefffffffffffff, 0x05, 1, 112
    ROW fadd_d_rne, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x7ff0000000000000, 0x05, 0, 112
    ROW fadd_d_rtz, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x05, 0, 112
    ROW fadd_d_rdn, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x05, 0, 112
    ROW fadd_d_rup, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x7ff0000000000000, 0x05, 0, 112
    ROW fadd_d_rmm, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x7ff0000000000000, 0x05, 0, 112
    ROW fadd_d_dyn, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x7ff0000000000000, 0x05, 0, 112
    ROW fadd_d_dyn, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x05, 1, 112
    ROW fmul_d_rne, 0xffefffffffffffff, 0x3ff8000000000000, 0xfff0000000000000, 0x05, 0, 112
    ROW fmul_d_rtz, 0xffefffffffffffff, 0x3ff8000000000000, 0xffefffffffffffff, 0x05, 0, 112
    ROW fmul_d_rdn, 0xffefffffffffffff, 0x3ff8000000000000, 0xfff0000000000000, 0x05, 0, 112
    ROW fmul_d_rup, 0xffefffffffffffff, 0x3ff8000000000000, 0xffefffffffffffff, 0x05, 0, 112
    ROW fmul_d_rmm, 0xffefffffffffffff, 0x3ff8000000000000, 0xfff0000000000000, 0x05, 0, 112
    ROW fmul_d_dyn, 0xffefffffffffffff, 0x3ff8000000000000, 0xfff0000000000000, 0x05, 0, 112
    ROW fmul_d_dyn, 0xffefffffffffffff, 0x3ff8000000000000, 0xffefffffffffffff, 0x05, 1, 112
    ROW fdiv_d_rne, 0x7fefffffffffffff, 0x3fe0000000000000, 0x7ff0000000000000, 0x05, 0, 112
    ROW fdiv_d_rtz, 0x7fefffffffffffff, 0x3fe0000000000000, 0x7fefffffffffffff, 0x05, 0, 112
    ROW fdiv_d_rdn, 0x7fefffffffffffff, 0x3fe0000000000000, 0x7fefffffffffffff, 0x05, 0, 112
    ROW fdiv_d_rup, 0x7fefffffffffffff, 0x3fe0000000000000, 0x7ff0000000000000, 0x05, 0, 112
    ROW fdiv_d_rmm, 0x7fefffffffffffff, 0x3fe0000000000000, 0x7ff0000000000000, 0x05, 0, 112
    ROW fdiv_d_dyn, 0x7fefffffffffffff, 0x3fe0000000000000, 0x7ff0000000000000, 0x05, 0, 112
    ROW fdiv_d_dyn, 0x7fefffffffffffff, 0x3fe0000000000000, 0x7fefffffffffffff, 0x05, 1, 112
    ROW fdiv_d_rne, 0x7fe0000000000000, 0x3f50000000000000, 0x7ff0000000000000, 0x05, 0, 112
    ROW fdiv_d_rtz, 0x7fe0000000000000, 0x3f50000000000000, 0x7fefffffffffffff, 0x05, 0, 112
    ROW fdiv_d_rdn, 0x7fe0000000000000, 0x3f50000000000000, 0x7fefffffffffffff, 0x05, 0, 112
    ROW fdiv_d_rup, 0x7fe0000000000000, 0x3f50000000000000, 0x7ff0000000000000, 0x05, 0, 112
    ROW fdiv_d_rmm, 0x7fe0000000000000, 0x3f50000000000000, 0x7ff0000000000000, 0x05, 0, 112
    ROW fdiv_d_dyn, 0x7fe0000000000000, 0x3f50000000000000, 0x7ff0000000000000, 0x05, 0, 112
    ROW fdiv_d_dyn, 0x7fe0000000000000, 0x3f50000000000000, 0x7fefffffffffffff, 0x05, 1, 112
    ROW fadd_d_rne, 0x7fefffffffffffff, 0x7c90000000000000, 0x7ff0000000000000, 0x05, 0, 112
    ROW fadd_d_rtz, 0x7fefffffffffffff, 0x7c90000000000000, 0x7fefffffffffffff, 0x01, 0, 112
    ROW fadd_d_rdn, 0x7fefffffffffffff, 0x7c90000000000000, 0x7fefffffffffffff, 0x01, 0, 112
    ROW fadd_d_rup, 0x7fefffffffffffff, 0x7c90000000000000, 0x7ff0000000000000, 0x05, 0, 112
    ROW fadd_d_rmm, 0x7fefffffffffffff, 0x7c90000000000000, 0x7ff0000000000000, 0x05, 0, 112
    ROW fadd_d_dyn, 0x7fefffffffffffff, 0x7c90000000000000, 0x7ff0000000000000, 0x05, 0, 112
    ROW fadd_d_dyn, 0x7fefffffffffffff, 0x7c90000000000000, 0x7fefffffffffffff, 0x01, 1, 112
    ROW fadd_d_rne, 0x7fefffffffffffff, 0x7c80000000000000, 0x7fefffffffffffff, 0x01, 0, 112
    ROW fadd_d_rtz, 0x7fefffffffffffff, 0x7c80000000000000, 0x7fefffffffffffff, 0x01, 0, 112
    ROW fadd_d_rdn, 0x7fefffffffffffff, 0x7c80000000000000, 0x7fefffffffffffff, 0x01, 0, 112
    ROW fadd_d_rup, 0x7fefffffffffffff, 0x7c80000000000000, 0x7ff0000000000000, 0x05, 0, 112
    ROW fadd_d_rmm, 0x7fefffffffffffff, 0x7c80000000000000, 0x7fefffffffffffff, 0x01, 0, 112
    ROW fadd_d_dyn, 0x7fefffffffffffff, 0x7c80000000000000, 0x7fefffffffffffff, 0x01, 0, 112
    ROW fadd_d_dyn, 0x7fefffffffffffff, 0x7c80000000000000, 0x7fefffffffffffff, 0x01, 1, 112
    ROW fmul_d_rne, 0x7fefffffffffffff, 0x3ff0000000000001, 0x7ff0000000000000, 0x05, 0, 112
    ROW fmul_d_rtz, 0x7fefffffffffffff, 0x3ff0000000000001, 0x7fefffffffffffff, 0x05, 0, 112
    ROW fmul_d_rdn, 0x7fefffffffffffff, 0x3ff0000000000001, 0x7fefffffffffffff, 0x05, 0, 112
    ROW fmul_d_rup, 0x7fefffffffffffff, 0x3ff0000000000001, 0x7ff0000000000000, 0x05, 0, 112
    ROW fmul_d_rmm, 0x7fefffffffffffff, 0x3ff0000000000001, 0x7ff0000000000000, 0x05, 0, 112
    ROW fmul_d_dyn, 0x7fefffffffffffff, 0x3ff0000000000001, 0x7ff0000000000000, 0x05, 0, 112
    ROW fmul_d_dyn, 0x7fefffffffffffff, 0x3ff0000000000001, 0x7fefffffffffffff, 0x05, 1, 112
    ROW fmul_d_rne, 0x7fe0000000000000, 0x3ff8000000000000, 0x7fe8000000000000, 0x00, 0, 112
    ROW fmul_d_rtz, 0x7fe0000000000000, 0x3ff8000000000000, 0x7fe8000000000000, 0x00, 0, 112
    ROW fmul_d_rdn, 0x7fe0000000000000, 0x3ff8000000000000, 0x7fe8000000000000, 0x00, 0, 112
    ROW fmul_d_rup, 0x7fe0000000000000, 0x3ff8000000000000, 0x7fe8000000000000, 0x00, 0, 112
    ROW fmul_d_rmm, 0x7fe0000000000000, 0x3ff8000000000000, 0x7fe8000000000000, 0x00, 0, 112
    ROW fmul_d_dyn, 0x7fe0000000000000, 0x3ff8000000000000, 0x7fe8000000000000, 0x00, 0, 112
    ROW fmul_d_dyn, 0x7fe0000000000000, 0x3ff8000000000000, 0x7fe8000000000000, 0x00, 1, 112
    ROW fsub_d_rne, 0xffefffffffffffff, 0x7fefffffffffffff, 0xfff0000000000000, 0x05, 0, 112
    ROW fsub_d_rtz, 0xffefffffffffffff, 0x7fefffffffffffff, 0xffefffffffffffff, 0x05, 0, 112
    ROW fsub_d_rdn, 0xffefffffffffffff, 0x7fefffffffffffff, 0xfff0000000000000, 0x05, 0, 112
    ROW fsub_d_rup, 0xffefffffffffffff, 0x7fefffffffffffff, 0xffefffffffffffff, 0x05, 0, 112
    ROW fsub_d_rmm, 0xffefffffffffffff, 0x7fefffffffffffff, 0xfff0000000000000, 0x05, 0, 112
    ROW fsub_d_dyn, 0xffefffffffffffff, 0x7fefffffffffffff, 0xfff0000000000000, 0x05, 0, 112
    ROW fsub_d_dyn, 0xffefffffffffffff, 0x7fefffffffffffff, 0xffefffffffffffff, 0x05, 1, 112
/* 113: double precision, division by zero */
    ROW fdiv_d_rne, 0x3ff0000000000000, 0x0000000000000000, 0x7ff0000000000000, 0x08, 0, 113
    ROW fdiv_d_dyn, 0x3ff0000000000000, 0x0000000000000000, 0x7ff0000000000000, 0x08, 0, 113
    ROW fdiv_d_rne, 0xbff0000000000000, 0x0000000000000000, 0xfff0000000000000, 0x08, 0, 113
    ROW fdiv_d_dyn, 0xbff0000000000000, 0x0000000000000000, 0xfff0000000000000, 0x08, 0, 113
    ROW fdiv_d_rne, 0x3ff0000000000000, 0x8000000000000000, 0xfff0000000000000, 0x08, 0, 113
    ROW fdiv_d_dyn, 0x3ff0000000000000, 0x8000000000000000, 0xfff0000000000000, 0x08, 0, 113
    ROW fdiv_d_rne, 0x7fefffffffffffff, 0x8000000000000000, 0xfff0000000000000, 0x08, 0, 113
    ROW fdiv_d_dyn, 0x7fefffffffffffff, 0x8000000000000000, 0xfff0000000000000, 0x08, 0, 113
    ROW fdiv_d_rne, 0x0010000000000000, 0x0000000000000000, 0x7ff0000000000000, 0x08, 0, 113
    ROW fdiv_d_dyn, 0x0010000000000000, 0x0000000000000000, 0x7ff0000000000000, 0x08, 0, 113
    ROW fdiv_d_rne, 0x0000000000000001, 0x0000000000000000, 0x7ff0000000000000, 0x08, 0, 113
    ROW fdiv_d_dyn, 0x0000000000000001, 0x0000000000000000, 0x7ff0000000000000, 0x08, 0, 113
    ROW fdiv_d_rne, 0x7ff0000000000000, 0x0000000000000000, 0x7ff0000000000000, 0x00, 0, 113
    ROW fdiv_d_dyn, 0x7ff0000000000000, 0x0000000000000000, 0x7ff0000000000000, 0x00, 0, 113
    ROW fdiv_d_rne, 0x7ff0000000000000, 0x8000000000000000, 0xfff0000000000000, 0x00, 0, 113
    ROW fdiv_d_dyn, 0x7ff0000000000000, 0x8000000000000000, 0xfff0000000000000, 0x00, 0, 113
/* 114: double precision, invalid operations */
    ROW fdiv_d_rne, 0x0000000000000000, 0x0000000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fdiv_d_dyn, 0x0000000000000000, 0x0000000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fdiv_d_rne, 0x8000000000000000, 0x0000000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fdiv_d_dyn, 0x8000000000000000, 0x0000000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fdiv_d_rne, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fdiv_d_dyn, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fsub_d_rne, 0x7ff0000000000000, 0x7ff0000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fsub_d_dyn, 0x7ff0000000000000, 0x7ff0000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fadd_d_rne, 0xfff0000000000000, 0x7ff0000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fadd_d_dyn, 0xfff0000000000000, 0x7ff0000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fmul_d_rne, 0x0000000000000000, 0x7ff0000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fmul_d_dyn, 0x0000000000000000, 0x7ff0000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fmul_d_rne, 0xfff0000000000000, 0x8000000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fmul_d_dyn, 0xfff0000000000000, 0x8000000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fsqrt_d_rne, 0xbff0000000000000, 0x0000000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fsqrt_d_dyn, 0xbff0000000000000, 0x0000000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fsqrt_d_rne, 0x8010000000000000, 0x0000000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fsqrt_d_dyn, 0x8010000000000000, 0x0000000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fsqrt_d_rne, 0xfff0000000000000, 0x0000000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fsqrt_d_dyn, 0xfff0000000000000, 0x0000000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fsqrt_d_rne, 0x8000000000000001, 0x0000000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fsqrt_d_dyn, 0x8000000000000001, 0x0000000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fsqrt_d_rne, 0xffefffffffffffff, 0x0000000000000000, 0x7ff8000000000000, 0x10, 0, 114
    ROW fsqrt_d_dyn, 0xffefffffffffffff, 0x0000000000000000, 0x7ff8000000000000, 0x10, 0, 114
/* 115: double precision, fsqrt */
    ROW fsqrt_d_rne, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x00, 0, 115
    ROW fsqrt_d_dyn, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x00, 0, 115
    ROW fsqrt_d_rup, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x00, 0, 115
    ROW fsqrt_d_rne, 0x8000000000000000, 0x0000000000000000, 0x8000000000000000, 0x00, 0, 115
    ROW fsqrt_d_dyn, 0x8000000000000000, 0x0000000000000000, 0x8000000000000000, 0x00, 0, 115
    ROW fsqrt_d_rup, 0x8000000000000000, 0x0000000000000000, 0x8000000000000000, 0x00, 0, 115
    ROW fsqrt_d_rne, 0x7ff0000000000000, 0x0000000000000000, 0x7ff0000000000000, 0x00, 0, 115
    ROW fsqrt_d_dyn, 0x7ff0000000000000, 0x0000000000000000, 0x7ff0000000000000, 0x00, 0, 115
    ROW fsqrt_d_rup, 0x7ff0000000000000, 0x0000000000000000, 0x7ff0000000000000, 0x00, 0, 115
    ROW fsqrt_d_rne, 0x0010000000000000, 0x0000000000000000, 0x2000000000000000, 0x00, 0, 115
    ROW fsqrt_d_dyn, 0x0010000000000000, 0x0000000000000000, 0x2000000000000000, 0x00, 0, 115
    ROW fsqrt_d_rup, 0x0010000000000000, 0x0000000000000000, 0x2000000000000000, 0x00, 0, 115
    ROW fsqrt_d_rne, 0x0020000000000000, 0x0000000000000000, 0x2006a09e667f3bcd, 0x01, 0, 115
    ROW fsqrt_d_dyn, 0x0020000000000000, 0x0000000000000000, 0x2006a09e667f3bcd, 0x01, 0, 115
    ROW fsqrt_d_rup, 0x0020000000000000, 0x0000000000000000, 0x2006a09e667f3bcd, 0x01, 0, 115
    ROW fsqrt_d_rne, 0x0000000000000001, 0x0000000000000000, 0x1e60000000000000, 0x00, 0, 115
    ROW fsqrt_d_dyn, 0x0000000000000001, 0x0000000000000000, 0x1e60000000000000, 0x00, 0, 115
    ROW fsqrt_d_rup, 0x0000000000000001, 0x0000000000000000, 0x1e60000000000000, 0x00, 0, 115
    ROW fsqrt_d_rne, 0x000fffffffffffff, 0x0000000000000000, 0x1fffffffffffffff, 0x01, 0, 115
    ROW fsqrt_d_dyn, 0x000fffffffffffff, 0x0000000000000000, 0x1fffffffffffffff, 0x01, 0, 115
    ROW fsqrt_d_rup, 0x000fffffffffffff, 0x0000000000000000, 0x1fffffffffffffff, 0x01, 0, 115
    ROW fsqrt_d_rne, 0x7fefffffffffffff, 0x0000000000000000, 0x5fefffffffffffff, 0x01, 0, 115
    ROW fsqrt_d_dyn, 0x7fefffffffffffff, 0x0000000000000000, 0x5fefffffffffffff, 0x01, 0, 115
    ROW fsqrt_d_rup, 0x7fefffffffffffff, 0x0000000000000000, 0x5ff0000000000000, 0x01, 0, 115
    ROW fsqrt_d_rne, 0x3fefffffffffffff, 0x0000000000000000, 0x3fefffffffffffff, 0x01, 0, 115
    ROW fsqrt_d_dyn, 0x3fefffffffffffff, 0x0000000000000000, 0x3fefffffffffffff, 0x01, 0, 115
    ROW fsqrt_d_rup, 0x3fefffffffffffff, 0x0000000000000000, 0x3ff0000000000000, 0x01, 0, 115
    ROW fsqrt_d_rne, 0x3fd0000000000000, 0x0000000000000000, 0x3fe0000000000000, 0x00, 0, 115
    ROW fsqrt_d_dyn, 0x3fd0000000000000, 0x0000000000000000, 0x3fe0000000000000, 0x00, 0, 115
    ROW fsqrt_d_rup, 0x3fd0000000000000, 0x0000000000000000, 0x3fe0000000000000, 0x00, 0, 115
/* 116: double precision, subnormal operands */
    ROW fadd_d_rne, 0x0000000000000001, 0x3ff0000000000000, 0x3ff0000000000000, 0x01, 0, 116
    ROW fadd_d_dyn, 0x0000000000000001, 0x3ff0000000000000, 0x3ff0000000000000, 0x01, 0, 116
    ROW fadd_d_rne, 0x0000000000000001, 0x0000000000000001, 0x0000000000000002, 0x00, 0, 116
    ROW fadd_d_dyn, 0x0000000000000001, 0x0000000000000001, 0x0000000000000002, 0x00, 0, 116
    ROW fadd_d_rne, 0x000fffffffffffff, 0x0000000000000001, 0x0010000000000000, 0x00, 0, 116
    ROW fadd_d_dyn, 0x000fffffffffffff, 0x0000000000000001, 0x0010000000000000, 0x00, 0, 116
    ROW fsub_d_rne, 0x000fffffffffffff, 0x0010000000000000, 0x8000000000000001, 0x00, 0, 116
    ROW fsub_d_dyn, 0x000fffffffffffff, 0x0010000000000000, 0x8000000000000001, 0x00, 0, 116
    ROW fmul_d_rne, 0x0000000000000001, 0x4380000000000000, 0x0060000000000000, 0x00, 0, 116
    ROW fmul_d_dyn, 0x0000000000000001, 0x4380000000000000, 0x0060000000000000, 0x00, 0, 116
    ROW fmul_d_rne, 0x000fffffffffffff, 0x4008000000000000, 0x0027fffffffffffe, 0x01, 0, 116
    ROW fmul_d_dyn, 0x000fffffffffffff, 0x4008000000000000, 0x0027fffffffffffe, 0x01, 0, 116
    ROW fmul_d_rne, 0x4090000000000000, 0x0000000000000001, 0x0000000000000400, 0x00, 0, 116
    ROW fmul_d_dyn, 0x4090000000000000, 0x0000000000000001, 0x0000000000000400, 0x00, 0, 116
    ROW fdiv_d_rne, 0x000fffffffffffff, 0x3fd0000000000000, 0x002ffffffffffffe, 0x00, 0, 116
    ROW fdiv_d_dyn, 0x000fffffffffffff, 0x3fd0000000000000, 0x002ffffffffffffe, 0x00, 0, 116
    ROW fdiv_d_rne, 0x3ff0000000000000, 0x000fffffffffffff, 0x7fd0000000000001, 0x01, 0, 116
    ROW fdiv_d_dyn, 0x3ff0000000000000, 0x000fffffffffffff, 0x7fd0000000000001, 0x01, 0, 116
    ROW fdiv_d_rne, 0x0000000000000001, 0x3fc0000000000000, 0x0000000000000008, 0x00, 0, 116
    ROW fdiv_d_dyn, 0x0000000000000001, 0x3fc0000000000000, 0x0000000000000008, 0x00, 0, 116
    ROW fdiv_d_rne, 0x0000000000000001, 0x000fffffffffffff, 0x3cb0000000000001, 0x01, 0, 116
    ROW fdiv_d_dyn, 0x0000000000000001, 0x000fffffffffffff, 0x3cb0000000000001, 0x01, 0, 116
    ROW fmul_d_rne, 0x0000000000000001, 0x3fe0000000000000, 0x0000000000000000, 0x03, 0, 116
    ROW fmul_d_dyn, 0x0000000000000001, 0x3fe0000000000000, 0x0000000000000000, 0x03, 0, 116
    ROW fadd_d_rne, 0x8000000000000003, 0x000fffffffffffff, 0x000ffffffffffffc, 0x00, 0, 116
    ROW fadd_d_dyn, 0x8000000000000003, 0x000fffffffffffff, 0x000ffffffffffffc, 0x00, 0, 116
/* 117: double precision, infinite operands */
    ROW fadd_d_rne, 0x7ff0000000000000, 0x3ff0000000000000, 0x7ff0000000000000, 0x00, 0, 117
    ROW fadd_d_dyn, 0x7ff0000000000000, 0x3ff0000000000000, 0x7ff0000000000000, 0x00, 0, 117
    ROW fadd_d_rne, 0xffefffffffffffff, 0xfff0000000000000, 0xfff0000000000000, 0x00, 0, 117
    ROW fadd_d_dyn, 0xffefffffffffffff, 0xfff0000000000000, 0xfff0000000000000, 0x00, 0, 117
    ROW fsub_d_rne, 0x3ff0000000000000, 0x7ff0000000000000, 0xfff0000000000000, 0x00, 0, 117
    ROW fsub_d_dyn, 0x3ff0000000000000, 0x7ff0000000000000, 0xfff0000000000000, 0x00, 0, 117
    ROW fmul_d_rne, 0x7ff0000000000000, 0xc000000000000000, 0xfff0000000000000, 0x00, 0, 117
    ROW fmul_d_dyn, 0x7ff0000000000000, 0xc000000000000000, 0xfff0000000000000, 0x00, 0, 117
    ROW fmul_d_rne, 0x7ff0000000000000, 0x7ff0000000000000, 0x7ff0000000000000, 0x00, 0, 117
    ROW fmul_d_dyn, 0x7ff0000000000000, 0x7ff0000000000000, 0x7ff0000000000000, 0x00, 0, 117
    ROW fdiv_d_rne, 0x3ff0000000000000, 0x7ff0000000000000, 0x0000000000000000, 0x00, 0, 117
    ROW fdiv_d_dyn, 0x3ff0000000000000, 0x7ff0000000000000, 0x0000000000000000, 0x00, 0, 117
    ROW fdiv_d_rne, 0xfff0000000000000, 0x4008000000000000, 0xfff0000000000000, 0x00, 0, 117
    ROW fdiv_d_dyn, 0xfff0000000000000, 0x4008000000000000, 0xfff0000000000000, 0x00, 0, 117
    ROW fdiv_d_rne, 0x8000000000000000, 0x7ff0000000000000, 0x8000000000000000, 0x00, 0, 117
    ROW fdiv_d_dyn, 0x8000000000000000, 0x7ff0000000000000, 0x8000000000000000, 0x00, 0, 117
    ROW fadd_d_rne, 0x7ff0000000000000, 0x7ff0000000000000, 0x7ff0000000000000, 0x00, 0, 117
    ROW fadd_d_dyn, 0x7ff0000000000000, 0x7ff0000000000000, 0x7ff0000000000000, 0x00, 0, 117
    ROW fsub_d_rne, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff0000000000000, 0x00, 0, 117
    ROW fsub_d_dyn, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff0000000000000, 0x00, 0, 117
/* 118: double precision, quiet NaN operands */
    ROW fadd_d_rne, 0x7ff8000000000000, 0x3ff0000000000000, 0x7ff8000000000000, 0x00, 0, 118
    ROW fadd_d_dyn, 0x7ff8000000000000, 0x3ff0000000000000, 0x7ff8000000000000, 0x00, 0, 118
    ROW fsub_d_rne, 0x3ff0000000000000, 0x7ff8000000012345, 0x7ff8000000000000, 0x00, 0, 118
    ROW fsub_d_dyn, 0x3ff0000000000000, 0x7ff8000000012345, 0x7ff8000000000000, 0x00, 0, 118
    ROW fmul_d_rne, 0x7ff8000000012345, 0x0000000000000000, 0x7ff8000000000000, 0x00, 0, 118
    ROW fmul_d_dyn, 0x7ff8000000012345, 0x0000000000000000, 0x7ff8000000000000, 0x00, 0, 118
    ROW fdiv_d_rne, 0x7ff8000000000000, 0x0000000000000000, 0x7ff8000000000000, 0x00, 0, 118
    ROW fdiv_d_dyn, 0x7ff8000000000000, 0x0000000000000000, 0x7ff8000000000000, 0x00, 0, 118
    ROW fdiv_d_rne, 0x0000000000000000, 0x7ff8000000000000, 0x7ff8000000000000, 0x00, 0, 118
    ROW fdiv_d_dyn, 0x0000000000000000, 0x7ff8000000000000, 0x7ff8000000000000, 0x00, 0, 118
    ROW fmul_d_rne, 0x7ff0000000000000, 0xfff8000000000001, 0x7ff8000000000000, 0x00, 0, 118
    ROW fmul_d_dyn, 0x7ff0000000000000, 0xfff8000000000001, 0x7ff8000000000000, 0x00, 0, 118
    ROW fsqrt_d_rne, 0x7ff8000000012345, 0x0000000000000000, 0x7ff8000000000000, 0x00, 0, 118
    ROW fsqrt_d_dyn, 0x7ff8000000012345, 0x0000000000000000, 0x7ff8000000000000, 0x00, 0, 118
    ROW fadd_d_rne, 0x7ff8000000000000, 0x7ff8000000012345, 0x7ff8000000000000, 0x00, 0, 118
    ROW fadd_d_dyn, 0x7ff8000000000000, 0x7ff8000000012345, 0x7ff8000000000000, 0x00, 0, 118
/* 119: double precision, signalling NaN operands */
    ROW fadd_d_rne, 0x7ff0000000000001, 0x3ff0000000000000, 0x7ff8000000000000, 0x10, 0, 119
    ROW fadd_d_dyn, 0x7ff0000000000001, 0x3ff0000000000000, 0x7ff8000000000000, 0x10, 0, 119
    ROW fsub_d_rne, 0x3ff0000000000000, 0xfff0000000002345, 0x7ff8000000000000, 0x10, 0, 119
    ROW fsub_d_dyn, 0x3ff0000000000000, 0xfff0000000002345, 0x7ff8000000000000, 0x10, 0, 119
    ROW fmul_d_rne, 0x7ff0000000000001, 0x0000000000000000, 0x7ff8000000000000, 0x10, 0, 119
    ROW fmul_d_dyn, 0x7ff0000000000001, 0x0000000000000000, 0x7ff8000000000000, 0x10, 0, 119
    ROW fdiv_d_rne, 0x0000000000000000, 0x7ff0000000000001, 0x7ff8000000000000, 0x10, 0, 119
    ROW fdiv_d_dyn, 0x0000000000000000, 0x7ff0000000000001, 0x7ff8000000000000, 0x10, 0, 119
    ROW fdiv_d_rne, 0xfff0000000002345, 0x7ff8000000000000, 0x7ff8000000000000, 0x10, 0, 119
    ROW fdiv_d_dyn, 0xfff0000000002345, 0x7ff8000000000000, 0x7ff8000000000000, 0x10, 0, 119
    ROW fsqrt_d_rne, 0x7ff0000000000001, 0x0000000000000000, 0x7ff8000000000000, 0x10, 0, 119
    ROW fsqrt_d_dyn, 0x7ff0000000000001, 0x0000000000000000, 0x7ff8000000000000, 0x10, 0, 119
    ROW fsqrt_d_rne, 0xfff0000000002345, 0x0000000000000000, 0x7ff8000000000000, 0x10, 0, 119
    ROW fsqrt_d_dyn, 0xfff0000000002345, 0x0000000000000000, 0x7ff8000000000000, 0x10, 0, 119
    ROW fmul_d_rne, 0x7ff0000000000000, 0x7ff0000000000001, 0x7ff8000000000000, 0x10, 0, 119
    ROW fmul_d_dyn, 0x7ff0000000000000, 0x7ff0000000000001, 0x7ff8000000000000, 0x10, 0, 119
    ROW fadd_d_rne, 0x7ff8000000000000, 0x7ff0000000000001, 0x7ff8000000000000, 0x10, 0, 119
    ROW fadd_d_dyn, 0x7ff8000000000000, 0x7ff0000000000001, 0x7ff8000000000000, 0x10, 0, 119
/* 120: double precision, NaN-boxing */
    ROW fadd_d_rne, 0xffffffff3f800000, 0x3ff0000000000000, 0x7ff8000000000000, 0x00, 0, 120
    ROW fadd_d_dyn, 0xffffffff3f800000, 0x3ff0000000000000, 0x7ff8000000000000, 0x00, 0, 120
    ROW fmul_d_rne, 0x3ff0000000000000, 0xffffffff40000000, 0x7ff8000000000000, 0x00, 0, 120
    ROW fmul_d_dyn, 0x3ff0000000000000, 0xffffffff40000000, 0x7ff8000000000000, 0x00, 0, 120
    ROW fsqrt_d_rne, 0xffffffff3f800000, 0x0000000000000000, 0x7ff8000000000000, 0x00, 0, 120
    ROW fsqrt_d_dyn, 0xffffffff3f800000, 0x0000000000000000, 0x7ff8000000000000, 0x00, 0, 120
    ROW fadd_d_rne, 0xfff0000000000001, 0x3ff0000000000000, 0x7ff8000000000000, 0x10, 0, 120
    ROW fadd_d_dyn, 0xfff0000000000001, 0x3ff0000000000000, 0x7ff8000000000000, 0x10, 0, 120
/* 121: double precision, zero operands of fmul/fdiv */
    ROW fmul_d_rne, 0x0000000000000000, 0x4008000000000000, 0x0000000000000000, 0x00, 0, 121
    ROW fmul_d_dyn, 0x0000000000000000, 0x4008000000000000, 0x0000000000000000, 0x00, 0, 121
    ROW fmul_d_rdn, 0x0000000000000000, 0x4008000000000000, 0x0000000000000000, 0x00, 0, 121
    ROW fmul_d_rne, 0x8000000000000000, 0x4008000000000000, 0x8000000000000000, 0x00, 0, 121
    ROW fmul_d_dyn, 0x8000000000000000, 0x4008000000000000, 0x8000000000000000, 0x00, 0, 121
    ROW fmul_d_rdn, 0x8000000000000000, 0x4008000000000000, 0x8000000000000000, 0x00, 0, 121
    ROW fmul_d_rne, 0xffefffffffffffff, 0x0000000000000000, 0x8000000000000000, 0x00, 0, 121
    ROW fmul_d_dyn, 0xffefffffffffffff, 0x0000000000000000, 0x8000000000000000, 0x00, 0, 121
    ROW fmul_d_rdn, 0xffefffffffffffff, 0x0000000000000000, 0x8000000000000000, 0x00, 0, 121
    ROW fdiv_d_rne, 0x0000000000000000, 0xc01c000000000000, 0x8000000000000000, 0x00, 0, 121
    ROW fdiv_d_dyn, 0x0000000000000000, 0xc01c000000000000, 0x8000000000000000, 0x00, 0, 121
    ROW fdiv_d_rdn, 0x0000000000000000, 0xc01c000000000000, 0x8000000000000000, 0x00, 0, 121
    ROW fdiv_d_rne, 0x8000000000000000, 0x0010000000000000, 0x8000000000000000, 0x00, 0, 121
    ROW fdiv_d_dyn, 0x8000000000000000, 0x0010000000000000, 0x8000000000000000, 0x00, 0, 121
    ROW fdiv_d_rdn, 0x8000000000000000, 0x0010000000000000, 0x8000000000000000, 0x00, 0, 121
    ROW fmul_d_rne, 0x0000000000000000, 0x0010000000000000, 0x0000000000000000, 0x00, 0, 121
    ROW fmul_d_dyn, 0x0000000000000000, 0x0010000000000000, 0x0000000000000000, 0x00, 0, 121
    ROW fmul_d_rdn, 0x0000000000000000, 0x0010000000000000, 0x0000000000000000, 0x00, 0, 121
    ROW fmul_d_rne, 0x8000000000000000, 0x8000000000000000, 0x0000000000000000, 0x00, 0, 121
    ROW fmul_d_dyn, 0x8000000000000000, 0x8000000000000000, 0x0000000000000000, 0x00, 0, 121
    ROW fmul_d_rdn, 0x8000000000000000, 0x8000000000000000, 0x0000000000000000, 0x00, 0, 121
    ROW fdiv_d_rne, 0x8000000000000000, 0xffefffffffffffff, 0x0000000000000000, 0x00, 0, 121
    ROW fdiv_d_dyn, 0x8000000000000000, 0xffefffffffffffff, 0x0000000000000000, 0x00, 0, 121
    ROW fdiv_d_rdn, 0x8000000000000000, 0xffefffffffffffff, 0x0000000000000000, 0x00, 0, 121
rows_end:
