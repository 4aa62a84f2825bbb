/* Cross-modifying code (--smp 2): hart 1 patches code that hart 0 has run hot (so with --jit on
   it is compiled; in 1-3 and 20-22 hart 0 is running compiled code of the patched page when
   the store lands), while hart 0 polls for hart 1's flag; then fence.i, and the new
   instruction must run. See xmc.h for the protocol. Four rounds each (K = 2, 3, 4, 5):
     1-3   f's `li a0, K` (sw) on the page of hart 0's polling loop, which keeps calling another
           function of that page;
     10-13 g's `li a0, K` on another page than the loop, by sw in the first round and by
           amoswap.w after (an AMO store takes another path); before g first runs, hart 1
           stores into g's page, so hart 1 holds a store-TLB entry for a frame that then
           becomes code, which the first patch must not use;
     20-22 a compressed `c.li a0, K` (sh) in a block of the polling loop itself, a block hart 0
           runs only after the flag.
   Here hart 0 never runs the patched instruction while the store may land: QEMU 7.2's
   multi-threaded TCG then sometimes keeps a stale translation for good (smp2-jit-xmc-busy.S
   has those cases). Passes on QEMU 7.2 -smp 2. */
#define TEST_NAME "smp2-jit-xmc"
#include "xmc.h"

TEST_MAIN
    XMC_INIT
    j part_a

.option push
.option norvc

/* ---- 1-3: the patch lands on the page hart 0 is running ---- */
    .balign 4096
part_a:
    TEST 1
    XMC_WARM_UP f
    li s8, 2                         /* new K */
    li s11, XMC_ROUNDS
1:  li gp, 2
    ENC_LI t3, s8
    XMC_SEND XMC_SW, f, t3, XMC_DELAY
    li s5, 0
2:  call f2                          /* compiled calls and returns within the page */
    lw t0, MB_ACK(s0)
    addi s5, s5, 1
    beq t0, s9, 3f
    bltu s5, s10, 2b
    j fail
3:  fence r, rw
    fence.i
    call f
    TEST 3
    CHECK_EQ a0, s8
    addi s8, s8, 1
    addi s11, s11, -1
    bnez s11, 1b
    j part_b
f:  li a0, 1
    ret
f2: addi a1, a1, 1
    ret

/* ---- 10-13: the patch lands on another page, by sw and then by an AMO ---- */
    .balign 4096
part_b:
    TEST 10
    li t3, 0x5a5a5a5a
    XMC_SEND XMC_SW, g_data, t3, 0   /* into g's page while it is only data */
    XMC_WAIT_ACK
    TEST 11
    XMC_WARM_UP g
    li s8, 2
    li s11, XMC_ROUNDS
1:  li gp, 12
    ENC_LI t3, s8
    li t4, XMC_AMO
    li t0, XMC_ROUNDS
    bne s11, t0, 4f
    li t4, XMC_SW                    /* the first patch: a plain store, as the one into g_data */
4:  XMC_SEND_R t4, g, t3, XMC_DELAY
    li s5, 0
2:  lw t0, MB_ACK(s0)
    addi s5, s5, 1
    beq t0, s9, 3f
    bltu s5, s10, 2b
    j fail
3:  fence r, rw
    fence.i
    call g
    TEST 13
    CHECK_EQ a0, s8
    addi s8, s8, 1
    addi s11, s11, -1
    bnez s11, 1b
    j part_c

    .balign 4096
g:  li a0, 1
    ret
g_data: .word 0

/* ---- 20-23: the patch lands in a block of the running polling loop ---- */
    .balign 4096
part_c:
    TEST 20
    li s8, 2
    li s11, XMC_ROUNDS
    li a0, 0
1:  li gp, 21
    ENC_CLI t3, s8
    XMC_SEND XMC_SH, c_insn, t3, XMC_DELAY
    li s3, 0                         /* 1: flag seen and fence.i done; 2: patched block run */
    li s5, 0
2:  bnez s3, 5f
    lw t0, MB_ACK(s0)
    addi s5, s5, 1
    beq t0, s9, 4f
    bltu s5, s10, 2b
    j fail
4:  fence r, rw
    fence.i
    li s3, 1
    j 2b
5:  li t1, 2
    beq s3, t1, 6f
.option push
.option rvc
c_insn:
    c.li a0, 1
.option pop
    li s3, 2
    j 2b
6:  TEST 22
    CHECK_EQ a0, s8
    addi s8, s8, 1
    addi s11, s11, -1
    bnez s11, 1b
    TEST_PASS

    XMC_HART1
.option pop
