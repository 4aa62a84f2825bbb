/* Entry of prog.c: hart 0 clears .bss, calls main on its own stack, and reports main's return
   value through the virt test device (0 -> 0x5555, n -> n << 16 | 0x3333); other harts wait. */
    .section .text.init, "ax", @progbits
    .globl _start
_start:
    csrr t0, mhartid
    bnez t0, park
    la sp, stack_top
    la t0, __bss_start
    la t1, __bss_end
1:  bgeu t0, t1, 2f
    sd zero, 0(t0)
    addi t0, t0, 8
    j 1b
2:  call main
    li t1, 0x100000
    li t2, 0x5555
    beqz a0, 3f
    slli t2, a0, 16
    li t3, 0x3333
    or t2, t2, t3
3:  sw t2, 0(t1)
park:
    wfi
    j park

    .bss
    .balign 16
stack:
    .fill 8192, 1, 0
stack_top:
