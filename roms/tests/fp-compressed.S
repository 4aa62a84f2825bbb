/* The RV64 compressed FP loads and stores: c.fld / c.fsd (f8-f15, base x8-x15, offsets
   0..248 in steps of 8) and c.fldsp / c.fsdsp (f0-f31, base sp, offsets 0..504). They move
   raw 64-bit patterns (no NaN-box changes, no flags), write only their own register, and a
   fault reports the 2-byte instruction (epc, and the handler continues at epc + 2).
   c.fldsp with rd = f0 is legal (unlike c.ldsp with rd = x0). Each instruction is also checked
   to assemble to 2 bytes. */
#define TEST_NAME "fp-compressed"
#include "common.h"
#include "fp.h"

/* Fail at assembly time unless `inst` is a 2-byte instruction. */
.macro C16 inst:vararg
.Lc\@:
    \inst
    .if (. - .Lc\@) != 2
    .error "not a compressed instruction"
    .endif
.endm

TEST_MAIN
    FP_ENABLE
    csrw fcsr, zero
    la s0, buf               /* x8 */
    la s1, buf + 64          /* x9 */
    la a5, buf + 256         /* x15 */
    /* fill buf with a pattern: dword i = 0xd0d0_0000_0000_0000 + i */
    li t0, 0
    li t1, 128
    li t2, 0xd0d0000000000000
1:  slli t3, t0, 3
    add t3, t3, s0
    or t4, t2, t0
    sd t4, 0(t3)
    addi t0, t0, 1
    blt t0, t1, 1b

    /* ---- c.fld ---- */
    TEST 1
    FLI f0, 0x5555
    C16 c.fld f8, 0(s0)
    CHECK_F f8, 0xd0d0000000000000
    CHECK_F f0, 0x5555       /* rd' = 8 + field: f0 untouched */
    TEST 2
    C16 c.fld f15, 248(a5)   /* buf + 504: dword 63 */
    CHECK_F f15, 0xd0d000000000003f
    TEST 3
    C16 c.fld f12, 8(s1)     /* dword 9 */
    CHECK_F f12, 0xd0d0000000000009
    TEST 4                   /* raw patterns: sNaN, unboxed single; no flags */
    li t0, 0x7ff0000000000001
    sd t0, 520(s0)
    li t0, 0x000000007f800001
    sd t0, 528(s0)
    la a4, buf + 512         /* x14 */
    C16 c.fld f9, 8(a4)
    CHECK_F f9, 0x7ff0000000000001
    C16 c.fld f10, 16(a4)
    CHECK_F f10, 0x000000007f800001
    CHECK_FFLAGS 0

    /* ---- c.fsd ---- */
    TEST 10
    FLI f11, 0x0123456789abcdef
    C16 c.fsd f11, 0(s0)
    ld t0, 0(s0)
    CHECK t0, 0x0123456789abcdef
    ld t0, 8(s0)
    CHECK t0, 0xd0d0000000000001
    TEST 11
    FLI f14, 0xfedcba9876543210
    la a4, buf + 600
    C16 c.fsd f14, 248(a4)   /* buf + 848 */
    ld t0, 848(s0)
    CHECK t0, 0xfedcba9876543210
    ld t0, 840(s0)
    CHECK t0, 0xd0d0000000000069
    TEST 12                  /* a boxed single is stored with its upper half */
    FLI_S f13, 0x3f800000
    C16 c.fsd f13, 16(s1)
    ld t0, 80(s0)
    CHECK t0, 0xffffffff3f800000

    /* ---- c.fldsp / c.fsdsp ---- */
    mv s2, sp
    la sp, buf + 1024
    li t0, 0x1111111111111111
    sd t0, 0(sp)
    li t0, 0x2222222222222222
    sd t0, 504(sp)
    li t0, 0x3333333333333333
    sd t0, 256(sp)
    TEST 20
    C16 c.fldsp f0, 0(sp)
    CHECK_F f0, 0x1111111111111111
    C16 c.fldsp f31, 504(sp)
    CHECK_F f31, 0x2222222222222222
    C16 c.fldsp f17, 256(sp)
    CHECK_F f17, 0x3333333333333333
    TEST 21
    FLI f1, 0xaaaaaaaaaaaaaaaa
    FLI f30, 0xbbbbbbbbbbbbbbbb
    C16 c.fsdsp f1, 8(sp)
    C16 c.fsdsp f30, 496(sp)
    ld t0, 8(sp)
    CHECK t0, 0xaaaaaaaaaaaaaaaa
    ld t0, 496(sp)
    CHECK t0, 0xbbbbbbbbbbbbbbbb
    ld t0, 504(sp)
    CHECK t0, 0x2222222222222222
    TEST 22                  /* round trip of every register through the stack slots */
    li t0, 0x4000000000000000
    fmv.d.x f5, t0
    C16 c.fsdsp f5, 128(sp)
    C16 c.fldsp f6, 128(sp)
    CHECK_F f6, 0x4000000000000000
    C16 c.fsdsp f0, 136(sp)
    C16 c.fldsp f7, 136(sp)
    CHECK_F f7, 0x1111111111111111
    mv sp, s2

    /* ---- faults report the 2-byte instruction ---- */
    li s1, 0                 /* x9 = 0: no device */
    FLI f8, 0x5a5a
    TEST 30
    EXPECT_TRAP
.Lf1:
    C16 c.fld f8, 8(s1)
    CHECK_TRAP CAUSE_LOAD_ACCESS
    CHECK_M_EPC .Lf1
    CHECK_M_TVAL 8
    CHECK_F f8, 0x5a5a
    TEST 31
    EXPECT_TRAP
.Lf2:
    C16 c.fsd f8, 16(s1)
    CHECK_TRAP CAUSE_STORE_ACCESS
    CHECK_M_EPC .Lf2
    CHECK_M_TVAL 16
    TEST 32
    mv s2, sp
    li sp, 0x100
    EXPECT_TRAP
.Lf3:
    C16 c.fldsp f3, 24(sp)
    mv sp, s2                /* the handler continued right after the 2-byte instruction */
    CHECK_TRAP CAUSE_LOAD_ACCESS
    CHECK_M_EPC .Lf3
    CHECK_M_TVAL 0x118
    TEST 33
    li sp, 0x100
    EXPECT_TRAP
.Lf4:
    C16 c.fsdsp f3, 32(sp)
    mv sp, s2
    CHECK_TRAP CAUSE_STORE_ACCESS
    CHECK_M_EPC .Lf4
    CHECK_M_TVAL 0x120

    /* ---- misaligned base (QEMU performs misaligned accesses) ---- */
    TEST 40
    la s0, buf + 1028
    li t0, 0x0706050403020100
    sd t0, -4(s0)
    li t0, 0x0f0e0d0c0b0a0908
    sd t0, 4(s0)
    C16 c.fld f8, 0(s0)
    CHECK_F f8, 0x0b0a090807060504

    /* ---- in U mode ---- */
    la s0, buf
    LOWER_BEGIN PRV_U
    TEST 50
    C16 c.fld f9, 24(s0)
    C16 c.fsd f9, 32(s0)
    LOWER_END
    ld t0, 32(s0)
    CHECK t0, 0xd0d0000000000003

    TEST_PASS

    .data
    .balign 4096
buf: .fill 2048, 1, 0
