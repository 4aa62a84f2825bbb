/* A hot loop whose own page is patched between rounds, as Linux patches its text while it
   boots (static keys, alternatives): each patch is a store into a page with compiled code, so
   its region is dropped, and the loop runs on for another round. The page was hot, so the JIT
   must compile it again soon (after an eighth of its hotness threshold, assembly/jit.ts
   jitDropChanged), not only after a whole new threshold of interpreted instructions.
     1     five rounds of N iterations of `addi s2, s2, K`, K patched between rounds
           (1, 3, 1, 3, 1; store then fence.i): s2 = 9 N
   Passes on QEMU 7.2 too. */
#define TEST_NAME "jit-repatch"
#include "common.h"
#define N 40000
#define ROUNDS 5
TEST_MAIN
    TEST 1
    li s2, 0
    li s3, ROUNDS
    la s4, 2f
    li s5, 0x00190913            /* addi s2, s2, 1 */
    li s6, 0x00390913            /* addi s2, s2, 3 */
1:  li s1, N
.option push
.option norvc
2:  addi s2, s2, 1               /* patched between rounds */
.option pop
    addi s1, s1, -1
    bnez s1, 2b
    /* the next round's increment: 3 after an odd number of rounds done, else 1 */
    addi s3, s3, -1
    beqz s3, 3f
    andi t0, s3, 1
    mv t1, s5
    bnez t0, 4f
    mv t1, s6
4:  sw t1, 0(s4)
    fence.i
    j 1b
3:  CHECK s2, 9 * N
    TEST_PASS
