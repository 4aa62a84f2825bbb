/* Start-up for the bench programs (bare metal, M-mode, QEMU virt map).
 * Entry: a0 = hart id, a1 = device tree pointer (both ignored but hart id).
 * Sets gp/sp, installs a trap handler that reports and exits, zeroes .bss,
 * turns the FPU on (FP builds only), calls main() and passes its return
 * value to bm_exit(). */
    .file   "crt.S"
    .section .text.init, "ax", @progbits
    .globl _start
_start:
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    bnez    a0, park                /* only hart 0 runs the benchmark */
    la      sp, __stack_top
    la      t0, trap_entry
    csrw    mtvec, t0
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:
#ifdef __riscv_flen
    /* mstatus.FS resets to Off, which makes every FP instruction illegal:
     * set it to Initial, and start with fcsr = 0 (RNE, no flags). */
    li      t0, 1 << 13
    csrs    mstatus, t0
    csrw    fcsr, zero
#endif
    call    main
    call    bm_exit                 /* a0 = main's return value; never returns */
park:
    wfi
    j       park

/* Any trap is fatal here: report it and exit with code 3. */
    .align  2
trap_entry:
    csrr    a0, mcause
    csrr    a1, mepc
    csrr    a2, mtval
    call    bm_trap
3:  j       3b
