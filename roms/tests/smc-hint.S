/* Stores to a page that became code, when the store-TLB entry that the page's frame was filled
   at is no longer named by its hint (assembly/mmu.ts purgeStoreEntries, STORE_HINTS: one hint
   per frame index modulo 4096, so a frame 16 MiB away takes the hint over). The code page is
   written first (a store entry is filled for it in M-mode's view), then a store to the frame
   16 MiB above, made with MPRV as S-mode (another view: the entry at the same index is another
   one) takes over the hint, then the page is run (it becomes a code page: its store entries
   must go, so that the next store to it invalidates the decoded code), then patched and run
   again. */
#define TEST_NAME "smc-hint"
#include "common.h"

#define FAR (16 << 20)

TEST_MAIN
    TEST 1
    la s0, code
    li t1, 0x00100513            /* addi a0, zero, 1 */
    sw t1, 0(s0)                 /* a store entry for the code page's frame */
    li t1, 0x00008067            /* ret */
    sw t1, 4(s0)
    li t2, FAR
    add s1, s0, t2
    li t3, (1 << 17) | (1 << 11) /* MPRV, MPP = S: stores use S-mode's view (satp bare) */
    li t4, (1 << 12)
    csrc mstatus, t4
    csrs mstatus, t3
    sw zero, 0(s1)               /* the frame 16 MiB above takes the hint over */
    csrc mstatus, t3
    fence.i
    jalr s0
    CHECK a0, 1
    TEST 2
    li t1, 0x00200513            /* addi a0, zero, 2: must reach the decoded page */
    sw t1, 0(s0)
    fence.i
    jalr s0
    CHECK a0, 2
    TEST_PASS

    .balign 4096
code:
    .space 4096
