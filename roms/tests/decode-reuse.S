/* Decoded-record pages reused: far more code pages than the decode cache has slots (4096 pages
   against 2048 slots), each holding a two-instruction function at the start of each quarter of
   the page (offsets 0, 0x400, 0x800, 0xc00; a quarter of a page's records is what the cache
   empties when it reuses a slot, assembly/mmu.ts fetchRefill). Pass 1 calls one function per
   page, in quarter i mod 4; pass 2 the next quarter; pass 3 the first again. Each function
   returns its page and quarter; a record left behind by the page that had the slot before
   returns that page's. Each function starts with a branch that is never taken, to the next
   quarter's function: a JIT that compiles the page decodes that one too and marks its entry,
   in a quarter the interpreter never decoded (test/jit-directed.test.ts runs this with every
   page compiled at its first sample). Passes on QEMU 7.2 too. */
#define TEST_NAME "decode-reuse"
#include "common.h"

#define CODE  0x80400000   /* 4096 pages, 16 MiB */
#define PAGES 4096

/* a0 = page i, a1 = quarter q: a2 = the function's address, a3 = what it returns */
.macro ADDR_AND_VALUE
    li a2, CODE
    slli t0, a0, 12
    add a2, a2, t0
    slli t0, a1, 10
    add a2, a2, t0
    slli a3, a0, 2
    add a3, a3, a1
    andi a3, a3, 0x7ff
.endm

/* calls every page's function in quarter (i + s1) mod 4; s2 counts wrong results */
.macro PASS_CALLS
    li s0, 0
1:  mv a0, s0
    add a1, s0, s1
    andi a1, a1, 3
    ADDR_AND_VALUE
    mv s3, a3
    jalr ra, 0(a2)
    beq a0, s3, 2f
    addi s2, s2, 1
2:  addi s0, s0, 1
    li t0, PAGES
    bne s0, t0, 1b
.endm

TEST_MAIN
    /* write the functions: bne zero, zero, <next quarter>; addi a0, zero, value; a loop of 64
       (so that the JIT's samples land in these pages); ret */
    TEST 1
    la s4, branches
    li s0, 0
1:  li s1, 0
2:  mv a0, s0
    mv a1, s1
    ADDR_AND_VALUE
    slli t0, s1, 2
    add t0, t0, s4
    lw t1, 0(t0)
    sw t1, 0(a2)
    slli t1, a3, 20
    li t2, 0x00000513
    or t1, t1, t2
    sw t1, 4(a2)
    li t2, 0x04000293            /* li t0, 64 */
    sw t2, 8(a2)
    li t2, 0xfff28293            /* 1: addi t0, t0, -1 */
    sw t2, 12(a2)
    li t2, 0xfe029ee3            /* bnez t0, 1b */
    sw t2, 16(a2)
    li t2, 0x00008067            /* ret */
    sw t2, 20(a2)
    addi s1, s1, 1
    li t0, 4
    bne s1, t0, 2b
    addi s0, s0, 1
    li t0, PAGES
    bne s0, t0, 1b
    fence.i
    TEST 2
    li s1, 0
    li s2, 0
    PASS_CALLS
    CHECK s2, 0
    TEST 3
    li s1, 1
    PASS_CALLS
    CHECK s2, 0
    TEST 4
    li s1, 0
    PASS_CALLS
    CHECK s2, 0
    TEST_PASS

/* bne zero, zero, (q + 1) mod 4 quarter's function, from quarter q's (never taken) */
.option push
.option norvc
    .balign 4
branches:
    bne zero, zero, . + 0x400
    bne zero, zero, . + 0x400
    bne zero, zero, . + 0x400
    bne zero, zero, . - 0xc00
.option pop
