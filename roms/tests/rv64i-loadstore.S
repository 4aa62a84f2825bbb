/* RV64I loads and stores: every width, sign/zero extension, positive and negative offsets,
   byte order (little endian), partial stores leaving neighbours intact, rd == rs1, x0 as load
   destination, store/load to the same address back to back. All accesses are aligned. */
#define TEST_NAME "rv64i-loadstore"
#include "common.h"

/* Load from data+off and compare. */
.macro TEST_LD n, inst, expected, off
    TEST \n
    la a1, data
    \inst a0, \off(a1)
    CHECK a0, \expected
.endm
/* Store val at buf+off, then reload the containing doubleword(s). */
.macro TEST_ST n, sinst, linst, val, off, expected
    TEST \n
    la a1, buf
    li a2, \val
    \sinst a2, \off(a1)
    \linst a0, \off(a1)
    CHECK a0, \expected
.endm

TEST_MAIN
    TEST_LD 1, lb,  0xfffffffffffffff0, 0
    TEST_LD 2, lb,  0x000000000000000f, 1
    TEST_LD 3, lbu, 0x00000000000000f0, 0
    TEST_LD 4, lbu, 0x0000000000000080, 7
    TEST_LD 5, lb,  0xffffffffffffff80, 7
    TEST_LD 6, lh,  0x0000000000000ff0, 0
    TEST_LD 7, lh,  0xffffffffffff80ff, 6
    TEST_LD 8, lhu, 0x00000000000080ff, 6
    TEST_LD 9, lw,  0xffffffffff000ff0, 0
    TEST_LD 10, lw, 0xffffffffff000ff0, 0x10
    TEST_LD 11, lwu, 0x00000000ff000ff0, 0x10
    TEST_LD 12, lw, 0x000000007fffffff, 0x14
    TEST_LD 13, ld, 0x80ff00ffff000ff0, 0
    TEST_LD 14, ld, 0x7fffffffff000ff0, 0x10
    TEST_LD 15, ld, 0x0123456789abcdef, 0x18
    /* little endian byte order */
    TEST_LD 16, lbu, 0xef, 0x18
    TEST_LD 17, lbu, 0x01, 0x1f
    TEST_LD 18, lhu, 0xcdef, 0x18
    TEST_LD 19, lwu, 0x89abcdef, 0x18
    TEST_LD 20, lwu, 0x01234567, 0x1c
    /* negative offsets */
    TEST 21
    la a1, data + 0x20
    ld a0, -8(a1)
    CHECK a0, 0x0123456789abcdef
    lbu a0, -1(a1)
    CHECK a0, 0x01
    lh a0, -32(a1)
    CHECK a0, 0x0ff0
    TEST 22                           /* 12-bit offsets at both ends */
    la a1, data - 2047
    lbu a0, 2047(a1)
    CHECK a0, 0xf0
    la a1, data + 2048
    lbu a0, -2048(a1)
    CHECK a0, 0xf0
    TEST 23                           /* rd == rs1 */
    la a0, data
    ld a0, 0x18(a0)
    CHECK a0, 0x0123456789abcdef
    TEST 24                           /* load into x0 is discarded */
    la a1, data
    ld x0, 0x18(a1)
    CHECK x0, 0
    /* stores */
    TEST_ST 25, sd, ld, 0x1122334455667788, 0, 0x1122334455667788
    TEST_ST 26, sw, lw, 0x00000000deadbeef, 8, 0xffffffffdeadbeef
    TEST_ST 27, sw, lwu, 0xffffffffcafef00d, 8, 0xcafef00d
    TEST_ST 28, sh, lh, 0x8001, 16, 0xffffffffffff8001
    TEST_ST 29, sh, lhu, 0x12348001, 16, 0x8001
    TEST_ST 30, sb, lb, 0x80, 24, 0xffffffffffffff80
    TEST_ST 31, sb, lbu, 0x1ff, 24, 0xff
    /* partial stores leave the neighbouring bytes alone */
    TEST 32
    la a1, buf + 32
    li a2, -1
    sd a2, 0(a1)
    sb zero, 3(a1)
    ld a0, 0(a1)
    CHECK a0, 0xffffffff00ffffff
    sh zero, 6(a1)
    ld a0, 0(a1)
    CHECK a0, 0x0000ffff00ffffff
    li a2, 0x12345678
    sw a2, 0(a1)
    ld a0, 0(a1)
    CHECK a0, 0x0000ffff12345678
    li a2, 0xab
    sb a2, 7(a1)
    ld a0, 0(a1)
    CHECK a0, 0xab00ffff12345678
    TEST 33                            /* bytes seen as halfwords and words */
    lhu a0, 2(a1)
    CHECK a0, 0x1234
    lwu a0, 4(a1)
    CHECK a0, 0xab00ffff
    lw a0, 4(a1)
    CHECK a0, 0xffffffffab00ffff
    TEST 34                            /* store with negative offset */
    la a1, buf + 64
    li a2, 0x5a5a5a5a5a5a5a5a
    sd a2, -8(a1)
    ld a0, buf + 56
    CHECK a0, 0x5a5a5a5a5a5a5a5a
    TEST 35                            /* store then load of an overlapping narrower access */
    la a1, buf + 64
    li a2, 0x0807060504030201
    sd a2, 0(a1)
    lbu a0, 5(a1)
    CHECK a0, 6
    sw zero, 4(a1)
    ld a0, 0(a1)
    CHECK a0, 0x04030201
    TEST 36                            /* walk a buffer: 64 stores then 64 loads */
    la a1, buf + 128
    li a2, 0
1:  sb a2, 0(a1)
    addi a1, a1, 1
    addi a2, a2, 1
    li t0, 64
    bne a2, t0, 1b
    la a1, buf + 128
    li a2, 0
    li a3, 0
2:  lbu t0, 0(a1)
    add a3, a3, t0
    addi a1, a1, 1
    addi a2, a2, 1
    li t0, 64
    bne a2, t0, 2b
    CHECK a3, 2016
    ld a0, buf + 128 + 56
    CHECK a0, 0x3f3e3d3c3b3a3938
    TEST_PASS

    .data
    .balign 8
data:
    .byte 0xf0, 0x0f, 0x00, 0xff, 0xff, 0x00, 0xff, 0x80
    .dword 0
    .byte 0xf0, 0x0f, 0x00, 0xff, 0xff, 0xff, 0xff, 0x7f
    .dword 0x0123456789abcdef
    .bss
    .balign 8
buf: .fill 256, 1, 0
