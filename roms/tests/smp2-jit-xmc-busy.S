/* Cross-modifying code (--smp 2) that hart 0 keeps running while hart 1's store lands: with
   --jit on, the region being dropped is the one hart 0 is executing (rvisor interleaves harts
   between core.run() calls, so hart 0 resumes from wherever its quantum ended: inside f, in
   the loop, in the block that was patched). Until hart 0 has seen the flag and executed
   fence.i, each result must be the old or the new value; after it, the new one. See xmc.h for
   the protocol. Four rounds each (K = 2, 3, 4, 5):
     1-3   hart 0 calls f (`li a0, K`, patched by sw) in a loop on f's own page;
     10-13 hart 0 calls g on another page than the loop (patched by sw, then by amoswap.w);
           before g first runs, hart 1 stores into g's page (a store-TLB entry for a frame that
           becomes code, which the first patch must not use);
     20-22 a compressed `c.li a0, K` (sh) that hart 0's polling loop executes every iteration.
   Passes on QEMU 7.2 with -accel tcg,thread=single. QEMU 7.2's default multi-threaded TCG
   fails many runs (from 3 in 20 to 23 in 30 in trials; check 3, 13 or 22): a translation of
   the old bytes made while the other hart's store is in flight survives fence.i for good
   (100000 more fence.i + calls still return the old value although memory holds the new
   one). smp2-jit-xmc.S covers the same ground without that race and passes there. */
#define TEST_NAME "smp2-jit-xmc-busy"
#include "xmc.h"

/* XMC_ROUNDS rounds: hart 1 rewrites fn's `li a0, K` (K = 2, 3, ...) by `first` in the first
   round and by `kind` after, while hart 0 keeps calling fn. Checks n (timeout), n + 1 (only
   the old or the new K before the flag), n + 2 (the new K after the flag and fence.i). */
.macro BUSY_ROUNDS fn, first, kind, n
    li s7, 1                         /* old K */
    li s8, 2                         /* new K */
    li s11, XMC_ROUNDS
.Lround\@:
    li gp, \n
    ENC_LI t3, s8
    li t4, \kind
    li t0, XMC_ROUNDS
    bne s11, t0, .Lsend\@
    li t4, \first
.Lsend\@:
    XMC_SEND_R t4, \fn, t3, XMC_DELAY
    li s5, 0
    li s6, 0
.Lcall\@:
    call \fn
    addi s5, s5, 1
    beq a0, s7, .Lgood\@
    beq a0, s8, .Lgood\@
    addi s6, s6, 1
.Lgood\@:
    lw t0, MB_ACK(s0)
    beq t0, s9, .Lseen\@
    bltu s5, s10, .Lcall\@
    j fail
.Lseen\@:
    fence r, rw
    fence.i
    call \fn
    mv s1, a0
    li gp, \n + 1
    CHECK s6, 0
    li gp, \n + 2
    CHECK_EQ s1, s8
    mv s7, s8
    addi s8, s8, 1
    addi s11, s11, -1
    bnez s11, .Lround\@
.endm

TEST_MAIN
    XMC_INIT
    j part_a

.option push
.option norvc

/* ---- 1-3: f on the page of the loop that calls it ---- */
    .balign 4096
part_a:
    TEST 1
    XMC_WARM_UP f
    BUSY_ROUNDS f, XMC_SW, XMC_SW, 1
    j part_b
f:  li a0, 1
    ret

/* ---- 10-13: g on another page, patched by sw and then by an AMO ---- */
    .balign 4096
part_b:
    TEST 10
    li t3, 0x5a5a5a5a
    XMC_SEND XMC_SW, g_data, t3, 0   /* into g's page while it is only data */
    XMC_WAIT_ACK
    TEST 10
    XMC_WARM_UP g
    BUSY_ROUNDS g, XMC_SW, XMC_AMO, 11
    j part_c

    .balign 4096
g:  li a0, 1
    ret
g_data: .word 0

/* ---- 20-22: the patched instruction runs in every iteration of the polling loop ---- */
    .balign 4096
part_c:
    TEST 20
    li s7, 1
    li s8, 2
    li s11, XMC_ROUNDS
1:  li gp, 20
    ENC_CLI t3, s8
    XMC_SEND XMC_SH, c_insn, t3, XMC_DELAY
    li s3, 0                         /* 1: flag seen and fence.i done, one more pass */
    li s5, 0
    li s6, 0
2:
.option push
.option rvc
c_insn:
    c.li a0, 1
.option pop
    beq a0, s7, 3f
    beq a0, s8, 3f
    addi s6, s6, 1
3:  addi s5, s5, 1
    bnez s3, 5f
    lw t0, MB_ACK(s0)
    beq t0, s9, 4f
    bltu s5, s10, 2b
    j fail
4:  fence r, rw
    fence.i
    li s3, 1
    j 2b
5:  TEST 21
    CHECK s6, 0
    TEST 22
    CHECK_EQ a0, s8
    mv s7, s8
    addi s8, s8, 1
    addi s11, s11, -1
    bnez s11, 1b
    TEST_PASS

    XMC_HART1
.option pop
