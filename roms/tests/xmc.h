/* Cross-modifying code between two harts, shared by smp2-jit-xmc.S and smp2-jit-xmc-busy.S (run
   with --smp 2 / -smp 2). Hart 1 serves commands from `mbox`: after a delay it stores a value
   (sw, amoswap.w or sh) at an address, then raises its flag (MB_ACK = the command's number).
   Zifencei makes such a store visible to hart 0's fetches only once hart 0 has seen the flag
   (hart 1 orders store and flag with a data fence) and executed fence.i; until then hart 0 may
   run the old or the new instruction, never anything else. Every wait of hart 0 is bounded,
   so a lost store fails a check instead of hanging. Hart 0 keeps s0 = mbox, s9 = the last
   command's number and s10 = the bound. */
#define TEST_SECONDARY xmc_hart1
#include "common.h"

#define MB_CMD   0   /* word: number of the last command (hart 0 writes it last) */
#define MB_ACK   4   /* word: number of the last command done (hart 1's flag) */
#define MB_KIND  8   /* word: XMC_SW, XMC_AMO or XMC_SH */
#define MB_VAL   12  /* word: the value stored */
#define MB_ADDR  16  /* dword: where */
#define MB_DELAY 24  /* dword: iterations hart 1 spins before the store */
#define XMC_SW  0
#define XMC_AMO 1
#define XMC_SH  2

#define XMC_ROUNDS 4
#define XMC_WARM 100000
#define XMC_DELAY 200000             /* hart 1's spin before a patch: hart 0 is deep in its loop */
/* Far beyond any real wait, also on QEMU's single-threaded TCG, which switches harts only
   every 100 ms */
#define XMC_BOUND (1 << 27)

/* rd = the encoding of `addi a0, zero, rs` (li a0, rs) */
.macro ENC_LI rd, rs
    slli \rd, \rs, 20
    ori \rd, \rd, 0x513
.endm
/* rd = the encoding of `c.li a0, rs` (0 <= rs < 32); uses t6 */
.macro ENC_CLI rd, rs
    slli \rd, \rs, 2
    li t6, 0x4501
    or \rd, \rd, t6
.endm

.macro XMC_INIT
    la s0, mbox
    li s9, 0
    li s10, XMC_BOUND
.endm

/* Hand hart 1 a command: store vreg at target by kind (a constant, or a register other than
   t1: XMC_SEND_R). Uses t1. */
.macro XMC_SEND kind, target, vreg, delay
    li t1, \kind
    XMC_SEND_R t1, \target, \vreg, \delay
.endm
.macro XMC_SEND_R kreg, target, vreg, delay
    sw \kreg, MB_KIND(s0)
    sw \vreg, MB_VAL(s0)
    la t1, \target
    sd t1, MB_ADDR(s0)
    li t1, \delay
    sd t1, MB_DELAY(s0)
    addi s9, s9, 1
    fence w, w
    sw s9, MB_CMD(s0)
.endm

/* Wait (bounded) for hart 1's flag for the last command. Uses t0, t2. */
.macro XMC_WAIT_ACK
    mv t2, s10
.Lwait\@:
    lw t0, MB_ACK(s0)
    beq t0, s9, .Ldone\@
    addi t2, t2, -1
    bnez t2, .Lwait\@
    j fail
.Ldone\@:
    fence r, rw
.endm

/* Call fn XMC_WARM times so that its page is hot (compiled); it must return 1. */
.macro XMC_WARM_UP fn
    li s5, XMC_WARM
.Lwarm\@:
    call \fn
    addi s5, s5, -1
    bnez s5, .Lwarm\@
    CHECK a0, 1
.endm

/* Hart 1's command server and the mailbox; place once, outside other code. */
.macro XMC_HART1
    .balign 4096
xmc_hart1:
    csrr t0, mhartid
    li t1, 1
    bne t0, t1, 9f                   /* harts beyond 1 (none with -smp 2) stay out */
    la t0, xmc_hart1_trap
    csrw mtvec, t0
    li gp, 250
    la s0, mbox
1:  lw t0, MB_CMD(s0)
    lw t1, MB_ACK(s0)
    beq t0, t1, 1b
    fence r, rw
    lw a2, MB_KIND(s0)
    lw a1, MB_VAL(s0)
    ld a0, MB_ADDR(s0)
    ld a3, MB_DELAY(s0)
    beqz a3, 3f
2:  addi a3, a3, -1
    bnez a3, 2b
3:  li t2, XMC_AMO
    beq a2, t2, 5f
    li t2, XMC_SH
    beq a2, t2, 6f
    sw a1, 0(a0)
    j 7f
5:  amoswap.w zero, a1, (a0)
    j 7f
6:  sh a1, 0(a0)
7:  fence w, w                       /* the store before the flag */
    sw t0, MB_ACK(s0)
    j 1b
9:  wfi
    j 9b
    .balign 4
xmc_hart1_trap:                      /* any trap on hart 1 fails the test (check 250) */
    la a0, str_xmc_hart1_trap
    j fail_msg
    .pushsection .rodata
str_xmc_hart1_trap: .asciz " (trap on hart 1) mcause="
    .popsection
    .pushsection .data               /* not .bss: hart 1 reads it before hart 0 clears .bss */
    .balign 64
mbox: .fill 32, 1, 0
    .popsection
.endm
