/* Self-modifying code while the code is hot (so that, with --jit on, it runs compiled): a
   function on the same page as its caller patched between calls, one on another page, and a
   loop that patches its own body halfway through. Each patch is a store then fence.i, as the
   unprivileged spec requires; the instructions patched are 4 bytes (norvc). */
#define TEST_NAME "jit-smc"
#include "common.h"
TEST_MAIN
    /* a hot call to f, on this page */
    TEST 1
    li s1, 20000
1:  call f
    addi s1, s1, -1
    bnez s1, 1b
    CHECK a0, 1
    TEST 2
    la t0, f
    li t1, 0x00200513            /* addi a0, zero, 2 */
    sw t1, 0(t0)
    fence.i
    call f
    CHECK a0, 2
    /* a hot call to g, on another page */
    TEST 3
    li s1, 20000
2:  call g
    addi s1, s1, -1
    bnez s1, 2b
    CHECK a0, 7
    TEST 4
    la t0, g
    li t1, 0x00900513            /* addi a0, zero, 9 */
    sw t1, 0(t0)
    fence.i
    call g
    CHECK a0, 9
    /* a loop that patches its own body after 5000 of its 10000 iterations */
    TEST 5
    li s1, 0
    li s2, 0
    la t0, 3f
    li t3, 5000
    li t4, 10000
.option push
.option norvc
3:  addi s2, s2, 1               /* becomes addi s2, s2, 100 */
.option pop
    addi s1, s1, 1
    bne s1, t3, 4f
    li t1, 0x06490913            /* addi s2, s2, 100 */
    sw t1, 0(t0)
    fence.i
4:  bne s1, t4, 3b
    CHECK s2, 505000
    TEST_PASS

.option push
.option norvc
f:  li a0, 1
    ret
    .balign 4096
g:  li a0, 7
    ret
.option pop
