# Two harts (run with --smp 2): both increment a shared counter 20000 times with an LR/SC
# loop (the counter must end at exactly 40000, so SC fails whenever the other hart got in
# between), then hart 0 sends hart 1 a software interrupt through the CLINT's msip[1]; hart 1,
# asleep in wfi, must take it as mcause = machine software interrupt and report back.
    .equ UART, 0x10000000
    .equ FINISHER, 0x100000
    .equ MSIP1, 0x2000004
    .equ COUNT, 20000

    .section .text.init
    .globl _start
_start:
    csrr  a0, mhartid
    li    t0, 1
    bgtu  a0, t0, park            # only harts 0 and 1 take part
    li    s0, COUNT
    la    s1, counter
1:  lr.w  t1, (s1)
    addi  t1, t1, 1
    sc.w  t2, t1, (s1)
    bnez  t2, 1b
    addi  s0, s0, -1
    bnez  s0, 1b
    bnez  a0, secondary

    li    t3, 2 * COUNT           # hart 0: wait for both harts' increments
2:  lw    t1, 0(s1)
    bne   t1, t3, 2b
    la    t0, ready               # and for hart 1 to be ready for its interrupt
3:  lw    t1, 0(t0)
    beqz  t1, 3b
    li    t0, MSIP1
    li    t1, 1
    sw    t1, 0(t0)
    la    t0, done
4:  lw    t1, 0(t0)
    beqz  t1, 4b
    li    t2, 2
    bne   t1, t2, fail
    la    a0, pass_msg
    call  puts
    li    t0, FINISHER
    li    t1, 0x5555
    sw    t1, 0(t0)
    j     park

secondary:
    la    t0, handler
    csrw  mtvec, t0
    li    t0, 8                   # mie.MSIE
    csrw  mie, t0
    csrsi mstatus, 8              # mstatus.MIE
    la    t0, ready
    li    t1, 1
    sw    t1, 0(t0)
park:
    wfi
    j     park

    .balign 4
handler:
    csrr  t0, mcause
    li    t1, (1 << 63) | 3
    li    t2, 2
    beq   t0, t1, 1f
    li    t2, 3                   # wrong cause
1:  li    t0, MSIP1               # acknowledge
    sw    zero, 0(t0)
    la    t0, done
    sw    t2, 0(t0)
    j     park

fail:
    la    a0, fail_msg
    call  puts
    li    t0, FINISHER
    li    t1, (1 << 16) | 0x3333
    sw    t1, 0(t0)
    j     park

puts:
    li    t0, UART
1:  lbu   t1, 0(a0)
    beqz  t1, 2f
    sb    t1, 0(t0)
    addi  a0, a0, 1
    j     1b
2:  ret

    .section .rodata
pass_msg: .asciz "PASS smp2-ipi\n"
fail_msg: .asciz "FAIL smp2-ipi 1\n"

    .data
    .balign 64
counter: .word 0
ready:   .word 0
done:    .word 0
