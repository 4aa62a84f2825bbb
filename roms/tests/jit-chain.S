/* Compiled regions jumping straight into each other (translate.ts chaining): a hot loop calls f
   on another page, which calls g on a third; each returns. With the JIT on, every call and
   return goes from one region to the next by a tail call inside wasm, not through the
   interpreter's dispatch (test/jit.test.ts checks that run() entered compiled code far fewer
   times than there were calls, and runs this in lockstep with the interpreter); the sums are
   checked here. */
#define TEST_NAME "jit-chain"
#include "common.h"

#define N 50000

TEST_MAIN
    TEST 1
    li s0, 0
    li s1, N
1:  mv a0, s1
    call f
    add s0, s0, a0
    addi s1, s1, -1
    bnez s1, 1b
    /* f(n) = g(n) + 2n and g(n) = 3n + 40 * 1, so f(n) = 5n + 40: 5 N (N+1)/2 + 40 N */
    CHECK s0, 5 * N * (N + 1) / 2 + 40 * N
    TEST_PASS

    .balign 4096
f:  addi sp, sp, -16
    sd ra, 8(sp)
    sd a0, 0(sp)
    call g
    ld t0, 0(sp)
    slli t0, t0, 1
    add a0, a0, t0
    ld ra, 8(sp)
    addi sp, sp, 16
    ret

    .balign 4096
g:  slli t0, a0, 1
    add a0, a0, t0
    li t1, 40
2:  addi a0, a0, 1
    addi t1, t1, -1
    bnez t1, 2b
    ret
