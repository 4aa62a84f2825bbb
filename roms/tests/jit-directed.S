/* Directed cases for compiled code (run with --jit on and a low hotness threshold, see
   test/jit.test.ts; they pass on the interpreter and on QEMU too):
   1. an exception at every position of a hot straight-line run: in iteration i the load at
      position i mod 8 faults; the faulting load must not have written its destination, the
      ones before it must have, mepc must name it, and execution resumes after it;
   2. a timer interrupt arriving while a compiled loop polls memory: it must be taken (the
      loop only ends through it);
   3. a hot loop whose body spans a page boundary (one region per page);
   4. a hot loop calling a function on another page (regions chain into each other) that holds
      an instruction compiled code leaves to the interpreter: the interpreter must pick up in
      the callee's page, not the caller's, and the sum must match the same work done inline;
   5. a timer interrupt arriving while a loop polls memory through a call to another page: no
      run() boundary between the regions, so only the budget can end the chain. */
#define TEST_NAME "jit-directed"
#include "common.h"

/* Position p of case 1: t0 = p + 1, then a load into t0 (0 from zero_word, or a fault when
   a<p> is 0), then the sum. A precise fault leaves t0 = p + 1 in the sum. */
.macro POS p, reg
    li t0, \p + 1
pos\p: ld t0, 0(\reg)
    add s3, s3, t0
.endm

/* a<n> = zero_word, except the one named by s4 (0..7), which becomes 0 (an access fault). */
.macro SET_GOOD reg
    la \reg, zero_word
.endm

/* Cases 2 and 5: the machine timer armed 200 us ahead with interrupts on, s4 = &m_count (the
   trap count a poll loop waits on) and s5 = 0 (the loop's iterations); then the interrupt
   taken, once the loop has run. */
.macro TIMER_ARM
    TRAPS_RESET
    li t0, MIP_MTIP
    csrw mie, t0
    li t0, CLINT_MTIME
    ld t1, 0(t0)
    li t2, 2000                      /* 200 us of the 10 MHz timebase */
    add t1, t1, t2
    li t0, CLINT_MTIMECMP
    sd t1, 0(t0)
    la s4, m_count
    li s5, 0
    csrsi mstatus, MSTATUS_MIE
.endm
.macro TIMER_TAKEN
    csrci mstatus, MSTATUS_MIE
    csrw mie, zero
    CHECK_M_CAUSE INTR | IRQ_MTI
    CHECK_NE s5, zero
.endm

TEST_MAIN
.option push
.option norvc
    csrw mideleg, zero
    csrw mie, zero

    TEST 1
    TRAPS_RESET
    li s1, 0                         /* iteration */
    li s2, 4000
1:  andi s4, s1, 7                   /* the faulting position */
    SET_GOOD a0
    SET_GOOD a1
    SET_GOOD a2
    SET_GOOD a3
    SET_GOOD a4
    SET_GOOD a5
    SET_GOOD a6
    SET_GOOD a7
    la t1, bad_table
    slli t2, s4, 3
    add t1, t1, t2
    jalr zero, 0(t1)                 /* an in-page indirect jump: makes a<s4> = 0 */
2:  li s3, 0
    li tp, -1                        /* one fault expected in the run below */
    POS 0, a0
    POS 1, a1
    POS 2, a2
    POS 3, a3
    POS 4, a4
    POS 5, a5
    POS 6, a6
    POS 7, a7
    CHECK tp, CAUSE_LOAD_ACCESS
    li tp, 0
    addi t2, s4, 1                   /* only the faulting load left t0 = p + 1 */
    CHECK_EQ s3, t2
    la t1, epc_table                 /* mepc is the faulting load */
    slli t2, s4, 3
    add t1, t1, t2
    ld t2, 0(t1)
    ld t5, m_last + LAST_EPC
    CHECK_EQ t5, t2
    ld t5, m_last + LAST_TVAL        /* mtval: the address, 0 */
    CHECK t5, 0
    addi s1, s1, 1
    bne s1, s2, 1b
    ld t0, m_count
    CHECK t0, 4000

    TEST 2
    TIMER_ARM
3:  ld t0, 0(s4)
    addi s5, s5, 1
    beqz t0, 3b
    TIMER_TAKEN

    TEST 3
    li s1, 0
    li s2, 30000
    li s6, 0
    li s9, 0
    j span_loop
span_done:
    CHECK s9, 30000
    CHECK s6, 90000

    TEST 4
    li s1, 0
    li s2, 20000
    li s6, 0
4:  mv a0, s1
    call far_csr
    add s6, s6, a0
    addi s1, s1, 1
    bne s1, s2, 4b
    li s1, 0                         /* the same, inline */
    li s7, 0
    csrr t4, misa
5:  slli t3, s1, 1
    add t5, s1, t3
    addi t5, t5, 1
    xor t5, t5, t4
    addi t5, t5, 7
    add s7, s7, t5
    addi s1, s1, 1
    bne s1, s2, 5b
    CHECK_EQ s6, s7

    TEST 5
    TIMER_ARM
6:  mv a0, s4
    call far_poll
    addi s5, s5, 1
    beqz a0, 6b
    TIMER_TAKEN
    TEST_PASS

bad_table:
    li a0, 0
    j 2b
    li a1, 0
    j 2b
    li a2, 0
    j 2b
    li a3, 0
    j 2b
    li a4, 0
    j 2b
    li a5, 0
    j 2b
    li a6, 0
    j 2b
    li a7, 0
    j 2b

    .balign 4096
    .skip 4096 - 16
span_loop:                           /* 16 bytes before a page boundary */
    addi s1, s1, 1
    addi s6, s6, 3
    xor s7, s7, s1
    add s8, s8, s6
    addi s9, s9, 1                   /* the next page */
    bne s1, s2, span_loop
    j span_done

    .balign 4096
far_csr:                             /* a0 = ((a0 * 3 + 1) ^ misa) + 7, misa read in the middle */
    slli t3, a0, 1
    add a0, a0, t3
    addi a0, a0, 1
    csrr t3, misa                    /* not compiled: the region leaves before it */
    xor a0, a0, t3
    addi a0, a0, 7
    ret
far_poll:                            /* a0 = *a0 */
    ld a0, 0(a0)
    ret
.option pop

    .data
    .balign 8
zero_word: .dword 0
epc_table:
    .dword pos0, pos1, pos2, pos3, pos4, pos5, pos6, pos7
