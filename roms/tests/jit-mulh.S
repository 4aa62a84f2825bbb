/* The high halves of 64x64-bit products (mulh, mulhu, mulhsu) in a hot loop, so that with --jit
   on they run compiled (translate.ts emitMulHigh: wasm has no such operator, the product is
   built from 32-bit halves). Every pair of a table of edge values (0, 1, -1, the extremes, the
   32-bit boundaries, a few irregular words) goes through all three, each result folded into a
   checksum; the table runs PASSES times. The expected checksum is QEMU's; test/jit.test.ts also
   runs this in lockstep with the interpreter. */
#define TEST_NAME "jit-mulh"
#include "common.h"

#define PASSES 40
/* the checksum on QEMU 7.2 (Debian 1:7.2+dfsg-7) */
#define EXPECTED 0x8f4ea7971dfdc348

TEST_MAIN
    TEST 1
    li s0, 0              /* checksum */
    li s5, PASSES
1:  la s1, values
    la s2, values_end
2:  la s3, values
3:  ld a0, 0(s1)
    ld a1, 0(s3)
    mulh t0, a0, a1
    mulhu t1, a0, a1
    mulhsu t2, a0, a1
    mulhsu t3, a1, a0
    /* fold: checksum = rotl(checksum, 7) ^ result, for each */
    slli t4, s0, 7
    srli s0, s0, 57
    or s0, s0, t4
    xor s0, s0, t0
    add s0, s0, t1
    slli t4, s0, 13
    srli s0, s0, 51
    or s0, s0, t4
    xor s0, s0, t2
    sub s0, s0, t3
    addi s3, s3, 8
    bne s3, s2, 3b
    addi s1, s1, 8
    bne s1, s2, 2b
    addi s5, s5, -1
    bnez s5, 1b
    CHECK s0, EXPECTED
    TEST_PASS

.data
.balign 8
values:
    .dword 0, 1, -1, 2, -2
    .dword 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000001
    .dword 0x00000000ffffffff, 0x0000000100000000, 0xffffffff00000000, 0x00000000fffffffe
    .dword 0x123456789abcdef0, 0x0fedcba987654321, 0xdeadbeefcafef00d, 0x00000000deadbeef
    .dword 0xfffffffe00000001, 0x7fffffff80000000
values_end:
