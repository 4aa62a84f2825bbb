# mip.SEIP is the OR of a software-writable bit and the PLIC's S-mode line; only the software
# bit takes part in csrrs/csrrc (privileged spec 3.1.9). Raise the line (UART transmit-empty
# interrupt through the PLIC, source 10, context 1 = hart 0 S-mode), do csrrs mip, STIP while
# it is high, drop the line, and check that SEIP does not stay set.
    .equ UART, 0x10000000
    .equ FINISHER, 0x100000
    .equ PLIC, 0xc000000
    .equ PLIC_PRIO10, PLIC + 4 * 10
    .equ PLIC_S_ENABLE, PLIC + 0x2080     # context 1
    .equ PLIC_S_THRESHOLD, PLIC + 0x201000
    .equ PLIC_S_CLAIM, PLIC + 0x201004
    .equ MIP_SEIP, 1 << 9
    .equ MIP_STIP, 1 << 5

    .section .text.init
    .globl _start
_start:
    csrr  t0, mhartid
    bnez  t0, park
    li    t0, PLIC_PRIO10
    li    t1, 1
    sw    t1, 0(t0)
    li    t0, PLIC_S_ENABLE
    li    t1, 1 << 10
    sw    t1, 0(t0)
    li    t0, PLIC_S_THRESHOLD
    sw    zero, 0(t0)
    li    t0, UART
    li    t1, 2                   # IER.THRI: the transmitter is empty, so the line goes high
    sb    t1, 1(t0)
    li    gp, 1
    csrr  t2, mip                 # 1: SEIP visible while the line is high
    li    t3, MIP_SEIP
    and   t2, t2, t3
    beqz  t2, fail
    li    gp, 2
    li    t4, MIP_STIP
    csrrs zero, mip, t4           # 2: set STIP; must not latch the SEIP line
    li    t0, UART
    sb    zero, 1(t0)             # drop the UART line
    li    t0, PLIC_S_CLAIM        # claim and complete whatever the PLIC latched
    lw    t1, 0(t0)
    sw    t1, 0(t0)
    csrr  t2, mip
    li    t3, MIP_SEIP
    and   t3, t2, t3
    bnez  t3, fail
    li    gp, 3
    andi  t2, t2, MIP_STIP        # 3: and STIP was set
    beqz  t2, fail
    li    t4, MIP_STIP
    csrrc zero, mip, t4
    la    a0, pass_msg
    call  puts
    li    t0, FINISHER
    li    t1, 0x5555
    sw    t1, 0(t0)
park:
    wfi
    j     park
fail:
    la    a0, fail_msg
    call  puts
    slli  t1, gp, 16
    li    t2, 0x3333
    or    t1, t1, t2
    li    t0, FINISHER
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
pass_msg: .asciz "PASS priv-seip\n"
fail_msg: .asciz "FAIL priv-seip\n"
