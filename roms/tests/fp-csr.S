/* Floating-point state control: mstatus.FS (Off makes every FP instruction and every fflags /
   frm / fcsr access an illegal instruction, in M, S and U; turning FP off keeps the state),
   FS values and the SD summary bit (also through sstatus), FS becoming Dirty on every kind of
   FP state write (f registers, the FP CSRs, accrued flags), the fcsr / frm / fflags fields
   and their aliasing, reserved fcsr bits, and flag accrual. */
#define TEST_NAME "fp-csr"
#include "common.h"
#include "fp.h"

#define ONE_S    0x3f800000
#define THREE_S  0x40400000
#define SNAN_S   0x7f800001
#define ONE_D    0x3ff0000000000000
#define SENTINEL 0x0123456789abcdef

TEST_MAIN
    la s0, fp_buf            /* s0 = x8, also usable by the compressed FP loads/stores */

    /* The reset value of FS is not checked: the spec leaves it unspecified (QEMU and rvisor
       reset it to Off, and illegal.S relies on that). */

    /* known state, then FP off */
    FP_ENABLE
    FLI f1, SENTINEL
    FLI f8, SENTINEL
    FLI_S f2, SNAN_S
    FLI_S f3, ONE_S
    FLI f4, ONE_D
    li t0, (FRM_RDN << 5) | FFLAG_UF
    csrw fcsr, t0
    FS_SET MSTATUS_FS_OFF
    li a0, 0x55
    li a1, 0x55

    /* ---- FS = Off: every FP instruction and FP CSR access is illegal (M-mode) ---- */
    FP_TEST_ILL 2, flw f1, 0(s0)
    FP_TEST_ILL 3, fsw f1, 0(s0)
    FP_TEST_ILL 4, fld f1, 0(s0)
    FP_TEST_ILL 5, fsd f1, 0(s0)
    FP_TEST_ILL 6, fadd.s f1, f2, f3
    FP_TEST_ILL 7, fadd.d f1, f4, f4
    FP_TEST_ILL 8, fmadd.s f1, f2, f3, f3
    FP_TEST_ILL 9, fnmsub.d f1, f4, f4, f4
    FP_TEST_ILL 10, fsgnj.d f1, f4, f4
    FP_TEST_ILL 11, fmin.s f1, f2, f3
    FP_TEST_ILL 12, feq.d a0, f4, f4
    FP_TEST_ILL 13, fclass.s a0, f3
    FP_TEST_ILL 14, fmv.x.w a0, f3
    FP_TEST_ILL 15, fmv.w.x f1, a1
    FP_TEST_ILL 16, fmv.x.d a0, f4
    FP_TEST_ILL 17, fmv.d.x f1, a1
    FP_TEST_ILL 18, fcvt.w.s a0, f3
    FP_TEST_ILL 19, fcvt.s.l f1, a1
    FP_TEST_ILL 20, fcvt.s.d f1, f4
    FP_TEST_ILL 21, fcvt.d.s f1, f3
    FP_TEST_ILL 22, fsqrt.d f1, f4
    FP_TEST_ILL 23, fdiv.s f1, f2, f3
    FP_TEST_ILL 24, c.fld f8, 0(s0)
    FP_TEST_ILL 25, c.fsd f8, 0(s0)
    FP_TEST_ILL 26, c.fldsp f1, 0(sp)
    FP_TEST_ILL 27, c.fsdsp f1, 0(sp)
    FP_TEST_ILL 28, csrr a0, fflags
    FP_TEST_ILL 29, csrr a0, frm
    FP_TEST_ILL 30, csrr a0, fcsr
    FP_TEST_ILL 31, csrw fflags, zero
    FP_TEST_ILL 32, csrwi frm, 1
    FP_TEST_ILL 33, csrs fcsr, a1
    FP_TEST_ILL 34, csrrci a0, fflags, 1
    FP_TEST_ILL 35, fle.s a0, f2, f3
    FP_TEST_ILL 36, fcvt.d.wu f1, a1
    TEST 37                  /* nothing was written, FS stayed Off */
    CHECK a0, 0x55
    CHECK_FS MSTATUS_FS_OFF

    /* ---- FS = Off in S and U mode ---- */
    LOWER_BEGIN PRV_S
    FP_TEST_ILL 38, fadd.d f1, f4, f4
    FP_TEST_ILL 39, csrr a0, fcsr
    FP_TEST_ILL 40, flw f1, 0(s0)
    FP_TEST_ILL 41, c.fldsp f1, 0(sp)
    LOWER_END
    LOWER_BEGIN PRV_U
    FP_TEST_ILL 42, fmadd.d f1, f4, f4, f4
    FP_TEST_ILL 43, csrw frm, zero
    FP_TEST_ILL 44, fmv.x.w a0, f3
    FP_TEST_ILL 45, c.fsd f8, 0(s0)
    LOWER_END

    /* ---- turning FP off keeps the state ---- */
    TEST 46
    FS_SET MSTATUS_FS_INITIAL
    CHECK_F f1, SENTINEL
    CHECK_F f8, SENTINEL
    csrr t0, fcsr
    CHECK t0, (FRM_RDN << 5) | FFLAG_UF
    CHECK_F f4, ONE_D

    /* ---- FS values and SD (read-only, FS == Dirty), sstatus view ---- */
    TEST 50
    FS_SET MSTATUS_FS_INITIAL
    CHECK_FS MSTATUS_FS_INITIAL
    TEST 51
    FS_SET MSTATUS_FS_CLEAN
    CHECK_FS MSTATUS_FS_CLEAN
    TEST 52
    FS_SET MSTATUS_FS_DIRTY
    CHECK_FS MSTATUS_FS_DIRTY
    TEST 53
    FS_SET MSTATUS_FS_OFF
    CHECK_FS MSTATUS_FS_OFF
    TEST 54                  /* SD cannot be written */
    FS_SET MSTATUS_FS_INITIAL
    li t0, MSTATUS_SD
    csrs mstatus, t0
    CHECK_FS MSTATUS_FS_INITIAL
    TEST 55                  /* sstatus shows FS and SD */
    FS_SET MSTATUS_FS_DIRTY
    csrr t0, sstatus
    li t1, MSTATUS_FS | MSTATUS_SD
    and t0, t0, t1
    CHECK t0, MSTATUS_FS_DIRTY | MSTATUS_SD
    TEST 56
    FS_SET MSTATUS_FS_CLEAN
    csrr t0, sstatus
    li t1, MSTATUS_FS | MSTATUS_SD
    and t0, t0, t1
    CHECK t0, MSTATUS_FS_CLEAN
    TEST 57                  /* FS written through sstatus */
    li t0, MSTATUS_FS
    csrc sstatus, t0
    CHECK_FS MSTATUS_FS_OFF
    li t0, MSTATUS_FS_INITIAL
    csrs sstatus, t0
    CHECK_FS MSTATUS_FS_INITIAL

    /* ---- S-mode turns FP on through sstatus; U-mode uses it ---- */
    FS_SET MSTATUS_FS_OFF
    LOWER_BEGIN PRV_S
    TEST 58
    li t0, MSTATUS_FS_CLEAN
    csrs sstatus, t0
    csrr t0, sstatus
    li t1, MSTATUS_FS | MSTATUS_SD
    and t0, t0, t1
    CHECK t0, MSTATUS_FS_CLEAN
    TEST 59
    li t0, ONE_D
    fmv.d.x f5, t0
    fadd.d f5, f5, f5
    fmv.x.d t0, f5
    CHECK t0, 0x4000000000000000
    csrr t0, sstatus
    li t1, MSTATUS_FS | MSTATUS_SD
    and t0, t0, t1
    CHECK t0, MSTATUS_FS_DIRTY | MSTATUS_SD
    LOWER_END
    FS_SET MSTATUS_FS_CLEAN
    LOWER_BEGIN PRV_U
    TEST 60
    li t0, 0x40000000
    fmv.w.x f6, t0
    li t0, FRM_RTZ << 5
    csrw fcsr, t0
    fsqrt.s f6, f6, dyn
    fmv.x.w t0, f6
    CHECK t0, 0x3fb504f3     /* sqrt(2) rounded towards zero */
    csrr t0, fcsr
    CHECK t0, (FRM_RTZ << 5) | FFLAG_NX
    LOWER_END
    TEST 61
    CHECK_FS MSTATUS_FS_DIRTY

    /* ---- every kind of FP state write makes FS Dirty (from Initial and from Clean) ---- */
    FS_SET MSTATUS_FS_INITIAL
    li t0, ONE_S
    sw t0, 0(s0)
    sw t0, 8(s0)
    li t0, ONE_D
    sd t0, 16(s0)
    sd t0, 0(sp)
    li a1, 0x40000000
    FP_TEST_DIRTY 70, MSTATUS_FS_INITIAL, fmv.w.x f1, a1
    FP_TEST_DIRTY 71, MSTATUS_FS_CLEAN, fmv.w.x f1, a1
    FP_TEST_DIRTY 72, MSTATUS_FS_CLEAN, fmv.d.x f1, a1
    FP_TEST_DIRTY 73, MSTATUS_FS_CLEAN, flw f1, 0(s0)
    FP_TEST_DIRTY 74, MSTATUS_FS_INITIAL, fld f1, 16(s0)
    FP_TEST_DIRTY 75, MSTATUS_FS_CLEAN, c.fld f9, 16(s0)
    FP_TEST_DIRTY 76, MSTATUS_FS_CLEAN, c.fldsp f10, 0(sp)
    FLI_S f2, ONE_S
    FLI_S f3, ONE_S
    FLI f4, ONE_D
    FP_TEST_DIRTY 77, MSTATUS_FS_CLEAN, fadd.s f1, f2, f3      /* exact: no flags */
    FP_TEST_DIRTY 78, MSTATUS_FS_CLEAN, fmadd.d f1, f4, f4, f4
    FP_TEST_DIRTY 79, MSTATUS_FS_CLEAN, fcvt.s.w f1, a1
    FP_TEST_DIRTY 80, MSTATUS_FS_CLEAN, fsgnj.d f1, f4, f4
    FP_TEST_DIRTY 81, MSTATUS_FS_CLEAN, fmin.s f1, f2, f3
    FP_TEST_DIRTY 82, MSTATUS_FS_CLEAN, fcvt.d.s f1, f2
    FP_TEST_DIRTY 83, MSTATUS_FS_CLEAN, csrw fflags, zero
    FP_TEST_DIRTY 84, MSTATUS_FS_CLEAN, csrw frm, zero
    FP_TEST_DIRTY 85, MSTATUS_FS_INITIAL, csrw fcsr, zero
    li a1, FFLAG_NX
    FP_TEST_DIRTY 86, MSTATUS_FS_CLEAN, csrrs a0, fflags, a1
    FP_TEST_DIRTY 87, MSTATUS_FS_CLEAN, csrrwi a0, frm, FRM_RNE
    FP_TEST_DIRTY 88, MSTATUS_FS_CLEAN, csrrci a0, fflags, FFLAG_NX
    FP_TEST_DIRTY 89, MSTATUS_FS_CLEAN, fsqrt.d f1, f4
    /* Instructions that only write an integer register and the accrued flags also modify the
       FP state (fflags): FS must become Dirty. (QEMU 7.2 behaviour: see README.) */
