/* F/D state and conversions inside a hot loop, so that with --jit on they run compiled
   (src/jit/translate.ts compiles fflags/frm/fcsr and the exact cases of compares and
   conversions inline; every other CSR leaves to the interpreter). test/jit.test.ts runs this in
   lockstep with the interpreter, roms.test.ts on the default settings; it passes on QEMU.
   (The conversion and compare tables of rv64f-jit.S and rv64d-jit.S run in stubs ending in ret;
   here the same instructions sit in straight-line code that falls into a branch target.)

   Each of N iterations takes a pseudo-random v (xorshift64) and applies csrrw, csrrs, csrrc,
   csrrwi, csrrsi and csrrci (also with rd = x0 and with a zero source, which do not read or do
   not write) to the three CSRs, checking every old value against a model of fcsr kept in s1
   (fflags in bits 4:0, frm in bits 7:5, nothing above). Every 4th iteration starts with
   mstatus.FS = Clean: a read must leave it Clean, the first write must make it Dirty with SD
   (compiled code leaves such an access to the interpreter, which is checked here too).

   Check numbers:
     1  an old value read by a CSR instruction differs from the model
     2  fcsr differs from the model at the end of an iteration or of the loop
     3  mstatus.FS/SD wrong after a read in state Clean (Clean) or after a write (Dirty, SD)
     4  integer -> double -> integer round trips of the iteration number (exact), the
        truncation of i + 0.5 (NX), and compares of the converted values, wrong
     5  fused multiply-adds whose exact result lies just above a midpoint that an unfused
        (doubly rounded) sum lands on: a*b = 2^-53 + tiny, a*b + 1 must round up to 1 + 2^-52
        (the JIT's emulated fma takes them, with NX preset: its rounding to odd decides)
     6  mstatus.FS not Dirty (with SD) after an F/D write or load that follows FS made Clean by
        a CSR write: the interpreter runs that one (compiled code checks FS once per block, and
        the CSR write ended the block whose check found it Dirty) */
#define TEST_NAME "jit-fp"
#include "common.h"
#include "fp.h"

#define N 5000

TEST_MAIN
.option push
.option norvc
    FP_ENABLE
    csrw fcsr, zero
    li s1, 0                    /* the model of fcsr */
    li s2, 0                    /* iteration */
    li s3, N
    li s4, 0x9e3779b97f4a7c15   /* xorshift64 state */
1:  slli t0, s4, 13
    xor s4, s4, t0
    srli t0, s4, 7
    xor s4, s4, t0
    slli t0, s4, 17
    xor s4, s4, t0
    mv s5, s4                   /* v */

    andi t0, s2, 3
    bnez t0, 2f
    FS_SET MSTATUS_FS_CLEAN
    TEST 1
    frflags t1                  /* a read: FS stays Clean */
    andi t2, s1, 0x1f
    CHECK_EQ t1, t2
    TEST 3
    csrr t2, mstatus
    CHECK_MASK t2, (MSTATUS_FS | MSTATUS_SD), MSTATUS_FS_CLEAN
2:
    TEST 1
    /* csrrw fflags, v */
    csrrw t1, fflags, s5
    andi t2, s1, 0x1f
    CHECK_EQ t1, t2
    andi t2, s1, 0xe0
    andi t3, s5, 0x1f
    or s1, t2, t3
    TEST 3
    csrr t2, mstatus
    CHECK_MASK t2, (MSTATUS_FS | MSTATUS_SD), (MSTATUS_FS_DIRTY | MSTATUS_SD)
    TEST 1
    /* csrrs frm, v */
    csrrs t1, frm, s5
    srli t2, s1, 5
    andi t2, t2, 7
    CHECK_EQ t1, t2
    andi t3, s5, 7
    slli t3, t3, 5
    or s1, s1, t3
    /* csrrc fcsr, v >> 8 (bits above 7 of the source change nothing) */
    srli t4, s5, 8
    csrrc t1, fcsr, t4
    CHECK_EQ t1, s1
    not t3, t4
    and s1, s1, t3
    andi s1, s1, 0xff
    /* csrrwi frm, 3 */
    csrrwi t1, frm, 3
    srli t2, s1, 5
    andi t2, t2, 7
    CHECK_EQ t1, t2
    andi s1, s1, 0x1f
    ori s1, s1, 3 << 5
    /* csrrsi fflags, 0x11 */
    csrrsi t1, fflags, 0x11
    andi t2, s1, 0x1f
    CHECK_EQ t1, t2
    ori s1, s1, 0x11
    /* csrrci fcsr, 5 */
    csrrci t1, fcsr, 5
    CHECK_EQ t1, s1
    andi s1, s1, ~5
    /* csrrw x0, fcsr, v >> 16: written, not read */
    srli t4, s5, 16
    csrrw zero, fcsr, t4
    andi s1, t4, 0xff
    /* csrrs t1, frm, x0 and csrrci t1, fflags, 0: read, not written */
    csrrs t1, frm, zero
    srli t2, s1, 5
    andi t2, t2, 7
    CHECK_EQ t1, t2
    csrrci t1, fflags, 0
    andi t2, s1, 0x1f
    CHECK_EQ t1, t2
    /* csrrc fflags, v >> 24, rd = x0 */
    srli t4, s5, 24
    csrrc zero, fflags, t4
    andi t3, t4, 0x1f
    not t3, t3
    and s1, s1, t3
    /* csrrsi frm, v-independent 4, then csrrw frm from a register */
    csrrsi t1, frm, 4
    srli t2, s1, 5
    andi t2, t2, 7
    CHECK_EQ t1, t2
    ori s1, s1, 4 << 5
    srli t4, s5, 32
    csrrw t1, frm, t4
    srli t2, s1, 5
    andi t2, t2, 7
    CHECK_EQ t1, t2
    andi s1, s1, 0x1f
    andi t3, t4, 7
    slli t3, t3, 5
    or s1, s1, t3
    TEST 2
    frcsr t1
    CHECK_EQ t1, s1

    /* Conversions and compares, twice round a small loop whose head is reached by falling
       through from the conversions before it. s6 sums what they give. */
    TEST 4
    csrw fcsr, zero
    li s6, 0
    li t3, 2
    fcvt.d.lu ft0, s2           /* i */
    fcvt.d.l ft1, s3            /* N */
    fcvt.d.w ft2, s2
    fcvt.s.wu ft3, s2
