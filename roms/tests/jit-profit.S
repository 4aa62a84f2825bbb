/* The JIT's profitability rule is per entry point (assembly/jit.ts minRun): a page whose entries
   are mostly short calls (a helper returning at once) but which also holds a long loop keeps the
   loop compiled, while the helper's entry is unmarked and interpreted. Each iteration of the main
   loop calls `tiny` (two instructions) twenty times and `big` (a 100-iteration loop) once, both on a
   page of their own: on average the page's entries retire fewer instructions than minRun (a
   rule per page would interpret all of it), `big`'s entry many more. test/jit.test.ts checks the
   share of instructions compiled and that an entry was unmarked; the sums are checked here. */
#define TEST_NAME "jit-profit"
#include "common.h"

#define N 20000

TEST_MAIN
    TEST 1
    li s0, 0              /* sum of tiny's results */
    li s1, 0              /* sum of big's results */
    li s2, N
1:  li s3, 20
2:  mv a0, s3
    call tiny
    add s0, s0, a0
    addi s3, s3, -1
    bnez s3, 2b
    mv a0, s2
    call big
    add s1, s1, a0
    addi s2, s2, -1
    bnez s2, 1b
    /* tiny(k) = k + 1 for k = 20..1, N times: N * 230 */
    CHECK s0, N * 230
    /* big(n) = sum over i < 100 of (n + i) = 100 n + 4950, for n = N..1: 100 N (N+1)/2 + 4950 N */
    CHECK s1, 100 * N * (N + 1) / 2 + 4950 * N
    TEST_PASS

    .balign 4096
tiny:
    addi a0, a0, 1
    ret

big:
    li t0, 100
    li t1, 0
    mv t2, a0
3:  add t1, t1, t2
    addi t2, t2, 1
    addi t0, t0, -1
    bnez t0, 3b
    mv a0, t1
    ret
