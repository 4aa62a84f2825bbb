/* NaN-boxing and the FP transfer instructions. flw and fmv.w.x box (upper 32 bits all ones);
   fsw and fmv.x.w transfer the low 32 bits of any register, boxed or not (fmv.x.w
   sign-extends); fld/fsd/fmv.d.x/fmv.x.d move raw 64-bit patterns. Transfers never
   canonicalise NaNs or raise flags. Every other single-precision instruction reads an
   improperly boxed operand as the canonical NaN (a quiet NaN: no NV by itself), including
   fsgnj/fsgnjn/fsgnjx and fmv.s/fneg.s/fabs.s, while the double-precision sign injections
   work on the raw 64 bits. Also: load/store offsets and registers, misaligned FP accesses
   (QEMU performs them, like the integer ones), access faults (cause 5/7, tval = address, the
   destination register unchanged), FP loads and stores in S and U mode. */
#define TEST_NAME "fp-nanbox"
#include "common.h"
#include "fp.h"

#define CANON_S  0xffffffff7fc00000
#define CANON_D  0x7ff8000000000000

TEST_MAIN
    FP_ENABLE
    csrw fcsr, zero
    la s0, buf

    /* ---- flw boxes; no canonicalisation, no flags ---- */
    TEST 1
    li t0, 0x3f800000
    sw t0, 0(s0)
    FLI f1, 0x400921fb54442d18          /* a double first */
    flw f1, 0(s0)
    CHECK_F f1, 0xffffffff3f800000
    TEST 2
    li t0, 0x7f800001                    /* sNaN */
    sw t0, 4(s0)
    flw f2, 4(s0)
    CHECK_F f2, 0xffffffff7f800001
    li t0, 0xffc12345                    /* negative qNaN with payload */
    sw t0, 8(s0)
    flw f31, 8(s0)
    CHECK_F f31, 0xffffffffffc12345
    CHECK_FFLAGS 0

    /* ---- fsw stores the low 32 bits of any register, and only 4 bytes ---- */
    TEST 3
    li t0, -1
    sd t0, 16(s0)
    sd t0, 24(s0)
    FLI f3, 0x123456789abcdef0           /* not boxed */
    fsw f3, 20(s0)
    ld t0, 16(s0)
    CHECK t0, 0x9abcdef0ffffffff
    ld t0, 24(s0)
    CHECK t0, -1
    TEST 4
    fsw f2, 16(s0)                       /* boxed sNaN: stored as is */
    lwu t0, 16(s0)
    CHECK t0, 0x7f800001
    FLI f4, 0x7ff0000000000001           /* a double sNaN: low half 0x00000001 */
    fsw f4, 24(s0)
    lwu t0, 24(s0)
    CHECK t0, 1
    CHECK_FFLAGS 0

    /* ---- fld / fsd: raw 64 bits ---- */
    TEST 5
    li t0, 0x7ff0000000000001
    sd t0, 32(s0)
    fld f5, 32(s0)
    CHECK_F f5, 0x7ff0000000000001
    li t0, 0x000000003f800000            /* an unboxed single pattern */
    sd t0, 40(s0)
    fld f6, 40(s0)
    CHECK_F f6, 0x000000003f800000
    fsd f6, 48(s0)
    ld t0, 48(s0)
    CHECK t0, 0x000000003f800000
    fsd f5, 56(s0)
    ld t0, 56(s0)
    CHECK t0, 0x7ff0000000000001
    CHECK_FFLAGS 0
    TEST 6                               /* a boxed single loaded with fld is a proper single */
    li t0, 0xffffffff3f800000
    sd t0, 64(s0)
    fld f7, 64(s0)
    fadd.s f8, f7, f7
    CHECK_F f8, 0xffffffff40000000

    /* ---- fmv.x.w: low 32 bits sign-extended, no NaN-box check; fmv.w.x boxes ---- */
    TEST 7
    fmv.x.w t0, f3                       /* 0x123456789abcdef0 */
    CHECK t0, 0xffffffff9abcdef0
    FLI f9, 0xffffffff7fc00001
    fmv.x.w t0, f9
    CHECK t0, 0x7fc00001
    FLI f9, 0x00000000ffffffff
    fmv.x.w t0, f9
    CHECK t0, -1
    fmv.x.w t0, f2                       /* sNaN: no flags */
    CHECK t0, 0x7f800001
    TEST 8
    li t1, 0x123456789abcdef0
    fmv.w.x f10, t1
    CHECK_F f10, 0xffffffff9abcdef0
    li t1, 0x7f800001
    fmv.w.x f10, t1
    CHECK_F f10, 0xffffffff7f800001
    li t1, 0x00000000ffc00001
    fmv.w.x f0, t1
    CHECK_F f0, 0xffffffffffc00001
    TEST 9
    li t1, 0xfff0000000000001
    fmv.d.x f11, t1
    CHECK_F f11, 0xfff0000000000001
    fmv.x.d t0, f11
    CHECK t0, 0xfff0000000000001
    CHECK_FFLAGS 0

    /* ---- improperly boxed operands are the canonical NaN ---- */
    FLI f12, 0x000000003f800000          /* unboxed 1.0f */
    FLI f13, 0xfffffffe3f800000          /* almost boxed 1.0f */
    FLI_S f14, 0xbf800000                /* -1.0f */
    FLI_S f15, 0x40000000                /* 2.0f */
    TEST 10
    fadd.s f16, f12, f15
    CHECK_F f16, CANON_S
    fmul.s f16, f15, f13
    CHECK_F f16, CANON_S
    CHECK_FFLAGS 0                       /* quiet */
    TEST 11                              /* fsgnj*.s: the magnitude and sign of the canonical NaN */
    fsgnj.s f16, f12, f14
    CHECK_F f16, 0xffffffffffc00000
    fsgnjn.s f16, f14, f12
    CHECK_F f16, 0xffffffffbf800000
    fsgnjx.s f16, f14, f13
    CHECK_F f16, 0xffffffffbf800000
    fsgnj.s f16, f15, f12
    CHECK_F f16, 0xffffffff40000000
    TEST 12                              /* fmv.s / fneg.s / fabs.s are not raw copies */
    fmv.s f16, f12
    CHECK_F f16, CANON_S
    fneg.s f16, f13
    CHECK_F f16, 0xffffffffffc00000
    fabs.s f16, f12
    CHECK_F f16, CANON_S
    TEST 13                              /* the double sign injections work on the raw bits */
    FLI f17, 0xffffffff3f800000
    fsgnjn.d f16, f17, f17
    CHECK_F f16, 0x7fffffff3f800000
    fabs.d f16, f12
    CHECK_F f16, 0x000000003f800000
    fsgnj.d f16, f12, f14
    CHECK_F f16, 0x800000003f800000
    TEST 14
    fcvt.d.s f16, f12
    CHECK_F f16, CANON_D
    fclass.s t0, f13
    CHECK t0, 0x200
    fmin.s f16, f12, f15
    CHECK_F f16, 0xffffffff40000000
    fmax.s f16, f12, f13
    CHECK_F f16, CANON_S
    feq.s t0, f12, f12
    CHECK t0, 0
    CHECK_FFLAGS 0
    flt.s t0, f12, f15
    CHECK t0, 0
    CHECK_FFLAGS FFLAG_NV
    TEST 15                              /* an unboxed sNaN pattern is just the canonical (quiet) NaN */
    FLI f18, 0x000000007f800001
    fadd.s f16, f18, f15
    CHECK_F f16, CANON_S
    CHECK_FFLAGS 0
    fcvt.w.s t0, f18
    CHECK t0, 0x7fffffff
    CHECK_FFLAGS FFLAG_NV
    TEST 16                              /* single results are boxed, whatever rd held */
    FLI f19, 0x0123456789abcdef
    fcvt.s.d f19, f5                     /* sNaN -> canonical NaN, NV */
    CHECK_F f19, CANON_S
    CHECK_FFLAGS FFLAG_NV
    FLI f19, 0x0123456789abcdef
    fcvt.s.w f19, zero
    CHECK_F f19, 0xffffffff00000000
    FLI f19, 0x0123456789abcdef
    fmadd.s f19, f15, f15, f14
    CHECK_F f19, 0xffffffff40400000

    /* ---- load/store addressing: offsets at the limits, any registers ---- */
    la s1, buf + 2048
    TEST 20
    li t0, 0x1122334455667788
    sd t0, 2040(s1)                      /* buf + 4088 */
    fld f31, 2040(s1)
    CHECK_F f31, 0x1122334455667788
    flw f0, 2044(s1)
    CHECK_F f0, 0xffffffff11223344
    TEST 21
    li t0, 0x0badcafe0badf00d
    sd t0, 0(s0)
    fld f1, -2048(s1)
    CHECK_F f1, 0x0badcafe0badf00d
    fsd f1, -8(s1)
    ld t0, 2040(s0)
    CHECK t0, 0x0badcafe0badf00d
    fsw f0, -2044(s1)                    /* buf + 4 */
    lwu t0, 4(s0)
    CHECK t0, 0x11223344
    TEST 22                              /* base register x31 */
    mv t6, s0
    fld f2, 0(t6)
    CHECK_F f2, 0x112233440badf00d

    /* ---- misaligned FP loads and stores (QEMU performs them) ---- */
    TEST 30
    li t0, 0x0706050403020100
    sd t0, 128(s0)
    li t0, 0x0f0e0d0c0b0a0908
    sd t0, 136(s0)
    flw f3, 130(s0)
    CHECK_F f3, 0xffffffff05040302
    flw f3, 135(s0)
    CHECK_F f3, 0xffffffff0a090807
    fld f3, 132(s0)
    CHECK_F f3, 0x0b0a090807060504
    fld f3, 129(s0)
    CHECK_F f3, 0x0807060504030201
    TEST 31
    FLI f4, 0x1716151413121110
    fsd f4, 131(s0)
    ld t0, 128(s0)
    CHECK t0, 0x1413121110020100
    ld t0, 136(s0)
    CHECK t0, 0x0f0e0d0c0b171615
    fsw f4, 138(s0)
    ld t0, 136(s0)
    CHECK t0, 0x0f0e131211101615

    /* ---- access faults: cause 5 / 7, tval = address, nothing written ---- */
    FLI f5, 0x5a5a5a5a5a5a5a5a
    li s2, 0
    TEST 40
    EXPECT_TRAP
    fld f5, 0(s2)
    CHECK_TRAP CAUSE_LOAD_ACCESS
    CHECK_M_TVAL 0
    CHECK_F f5, 0x5a5a5a5a5a5a5a5a
    TEST 41
    EXPECT_TRAP
    flw f5, 0x100(s2)
    CHECK_TRAP CAUSE_LOAD_ACCESS
    CHECK_M_TVAL 0x100
    CHECK_F f5, 0x5a5a5a5a5a5a5a5a
    TEST 42
    EXPECT_TRAP
    fsd f5, 8(s2)
    CHECK_TRAP CAUSE_STORE_ACCESS
    CHECK_M_TVAL 8
    TEST 43
    EXPECT_TRAP
    fsw f5, 0x104(s2)
    CHECK_TRAP CAUSE_STORE_ACCESS
    CHECK_M_TVAL 0x104

    /* ---- FP loads and stores in S and U mode ---- */
    li t0, 0x4045000000000000            /* 42.0 */
    sd t0, 200(s0)
    LOWER_BEGIN PRV_S
    TEST 50
    fld f6, 200(s0)
    fadd.d f6, f6, f6
    fsd f6, 208(s0)
    ld t0, 208(s0)
    CHECK t0, 0x4055000000000000
    LOWER_END
    LOWER_BEGIN PRV_U
    TEST 51
    flw f7, 204(s0)                      /* upper half of 42.0: 0x40450000 = 3.078125f */
    CHECK_F f7, 0xffffffff40450000
    fsw f7, 216(s0)
    lwu t0, 216(s0)
    CHECK t0, 0x40450000
    LOWER_END

    TEST_PASS

    .data
    .balign 4096
buf: .fill 4096, 1, 0