3:  flt.d t1, ft0, ft1          /* i < N: 1 */
    add s6, s6, t1
    fle.d t1, ft1, ft0          /* N <= i: 0 */
    add s6, s6, t1
    feq.d t1, ft0, ft2          /* 1 */
    add s6, s6, t1
    fcvt.l.d t1, ft0, rtz       /* i */
    add s6, s6, t1
    fcvt.wu.s t1, ft3, rne      /* i */
    add s6, s6, t1
    fcvt.d.s ft4, ft3
    feq.d t1, ft4, ft0          /* 1 */
    add s6, s6, t1
    fmax.d ft5, ft0, ft1        /* N */
    fcvt.l.d t1, ft5
    add s6, s6, t1
    addi t3, t3, -1
    bnez t3, 3b
    frflags t1
    CHECK t1, 0                 /* all exact so far */
    fcvt.d.l ft6, s2
    li t2, 0x3fe0000000000000   /* 0.5 */
    fmv.d.x ft7, t2
    fadd.d ft6, ft6, ft7        /* i + 0.5: exact */
    fcvt.l.d t1, ft6, rtz       /* i, inexact */
    sub t1, t1, s2
    add s6, s6, t1
    frflags t1
    CHECK t1, FFLAG_NX
    /* s6 = 2 * (1 + 0 + 1 + i + i + 1 + N) */
    slli t1, s2, 1
    addi t1, t1, 3
    add t1, t1, s3
    slli t1, t1, 1
    CHECK_EQ s6, t1
    csrw fcsr, s1               /* the model's state back */

    TEST 5
    csrw fcsr, FFLAG_NX
    li t1, 0x3ff0000000000000
    fmv.d.x ft8, t1             /* 1 */
    la t3, fma_cases
    la t4, fma_cases_end
4:  fld ft9, 0(t3)
    fld ft10, 8(t3)
    fmadd.d ft11, ft9, ft10, ft8
    fmv.x.d t1, ft11
    CHECK t1, 0x3ff0000000000001
    fnmadd.d ft11, ft9, ft10, ft8
    fmv.x.d t1, ft11
    CHECK t1, 0xbff0000000000001
    addi t3, t3, 16
    bltu t3, t4, 4b
    frflags t1
    CHECK t1, FFLAG_NX
    csrw fcsr, s1

    TEST 6
    fadd.d ft0, ft8, ft8, rne   /* FS Dirty here (fcsr holds the model: frm may be reserved) */
    FS_SET MSTATUS_FS_CLEAN
    fadd.d ft0, ft8, ft8, rne
    csrr t2, mstatus
    CHECK_MASK t2, (MSTATUS_FS | MSTATUS_SD), (MSTATUS_FS_DIRTY | MSTATUS_SD)
    la t3, fma_cases
    fld ft1, 0(t3)              /* FS Dirty here */
    FS_SET MSTATUS_FS_CLEAN
    fld ft1, 8(t3)
    csrr t2, mstatus
    CHECK_MASK t2, (MSTATUS_FS | MSTATUS_SD), (MSTATUS_FS_DIRTY | MSTATUS_SD)
    fsub.d ft0, ft0, ft0, rne

    addi s2, s2, 1
    bne s2, s3, 1b
    TEST 2
    csrr t1, fcsr
    CHECK_EQ t1, s1
    csrw fcsr, zero
.option pop
    j pass

    .data
    .balign 8
/* a, b with a*b = 2^-53 + a positive tail below 2^-106 (found by search, exact products) */
fma_cases:
    .dword 0x3e4f3a80f74390ff, 0x3e40653005b38734
    .dword 0x3e42c9afa9feae47, 0x3e4b406db4f5bf3c
    .dword 0x3e45ecdea36e57ab, 0x3e475a1fcab812dc
    .dword 0x3e43945065d5f0b8, 0x3e4a26663c8777d3
fma_cases_end:
