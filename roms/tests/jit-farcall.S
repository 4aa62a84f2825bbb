/* A loop calling a small function 64 KiB away, run hot with --jit on. The loop's page is
   compiled first; the callee, three instructions a call, runs interpreted until its own page
   is sampled hot. run() samples the page it enters every JIT_CHUNK instructions, counted from
   the last sample. With that distance fixed, the samples locked onto the loop's period here
   (six instructions an iteration, 4096 = 6 * 682 + 4): the first page change after every
   sample was the return into the compiled loop, where a sample does not count, and the
   callee's page never became hot (49 % of the instructions ran compiled). The distance now
   varies a little (assembly/jit.ts jitChunk).
   Standalone (no common.h runtime): the loop must start where it does for the lock to show.
     1     the loop calls the function N times; a0 counts the calls, a1 is the last call's
           a0 ^ s0 (s0 = 1 then)
   Passes on QEMU 7.2 too. */
#define UART_THR      0x10000000
#define TEST_FINISHER 0x100000
#define N 500000

    .section .text.init
    .globl _start
_start:
    li s0, N
    li a0, 0
1:  jal ra, farcall_leaf
    addi s0, s0, -1
    bnez s0, 1b
    li t0, N
    bne a0, t0, fail
    li t0, N ^ 1
    bne a1, t0, fail
    la a0, pass_msg
    li s1, 0x5555
    j finish
fail:
    la a0, fail_msg
    li s1, (1 << 16) | 0x3333
finish:
    li t0, UART_THR
2:  lbu t1, 0(a0)
    beqz t1, 3f
    sb t1, 0(t0)
    addi a0, a0, 1
    j 2b
3:  li t0, TEST_FINISHER
    sw s1, 0(t0)
4:  j 4b

    .balign 4096
    .skip 65536
farcall_leaf:
    addi a0, a0, 1
    xor a1, a0, s0
    ret

    .section .rodata
pass_msg: .asciz "PASS jit-farcall\n"
fail_msg: .asciz "FAIL jit-farcall 1\n"