#ifdef FP_CHECK_FLAG_ONLY_DIRTY
    FLI_S f2, SNAN_S
    csrw fflags, zero
    FP_TEST_DIRTY 90, MSTATUS_FS_CLEAN, feq.s a0, f2, f3        /* NV */
    csrw fflags, zero
    FLI_S f2, THREE_S
    FLI_S f3, 0x3fc00000
    FP_TEST_DIRTY 91, MSTATUS_FS_CLEAN, fcvt.w.s a0, f3, rne    /* 1.5: NX */
    csrw fflags, zero
    FLI f31, 0x7ff8000000000000
    csrw fflags, zero
    FP_TEST_DIRTY 92, MSTATUS_FS_CLEAN, flt.d a0, f4, f31       /* f31 = qNaN: NV */
#endif

    /* ---- fcsr, frm and fflags ---- */
    FS_SET MSTATUS_FS_DIRTY
    TEST 100                 /* fcsr = frm << 5 | fflags */
    li t0, 0xff
    csrw fcsr, t0
    csrr t0, fcsr
    CHECK t0, 0xff
    csrr t0, frm
    CHECK t0, 7
    csrr t0, fflags
    CHECK t0, 0x1f
    TEST 101                 /* bits above 7 of fcsr: writes ignored, read as zero */
    li t0, -1
    csrw fcsr, t0
    csrr t0, fcsr
    CHECK t0, 0xff
    TEST 102                 /* fflags: 5 bits, frm unchanged */
    li t0, FRM_RDN << 5
    csrw fcsr, t0
    li t0, -1
    csrw fflags, t0
    csrr t0, fflags
    CHECK t0, 0x1f
    csrr t0, fcsr
    CHECK t0, (FRM_RDN << 5) | 0x1f
    TEST 103                 /* frm: 3 bits, fflags unchanged */
    li t0, FFLAG_OF | FFLAG_NX
    csrw fcsr, t0
    li t0, -1
    csrw frm, t0
    csrr t0, frm
    CHECK t0, 7
    csrr t0, fcsr
    CHECK t0, (7 << 5) | FFLAG_OF | FFLAG_NX
    TEST 104                 /* csrrw returns the old value */
    li t0, (FRM_RUP << 5) | FFLAG_DZ
    csrw fcsr, t0
    li t1, (FRM_RTZ << 5) | FFLAG_NV
    csrrw t0, fcsr, t1
    CHECK t0, (FRM_RUP << 5) | FFLAG_DZ
    csrrw t0, frm, zero
    CHECK t0, FRM_RTZ
    csrrw t0, fflags, zero
    CHECK t0, FFLAG_NV
    csrr t0, fcsr
    CHECK t0, 0
    TEST 105                 /* immediate forms and set/clear */
    csrrwi t0, frm, FRM_RMM
    CHECK t0, 0
    csrrsi t0, fflags, FFLAG_UF | FFLAG_NX
    CHECK t0, 0
    csrrsi t0, fflags, FFLAG_OF
    CHECK t0, FFLAG_UF | FFLAG_NX
    csrrci t0, fflags, FFLAG_NX
    CHECK t0, FFLAG_UF | FFLAG_NX | FFLAG_OF
    csrr t0, fcsr
    CHECK t0, (FRM_RMM << 5) | FFLAG_UF | FFLAG_OF
    li t1, 0x1f
    csrrc t0, fcsr, t1
    CHECK t0, (FRM_RMM << 5) | FFLAG_UF | FFLAG_OF
    csrr t0, fcsr
    CHECK t0, FRM_RMM << 5
    TEST 106                 /* the reserved frm values 5..7 can be written and read back */
    csrwi frm, 5
    csrr t0, frm
    CHECK t0, 5
    csrwi frm, 6
    csrr t0, fcsr
    CHECK t0, 6 << 5
    csrwi frm, 7
    csrr t0, frm
    CHECK t0, 7

    /* ---- flags accrue; instructions never clear them ---- */
    csrw fcsr, zero
    TEST 110
    FLI_S f1, ONE_S
    FLI_S f2, THREE_S
    fdiv.s f5, f1, f2        /* 1/3: NX */
    CHECK_FFLAGS FFLAG_NX
    TEST 111
    fdiv.s f5, f1, f2
    FLI_S f3, 0
    fdiv.s f5, f1, f3        /* 1/0: DZ */
    csrr t0, fflags
    CHECK t0, FFLAG_NX | FFLAG_DZ
    TEST 112
    fadd.s f5, f1, f1        /* exact: flags unchanged */
    csrr t0, fflags
    CHECK t0, FFLAG_NX | FFLAG_DZ
    TEST 113
    FLI_S f6, SNAN_S
    feq.s a0, f6, f1         /* NV */
    CHECK a0, 0
    csrr t0, fflags
    CHECK t0, FFLAG_NX | FFLAG_DZ | FFLAG_NV
    TEST 114
    FLI_S f6, 0x7f7fffff
    fmul.s f5, f6, f6        /* OF NX */
    FLI_S f6, 0x00800000
    fmul.s f5, f6, f2        /* exact */
    FLI_S f7, 0x3e800000
    fmul.s f5, f6, f7        /* 2^-128: exact subnormal, no UF */
    csrr t0, fflags
    CHECK t0, FFLAG_NX | FFLAG_DZ | FFLAG_NV | FFLAG_OF
    FLI_S f7, 0x3eaaaaab
    fmul.s f5, f6, f7        /* tiny and inexact: UF NX */
    csrr t0, fflags
    CHECK t0, 0x1f
    TEST 115                 /* a static rounding mode ignores frm and leaves it alone */
    csrwi frm, FRM_RTZ
    fdiv.s f5, f1, f2, rup
    fmv.x.w t0, f5
    CHECK t0, 0x3eaaaaab
    csrr t0, fcsr
    CHECK t0, (FRM_RTZ << 5) | 0x1f
    TEST 116                 /* a dynamic one uses it */
    fdiv.s f5, f1, f2, dyn
    fmv.x.w t0, f5
    CHECK t0, 0x3eaaaaaa
    fdiv.s f5, f1, f2
    fmv.x.w t0, f5
    CHECK t0, 0x3eaaaaaa     /* the assembler's default rounding mode is dyn */

    TEST_PASS

    .data
    .balign 16
fp_buf: .fill 64, 1, 0
