/* cycle, time and instret read in hot loops, so that with --jit on the reads run compiled
   (translate.ts isCounterRead: a call to the core's jitCounter, told how many instructions the
   region retired before the read). test/jit.test.ts runs this in lockstep with the
   interpreter under --icount, where every value read must be the interpreter's to the
   instruction; the checks here hold on any implementation (QEMU's instret counts host ticks
   without -icount): instret and cycle advance by at least the instructions between two reads,
   a delay loop polling time ends, and reads after a taken branch in the loop count it. */
#define TEST_NAME "jit-counters"
#include "common.h"

#define ROUNDS 3000

TEST_MAIN
    TEST 1                          /* instret: three instructions between two reads */
    li s0, ROUNDS
    li s1, 0                        /* sum of the deltas */
1:  rdinstret a0
    addi t0, t0, 1
    addi t1, t1, 1
    rdinstret a1
    sub a1, a1, a0
    li t2, 3
    bltu a1, t2, fail_1
    add s1, s1, a1
    addi s0, s0, -1
    bnez s0, 1b
    li t2, 3 * ROUNDS
    bltu s1, t2, fail_1

    TEST 2                          /* cycle and instret, with a taken branch between */
    li s0, ROUNDS
2:  rdcycle a0
    rdinstret a2
    andi t0, s0, 1
    beqz t0, 3f
    addi t1, t1, 1
3:  rdcycle a1
    rdinstret a3
    sub a1, a1, a0
    sub a3, a3, a2
    li t2, 3
    bltu a1, t2, fail_2
    bltu a3, t2, fail_2
    add s1, s1, a3
    addi s0, s0, -1
    bnez s0, 2b

    TEST 3                          /* a delay loop on time, as Linux's __delay: it must end */
    li s0, 200
4:  rdtime a0
    addi a0, a0, 3
5:  rdtime a1
    bltu a1, a0, 5b
    addi s0, s0, -1
    bnez s0, 4b

    TEST 4                          /* reads into x0 and the other encodings of a read */
    li s0, ROUNDS
6:  rdtime zero
    csrrc a0, instret, zero
    csrrsi a1, cycle, 0
    csrrci a2, time, 0
    bltu a1, a0, fail_4             /* cycle >= instret (rvisor: cycle = instret + an offset; QEMU: host ticks) */
    beqz a2, fail_4
    addi s0, s0, -1
    bnez s0, 6b
    TEST_PASS

fail_1: j fail
fail_2: j fail
fail_4: j fail
